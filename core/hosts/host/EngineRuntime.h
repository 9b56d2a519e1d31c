// The engine wired to real UDP sockets and the real clock. Hosts add the event loop around it:
// the Qt host watches fds() with QSocketNotifier and a QTimer, the plain host with poll().
//
// With HostOptions::clockControl it also opens a KernelClockDriver and hands it to the engine,
// which then steers the system clock. A kernel that refuses (no CAP_SYS_TIME) is no reason to
// stop: the engine keeps its virtual clock and clockWarning() says why.
#pragma once

#include "clock/ExternalStepDetector.h"
#include "clock/KernelClockApi.h"
#include "clock/KernelClockDriver.h"
#include "engine/Engine.h"
#include "host/RefClockDevices.h"
#include "logging/ChronyLogFormat.h"
#include "logging/LogFileWriter.h"
#include "net/DatagramSendBatch.h"
#include "net/NicApi.h"
#include "net/NicTimestamping.h"
#include "net/UdpSocket.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace s1 {

struct HostOptions
{
    // Addresses the NTP server listens on (port from the configuration), e.g. from --bind;
    // empty: the configuration's (ntpListenAddresses: `bindaddress` per family allowed by
    // some `allow`, as chronyd).
    std::vector<IpAddress> serverAddresses;
    // Batched: requests read with recvmmsg, and server replies that need no report of their
    // send sent together with sendmmsg (sendBatchSize at most); Single: one system call per
    // packet each way (the plain host, for simulators that intercept libc).
    UdpSocket::Receive receiveMode = UdpSocket::Receive::Batched;
    std::size_t batchSize = 32;
    // Replies stamped with one clock reading and handed to the kernel in one call: the last
    // leaves a few microseconds per reply before it after its transmit timestamp. Only under
    // load are there several (at a few requests a millisecond a wake-up finds one), and
    // interleaved replies, whose clients ask for the exact transmit time, never wait in a
    // batch: they are sent alone and the kernel's stamp of each is read at once.
    std::size_t sendBatchSize = 16;
    // SO_RCVBUF of the server sockets, bytes (the kernel caps it at net.core.rmem_max; 0: the
    // kernel's default, about 200 requests on Linux). Room for a burst of requests while the
    // process waits to be scheduled; kernel memory, used only while requests wait.
    int serverReceiveBufferBytes = 4 << 20;
    std::uint64_t seed = 0; // 0: seed from the clock
    // Where refclock drivers do their I/O; tests put fake devices here.
    RefClockSeams refClockSeams;
    // Ask the kernel for the transmit timestamps of the packets whose send time the engine
    // wants (interleaved replies, our requests) and report them from the error queue. Tests
    // turn it off to see the fallback: the daemon's stamp taken just before the send.
    bool kernelTransmitTimestamps = true;
    // Steer the system clock (the service and the plain host without -x). Off by default, so
    // that nothing but those two ever does.
    bool clockControl = false;
    // The clock calls clockControl uses; null: the real ones. Tests put a fake kernel here; it
    // must outlive the runtime.
    KernelClockApi *kernelClockApi = nullptr;
    // The alarms of the engine this one replaces (a reload), so that they carry on.
    std::vector<Alarm> previousAlarms;
    // chronyd's -r: at start, load each source's statistics from its dump file in `dumpdir`.
    bool restoreDumps = false;
    // How often the leap second table is read again: a service runs for months while tzdata
    // updates bring newly announced leap seconds (ntpd checks its file daily).
    std::chrono::seconds leapTableCheckInterval = std::chrono::hours(12);
    // Test seam for the external-step drill (tests/integration/tst_faultdrills): a file holding
    // a number of seconds the runtime adds to every reading of the system clock it takes, its
    // kernel receive timestamps included, as if the clock had been set by that much; read again
    // at each wake-up. Only without clock control (the driver reads the real clock): the
    // service's view of the clock steps, the machine's never does. Empty: none (the service
    // takes it from S1_TEST_CLOCK_SHIFT_FILE).
    std::string testClockShiftFile;
    // The interface calls of `hwtimestamp` (NicApi) and its PHC reads (DeviceApi); null: the
    // real ones. Tests put fake cards here; they must outlive the runtime.
    NicApi *nicApi = nullptr;
    DeviceApi *phcDevices = nullptr;
};

class EngineRuntime
{
public:
    using Resolver = std::function<void(const ResolveRequest &)>;
    using EventSink = std::function<void(const EngineEvent &)>;

    EngineRuntime(EngineConfig config, HostOptions options);
    ~EngineRuntime();

    // Opens the sockets and creates the engine. False with `error` set when no client socket
    // opens; a server port that cannot be bound is only reported by serverError().
    bool start(std::string &error);

    void setResolver(Resolver resolver) { m_resolver = std::move(resolver); }
    void setEventSink(EventSink sink) { m_eventSink = std::move(sink); }
    void resolved(std::uint64_t token, const std::vector<IpAddress> &addresses);

