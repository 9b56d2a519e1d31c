// The `filter N` option of an NTP source as chrony 4.x runs it (ntp_core.c process_sample):
// the filter spans N polls, not N samples. Every poll counts, whether it gave a good sample, a
// reply that failed a test, or no reply at all; after N polls the good samples collected are
// reduced to their median (MedianFilter's rules) and that one sample goes on to the statistics.
// A lossy path therefore still yields a sample every N polls instead of stalling or handing on
// a median of stale measurements.
//
// When N polls gave no good sample at all there is nothing to hand on; the count stays full
// and the next good sample comes out on its own, so a source that recovers is used at once.
#pragma once

#include "sources/MedianFilter.h"
#include "sources/SourceStatistics.h"

#include <optional>
#include <vector>

namespace s1 {

class PollSampleFilter
{
public:
    // `polls` is clamped to [1, MedianFilter::kMaxLength].
    explicit PollSampleFilter(int polls);

    int polls() const { return m_length; }
    // Polls counted and good samples held toward the next output.
    int pollsCounted() const { return m_polls; }
    int samplesHeld() const { return static_cast<int>(m_samples.size()); }

    // A poll that gave a good sample; returns the filtered sample when this poll completes
    // the span. `frequency`: the raw offsets' drift (ClockDiscipline::frequency()); the median
    // is taken on the disciplined clock (see inDisciplinedFrame), the output is raw again.
    std::optional<StatSample> addSample(const StatSample &sample, double frequency = 0.0);
    // A poll that gave none (no reply, or a reply failing a test).
    std::optional<StatSample> addMissing(double frequency = 0.0);
    void reset();

private:
    std::optional<StatSample> countPoll(double frequency);

    int m_length;
    int m_polls = 0;
    std::vector<StatSample> m_samples; // oldest first; at most m_length, capacity reserved
};

} // namespace s1
