#include "json/ReportJson.h"

#include "json/JsonReader.h"
#include "json/SnapshotJson.h"

#include <array>
#include <limits>
#include <utility>

namespace s1 {

namespace {

constexpr std::int64_t kMaxUint32 = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t kMaxUint16 = std::numeric_limits<std::uint16_t>::max();
constexpr std::int64_t kMaxUint8 = std::numeric_limits<std::uint8_t>::max();
constexpr std::int64_t kMaxInt = std::numeric_limits<int>::max();
constexpr std::int64_t kMinInt = std::numeric_limits<int>::min();
constexpr std::int64_t kMaxTests = 0x3ff;
// The clients report's log2 intervals travel as chronyd's int8.
constexpr std::int64_t kMinInt8 = std::numeric_limits<std::int8_t>::min();
constexpr std::int64_t kMaxInt8 = std::numeric_limits<std::int8_t>::max();

template <typename Enum, std::size_t N>
const char *nameOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[v, name] : table)
        if (v == value)
            return name;
    return "unknown";
}

template <typename Enum, std::size_t N>
Enum readEnum(const JsonReader &in, const QString &key, const std::array<std::pair<Enum, const char *>, N> &table,
              Enum fallback)
{
    if (!in.has(key))
        return fallback;
    const QString text = in.string(key);
    for (const auto &[v, name] : table)
        if (text == QLatin1String(name))
            return v;
    in.fail(key, QStringLiteral("unknown value \"%1\"").arg(text));
    return fallback;
}

using Leap = TrackingReport::Leap;
constexpr std::array<std::pair<Leap, const char *>, 4> kLeapNames{{
    {Leap::Normal, "normal"},
    {Leap::InsertSecond, "insert-second"},
    {Leap::DeleteSecond, "delete-second"},
    {Leap::Unsynchronised, "unsynchronised"},
}};

constexpr std::array<std::pair<SourceReportRow::Mode, const char *>, 3> kModeNames{{
    {SourceReportRow::Mode::Server, "server"},
    {SourceReportRow::Mode::Peer, "peer"},
    {SourceReportRow::Mode::RefClock, "refclock"},
}};

using State = SourceReportRow::State;
constexpr std::array<std::pair<State, const char *>, 6> kStateNames{{
    {State::Selected, "selected"},
    {State::Combined, "combined"},
    {State::NotCombined, "not-combined"},
    {State::Falseticker, "falseticker"},
    {State::TooVariable, "too-variable"},
    {State::Unusable, "unusable"},
}};

constexpr std::array<std::pair<NtpDataReport::Mode, const char *>, 3> kNtpModeNames{{
    {NtpDataReport::Mode::SymmetricActive, "symmetric-active"},
    {NtpDataReport::Mode::SymmetricPassive, "symmetric-passive"},
    {NtpDataReport::Mode::Server, "server"},
}};

using Timestamping = NtpDataReport::Timestamping;
constexpr std::array<std::pair<Timestamping, const char *>, 3> kTimestampingNames{{
    {Timestamping::Daemon, "daemon"},
    {Timestamping::Kernel, "kernel"},
    {Timestamping::Hardware, "hardware"},
}};

QJsonValue ageValue(const std::optional<std::chrono::seconds> &age)
{
    return age ? QJsonValue(static_cast<qint64>(age->count())) : QJsonValue();
}

std::optional<std::chrono::seconds> readAge(const JsonReader &in, const QString &key)
{
    if (in.isNull(key))
        return std::nullopt;
    return std::chrono::seconds(in.integerIn(key, 0, std::numeric_limits<std::int64_t>::max()));
}

