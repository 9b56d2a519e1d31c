// Numerics behind the per-source statistics: weighted straight-line least squares, the runs test
// that decides how much history a straight line still fits, a two-regressor fit for the jitter
// asymmetry, medians and the quantiles of the normal and Student t distributions.
//
// Pure functions over spans: no state, no I/O, no heap allocation.
#pragma once

#include <optional>
#include <span>

namespace s1 {

// The fitted line y = intercept + slope * x and what is known about its error.
//
// Weights are given as relative variances (larger: less reliable), as chrony's regress.c takes
// them: point i counts with 1 / variances[i]. Only the ratios matter; the scale of the errors
// is estimated from the residuals.
struct LinearFit
{
    double intercept = 0; // fitted y at x = 0
    double slope = 0;
    double meanX = 0;       // weighted mean of x: where the fitted value is known best
    double meanSd = 0;      // standard deviation of the fitted value at meanX
    double interceptSd = 0; // standard deviation of the intercept
    double slopeSd = 0;     // standard deviation of the slope
    // Weighted mean of the squared residuals scaled to an unbiased estimate (over n - 2 degrees
    // of freedom) of the variance of a point of average weight.
    double variance = 0;
    int points = 0;
    int degreesOfFreedom = 0; // points - 2

    double valueAt(double x) const { return intercept + slope * x; }
    // Standard deviation of the fitted value at x (the line's own uncertainty, not a point's).
    double valueSdAt(double x) const;
};

// A straight line needs three points before its residuals say anything about the noise.
constexpr int kMinPointsForRegression = 3;

// Weighted least squares of y on x. Null with fewer than kMinPointsForRegression points, when
// the sizes differ, or when all x are equal.
std::optional<LinearFit> weightedRegression(std::span<const double> x, std::span<const double> y,
                                            std::span<const double> variances);

// Number of runs of equal sign in a sequence of residuals. A zero residual has no sign and is a
// run of its own (as chrony counts them).
int countRuns(std::span<const double> residuals);

// The runs test (Wald–Wolfowitz) on the signs of n residuals: the largest number of runs that is
// too few for residuals of random sign at the 5 % level, so the test fails when
// runs <= runsCriticalValue(n). 0 below kMinPointsForRunsTest points: the test never fails
// there (too few signs to judge; chrony's table of critical values starts at 8 as well).
int runsCriticalValue(int n);
constexpr int kMinPointsForRunsTest = 8;

// How much older history, relative to the points fitted, the runs test may look at: the
// residuals of up to kRunsHistoryRatio times as many points as are fitted are tested.
// chrony's REGRESS_RUNS_RATIO.
constexpr int kRunsHistoryRatio = 2;

// The longest series findBestRegression handles (points fitted plus extra history).
constexpr int kMaxRegressionSeries = 256;

struct TrimmedFit
{
    LinearFit fit;
    int start = 0; // index of the oldest point fitted: points before it were dropped
    int runs = 0;  // runs among the residuals of the fitted points
};

// A straight line through the newest part of a series that passes the runs test.
//
// x and y hold the whole series, oldest first; the last variances.size() points are the
// candidates for the fit, the points before them are older history that only extends the runs
// test. Starting from all candidates, the oldest candidate is dropped until the residuals of
// the fit, extended into the older points up to kRunsHistoryRatio times the number of points
// fitted, have more runs than runsCriticalValue; but no further than minPoints (and
// kMinPointsForRegression) points. `start` is relative to the candidates. Null when there are
// fewer than kMinPointsForRegression candidates, the sizes are inconsistent or the series is
// longer than kMaxRegressionSeries.
std::optional<TrimmedFit> findBestRegression(std::span<const double> x, std::span<const double> y,
                                             std::span<const double> variances, int minPoints);

// Unweighted least squares of y = b0 + b1 * x1 + b2 * x2.
struct PlaneFit
{
    double intercept = 0;
    double slope1 = 0;
    double slope2 = 0;
    // Standard deviation of slope2, from the residuals (0 for a perfect fit).
    double slope2Sd = 0;
    int degreesOfFreedom = 0; // points - 3
};
// Null with fewer than 4 points or when x1 and x2 are (numerically) collinear or constant.
std::optional<PlaneFit> planeRegression(std::span<const double> x1, std::span<const double> x2,
                                        std::span<const double> y);

// The median; for an even count the mean of the two middle values. Reorders `values`.
// 0 for an empty span.
double median(std::span<double> values);

// Standard normal distribution.
double normalCdf(double z);
double normalQuantile(double p); // p in (0, 1)

// The mean of a normal distribution (mean, sd) restricted to [lower, upper]: what an estimate
// with that uncertainty becomes once the truth is known to lie in the interval. The nearer
// bound when the interval lies too far in a tail for the mass to be resolved; `mean` when sd
// is not positive and the mean is inside.
double truncatedNormalMean(double mean, double sd, double lower, double upper);

// Student's t distribution with `dof` (>= 1) degrees of freedom, exact for integer dof.
double studentTCdf(double t, int dof);
double studentTQuantile(double p, int dof); // p in (0, 1)

} // namespace s1
