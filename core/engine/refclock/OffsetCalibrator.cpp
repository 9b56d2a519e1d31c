#include "refclock/OffsetCalibrator.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace s1 {

namespace {

// Linear interpolation between the order statistics of sorted `v` (0 <= q <= 1).
double quantile(const std::vector<double> &v, double q)
{
    const double position = q * static_cast<double>(v.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, v.size() - 1);
    const double weight = position - static_cast<double>(below);
    return v[below] + weight * (v[above] - v[below]);
}

} // namespace

OffsetCalibrator::OffsetCalibrator(double window)
    : m_window(window)
{ }

void OffsetCalibrator::add(RealTime time, double error, const std::string &reference)
{
    if (reference != m_reference) {
        m_samples.clear();
        m_reference = reference;
    }
    if (!std::isfinite(error))
        return;
    m_samples.push_back({time, error});
    const Nanoseconds window = fromSeconds(m_window);
    while (!m_samples.empty() && (time - m_samples.front().time > window || m_samples.size() > kMaxSamples))
        m_samples.pop_front();
}

void OffsetCalibrator::reset()
{
    m_samples.clear();
    m_reference.clear();
}

std::optional<OffsetCalibration> OffsetCalibrator::result(double currentOffset) const
{
    if (m_samples.empty())
        return std::nullopt;
    std::vector<double> errors;
    errors.reserve(m_samples.size());
    for (const Sample &s : m_samples)
        errors.push_back(s.error);
    std::sort(errors.begin(), errors.end());
    OffsetCalibration c;
    c.reference = m_reference;
    c.samples = static_cast<int>(errors.size());
    c.span = toSeconds(m_samples.back().time - m_samples.front().time);
    c.window = m_window;
    c.medianError = quantile(errors, 0.5);
    c.spread = quantile(errors, kHighQuantile) - quantile(errors, kLowQuantile);
    c.currentOffset = currentOffset;
    c.proposedOffset = currentOffset - c.medianError;
    c.proposedDelay = c.spread;
    c.ready = c.samples >= kMinSamples && c.span >= kReadyShare * m_window;
    return c;
}

} // namespace s1
