// Value snapshots of the engine state: the only thing the UI, the control socket and tests
// read. Plain structs, copied across threads by queued signals, never pointing into the engine.
#pragma once

#include "alarm/Alarm.h"
#include "gps/GpsStatus.h"
#include "net/IpAddress.h"
#include "ntp/NtpTypes.h"
#include "report/OffsetCalibration.h"
#include "report/SelectionReason.h"
#include "report/SourceState.h"
#include "time/Timestamps.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

struct ServerStats
{
    std::uint64_t packetsReceived = 0; // every datagram that reached the server socket
    std::uint64_t repliesSent = 0;
    std::uint64_t droppedMalformed = 0; // failed to parse: length, framing
    std::uint64_t droppedBadVersion = 0;
    std::uint64_t droppedBadMode = 0;     // not a client request (incl. modes 6 and 7)
    std::uint64_t droppedDenied = 0;      // no `allow` covers the client, or a `deny` does
    std::uint64_t droppedOther = 0;       // crypto-NAKs, NTS requests, source port 0
    std::uint64_t droppedRateLimited = 0; // over the client's `ratelimit`, not answered
    std::uint64_t kissOfDeathSent = 0;    // RATE kiss-o'-death replies (counted in repliesSent)
    // Last, so that the positional initialisers above keep their meaning.
    std::uint64_t droppedAuth = 0;           // a bad MAC or a key we lack: a crypto-NAK, no time
    std::uint64_t authenticatedRequests = 0; // requests with a good MAC (answered signed)
    std::uint64_t interleavedReplies = 0;    // replies in interleaved mode
    // Of them, those whose transmit timestamp the kernel took (the others' the daemon took).
    std::uint64_t interleavedKernelTransmits = 0;
    // Of the requests answered, those whose receive timestamp the daemon took (no kernel
    // stamp) and those the network card took (hwtimestamp); the others' the kernel took.
    std::uint64_t daemonReceiveStamps = 0;
    std::uint64_t hardwareReceiveStamps = 0;

    std::uint64_t droppedTotal() const
    {
        return droppedMalformed + droppedBadVersion + droppedBadMode + droppedDenied + droppedOther + droppedAuth
               + droppedRateLimited;
    }
    friend bool operator==(const ServerStats &, const ServerStats &) = default;
};

// One client of our NTP server as the client log knows it (chronyc's `clients`).
struct ClientSnapshot
{
    IpAddress address;
    std::uint64_t ntpPackets = 0;              // requests received, dropped ones included
    std::uint64_t ntpDropped = 0;              // refused by the access rules or the rate limit
    std::optional<double> averageIntervalLog2; // log2 s between requests; none after one request
    // log2 s between a request dropped by the rate limit and the next (chronyc's IntL).
    std::optional<double> averageLimitedIntervalLog2;
    RealTime lastPacket; // engine time of the last request

    friend bool operator==(const ClientSnapshot &, const ClientSnapshot &) = default;
};

// The client log: off with `noclientlog`, otherwise bounded by `clientloglimit`.
struct ClientLogSnapshot
{
    bool enabled = false;
    std::uint64_t capacity = 0;       // records clientloglimit allows
    std::uint64_t recordsDropped = 0; // forgotten to make room for newer clients
    // Clients holding receive and transmit timestamps for an interleaved reply.
    std::uint64_t timestampsHeld = 0;
    // The most recently seen clients, most recent first, at most Engine::kSnapshotClientLimit;
    // `notShown` more are in the log.
    std::vector<ClientSnapshot> clients;
    std::uint64_t notShown = 0;

    friend bool operator==(const ClientLogSnapshot &, const ClientLogSnapshot &) = default;
};

// One offset measurement of a source (RFC 5905 on-wire protocol).
struct SourceSample
{
    RealTime time;         // local (engine) time of the measurement
    double offset = 0;     // s, positive: the source is ahead of our time as it was then
    double delay = 0;      // s, round trip
    double dispersion = 0; // s
    int stratum = 0;
    double rawOffset = 0; // s, `offset` against the uncorrected clock (what statistics use)
    friend bool operator==(const SourceSample &, const SourceSample &) = default;
};

// One pulse edge a refclock accepted (PPS, or a refclock with `pps`): where the second it was
// paired with started against our time, at 1 Hz for a PPS, unfiltered (what a histogram or an
// Allan deviation of the PPS wants).
struct PulseEdgeSample
{
    std::uint64_t number = 0; // counts the refclock's accepted pulses from 1; gaps: dropped ones
    RealTime time;            // engine time of the edge
    double offset = 0;        // s, positive: the pulse came before our clock reached the second

