#include "sources/PollSampleFilter.h"

#include "sources/SampleAverage.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace s1 {

PollSampleFilter::PollSampleFilter(int polls)
    : m_length(std::clamp(polls, 1, kMaxLength))
{
    m_samples.reserve(static_cast<std::size_t>(m_length));
}

void PollSampleFilter::reset()
{
    m_polls = 0;
    m_samples.clear();
}

std::optional<StatSample> PollSampleFilter::addSample(const StatSample &sample, double frequency)
{
    // Samples never outnumber the polls counted since the last output, so this only guards.
    if (samplesHeld() >= m_length)
        m_samples.erase(m_samples.begin());
    m_samples.push_back(sample);
    return countPoll(frequency);
}

std::optional<StatSample> PollSampleFilter::addMissing(double frequency)
{
    return countPoll(frequency);
}

std::optional<StatSample> PollSampleFilter::countPoll(double frequency)
{
    m_polls = std::min(m_polls + 1, m_length);
    if (m_polls < m_length || m_samples.empty())
        return std::nullopt;
    const RealTime reference = m_samples.back().time;
    const std::vector<StatSample> samples = inDisciplinedFrame(m_samples, frequency, reference);
    SampleAverage average = averageByDistance(samples);
    reset();
    if (average.spread > kMaxDispersion)
        return std::nullopt;
    double variance = m_variance.value();
    if (samples.size() >= 2)
        variance = m_variance.update(average.spread * average.spread, static_cast<double>(samples.size()) - 1.0);
    const double spread = std::sqrt(variance);
    average.sample.peerDispersion = std::max(average.sample.peerDispersion, spread);
    average.sample.rootDispersion = std::max(average.sample.rootDispersion, spread);
    return restoreRawFrame(average.sample, frequency, reference);
}

} // namespace s1
