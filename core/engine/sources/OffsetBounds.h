// Hard bounds on a source's offset from the round-trip delays of its measurements.
//
// An NTP measurement's offset is wrong by half the difference of the two one-way delays, so it
// can be no further from the truth than half the round trip: the truth lies in an interval
// around each measured offset. Taking the smallest round trip as the symmetric part of every
// path (the assumption behind any NTP offset), the interval shrinks to half the delay above
// that minimum, plus the measurement's dispersion. Carried to a common instant along a line of
// some frequency, the intervals of all samples must overlap; where they do is a range that no
// least-squares fit knows about, and that is far narrower than the noise when a few samples
// were lucky enough to see almost no queueing.
//
// Pure functions over spans: no state, no I/O, no heap allocation.
#pragma once

#include <optional>
#include <span>

namespace s1 {

// What one measurement says: `age` s before the reference instant, the true offset lay in
// [lower, upper] (s).
struct OffsetInterval
{
    double age = 0;
    double lower = 0;
    double upper = 0;
};

// The offsets at the reference instant that every interval allows for some frequency in
// [minFrequency, maxFrequency], and those frequencies.
struct OffsetRange
{
    double lower = 0;        // s
    double upper = 0;        // s
    double minFrequency = 0; // relative
    double maxFrequency = 0; // relative
};

// Offsets move as offset(t) = offset(t_i) - frequency * (t - t_i) (the convention of
// SourceStatistics: frequency positive when our clock runs fast). Every age must be >= 0.
// Null when the intervals do not overlap for any frequency in the range, or with no intervals.
std::optional<OffsetRange> offsetRangeAt(std::span<const OffsetInterval> intervals, double minFrequency,
                                         double maxFrequency);

} // namespace s1
