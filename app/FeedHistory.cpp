#include "FeedHistory.h"

#include "control/HistoryQueries.h"

#include <QJsonArray>

#include <cmath>

namespace s1 {

namespace {

constexpr double kNanosPerSecond = 1e9;

std::int64_t nanos(double seconds)
{
    return std::llround(seconds * kNanosPerSecond);
}

double seconds(std::int64_t ns)
{
    return static_cast<double>(ns) / kNanosPerSecond;
}

bool requestError(const HistoryRangeRequest &request, HistoryRange &range)
{
    if (request.buckets == 0 || request.buckets > static_cast<std::uint32_t>(kMaxHistoryBuckets))
        range.error = "buckets must be from 1 to " + std::to_string(kMaxHistoryBuckets);
    else if (request.to < request.from)
        range.error = "the range ends before it starts";
    return !range.error.empty();
}

} // namespace

HistoryRange queryHistoryRange(const HistoryStore &store, const HistoryRangeRequest &request)
{
    HistoryRange range;
    range.request = request;
    if (requestError(request, range))
        return range;
    const HistorySeries *series = store.series(request.series);
    if (!series || series->empty()) {
        range.error = "no such series: " + request.series;
        return range;
    }
    range.ok = true;
    range.unit = std::string(historySeriesUnit(request.series));
    const std::vector<HistoryBucket> buckets = series->query(request.from, request.to, request.buckets);
    range.bucketWidth = (request.to - request.from) / static_cast<std::int64_t>(request.buckets) + 1;
    range.buckets.reserve(buckets.size());
    for (const HistoryBucket &b : buckets)
        range.buckets.push_back({b.start, b.count, b.count ? b.min : 0.0, b.mean(), b.count ? b.max : 0.0});
    return range;
}

QJsonObject historyRequestArguments(const HistoryRangeRequest &request)
{
    return QJsonObject{{"series", QString::fromStdString(request.series)},
                       {"from", seconds(request.from)},
                       {"to", seconds(request.to)},
                       {"buckets", static_cast<qint64>(request.buckets)}};
}

HistoryRange historyRangeFromAnswer(const HistoryRangeRequest &request, bool ok, const QJsonObject &result,
                                    const QString &error)
{
    HistoryRange range;
    range.request = request;
    if (!ok) {
        range.error = error.toStdString();
        return range;
    }
    const QJsonArray buckets = result.value(QStringLiteral("buckets")).toArray();
    range.unit = result.value(QStringLiteral("unit")).toString().toStdString();
    range.bucketWidth = nanos(result.value(QStringLiteral("bucketSeconds")).toDouble());
    range.buckets.reserve(static_cast<std::size_t>(buckets.size()));
    for (const QJsonValue &value : buckets) {
        const QJsonObject b = value.toObject();
        const double count = b.value(QStringLiteral("count")).toDouble(-1);
        if (count < 0 || !b.value(QStringLiteral("time")).isDouble()) {
            range.error = "the service's history answer is not readable";
            range.buckets.clear();
            return range;
        }
        HistoryRangeBucket bucket;
        bucket.start = nanos(b.value(QStringLiteral("time")).toDouble());
        bucket.count = static_cast<std::uint32_t>(count);
        if (bucket.count) {
            bucket.min = b.value(QStringLiteral("min")).toDouble();
            bucket.mean = b.value(QStringLiteral("mean")).toDouble();
            bucket.max = b.value(QStringLiteral("max")).toDouble();
        }
        range.buckets.push_back(bucket);
    }
    range.ok = true;
    return range;
}

} // namespace s1
