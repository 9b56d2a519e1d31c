#include "ColumnDownsampler.h"

#include <algorithm>
#include <limits>

namespace s1 {

namespace {

// Two and a half spacings: a bucket grid finer than the sampling (1 Hz points in 0.86 s buckets)
// has spacings of one and two buckets without any gap; two missed samples are one.
constexpr std::int64_t kGapSpacingsTimesTwo = 5;
constexpr std::int64_t kGapBucketWidths = 2;
constexpr std::size_t kLeastSpacings = 2;

} // namespace

std::int64_t gapThreshold(const std::vector<HistoryRangeBucket> &buckets, std::int64_t bucketWidth)
{
    std::vector<std::int64_t> spacings;
    const HistoryRangeBucket *previous = nullptr;
    for (const HistoryRangeBucket &b : buckets) {
        if (b.count == 0)
            continue;
        if (previous)
            spacings.push_back(b.start - previous->start);
        previous = &b;
    }
    if (spacings.size() < kLeastSpacings)
        return std::numeric_limits<std::int64_t>::max();
    const auto middle = spacings.begin() + static_cast<std::ptrdiff_t>(spacings.size() / 2);
    std::nth_element(spacings.begin(), middle, spacings.end());
    return std::max(kGapSpacingsTimesTwo * *middle / 2, kGapBucketWidths * bucketWidth);
}

std::vector<PlotSegment> downsampleToColumns(const std::vector<HistoryRangeBucket> &buckets, std::int64_t bucketWidth,
                                             std::int64_t from, std::int64_t to, int columns, std::int64_t gap)
{
    std::vector<PlotSegment> segments;
    if (columns < 1 || to <= from)
        return segments;
    const double span = static_cast<double>(to - from);
    const std::int64_t half = std::max<std::int64_t>(bucketWidth, 0) / 2;
    std::int64_t previousStart = 0;
    bool havePrevious = false;
    double weightedSum = 0;
    const auto finishColumn = [&] {
        if (!segments.empty() && !segments.back().empty()) {
            PlotColumn &c = segments.back().back();
            c.mean = weightedSum / c.count;
        }
        weightedSum = 0;
    };
    for (const HistoryRangeBucket &b : buckets) {
        if (b.count == 0)
            continue;
        const std::int64_t middle = b.start + half;
        if (middle < from || middle >= to)
            continue;
        const int column = std::min(columns - 1, static_cast<int>(static_cast<double>(middle - from) / span * columns));
        const bool gapBefore = havePrevious && b.start - previousStart > gap;
        havePrevious = true;
        previousStart = b.start;
        if (segments.empty() || gapBefore) {
            finishColumn();
            segments.emplace_back();
        }
        PlotSegment &segment = segments.back();
        if (segment.empty() || segment.back().column != column) {
            finishColumn();
            segment.push_back({column, middle, 0, b.min, 0, b.max});
        }
        PlotColumn &c = segment.back();
        c.count += b.count;
        c.min = std::min(c.min, b.min);
        c.max = std::max(c.max, b.max);
        weightedSum += b.mean * b.count;
    }
    finishColumn();
    return segments;
}

} // namespace s1