    friend bool operator==(const PulseEdgeSample &, const PulseEdgeSample &) = default;
};

// Per-source regression figures, as `chronyc sourcestats` shows them.
struct SourceStatsSnapshot
{
    int samples = 0;              // NP
    int runs = 0;                 // NR
    double span = 0;              // s between the oldest and newest sample used
    double frequencyPpm = 0;      // residual frequency of the local clock against the source
    double frequencySkewPpm = 0;  // error bound of that frequency
    double offset = 0;            // s, estimated offset now (RFC 5905 sign)
    double standardDeviation = 0; // s

    friend bool operator==(const SourceStatsSnapshot &, const SourceStatsSnapshot &) = default;
};

// The last reply of an NTP source that answered our request (what `chronyc ntpdata` shows of
// it), straight from the packet.
struct NtpExchangeSnapshot
{
    IpAddress localAddress; // where the reply arrived; null when the host cannot tell
    int version = 0;
    NtpMode mode = NtpMode::Server;
    int poll = 0;            // log2 s, the server's
    int precision = 0;       // log2 s, the server's
    RealTime referenceTime;  // the server's; the epoch when it sent none (zero)
    double responseTime = 0; // s, the server's T3 - T2
    bool interleaved = false;    // the sample was measured in interleaved mode
    bool kernelTransmit = false; // its T1 is the kernel's transmit timestamp
    // hwtimestamp: its T1 / the reply's T4 is the network card's stamp.
    bool hardwareTransmit = false;
    bool hardwareReceive = false;

    friend bool operator==(const NtpExchangeSnapshot &, const NtpExchangeSnapshot &) = default;
};

struct SourceSnapshot
{
    std::uint32_t id = 0;  // stable for the life of the source
    std::string name;      // as configured (host name or address)
    SocketAddress address; // resolved address; null while resolving
    std::string poolName;  // the `pool` it came from, if any
    SourceKind kind = SourceKind::Server;
    SourceState state = SourceState::Unusable;
    int stratum = 0;
    int poll = 0;                  // current log2 s
    std::uint8_t reach = 0;        // 8-bit shift register, newest poll in bit 0
    std::uint32_t referenceId = 0; // the source's own reference ID
    LeapIndicator leap = LeapIndicator::Unsynchronised;
    double rootDelay = 0;           // s, as the source reports it
    double rootDispersion = 0;      // s
    std::optional<RealTime> lastRx; // engine time of the last accepted sample
    std::optional<SourceSample> lastSample;
    std::vector<SourceSample> recentSamples; // oldest first, bounded
    std::uint64_t requestsSent = 0;
    std::uint64_t kernelTransmitStamps = 0; // requests whose transmit time the kernel stamped
    std::uint64_t hardwareTransmitStamps = 0; // ... with the network card's stamp (hwtimestamp)
    std::uint64_t hardwareReceiveStamps = 0;  // replies the network card stamped
    std::uint64_t repliesAccepted = 0;
    std::uint64_t repliesRejected = 0;
    std::string lastRejectReason; // empty when the last reply was good
    // Symmetric-key authentication (`key`): the key's ID (0: none), its type ("AES128", ...)
    // and length in bits (0: not in the keyfile); never the key itself. Replies dropped for a
    // missing or bad MAC are counted in authFailures (and in repliesRejected).
    std::uint32_t keyId = 0;
    std::string keyType;
    int keyBits = 0;
    std::uint64_t authFailures = 0;
    std::string kissCode; // last kiss-o'-death code received ("RATE", ...)
    // Refclocks: what the host says about the driver (device open, counters, or the fault).
    std::string driverStatus;
    // NTP sources: the last reply that answered a request of ours.
    std::optional<NtpExchangeSnapshot> lastExchange;
    // Why this source can never be selected whatever it measures (authentication we cannot
    // provide); empty otherwise.
    std::string unselectableReason;
    // Refclocks: the device cannot be used (missing, no permission, not a PPS device):
    // driverStatus says why.
    bool driverFault = false;
    // chronyc's `selectdata` state letter from the last selection ('*', '+', 'x', 'd', 'M',
    // 'N', ...; '?' for unreachable or a synchronisation loop); 0 before the first selection.
    char selectionLetter = 0;
    // NTP sources: added by a command (`stratumctl add server`), not by the configuration; it
    // lasts until the service restarts or reloads.
    bool addedAtRunTime = false;
    // NTP sources: taken offline (`stratumctl offline`): no requests are sent.
    bool offline = false;

