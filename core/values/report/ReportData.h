// The numbers behind chronyc's `tracking`, `sources`, `sourcestats`, `activity`, `serverstats`,
// `selectdata`, `ntpdata` and `clients` reports, as plain values.
//
// The control socket fills these from the engine snapshot (service/chronyc/SnapshotReports);
// service/chronyc/ChronycFormat turns them into chronyc's exact text and CSV layouts. Everything
// is kept in SI units and in full precision, never preformatted: seconds as double, frequencies
// in ppm as double, instants as RealTime (Unix nanoseconds). Signs follow chronyc's output, which
// is NOT always the RFC 5905 sign: see the comments on each field.
#pragma once

#include "ntp/NtpTypes.h"
#include "report/SourceState.h"
#include "time/TimestampSource.h"
#include "time/Timestamps.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

// `tracking`: the state of the system clock and its reference.
struct TrackingReport
{
    std::uint32_t referenceId = 0; // printed as 8 hex digits
    // Printed in parentheses after the reference ID: the reference clock's refid text, the
    // server's host name, or its numeric address (chronyc -n / -c print the address).
    std::string referenceName;
    int stratum = 0;
    RealTime referenceTime{}; // when the last reference update was processed (UTC)
    // s, positive: the system clock is ahead of ("fast of") NTP time. chronyc's daemon reports
    // the opposite sign (the correction still to apply); the formatter converts.
    double systemTimeOffset = 0;
    double lastOffset = 0;                              // s, estimated local offset at the last update, + = ahead
    double rmsOffset = 0;                               // s, long-term average of the offset
    double frequencyPpm = 0;                            // ppm, positive: the uncorrected clock runs fast
    double residualFrequencyPpm = 0;                    // ppm, selected source's view minus the frequency in use
    double skewPpm = 0;                                 // ppm, estimated error bound of the frequency
    double rootDelay = 0;                               // s, total path delay to the stratum-1 computer
    double rootDispersion = 0;                          // s, total dispersion to the stratum-1 computer
    double updateInterval = 0;                          // s, between the last two clock updates
    LeapIndicator leap = LeapIndicator::Unsynchronised; // chronyc's "Leap status" line

    friend bool operator==(const TrackingReport &, const TrackingReport &) = default;
};

// One line of `sources`.
struct SourceReportRow
{
    SourceKind mode = SourceKind::Server;      // the "M" column
    SourceState state = SourceState::Unusable; // the "S" column
    std::string name;                          // host name, numeric address or refclock refid, untruncated
    int stratum = 0;
    int poll = 0;           // log2 s, may be negative
    std::uint8_t reach = 0; // reachability shift register, printed in octal
    // Age of the last sample; nullopt: no sample yet (chronyc prints "-").
    std::optional<std::chrono::seconds> lastRxAge;
    // s, positive: the local clock is ahead of the source (chronyc's sign, the opposite of the
    // RFC 5905 offset θ). "Adjusted" is the last sample corrected for clock slews since.
    double adjustedOffset = 0;
    double measuredOffset = 0; // s, the last sample as measured, same sign
    double errorBound = 0;     // s, the "+/-" estimated error of the last sample

    friend bool operator==(const SourceReportRow &, const SourceReportRow &) = default;
};

// One line of `sourcestats`: the regression over the source's recent samples.
struct SourceStatsRow
{
    std::string name;             // as in SourceReportRow::name
    std::uint32_t samples = 0;    // NP: sample points in the measurement set
    std::uint32_t runs = 0;       // NR: runs of residuals with the same sign
    std::chrono::seconds span{0}; // length of the measurement set
    double frequencyPpm = 0;      // ppm, estimated residual frequency, sign as chronyc prints
    double frequencySkewPpm = 0;  // ppm, estimated error bound of frequencyPpm
    double offset = 0;            // s, estimated offset, sign as SourceReportRow offsets
    double stdDev = 0;            // s, estimated sample standard deviation

