// The Stratum One engine: sans-I/O, single-threaded and deterministic.
//
// It is fed packets (with their receive timestamps), name-resolution results, transmit
// notifications and timer expiries, each together with the host's clock reading, and
// answers with packets to send, names to resolve and the next time it wants to be woken. It
// never opens a socket, reads a clock or starts a timer: hosts (Qt worker thread, plain poll()
// loop, simulator) do that, and identical inputs give identical outputs.
//
// Every time a host hands in or gets back is a reading of the host's clock (CLOCK_REALTIME).
// Without a clock driver that clock is the raw clock and the engine serves a virtual clock over
// it. With one (EngineOptions::clockDriver) the engine steers that clock, so its readings are
// corrected time: the engine turns them into raw time with the driver at the boundary, keeps
// everything inside on the raw scale, and serves the steered clock's time.
#pragma once

#include "alarms/AlarmMonitor.h"
#include "auth/KeyTable.h"
#include "clock/ClockDiscipline.h"
#include "clock/ClockDriver.h"
#include "config/EngineConfig.h"
#include "engine/EngineIo.h"
#include "engine/RuntimeCommand.h"
#include "engine/SourceRecord.h"
#include "leap/LeapSecondHandler.h"
#include "logging/EngineLogger.h"
#include "ntp/ClientLog.h"
#include "ntp/NtpResponder.h"
#include "refclock/RefClockSample.h"
#include "refclock/RefClockSource.h"
#include "report/EngineSnapshot.h"
#include "sources/NtpSource.h"
#include "sources/SelectionExplanation.h"
#include "sources/SourceDump.h"
#include "sources/SourceSelector.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string_view>
#include <vector>

namespace s1 {

struct EngineOptions
{
    // Seeds every random choice (request cookies), so that a run can be replayed exactly.
    std::uint64_t seed = 1;
    // log2 s; the host measures its clock's reading resolution.
    int precision = -20;
    // Null: virtual clock, the system clock is never touched (`-x`). Otherwise the clock the
    // engine steers (frequency, slews, makestep, sync status); it must outlive the engine and
    // be open.
    ClockDriver *clockDriver = nullptr;
    // The drift file's frequency (ppm, positive: the raw clock runs fast), read by the host.
    std::optional<double> driftFrequencyPpm;
    // The drift file's skew (ppm): how far that frequency may be trusted.
    std::optional<double> driftSkewPpm;
    // The leap seconds `leapsectz`/`leapseclist` name, read and checked by the host.
    std::optional<LeapSecondTable> leapSecondTable;
    // The keyfile's keys (`keyfile`), read and checked by the host: what `key` signs requests
    // with and checks replies against, and what the server answers signed requests with.
    KeyTable keys;
    // The alarms of the engine this one replaces (a reload), carried on (AlarmMonitor::adopt).
    std::vector<Alarm> previousAlarms;
};

class Engine
{
public:
    // Reference ID served with `local`: 127.127.1.1, as chrony and ntpd do.
    static constexpr std::uint32_t kLocalReferenceId = 0x7F7F0101;
    // Name-resolution retry: first wait and the cap of its doubling.
    static constexpr Nanoseconds kResolveRetryFirst = std::chrono::seconds(8);
    static constexpr Nanoseconds kResolveRetryMax = std::chrono::seconds(512);
    // How long the first selection waits for replies still outstanding in the same round.
    static constexpr Nanoseconds kStartupReplyWait = std::chrono::seconds(2);
    // Clients a snapshot lists at most (the most recently seen). The snapshot is copied to the
    // GUI thread and streamed as JSON to every subscriber once a second, so it must stay small
    // (130-160 bytes of JSON per client: under 160 KiB here), while the log itself may hold
    // tens of thousands; a thousand is more than an operator reads, and the rest are counted.
    static constexpr std::size_t kSnapshotClientLimit = 1024;

