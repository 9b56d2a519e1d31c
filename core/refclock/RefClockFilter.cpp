#include "refclock/RefClockFilter.h"

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

std::optional<StatSample> RefClockFilter::take(int minimum)
{
    const int n = size();
    if (n == 0 || n < std::min(m_length, minimum))
        return std::nullopt;

    std::vector<StatSample> sorted = m_samples;
    // Equal offsets keep their age order, so the choice never depends on the sort's whims.
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const StatSample &a, const StatSample &b) { return a.offset < b.offset; });
    const int keep = std::max(1, static_cast<int>(std::lround(n * kKeepFraction)));
    const int first = (n - keep) / 2;

    const StatSample &newest = m_samples.back();
    StatSample result;
    double meanAge = 0; // s relative to the newest sample
    for (int i = first; i < first + keep; ++i) {
        const StatSample &s = sorted[static_cast<std::size_t>(i)];
        meanAge += toSeconds(s.time - newest.time);
        result.offset += s.offset;
        result.peerDelay += s.peerDelay;
        result.peerDispersion += s.peerDispersion;
        result.rootDelay += s.rootDelay;
        result.rootDispersion += s.rootDispersion;
    }
    const double count = keep;
    meanAge /= count;
    result.offset /= count;
    result.peerDelay /= count;
    result.peerDispersion /= count;
    result.rootDelay /= count;
    result.rootDispersion /= count;

    double spread = 0;
    if (keep >= 2) {
        for (int i = first; i < first + keep; ++i) {
            const double d = sorted[static_cast<std::size_t>(i)].offset - result.offset;
            spread += d * d;
        }
        spread = std::sqrt(spread / (count - 1));
    }
    result.time = newest.time + fromSeconds(meanAge);
    result.peerDispersion = std::max(result.peerDispersion, spread);
    result.rootDispersion = std::max(result.rootDispersion, spread);
    result.stratum = newest.stratum;
    result.leap = newest.leap;
    m_samples.clear();
    return result;
}

} // namespace s1
