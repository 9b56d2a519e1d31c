// Several measurements of one source reduced to one: what the NTP median filter and the
// refclock filter hand to the statistics. Times, offsets, delays and dispersions are averaged;
// the dispersions are raised to the standard deviation of the averaged offsets when that is
// larger (the samples disagree more than each one claims); stratum and leap are the newest
// sample's.
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