    // Statistics over the sample history (what `chronyc sourcestats` shows); zero until the
    // source has samples.
    SourceStatsSnapshot stats;
    // The last sample's offset corrected for what the local clock did since (chronyc's
    // "adjusted offset"), RFC 5905 sign: positive = the source is ahead of us.
    double adjustedOffset = 0;
    // Half-width of the interval that holds the true offset (chronyc's "+/-" column), s.
    double errorBound = 0;
    // Why it has its selection state, with the figure that decided it and the fix.
    SelectionReason selectionReason;
    // NMEA, SOCK and SHM refclocks: their offset measured against a selected PPS or NTP source,
    // with the `offset`/`delay` proposed from it; none until measured.
    std::optional<OffsetCalibration> calibration;
    // Refclocks with pulses: the newest accepted edges, oldest first, at most
    // RefClockSource::kRecentEdges (a minute at 1 Hz), so that a snapshot a second misses none.
    // Not on the control protocol's wire: the service records them into its history.
    std::vector<PulseEdgeSample> recentEdges;
    // Refclocks: the standard deviation of the driver samples the last poll averaged (their
    // jitter), s; none before the first poll that gave a sample.
    std::optional<double> jitter;

    friend bool operator==(const SourceSnapshot &, const SourceSnapshot &) = default;
};

// What the server hands out, and what `tracking` shows.
struct ReferenceSnapshot
{
    bool synchronised = false;
    int stratum = kNtpMaxStratum;
    std::uint32_t referenceId = 0;
    std::string referenceName; // the source's name, or "LOCAL"
    LeapIndicator leap = LeapIndicator::Unsynchronised;
    std::optional<RealTime> referenceTime;
    // s; unsynchronised 1 s each, what chronyd sends and `chronyc tracking` shows then.
    double rootDelay = 1.0;
    double rootDispersion = 1.0; // s, grown to the snapshot's time
    int precision = 0;           // log2 s

    // The rest of `chronyc tracking`.
    double systemTimeOffset = 0; // s still to be corrected; positive = our time is fast
    double lastOffset = 0;       // s, offset estimated at the last clock update
    double rmsOffset = 0;        // s, long-term average of the offsets
    double frequencyPpm = 0;     // correction of the oscillator; positive = it runs fast
    double residualFrequencyPpm = 0;
    double skewPpm = 0;
    double updateInterval = 0; // s between the last two clock updates

    friend bool operator==(const ReferenceSnapshot &, const ReferenceSnapshot &) = default;
};

// A `server` or `pool` whose name has no address yet: listed so that a name that cannot be
// resolved does not silently vanish from what the user sees.
struct UnresolvedName
{
    std::string name;    // the host name as configured
    bool pool = false;   // from a `pool` directive
    bool failed = false; // a lookup found no address; retried with growing intervals

    friend bool operator==(const UnresolvedName &, const UnresolvedName &) = default;
};

struct EngineSnapshot
{
    RealTime time; // engine time the snapshot was taken at
    ReferenceSnapshot reference;
    ServerStats server;
    ClientLogSnapshot clientLog;
    std::vector<SourceSnapshot> sources;
    // Datagrams on the client sockets that answer none of our sources: not from a source's
    // address, truncated or malformed.
    std::uint64_t clientPacketsDropped = 0;
    std::uint16_t ntpPort = 0; // 0: not serving
    std::string serverError;   // why not serving although configured to, e.g. port taken
    // The GPS receiver and PPS as the host's drivers see them; none without such refclocks.
    std::optional<GpsStatus> gps;
    // The configuration's warnings ("file:line:col: warning: ... has no effect yet", ...).
    std::vector<std::string> configWarnings;
    // The host clock reading the snapshot was taken at: the scale GpsStatus's times are on
    // (`time` is the engine's, which a virtual clock may put far from it). Set by hosts.
    std::optional<RealTime> hostTime;
    // Names still waiting for an address, in configuration order.
    std::vector<UnresolvedName> unresolved;
    // The engine's alarms: the active ones (oldest first), then the most recently cleared
    // (newest first); at most kAlarmListLimit.
    std::vector<Alarm> alarms;

    friend bool operator==(const EngineSnapshot &, const EngineSnapshot &) = default;
};

} // namespace s1
