// Several measurements of one source reduced to one: what the NTP median filter and the
// refclock filter hand to the statistics. Times, offsets, delays and dispersions are averaged;
// the dispersions are raised to the standard deviation of the averaged offsets when that is
// larger (the samples disagree more than each one claims); stratum and leap are the newest
// sample's.
#pragma once

#include "sources/SourceStatistics.h"

#include <span>

namespace s1 {

struct SampleAverage
{
    StatSample sample;
    double spread = 0; // s, standard deviation of the averaged offsets (0 for one sample)
};

// `samples` must not be empty; `newest` is the most recent of them.
SampleAverage averageSamples(std::span<const StatSample *const> samples, const StatSample &newest);

} // namespace s1