QJsonValue optionalIntValue(const std::optional<int> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

std::optional<int> readOptionalInt(const JsonReader &in, const QString &key)
{
    if (in.isNull(key))
        return std::nullopt;
    return static_cast<int>(in.integerIn(key, kMinInt8, kMaxInt8));
}

RealTime readTime(const JsonReader &in, const QString &key)
{
    return in.time(key).value_or(RealTime{});
}

QJsonValue counterValue(std::uint64_t n)
{
    return static_cast<qint64>(n);
}

std::uint32_t readUint32(const JsonReader &in, const QString &key)
{
    return static_cast<std::uint32_t>(in.integerIn(key, 0, kMaxUint32));
}

int readInt(const JsonReader &in, const QString &key)
{
    return static_cast<int>(in.integerIn(key, kMinInt, kMaxInt));
}

std::string readString(const JsonReader &in, const QString &key)
{
    return in.string(key).toStdString();
}

QJsonObject optionsToJson(const SelectDataOptions &o)
{
    return {{"noselect", o.noselect}, {"prefer", o.prefer}, {"trust", o.trust}, {"require", o.require}};
}

SelectDataOptions readOptions(const JsonReader &in)
{
    SelectDataOptions o;
    o.noselect = in.boolean(QStringLiteral("noselect"));
    o.prefer = in.boolean(QStringLiteral("prefer"));
    o.trust = in.boolean(QStringLiteral("trust"));
    o.require = in.boolean(QStringLiteral("require"));
    return o;
}

// --- readers, one per report type (overloads picked by the templates below)

void read(const JsonReader &in, TrackingReport &t)
{
    t.referenceId = readUint32(in, QStringLiteral("referenceId"));
    t.referenceName = readString(in, QStringLiteral("referenceName"));
    t.stratum = readInt(in, QStringLiteral("stratum"));
    t.referenceTime = readTime(in, QStringLiteral("referenceTime"));
    t.systemTimeOffset = in.number(QStringLiteral("systemTimeOffset"));
    t.lastOffset = in.number(QStringLiteral("lastOffset"));
    t.rmsOffset = in.number(QStringLiteral("rmsOffset"));
    t.frequencyPpm = in.number(QStringLiteral("frequencyPpm"));
    t.residualFrequencyPpm = in.number(QStringLiteral("residualFrequencyPpm"));
    t.skewPpm = in.number(QStringLiteral("skewPpm"));
    t.rootDelay = in.number(QStringLiteral("rootDelay"));
    t.rootDispersion = in.number(QStringLiteral("rootDispersion"));
    t.updateInterval = in.number(QStringLiteral("updateInterval"));
    t.leap = readEnum(in, QStringLiteral("leap"), kLeapNames, Leap::Unsynchronised);
}

void read(const JsonReader &in, SourceReportRow &r)
{
    r.mode = readEnum(in, QStringLiteral("mode"), kModeNames, SourceReportRow::Mode::Server);
    r.state = readEnum(in, QStringLiteral("state"), kStateNames, State::Unusable);
    r.name = readString(in, QStringLiteral("name"));
    r.stratum = readInt(in, QStringLiteral("stratum"));
    r.poll = readInt(in, QStringLiteral("poll"));
    r.reach = static_cast<std::uint8_t>(in.integerIn(QStringLiteral("reach"), 0, kMaxUint8));
    r.lastRxAge = readAge(in, QStringLiteral("lastRxAge"));
    r.adjustedOffset = in.number(QStringLiteral("adjustedOffset"));
    r.measuredOffset = in.number(QStringLiteral("measuredOffset"));
    r.errorBound = in.number(QStringLiteral("errorBound"));
}

void read(const JsonReader &in, SourceStatsRow &r)
{
    r.name = readString(in, QStringLiteral("name"));
    r.samples = readUint32(in, QStringLiteral("samples"));
    r.runs = readUint32(in, QStringLiteral("runs"));
    r.span = readAge(in, QStringLiteral("span")).value_or(std::chrono::seconds(0));
    r.frequencyPpm = in.number(QStringLiteral("frequencyPpm"));
    r.frequencySkewPpm = in.number(QStringLiteral("frequencySkewPpm"));
    r.offset = in.number(QStringLiteral("offset"));
    r.stdDev = in.number(QStringLiteral("stdDev"));
}

void read(const JsonReader &in, ActivityReport &a)
{
    a.online = readUint32(in, QStringLiteral("online"));
    a.offline = readUint32(in, QStringLiteral("offline"));
    a.burstOnline = readUint32(in, QStringLiteral("burstOnline"));
    a.burstOffline = readUint32(in, QStringLiteral("burstOffline"));
    a.unresolved = readUint32(in, QStringLiteral("unresolved"));
}

// serverstats: the member names and the fields, in chronyc's order.
template <typename Visit>
void eachServerStat(Visit &&visit, auto &r)
{
    visit("ntpPacketsReceived", r.ntpPacketsReceived);
    visit("ntpPacketsDropped", r.ntpPacketsDropped);
    visit("commandPacketsReceived", r.commandPacketsReceived);
    visit("commandPacketsDropped", r.commandPacketsDropped);
    visit("clientLogRecordsDropped", r.clientLogRecordsDropped);
    visit("ntsKeConnectionsAccepted", r.ntsKeConnectionsAccepted);
    visit("ntsKeConnectionsDropped", r.ntsKeConnectionsDropped);
    visit("authenticatedNtpPackets", r.authenticatedNtpPackets);
    visit("interleavedNtpPackets", r.interleavedNtpPackets);
    visit("ntpTimestampsHeld", r.ntpTimestampsHeld);
    visit("ntpTimestampSpan", r.ntpTimestampSpan);
    visit("ntpDaemonRxTimestamps", r.ntpDaemonRxTimestamps);
    visit("ntpDaemonTxTimestamps", r.ntpDaemonTxTimestamps);
    visit("ntpKernelRxTimestamps", r.ntpKernelRxTimestamps);
    visit("ntpKernelTxTimestamps", r.ntpKernelTxTimestamps);
    visit("ntpHardwareRxTimestamps", r.ntpHardwareRxTimestamps);
    visit("ntpHardwareTxTimestamps", r.ntpHardwareTxTimestamps);
}

void read(const JsonReader &in, ServerStatsReport &r)
{
    eachServerStat([&in](const char *key, std::uint64_t &value) { value = in.counter(QLatin1String(key)); }, r);
}

void read(const JsonReader &in, SelectDataRow &r)
{
    const QString state = in.string(QStringLiteral("state"));
    if (state.size() == 1 && state.at(0).unicode() < 0x80)
        r.state = static_cast<char>(state.at(0).unicode());
    else if (in.has(QStringLiteral("state")))
        in.fail(QStringLiteral("state"), QStringLiteral("expected one ASCII character"));
    r.name = readString(in, QStringLiteral("name"));
    r.authenticated = in.boolean(QStringLiteral("authenticated"));
    r.configured = readOptions(in.object(QStringLiteral("configured")));
    r.effective = readOptions(in.object(QStringLiteral("effective")));
    r.lastSampleAge = readAge(in, QStringLiteral("lastSampleAge"));
    r.score = in.number(QStringLiteral("score"));
    r.lowLimit = in.number(QStringLiteral("lowLimit"));
    r.highLimit = in.number(QStringLiteral("highLimit"));
    r.leap = readEnum(in, QStringLiteral("leap"), kLeapNames, Leap::Unsynchronised);
}

void read(const JsonReader &in, NtpDataReport &r)
{
    r.remoteAddress = readString(in, QStringLiteral("remoteAddress"));
    r.remoteRefId = readUint32(in, QStringLiteral("remoteRefId"));
    r.remotePort = static_cast<std::uint16_t>(in.integerIn(QStringLiteral("remotePort"), 0, kMaxUint16));
    r.localAddress = readString(in, QStringLiteral("localAddress"));
    r.localRefId = readUint32(in, QStringLiteral("localRefId"));
    r.leap = readEnum(in, QStringLiteral("leap"), kLeapNames, Leap::Unsynchronised);
    r.version = readInt(in, QStringLiteral("version"));
    r.mode = readEnum(in, QStringLiteral("mode"), kNtpModeNames, NtpDataReport::Mode::Server);
    r.stratum = readInt(in, QStringLiteral("stratum"));
    r.poll = readInt(in, QStringLiteral("poll"));
    r.precision = readInt(in, QStringLiteral("precision"));
    r.rootDelay = in.number(QStringLiteral("rootDelay"));
    r.rootDispersion = in.number(QStringLiteral("rootDispersion"));
    r.referenceId = readUint32(in, QStringLiteral("referenceId"));
    r.referenceTime = readTime(in, QStringLiteral("referenceTime"));
    r.offset = in.number(QStringLiteral("offset"));
    r.peerDelay = in.number(QStringLiteral("peerDelay"));
    r.peerDispersion = in.number(QStringLiteral("peerDispersion"));
    r.responseTime = in.number(QStringLiteral("responseTime"));
    r.jitterAsymmetry = in.number(QStringLiteral("jitterAsymmetry"));
    r.tests = static_cast<std::uint16_t>(in.integerIn(QStringLiteral("tests"), 0, kMaxTests));
    r.interleaved = in.boolean(QStringLiteral("interleaved"));
    r.authenticated = in.boolean(QStringLiteral("authenticated"));
    r.txTimestamping = readEnum(in, QStringLiteral("txTimestamping"), kTimestampingNames, Timestamping::Daemon);
    r.rxTimestamping = readEnum(in, QStringLiteral("rxTimestamping"), kTimestampingNames, Timestamping::Daemon);
    r.totalTx = readUint32(in, QStringLiteral("totalTx"));
    r.totalRx = readUint32(in, QStringLiteral("totalRx"));
    r.totalValidRx = readUint32(in, QStringLiteral("totalValidRx"));
    r.totalGoodRx = readUint32(in, QStringLiteral("totalGoodRx"));
    r.totalKernelTx = readUint32(in, QStringLiteral("totalKernelTx"));
    r.totalKernelRx = readUint32(in, QStringLiteral("totalKernelRx"));
    r.totalHwTx = readUint32(in, QStringLiteral("totalHwTx"));
    r.totalHwRx = readUint32(in, QStringLiteral("totalHwRx"));
}

void read(const JsonReader &in, ClientReportRow &r)
{
    r.name = readString(in, QStringLiteral("name"));
    r.ntpPackets = readUint32(in, QStringLiteral("ntpPackets"));
    r.ntpDropped = readUint32(in, QStringLiteral("ntpDropped"));
    r.ntpIntervalLog2 = readOptionalInt(in, QStringLiteral("ntpIntervalLog2"));
    r.ntpLimitedIntervalLog2 = readOptionalInt(in, QStringLiteral("ntpLimitedIntervalLog2"));
    r.lastNtpAge = readAge(in, QStringLiteral("lastNtpAge"));
    r.commandPackets = readUint32(in, QStringLiteral("commandPackets"));
    r.commandDropped = readUint32(in, QStringLiteral("commandDropped"));
    r.commandIntervalLog2 = readOptionalInt(in, QStringLiteral("commandIntervalLog2"));
    r.lastCommandAge = readAge(in, QStringLiteral("lastCommandAge"));
}

void read(const JsonReader &in, ClientsReport &r)
{
    const QJsonArray clients = in.array(QStringLiteral("clients"));
    r.rows.reserve(static_cast<std::size_t>(clients.size()));
    for (qsizetype i = 0; i < clients.size(); ++i) {
        ClientReportRow row;
        read(in.element(clients, i, QStringLiteral("clients")), row);
        r.rows.push_back(std::move(row));
    }
    r.notShown = in.counter(QStringLiteral("notShown"));
}

} // namespace

