#include "sources/Regression.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <numbers>

namespace s1 {

namespace {

// The one-sided 5 % point of the standard normal distribution, z(0.95) (tabulated in every
// statistics text; tst_regression checks it against normalQuantile).
constexpr double kNormal95 = 1.6448536269514722;

// planeRegression gives up when the determinant of its (centred) normal equations is below this
// fraction of the product of their diagonal terms, i.e. when the squared correlation of x1 and x2
// exceeds 1 - 1e-10. The same margin as chrony's RGR_MultipleRegress stability check.
constexpr double kCollinearityLimit = 1e-10;

// Bisection steps for the quantiles: each halves the bracket, so 200 reach the resolution of a
// double from any starting bracket used here.
constexpr int kBisectionSteps = 200;

// The standard normal CDF is 0 or 1 in double precision beyond this many standard deviations.
constexpr double kNormalRange = 40.0;

// Below this probability mass a difference of two normal CDFs has lost most of its digits
// (cancellation near 1), and a truncated mean computed from it would be noise.
constexpr double kMinResolvedMass = 1e-9;

bool allPositiveFinite(std::span<const double> values)
{
    return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v) && v > 0; });
}

// Bisection for the root of a function increasing on [lo, hi].
template <typename F>
double bisect(F increasing, double target, double lo, double hi)
{
    for (int i = 0; i < kBisectionSteps; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi)
            break;
        if (increasing(mid) < target)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

// P(-|t| < T < |t|) with the sign of t, for T ~ Student t with `dof` degrees of freedom, as a
// function of theta = atan(t / sqrt(dof)): the finite series of Abramowitz & Stegun 26.7.3
// (odd dof) and 26.7.4 (even dof).
double studentTCentralMass(double theta, int dof)
{
    const double s = std::sin(theta);
    const double c = std::cos(theta);
    const double c2 = c * c;
    if (dof % 2 == 1) {
        // (2/pi) [theta + sin(theta) (cos + 2/3 cos^3 + 2*4/(3*5) cos^5 + ... + cos^(dof-2))]
        double sum = 0;
        double term = c;
        for (int power = 1; power <= dof - 2; power += 2) {
            sum += term;
            term *= c2 * static_cast<double>(power + 1) / static_cast<double>(power + 2);
        }
        return 2.0 / std::numbers::pi * (theta + s * sum);
    }
    // sin(theta) [1 + 1/2 cos^2 + 1*3/(2*4) cos^4 + ... + cos^(dof-2)]
    double sum = 0;
    double term = 1;
    for (int power = 0; power <= dof - 2; power += 2) {
        sum += term;
        term *= c2 * static_cast<double>(power + 1) / static_cast<double>(power + 2);
    }
    return s * sum;
}

} // namespace

double LinearFit::valueSdAt(double x) const
{
    const double fromSlope = slopeSd * (x - meanX);
    return std::sqrt(meanSd * meanSd + fromSlope * fromSlope);
}

std::optional<LinearFit> weightedRegression(std::span<const double> x, std::span<const double> y,
                                            std::span<const double> variances)
{
    const std::size_t n = x.size();
    if (n < static_cast<std::size_t>(kMinPointsForRegression) || y.size() != n || variances.size() != n
        || !allPositiveFinite(variances))
        return std::nullopt;

    // Weighted means first, then centred sums: the offsets are tiny next to the times, and
    // centring keeps the slope accurate to the last bits.
    double sumW = 0;
    double sumWx = 0;
    double sumWy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double w = 1.0 / variances[i];
        sumW += w;
        sumWx += w * x[i];
        sumWy += w * y[i];
    }
    const double meanX = sumWx / sumW;
    const double meanY = sumWy / sumW;

    double sxx = 0;
    double sxy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dx = x[i] - meanX;
        sxx += dx * dx / variances[i];
        sxy += dx * (y[i] - meanY) / variances[i];
    }
    if (!(sxx > 0))
        return std::nullopt;

    LinearFit fit;
    fit.points = static_cast<int>(n);
    fit.degreesOfFreedom = fit.points - 2;
    fit.slope = sxy / sxx;
    fit.intercept = meanY - fit.slope * meanX;
    fit.meanX = meanX;

    double weightedSquares = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double r = y[i] - fit.valueAt(x[i]);
        weightedSquares += r * r / variances[i];
    }
    // s² estimates the variance of a point of unit relative variance.
    const double s2 = weightedSquares / fit.degreesOfFreedom;
    fit.slopeSd = std::sqrt(s2 / sxx);
    fit.meanSd = std::sqrt(s2 / sumW);
    fit.interceptSd = fit.valueSdAt(0.0);
    // n / sumW is the harmonic mean of the relative variances: a point of average weight.
    fit.variance = s2 * static_cast<double>(n) / sumW;
    return fit;
}

