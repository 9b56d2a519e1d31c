// Several measurements of one source reduced to one: what the refclock filter (averageSamples)
// and an NTP source's `filter N` (averageByDistance) hand to the statistics. averageSamples:
// times, offsets, delays and dispersions are averaged; the dispersions are raised to the
// standard deviation of the averaged offsets when that is larger (the samples disagree more
// than each one claims); stratum and leap are the newest sample's.
#pragma once

#include "sources/SourceStatistics.h"

#include <span>
#include <vector>

namespace s1 {

struct SampleAverage
{
    StatSample sample;
    double spread = 0; // s, standard deviation of the averaged offsets (0 for one sample)
};

// `samples` must not be empty; `newest` is the most recent of them.
SampleAverage averageSamples(std::span<const StatSample *const> samples, const StatSample &newest);

// Samples of one source reduced to one by the weights the source statistics would give them
// (SourceStatistics::computeVariances): a sample at the smallest peer distance (delay / 2 +
// dispersion) counts fully, and its standard deviation grows by one for every `scale` of extra
// distance, the scale being the typical extra distance (median minus minimum, over
// kSdToDistanceRatio) kept between kMinDistanceScale and the minimum itself. Offset, time and
// delays are weighted means, dispersions plain means; `spread` is the weighted standard
// deviation of the offsets. A round trip's extra delay bounds the error of its offset, so the
// quickest replies say the most: the mean of them is worth more than the median by offset of
// all (127-filter in clknetsim). `samples` must not be empty.
SampleAverage averageByDistance(std::span<const StatSample> samples);
// The floor of averageByDistance's scale: distances nearer than this are alike (s).
inline constexpr double kMinDistanceScale = 1e-9;

// Offsets in the engine's statistics are against the raw clock, which drifts (100 ppm moves a
// raw offset 1.6 ms in 16 s) while the noise a filter must see through is microseconds. Sorted
// by raw offset, a filter's "median" is merely its middle sample in time and its spread is the
// drift. chrony's filters hold their samples on the disciplined clock instead. This removes
// the drift `frequency` (the raw offsets' slope, s/s: ClockDiscipline::frequency()) relative
// to `reference`; the transform is linear, so an average of shifted samples shifted back with
// `restoreRawFrame` is exactly the average of the raw ones.
std::vector<StatSample> inDisciplinedFrame(std::span<const StatSample> samples, double frequency, RealTime reference);
StatSample restoreRawFrame(StatSample sample, double frequency, RealTime reference);

} // namespace s1
