#include "json/SnapshotJson.h"

#include "json/GpsStatusJson.h"
#include "json/JsonReader.h"

#include <QJsonArray>
#include <QString>

#include <array>
#include <limits>
#include <utility>

namespace s1 {

namespace {

constexpr int kMaxPollLog2 = 127;   // log2 s; generous bounds: JSON may come from elsewhere
constexpr int kMaxPrecisionLog2 = 127;
constexpr std::int64_t kMaxUint32 = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t kMaxUint16 = std::numeric_limits<std::uint16_t>::max();
constexpr std::int64_t kMaxUint8 = std::numeric_limits<std::uint8_t>::max();
constexpr std::int64_t kMaxInt = std::numeric_limits<int>::max();
constexpr std::int64_t kMinInt = std::numeric_limits<int>::min();
constexpr std::int64_t kMaxInt8 = std::numeric_limits<std::int8_t>::max();
constexpr std::int64_t kMinInt8 = std::numeric_limits<std::int8_t>::min();
constexpr std::int64_t kMaxNtpVersionField = 7; // 3 bits on the wire
constexpr std::int64_t kMaxNtpModeField = 7;

QJsonArray stringArray(const std::vector<std::string> &strings)
{
    QJsonArray array;
    for (const std::string &text : strings)
        array.append(QString::fromStdString(text));
    return array;
}

QJsonValue timeValue(const std::optional<RealTime> &t)
{
    return t ? QJsonValue(timeToJsonString(*t)) : QJsonValue();
}

// JSON numbers carry int64; the counters never come near 2^63.
QJsonValue counterValue(std::uint64_t n)
{
    return static_cast<qint64>(n);
}

QJsonObject sampleToJson(const SourceSample &sample)
{
    return {
        {"time", timeValue(sample.time)},
        {"offset", sample.offset},
        {"delay", sample.delay},
        {"dispersion", sample.dispersion},
        {"stratum", sample.stratum},
        {"rawOffset", sample.rawOffset},
    };
}

SourceSample sampleFromJson(const JsonReader &in)
{
    SourceSample s;
    s.time = in.time(QStringLiteral("time")).value_or(RealTime{});
    s.offset = in.number(QStringLiteral("offset"));
    s.delay = in.number(QStringLiteral("delay"));
    s.dispersion = in.number(QStringLiteral("dispersion"));
    s.stratum = static_cast<int>(in.integerIn(QStringLiteral("stratum"), kMinInt, kMaxInt));
    s.rawOffset = in.number(QStringLiteral("rawOffset"));
    return s;
}

QJsonObject statsToJson(const SourceStatsSnapshot &s)
{
    return {
        {"samples", s.samples},
        {"runs", s.runs},
        {"span", s.span},
        {"frequencyPpm", s.frequencyPpm},
        {"frequencySkewPpm", s.frequencySkewPpm},
        {"offset", s.offset},
        {"standardDeviation", s.standardDeviation},
    };
}

SourceStatsSnapshot statsFromJson(const JsonReader &in)
{
    SourceStatsSnapshot s;
    s.samples = static_cast<int>(in.integerIn(QStringLiteral("samples"), 0, kMaxInt));
    s.runs = static_cast<int>(in.integerIn(QStringLiteral("runs"), 0, kMaxInt));
    s.span = in.number(QStringLiteral("span"));
    s.frequencyPpm = in.number(QStringLiteral("frequencyPpm"));
    s.frequencySkewPpm = in.number(QStringLiteral("frequencySkewPpm"));
    s.offset = in.number(QStringLiteral("offset"));
    s.standardDeviation = in.number(QStringLiteral("standardDeviation"));
    return s;
}

template <typename Enum>
Enum enumFrom(const JsonReader &in, const QString &key, std::optional<Enum> (*parse)(const QString &), Enum fallback)
{
    if (!in.has(key))
        return fallback;
    const QString text = in.string(key);
    const auto value = parse(text);
    if (!value) {
        in.fail(key, QStringLiteral("unknown value \"%1\"").arg(text));
        return fallback;
    }
    return *value;
}

// "192.0.2.1" or "2001:db8::1" plus a port; null: not resolved yet.
SocketAddress addressFromJson(const JsonReader &in)
{
    SocketAddress a;
    a.port = static_cast<std::uint16_t>(in.integerIn(QStringLiteral("port"), 0, kMaxUint16));
    if (in.isNull(QStringLiteral("ip")))
        return a;
    const QString text = in.string(QStringLiteral("ip"));
    const auto ip = IpAddress::parse(text.toStdString());
    if (!ip)
        in.fail(QStringLiteral("ip"), QStringLiteral("not an IP address: %1").arg(text));
    else
        a.ip = *ip;
    return a;
}

NtpExchangeSnapshot exchangeFromJson(const JsonReader &in)
{
    NtpExchangeSnapshot e;
    if (!in.isNull(QStringLiteral("localAddress"))) {
        const QString text = in.string(QStringLiteral("localAddress"));
        if (const auto ip = IpAddress::parse(text.toStdString()))
            e.localAddress = *ip;
        else
            in.fail(QStringLiteral("localAddress"), QStringLiteral("not an IP address: %1").arg(text));
    }
    e.version = static_cast<int>(in.integerIn(QStringLiteral("version"), 0, kMaxNtpVersionField));
    e.mode = static_cast<NtpMode>(in.integerIn(QStringLiteral("mode"), 0, kMaxNtpModeField, int(NtpMode::Server)));
    e.poll = static_cast<int>(in.integerIn(QStringLiteral("poll"), kMinInt8, kMaxInt8));
    e.precision = static_cast<int>(in.integerIn(QStringLiteral("precision"), kMinInt8, kMaxInt8));
    e.referenceTime = in.time(QStringLiteral("referenceTime")).value_or(RealTime{});
    e.responseTime = in.number(QStringLiteral("responseTime"));
    return e;
}

QJsonObject exchangeToJson(const NtpExchangeSnapshot &e)
{
    return {
        {"localAddress", e.localAddress.isNull() ? QJsonValue() : QJsonValue(QString::fromStdString(e.localAddress.toString()))},
        {"version", e.version},
        {"mode", static_cast<int>(e.mode)},
        {"poll", e.poll},
        {"precision", e.precision},
        {"referenceTime", timeValue(e.referenceTime)},
        {"responseTime", e.responseTime},
    };
}

SourceSnapshot sourceFromReader(const JsonReader &in)
{
    SourceSnapshot s;
    s.id = static_cast<std::uint32_t>(in.integerIn(QStringLiteral("id"), 0, kMaxUint32));
    s.name = in.string(QStringLiteral("name")).toStdString();
    s.address = addressFromJson(in);
    s.poolName = in.string(QStringLiteral("pool")).toStdString();
    s.kind = enumFrom(in, QStringLiteral("kind"), &sourceKindFromString, SourceKind::Server);
    s.state = enumFrom(in, QStringLiteral("state"), &sourceStateFromString, SourceState::Unusable);
    s.stratum = static_cast<int>(in.integerIn(QStringLiteral("stratum"), kMinInt, kMaxInt));
    s.poll = static_cast<int>(in.integerIn(QStringLiteral("poll"), -kMaxPollLog2, kMaxPollLog2));
    s.reach = static_cast<std::uint8_t>(in.integerIn(QStringLiteral("reach"), 0, kMaxUint8));
    s.referenceId = static_cast<std::uint32_t>(in.integerIn(QStringLiteral("referenceId"), 0, kMaxUint32));
    s.leap = enumFrom(in, QStringLiteral("leap"), &leapFromString, LeapIndicator::Unsynchronised);
    s.rootDelay = in.number(QStringLiteral("rootDelay"));
    s.rootDispersion = in.number(QStringLiteral("rootDispersion"));
    s.lastRx = in.time(QStringLiteral("lastRx"));
    if (!in.isNull(QStringLiteral("lastSample")))
        s.lastSample = sampleFromJson(in.object(QStringLiteral("lastSample")));
    const QJsonArray samples = in.array(QStringLiteral("samples"));
    s.recentSamples.reserve(static_cast<std::size_t>(samples.size()));
    for (qsizetype i = 0; i < samples.size(); ++i)
        s.recentSamples.push_back(sampleFromJson(in.element(samples, i, QStringLiteral("samples"))));
    s.requestsSent = in.counter(QStringLiteral("requestsSent"));
    s.repliesAccepted = in.counter(QStringLiteral("repliesAccepted"));
    s.repliesRejected = in.counter(QStringLiteral("repliesRejected"));
    s.lastRejectReason = in.string(QStringLiteral("lastRejectReason")).toStdString();
    s.kissCode = in.string(QStringLiteral("kissCode")).toStdString();
    s.driverStatus = in.string(QStringLiteral("driverStatus")).toStdString();
    s.unselectableReason = in.string(QStringLiteral("unselectableReason")).toStdString();
    if (!in.isNull(QStringLiteral("lastExchange")))
        s.lastExchange = exchangeFromJson(in.object(QStringLiteral("lastExchange")));
    s.driverFault = in.boolean(QStringLiteral("driverFault"));
    const QString letter = in.string(QStringLiteral("selection"));
    if (letter.size() == 1 && letter.at(0).unicode() < 0x80)
        s.selectionLetter = letter.at(0).toLatin1();
    s.stats = statsFromJson(in.object(QStringLiteral("stats")));
    s.adjustedOffset = in.number(QStringLiteral("adjustedOffset"));
    s.errorBound = in.number(QStringLiteral("errorBound"));
    return s;
}

QJsonObject referenceToJson(const ReferenceSnapshot &r)
{
    return {
        {"synchronised", r.synchronised},
        {"stratum", r.stratum},
        {"referenceId", static_cast<qint64>(r.referenceId)},
        {"referenceName", QString::fromStdString(r.referenceName)},
        {"leap", toString(r.leap)},
        {"referenceTime", timeValue(r.referenceTime)},
        {"rootDelay", r.rootDelay},
        {"rootDispersion", r.rootDispersion},
        {"precision", r.precision},
        {"systemTimeOffset", r.systemTimeOffset},
        {"lastOffset", r.lastOffset},
        {"rmsOffset", r.rmsOffset},
        {"frequencyPpm", r.frequencyPpm},
        {"residualFrequencyPpm", r.residualFrequencyPpm},
        {"skewPpm", r.skewPpm},
        {"updateInterval", r.updateInterval},
    };
}

ReferenceSnapshot referenceFromJson(const JsonReader &in)
{
    ReferenceSnapshot r;
    r.synchronised = in.boolean(QStringLiteral("synchronised"));
    r.stratum = static_cast<int>(in.integerIn(QStringLiteral("stratum"), kMinInt, kMaxInt, kNtpMaxStratum));
    r.referenceId = static_cast<std::uint32_t>(in.integerIn(QStringLiteral("referenceId"), 0, kMaxUint32));
    r.referenceName = in.string(QStringLiteral("referenceName")).toStdString();
    r.leap = enumFrom(in, QStringLiteral("leap"), &leapFromString, LeapIndicator::Unsynchronised);
    r.referenceTime = in.time(QStringLiteral("referenceTime"));
    r.rootDelay = in.number(QStringLiteral("rootDelay"));
    r.rootDispersion = in.number(QStringLiteral("rootDispersion"));
    r.precision = static_cast<int>(in.integerIn(QStringLiteral("precision"), -kMaxPrecisionLog2, kMaxPrecisionLog2));
    r.systemTimeOffset = in.number(QStringLiteral("systemTimeOffset"));
    r.lastOffset = in.number(QStringLiteral("lastOffset"));
    r.rmsOffset = in.number(QStringLiteral("rmsOffset"));
    r.frequencyPpm = in.number(QStringLiteral("frequencyPpm"));
    r.residualFrequencyPpm = in.number(QStringLiteral("residualFrequencyPpm"));
    r.skewPpm = in.number(QStringLiteral("skewPpm"));
    r.updateInterval = in.number(QStringLiteral("updateInterval"));
    return r;
}

QJsonObject serverStatsToJson(const ServerStats &st)
{
    return {
        {"packetsReceived", counterValue(st.packetsReceived)},
        {"repliesSent", counterValue(st.repliesSent)},
        {"droppedMalformed", counterValue(st.droppedMalformed)},
        {"droppedBadVersion", counterValue(st.droppedBadVersion)},
        {"droppedBadMode", counterValue(st.droppedBadMode)},
        {"droppedDenied", counterValue(st.droppedDenied)},
        {"droppedOther", counterValue(st.droppedOther)},
    };
}

ServerStats serverStatsFromJson(const JsonReader &in)
{
    ServerStats st;
    st.packetsReceived = in.counter(QStringLiteral("packetsReceived"));
    st.repliesSent = in.counter(QStringLiteral("repliesSent"));
    st.droppedMalformed = in.counter(QStringLiteral("droppedMalformed"));
    st.droppedBadVersion = in.counter(QStringLiteral("droppedBadVersion"));
    st.droppedBadMode = in.counter(QStringLiteral("droppedBadMode"));
    st.droppedDenied = in.counter(QStringLiteral("droppedDenied"));
    st.droppedOther = in.counter(QStringLiteral("droppedOther"));
    return st;
}

QJsonObject clientToJson(const ClientSnapshot &c)
{
    return {
        {"address", QString::fromStdString(c.address.toString())},
        {"ntpPackets", counterValue(c.ntpPackets)},
        {"ntpDropped", counterValue(c.ntpDropped)},
        {"averageIntervalLog2", c.averageIntervalLog2 ? QJsonValue(*c.averageIntervalLog2) : QJsonValue()},
        {"lastPacket", timeValue(c.lastPacket)},
    };
}

ClientSnapshot clientFromJson(const JsonReader &in)
{
    ClientSnapshot c;
    const QString address = in.string(QStringLiteral("address"));
    if (const auto ip = IpAddress::parse(address.toStdString()))
        c.address = *ip;
    else
        in.fail(QStringLiteral("address"), QStringLiteral("not an IP address: \"%1\"").arg(address));
    c.ntpPackets = in.counter(QStringLiteral("ntpPackets"));
    c.ntpDropped = in.counter(QStringLiteral("ntpDropped"));
    if (!in.isNull(QStringLiteral("averageIntervalLog2")))
        c.averageIntervalLog2 = in.number(QStringLiteral("averageIntervalLog2"));
    c.lastPacket = in.time(QStringLiteral("lastPacket")).value_or(RealTime{});
    return c;
}

QJsonObject clientLogToJson(const ClientLogSnapshot &log)
{
    QJsonArray clients;
    for (const ClientSnapshot &c : log.clients)
        clients.append(clientToJson(c));
    return {
        {"enabled", log.enabled},
        {"capacity", counterValue(log.capacity)},
        {"recordsDropped", counterValue(log.recordsDropped)},
        {"clients", clients},
        {"notShown", counterValue(log.notShown)},
    };
}

ClientLogSnapshot clientLogFromJson(const JsonReader &in)
{
    ClientLogSnapshot log;
    log.enabled = in.boolean(QStringLiteral("enabled"));
    log.capacity = in.counter(QStringLiteral("capacity"));
    log.recordsDropped = in.counter(QStringLiteral("recordsDropped"));
    const QJsonArray clients = in.array(QStringLiteral("clients"));
    log.clients.reserve(static_cast<std::size_t>(clients.size()));
    for (qsizetype i = 0; i < clients.size(); ++i)
        log.clients.push_back(clientFromJson(in.element(clients, i, QStringLiteral("clients"))));
    log.notShown = in.counter(QStringLiteral("notShown"));
    return log;
}

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
    case SourceState::Unusable: return "unusable";
    case SourceState::Selected: return "selected";
    case SourceState::Combined: return "combined";
    case SourceState::NotCombined: return "not-combined";
    case SourceState::Falseticker: return "falseticker";
    case SourceState::TooVariable: return "too-variable";
    }
    return "unknown";
}

