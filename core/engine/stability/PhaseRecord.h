// From a recorded offset series (a HistoryRange: buckets on a uniform grid) to the phase record
// the stability estimators need, and the overlapping ADEV / TDEV curve of it.
//
// A history series is sampled when its source reports (a PPS refclock each poll, the system
// clock about once a second, never exactly), so the window first asks for a fine grid, finds
// the series' own interval (estimateSampleInterval) and asks again with one bucket per sample.
// Each filled bucket's mean is one phase point, tau0 = the bucket width.
//
// Gaps (empty buckets, or a step in the grid that is not one bucket width): a single missing
// bucket between two filled ones is bridged by linear interpolation (the timer's jitter leaves
// such holes in a 1 Hz series); a longer gap splits the record into runs. The estimators run on
// each run, and their sums are pooled over the runs (weighted by each run's number of terms),
// so a gap never becomes a jump in the second differences. Std only.
#pragma once

#include "report/HistoryRange.h"
#include "stability/AllanDeviation.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace s1 {

struct PhaseRecord
{
    double tau0 = 0;                       // s, the grid's interval
    std::vector<std::vector<double>> runs; // phase (s) of each uninterrupted run, oldest first
    std::size_t samples = 0;               // filled buckets used (bridged points not counted)
    std::size_t bridged = 0;               // single missing buckets interpolated
    std::size_t splits = 0;                // longer gaps the record was split at

    std::size_t longestRun() const;
};

// Missing buckets in a row that are interpolated rather than splitting the record.
constexpr std::size_t kMaxBridgedBuckets = 1;
// A tau is shown only with at least this many independent intervals (non-overlapping 2 tau
// spans over the runs): fewer give an estimate whose confidence interval spans a decade.
constexpr std::size_t kMinIndependentIntervals = 3;

PhaseRecord extractPhase(const HistoryRange &range);

// The series' own sampling interval (ns) from a fine grid: the time between the first and last
// filled bucket over the points in between, rounded to whole seconds from half a second. 0 when
// fewer than two points.
std::int64_t estimateSampleInterval(const HistoryRange &range);

// Overlapping ADEV and TDEV pooled over the runs, at octave-spaced m from 1 while tau <= maxTau
// and the runs hold at least kMinIndependentIntervals independent 2 tau intervals. `terms` is the
// pooled number of ADEV second differences.
std::vector<StabilityPoint> pooledStabilityCurve(const PhaseRecord &record, double maxTau);

// Samples a record needs for its first point (tau0): 2 * kMinIndependentIntervals + 1.
constexpr std::size_t kMinStabilitySamples = 2 * kMinIndependentIntervals + 1;

} // namespace s1