    Engine(EngineConfig config, EngineOptions options, RealTime now);
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    void handlePacket(const ReceivedPacket &packet, RealTime now);
    void handleTimeout(RealTime now);
    // The host's answer to a ResolveRequest; an empty list means the name did not resolve.
    void handleResolved(std::uint64_t token, const std::vector<IpAddress> &addresses, RealTime now);
    // When a packet with OutgoingPacket::reportTransmit left: improves a source's T1, and
    // records the real transmit time of a server reply for an interleaved reply to follow.
    // Reports of packets the engine no longer waits for are ignored.
    void handleTransmitted(const TransmittedPacket &packet);
    // chronyc's `makestep`: steps the clock by the correction still being slewed. Returns the
    // step (s); 0 when nothing was pending.
    double makeStep(RealTime now);
    // chronyd's LCL_NotifyExternalTimeStep: the host saw the system clock jump by `offset` s
    // that no step of the engine explains (ExternalStepDetector); `now` is read after the jump.
    // The engine's raw scale goes on without it: with a clock driver the driver counts the
    // step in its map (the next update then corrects the clock, stepped under makestep's rules
    // or slewed), with the virtual clock the engine takes it out of every reading from now on,
    // so the time served does not jump. The sources' samples stay valid on that scale; what
    // chronyd resets because it can only bound the jump we measured, so only the requests in
    // flight across it are dropped. Logged once, and the "clock stepped" alarm says it was an
    // external step.
    void notifyExternalStep(double offset, RealTime now);
    // Whether the kernel may be inserting or deleting a leap second for the clock driver about
    // now (`leapsecmode system`): a jump of the clock then is not another program's.
    bool clockLeapSecondNear(RealTime now) const;

    // chronyc's runtime commands (docs/CONTROL_PROTOCOL.md): `name` is chronyc's command ("add",
    // "delete", "allow", "burst", "offline", "minpoll", "local", ...), `arguments` the rest of
    // chronyc's line, read with chronyc's syntax; options of `add` and `allow`/`deny` and `local`
    // go through the configuration parser, so they mean what they mean in the file. Changes
    // last until the engine is created again (a restart or a reload).
    CommandResult runCommand(std::string_view name, std::string_view arguments, RealTime now);
    // The commands one by one. A subnet of nullopt means every source.
    CommandResult addSourceLine(std::string_view directive, RealTime now); // "server NAME [options]"
    CommandResult deleteSource(std::string_view addressOrName, RealTime now);
    CommandResult changeAccess(std::string_view directive); // "allow [all] [SUBNET]", "deny ..."
    CommandResult burst(int good, int total, const std::optional<Subnet> &which, RealTime now);
    CommandResult setOnline(bool online, const std::optional<Subnet> &which, RealTime now);
    enum class SourceSetting : std::uint8_t {
        MinPoll,
        MaxPoll,
        MaxDelay,
        MaxDelayRatio,
        MaxDelayDevRatio,
        MinStratum,
        PollTarget
    };
    CommandResult modifySource(const IpAddress &address, SourceSetting setting, double value);
    CommandResult reselectNow(RealTime now);
    // Resolves again the names of the servers and peers configured by name; a source whose name
    // now points elsewhere moves to the new address (its history starts again).
    CommandResult refreshNames(RealTime now);
    CommandResult setLocal(std::string_view arguments); // "off", or `local`'s options
    CommandResult resetClients();
    // A driver's sample or pulse for the refclock at `index` in config().refClocks, with times
    // on the raw clock.
    void handleRefClockSample(std::size_t index, const RefClockSample &sample, RealTime now);
    void handleRefClockPulse(std::size_t index, const RefClockPulse &pulse, RealTime now);
    // The host's view of the GPS receiver (its drivers decode the serial line), for the alarms
    // about the fix, the time validity and the serial line; the host hands it in at its
    // snapshot pace.
    void handleGpsStatus(const GpsStatus &status, RealTime now);
    // The leap second table as the host read it again (EngineOptions::leapSecondTable at start).
    void setLeapSecondTable(std::optional<LeapSecondTable> table) { m_leap.setTable(std::move(table)); }
    // The reference ID a refclock goes by when the configuration gives none: the driver's name
    // cut to three letters and the refclock's position ("PPS0", "SHM1"), as chronyd names them.
    static std::string defaultRefId(const RefClockConfig &config, std::size_t index);

