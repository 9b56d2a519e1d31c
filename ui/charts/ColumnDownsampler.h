// Turns a series' buckets (from the feed, any resolution) into at most one min/mean/max per
// pixel column of the plot, split into segments where the series has a gap, so that a day of
// 1 Hz points draws as fast as ten minutes and an outage is drawn as an outage, not as a
// straight line across it. Std only.
#pragma once

#include "report/HistoryRange.h"

#include <cstdint>
#include <vector>

namespace s1 {

struct PlotColumn
{
    int column = 0;        // 0 .. columns-1, left to right
    std::int64_t time = 0; // ns since the Unix epoch: the middle of the first bucket in it
    std::uint32_t count = 0;
    double min = 0;
    double mean = 0; // weighted by the buckets' counts
    double max = 0;

    friend bool operator==(const PlotColumn &, const PlotColumn &) = default;
};

// Columns drawn connected; a new segment starts after a gap.
using PlotSegment = std::vector<PlotColumn>;

// Buckets further apart than this (start to start) have a gap between them: two and a half times
// the usual spacing of the non-empty buckets (their median), and never less than two bucket widths.
// With fewer than three non-empty buckets there is nothing to tell the usual spacing from, and
// none is a gap (the maximum is returned).
std::int64_t gapThreshold(const std::vector<HistoryRangeBucket> &buckets, std::int64_t bucketWidth);

// The buckets (sorted by start, width `bucketWidth`) that fall into [from, to), binned into
// `columns` equal columns by their middle, split where consecutive non-empty buckets are more
// than `gap` apart. Empty for columns < 1 or to <= from.
std::vector<PlotSegment> downsampleToColumns(const std::vector<HistoryRangeBucket> &buckets, std::int64_t bucketWidth,
                                             std::int64_t from, std::int64_t to, int columns, std::int64_t gap);

} // namespace s1
