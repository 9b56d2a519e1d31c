#include "stability/PhaseRecord.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace s1 {

namespace {

constexpr double kNanosPerSecond = 1e9;
constexpr std::int64_t kNanosPerSecondInt = 1'000'000'000;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

std::size_t PhaseRecord::longestRun() const
{
    std::size_t longest = 0;
    for (const std::vector<double> &run : runs)
        longest = std::max(longest, run.size());
    return longest;
}

PhaseRecord extractPhase(const HistoryRange &range)
{
    PhaseRecord record;
    const std::int64_t width = range.bucketWidth;
    if (!range.ok || width <= 0)
        return record;
    record.tau0 = static_cast<double>(width) / kNanosPerSecond;
    std::vector<double> run;
    const HistoryRangeBucket *last = nullptr; // the last filled bucket
    const auto closeRun = [&] {
        if (!run.empty())
            record.runs.push_back(std::move(run));
        run.clear();
    };
    for (const HistoryRangeBucket &bucket : range.buckets) {
        if (bucket.count == 0 || !std::isfinite(bucket.mean))
            continue;
        if (last) {
            const std::int64_t step = bucket.start - last->start;
            // Buckets are on the grid from the first; anything else (a merged tail on another
            // grid) is a gap of unknown length.
            const bool onGrid = step > 0 && step % width == 0;
            const std::int64_t missing = onGrid ? step / width - 1 : -1;
            if (missing < 0 || missing > static_cast<std::int64_t>(kMaxBridgedBuckets)) {
                closeRun();
                ++record.splits;
            } else {
                for (std::int64_t k = 1; k <= missing; ++k) {
                    const double f = static_cast<double>(k) / static_cast<double>(missing + 1);
                    run.push_back(last->mean + f * (bucket.mean - last->mean));
                    ++record.bridged;
                }
            }
        }
        run.push_back(bucket.mean);
        ++record.samples;
        last = &bucket;
    }
    closeRun();
    return record;
}

std::int64_t estimateSampleInterval(const HistoryRange &range)
{
    const HistoryRangeBucket *first = nullptr;
    const HistoryRangeBucket *last = nullptr;
    std::uint64_t points = 0;
    for (const HistoryRangeBucket &bucket : range.buckets) {
        if (bucket.count == 0)
            continue;
        if (!first)
            first = &bucket;
        last = &bucket;
        points += bucket.count;
    }
    if (!first || points < 2)
        return 0;
    // The first bucket's points and the last's are spread over their widths: count the span
    // between the buckets' middles over the intervals between the points.
    const std::int64_t span = last->start - first->start;
    if (span <= 0)
        return range.bucketWidth;
    const std::int64_t interval = span / static_cast<std::int64_t>(points - 1);
    // The buckets blur the estimate by up to a bucket over the range (3600 points of a 1 Hz
    // series give 999.7 ms); recorded series report at whole seconds (polls, snapshots).
    if (interval < kNanosPerSecondInt / 2)
        return std::max<std::int64_t>(interval, 1);
    return (interval + kNanosPerSecondInt / 2) / kNanosPerSecondInt * kNanosPerSecondInt;
}

std::vector<StabilityPoint> pooledStabilityCurve(const PhaseRecord &record, double maxTau)
{
    std::vector<StabilityPoint> curve;
    if (!(record.tau0 > 0))
        return curve;
    for (std::size_t m = 1;; m *= 2) {
        const double tau = static_cast<double>(m) * record.tau0;
        if (maxTau > 0 && tau > maxTau * (1 + 1e-9))
            break;
        std::size_t independent = 0;
        std::size_t adevTerms = 0;
        std::size_t tdevTerms = 0;
        double avarSum = 0;
        double tvarSum = 0;
        for (const std::vector<double> &run : record.runs) {
            const std::size_t n = run.size();
            if (n < 2 * m + 1)
                continue;
            independent += (n - 1) / (2 * m);
            const std::size_t terms = n - 2 * m;
            const double adev = overlappingAdev(run, record.tau0, m);
            avarSum += adev * adev * static_cast<double>(terms);
            adevTerms += terms;
            if (n >= 3 * m) {
                const std::size_t outer = n - 3 * m + 1;
                const double tdev = timeDeviation(run, m);
                tvarSum += tdev * tdev * static_cast<double>(outer);
                tdevTerms += outer;
            }
        }
        if (independent < kMinIndependentIntervals)
            break;
        const double adev = std::sqrt(avarSum / static_cast<double>(adevTerms));
        const double tdev = tdevTerms > 0 ? std::sqrt(tvarSum / static_cast<double>(tdevTerms)) : kNaN;
        curve.push_back({tau, m, adev, tdev, adevTerms});
    }
    return curve;
}

} // namespace s1
