// The typed configuration the engine runs from. The chrony.conf reader produces it; the engine
// never sees configuration text.
#pragma once

#include "config/RefClockConfig.h"
#include "net/AccessRule.h"
#include "net/IpAddress.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

constexpr std::uint16_t kNtpDefaultPort = 123;
constexpr int kDefaultMinPoll = 6;  // log2 s, chrony's default
constexpr int kDefaultMaxPoll = 10; // log2 s
constexpr int kMinPollLimit = -7;   // log2 s (1/128 s), chrony's documented minimum
constexpr int kMaxPollLimit = 24;   // log2 s
constexpr int kDefaultPoolMaxSources = 4;
constexpr int kDefaultLocalStratum = 10;

// chrony's source defaults (srcparams.h).
constexpr double kDefaultMaxDelay = 3.0; // s
constexpr double kDefaultMaxDelayDevRatio = 10.0;
constexpr int kDefaultPollTarget = 8;      // samples
constexpr int kDefaultMaxUnreach = 100000; // polls
constexpr std::uint16_t kDefaultNtsKePort = 4460;
// NTP extension fields chrony knows (experimental code points, chrony 4.2+).
constexpr std::uint32_t kExtFieldMonotonicRoot = 0xF323;
constexpr std::uint32_t kExtFieldNetCorrection = 0xF324;

// One `server`, `pool` or `peer` directive with every chrony 4.x option. Whether the engine
// honours an option is the engine's business; the model keeps them all.
struct SourceConfig
{
    enum class Kind : std::uint8_t { Server, Pool, Peer };
    enum class Family : std::uint8_t { Any, V4, V6 }; // "ipv4"/"ipv6": resolve to that family only

    Kind kind = Kind::Server;
    std::string host; // name or address as written
    std::uint16_t port = kNtpDefaultPort;
    int minPoll = kDefaultMinPoll;
    int maxPoll = kDefaultMaxPoll;
    bool iburst = false;
    bool prefer = false;
    bool noselect = false;
    int version = 4;
    bool versionGiven = false;               // `version` was written: a key's MAC follows it, not the default
    int maxSources = kDefaultPoolMaxSources; // pool only
    std::string origin;                      // "file:line" the source came from, for messages

    bool burst = false;
    bool offline = false;
    bool autoOffline = false;
    bool trust = false;
    bool require = false;
    bool xleave = false; // interleaved mode
    bool nts = false;
    bool copy = false;
    Family family = Family::Any;
    std::uint32_t key = 0;              // symmetric key id; 0: no authentication
    double maxDelay = kDefaultMaxDelay; // s
    double maxDelayRatio = 0.0;         // 0: test disabled
    double maxDelayDevRatio = kDefaultMaxDelayDevRatio;
    double maxDelayQuant = 0.0;          // quantile; 0: test disabled
    double minDelay = 0.0;               // s; 0: use the measured minimum
    std::optional<double> asymmetry;     // -0.5..0.5; unset: estimated
    double offset = 0.0;                 // s
    std::optional<int> minSamples;       // unset: the global minsamples
    std::optional<int> maxSamples;       // unset: the global maxsamples
    int maxUnreach = kDefaultMaxUnreach; // polls
    int filter = 0;                      // polls reduced to one sample; 0: no filter
    int pollTarget = kDefaultPollTarget; // samples
    std::optional<int> presend;          // log2 s; unset: never presend
    int minStratum = 0;
    std::vector<std::uint32_t> extFields; // extension field types, in the order given
    std::uint16_t ntsPort = kDefaultNtsKePort;
    std::uint32_t certSet = 0;

    friend bool operator==(const SourceConfig &, const SourceConfig &) = default;
};

struct LocalReferenceConfig
{
    bool enabled = false;
    int stratum = kDefaultLocalStratum;
    bool orphan = false;
    double distance = 1.0;   // s
    double activate = 0.0;   // s; unused until the root distance first drops below it; 0: no such condition
    double waitSynced = 0.0; // s after losing synchronisation before the local reference takes over
    double waitUnsynced =
        0.0; // s after start, never synchronised, before it takes over; chrony: 300 with orphan, else 0

    friend bool operator==(const LocalReferenceConfig &, const LocalReferenceConfig &) = default;
};

