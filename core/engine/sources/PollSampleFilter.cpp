#include "sources/PollSampleFilter.h"

#include "sources/SampleAverage.h"

#include <algorithm>
#include <cstddef>

namespace s1 {

PollSampleFilter::PollSampleFilter(int polls)
    : m_length(std::clamp(polls, 1, MedianFilter::kMaxLength))
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
    // A median filter as long as the samples actually collected: its selection (dispersion
    // preselection, middle one or two by offset) is then the one of those samples.
    MedianFilter median(samplesHeld());
    const RealTime reference = m_samples.back().time;
    std::optional<StatSample> result;
    for (const StatSample &s : inDisciplinedFrame(m_samples, frequency, reference))
        result = median.accumulate(s);
    reset();
    if (!result)
        return std::nullopt;
    return restoreRawFrame(*result, frequency, reference);
}

} // namespace s1