    // chronyd's `dump`: every source's statistics with samples, as values for the host to write
    // to `dumpdir`; times on the host's clock (see SourceDump.h).
    std::vector<SourceDump> dumpSources(RealTime now) const;
    // chronyd's `-r`: statistics saved by an earlier run, read by the host. Each dump goes to
    // the source of its identity, at once or when that source is added (a name resolved
    // later); one not loadable (checkSourceDump at `now`) is refused. What was restored or
    // refused comes out as events; returns how many sources were restored at once.
    int restoreSources(std::vector<SourceDump> dumps, RealTime now);

    std::vector<OutgoingPacket> takeOutgoing();
    // The same into `into`, whose old contents are dropped and whose storage the engine keeps
    // for the next packets: a host that swaps one vector back and forth allocates no vector
    // per wake-up.
    void takeOutgoing(std::vector<OutgoingPacket> &into);
    std::vector<ResolveRequest> takeResolveRequests();
    // Records for the chrony-format log files enabled by `log`; empty without `logdir`.
    std::vector<EngineLogRecord> takeLogRecords();
    // Selection changes and clock steps, for the journal.
    std::vector<EngineEvent> takeEvents();
    // Host clock reading at which handleTimeout wants to be called. Sources poll and measure
    // on the raw clock: their samples are offsets of the source from the raw clock, which the
    // local clock's corrections never disturb.
    std::optional<RealTime> nextWakeup() const;

    // The engine's time (the time it serves) at host clock reading `reading`; with a clock
    // driver that is the reading itself, up to a nanosecond of rounding.
    RealTime localTime(RealTime reading) const;
    // The transmit timestamp for a packet leaving at host clock reading `now`.
    NtpTimestamp transmitTimestamp(RealTime now) const;
    // What the host does to each outgoing packet right before sending it: writes the transmit
    // timestamp when the packet asks for it (transmitTimestamp) and then, for a signed packet,
    // its MAC again, which covers that timestamp.
    void finishOutgoing(OutgoingPacket &packet, RealTime now) const;
    EngineSnapshot snapshot(RealTime now) const;
    const EngineConfig &config() const { return m_config; }

private:
    struct PendingResolve
    {
        SourceConfig config;
        RealTime retryAt;
        Nanoseconds retryDelay;
        bool inFlight = false;
        bool failed = false;                  // a lookup found no address
        bool runtime = false;                 // added by a command, not the configuration
        std::optional<std::uint32_t> refresh; // `refresh` of this source: move it if its name moved
    };

