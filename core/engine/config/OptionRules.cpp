#include "config/OptionRules.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <optional>
#include <type_traits>

namespace s1 {

namespace {

// Ranges. Where chrony's limits are used they come from its cmdparse.c, conf.c and
// chrony.conf(5); where chrony accepts anything and clamps later, the documented range is used.
constexpr double kIntMax = INT_MAX;
constexpr double kUint32Max = UINT32_MAX;
constexpr double kMaxPort = 65535;
constexpr ValueRange kAnyValue{};
constexpr ValueRange kNonNegative{0.0, kUnbounded};
constexpr ValueRange kPositive{0.0, kUnbounded, true};
constexpr ValueRange kNonNegativeInt{0.0, kIntMax};
constexpr ValueRange kPollRange{kMinPollLimit, kMaxPollLimit};
constexpr ValueRange kChronyPollBound{-32, 32};     // log2 s, conf.c's bound for refclock polls and presend
constexpr ValueRange kSourcePortRange{1, kMaxPort}; // a source on port 0 cannot be reached
constexpr ValueRange kNtpVersionRange{1, 4};
constexpr ValueRange kPoolSourcesRange{1, 16};    // chrony adds at most 16 sources from a pool
constexpr ValueRange kMaxDelayRange{0.0, 1000.0}; // s, chrony.conf(5)
constexpr ValueRange kAsymmetryRange{-0.5, 0.5};
constexpr ValueRange kQuantileRange{0.0, 1.0};
constexpr ValueRange kSourceStratumRange{0, 16}; // minstratum: 16 makes a source unusable
constexpr ValueRange kRefClockStratumRange{0, 15};
constexpr ValueRange kLocalStratumRange{1, 15}; // 16 means unsynchronised
constexpr ValueRange kKeyRange{1, kUint32Max};  // key 0 means "no key" in chrony
constexpr ValueRange kUint32Range{0, kUint32Max};
constexpr ValueRange kRateLimitIntervalRange{-19, 12}; // log2 s, chrony.conf(5)
constexpr ValueRange kRateLimitBurstRange{1, 255};     // responses
constexpr ValueRange kRateLimitLeakRange{1, 4};        // clientlog.c MIN/MAX_LEAK_RATE
constexpr ValueRange kRateLimitKodRange{0, 4};         // clientlog.c MIN/MAX_KOD_RATE
constexpr std::size_t kMaxRefIdLength = 4;             // characters in an NTP reference id

// The part of a target the plain setters write to.
SourceConfig &model(SourceOptions &target)
{
    return target.source;
}
RefClockConfig &model(RefClockConfig &target)
{
    return target;
}
LocalReferenceConfig &model(LocalOptions &target)
{
    return target.local;
}
HwTimestampConfig &model(HwTimestampOptions &target)
{
    return target.config;
}
RateLimitConfig &model(RateLimitConfig &target)
{
    return target;
}
ClockControlConfig &model(ClockControlConfig &target)
{
    return target;
}

template <typename T>
struct IsOptional : std::false_type
{ };
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type
{ };

// The value's range was checked against the field's type by the rule's ValueRange.
template <typename Field, typename Value>
void assign(Field &field, Value value)
{
    if constexpr (IsOptional<Field>::value)
        field = static_cast<typename Field::value_type>(value);
    else
        field = static_cast<Field>(value);
}

template <typename Target, auto Member>
std::string_view setFlag(Target &target, const OptionValue &)
{
    model(target).*Member = true;
    return {};
}

template <typename Target, auto Member>
std::string_view setInteger(Target &target, const OptionValue &value)
{
    assign(model(target).*Member, value.integer);
    return {};
}

template <typename Target, auto Member>
std::string_view setReal(Target &target, const OptionValue &value)
{
    assign(model(target).*Member, value.real);
    return {};
}

// chrony treats 0 as "not set" for these limits.
template <typename Target, auto Member>
std::string_view setRealZeroUnset(Target &target, const OptionValue &value)
{
    auto &field = model(target).*Member;
    field = value.real == 0.0 ? std::nullopt : std::optional<double>(value.real);
    return {};
}

std::string_view checkRefId(std::string_view text)
{
    return text.size() > kMaxRefIdLength ? "expected at most 4 characters" : std::string_view();
}

// ---- sources

std::string_view setFamilyV4(SourceOptions &target, const OptionValue &)
{
    target.source.family = SourceConfig::Family::V4;
    return {};
}

std::string_view setFamilyV6(SourceOptions &target, const OptionValue &)
{
    target.source.family = SourceConfig::Family::V6;
    return {};
}

std::string_view setMaxSources(SourceOptions &target, const OptionValue &value)
{
    target.source.maxSources = static_cast<int>(value.integer);
    target.maxSourcesColumn = value.optionColumn;
    return {};
}

// chronyd accepts only the extension fields it implements.
std::string_view addExtField(SourceOptions &target, const OptionValue &value)
{
    const auto type = static_cast<std::uint32_t>(value.integer);
    if (type != kExtFieldMonotonicRoot && type != kExtFieldNetCorrection)
        return "expected F323 or F324";
    auto &fields = target.source.extFields;
    if (std::find(fields.begin(), fields.end(), type) == fields.end())
        fields.push_back(type);
    return {};
}

std::string_view setVersion(SourceOptions &target, const OptionValue &value)
{
    target.source.version = static_cast<int>(value.integer);
    target.source.versionGiven = true;
    return {};
}

constexpr OptionRule<SourceOptions> kSourceRules[] = {
    {"asymmetry", ValueKind::Real, kAsymmetryRange, setReal<SourceOptions, &SourceConfig::asymmetry>},
    {"auto_offline", ValueKind::Flag, {}, setFlag<SourceOptions, &SourceConfig::autoOffline>},
    {"burst", ValueKind::Flag, {}, setFlag<SourceOptions, &SourceConfig::burst>},
    {"certset", ValueKind::Integer, kUint32Range, setInteger<SourceOptions, &SourceConfig::certSet>},
    {"copy", ValueKind::Flag, {}, setFlag<SourceOptions, &SourceConfig::copy>},
    {"extfield", ValueKind::HexInteger, kUint32Range, addExtField},
    {"filter", ValueKind::Integer, kNonNegativeInt, setInteger<SourceOptions, &SourceConfig::filter>},
    {"iburst", ValueKind::Flag, {}, setFlag<SourceOptions, &SourceConfig::iburst>},
    {"ipv4", ValueKind::Flag, {}, setFamilyV4},
    {"ipv6", ValueKind::Flag, {}, setFamilyV6},
    {"key", ValueKind::Integer, kKeyRange, setInteger<SourceOptions, &SourceConfig::key>},
    {"maxdelay", ValueKind::Real, kMaxDelayRange, setReal<SourceOptions, &SourceConfig::maxDelay>},
    {"maxdelaydevratio", ValueKind::Real, kNonNegative, setReal<SourceOptions, &SourceConfig::maxDelayDevRatio>},
    {"maxdelayquant", ValueKind::Real, kQuantileRange, setReal<SourceOptions, &SourceConfig::maxDelayQuant>},
    {"maxdelayratio", ValueKind::Real, kNonNegative, setReal<SourceOptions, &SourceConfig::maxDelayRatio>},
    {"maxpoll", ValueKind::Integer, kPollRange, setInteger<SourceOptions, &SourceConfig::maxPoll>},
    {"maxsamples", ValueKind::Integer, kNonNegativeInt, setInteger<SourceOptions, &SourceConfig::maxSamples>},
    {"maxsources", ValueKind::Integer, kPoolSourcesRange, setMaxSources},
    {"maxunreach", ValueKind::Integer, kNonNegativeInt, setInteger<SourceOptions, &SourceConfig::maxUnreach>},
    {"mindelay", ValueKind::Real, kNonNegative, setReal<SourceOptions, &SourceConfig::minDelay>},
    {"minpoll", ValueKind::Integer, kPollRange, setInteger<SourceOptions, &SourceConfig::minPoll>},
    {"minsamples", ValueKind::Integer, kNonNegativeInt, setInteger<SourceOptions, &SourceConfig::minSamples>},
    {"minstratum", ValueKind::Integer, kSourceStratumRange, setInteger<SourceOptions, &SourceConfig::minStratum>},
    {"noselect", ValueKind::Flag, {}, setFlag<SourceOptions, &SourceConfig::noselect>},
    {"nts", ValueKind::Flag, {}, setFlag<SourceOptions, &SourceConfig::nts>},
    {"ntsport", ValueKind::Integer, {0, kMaxPort}, setInteger<SourceOptions, &SourceConfig::ntsPort>},
    {"offline", ValueKind::Flag, {}, setFlag<SourceOptions, &SourceConfig::offline>},
    {"offset", ValueKind::Real, kAnyValue, setReal<SourceOptions, &SourceConfig::offset>},
    {"polltarget", ValueKind::Integer, {1, kIntMax}, setInteger<SourceOptions, &SourceConfig::pollTarget>},
    {"port", ValueKind::Integer, kSourcePortRange, setInteger<SourceOptions, &SourceConfig::port>},
    {"prefer", ValueKind::Flag, {}, setFlag<SourceOptions, &SourceConfig::prefer>},
    {"presend", ValueKind::Integer, kChronyPollBound, setInteger<SourceOptions, &SourceConfig::presend>},
    {"require", ValueKind::Flag, {}, setFlag<SourceOptions, &SourceConfig::require>},
    {"trust", ValueKind::Flag, {}, setFlag<SourceOptions, &SourceConfig::trust>},
    {"version", ValueKind::Integer, kNtpVersionRange, setVersion},
    {"xleave", ValueKind::Flag, {}, setFlag<SourceOptions, &SourceConfig::xleave>},
};

// ---- refclock

std::string_view setRefId(RefClockConfig &target, const OptionValue &value)
{
    if (const std::string_view reason = checkRefId(value.text); !reason.empty())
        return reason;
    target.refId = std::string(value.text);
    return {};
}

std::string_view setLockRefId(RefClockConfig &target, const OptionValue &value)
{
    if (const std::string_view reason = checkRefId(value.text); !reason.empty())
        return reason;
    target.lockRefId = std::string(value.text);
    return {};
}

constexpr OptionRule<RefClockConfig> kRefClockRules[] = {
    {"delay", ValueKind::Real, kNonNegative, setReal<RefClockConfig, &RefClockConfig::delay>},
    {"dpoll", ValueKind::Integer, kChronyPollBound, setInteger<RefClockConfig, &RefClockConfig::driverPoll>},
    {"filter", ValueKind::Integer, {1, kIntMax}, setInteger<RefClockConfig, &RefClockConfig::filter>},
    {"local", ValueKind::Flag, {}, setFlag<RefClockConfig, &RefClockConfig::local>},
    {"lock", ValueKind::Text, {}, setLockRefId},
    {"maxdispersion", ValueKind::Real, kNonNegative, setRealZeroUnset<RefClockConfig, &RefClockConfig::maxDispersion>},
    {"maxlockage", ValueKind::Integer, kNonNegativeInt, setInteger<RefClockConfig, &RefClockConfig::maxLockAge>},
    {"maxsamples", ValueKind::Integer, kNonNegativeInt, setInteger<RefClockConfig, &RefClockConfig::maxSamples>},
    {"minsamples", ValueKind::Integer, kNonNegativeInt, setInteger<RefClockConfig, &RefClockConfig::minSamples>},
    {"noselect", ValueKind::Flag, {}, setFlag<RefClockConfig, &RefClockConfig::noselect>},
    {"offset", ValueKind::Real, kAnyValue, setReal<RefClockConfig, &RefClockConfig::offset>},
    {"poll", ValueKind::Integer, kChronyPollBound, setInteger<RefClockConfig, &RefClockConfig::poll>},
    {"pps", ValueKind::Flag, {}, setFlag<RefClockConfig, &RefClockConfig::ppsForced>},
    {"precision", ValueKind::Real, kNonNegative, setRealZeroUnset<RefClockConfig, &RefClockConfig::precision>},
    {"prefer", ValueKind::Flag, {}, setFlag<RefClockConfig, &RefClockConfig::prefer>},
    {"rate", ValueKind::Integer, {1, kIntMax}, setInteger<RefClockConfig, &RefClockConfig::rate>},
    {"refid", ValueKind::Text, {}, setRefId},
    {"require", ValueKind::Flag, {}, setFlag<RefClockConfig, &RefClockConfig::require>},
    {"stratum", ValueKind::Integer, kRefClockStratumRange, setInteger<RefClockConfig, &RefClockConfig::stratum>},
    {"tai", ValueKind::Flag, {}, setFlag<RefClockConfig, &RefClockConfig::tai>},
    {"trust", ValueKind::Flag, {}, setFlag<RefClockConfig, &RefClockConfig::trust>},
    {"width", ValueKind::Real, kNonNegative, setReal<RefClockConfig, &RefClockConfig::pulseWidth>},
};

// ---- local

std::string_view setWaitUnsynced(LocalOptions &target, const OptionValue &value)
{
    target.local.waitUnsynced = value.real;
    target.waitUnsyncedGiven = true;
    return {};
}

constexpr OptionRule<LocalOptions> kLocalRules[] = {
    {"activate", ValueKind::Real, kNonNegative, setReal<LocalOptions, &LocalReferenceConfig::activate>},
    {"distance", ValueKind::Real, kNonNegative, setReal<LocalOptions, &LocalReferenceConfig::distance>},
    {"orphan", ValueKind::Flag, {}, setFlag<LocalOptions, &LocalReferenceConfig::orphan>},
    {"stratum", ValueKind::Integer, kLocalStratumRange, setInteger<LocalOptions, &LocalReferenceConfig::stratum>},
    {"waitsynced", ValueKind::Real, kNonNegative, setReal<LocalOptions, &LocalReferenceConfig::waitSynced>},
    {"waitunsynced", ValueKind::Real, kNonNegative, setWaitUnsynced},
};

// ---- hwtimestamp

std::string_view setHwMaxPoll(HwTimestampOptions &target, const OptionValue &value)
{
    target.config.maxPoll = static_cast<int>(value.integer);
    target.maxPollGiven = true;
    return {};
}

std::string_view setRxFilter(HwTimestampOptions &target, const OptionValue &value)
{
    using RxFilter = HwTimestampConfig::RxFilter;
    if (equalsIgnoreCase(value.text, "none"))
        target.config.rxFilter = RxFilter::None;
    else if (equalsIgnoreCase(value.text, "ntp"))
        target.config.rxFilter = RxFilter::Ntp;
    else if (equalsIgnoreCase(value.text, "ptp"))
        target.config.rxFilter = RxFilter::Ptp;
    else if (equalsIgnoreCase(value.text, "all"))
        target.config.rxFilter = RxFilter::All;
    else
        return "expected none, ntp, ptp or all";
    return {};
}

constexpr OptionRule<HwTimestampOptions> kHwTimestampRules[] = {
    {"maxpoll", ValueKind::Integer, kPollRange, setHwMaxPoll},
    {"maxsamples", ValueKind::Integer, kNonNegativeInt, setInteger<HwTimestampOptions, &HwTimestampConfig::maxSamples>},
    {"minpoll", ValueKind::Integer, kPollRange, setInteger<HwTimestampOptions, &HwTimestampConfig::minPoll>},
    {"minsamples", ValueKind::Integer, kNonNegativeInt, setInteger<HwTimestampOptions, &HwTimestampConfig::minSamples>},
    {"nocrossts", ValueKind::Flag, {}, setFlag<HwTimestampOptions, &HwTimestampConfig::noCrossTimestamp>},
    {"precision", ValueKind::Real, kPositive, setReal<HwTimestampOptions, &HwTimestampConfig::precision>},
    {"rxcomp", ValueKind::Real, kAnyValue, setReal<HwTimestampOptions, &HwTimestampConfig::rxComp>},
    {"rxfilter", ValueKind::Text, {}, setRxFilter},
    {"txcomp", ValueKind::Real, kAnyValue, setReal<HwTimestampOptions, &HwTimestampConfig::txComp>},
};

// ---- ratelimit, driftfile

constexpr OptionRule<RateLimitConfig> kRateLimitRules[] = {
    {"burst", ValueKind::Integer, kRateLimitBurstRange, setInteger<RateLimitConfig, &RateLimitConfig::burst>},
    {"interval", ValueKind::Integer, kRateLimitIntervalRange, setInteger<RateLimitConfig, &RateLimitConfig::interval>},
    {"kod", ValueKind::Integer, kRateLimitKodRange, setInteger<RateLimitConfig, &RateLimitConfig::kod>},
    {"leak", ValueKind::Integer, kRateLimitLeakRange, setInteger<RateLimitConfig, &RateLimitConfig::leak>},
};

constexpr OptionRule<ClockControlConfig> kDriftFileRules[] = {
    {"interval",
     ValueKind::Integer,
     {1, kIntMax},
     setInteger<ClockControlConfig, &ClockControlConfig::driftFileInterval>},
};

} // namespace

std::span<const OptionRule<SourceOptions>> sourceOptionRules()
{
    return kSourceRules;
}
std::span<const OptionRule<RefClockConfig>> refClockOptionRules()
{
    return kRefClockRules;
}
std::span<const OptionRule<LocalOptions>> localOptionRules()
{
    return kLocalRules;
}
std::span<const OptionRule<HwTimestampOptions>> hwTimestampOptionRules()
{
    return kHwTimestampRules;
}
std::span<const OptionRule<RateLimitConfig>> rateLimitOptionRules()
{
    return kRateLimitRules;
}
std::span<const OptionRule<ClockControlConfig>> driftFileOptionRules()
{
    return kDriftFileRules;
}

} // namespace s1
