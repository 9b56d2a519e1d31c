#include "json/SnapshotJson.h"

#include "json/GpsStatusJson.h"
#include "json/JsonFields.h"
#include "json/SharedEnums.h"

#include <QString>

#include <array>
#include <limits>

namespace s1 {

namespace json {

namespace {

constexpr int kMaxPollLog2 = 127; // log2 s; generous bounds: JSON may come from elsewhere
constexpr int kMaxPrecisionLog2 = 127;
constexpr std::int64_t kMaxInt8 = std::numeric_limits<std::int8_t>::max();
constexpr std::int64_t kMinInt8 = std::numeric_limits<std::int8_t>::min();
constexpr std::int64_t kMaxNtpVersionField = 7; // 3 bits on the wire
constexpr std::int64_t kMaxNtpModeField = 7;

constexpr std::array kSourceStates{SourceState::Unusable,    SourceState::Selected,    SourceState::Combined,
                                   SourceState::NotCombined, SourceState::Falseticker, SourceState::TooVariable};
constexpr std::array kLeaps{LeapIndicator::None, LeapIndicator::InsertSecond, LeapIndicator::DeleteSecond,
                            LeapIndicator::Unsynchronised};
constexpr std::array kSourceKinds{SourceKind::Server, SourceKind::Peer, SourceKind::RefClock};

} // namespace

const Enum<SourceState> kStateCodec{.values = kSourceStates, .name = toString};
const Enum<LeapIndicator> kLeapCodec{.values = kLeaps, .name = toString};
const Enum<SourceKind> kKindCodec{.values = kSourceKinds, .name = toString};

namespace {

// A source's address: "192.0.2.1:123" in `address`, kept for readers of the plain host's lines,
// and its parts `ip` and `port` (the port survives even while the name is unresolved); null
// while unresolved. Read back from the parts.
struct SourceAddress
{
    void write(QJsonObject &o, const QString &, const SocketAddress &a) const
    {
        const bool resolved = !a.ip.isNull();
        o.insert(QStringLiteral("address"), resolved ? QJsonValue(QString::fromStdString(a.toString())) : QJsonValue());
        o.insert(QStringLiteral("ip"), resolved ? QJsonValue(QString::fromStdString(a.ip.toString())) : QJsonValue());
        o.insert(QStringLiteral("port"), a.port);
    }
    void read(const JsonReader &in, const QString &, SocketAddress &a) const
    {
        Integer<std::uint16_t>{}.read(in, QStringLiteral("port"), a.port);
        Address{.nullable = true}.read(in, QStringLiteral("ip"), a.ip);
    }
};

// The receiver's status, described in GpsStatusJson; null without a receiver. Its problems
// are reported as "gps: <problem>".
struct Gps
{
    void write(QJsonObject &o, const QString &key, const std::optional<GpsStatus> &g) const
    {
        o.insert(key, g ? QJsonValue(gpsStatusToJson(*g)) : QJsonValue());
    }
    void read(const JsonReader &in, const QString &key, std::optional<GpsStatus> &g) const
    {
        const QJsonValue v = in.value(key);
        if (!v.isObject())
            return;
        QString error;
        g = gpsStatusFromJson(v.toObject(), &error);
        if (!g)
            in.fail(key, error);
    }
};

// The kind of a source's selection reason by its name; a name this build does not know (a newer
// service) reads as Unknown, with the text and fix still shown.
struct ReasonKind
{
    void write(QJsonObject &o, const QString &key, SelectionReasonKind v) const
    {
        o.insert(key, QLatin1String(toString(v)));
    }
    void read(const JsonReader &in, const QString &key, SelectionReasonKind &v) const
    {
        const QString text = in.string(key);
        for (int k = 0; k <= static_cast<int>(SelectionReasonKind::PpsLockUnusable); ++k) {
            if (text == QLatin1String(toString(static_cast<SelectionReasonKind>(k)))) {
                v = static_cast<SelectionReasonKind>(k);
                return;
            }
        }
        v = SelectionReasonKind::Unknown;
    }
};

} // namespace

inline auto describe(Type<SelectionReason>)
{
    using R = SelectionReason;
    return std::tuple{
        field("kind", &R::kind, ReasonKind{}),
        field("value", &R::value),
        field("limit", &R::limit),
        field("unit", &R::unit),
        field("text", &R::text),
        field("fix", &R::fix),
    };
}

namespace {

// A source's selection reason: left out while selection has not looked at the source (and by
// services from before reasons existed).
struct Reason
{
    void write(QJsonObject &o, const QString &key, const SelectionReason &r) const
    {
        if (r.kind != SelectionReasonKind::Unknown || !r.text.empty())
            o.insert(key, encodeObject(r));
    }
    void read(const JsonReader &in, const QString &key, SelectionReason &r) const
    {
        if (in.has(key) && !in.isNull(key))
            decodeObject(in.object(key), r);
    }
};

} // namespace

inline auto describe(Type<OffsetCalibration>)
{
    using C = OffsetCalibration;
    return std::tuple{
        field("reference", &C::reference),
        field("samples", &C::samples, Integer<int>{.min = 0}),
        field("span", &C::span),
        field("window", &C::window),
        field("medianError", &C::medianError),
        field("spread", &C::spread),
        field("currentOffset", &C::currentOffset),
        field("proposedOffset", &C::proposedOffset),
        field("proposedDelay", &C::proposedDelay),
        field("ready", &C::ready),
    };
}

inline auto describe(Type<SourceSample>)
{
    using S = SourceSample;
    return std::tuple{
        field("time", &S::time),       field("offset", &S::offset),
        field("delay", &S::delay),     field("dispersion", &S::dispersion),
        field("stratum", &S::stratum), field("rawOffset", &S::rawOffset),
    };
}

inline auto describe(Type<SourceStatsSnapshot>)
{
    using S = SourceStatsSnapshot;
    return std::tuple{
        field("samples", &S::samples, Integer<int>{.min = 0}),
        field("runs", &S::runs, Integer<int>{.min = 0}),
        field("span", &S::span),
        field("frequencyPpm", &S::frequencyPpm),
        field("frequencySkewPpm", &S::frequencySkewPpm),
        field("offset", &S::offset),
        field("standardDeviation", &S::standardDeviation),
    };
}

inline auto describe(Type<NtpExchangeSnapshot>)
{
    using E = NtpExchangeSnapshot;
    return std::tuple{
        field("localAddress", &E::localAddress, Address{.nullable = true}),
        field("version", &E::version, Integer<int>{.min = 0, .max = kMaxNtpVersionField}),
        field("mode", &E::mode, EnumNumber<NtpMode>{.max = kMaxNtpModeField}),
        field("poll", &E::poll, Integer<int>{.min = kMinInt8, .max = kMaxInt8}),
        field("precision", &E::precision, Integer<int>{.min = kMinInt8, .max = kMaxInt8}),
        field("referenceTime", &E::referenceTime),
        field("responseTime", &E::responseTime),
        field("interleaved", &E::interleaved),
        field("kernelTransmit", &E::kernelTransmit),
        field("hardwareTransmit", &E::hardwareTransmit),
        field("hardwareReceive", &E::hardwareReceive),
    };
}

inline auto describe(Type<SourceSnapshot>)
{
    using S = SourceSnapshot;
    return std::tuple{
        field("id", &S::id),
        field("name", &S::name),
        field("address", &S::address, SourceAddress{}),
        field("pool", &S::poolName),
        field("kind", &S::kind, kKindCodec),
        field("state", &S::state, kStateCodec),
        field("stratum", &S::stratum),
        field("poll", &S::poll, Integer<int>{.min = -kMaxPollLog2, .max = kMaxPollLog2}),
        field("reach", &S::reach),
        field("referenceId", &S::referenceId),
        field("leap", &S::leap, kLeapCodec),
        field("rootDelay", &S::rootDelay),
        field("rootDispersion", &S::rootDispersion),
        field("lastRx", &S::lastRx),
        field("lastSample", &S::lastSample, Nullable<Object>{.omitWhenEmpty = true}),
        field("samples", &S::recentSamples),
        field("requestsSent", &S::requestsSent),
        field("kernelTransmitStamps", &S::kernelTransmitStamps),
        field("hardwareTransmitStamps", &S::hardwareTransmitStamps),
        field("hardwareReceiveStamps", &S::hardwareReceiveStamps),
        field("repliesAccepted", &S::repliesAccepted),
        field("repliesRejected", &S::repliesRejected),
        field("lastRejectReason", &S::lastRejectReason),
        field("keyId", &S::keyId),
        field("keyType", &S::keyType),
        field("keyBits", &S::keyBits),
        field("authFailures", &S::authFailures),
        field("kissCode", &S::kissCode),
        field("driverStatus", &S::driverStatus),
        field("unselectableReason", &S::unselectableReason),
        field("lastExchange", &S::lastExchange, Nullable<Object>{.omitWhenEmpty = true}),
        field("driverFault", &S::driverFault),
        field("selection", &S::selectionLetter, Letter{.strict = false}),
        field("addedAtRunTime", &S::addedAtRunTime),
        field("offline", &S::offline),
        field("stats", &S::stats),
        field("adjustedOffset", &S::adjustedOffset),
        field("errorBound", &S::errorBound),
        field("selectionReason", &S::selectionReason, Reason{}),
        field("calibration", &S::calibration, Nullable<Object>{.omitWhenEmpty = true}),
    };
}

inline auto describe(Type<ReferenceSnapshot>)
{
    using R = ReferenceSnapshot;
    return std::tuple{
        field("synchronised", &R::synchronised),
        field("stratum", &R::stratum),
        field("referenceId", &R::referenceId),
        field("referenceName", &R::referenceName),
        field("leap", &R::leap, kLeapCodec),
        field("referenceTime", &R::referenceTime),
        field("rootDelay", &R::rootDelay),
        field("rootDispersion", &R::rootDispersion),
        field("precision", &R::precision, Integer<int>{.min = -kMaxPrecisionLog2, .max = kMaxPrecisionLog2}),
        field("systemTimeOffset", &R::systemTimeOffset),
        field("lastOffset", &R::lastOffset),
        field("rmsOffset", &R::rmsOffset),
        field("frequencyPpm", &R::frequencyPpm),
        field("residualFrequencyPpm", &R::residualFrequencyPpm),
        field("skewPpm", &R::skewPpm),
        field("updateInterval", &R::updateInterval),
    };
}

inline auto describe(Type<ServerStats>)
{
    using S = ServerStats;
    return std::tuple{
        field("packetsReceived", &S::packetsReceived),
        field("repliesSent", &S::repliesSent),
        field("droppedMalformed", &S::droppedMalformed),
        field("droppedBadVersion", &S::droppedBadVersion),
        field("droppedBadMode", &S::droppedBadMode),
        field("droppedDenied", &S::droppedDenied),
        field("droppedOther", &S::droppedOther),
        field("droppedRateLimited", &S::droppedRateLimited),
        field("kissOfDeathSent", &S::kissOfDeathSent),
        field("droppedAuth", &S::droppedAuth),
        field("authenticatedRequests", &S::authenticatedRequests),
        field("interleavedReplies", &S::interleavedReplies),
        field("interleavedKernelTransmits", &S::interleavedKernelTransmits),
        field("daemonReceiveStamps", &S::daemonReceiveStamps),
        field("hardwareReceiveStamps", &S::hardwareReceiveStamps),
    };
}

inline auto describe(Type<ClientSnapshot>)
{
    using C = ClientSnapshot;
    return std::tuple{
        field("address", &C::address, Address{.invalid = "not an IP address: \"%1\""}),
        field("ntpPackets", &C::ntpPackets),
        field("ntpDropped", &C::ntpDropped),
        field("averageIntervalLog2", &C::averageIntervalLog2),
        field("averageLimitedIntervalLog2", &C::averageLimitedIntervalLog2),
        field("lastPacket", &C::lastPacket),
    };
}

inline auto describe(Type<ClientLogSnapshot>)
{
    using L = ClientLogSnapshot;
    return std::tuple{
        field("enabled", &L::enabled),
        field("capacity", &L::capacity),
        field("recordsDropped", &L::recordsDropped),
        field("timestampsHeld", &L::timestampsHeld),
        field("clients", &L::clients),
        field("notShown", &L::notShown),
    };
}

inline auto describe(Type<UnresolvedName>)
{
    using U = UnresolvedName;
    return std::tuple{field("name", &U::name), field("pool", &U::pool), field("failed", &U::failed)};
}

const Enum<AlarmKind> kAlarmKindCodec{.values = kAlarmKinds, .name = toString};
const Enum<AlarmSeverity> kAlarmSeverityCodec{.values = kAlarmSeverities, .name = toString};

inline auto describe(Type<Alarm>)
{
    using A = Alarm;
    return std::tuple{
        field("id", &A::id),
        field("kind", &A::kind, kAlarmKindCodec),
        field("severity", &A::severity, kAlarmSeverityCodec),
        field("raised", &A::raised, Time{.required = true}),
        field("cleared", &A::cleared),
        field("subject", &A::subject),
        field("text", &A::text),
        field("fix", &A::fix),
    };
}

inline auto describe(Type<EngineSnapshot>)
{
    using E = EngineSnapshot;
    return std::tuple{
        field("time", &E::time, Time{.required = true}),
        field("ntpPort", &E::ntpPort),
        field("serverError", &E::serverError),
        field("reference", &E::reference),
        field("server", &E::server),
        field("clientLog", &E::clientLog),
        field("sources", &E::sources),
        field("clientPacketsDropped", &E::clientPacketsDropped),
        field("gps", &E::gps, Gps{}),
        field("configWarnings", &E::configWarnings),
        field("hostTime", &E::hostTime),
        field("unresolved", &E::unresolved),
        field("alarms", &E::alarms),
    };
}

} // namespace json

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<Enum, N> &values, const QString &text)
{
    for (Enum value : values)
        if (text == QLatin1String(toString(value)))
            return value;
    return std::nullopt;
}

} // namespace

