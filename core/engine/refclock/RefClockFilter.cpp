#include "refclock/RefClockFilter.h"

#include "sources/Regression.h"
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
    const auto [first, keep] = keptRange(sorted);

    std::vector<const StatSample *> kept;
    kept.reserve(static_cast<std::size_t>(keep));
    for (int i = first; i < first + keep; ++i)
        kept.push_back(&sorted[static_cast<std::size_t>(i)]);
    SampleAverage average = averageSamples(kept, m_samples.back());
    const auto [spread, dof] = spreadAboutLine(kept).value_or(std::pair{average.spread, keep - 1});
    m_lastSpread = spread;
    // averageSamples raised the dispersions to the spread about the mean; the mean is known
    // better than that.
    const double error = standardError(spread, dof, keep);
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

std::pair<int, int> RefClockFilter::keptRange(const std::vector<StatSample> &sorted)
{
    const int n = static_cast<int>(sorted.size());
    const int least = std::max(1, static_cast<int>(std::lround(n * kKeepFraction)));
    const auto offsetAt = [&sorted](int i) { return sorted[static_cast<std::size_t>(i)].offset; };
    const double median = 0.5 * (offsetAt((n - 1) / 2) + offsetAt(n / 2));
    std::vector<double> deviations;
    deviations.reserve(sorted.size());
    for (const StatSample &s : sorted)
        deviations.push_back(std::abs(s.offset - median));
    std::sort(deviations.begin(), deviations.end());
    const double mad =
        0.5 * (deviations[static_cast<std::size_t>((n - 1) / 2)] + deviations[static_cast<std::size_t>(n / 2)]);
    const double limit = kOutlierSds * kSdPerMad * mad;
    int low = 0;
    int high = n - 1;
    while (low < high && offsetAt(low) < median - limit)
        ++low;
    while (high > low && offsetAt(high) > median + limit)
        --high;
    if (high - low + 1 < least)
        return {(n - least) / 2, least};
    return {low, high - low + 1};
}

std::optional<std::pair<double, int>> RefClockFilter::spreadAboutLine(const std::vector<const StatSample *> &kept)
{
    const int n = static_cast<int>(kept.size());
    if (n < kMinSamplesForLine)
        return std::nullopt;
    std::vector<double> times;
    std::vector<double> offsets;
    times.reserve(kept.size());
    offsets.reserve(kept.size());
    for (const StatSample *k : kept) {
        times.push_back(toSeconds(k->time - kept.front()->time));
        offsets.push_back(k->offset);
    }
    const std::vector<double> equal(kept.size(), 1.0);
    const std::optional<LinearFit> fit = weightedRegression(times, offsets, equal);
    if (!fit)
        return std::nullopt;
    return std::pair{std::sqrt(fit->variance), fit->degreesOfFreedom};
}

double RefClockFilter::standardError(double spread, int dof, int kept)
{
    if (dof < 1)
        return std::sqrt(m_variance.value());
    return std::sqrt(m_variance.update(spread * spread, dof) / kept);
}

} // namespace s1