QJsonObject toJson(const TrackingReport &t)
{
    return {
        {"referenceId", static_cast<qint64>(t.referenceId)},
        {"referenceName", QString::fromStdString(t.referenceName)},
        {"stratum", t.stratum},
        {"referenceTime", timeToJsonString(t.referenceTime)},
        {"systemTimeOffset", t.systemTimeOffset},
        {"lastOffset", t.lastOffset},
        {"rmsOffset", t.rmsOffset},
        {"frequencyPpm", t.frequencyPpm},
        {"residualFrequencyPpm", t.residualFrequencyPpm},
        {"skewPpm", t.skewPpm},
        {"rootDelay", t.rootDelay},
        {"rootDispersion", t.rootDispersion},
        {"updateInterval", t.updateInterval},
        {"leap", nameOf(kLeapNames, t.leap)},
    };
}

QJsonObject toJson(const SourceReportRow &r)
{
    return {
        {"mode", nameOf(kModeNames, r.mode)},
        {"state", nameOf(kStateNames, r.state)},
        {"name", QString::fromStdString(r.name)},
        {"stratum", r.stratum},
        {"poll", r.poll},
        {"reach", r.reach},
        {"lastRxAge", ageValue(r.lastRxAge)},
        {"adjustedOffset", r.adjustedOffset},
        {"measuredOffset", r.measuredOffset},
        {"errorBound", r.errorBound},
    };
}