QString timeToJsonString(RealTime time)
{
    return QString::number(nanosSinceEpoch(time));
}

std::optional<RealTime> timeFromJsonString(const QString &text)
{
    bool ok = false;
    const qint64 ns = text.toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return realTimeFromNanos(ns);
}

const char *toString(SourceState state)
{
    switch (state) {
    case SourceState::Unusable:
        return "unusable";
    case SourceState::Selected:
        return "selected";
    case SourceState::Combined:
        return "combined";
    case SourceState::NotCombined:
        return "not-combined";
    case SourceState::Falseticker:
        return "falseticker";
    case SourceState::TooVariable:
        return "too-variable";
    }
    return "unknown";
}

const char *toString(LeapIndicator leap)
{
    switch (leap) {
    case LeapIndicator::None:
        return "normal";
    case LeapIndicator::InsertSecond:
        return "insert-second";
    case LeapIndicator::DeleteSecond:
        return "delete-second";
    case LeapIndicator::Unsynchronised:
        return "unsynchronised";
    }
    return "unknown";
}

const char *toString(SourceKind kind)
{
    switch (kind) {
    case SourceKind::Server:
        return "server";
    case SourceKind::Peer:
        return "peer";
    case SourceKind::RefClock:
        return "refclock";
    }
    return "unknown";
}

std::optional<SourceState> sourceStateFromString(const QString &text)
{
    return lookup(json::kSourceStates, text);
}

std::optional<LeapIndicator> leapFromString(const QString &text)
{
    return lookup(json::kLeaps, text);
}

std::optional<SourceKind> sourceKindFromString(const QString &text)
{
    return lookup(json::kSourceKinds, text);
}

QJsonObject sourceToJson(const SourceSnapshot &source)
{
    return json::encodeObject(source);
}

std::optional<SourceSnapshot> sourceFromJson(const QJsonObject &object, QString *error)
{
    return json::decodeMessage<SourceSnapshot>(object, error);
}

QJsonObject alarmToJson(const Alarm &alarm)
{
    return json::encodeObject(alarm);
}

std::optional<Alarm> alarmFromJson(const QJsonObject &object, QString *error)
{
    return json::decodeMessage<Alarm>(object, error);
}

QJsonObject snapshotToJson(const EngineSnapshot &snapshot)
{
    return json::encodeObject(snapshot);
}

std::optional<EngineSnapshot> snapshotFromJson(const QJsonObject &object, QString *error)
{
    return json::decodeMessage<EngineSnapshot>(object, error);
}

} // namespace s1