const char *toString(LeapIndicator leap)
{
    switch (leap) {
    case LeapIndicator::None: return "normal";
    case LeapIndicator::InsertSecond: return "insert-second";
    case LeapIndicator::DeleteSecond: return "delete-second";
    case LeapIndicator::Unsynchronised: return "unsynchronised";
    }
    return "unknown";
}

const char *toString(SourceKind kind)
{
    switch (kind) {
    case SourceKind::Server: return "server";
    case SourceKind::Peer: return "peer";
    case SourceKind::RefClock: return "refclock";
    }
    return "unknown";
}

std::optional<SourceState> sourceStateFromString(const QString &text)
{
    static constexpr std::array kAll{SourceState::Unusable, SourceState::Selected, SourceState::Combined,
                                     SourceState::NotCombined, SourceState::Falseticker, SourceState::TooVariable};
    return lookup(kAll, text);
}

std::optional<LeapIndicator> leapFromString(const QString &text)
{
    static constexpr std::array kAll{LeapIndicator::None, LeapIndicator::InsertSecond, LeapIndicator::DeleteSecond,
                                     LeapIndicator::Unsynchronised};
    return lookup(kAll, text);
}

std::optional<SourceKind> sourceKindFromString(const QString &text)
{
    static constexpr std::array kAll{SourceKind::Server, SourceKind::Peer, SourceKind::RefClock};
    return lookup(kAll, text);
}