    // A host clock reading on the raw scale, and back: the driver's map, or the virtual clock's
    // raw clock, the reading less the external steps noticed.
    RealTime rawTime(const ClockDriver *driver, RealTime reading) const;
    RealTime hostTime(RealTime raw) const;
    // Turns what the clock driver refused into events.
    void reportClockDriverErrors();
    // False when a source with that address already exists.
    bool addSource(const SourceConfig &config, std::string name, const IpAddress &address, std::string poolName,
                   RealTime now);
    // A source's statistics configuration: minsamples/maxsamples as given, our precision.
    SourceStatisticsConfig statisticsConfig(std::optional<int> minSamples, std::optional<int> maxSamples) const;
    // Which dump a source's statistics go to.
    SourceDumpIdentity dumpIdentityOf(const SourceRecord &record) const;
    // Loads the pending dump of source `id`, if there is one.
    void applyRestoredDump(std::uint32_t id);
    // True when a request was made (a reach register moved).
    bool pollDueSources(RealTime now);
    void requestDueResolves(RealTime now);
    void handleServerPacket(const ReceivedPacket &packet, RealTime rawReceive);
    // Answers a symmetric active packet from a configured `peer` (mode 2, whatever the access
    // rules); false when the packet is anything else.
    bool answerPeer(const ReceivedPacket &packet, RealTime cookedReceive);
    ClientLogSnapshot clientLogSnapshot() const;
    // The NTP sources an online/offline/burst with `which` concerns.
    std::vector<NtpSource *> sourcesIn(const std::optional<Subnet> &which) const;
    NtpSource *sourceAt(const IpAddress &address) const;
    // `refresh`: source `id` (configured by name) now resolves to `addresses`; moves it to the
    // first when its address is not among them.
    void moveRefreshedSource(std::uint32_t id, const std::vector<IpAddress> &addresses, RealTime now);
    void handleClientPacket(const ReceivedPacket &packet, RealTime rawReceive);
    // What `ntpdata` shows of a reply that answered our request.
    static NtpExchangeSnapshot exchangeOf(const NtpHeader &reply, const IpAddress &local, RealTime receive);
    // The sample of an accepted reply: the sample tests, the measurements log, then the
    // filter (`filter N`) and, for what comes out of it, updateNtpSource().
    void processNtpSample(NtpSource &source, const NtpReply &reply, RealTime now);
    // A poll of `source` that gave no sample for the filter (no reply, or no usable one).
    void countMissingSample(NtpSource &source, RealTime now);
    // A filtered sample of `source`, in three steps: its statistics, the poll interval they
    // earn (NtpSource::adjustPoll), then selection.
    void updateNtpSource(NtpSource &source, const StatSample &sample, RealTime now);
    // Adds `sample` (the source's, filtered) to its statistics; returns the poll adjustment it
    // earns.
    double accumulateSample(const NtpSource &source, const StatSample &sample);
    // Adds `sample` to the statistics of source `id`; returns the prediction error of the
    // statistics before the sample, when they could predict.
    std::optional<double> accumulateStatistics(std::uint32_t id, const StatSample &sample);
    // True when a refclock was polled (a reach register moved).
    bool pollDueRefClocks(RealTime now);
    // What the alarms are evaluated from, and the evaluation (raw `now`).
    AlarmInputs alarmInputs(RealTime now);
    void updateAlarms(RealTime now);
    // The engine's time at a pulse edge, or nullopt with `problem` saying why there is none.
    std::optional<PulseReference> pulseReference(const RefClockSource &refclock, RealTime edge,
                                                 PulseLockProblem &problem) const;
    // A time-of-day refclock's newest raw sample against the engine's time, while a PPS or an
    // NTP source (not the refclock itself) is selected.
    void calibrate(const RefClockSource &refclock);
    // Why the source has its selection state (SelectionExplanation), at `now` (raw).
    SelectionReason selectionReason(const SourceSnapshot &source, RealTime now) const;
    // A pulse edge (raw clock) for `refclock`, paired and logged; PPS and `pps` samples alike.
    void addRefClockPulse(RefClockSource &refclock, RealTime edge);
    NtpSource *findSource(std::uint32_t id) const;
    RefClockSource *findRefClock(std::uint32_t id) const;
    // The sources in the order selection and snapshots take them: in the order they were added
    // (ids grow), so refclocks in config().refClocks order.
    std::vector<NtpSource *> ntpSources() const;
    std::vector<RefClockSource *> refClocks() const;
    // What selection and the reference need to know of any source, NTP or refclock.
    struct SourceIdentity
    {
        std::string name;
        std::uint32_t referenceId = 0;    // the ID we serve when it is our reference
        std::uint32_t ownReferenceId = 0; // what the source itself says it is synchronised to
        int stratum = 0;
        LeapIndicator leap = LeapIndicator::Unsynchronised;
        std::uint8_t reach = 0;
        bool prefer = false, noselect = false, trust = false, require = false;
        IpAddress address; // null for refclocks
    };
    SourceIdentity identityOf(std::uint32_t id) const;
    // `authselectmode`: which kinds of NTP sources (authenticated or not, noselect ones left
    // out) are configured, and what that does to one source's selection options.
    struct AuthenticationMix
    {
        bool authenticated = false;
        bool unauthenticated = false;
    };
    AuthenticationMix authenticationMix() const;
    // Why `authselectmode` made an NTP source noselect (require, prefer), for its selection reason.
    std::string authSelectModeReason() const;
    void applyAuthSelectMode(SourceIdentity &identity, bool ntp, bool authenticated, bool noselect) const;
    void reselect(RealTime now, std::optional<std::uint32_t> updatedId);
    SelectionCandidate candidateFor(std::uint32_t id, RealTime now) const;
    void reportSelection(const SelectionResult &result);
    ServedReference servedReference(RealTime now) const;
    SourceSnapshot toLocalTimeScale(SourceSnapshot source, RealTime now) const;
    static double pollAdjustment(std::optional<double> predictionError, double peerDistance, int samples,
                                 int pollTarget);
    ReferenceSnapshot referenceSnapshot(RealTime now) const;
    // The leap second's start or end, due at served time `due`, has come (host `reading`).
    void handleLeapSecond(RealTime reading, RealTime due);
    // UTC moved by `offset` s against our clock: every source's samples move with it.
    void shiftReferences(double offset);
    // Whether a sample taken at raw time `raw` is too close to a leap second to be trusted.
    bool nearLeapSecond(RealTime raw) const;
    // TAI - UTC (s) at raw time `raw` for `tai` refclocks: the leap table's, else the last known.
    double taiMinusUtc(RealTime raw) const;
    // TAI - UTC (s) to give the kernel at raw time `raw` (leapsecmode system), 0 for none.
    int kernelTaiOffset(RealTime raw) const;

