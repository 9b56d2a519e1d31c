#include "json/ReportJson.h"

#include "json/JsonFields.h"
#include "json/SharedEnums.h"

#include <array>
#include <limits>
#include <utility>

namespace s1 {

namespace json {

namespace {

constexpr std::int64_t kMaxTests = 0x3ff;
// The clients report's log2 intervals travel as chronyd's int8.
constexpr std::int64_t kMinInt8 = std::numeric_limits<std::int8_t>::min();
constexpr std::int64_t kMaxInt8 = std::numeric_limits<std::int8_t>::max();

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, const char *>, N>;

template <typename E, std::size_t N>
constexpr std::array<E, N> valuesOf(const Names<E, N> &names)
{
    std::array<E, N> values{};
    for (std::size_t i = 0; i < N; ++i)
        values[i] = names[i].first;
    return values;
}

template <typename E, std::size_t N>
const char *nameIn(const Names<E, N> &names, E value)
{
    for (const auto &[v, name] : names)
        if (v == value)
            return name;
    return "unknown";
}

constexpr Names<NtpDataReport::Mode, 3> kNtpModeNames{{
    {NtpDataReport::Mode::SymmetricActive, "symmetric-active"},
    {NtpDataReport::Mode::SymmetricPassive, "symmetric-passive"},
    {NtpDataReport::Mode::Server, "server"},
}};

constexpr Names<TimestampSource, 3> kTimestampingNames{{
    {TimestampSource::Daemon, "daemon"},
    {TimestampSource::Kernel, "kernel"},
    {TimestampSource::Hardware, "hardware"},
}};

constexpr auto kNtpModes = valuesOf(kNtpModeNames);
constexpr auto kTimestampings = valuesOf(kTimestampingNames);

const Enum<NtpDataReport::Mode> kNtpModeCodec{.values = kNtpModes,
                                              .name = [](NtpDataReport::Mode v) { return nameIn(kNtpModeNames, v); }};
const Enum<TimestampSource> kTimestampingCodec{.values = kTimestampings,
                                               .name = [](TimestampSource v) { return nameIn(kTimestampingNames, v); }};

const Nullable<Integer<int>> kInt8Interval{.inner = {.min = kMinInt8, .max = kMaxInt8}};

} // namespace

inline auto describe(Type<TrackingReport>)
{
    using T = TrackingReport;
    return std::tuple{
        field("referenceId", &T::referenceId),
        field("referenceName", &T::referenceName),
        field("stratum", &T::stratum),
        field("referenceTime", &T::referenceTime),
        field("systemTimeOffset", &T::systemTimeOffset),
        field("lastOffset", &T::lastOffset),
        field("rmsOffset", &T::rmsOffset),
        field("frequencyPpm", &T::frequencyPpm),
        field("residualFrequencyPpm", &T::residualFrequencyPpm),
        field("skewPpm", &T::skewPpm),
        field("rootDelay", &T::rootDelay),
        field("rootDispersion", &T::rootDispersion),
        field("updateInterval", &T::updateInterval),
        field("leap", &T::leap, kLeapCodec),
    };
}

inline auto describe(Type<SourceReportRow>)
{
    using R = SourceReportRow;
    return std::tuple{
        field("mode", &R::mode, kKindCodec),
        field("state", &R::state, kStateCodec),
        field("name", &R::name),
        field("stratum", &R::stratum),
        field("poll", &R::poll),
        field("reach", &R::reach),
        field("lastRxAge", &R::lastRxAge),
        field("adjustedOffset", &R::adjustedOffset),
        field("measuredOffset", &R::measuredOffset),
        field("errorBound", &R::errorBound),
    };
}

inline auto describe(Type<SourceStatsRow>)
{
    using R = SourceStatsRow;
    return std::tuple{
        field("name", &R::name),
        field("samples", &R::samples),
        field("runs", &R::runs),
        field("span", &R::span),
        field("frequencyPpm", &R::frequencyPpm),
        field("frequencySkewPpm", &R::frequencySkewPpm),
        field("offset", &R::offset),
        field("stdDev", &R::stdDev),
    };
}

inline auto describe(Type<ActivityReport>)
{
    using A = ActivityReport;
    return std::tuple{
        field("online", &A::online),           field("offline", &A::offline),
        field("burstOnline", &A::burstOnline), field("burstOffline", &A::burstOffline),
        field("unresolved", &A::unresolved),
    };
}

// In chronyc's order.
inline auto describe(Type<ServerStatsReport>)
{
    using R = ServerStatsReport;
    return std::tuple{
        field("ntpPacketsReceived", &R::ntpPacketsReceived),
        field("ntpPacketsDropped", &R::ntpPacketsDropped),
        field("commandPacketsReceived", &R::commandPacketsReceived),
        field("commandPacketsDropped", &R::commandPacketsDropped),
        field("clientLogRecordsDropped", &R::clientLogRecordsDropped),
        field("ntsKeConnectionsAccepted", &R::ntsKeConnectionsAccepted),
        field("ntsKeConnectionsDropped", &R::ntsKeConnectionsDropped),
        field("authenticatedNtpPackets", &R::authenticatedNtpPackets),
        field("interleavedNtpPackets", &R::interleavedNtpPackets),
        field("ntpTimestampsHeld", &R::ntpTimestampsHeld),
        field("ntpTimestampSpan", &R::ntpTimestampSpan),
        field("ntpDaemonRxTimestamps", &R::ntpDaemonRxTimestamps),
        field("ntpDaemonTxTimestamps", &R::ntpDaemonTxTimestamps),
        field("ntpKernelRxTimestamps", &R::ntpKernelRxTimestamps),
        field("ntpKernelTxTimestamps", &R::ntpKernelTxTimestamps),
        field("ntpHardwareRxTimestamps", &R::ntpHardwareRxTimestamps),
        field("ntpHardwareTxTimestamps", &R::ntpHardwareTxTimestamps),
    };
}

inline auto describe(Type<SelectDataOptions>)
{
    using O = SelectDataOptions;
    return std::tuple{field("noselect", &O::noselect), field("prefer", &O::prefer), field("trust", &O::trust),
                      field("require", &O::require)};
}

inline auto describe(Type<SelectDataRow>)
{
    using R = SelectDataRow;
    return std::tuple{
        field("state", &R::state, Letter{.strict = true}),
        field("name", &R::name),
        field("authenticated", &R::authenticated),
        field("configured", &R::configured),
        field("effective", &R::effective),
        field("lastSampleAge", &R::lastSampleAge),
        field("score", &R::score),
        field("lowLimit", &R::lowLimit),
        field("highLimit", &R::highLimit),
        field("leap", &R::leap, kLeapCodec),
    };
}

inline auto describe(Type<NtpDataReport>)
{
    using R = NtpDataReport;
    return std::tuple{
        field("remoteAddress", &R::remoteAddress),
        field("remoteRefId", &R::remoteRefId),
        field("remotePort", &R::remotePort),
        field("localAddress", &R::localAddress),
        field("localRefId", &R::localRefId),
        field("leap", &R::leap, kLeapCodec),
        field("version", &R::version),
        field("mode", &R::mode, kNtpModeCodec),
        field("stratum", &R::stratum),
        field("poll", &R::poll),
        field("precision", &R::precision),
        field("rootDelay", &R::rootDelay),
        field("rootDispersion", &R::rootDispersion),
        field("referenceId", &R::referenceId),
        field("referenceTime", &R::referenceTime),
        field("offset", &R::offset),
        field("peerDelay", &R::peerDelay),
        field("peerDispersion", &R::peerDispersion),
        field("responseTime", &R::responseTime),
        field("jitterAsymmetry", &R::jitterAsymmetry),
        field("tests", &R::tests, Integer<std::uint16_t>{.min = 0, .max = kMaxTests}),
        field("interleaved", &R::interleaved),
        field("authenticated", &R::authenticated),
        field("txTimestamping", &R::txTimestamping, kTimestampingCodec),
        field("rxTimestamping", &R::rxTimestamping, kTimestampingCodec),
        field("totalTx", &R::totalTx),
        field("totalRx", &R::totalRx),
        field("totalValidRx", &R::totalValidRx),
        field("totalGoodRx", &R::totalGoodRx),
        field("totalKernelTx", &R::totalKernelTx),
        field("totalKernelRx", &R::totalKernelRx),
        field("totalHwTx", &R::totalHwTx),
        field("totalHwRx", &R::totalHwRx),
    };
}

inline auto describe(Type<ClientReportRow>)
{
    using R = ClientReportRow;
    return std::tuple{
        field("name", &R::name),
        field("ntpPackets", &R::ntpPackets),
        field("ntpDropped", &R::ntpDropped),
        field("ntpIntervalLog2", &R::ntpIntervalLog2, kInt8Interval),
        field("ntpLimitedIntervalLog2", &R::ntpLimitedIntervalLog2, kInt8Interval),
        field("lastNtpAge", &R::lastNtpAge),
        field("commandPackets", &R::commandPackets),
        field("commandDropped", &R::commandDropped),
        field("commandIntervalLog2", &R::commandIntervalLog2, kInt8Interval),
        field("lastCommandAge", &R::lastCommandAge),
    };
}

inline auto describe(Type<AuthDataRow>)
{
    using R = AuthDataRow;
    return std::tuple{
        field("name", &R::name),           field("mode", &R::mode),
        field("keyId", &R::keyId),         field("keyType", &R::keyType),
        field("keyLength", &R::keyLength), field("lastKeyEstablishment", &R::lastKeyEstablishment),
        field("attempts", &R::attempts),   field("naks", &R::naks),
        field("cookies", &R::cookies),     field("cookieLength", &R::cookieLength),
    };
}

inline auto describe(Type<ClientsReport>)
{
    using R = ClientsReport;
    return std::tuple{field("clients", &R::rows), field("notShown", &R::notShown)};
}

} // namespace json

QJsonObject toJson(const TrackingReport &report)
{
    return json::encodeObject(report);
}
QJsonObject toJson(const SourceReportRow &row)
{
    return json::encodeObject(row);
}
QJsonObject toJson(const SourceStatsRow &row)
{
    return json::encodeObject(row);
}
QJsonObject toJson(const ActivityReport &report)
{
    return json::encodeObject(report);
}
QJsonObject toJson(const ServerStatsReport &report)
{
    return json::encodeObject(report);
}
QJsonObject toJson(const SelectDataRow &row)
{
    return json::encodeObject(row);
}
QJsonObject toJson(const NtpDataReport &report)
{
    return json::encodeObject(report);
}
QJsonObject toJson(const ClientReportRow &row)
{
    return json::encodeObject(row);
}
QJsonObject toJson(const AuthDataRow &row)
{
    return json::encodeObject(row);
}
QJsonObject toJson(const ClientsReport &report)
{
    return json::encodeObject(report);
}

template <typename Report>
std::optional<Report> reportFromJson(const QJsonObject &object, QString *error)
{
    return json::decodeMessage<Report>(object, error);
}

template <typename Row>
std::optional<std::vector<Row>> rowsFromJson(const QJsonArray &array, QString *error)
{
    const JsonReader in(QJsonObject{{QStringLiteral("rows"), array}});
    std::vector<Row> rows;
    json::ObjectArray{}.read(in, QStringLiteral("rows"), rows);
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
template std::optional<AuthDataRow> reportFromJson<AuthDataRow>(const QJsonObject &, QString *);
template std::optional<std::vector<AuthDataRow>> rowsFromJson<AuthDataRow>(const QJsonArray &, QString *);

} // namespace s1
