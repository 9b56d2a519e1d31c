#include "OffsetHistogram.h"

#include <algorithm>
#include <cmath>

namespace s1 {

std::size_t OffsetHistogram::peak() const
{
    return counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
}

double sortedQuantile(const std::vector<double> &sorted, double q)
{
    if (sorted.empty())
        return 0;
    const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    const double f = position - static_cast<double>(below);
    return sorted[below] + f * (sorted[above] - sorted[below]);
}

OffsetHistogram buildHistogram(std::vector<double> values)
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
                 values.end());
    std::sort(values.begin(), values.end());
    OffsetHistogram histogram;
    histogram.samples = values.size();
    if (values.size() < kMinHistogramSamples)
        return histogram;
    histogram.minimum = values.front();
    histogram.maximum = values.back();
    histogram.median = sortedQuantile(values, 0.5);
    histogram.iqr = sortedQuantile(values, 0.75) - sortedQuantile(values, 0.25);
    histogram.p05 = sortedQuantile(values, 0.05);
    histogram.p95 = sortedQuantile(values, 0.95);
    double from = histogram.minimum;
    double to = histogram.maximum;
    if (histogram.iqr > 0) {
        from = std::max(from, histogram.median - kOutlierIqrs * histogram.iqr);
        to = std::min(to, histogram.median + kOutlierIqrs * histogram.iqr);
    }
    const double range = to - from;
    if (!(range > 0)) {
        // All equal: one bin around the value.
        const double half = std::max(std::abs(histogram.median) * 1e-6, 1e-12);
        histogram.low = histogram.median - half;
        histogram.binWidth = 2 * half;
        histogram.counts = {values.size()};
        return histogram;
    }
    const auto inside = std::count_if(values.begin(), values.end(), [&](double v) { return v >= from && v <= to; });
    const double n = static_cast<double>(inside);
    const double fdWidth = 2 * histogram.iqr / std::cbrt(n);
    // Freedman-Diaconis's count, within what a screen can draw (an IQR of 0 when most values
    // are equal gives the most bins).
    // (less a rounding error: a range of exactly k widths is k bins)
    double bins = fdWidth > 0 ? std::ceil(range / fdWidth * (1 - 1e-9)) : static_cast<double>(kMaxHistogramBins);
    bins = std::clamp(bins, static_cast<double>(kMinHistogramBins), static_cast<double>(kMaxHistogramBins));
    const auto count = static_cast<std::size_t>(bins);
    histogram.low = from;
    histogram.binWidth = range / bins;
    histogram.counts.assign(count, 0);
    for (const double v : values) {
        if (v < from) {
            ++histogram.below;
            continue;
        }
        if (v > to) {
            ++histogram.above;
            continue;
        }
        const auto bin = static_cast<std::size_t>((v - histogram.low) / histogram.binWidth);
        ++histogram.counts[std::min(bin, count - 1)];
    }
    return histogram;
}

} // namespace s1