    // The fds to watch for readability: the sockets, then the refclock drivers'. The set
    // changes when a driver is reopened; fdGeneration() then moves on and the event loop must
    // call fds() again.
    std::vector<int> fds() const;
    std::uint64_t fdGeneration() const;
    // `fd`, one of fds(), is readable. Named by fd rather than by position so that a driver
    // reopened in between cannot make a stale position read another device; an fd no longer
    // watched is ignored.
    void readable(int fd);
    void timeout();
    // The `makestep` command; the step taken (s).
    double makeStep();
    // One of chronyc's runtime commands (Engine::runCommand); without an engine, 500 Failure.
    // `dump` and `cyclelogs` are the host's: see dumpSources() and cycleLogs().
    CommandResult runCommand(const std::string &name, const std::string &arguments);
    // chronyc's `dump`: every source's statistics to its file in `dumpdir` (nothing without
    // one, with a warning). 500 Failure when a file could not be written.
    CommandResult dumpSources();
    // chronyc's `cyclelogs`: closes and opens the log files again, so that after logrotate
    // moved them the lines go to new files.
    CommandResult cycleLogs();
    std::optional<RealTime> nextWakeup() const;
    // The system clock as the engine sees it (CLOCK_REALTIME, plus the test shift when there is
    // one): what hosts compare nextWakeup() with.
    RealTime readClock() const;

    EngineSnapshot snapshot() const;
    // Hands the drivers' GPS status to the engine for its alarms (fix, time validity, serial
    // errors); the hosts call it at their snapshot pace, before taking the snapshot. It looks
    // for an external step of the clock first, as readable() and timeout() do.
    void reportGpsStatus();
    const EngineConfig &config() const { return m_config; }
    // Saves what must survive a restart (the drift file, the sources' dumps) and hands the clock back at its base
    // frequency (ending a running slew); hosts call it before they stop.
    void shutdown();
    // True once start() has opened the kernel clock driver: the engine steers the system clock.
    bool controlsClock() const { return m_clockDriver != nullptr; }
    // Why clock control was asked for but the engine keeps a virtual clock; empty otherwise.
    const std::string &clockWarning() const { return m_clockWarning; }
    // Ports actually bound (useful when the configuration asked for an ephemeral one).
    std::uint16_t serverPort() const;

    // Why nothing is served, empty when the server listens (or is disabled with port 0).
    const std::string &serverError() const { return m_serverError; }
    // `hwtimestamp`'s interfaces; null when it is not configured.
    const NicTimestamping *nicTimestamping() const { return m_nicTimestamping.get(); }
    // Warnings from start(): e.g. IPv6 unavailable.
    const std::vector<std::string> &warnings() const { return m_warnings; }

private:
    struct Socket
    {
        std::unique_ptr<UdpSocket> socket;
        SocketRole role;
    };

    void flush();
    // Sends the replies m_pendingReplies names (positions in m_outgoing, all for `socket`),
    // stamped with one clock reading taken right before the system call.
    void sendPendingReplies(UdpSocket &socket);
    // The kernel's transmit timestamps queued on `socket`'s error queue, to the engine.
    void reportTransmitStamps(const Socket &socket);
    // Called before each batch of work: whether the system clock jumped since the last call by
    // more than the engine's own steps explain (ExternalStepDetector); the engine is told so.
    void checkClockStep();
    // The test shift from testClockShiftFile, read again.
    void refreshTestClockShift();
    void openClockDriver();
    void maintainDriftFile(bool force);
    // Reads the leap second table again every HostOptions::leapTableCheckInterval; a changed
    // table goes to the engine, changed warnings to the event sink.
    void maintainLeapSecondTable();
    // -r: the dumps in `dumpdir` into the new engine.
    void restoreDumps();
    void openLogFiles();
    void writeLogRecords();
    void noteLogWrite(ChronyLog log, const LogFileWriter &writer, bool written);
    // Logs a refclock device that cannot be opened once, not at every retry, and when it opens.
    void reportRefClockFaults();
    UdpSocket *clientSocketFor(const IpAddress &ip) const;
    // `hwtimestamp`: the cards enabled, the sockets asking for their stamps.
    void startHardwareTimestamping();
    // The hardware stamp of `d` on the host clock, when there is one and it converts.
    std::optional<RealTime> hardwareReceiveTime(const ReceivedDatagram &d);
    void logLines(std::vector<std::string> lines);

    EngineConfig m_config;
    HostOptions m_options;
    // Declared before the engine, which uses the driver until it is destroyed.
    std::unique_ptr<KernelClockApi> m_systemClockApi;
    std::unique_ptr<KernelClockDriver> m_clockDriver;
    std::string m_clockWarning;
    std::unique_ptr<Engine> m_engine;
    std::vector<Socket> m_sockets;
    DatagramBatch m_batch;
    DatagramSendBatch m_sendBatch;
    // The engine's packets of the current flush(); swapped with the engine's, so their storage
    // is kept from one wake-up to the next.
    std::vector<OutgoingPacket> m_outgoing;
    std::vector<std::size_t> m_pendingReplies;
    Resolver m_resolver;
    EventSink m_eventSink;
    std::unique_ptr<RefClockDevices> m_refClocks;
    std::unique_ptr<NicApi> m_systemNicApi;
    std::unique_ptr<DeviceApi> m_systemPhcDevices;
    std::unique_ptr<NicTimestamping> m_nicTimestamping; // null without `hwtimestamp`
    std::vector<std::string> m_warnings;
    std::string m_serverError;
    std::optional<RealTime> m_lastDriftWrite;
    RealTime m_lastLeapTableRead{};
    std::optional<LeapSecondTable> m_leapTable;
    std::vector<std::string> m_leapTableWarnings; // those of the last read, said once
    std::map<ChronyLog, LogFileWriter> m_logs;
    std::set<ChronyLog> m_failingLogs; // said once, until a line goes through again
    ExternalStepDetector m_stepDetector;
    Nanoseconds m_testClockShift{0};  // HostOptions::testClockShiftFile's
    bool m_testClockShiftBad = false; // its content was said to be unreadable
};

} // namespace s1