int countRuns(std::span<const double> residuals)
{
    if (residuals.empty())
        return 0;
    int runs = 1;
    for (std::size_t i = 1; i < residuals.size(); ++i) {
        const bool sameSign = (residuals[i - 1] < 0 && residuals[i] < 0) || (residuals[i - 1] > 0 && residuals[i] > 0);
        if (!sameSign)
            ++runs;
    }
    return runs;
}

int runsCriticalValue(int n)
{
    if (n < kMinPointsForRunsTest)
        return 0;
    // Residuals of a good fit are about half positive and half negative. For n1 and n2 signs of
    // each kind in random order the number of runs has mean 2 n1 n2 / n + 1 and variance
    // 2 n1 n2 (2 n1 n2 - n) / (n² (n - 1)); below the mean by z(0.95) standard deviations
    // (normal approximation) lies the lower 5 % tail. This reproduces chrony's tabulated critical
    // values (regress.c) except at n = 54, where the bound is 22.01 and chrony has 21.
    const double n1 = static_cast<double>(n / 2);
    const double n2 = static_cast<double>(n - n / 2);
    const double total = static_cast<double>(n);
    const double product = 2.0 * n1 * n2;
    const double mean = product / total + 1.0;
    const double variance = product * (product - total) / (total * total * (total - 1.0));
    return static_cast<int>(std::floor(mean - kNormal95 * std::sqrt(variance)));
}

std::optional<TrimmedFit> findBestRegression(std::span<const double> x, std::span<const double> y,
                                             std::span<const double> variances, int minPoints)
{
    const int total = static_cast<int>(x.size());
    const int candidates = static_cast<int>(variances.size());
    if (candidates < kMinPointsForRegression || y.size() != x.size() || candidates > total
        || total > kMaxRegressionSeries)
        return std::nullopt;

    const int history = total - candidates; // older points usable only by the runs test
    const int fewestPoints = std::max(kMinPointsForRegression, minPoints);
    std::array<double, kMaxRegressionSeries> residuals{};

    for (int start = 0;; ++start) {
        const int points = candidates - start;
        const int first = history + start;
        const auto fit = weightedRegression(x.subspan(first), y.subspan(first), variances.subspan(start));
        if (!fit)
            return std::nullopt;

        // Test the residuals of up to kRunsHistoryRatio times as many points as are fitted,
        // reaching back into the dropped and historic points.
        const int tested = std::min(total, points * kRunsHistoryRatio);
        const int testedFirst = total - tested;
        for (int i = testedFirst; i < total; ++i)
            residuals[static_cast<std::size_t>(i - testedFirst)] = y[i] - fit->valueAt(x[i]);
        const std::span<const double> testedResiduals(residuals.data(), static_cast<std::size_t>(tested));
        const int runs = countRuns(testedResiduals);

        if (runs > runsCriticalValue(tested) || points <= fewestPoints) {
            TrimmedFit result;
            result.fit = *fit;
            result.start = start;
            result.runs = countRuns(testedResiduals.last(static_cast<std::size_t>(points)));
            return result;
        }
    }
}