    friend bool operator==(const SourceStatsRow &, const SourceStatsRow &) = default;
};

// `activity`: how many sources are in each polling state.
struct ActivityReport
{
    std::uint32_t online = 0;
    std::uint32_t offline = 0;
    std::uint32_t burstOnline = 0;  // doing a burst, then back online
    std::uint32_t burstOffline = 0; // doing a burst, then back offline
    std::uint32_t unresolved = 0;   // names not resolved to an address yet

    friend bool operator==(const ActivityReport &, const ActivityReport &) = default;
};

// `serverstats`: the NTP server's and the command channel's counters (chrony 4.4+ layout).
struct ServerStatsReport
{
    std::uint64_t ntpPacketsReceived = 0;
    std::uint64_t ntpPacketsDropped = 0;
    std::uint64_t commandPacketsReceived = 0;
    std::uint64_t commandPacketsDropped = 0;
    std::uint64_t clientLogRecordsDropped = 0;
    std::uint64_t ntsKeConnectionsAccepted = 0;
    std::uint64_t ntsKeConnectionsDropped = 0;
    std::uint64_t authenticatedNtpPackets = 0;
    std::uint64_t interleavedNtpPackets = 0;
    std::uint64_t ntpTimestampsHeld = 0;
    std::uint64_t ntpTimestampSpan = 0; // s
    std::uint64_t ntpDaemonRxTimestamps = 0;
    std::uint64_t ntpDaemonTxTimestamps = 0;
    std::uint64_t ntpKernelRxTimestamps = 0;
    std::uint64_t ntpKernelTxTimestamps = 0;
    std::uint64_t ntpHardwareRxTimestamps = 0;
    std::uint64_t ntpHardwareTxTimestamps = 0;

    friend bool operator==(const ServerStatsReport &, const ServerStatsReport &) = default;
};

// The selection options of `selectdata`'s COpts/EOpts columns ("NPTR-").
struct SelectDataOptions
{
    bool noselect = false;
    bool prefer = false;
    bool trust = false;
    bool require = false;

    friend bool operator==(const SelectDataOptions &, const SelectDataOptions &) = default;
};

// One line of `selectdata`: why the selection treats a source the way it does.
struct SelectDataRow
{
    // chrony's status letter: 'N' noselect, 's' unsynchronised, 'M' missing samples, 'd'/'D'
    // large distance, '~' jittery, 'w'/'W' waits, 'S' stale, 'O' orphan, 'T' not trusted,
    // 'P' not preferred, 'U' waits for update, 'x' falseticker, '+' combined, '*' best.
    char state = '?';
    std::string name; // as in SourceReportRow::name
    bool authenticated = false;
    SelectDataOptions configured;
    SelectDataOptions effective;
    std::optional<std::chrono::seconds> lastSampleAge; // nullopt: no sample ("-")
    double score = 0;
    // s, the interval that holds the true offset, chronyc's sign (positive: local clock ahead).
    double lowLimit = 0;
    double highLimit = 0;
    LeapIndicator leap = LeapIndicator::Unsynchronised;

    friend bool operator==(const SelectDataRow &, const SelectDataRow &) = default;
};

// `ntpdata`: the last NTP exchange with one server or peer.
struct NtpDataReport
{
    // The association's mode as the remote end answers (chronyc's "Mode" line).
    enum class Mode : std::uint8_t { SymmetricActive = 1, SymmetricPassive = 2, Server = 4 };