QJsonObject sourceToJson(const SourceSnapshot &s)
{
    QJsonArray samples;
    for (const SourceSample &sample : s.recentSamples)
        samples.append(sampleToJson(sample));
    const bool resolved = !s.address.ip.isNull();
    QJsonObject o{
        {"id", static_cast<qint64>(s.id)},
        {"name", QString::fromStdString(s.name)},
        // "192.0.2.1:123", kept for readers of the plain host's lines; `ip` and `port` are the
        // parts (the port survives even while the name is unresolved).
        {"address", resolved ? QJsonValue(QString::fromStdString(s.address.toString())) : QJsonValue()},
        {"ip", resolved ? QJsonValue(QString::fromStdString(s.address.ip.toString())) : QJsonValue()},
        {"port", s.address.port},
        {"pool", QString::fromStdString(s.poolName)},
        {"kind", toString(s.kind)},
        {"state", toString(s.state)},
        {"stratum", s.stratum},
        {"poll", s.poll},
        {"reach", s.reach},
        {"referenceId", static_cast<qint64>(s.referenceId)},
        {"leap", toString(s.leap)},
        {"rootDelay", s.rootDelay},
        {"rootDispersion", s.rootDispersion},
        {"lastRx", timeValue(s.lastRx)},
        {"requestsSent", counterValue(s.requestsSent)},
        {"repliesAccepted", counterValue(s.repliesAccepted)},
        {"repliesRejected", counterValue(s.repliesRejected)},
        {"lastRejectReason", QString::fromStdString(s.lastRejectReason)},
        {"kissCode", QString::fromStdString(s.kissCode)},
        {"driverStatus", QString::fromStdString(s.driverStatus)},
        {"unselectableReason", QString::fromStdString(s.unselectableReason)},
        {"driverFault", s.driverFault},
        {"selection", s.selectionLetter != 0 ? QString(QLatin1Char(s.selectionLetter)) : QString()},
        {"samples", samples},
        {"stats", statsToJson(s.stats)},
        {"adjustedOffset", s.adjustedOffset},
        {"errorBound", s.errorBound},
    };
    if (s.lastSample)
        o.insert("lastSample", sampleToJson(*s.lastSample));
    if (s.lastExchange)
        o.insert("lastExchange", exchangeToJson(*s.lastExchange));
    return o;
}