QJsonObject toJson(const SourceStatsRow &r)
{
    return {
        {"name", QString::fromStdString(r.name)},
        {"samples", static_cast<qint64>(r.samples)},
        {"runs", static_cast<qint64>(r.runs)},
        {"span", static_cast<qint64>(r.span.count())},
        {"frequencyPpm", r.frequencyPpm},
        {"frequencySkewPpm", r.frequencySkewPpm},
        {"offset", r.offset},
        {"stdDev", r.stdDev},
    };
}

QJsonObject toJson(const ActivityReport &a)
{
    return {
        {"online", static_cast<qint64>(a.online)},
        {"offline", static_cast<qint64>(a.offline)},
        {"burstOnline", static_cast<qint64>(a.burstOnline)},
        {"burstOffline", static_cast<qint64>(a.burstOffline)},
        {"unresolved", static_cast<qint64>(a.unresolved)},
    };
}

QJsonObject toJson(const ServerStatsReport &report)
{
    QJsonObject o;
    eachServerStat([&o](const char *key, const std::uint64_t &value) { o.insert(QLatin1String(key), counterValue(value)); },
                   report);
    return o;
}

QJsonObject toJson(const SelectDataRow &r)
{
    return {
        {"state", QString(QLatin1Char(r.state))},
        {"name", QString::fromStdString(r.name)},
        {"authenticated", r.authenticated},
        {"configured", optionsToJson(r.configured)},
        {"effective", optionsToJson(r.effective)},
        {"lastSampleAge", ageValue(r.lastSampleAge)},
        {"score", r.score},
        {"lowLimit", r.lowLimit},
        {"highLimit", r.highLimit},
        {"leap", nameOf(kLeapNames, r.leap)},
    };
}

