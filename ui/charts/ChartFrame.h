// What one chart shows, worked out from the series the page holds, without Qt Charts: for each
// line its per-pixel-column segments (and a ± band around zero, e.g. the error bound), the value
// axis that the shown data decides robustly, and the clock-time axis. The canvas only draws it;
// tests check it. Std only.
#pragma once

#include "ChartScale.h"
#include "ColumnDownsampler.h"

#include "report/HistoryRange.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

// A series' buckets as the page holds them: one grid of `bucketWidth`, sorted by start.
struct SeriesBuffer
{
    std::vector<HistoryRangeBucket> buckets;
    std::int64_t bucketWidth = 0;
    std::string unit;

    // Replaces what it has from `range`'s first bucket on with `range` (a newer tail of the
    // same grid), or everything with it (another grid), and drops buckets before `keepFrom`.
    void merge(const HistoryRange &range, std::int64_t keepFrom);
};

struct ChartLineSpec
{
    std::string label;      // the legend's name ("System offset", "PPS", "ntp1.example.net")
    std::string series;     // the history series drawn
    std::string bandSeries; // drawn as a band ± its maximum per column; "" none
    // Around the line (a frequency ± its skew) or around zero (an offset within the clock's
    // error bound, which already holds |offset|).
    bool bandAroundLine = false;
    // -1 shows the series negated: a source's recorded offset is "source ahead", the window
    // shows chronyc's sign (local clock minus source) everywhere.
    double sign = 1;
};

struct FrameLine
{
    std::string label;
    std::string series;
    std::vector<PlotSegment> segments;
    // Per column: min = the band's lower edge, max = its upper edge, mean = its half-width.
    std::vector<PlotSegment> band;
};

struct ChartFrame
{
    std::int64_t from = 0;
    std::int64_t to = 0;
    int columns = 0;
    std::string unit; // of the values ("s", "ppm")
    std::vector<FrameLine> lines;
    ValueAxisLayout valueAxis;
    TimeAxisLayout timeAxis;
    bool hasData = false;
};

struct FrameLayout
{
    int columns = 0;
    int valueTicks = 0;
    int timeTicks = 0;
};

// The share of columns at each end the value range leaves out (robustRange).
inline constexpr double kChartRangeTail = 0.02;
// Headroom above and below the data, as a share of its span.
inline constexpr double kChartRangeMargin = 0.05;

ChartFrame buildChartFrame(const std::vector<ChartLineSpec> &lines, const std::map<std::string, SeriesBuffer> &data,
                           std::int64_t from, std::int64_t to, const FrameLayout &layout);

// The column of `line` nearest to `column` (its band's half-width alongside); none when the line is empty.
struct ColumnReading
{
    PlotColumn column;
    std::optional<double> band;
};
std::optional<ColumnReading> nearestColumn(const FrameLine &line, int column);

// The buckets of the lines' series (and bands) with points in [from, to], as CSV:
// "time_utc,unix_seconds,series,count,min,mean,max", one row per bucket, series by series,
// with the values as shown (the lines' sign applied).
std::string chartCsv(const std::vector<ChartLineSpec> &lines, const std::map<std::string, SeriesBuffer> &data,
                     std::int64_t from, std::int64_t to);

} // namespace s1
