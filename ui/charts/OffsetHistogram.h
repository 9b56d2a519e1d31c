// The distribution of a series' values over the shown range: bins by the Freedman-Diaconis rule
// (width 2 IQR / n^(1/3), robust to the few outliers a start-up step leaves), their count
// clipped to a range a small screen can draw, and the median and spread printed beside it.
// Plain logic, no widgets: the Stability view draws it.
#pragma once

#include <cstddef>
#include <vector>

namespace s1 {

struct OffsetHistogram
{
    double low = 0;                  // left edge of the first bin (the series' unit)
    double binWidth = 0;             // > 0 when there are bins
    std::vector<std::size_t> counts; // per bin
    std::size_t samples = 0;
    double median = 0;
    double iqr = 0; // interquartile range (p75 - p25)
    double p05 = 0; // 5th and 95th percentiles
    double p95 = 0;
    double minimum = 0;
    double maximum = 0;
    // Values left out of the bins: further than kOutlierIqrs IQRs from the median (a start-up
    // step would otherwise squeeze the µs-level distribution into one bin).
    std::size_t below = 0;
    std::size_t above = 0;

    double high() const { return low + binWidth * static_cast<double>(counts.size()); }
    std::size_t peak() const;
};

constexpr double kOutlierIqrs = 5;
constexpr std::size_t kMinHistogramBins = 5;
constexpr std::size_t kMaxHistogramBins = 60;
// Fewer values than this give no histogram (a shape from a handful of points misleads).
constexpr std::size_t kMinHistogramSamples = 20;

// The linear-interpolated quantile q (0..1) of sorted values.
double sortedQuantile(const std::vector<double> &sorted, double q);

// Non-finite values are dropped. Empty counts when fewer than kMinHistogramSamples remain.
OffsetHistogram buildHistogram(std::vector<double> values);

} // namespace s1
