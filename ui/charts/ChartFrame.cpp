#include "ChartFrame.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <set>

namespace s1 {

namespace {

constexpr double kNanosPerSecond = 1e9;
constexpr std::int64_t kSameGridNanos = 1000;
constexpr std::int64_t kSameGridParts = 1'000'000;

// A band's half-width per column is the largest value in it (an error bound, a skew: the band
// holds the column's worst case), around zero or around the line's mean in that column (a
// column without the line has no band then).
std::vector<PlotSegment> bandSegments(const SeriesBuffer &buffer, std::int64_t from, std::int64_t to, int columns,
                                      const std::vector<PlotSegment> *around)
{
    std::map<int, double> centres;
    if (around) {
        for (const PlotSegment &segment : *around) {
            for (const PlotColumn &c : segment)
                centres[c.column] = c.mean;
        }
    }
    std::vector<PlotSegment> segments;
    for (PlotSegment &segment : downsampleToColumns(buffer.buckets, buffer.bucketWidth, from, to, columns,
                                                    gapThreshold(buffer.buckets, buffer.bucketWidth))) {
        PlotSegment kept;
        for (PlotColumn c : segment) {
            double centre = 0;
            if (around) {
                const auto it = centres.find(c.column);
                if (it == centres.end()) {
                    if (!kept.empty())
                        segments.push_back(std::move(kept));
                    kept.clear();
                    continue;
                }
                centre = it->second;
            }
            const double half = std::max(std::abs(c.min), std::abs(c.max));
            c.mean = half;
            c.min = centre - half;
            c.max = centre + half;
            kept.push_back(c);
        }
        if (!kept.empty())
            segments.push_back(std::move(kept));
    }
    return segments;
}

std::string isoTime(std::int64_t ns)
{
    const auto seconds = static_cast<std::time_t>(std::floor(static_cast<double>(ns) / kNanosPerSecond));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32] = {};
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace

void SeriesBuffer::merge(const HistoryRange &range, std::int64_t keepFrom)
{
    unit = range.unit;
    // The service works the width out from the range it read as seconds, which may differ from
    // ours by a few hundred ns: the same grid within a microsecond (or a millionth).
    const std::int64_t tolerance = std::max<std::int64_t>(kSameGridNanos, bucketWidth / kSameGridParts);
    if (std::llabs(range.bucketWidth - bucketWidth) > tolerance || buckets.empty() || range.buckets.empty()) {
        buckets = range.buckets;
        bucketWidth = range.bucketWidth;
    } else {
        // A tail re-fetches the newest bucket, which may have gained points since; the wire's
        // seconds may move its start by a few hundred ns, so match to half a bucket.
        const std::int64_t first = range.buckets.front().start - bucketWidth / 2;
        buckets.erase(std::lower_bound(buckets.begin(), buckets.end(), first,
                                       [](const HistoryRangeBucket &b, std::int64_t t) { return b.start < t; }),
                      buckets.end());
        buckets.insert(buckets.end(), range.buckets.begin(), range.buckets.end());
    }
    buckets.erase(buckets.begin(),
                  std::lower_bound(buckets.begin(), buckets.end(), keepFrom - bucketWidth,
                                   [](const HistoryRangeBucket &b, std::int64_t t) { return b.start < t; }));
}

ChartFrame buildChartFrame(const std::vector<ChartLineSpec> &lines, const std::map<std::string, SeriesBuffer> &data,
                           std::int64_t from, std::int64_t to, const FrameLayout &layout)
{
    ChartFrame frame;
    frame.from = from;
    frame.to = to;
    frame.columns = std::max(1, layout.columns);
    std::vector<double> lows;
    std::vector<double> highs;
    for (const ChartLineSpec &spec : lines) {
        FrameLine line;
        line.label = spec.label;
        line.series = spec.series;
        if (const auto it = data.find(spec.series); it != data.end()) {
            const SeriesBuffer &buffer = it->second;
            if (frame.unit.empty())
                frame.unit = buffer.unit;
            line.segments = downsampleToColumns(buffer.buckets, buffer.bucketWidth, from, to, frame.columns,
                                                gapThreshold(buffer.buckets, buffer.bucketWidth));
            if (spec.sign < 0) {
                for (PlotSegment &segment : line.segments) {
                    for (PlotColumn &c : segment)
                        c = {c.column, c.time, c.count, -c.max, -c.mean, -c.min};
                }
            }
        }
        if (!spec.bandSeries.empty()) {
            if (const auto it = data.find(spec.bandSeries); it != data.end())
                line.band =
                    bandSegments(it->second, from, to, frame.columns, spec.bandAroundLine ? &line.segments : nullptr);
        }
        for (const PlotSegment &segment : line.segments) {
            for (const PlotColumn &c : segment) {
                lows.push_back(c.min);
                highs.push_back(c.max);
            }
        }
        for (const PlotSegment &segment : line.band) {
            for (const PlotColumn &c : segment) {
                lows.push_back(c.min);
                highs.push_back(c.max);
            }
        }
        frame.hasData = frame.hasData || !line.segments.empty();
        frame.lines.push_back(std::move(line));
    }
    ValueRange range = robustRange(std::move(lows), std::move(highs), kChartRangeTail);
    if (range.valid) {
        const double margin = (range.high - range.low) * kChartRangeMargin;
        range.low -= margin;
        range.high += margin;
    }
    frame.valueAxis = layoutValueAxis(range.low, range.high, frame.unit, layout.valueTicks);
    frame.timeAxis = layoutTimeAxis(from, to, layout.timeTicks);
    return frame;
}

std::optional<ColumnReading> nearestColumn(const FrameLine &line, int column)
{
    std::optional<ColumnReading> best;
    int bestDistance = 0;
    for (const PlotSegment &segment : line.segments) {
        for (const PlotColumn &c : segment) {
            const int distance = std::abs(c.column - column);
            if (!best || distance < bestDistance) {
                best = ColumnReading{c, std::nullopt};
                bestDistance = distance;
            }
        }
    }
    if (!best)
        return best;
    for (const PlotSegment &segment : line.band) {
        for (const PlotColumn &c : segment) {
            if (c.column == best->column.column)
                best->band = c.mean;
        }
    }
    return best;
}

std::string chartCsv(const std::vector<ChartLineSpec> &lines, const std::map<std::string, SeriesBuffer> &data,
                     std::int64_t from, std::int64_t to)
{
    std::string csv = "time_utc,unix_seconds,series,count,min,mean,max\n";
    std::set<std::string> written;
    const auto writeSeries = [&](const std::string &name, double sign) {
        const auto it = data.find(name);
        if (name.empty() || it == data.end() || !written.insert(name).second)
            return;
        for (const HistoryRangeBucket &b : it->second.buckets) {
            if (b.count == 0 || b.start + it->second.bucketWidth <= from || b.start > to)
                continue;
            char row[256];
            const double low = sign < 0 ? -b.max : b.min;
            const double high = sign < 0 ? -b.min : b.max;
            std::snprintf(row, sizeof row, "%s,%.3f,%s,%u,%.12g,%.12g,%.12g\n", isoTime(b.start).c_str(),
                          static_cast<double>(b.start) / kNanosPerSecond, name.c_str(), b.count, low, sign * b.mean,
                          high);
            csv += row;
        }
    };
    for (const ChartLineSpec &spec : lines) {
        writeSeries(spec.series, spec.sign);
        writeSeries(spec.bandSeries, 1);
    }
    return csv;
}

} // namespace s1