    EngineConfig m_config;
    EngineOptions m_options;
    ClockDiscipline m_discipline;
    LeapSecondHandler m_leap;
    EngineLogger m_logger;
    NtpResponder m_responder;
    // Null with `noclientlog`. Keeps raw times, which no step of ours disturbs.
    std::optional<ClientLog> m_clientLog;
    SourceSelector m_selector;
    // chrony's poll adjustment for a reply whose sample failed a test: the interval lengthens
    // slowly while the path stays bad (chrony uses 0.1 for a synchronisation loop, test D,
    // which we do not test).
    static constexpr double kFailedTestPollAdjustment = 0.02;
    // Weight of a new squared normalised prediction error in its running mean, the mean above
    // which the poll interval is shortened (about twice what noise alone gives), and a floor
    // for the noise estimate (s) so that a perfect source does not divide by zero.
    static constexpr double kMisfitWeight = 0.25;
    static constexpr double kPredictionMisfitLimit = 2.0;
    static constexpr double kMinimumNoise = 1e-12;
    std::mt19937_64 m_random;

    std::map<std::uint32_t, SourceRecord> m_records; // by source id, NTP and refclock
    std::uint32_t m_nextSourceId = 1;
    std::map<std::uint64_t, PendingResolve> m_pendingResolves; // by token
    std::uint64_t m_nextResolveToken = 1;
    std::uint64_t m_clientPacketsDropped = 0; // stray, truncated or malformed replies
    std::uint64_t m_interleavedKernelTransmits = 0; // interleaved replies with the kernel's T3
    std::uint64_t m_daemonReceiveStamps = 0;        // answered requests stamped by the daemon
    std::uint64_t m_hardwareReceiveStamps = 0;      // ... by the network card

    std::vector<OutgoingPacket> m_outgoing;
    std::vector<ResolveRequest> m_resolveRequests;
    std::vector<EngineEvent> m_events;
    std::optional<std::uint32_t> m_reportedSelection;
    NoSelectionReason m_reportedNoSelection = NoSelectionReason::None;
    AlarmMonitor m_alarms;
    std::optional<GpsStatus> m_gpsStatus;           // the host's, for the alarms
    std::vector<double> m_stepsSinceAlarms;         // s, steps not yet seen by the alarms
    std::vector<double> m_externalStepsSinceAlarms; // s, the same for external steps
    // Without a clock driver: the external steps of the system clock noticed so far, which the
    // raw clock does not take (notifyExternalStep).
    Nanoseconds m_externalSteps{0};
    // Dumps handed in by restoreSources() whose source does not exist yet; times on the raw
    // scale already.
    std::vector<SourceDump> m_pendingDumps;
};

} // namespace s1