// chrony's defaults for the selection and clock-control directives (conf.c).
constexpr double kDefaultMaxDistance = 3.0; // s
constexpr double kDefaultMaxJitter = 1.0;   // s
constexpr int kDefaultMinSources = 1;
constexpr double kDefaultCombineLimit = 3.0;
constexpr double kDefaultReselectDistance = 1e-4;  // s
constexpr double kDefaultStratumWeight = 1e-3;     // s per stratum
constexpr double kDefaultMaxSlewRate = 1e6 / 12.0; // ppm, 83333.333
constexpr double kDefaultMaxUpdateSkew = 1000.0;   // ppm
constexpr double kDefaultCorrectionTimeRatio = 3.0; // chrony's corrtimeratio
constexpr int kDefaultDriftFileInterval = 3600;    // s
constexpr double kDefaultLogChange = 1.0;          // s
constexpr std::uint16_t kDefaultCommandPort = 323;
constexpr std::uint64_t kDefaultClientLogLimit = 524288; // bytes
constexpr int kDefaultRateLimitInterval = 3;             // log2 s
constexpr int kDefaultRateLimitBurst = 8;                // responses
constexpr int kDefaultRateLimitLeak = 2;                 // log2 of 1/fraction
constexpr int kDefaultHwTimestampMinPoll = 0;            // log2 s
constexpr int kDefaultHwTimestampMinSamples = 2;
constexpr int kDefaultHwTimestampMaxSamples = 16;
constexpr double kDefaultHwTimestampPrecision = 100e-9; // s
// chrony's compiled-in paths (upstream defaults; distributions change them with configure).
constexpr const char *kDefaultCommandSocket = "/var/run/chrony/chronyd.sock";
constexpr const char *kDefaultPidFile = "/var/run/chrony/chronyd.pid";
constexpr const char *kDefaultUser = "root";

// Source selection: maxdistance, maxjitter, minsources, combinelimit, reselectdist, stratumweight.
// `authselectmode`: how authentication (`key`, `nts`) changes the NTP sources' selection
// options (chrony.conf(5)); noselect sources are left as they are.
//  Require: unauthenticated NTP sources get noselect.
//  Prefer: if one NTP source is authenticated, the unauthenticated ones get noselect.
//  Mix (chrony's default): if both kinds are there, the authenticated NTP sources and the
//       refclocks get require and trust.
//  Ignore: nothing changes.
enum class AuthSelectMode : std::uint8_t { Require, Prefer, Mix, Ignore };

struct SelectionConfig
{
    AuthSelectMode authSelectMode = AuthSelectMode::Mix;
    double maxDistance = kDefaultMaxDistance;
    double maxJitter = kDefaultMaxJitter;
    int minSources = kDefaultMinSources;
    double combineLimit = kDefaultCombineLimit;
    double reselectDistance = kDefaultReselectDistance;
    double stratumWeight = kDefaultStratumWeight;

    friend bool operator==(const SelectionConfig &, const SelectionConfig &) = default;
};

// `makestep THRESHOLD LIMIT`: step instead of slewing when the offset is above the threshold,
// in the first `limit` updates. chrony's default is never to step.
struct MakeStepConfig
{
    double threshold = 0.0; // s
    int limit = 0;          // clock updates; 0: never step, negative: no limit

    bool enabled() const { return limit != 0; }
    friend bool operator==(const MakeStepConfig &, const MakeStepConfig &) = default;
};

enum class LeapSecondMode : std::uint8_t { System, Slew, Step, Ignore };

// How the system clock is driven: makestep, maxslewrate, maxupdateskew, corrtimeratio,
// driftfile, rtcsync, leapsectz, leapseclist, leapsecmode.
struct ClockControlConfig
{
    MakeStepConfig makeStep;
    double maxSlewRate = kDefaultMaxSlewRate;          // ppm
    double maxUpdateSkew = kDefaultMaxUpdateSkew;      // ppm
    double correctionTimeRatio = kDefaultCorrectionTimeRatio;
    std::string driftFile;                             // empty: no drift file
    int driftFileInterval = kDefaultDriftFileInterval; // s, "driftfile PATH interval N"
    bool rtcSync = false;
    std::string leapSecTimezone; // e.g. "right/UTC"; empty: none
    std::string leapSecList;     // e.g. "/usr/share/zoneinfo/leap-seconds.list"; empty: none
    LeapSecondMode leapSecMode = LeapSecondMode::System;

    friend bool operator==(const ClockControlConfig &, const ClockControlConfig &) = default;
};

// One `hwtimestamp` directive: hardware timestamping on an interface ("*" for all).
struct HwTimestampConfig
{
    enum class RxFilter : std::uint8_t { Any, None, Ntp, Ptp, All };

    std::string interface;
    int minPoll = kDefaultHwTimestampMinPoll;     // log2 s
    int maxPoll = kDefaultHwTimestampMinPoll + 1; // log2 s; chrony: minpoll + 1 unless given
    int minSamples = kDefaultHwTimestampMinSamples;
    int maxSamples = kDefaultHwTimestampMaxSamples;
    double precision = kDefaultHwTimestampPrecision; // s
    double txComp = 0.0;                             // s
    double rxComp = 0.0;                             // s
    bool noCrossTimestamp = false;
    RxFilter rxFilter = RxFilter::Any;