std::optional<SourceSnapshot> sourceFromJson(const QJsonObject &json, QString *error)
{
    const JsonReader in(json);
    SourceSnapshot s = sourceFromReader(in);
    if (!in.ok()) {
        if (error)
            *error = in.error();
        return std::nullopt;
    }
    return s;
}

QJsonObject snapshotToJson(const EngineSnapshot &snapshot)
{
    QJsonArray sources;
    for (const SourceSnapshot &s : snapshot.sources)
        sources.append(sourceToJson(s));
    QJsonArray unresolved;
    for (const UnresolvedName &u : snapshot.unresolved)
        unresolved.append(QJsonObject{{"name", QString::fromStdString(u.name)}, {"pool", u.pool}, {"failed", u.failed}});
    return {
        {"time", timeValue(snapshot.time)},
        {"ntpPort", snapshot.ntpPort},
        {"serverError", QString::fromStdString(snapshot.serverError)},
        {"reference", referenceToJson(snapshot.reference)},
        {"server", serverStatsToJson(snapshot.server)},
        {"clientLog", clientLogToJson(snapshot.clientLog)},
        {"sources", sources},
        {"clientPacketsDropped", counterValue(snapshot.clientPacketsDropped)},
        {"gps", snapshot.gps ? QJsonValue(gpsStatusToJson(*snapshot.gps)) : QJsonValue()},
        {"configWarnings", stringArray(snapshot.configWarnings)},
        {"hostTime", timeValue(snapshot.hostTime)},
        {"unresolved", unresolved},
    };
}