std::optional<PlaneFit> planeRegression(std::span<const double> x1, std::span<const double> x2,
                                        std::span<const double> y)
{
    constexpr std::size_t kMinPoints = 4; // three parameters and at least one residual
    const std::size_t n = x1.size();
    if (n < kMinPoints || x2.size() != n || y.size() != n)
        return std::nullopt;

    double m1 = 0;
    double m2 = 0;
    double my = 0;
    for (std::size_t i = 0; i < n; ++i) {
        m1 += x1[i];
        m2 += x2[i];
        my += y[i];
    }
    const double count = static_cast<double>(n);
    m1 /= count;
    m2 /= count;
    my /= count;

    double s11 = 0;
    double s12 = 0;
    double s22 = 0;
    double s1y = 0;
    double s2y = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double d1 = x1[i] - m1;
        const double d2 = x2[i] - m2;
        const double dy = y[i] - my;
        s11 += d1 * d1;
        s12 += d1 * d2;
        s22 += d2 * d2;
        s1y += d1 * dy;
        s2y += d2 * dy;
    }
    const double determinant = s11 * s22 - s12 * s12;
    if (!(determinant > kCollinearityLimit * s11 * s22)) // also catches constant x1 or x2
        return std::nullopt;

    PlaneFit fit;
    fit.slope1 = (s22 * s1y - s12 * s2y) / determinant;
    fit.slope2 = (s11 * s2y - s12 * s1y) / determinant;
    fit.intercept = my - fit.slope1 * m1 - fit.slope2 * m2;
    fit.degreesOfFreedom = static_cast<int>(n) - 3;

    double squares = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double r = y[i] - fit.intercept - fit.slope1 * x1[i] - fit.slope2 * x2[i];
        squares += r * r;
    }
    // The covariance of the slopes is s² times the inverse of the centred normal matrix.
    const double residualVariance = squares / fit.degreesOfFreedom;
    fit.slope2Sd = std::sqrt(residualVariance * s11 / determinant);
    return fit;
}

double median(std::span<double> values)
{
    if (values.empty())
        return 0;
    const std::size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
    const double upper = values[mid];
    if (values.size() % 2 == 1)
        return upper;
    // The lower middle value is the largest of the lower half.
    const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
    return 0.5 * (lower + upper);
}

double normalCdf(double z)
{
    return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

double truncatedNormalMean(double mean, double sd, double lower, double upper)
{
    if (!(sd > 0))
        return std::clamp(mean, lower, upper);
    const double a = (lower - mean) / sd;
    const double b = (upper - mean) / sd;
    const double mass = normalCdf(b) - normalCdf(a);
    if (!(mass > kMinResolvedMass))
        return std::clamp(mean, lower, upper);
    const auto density = [](double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi); };
    return std::clamp(mean + sd * (density(a) - density(b)) / mass, lower, upper);
}

double normalQuantile(double p)
{
    if (!(p > 0 && p < 1))
        return std::nan("");
    return bisect(normalCdf, p, -kNormalRange, kNormalRange);
}

double studentTCdf(double t, int dof)
{
    if (dof < 1 || std::isnan(t))
        return std::nan("");
    const double theta = std::atan(t / std::sqrt(static_cast<double>(dof)));
    return 0.5 + 0.5 * studentTCentralMass(theta, dof);
}

double studentTQuantile(double p, int dof)
{
    if (dof < 1 || !(p > 0 && p < 1))
        return std::nan("");
    // Solve in theta = atan(t / sqrt(dof)), which maps the whole real line onto a bounded
    // interval where the central mass rises smoothly from -1 to 1.
    const double halfPi = 0.5 * std::numbers::pi;
    const double theta =
        bisect([dof](double th) { return studentTCentralMass(th, dof); }, 2.0 * p - 1.0, -halfPi, halfPi);
    return std::sqrt(static_cast<double>(dof)) * std::tan(theta);
}

} // namespace s1
