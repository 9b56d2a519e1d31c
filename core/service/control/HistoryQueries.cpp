#include "control/HistoryQueries.h"

#include <QJsonArray>

#include <cmath>

namespace s1 {

namespace {

constexpr double kWireNanosPerSecond = 1e9;
// Times a request may name: 1970 to 2262, where int64 ns is defined.
constexpr double kMaxUnixSeconds = 9.2e9;

double seconds(std::int64_t ns)
{
    return static_cast<double>(ns) / kWireNanosPerSecond;
}

ControlAnswer failure(QString message)
{
    return {false, {}, std::move(message)};
}

// A time argument in Unix seconds; false with `error` when present but not a usable number.
bool timeArg(const QJsonObject &args, const char *name, std::optional<std::int64_t> &out, QString &error)
{
    const QJsonValue v = args.value(QLatin1String(name));
    if (v.isUndefined())
        return true;
    const double s = v.toDouble(NAN);
    if (!v.isDouble() || !std::isfinite(s) || s < 0 || s > kMaxUnixSeconds) {
        error = QStringLiteral("\"%1\" must be a time in Unix seconds").arg(QLatin1String(name));
        return false;
    }
    out = std::llround(s * kWireNanosPerSecond);
    return true;
}

} // namespace

ControlAnswer answerHistorySeries(const HistoryStore *store)
{
    if (!store)
        return failure(QStringLiteral("this service keeps no history"));
    QJsonArray list;
    for (const auto &[name, series] : store->all()) {
        if (series.empty())
            continue;
        list.append(QJsonObject{
            {"series", QString::fromStdString(name)},
            {"unit", QString::fromUtf8(historySeriesUnit(name).data(), qsizetype(historySeriesUnit(name).size()))},
            {"first", seconds(series.firstTime())},
            {"last", seconds(series.lastTime())},
            {"points", qint64(series.pointCount())},
            {"minutes", qint64(series.minuteCount())},
        });
    }
    return {true, list, {}};
}

ControlAnswer answerHistory(const QJsonObject &args, const HistoryStore *store, std::int64_t now)
{
    if (!store)
        return failure(QStringLiteral("this service keeps no history"));
    const QJsonValue name = args.value(QStringLiteral("series"));
    if (!name.isString())
        return failure(QStringLiteral("\"series\" must name a series (historySeries lists them)"));
    const HistorySeries *series = store->series(name.toString().toStdString());
    if (!series || series->empty())
        return failure(QStringLiteral("no such series: %1").arg(name.toString()));

    QString error;
    std::optional<std::int64_t> from;
    std::optional<std::int64_t> to;
    if (!timeArg(args, "from", from, error) || !timeArg(args, "to", to, error))
        return failure(error);
    const QJsonValue since = args.value(QStringLiteral("since"));
    if (!since.isUndefined()) {
        const double s = since.toDouble(NAN);
        if (from)
            return failure(QStringLiteral("give \"since\" or \"from\", not both"));
        if (!since.isDouble() || !std::isfinite(s) || s <= 0 || s > kMaxUnixSeconds)
            return failure(QStringLiteral("\"since\" must be a positive number of seconds"));
    }
    const QJsonValue count = args.value(QStringLiteral("buckets"));
    int buckets = kDefaultHistoryBuckets;
    if (!count.isUndefined()) {
        const double n = count.toDouble(NAN);
        if (!count.isDouble() || n != std::floor(n) || n < 1 || n > kMaxHistoryBuckets)
            return failure(QStringLiteral("\"buckets\" must be a whole number from 1 to %1").arg(kMaxHistoryBuckets));
        buckets = static_cast<int>(n);
    }

    const std::int64_t newest = now > 0 ? std::max(now, series->lastTime()) : series->lastTime();
    const std::int64_t end = to.value_or(newest);
    std::int64_t start = series->firstTime();
    if (from)
        start = *from;
    else if (!since.isUndefined())
        start = end - std::llround(since.toDouble() * kWireNanosPerSecond);
    if (end < start)
        return failure(QStringLiteral("\"to\" is before \"from\""));

    const std::vector<HistoryBucket> result = series->query(start, end, static_cast<std::size_t>(buckets));
    QJsonArray list;
    for (const HistoryBucket &b : result) {
        QJsonObject bucket{{"time", seconds(b.start)}, {"count", qint64(b.count)}};
        if (b.count > 0) {
            bucket.insert(QStringLiteral("min"), b.min);
            bucket.insert(QStringLiteral("mean"), b.mean());
            bucket.insert(QStringLiteral("max"), b.max);
        }
        list.append(bucket);
    }
    const std::string_view unit = historySeriesUnit(name.toString().toStdString());
    const double width =
        result.size() > 1 ? seconds(result[1].start - result[0].start) : seconds(end - start) + 1.0 / kWireNanosPerSecond;
    return {true,
            QJsonObject{{"series", name.toString()},
                        {"unit", QString::fromUtf8(unit.data(), qsizetype(unit.size()))},
                        {"from", seconds(start)},
                        {"to", seconds(end)},
                        {"bucketSeconds", width},
                        {"buckets", list}},
            {}};
}

} // namespace s1
