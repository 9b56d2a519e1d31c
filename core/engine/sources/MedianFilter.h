// The `filter N` option of a source: N consecutive measurements are reduced to one, the median
// by offset, before they reach the source statistics. Sans I/O, deterministic.
//
// Behaviour (chrony's median sample filter, samplefilt.c, as chrony sets it up for NTP
// sources: no combining beyond the median):
// - Nothing comes out until N samples have been collected; then one sample comes out and the
//   filter starts over empty.
// - With more than 4 samples, only those whose peer dispersion is at most 1.5 times the
//   smallest take part, if at least 4 do; otherwise all do.
// - Of those, sorted by offset, the middle one (odd count) or the middle two (even count, then
//   averaged) are kept; with 1 or 2 samples all are kept.
// - The output is the average of the kept samples: time, offset and delays; its dispersions are
//   the averages, raised to the standard deviation of the kept offsets if that is larger;
//   stratum and leap are the newest kept sample's. (chrony's long-term averaging of that
//   standard deviation is not reproduced.) An output whose offset spread exceeds
//   kMaxDispersion is dropped.
#pragma once

#include "sources/SourceStatistics.h"

#include <optional>
#include <vector>

namespace s1 {

class MedianFilter
{
public:
    // chrony's limit on the filter length (samplefilt.c MAX_SAMPLES).
    static constexpr int kMaxLength = 256;
    // The dispersion preselection: used with more than kPreselectAbove samples, keeps those
    // within kPreselectRatio of the smallest dispersion when at least kMinPreselected remain.
    static constexpr int kPreselectAbove = 4;
    static constexpr double kPreselectRatio = 1.5;
    static constexpr int kMinPreselected = 4;
    // RFC 5905 MAXDISP: a spread of offsets beyond this makes the output useless (s).
    static constexpr double kMaxDispersion = 16.0;

    // `length` is clamped to [1, kMaxLength].
    explicit MedianFilter(int length);

    int length() const { return m_length; }
    // Samples collected toward the next output.
    int size() const { return static_cast<int>(m_samples.size()); }

    // Adds a sample; returns the filtered sample when this one completes a set of `length`.
    std::optional<StatSample> accumulate(const StatSample &sample);
    // The same re-expression of the held samples on a corrected clock as
    // SourceStatistics::applyClockCorrection.
    void applyClockCorrection(RealTime when, double offsetChange, double frequencyChange);
    void addDispersion(double dispersion);
    void reset() { m_samples.clear(); }

private:
    void selectSamples();
    std::optional<StatSample> combineSelected() const;

    int m_length;
    std::vector<StatSample> m_samples; // oldest first; capacity m_length, never reallocated
    std::vector<int> m_selected;       // indexes into m_samples; capacity m_length
};

} // namespace s1
