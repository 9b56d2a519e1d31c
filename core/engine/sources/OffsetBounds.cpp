#include "sources/OffsetBounds.h"

#include <algorithm>
#include <limits>

namespace s1 {

namespace {

// Steps of the searches over the frequency: each ternary step keeps two thirds of the bracket,
// each bisection step half, so these reach a billionth of the bracket, far below the width
// of any interval they are compared with.
constexpr int kTernarySteps = 60;
constexpr int kBisectionSteps = 40;

// At frequency f the offset at the reference instant must lie in [floor(f), ceiling(f)]. Both
// are non-increasing in f (ages are not negative); ceiling is concave and floor convex, so
// their gap is concave and the frequencies where it is not negative form one interval.
struct Envelope
{
    std::span<const OffsetInterval> intervals;

    double floor(double f) const
    {
        double v = -std::numeric_limits<double>::infinity();
        for (const OffsetInterval &i : intervals)
            v = std::max(v, i.lower - f * i.age);
        return v;
    }
    double ceiling(double f) const
    {
        double v = std::numeric_limits<double>::infinity();
        for (const OffsetInterval &i : intervals)
            v = std::min(v, i.upper - f * i.age);
        return v;
    }
    double gap(double f) const { return ceiling(f) - floor(f); }
};

double widestGapAt(const Envelope &e, double lo, double hi)
{
    for (int i = 0; i < kTernarySteps; ++i) {
        const double third = (hi - lo) / 3;
        const double m1 = lo + third;
        const double m2 = hi - third;
        if (e.gap(m1) < e.gap(m2))
            lo = m1;
        else
            hi = m2;
    }
    return 0.5 * (lo + hi);
}

// The frequency between `outside` (gap < 0) and `inside` (gap >= 0) where the gap closes,
// erring towards `inside`.
double gapEdge(const Envelope &e, double outside, double inside)
{
    for (int i = 0; i < kBisectionSteps; ++i) {
        const double mid = 0.5 * (outside + inside);
        if (e.gap(mid) < 0)
            outside = mid;
        else
            inside = mid;
    }
    return inside;
}

} // namespace

std::optional<OffsetRange> offsetRangeAt(std::span<const OffsetInterval> intervals, double minFrequency,
                                         double maxFrequency)
{
    if (intervals.empty() || !(minFrequency <= maxFrequency))
        return std::nullopt;
    const Envelope envelope{intervals};
    const double best = widestGapAt(envelope, minFrequency, maxFrequency);
    if (envelope.gap(best) < 0)
        return std::nullopt;
    OffsetRange range;
    range.minFrequency = envelope.gap(minFrequency) >= 0 ? minFrequency : gapEdge(envelope, minFrequency, best);
    range.maxFrequency = envelope.gap(maxFrequency) >= 0 ? maxFrequency : gapEdge(envelope, maxFrequency, best);
    // Both bounds fall with the frequency: the highest offset comes with the lowest frequency.
    range.upper = envelope.ceiling(range.minFrequency);
    range.lower = envelope.floor(range.maxFrequency);
    if (range.lower > range.upper) // rounding at a single feasible frequency
        range.lower = range.upper = 0.5 * (range.lower + range.upper);
    return range;
}

} // namespace s1