std::optional<EngineSnapshot> snapshotFromJson(const QJsonObject &json, QString *error)
{
    const JsonReader in(json);
    EngineSnapshot s;
    if (in.isNull(QStringLiteral("time")))
        in.fail(QStringLiteral("time"), QStringLiteral("missing"));
    s.time = in.time(QStringLiteral("time")).value_or(RealTime{});
    s.ntpPort = static_cast<std::uint16_t>(in.integerIn(QStringLiteral("ntpPort"), 0, kMaxUint16));
    s.serverError = in.string(QStringLiteral("serverError")).toStdString();
    s.reference = referenceFromJson(in.object(QStringLiteral("reference")));
    s.server = serverStatsFromJson(in.object(QStringLiteral("server")));
    s.clientLog = clientLogFromJson(in.object(QStringLiteral("clientLog")));
    const QJsonArray sources = in.array(QStringLiteral("sources"));
    s.sources.reserve(static_cast<std::size_t>(sources.size()));
    for (qsizetype i = 0; i < sources.size(); ++i)
        s.sources.push_back(sourceFromReader(in.element(sources, i, QStringLiteral("sources"))));
    s.clientPacketsDropped = in.counter(QStringLiteral("clientPacketsDropped"));
    const QJsonArray warnings = in.array(QStringLiteral("configWarnings"));
    for (qsizetype i = 0; i < warnings.size(); ++i) {
        if (!warnings[i].isString())
            in.fail(QStringLiteral("configWarnings[%1]").arg(i), QStringLiteral("expected a string"));
        s.configWarnings.push_back(warnings[i].toString().toStdString());
    }
    s.hostTime = in.time(QStringLiteral("hostTime"));
    const QJsonArray unresolved = in.array(QStringLiteral("unresolved"));
    for (qsizetype i = 0; i < unresolved.size(); ++i) {
        const JsonReader u = in.element(unresolved, i, QStringLiteral("unresolved"));
        s.unresolved.push_back({u.string(QStringLiteral("name")).toStdString(), u.boolean(QStringLiteral("pool")),
                                u.boolean(QStringLiteral("failed"))});
    }
    if (json.value(QStringLiteral("gps")).isObject()) {
        QString gpsError;
        s.gps = gpsStatusFromJson(json.value(QStringLiteral("gps")).toObject(), &gpsError);
        if (!s.gps)
            in.fail(QStringLiteral("gps"), gpsError);
    }
    if (!in.ok()) {
        if (error)
            *error = in.error();
        return std::nullopt;
    }
    return s;
}

} // namespace s1
