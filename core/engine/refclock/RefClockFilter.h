// The sample filter of a reference clock: the raw samples a driver delivers between two polls
// are reduced to one, robust against the odd outlier (a missed edge, a late serial read).
//
// Behaviour (the idea of chrony's refclock filter, written for this engine):
// - It holds at most `length` samples (`filter N`); a new one pushes out the oldest.
// - At a poll, with at least the minimum the caller names (capped by the filter length), they are sorted by
//   offset on the disciplined clock (the raw clock's drift removed) and the kKeepFraction of them nearest the median are averaged (time, offset,
//   delays, dispersions); the dispersion is raised to the standard deviation of the kept
//   offsets when that is larger. Then the filter starts over empty.
// - With too few samples nothing comes out and the samples wait for the next poll.
#pragma once

#include "sources/SourceStatistics.h"

#include <optional>
#include <vector>

namespace s1 {

class RefClockFilter
{
public:
    static constexpr int kMaxLength = 256;
    // Share of the samples, nearest the median, that are averaged.
    static constexpr double kKeepFraction = 0.6;

    explicit RefClockFilter(int length);

    int length() const { return m_length; }
    int size() const { return static_cast<int>(m_samples.size()); }
    void add(const StatSample &sample);
    // The filtered sample when at least `minimum` (capped by the length) samples are held.
    // `frequency`: the raw offsets' drift (ClockDiscipline::frequency()); the samples are
    // sorted and their spread taken on the disciplined clock (see inDisciplinedFrame).
    std::optional<StatSample> take(int minimum, double frequency = 0.0);
    void clear() { m_samples.clear(); }

private:
    int m_length;
    std::vector<StatSample> m_samples; // oldest first
};

} // namespace s1