QJsonObject toJson(const NtpDataReport &r)
{
    return {
        {"remoteAddress", QString::fromStdString(r.remoteAddress)},
        {"remoteRefId", static_cast<qint64>(r.remoteRefId)},
        {"remotePort", r.remotePort},
        {"localAddress", QString::fromStdString(r.localAddress)},
        {"localRefId", static_cast<qint64>(r.localRefId)},
        {"leap", nameOf(kLeapNames, r.leap)},
        {"version", r.version},
        {"mode", nameOf(kNtpModeNames, r.mode)},
        {"stratum", r.stratum},
        {"poll", r.poll},
        {"precision", r.precision},
        {"rootDelay", r.rootDelay},
        {"rootDispersion", r.rootDispersion},
        {"referenceId", static_cast<qint64>(r.referenceId)},
        {"referenceTime", timeToJsonString(r.referenceTime)},
        {"offset", r.offset},
        {"peerDelay", r.peerDelay},
        {"peerDispersion", r.peerDispersion},
        {"responseTime", r.responseTime},
        {"jitterAsymmetry", r.jitterAsymmetry},
        {"tests", r.tests},
        {"interleaved", r.interleaved},
        {"authenticated", r.authenticated},
        {"txTimestamping", nameOf(kTimestampingNames, r.txTimestamping)},
        {"rxTimestamping", nameOf(kTimestampingNames, r.rxTimestamping)},
        {"totalTx", static_cast<qint64>(r.totalTx)},
        {"totalRx", static_cast<qint64>(r.totalRx)},
        {"totalValidRx", static_cast<qint64>(r.totalValidRx)},
        {"totalGoodRx", static_cast<qint64>(r.totalGoodRx)},
        {"totalKernelTx", static_cast<qint64>(r.totalKernelTx)},
        {"totalKernelRx", static_cast<qint64>(r.totalKernelRx)},
        {"totalHwTx", static_cast<qint64>(r.totalHwTx)},
        {"totalHwRx", static_cast<qint64>(r.totalHwRx)},
    };
}

