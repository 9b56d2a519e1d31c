#include "sources/MedianFilter.h"

#include "sources/SampleAverage.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace s1 {

MedianFilter::MedianFilter(int length)
    : m_length(std::clamp(length, 1, kMaxLength))
{
    m_samples.reserve(static_cast<std::size_t>(m_length));
    m_selected.reserve(static_cast<std::size_t>(m_length));
}

std::optional<StatSample> MedianFilter::accumulate(const StatSample &sample)
{
    m_samples.push_back(sample);
    if (size() < m_length)
        return std::nullopt;
    selectSamples();
    const auto result = combineSelected();
    reset();
    return result;
}

// Fills m_selected with the samples to average, oldest first.
void MedianFilter::selectSamples()
{
    const int n = size();
    m_selected.clear();
    if (n > kPreselectAbove) {
        double minDispersion = m_samples.front().peerDispersion;
        for (const StatSample &s : m_samples)
            minDispersion = std::min(minDispersion, s.peerDispersion);
        for (int i = 0; i < n; ++i) {
            if (m_samples[static_cast<std::size_t>(i)].peerDispersion <= kPreselectRatio * minDispersion)
                m_selected.push_back(i);
        }
    }
    if (static_cast<int>(m_selected.size()) < kMinPreselected) {
        m_selected.clear();
        for (int i = 0; i < n; ++i)
            m_selected.push_back(i);
    }

    // By offset; equal offsets by age, so the choice never depends on the sort's whims.
    std::sort(m_selected.begin(), m_selected.end(), [this](int a, int b) {
        const double oa = m_samples[static_cast<std::size_t>(a)].offset;
        const double ob = m_samples[static_cast<std::size_t>(b)].offset;
        return oa < ob || (oa == ob && a < b);
    });

    // Keep the middle: one sample of an odd count, two of an even one, all of 1 or 2.
    const int count = static_cast<int>(m_selected.size());
    const int drop = count > 2 ? (count - 1) / 2 : 0;
    m_selected.erase(m_selected.end() - drop, m_selected.end());
    m_selected.erase(m_selected.begin(), m_selected.begin() + drop);
    std::sort(m_selected.begin(), m_selected.end());
}

std::optional<StatSample> MedianFilter::combineSelected() const
{
    std::vector<const StatSample *> kept;
    kept.reserve(m_selected.size());
    for (const int index : m_selected)
        kept.push_back(&m_samples[static_cast<std::size_t>(index)]);
    const SampleAverage average = averageSamples(kept, *kept.back());
    if (average.spread > kMaxDispersion)
        return std::nullopt;
    return average.sample;
}

void MedianFilter::applyClockCorrection(RealTime when, double offsetChange, double frequencyChange)
{
    for (StatSample &s : m_samples) {
        const double d = offsetChange + frequencyChange * toSeconds(s.time - when);
        s.time += fromSeconds(d);
        s.offset -= d;
    }
}

void MedianFilter::addDispersion(double dispersion)
{
    for (StatSample &s : m_samples) {
        s.peerDispersion += dispersion;
        s.rootDispersion += dispersion;
    }
}

} // namespace s1