    friend bool operator==(const HwTimestampConfig &, const HwTimestampConfig &) = default;
};

// `ratelimit [interval N] [burst N] [leak N] [kod N]`: per-client response limiting.
struct RateLimitConfig
{
    bool enabled = false;                     // set by the presence of the directive
    int interval = kDefaultRateLimitInterval; // log2 s between responses
    int burst = kDefaultRateLimitBurst;       // responses
    int leak = kDefaultRateLimitLeak;         // log2: 1 in 2^leak limited requests still answered
    int kod = 0;                              // log2: KoD RATE responses; 0: none

    friend bool operator==(const RateLimitConfig &, const RateLimitConfig &) = default;
};

// The NTP server side: port, bindaddress, ratelimit, clientloglimit, noclientlog.
struct NtpServerConfig
{
    std::optional<IpAddress> bindAddressV4; // unset: any address
    std::optional<IpAddress> bindAddressV6;
    RateLimitConfig rateLimit;
    std::uint64_t clientLogLimit = kDefaultClientLogLimit; // bytes
    bool noClientLog = false;

    friend bool operator==(const NtpServerConfig &, const NtpServerConfig &) = default;
};

// The chronyc-style command channel: cmdport, bindcmdaddress, cmdallow, cmddeny.
struct CommandConfig
{
    std::uint16_t port = kDefaultCommandPort;       // 0 disables the UDP command port
    std::optional<IpAddress> bindAddressV4;         // unset: 127.0.0.1
    std::optional<IpAddress> bindAddressV6;         // unset: ::1
    std::string socketPath = kDefaultCommandSocket; // empty: Unix socket disabled ("bindcmdaddress /")
    std::vector<AccessRule> access;

    friend bool operator==(const CommandConfig &, const CommandConfig &) = default;
};

// log, logdir, logchange.
struct LoggingConfig
{
    std::string logDir; // empty: no log files
    bool tracking = false;
    bool measurements = false;
    bool rawMeasurements = false; // implies measurements
    bool statistics = false;
    bool refclocks = false;
    bool rtc = false;
    bool tempcomp = false;
    bool selection = false;
    double logChange = kDefaultLogChange; // s; clock changes above it go to syslog

    friend bool operator==(const LoggingConfig &, const LoggingConfig &) = default;
};

// Stratum One's `metricsaddress ADDRESS PORT`: where the host serves Prometheus metrics over
// HTTP (/metrics); unset: not served. The engine never reads it.
struct MetricsEndpointConfig
{
    IpAddress address;
    std::uint16_t port = 0;

    friend bool operator==(const MetricsEndpointConfig &, const MetricsEndpointConfig &) = default;
};

struct EngineConfig
{
    std::vector<SourceConfig> sources;
    std::vector<AccessRule> ntpAccess;
    LocalReferenceConfig local;
    // 0 disables the NTP server (chrony's "port 0").
    std::uint16_t ntpPort = kNtpDefaultPort;

    std::vector<RefClockConfig> refClocks;
    // `sourcedir` directories, in order; their *.sources files are already read into `sources`
    // and `refClocks`, kept so that the sources can be reloaded.
    std::vector<std::string> sourceDirs;
    SelectionConfig selection;
    ClockControlConfig clock;
    std::vector<HwTimestampConfig> hwTimestamps;
    NtpServerConfig server;
    CommandConfig command;
    LoggingConfig logging;
    std::string keyFile;                   // empty: no keys
    std::string pidFile = kDefaultPidFile; // empty: no PID file ("pidfile /")
    std::string user = kDefaultUser;
    std::string dumpDir; // empty: no dumps
    // Stratum One's `alarmcommand PATH`: a program the host runs for each alarm raised or
    // cleared (AlarmNotifier), never the engine; empty: none.
    std::string alarmCommand;
    std::optional<MetricsEndpointConfig> metrics;
    // "file:line:col: warning: ..." lines from reading it (ConfigReadResult::diagnostics),
    // among them whatever has no effect yet (ConfigEffects.h).
    std::vector<std::string> warnings;

    friend bool operator==(const EngineConfig &, const EngineConfig &) = default;
};

// Where the NTP server sockets listen, as chronyd opens them: one socket per address family
// that some `allow` can let in (none without any `allow`), on that family's `bindaddress` or
// else its any address.
std::vector<IpAddress> ntpListenAddresses(const EngineConfig &config);

} // namespace s1