QJsonObject toJson(const ClientReportRow &r)
{
    return {
        {"name", QString::fromStdString(r.name)},
        {"ntpPackets", static_cast<qint64>(r.ntpPackets)},
        {"ntpDropped", static_cast<qint64>(r.ntpDropped)},
        {"ntpIntervalLog2", optionalIntValue(r.ntpIntervalLog2)},
        {"ntpLimitedIntervalLog2", optionalIntValue(r.ntpLimitedIntervalLog2)},
        {"lastNtpAge", ageValue(r.lastNtpAge)},
        {"commandPackets", static_cast<qint64>(r.commandPackets)},
        {"commandDropped", static_cast<qint64>(r.commandDropped)},
        {"commandIntervalLog2", optionalIntValue(r.commandIntervalLog2)},
        {"lastCommandAge", ageValue(r.lastCommandAge)},
    };
}

QJsonObject toJson(const ClientsReport &report)
{
    return {
        {"clients", toJsonArray(report.rows)},
        {"notShown", counterValue(report.notShown)},
    };
}

template <typename Report>
std::optional<Report> reportFromJson(const QJsonObject &json, QString *error)
{
    const JsonReader in(json);
    Report report;
    read(in, report);
    if (!in.ok()) {
        if (error)
            *error = in.error();
        return std::nullopt;
    }
    return report;
}

template <typename Row>
std::optional<std::vector<Row>> rowsFromJson(const QJsonArray &json, QString *error)
{
    const JsonReader in(QJsonObject{}, QString());
    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(json.size()));
    for (qsizetype i = 0; i < json.size(); ++i) {
        Row row;
        read(in.element(json, i, QStringLiteral("rows")), row);
        rows.push_back(std::move(row));
    }
    if (!in.ok()) {
        if (error)
            *error = in.error();
        return std::nullopt;
    }
    return rows;
}

template std::optional<TrackingReport> reportFromJson<TrackingReport>(const QJsonObject &, QString *);
template std::optional<SourceReportRow> reportFromJson<SourceReportRow>(const QJsonObject &, QString *);
template std::optional<SourceStatsRow> reportFromJson<SourceStatsRow>(const QJsonObject &, QString *);
template std::optional<ActivityReport> reportFromJson<ActivityReport>(const QJsonObject &, QString *);
template std::optional<ServerStatsReport> reportFromJson<ServerStatsReport>(const QJsonObject &, QString *);
template std::optional<SelectDataRow> reportFromJson<SelectDataRow>(const QJsonObject &, QString *);
template std::optional<NtpDataReport> reportFromJson<NtpDataReport>(const QJsonObject &, QString *);
template std::optional<ClientReportRow> reportFromJson<ClientReportRow>(const QJsonObject &, QString *);
template std::optional<ClientsReport> reportFromJson<ClientsReport>(const QJsonObject &, QString *);
template std::optional<std::vector<SourceReportRow>> rowsFromJson<SourceReportRow>(const QJsonArray &, QString *);
template std::optional<std::vector<SourceStatsRow>> rowsFromJson<SourceStatsRow>(const QJsonArray &, QString *);
template std::optional<std::vector<SelectDataRow>> rowsFromJson<SelectDataRow>(const QJsonArray &, QString *);
template std::optional<std::vector<NtpDataReport>> rowsFromJson<NtpDataReport>(const QJsonArray &, QString *);

} // namespace s1
