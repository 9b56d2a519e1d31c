// The `filter N` option of an NTP source: the good samples of N polls are reduced to one
// before they reach the source statistics. The span counts polls, not samples, as chrony 4.x
// counts them (ntp_core.c process_sample): every poll counts, whether it gave a good sample, a
// reply that failed a test, or no reply at all. A lossy path therefore still yields a sample
// every N polls instead of stalling or handing on stale measurements.
//
// How the samples become one (not chrony's median by offset): their mean weighted by peer
// distance, as the statistics would weigh them (averageByDistance). A reply's extra round
// trip bounds the error of its offset, so the quick replies of a span say more than its
// median: in clknetsim's 127-filter (filter 15 at poll 4, maxdelay 3.5e-4) the median of the
// span left us level with chronyd and the weighted mean took 0.6 of its RMS error. A delay
// spike, the usual outlier, is weighed down as the statistics weigh it without a filter; an
// offset that is wrong at a short delay is not (nor is it without a filter).
//
// The output's dispersion is the mean of the samples', raised to the spread of offsets the
// filter sees in the long term (LongTermVariance), or to this span's own when that is
// significantly larger: a span's few samples tell their spread only roughly (one tells none),
// and the statistics weigh the outputs by their dispersions, so a per-span figure would weigh
// them by chance (as chrony's filter also keeps a long-term average).
//
// When N polls gave no good sample at all there is nothing to hand on; the count stays full
// and the next good sample comes out on its own, so a source that recovers is used at once.
// A span whose offsets spread beyond kMaxDispersion gives nothing.
#pragma once

#include "sources/LongTermVariance.h"
#include "sources/SourceStatistics.h"

#include <optional>
#include <vector>

namespace s1 {

class PollSampleFilter
{
public:
    // chrony's limit on the filter length (samplefilt.c MAX_SAMPLES).
    static constexpr int kMaxLength = 256;
    // RFC 5905 MAXDISP: a spread of offsets beyond this makes the output useless (s).
    static constexpr double kMaxDispersion = 16.0;

    // `polls` is clamped to [1, kMaxLength].
    explicit PollSampleFilter(int polls);

    int polls() const { return m_length; }
    // Polls counted and good samples held toward the next output.
    int pollsCounted() const { return m_polls; }
    int samplesHeld() const { return static_cast<int>(m_samples.size()); }

    // A poll that gave a good sample; returns the filtered sample when this poll completes
    // the span. `frequency`: the raw offsets' drift (ClockDiscipline::frequency()); the
    // samples are combined on the disciplined clock (see inDisciplinedFrame), the output is
    // raw again.
    std::optional<StatSample> addSample(const StatSample &sample, double frequency = 0.0);
    // A poll that gave none (no reply, or a reply failing a test).
    std::optional<StatSample> addMissing(double frequency = 0.0);
    // Forgets the samples and polls counted; the long-term spread stays.
    void reset();

private:
    std::optional<StatSample> countPoll(double frequency);

    int m_length;
    int m_polls = 0;
    std::vector<StatSample> m_samples; // oldest first; at most m_length, capacity reserved
    LongTermVariance m_variance;       // of the offsets about each span's weighted mean
};

} // namespace s1