    std::string remoteAddress;     // numeric
    std::uint32_t remoteRefId = 0; // the reference ID the address stands for (IPv4: itself)
    std::uint16_t remotePort = 0;
    std::string localAddress; // numeric, "[UNSPEC]" when unknown
    std::uint32_t localRefId = 0;
    LeapIndicator leap = LeapIndicator::Unsynchronised;
    int version = 0;
    Mode mode = Mode::Server;
    int stratum = 0;
    int poll = 0;                  // log2 s, the remote's
    int precision = 0;             // log2 s, the remote's
    double rootDelay = 0;          // s
    double rootDispersion = 0;     // s
    std::uint32_t referenceId = 0; // the remote's; its text is printed for stratum <= 1
    RealTime referenceTime{};
    double offset = 0;          // s, RFC 5905 sign (positive: the remote is ahead)
    double peerDelay = 0;       // s
    double peerDispersion = 0;  // s
    double responseTime = 0;    // s, the remote's processing time
    double jitterAsymmetry = 0; // -0.5 .. +0.5
    // chrony's ten packet tests, test 1 in bit 9 down to test D in bit 0, 1 = passed: printed
    // in groups of 3, 3 and 4.
    std::uint16_t tests = 0;
    bool interleaved = false;
    bool authenticated = false;
    TimestampSource txTimestamping = TimestampSource::Daemon;
    TimestampSource rxTimestamping = TimestampSource::Daemon;
    std::uint32_t totalTx = 0;
    std::uint32_t totalRx = 0;
    std::uint32_t totalValidRx = 0;
    std::uint32_t totalGoodRx = 0;
    std::uint32_t totalKernelTx = 0;
    std::uint32_t totalKernelRx = 0;
    std::uint32_t totalHwTx = 0;
    std::uint32_t totalHwRx = 0;

    friend bool operator==(const NtpDataReport &, const NtpDataReport &) = default;
};

// One line of `authdata`: how one NTP source is authenticated. Never the key itself.
struct AuthDataRow
{
    std::string name;        // as in SourceReportRow::name
    std::string mode = "-";  // chronyc's Mode: "-" none, "SK" symmetric key, "NTS"
    std::uint32_t keyId = 0; // KeyID
    int keyType = 0;         // Type: chrony's number of the hash or cipher (MD5 1 ... AES256 14)
    int keyLength = 0;       // KLen, bits; 0: the key is not in the keyfile
    std::optional<std::chrono::seconds> lastKeyEstablishment; // Last (NTS); nullopt: "-"
    std::uint32_t attempts = 0;                               // Atmp (NTS-KE)
    std::uint32_t naks = 0;                                   // NAK (NTS)
    std::uint32_t cookies = 0;                                // Cook (NTS)
    std::uint32_t cookieLength = 0;                           // CLen (NTS)

    friend bool operator==(const AuthDataRow &, const AuthDataRow &) = default;
};

// One line of `clients`: what the server knows of one client address. chronyc's columns are the
// NTP side (NTP, Drop, Int, IntL, Last) and the command side (Cmd, Drop, Int, Last).
struct ClientReportRow
{
    std::string name;             // the numeric address (client names are never resolved)
    std::uint32_t ntpPackets = 0; // NTP requests received, dropped ones included
    std::uint32_t ntpDropped = 0; // requests not answered (chrony: rate limiting; we: access)
    // log2 s, rounded: the average interval between requests (Int) and between requests
    // answered after rate limiting (IntL); nullopt is chronyc's "-".
    std::optional<int> ntpIntervalLog2;
    std::optional<int> ntpLimitedIntervalLog2;
    std::optional<std::chrono::seconds> lastNtpAge; // nullopt: "-"
    std::uint32_t commandPackets = 0;               // chronyc's command packets from that address
    std::uint32_t commandDropped = 0;
    std::optional<int> commandIntervalLog2;
    std::optional<std::chrono::seconds> lastCommandAge;

    friend bool operator==(const ClientReportRow &, const ClientReportRow &) = default;
};

// The `clients` report: the rows and how many clients the log holds beyond them.
struct ClientsReport
{
    std::vector<ClientReportRow> rows;
    std::uint64_t notShown = 0;

    friend bool operator==(const ClientsReport &, const ClientsReport &) = default;
};

} // namespace s1
