#include "refclock/RefClockFilter.h"

#include "sources/SampleAverage.h"

#include <algorithm>
#include <cmath>

namespace s1 {

RefClockFilter::RefClockFilter(int length)
    : m_length(std::clamp(length, 1, kMaxLength))
{
    m_samples.reserve(static_cast<std::size_t>(m_length));
}

void RefClockFilter::add(const StatSample &sample)
{
    if (size() == m_length)
        m_samples.erase(m_samples.begin());
    m_samples.push_back(sample);
}

std::optional<StatSample> RefClockFilter::take(int minimum, double frequency)
{
    const int n = size();
    if (n == 0 || n < std::min(m_length, minimum))
        return std::nullopt;

    const RealTime reference = m_samples.back().time;
    std::vector<StatSample> sorted = inDisciplinedFrame(m_samples, frequency, reference);
    // Equal offsets keep their age order, so the choice never depends on the sort's whims.
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const StatSample &a, const StatSample &b) { return a.offset < b.offset; });
    const int keep = std::max(1, static_cast<int>(std::lround(n * kKeepFraction)));
    const int first = (n - keep) / 2;

    std::vector<const StatSample *> kept;
    kept.reserve(static_cast<std::size_t>(keep));
    for (int i = first; i < first + keep; ++i)
        kept.push_back(&sorted[static_cast<std::size_t>(i)]);
    SampleAverage average = averageSamples(kept, m_samples.back());
    m_lastSpread = average.spread;
    // averageSamples raised the dispersions to the spread of single samples; the mean is
    // known better than that.
    const double error = standardError(average.spread, keep);
    double peerDispersion = 0;
    double rootDispersion = 0;
    for (const StatSample *k : kept) {
        peerDispersion += k->peerDispersion / keep;
        rootDispersion += k->rootDispersion / keep;
    }
    average.sample.peerDispersion = std::max(peerDispersion, error);
    average.sample.rootDispersion = std::max(rootDispersion, error);
    const StatSample result = restoreRawFrame(average.sample, frequency, reference);
    m_samples.clear();
    return result;
}

double RefClockFilter::standardError(double spread, int kept)
{
    if (kept < 2)
        return std::sqrt(m_variance.value());
    return std::sqrt(m_variance.update(spread * spread, kept - 1.0) / kept);
}

} // namespace s1
