// The sample filter of a reference clock: the raw samples a driver delivers between two polls
// are reduced to one, robust against the odd outlier (a missed edge, a late serial read).
//
// Behaviour (the idea of chrony's refclock filter, written for this engine):
// - It holds at most `length` samples (`filter N`); a new one pushes out the oldest.
// - At a poll, with at least the minimum the caller names (capped by the filter length), they are sorted by
//   offset on the disciplined clock (the raw clock's drift removed), and those within
//   kOutlierSds robust standard deviations (from the median absolute deviation) of the median
//   are averaged (time, offset, delays, dispersions), at least the kKeepFraction nearest the
//   median; the dispersion is raised to the standard error of their mean when that is larger,
//   from their spread about a line in time (as chrony's filter takes it), since the frequency
//   that removes the drift is not known at first.
//   Then the filter starts over empty.
//   Unlike chrony's filter, which always averages a fixed share around the median, a poll of
//   well-behaved samples is averaged whole: trimming 40 % of normal noise costs about 3 % of
//   the mean's standard deviation, and in clknetsim's 106-refclock-shm beside chronyd the
//   RMS error fell by about as much. A missed edge or a late serial read lies far beyond
//   kOutlierSds and is still dropped.
// - The variance behind that standard error is a long-term average over the polls (as
//   chrony's filter keeps one), unless this poll's is significantly larger: a dozen samples
//   estimate their own spread only to about a fifth, and the statistics weigh each filtered
//   sample by its dispersion, so a fresh estimate per poll would weigh them by chance.
// - With too few samples nothing comes out and the samples wait for the next poll.
#pragma once

#include "sources/LongTermVariance.h"
#include "sources/SourceStatistics.h"

#include <optional>
#include <utility>
#include <vector>

namespace s1 {

class RefClockFilter
{
public:
    static constexpr int kMaxLength = 256;
    // Share of the samples, nearest the median, that are averaged at least.
    static constexpr double kKeepFraction = 0.6;
    // Samples further from the median than this many robust standard deviations are outliers.
    static constexpr double kOutlierSds = 5.0;
    // The standard deviation of normal noise per unit of median absolute deviation.
    static constexpr double kSdPerMad = 1.4826;
    // The long-term variance's memory: with every sample of a poll kept (15 degrees of freedom
    // from 16 samples) about seven polls, as long as the ten kept of sixteen once gave with
    // LongTermVariance's default.
    static constexpr double kVarianceMemoryDof = 100;
    // The spread is taken about a line through at least this many kept samples, so that what
    // the frequency estimate has not yet removed of the raw clock's drift (at the start: all
    // of it, 1.6 ms over a 16 s poll at 100 ppm) is not taken for noise.
    static constexpr int kMinSamplesForLine = 4;

    explicit RefClockFilter(int length);

    int length() const { return m_length; }
    int size() const { return static_cast<int>(m_samples.size()); }
    void add(const StatSample &sample);
    // The filtered sample when at least `minimum` (capped by the length) samples are held.
    // `frequency`: the raw offsets' drift (ClockDiscipline::frequency()); the samples are
    // sorted and their spread taken on the disciplined clock (see inDisciplinedFrame).
    std::optional<StatSample> take(int minimum, double frequency = 0.0);
    void clear() { m_samples.clear(); }
    // The standard deviation of the offsets the last take() averaged (s): the driver's jitter
    // as this poll saw it, before the long-term variance steadies the dispersion.
    double lastSpread() const { return m_lastSpread; }

private:
    // The standard error of the mean of `kept` offsets (spread: their standard deviation with
    // `dof` degrees of freedom), with the variance replaced by the long-term one unless it is
    // significantly larger; and the long-term variance updated.
    double standardError(double spread, int dof, int kept);
    // The offsets' standard deviation about a least-squares line in time and its degrees of
    // freedom; none with fewer than kMinSamplesForLine samples or all at one time (then the
    // spread about their mean serves).
    static std::optional<std::pair<double, int>> spreadAboutLine(const std::vector<const StatSample *> &kept);
    // The first index and the count of the samples (sorted by offset) to average.
    static std::pair<int, int> keptRange(const std::vector<StatSample> &sorted);

    int m_length;
    std::vector<StatSample> m_samples; // oldest first
    LongTermVariance m_variance{kVarianceMemoryDof}; // of the kept offsets
    double m_lastSpread = 0;           // s
};

} // namespace s1
