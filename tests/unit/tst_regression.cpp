// The numerics behind the source statistics (Regression.h): weighted straight-line fits checked
// against the normal equations solved another way, the runs test and its critical values
// against chrony's published table, the trimming of bent series, the plane fit, medians and
// the normal and Student t quantiles against closed forms and printed tables, and the mean of a
// truncated normal distribution.
#include "sources/Regression.h"

#include <QtTest>

#include <array>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

using namespace s1;

namespace {

// Fits of exact data must come back to within rounding.
constexpr double kExactTolerance = 1e-12;

// chrony's regress.c table of runs-test critical values (5 % level) for n = 0..129 residuals,
// a published reference for runsCriticalValue.
constexpr std::array<int, 130> kChronyCriticalRuns = {
    0,  0,  0,  0,  0,  0,  0,  0,  2,  3,  3,  3,  4,  4,  5,  5,  5,  6,  6,  7,  7,  7,  8,  8,  9,  9,
    9,  10, 10, 11, 11, 11, 12, 12, 13, 13, 14, 14, 14, 15, 15, 16, 16, 17, 17, 18, 18, 18, 19, 19, 20, 20,
    21, 21, 21, 22, 22, 23, 23, 24, 24, 25, 25, 26, 26, 26, 27, 27, 28, 28, 29, 29, 30, 30, 30, 31, 31, 32,
    32, 33, 33, 34, 34, 35, 35, 35, 36, 36, 37, 37, 38, 38, 39, 39, 40, 40, 40, 41, 41, 42, 42, 43, 43, 44,
    44, 45, 45, 46, 46, 46, 47, 47, 48, 48, 49, 49, 50, 50, 51, 51, 52, 52, 52, 53, 53, 54, 54, 55, 55, 56,
};
// Where the normal approximation gives 22.01 and chrony's table has 21.
constexpr int kChronyTableDeviation = 54;

// The 99.95 % quantiles of Student's t for 1..40 degrees of freedom as printed in chrony's
// RGR_GetTCoef (4 significant digits, 3 for 31.6).
constexpr std::array<double, 40> kT9995 = {
    636.6, 31.6,  12.92, 8.61,  6.869, 5.959, 5.408, 5.041, 4.781, 4.587, 4.437, 4.318, 4.221, 4.140,
    4.073, 4.015, 3.965, 3.922, 3.883, 3.850, 3.819, 3.792, 3.768, 3.745, 3.725, 3.707, 3.690, 3.674,
    3.659, 3.646, 3.633, 3.622, 3.611, 3.601, 3.591, 3.582, 3.574, 3.566, 3.558, 3.551,
};

// Residual pattern orthogonal to a constant and to x = 0..7: fits through line + pattern
// recover the line and leave exactly the pattern, with 5 runs.
constexpr std::array<double, 8> kOrthogonalPattern = {1, -1, -1, 1, 1, -1, -1, 1};

std::vector<double> ones(std::size_t n)
{
    return std::vector<double>(n, 1.0);
}

// The weighted least-squares line by Cramer's rule on the raw (uncentred) normal equations,
// and the parameter standard deviations from the inverse of their matrix: a different route
// to the same answer than the implementation's centred sums.
struct ReferenceFit
{
    double intercept;
    double slope;
    double interceptSd;
    double slopeSd;
};

ReferenceFit referenceFit(const std::vector<double> &x, const std::vector<double> &y,
                          const std::vector<double> &variances)
{
    double sw = 0, swx = 0, swxx = 0, swy = 0, swxy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double w = 1.0 / variances[i];
        sw += w;
        swx += w * x[i];
        swxx += w * x[i] * x[i];
        swy += w * y[i];
        swxy += w * x[i] * y[i];
    }
    const double det = sw * swxx - swx * swx;
    ReferenceFit f{};
    f.intercept = (swxx * swy - swx * swxy) / det;
    f.slope = (sw * swxy - swx * swy) / det;
    double s2 = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double r = y[i] - f.intercept - f.slope * x[i];
        s2 += r * r / variances[i];
    }
    s2 /= static_cast<double>(x.size() - 2);
    f.interceptSd = std::sqrt(s2 * swxx / det);
    f.slopeSd = std::sqrt(s2 * sw / det);
    return f;
}

bool near(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance;
}

QString describe(double actual, double expected)
{
    return QStringLiteral("actual %1 expected %2").arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17);
}

} // namespace

class TestRegression : public QObject
{
    Q_OBJECT

private slots:
    void exactLineIsRecovered();
    void weightedFitMatchesNormalEquations();
    void downWeightedOutlierBarelyMovesFit();
    void degenerateInputIsRejected();
    void runsAreCounted();
    void criticalValuesMatchChronyTable();
    void straightSeriesKeepsAllPoints();
    void bentSeriesDropsOldPoints();
    void trimmingStopsAtMinPoints();
    void historyExtendsRunsTest();
    void planeFitRecoversCoefficients();
    void planeFitRejectsCollinear();
    void planeFitSlopeSdMatchesSpread();
    void truncatedNormalMeans();
    void medianOfOddAndEvenCounts();
    void normalQuantiles();
    void studentTClosedForms();
    void studentTMatchesPrintedTable();
    void studentTCdfInvertsQuantile();
};

void TestRegression::exactLineIsRecovered()
{
    // Irregular times (s before the newest sample), unequal weights, offset-like magnitudes.
    const std::vector<double> x = {-1000.5, -937.25, -800, -512.125, -300, -64, -16.5, 0};
    const std::vector<double> variances = {1, 4, 2.25, 1, 9, 1.5, 1, 3};
    const double intercept = 1.25e-3; // s
    const double slope = -3.5e-6;     // s/s
    std::vector<double> y;
    y.reserve(x.size());
    for (double xi : x)
        y.push_back(intercept + slope * xi);

    const auto fit = weightedRegression(x, y, variances);
    QVERIFY(fit);
    QVERIFY2(near(fit->intercept, intercept, kExactTolerance), qPrintable(describe(fit->intercept, intercept)));
    QVERIFY2(near(fit->slope, slope, kExactTolerance), qPrintable(describe(fit->slope, slope)));
    QCOMPARE(fit->points, 8);
    QCOMPARE(fit->degreesOfFreedom, 6);
    // No scatter: no uncertainty beyond rounding.
    QVERIFY(fit->slopeSd < 1e-15);
    QVERIFY(fit->interceptSd < 1e-12);
    QVERIFY(fit->variance < 1e-24);
    QVERIFY(near(fit->valueAt(-500), intercept + slope * -500, kExactTolerance));
}

void TestRegression::weightedFitMatchesNormalEquations()
{
    const std::vector<double> x = {-40, -30, -20, -10, 0};
    const std::vector<double> y = {1.0e-3, 1.3e-3, 0.9e-3, 1.6e-3, 1.4e-3};
    const std::vector<double> variances = {1, 2, 1, 4, 1};
    const ReferenceFit expected = referenceFit(x, y, variances);

    const auto fit = weightedRegression(x, y, variances);
    QVERIFY(fit);
    QVERIFY2(near(fit->intercept, expected.intercept, 1e-15), qPrintable(describe(fit->intercept, expected.intercept)));
    QVERIFY2(near(fit->slope, expected.slope, 1e-17), qPrintable(describe(fit->slope, expected.slope)));
    QVERIFY2(std::abs(fit->interceptSd / expected.interceptSd - 1) < 1e-9,
             qPrintable(describe(fit->interceptSd, expected.interceptSd)));
    QVERIFY2(std::abs(fit->slopeSd / expected.slopeSd - 1) < 1e-9,
             qPrintable(describe(fit->slopeSd, expected.slopeSd)));
    // The standard deviation of the fitted value is smallest at the weighted mean of x.
    QVERIFY(fit->valueSdAt(fit->meanX) < fit->valueSdAt(0));
    QVERIFY(near(fit->valueSdAt(0), fit->interceptSd, 1e-18));
    // Average-weight variance: s² scaled by n / sum of weights.
    double s2 = 0, sw = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double r = y[i] - expected.intercept - expected.slope * x[i];
        s2 += r * r / variances[i];
        sw += 1 / variances[i];
    }
    const double expectedVariance = s2 / 3 * 5 / sw;
    QVERIFY(std::abs(fit->variance / expectedVariance - 1) < 1e-9);
}

void TestRegression::downWeightedOutlierBarelyMovesFit()
{
    // A line with small alternating scatter, and one wild point.
    const double intercept = 2e-3;
    const double slope = 1e-5;
    std::vector<double> x, y;
    for (int i = 0; i < 8; ++i) {
        x.push_back(-16.0 * (7 - i));
        y.push_back(intercept + slope * x.back() + (i % 2 ? 1e-6 : -1e-6));
    }
    const auto clean = weightedRegression(x, y, ones(x.size()));
    QVERIFY(clean);

    x.insert(x.begin() + 4, -50.0);
    y.insert(y.begin() + 4, intercept + slope * -50.0 + 1e-3); // 1 ms off the line
    std::vector<double> variances = ones(x.size());
    variances[4] = 1e8;

    const auto weighted = weightedRegression(x, y, variances);
    const auto unweighted = weightedRegression(x, y, ones(x.size()));
    QVERIFY(weighted && unweighted);
    const ReferenceFit expected = referenceFit(x, y, variances);
    QVERIFY(near(weighted->intercept, expected.intercept, 1e-15));
    QVERIFY(near(weighted->slope, expected.slope, 1e-17));
    // 1e8 times less weight: the 1 ms outlier moves the line by nanoseconds at most ...
    QVERIFY2(std::abs(weighted->intercept - clean->intercept) < 1e-9,
             qPrintable(describe(weighted->intercept, clean->intercept)));
    QVERIFY(std::abs(weighted->slope - clean->slope) < 1e-11);
    // ... where with equal weight it moves it by tens of microseconds.
    QVERIFY(std::abs(unweighted->intercept - clean->intercept) > 1e-5);
}

void TestRegression::degenerateInputIsRejected()
{
    QVERIFY(!weightedRegression(std::vector<double>{0, 1}, std::vector<double>{0, 1}, ones(2)));
    QVERIFY(!weightedRegression(std::vector<double>{5, 5, 5}, std::vector<double>{0, 1, 2}, ones(3)));
    QVERIFY(!weightedRegression(std::vector<double>{0, 1, 2}, std::vector<double>{0, 1}, ones(3)));
    QVERIFY(
        !weightedRegression(std::vector<double>{0, 1, 2}, std::vector<double>{0, 1, 2}, std::vector<double>{1, 0, 1}));
    QVERIFY(!findBestRegression(std::vector<double>{0, 1}, std::vector<double>{0, 1}, ones(2), 0));
    const std::vector<double> tooLong(kMaxRegressionSeries + 1, 0.0);
    QVERIFY(!findBestRegression(tooLong, tooLong, ones(3), 0));
}

void TestRegression::runsAreCounted()
{
    QCOMPARE(countRuns(std::vector<double>{}), 0);
    QCOMPARE(countRuns(std::vector<double>{3}), 1);
    QCOMPARE(countRuns(std::vector<double>{1, -1, 1, -1, 1, -1, 1, -1, 1, -1}), 10);
    QCOMPARE(countRuns(std::vector<double>{1, 2, 3, 4, 5, -1, -2, -3, -4, -5}), 2);
    QCOMPARE(countRuns(std::vector<double>{1, 1, -1, -1, 1}), 3);
    // A zero residual is in no run: it breaks the one before and after.
    QCOMPARE(countRuns(std::vector<double>{1, 0, 1}), 3);
    QCOMPARE(countRuns(std::vector<double>{0, 0}), 2);
}

void TestRegression::criticalValuesMatchChronyTable()
{
    for (int n = 0; n < static_cast<int>(kChronyCriticalRuns.size()); ++n) {
        const int expected = n == kChronyTableDeviation ? kChronyCriticalRuns[static_cast<std::size_t>(n)] + 1
                                                        : kChronyCriticalRuns[static_cast<std::size_t>(n)];
        QVERIFY2(runsCriticalValue(n) == expected,
                 qPrintable(QStringLiteral("n=%1: %2, expected %3").arg(n).arg(runsCriticalValue(n)).arg(expected)));
    }
    // Alternating signs pass easily; two runs never pass once the test applies.
    QVERIFY(20 > runsCriticalValue(20));
    QVERIFY(2 <= runsCriticalValue(kMinPointsForRunsTest));
    QCOMPARE(runsCriticalValue(kMinPointsForRunsTest - 1), 0);
}

void TestRegression::straightSeriesKeepsAllPoints()
{
    std::vector<double> x, y;
    for (int i = 0; i < 40; ++i) {
        x.push_back(16.0 * (i - 39));
        y.push_back(1e-3 - 2e-6 * x.back() + (i % 2 ? 5e-6 : -5e-6));
    }
    const auto best = findBestRegression(x, y, ones(x.size()), 6);
    QVERIFY(best);
    QCOMPARE(best->start, 0);
    QCOMPARE(best->runs, 40); // alternating residuals: every point its own run
    QVERIFY(near(best->fit.slope, -2e-6, 1e-8));
}

void TestRegression::bentSeriesDropsOldPoints()
{
    // Offsets rise for 20 samples, then fall for 20: a frequency change halfway.
    constexpr int kBend = 20;
    constexpr int kPoints = 40;
    constexpr double kInterval = 16; // s
    constexpr double kNoise = 1e-7;  // s, alternating
    std::vector<double> x, y;
    for (int i = 0; i < kPoints; ++i) {
        x.push_back(kInterval * (i - (kPoints - 1)));
        const double t = kInterval * i;
        const double bendTime = kInterval * kBend;
        const double base = t < bendTime ? 5e-6 * t : 5e-6 * bendTime - 5e-6 * (t - bendTime);
        y.push_back(base + (i % 2 ? kNoise : -kNoise));
    }
    const auto full = weightedRegression(x, y, ones(x.size()));
    QVERIFY(full);
    const auto best = findBestRegression(x, y, ones(x.size()), 6);
    QVERIFY(best);
    // The fitted points are (nearly) all after the bend, and the slope is the new one.
    QVERIFY2(best->start >= kBend - 1, qPrintable(QString::number(best->start)));
    QVERIFY2(near(best->fit.slope, -5e-6, 1e-8), qPrintable(QString::number(best->fit.slope)));
    // Residuals of the straight part alternate with the scatter.
    QVERIFY(best->runs >= best->fit.points / 2);
}

void TestRegression::trimmingStopsAtMinPoints()
{
    // A parabola: every straight line leaves residuals + - + (3 runs), so the runs test fails
    // for any length it applies to and only the floor stops the trimming.
    std::vector<double> x, y;
    for (int i = 0; i < 30; ++i) {
        x.push_back(i - 29.0);
        y.push_back(1e-6 * x.back() * x.back());
    }
    for (int minPoints : {5, 6, 12, 29, 30, 40}) {
        const auto best = findBestRegression(x, y, ones(x.size()), minPoints);
        QVERIFY(best);
        const int expectedPoints = std::min(30, std::max(kMinPointsForRegression, minPoints));
        QCOMPARE(30 - best->start, expectedPoints);
        QCOMPARE(best->fit.points, expectedPoints);
    }
    // Without a floor the trimming goes on while the test applies: with 4 points fitted, the
    // 8 residuals tested have a critical value of 2, which the parabola's 3 runs pass.
    const auto unbounded = findBestRegression(x, y, ones(x.size()), 0);
    QVERIFY(unbounded);
    QCOMPARE(unbounded->fit.points, 4);
}

void TestRegression::historyExtendsRunsTest()
{
    // Eight candidates: a line plus a pattern with 5 runs, which passes on its own (critical
    // value 2 for 8 residuals) ...
    std::vector<double> x, y;
    for (int i = 0; i < 8; ++i) {
        x.push_back(i);
        y.push_back(1.0 + 0.5 * i + 1e-3 * kOrthogonalPattern[static_cast<std::size_t>(i)]);
    }
    const auto alone = findBestRegression(x, y, ones(8), 0);
    QVERIFY(alone);
    QCOMPARE(alone->start, 0);
    QCOMPARE(alone->runs, 5);
    QVERIFY(near(alone->fit.slope, 0.5, kExactTolerance));

    // ... but eight older points far above the line join the first run: 5 runs among 16
    // residuals fail (critical value 5), and the oldest candidate goes.
    std::vector<double> hx, hy;
    for (int i = -8; i < 0; ++i) {
        hx.push_back(i);
        hy.push_back(1.0 + 0.5 * i + 1.0);
    }
    hx.insert(hx.end(), x.begin(), x.end());
    hy.insert(hy.end(), y.begin(), y.end());
    const auto extended = findBestRegression(hx, hy, ones(8), 0);
    QVERIFY(extended);
    QVERIFY(extended->start > 0);
    QCOMPARE(extended->fit.points, 8 - extended->start);
}

void TestRegression::planeFitRecoversCoefficients()
{
    std::vector<double> x1, x2, y;
    for (int i = 0; i < 12; ++i) {
        x1.push_back(-64.0 * i);
        x2.push_back(1e-3 * ((i * 7) % 5)); // delay-like, uncorrelated with x1
        y.push_back(2e-3 + 3e-6 * x1.back() - 0.4 * x2.back());
    }
    const auto fit = planeRegression(x1, x2, y);
    QVERIFY(fit);
    QVERIFY(near(fit->intercept, 2e-3, kExactTolerance));
    QVERIFY(near(fit->slope1, 3e-6, kExactTolerance));
    QVERIFY2(near(fit->slope2, -0.4, 1e-9), qPrintable(QString::number(fit->slope2, 'g', 17)));
}

void TestRegression::planeFitRejectsCollinear()
{
    const std::vector<double> x1 = {0, 1, 2, 3, 4};
    const std::vector<double> x2Collinear = {1, 3, 5, 7, 9}; // 2 * x1 + 1
    const std::vector<double> x2Constant = {2, 2, 2, 2, 2};
    const std::vector<double> y = {1, 2, 0, 3, 1};
    QVERIFY(!planeRegression(x1, x2Collinear, y));
    QVERIFY(!planeRegression(x1, x2Constant, y));
    QVERIFY(!planeRegression(std::vector<double>{0, 1, 2}, std::vector<double>{0, 1, 0}, std::vector<double>{1, 2, 3}));
}

void TestRegression::planeFitSlopeSdMatchesSpread()
{
    // The same design with fresh noise many times: the standard deviation the fit reports for
    // slope2 must match the spread of the slope2 estimates themselves.
    constexpr int kPoints = 12;
    constexpr int kRepeats = 2000;
    constexpr double kNoise = 1e-5; // s
    std::vector<double> x1, x2;
    for (int i = 0; i < kPoints; ++i) {
        x1.push_back(-64.0 * i);
        x2.push_back(1e-4 * ((i * 7) % 5));
    }
    std::mt19937_64 engine(11);
    const auto uniform = [&engine] { return (static_cast<double>(engine() >> 11) + 0.5) * 0x1p-53; };
    double sum = 0, sumSquares = 0, reportedSquares = 0;
    std::vector<double> y(kPoints);
    for (int r = 0; r < kRepeats; ++r) {
        for (int i = 0; i < kPoints; ++i) {
            // Box-Muller: a normal deviate from two uniform ones.
            const double z = std::sqrt(-2.0 * std::log(uniform())) * std::cos(2.0 * std::numbers::pi * uniform());
            y[static_cast<std::size_t>(i)] =
                2e-3 + 3e-6 * x1[static_cast<std::size_t>(i)] - 0.4 * x2[static_cast<std::size_t>(i)] + kNoise * z;
        }
        const auto fit = planeRegression(x1, x2, y);
        QVERIFY(fit);
        QCOMPARE(fit->degreesOfFreedom, kPoints - 3);
        sum += fit->slope2;
        sumSquares += fit->slope2 * fit->slope2;
        reportedSquares += fit->slope2Sd * fit->slope2Sd;
    }
    const double mean = sum / kRepeats;
    const double spread = std::sqrt(sumSquares / kRepeats - mean * mean);
    const double reported = std::sqrt(reportedSquares / kRepeats);
    QVERIFY2(std::abs(mean + 0.4) < 3 * spread / std::sqrt(double(kRepeats)), qPrintable(QString::number(mean)));
    QVERIFY2(std::abs(reported / spread - 1) < 0.05,
             qPrintable(QStringLiteral("reported %1 spread %2").arg(reported).arg(spread)));

    // An exact plane leaves nothing to be uncertain about.
    for (int i = 0; i < kPoints; ++i)
        y[static_cast<std::size_t>(i)] =
            2e-3 + 3e-6 * x1[static_cast<std::size_t>(i)] - 0.4 * x2[static_cast<std::size_t>(i)];
    QVERIFY(planeRegression(x1, x2, y)->slope2Sd < 1e-9);
}

void TestRegression::truncatedNormalMeans()
{
    // A symmetric interval keeps the mean; a half line moves it by sd * sqrt(2 / pi) (the
    // mean of a half-normal distribution).
    QVERIFY(near(truncatedNormalMean(1.0, 2.0, -3.0, 5.0), 1.0, kExactTolerance));
    QVERIFY(near(truncatedNormalMean(0.0, 1.0, 0.0, 1e300), std::sqrt(2.0 / std::numbers::pi), 1e-9));
    QVERIFY(near(truncatedNormalMean(0.0, 1.0, -1e300, 0.0), -std::sqrt(2.0 / std::numbers::pi), 1e-9));
    // An interval much narrower than the spread: its middle, whatever the mean.
    QVERIFY(near(truncatedNormalMean(0.0, 1.0, 0.2, 0.2 + 1e-6), 0.2 + 5e-7, 1e-9));
    // Far in a tail the mass is not resolvable: the nearer bound.
    QCOMPARE(truncatedNormalMean(0.0, 1.0, 50.0, 60.0), 50.0);
    QCOMPARE(truncatedNormalMean(0.0, 1.0, -60.0, -50.0), -50.0);
    // No spread: the mean, clamped.
    QCOMPARE(truncatedNormalMean(3.0, 0.0, -1.0, 1.0), 1.0);
    QCOMPARE(truncatedNormalMean(0.5, 0.0, -1.0, 1.0), 0.5);
}

void TestRegression::medianOfOddAndEvenCounts()
{
    std::vector<double> odd = {5, 1, 4, 2, 3};
    QCOMPARE(median(odd), 3.0);
    std::vector<double> even = {8, 1, 4, 2};
    QCOMPARE(median(even), 3.0);
    std::vector<double> one = {7};
    QCOMPARE(median(one), 7.0);
    std::vector<double> none;
    QCOMPARE(median(none), 0.0);
    std::vector<double> equal = {2, 2, 2, 2};
    QCOMPARE(median(equal), 2.0);
}

void TestRegression::normalQuantiles()
{
    // Standard table values (z of the 95 %, 97.5 % and 99.95 % points).
    QVERIFY(near(normalQuantile(0.95), 1.6448536269514722, 1e-12));
    QVERIFY(near(normalQuantile(0.975), 1.959963984540054, 1e-12));
    QVERIFY(near(normalQuantile(0.9995), 3.2905267314918945, 1e-10));
    QVERIFY(near(normalQuantile(0.5), 0.0, 1e-15));
    QVERIFY(near(normalQuantile(0.05), -normalQuantile(0.95), 1e-12));
    QVERIFY(near(normalCdf(1.959963984540054), 0.975, 1e-15));
    QVERIFY(std::isnan(normalQuantile(0.0)));
    QVERIFY(std::isnan(normalQuantile(1.0)));
}

void TestRegression::studentTClosedForms()
{
    for (double p : {0.6, 0.75, 0.9, 0.975, 0.995, 0.9995, 0.05, 0.3}) {
        // One degree of freedom is the Cauchy distribution: t = tan(pi (p - 1/2)).
        const double cauchy = std::tan(std::numbers::pi * (p - 0.5));
        QVERIFY2(std::abs(studentTQuantile(p, 1) / cauchy - 1) < 1e-10,
                 qPrintable(describe(studentTQuantile(p, 1), cauchy)));
        // Two: t = (2p - 1) / sqrt(2 p (1 - p)).
        const double two = (2 * p - 1) / std::sqrt(2 * p * (1 - p));
        QVERIFY2(std::abs(studentTQuantile(p, 2) / two - 1) < 1e-10, qPrintable(describe(studentTQuantile(p, 2), two)));
    }
    // Three: F(t) = 1/2 + (atan(u) + u / (1 + u²)) / pi with u = t / sqrt(3).
    for (double t : {-4.0, -0.5, 0.0, 1.0, 3.182}) {
        const double u = t / std::sqrt(3.0);
        const double expected = 0.5 + (std::atan(u) + u / (1 + u * u)) / std::numbers::pi;
        QVERIFY(near(studentTCdf(t, 3), expected, 1e-14));
    }
    QVERIFY(near(studentTQuantile(0.975, 10), 2.2281388519649385, 1e-10));
    // Many degrees of freedom: the normal distribution.
    QVERIFY(std::abs(studentTQuantile(0.9995, 100000) - normalQuantile(0.9995)) < 1e-3);
    QVERIFY(std::isnan(studentTQuantile(0.5, 0)));
    QVERIFY(std::isnan(studentTQuantile(1.0, 5)));
}

void TestRegression::studentTMatchesPrintedTable()
{
    for (int dof = 1; dof <= static_cast<int>(kT9995.size()); ++dof) {
        const double printed = kT9995[static_cast<std::size_t>(dof - 1)];
        const double computed = studentTQuantile(0.9995, dof);
        // Four significant digits (three for 31.6): within half a unit of the last digit.
        const double halfUnit = dof == 2 ? 0.05 : 0.5 * std::pow(10.0, std::floor(std::log10(printed)) - 3);
        QVERIFY2(std::abs(computed - printed) <= halfUnit + 1e-12,
                 qPrintable(QStringLiteral("dof %1: %2 vs %3").arg(dof).arg(computed, 0, 'g', 10).arg(printed)));
    }
}

void TestRegression::studentTCdfInvertsQuantile()
{
    for (int dof : {1, 2, 3, 4, 7, 10, 25, 62, 126}) {
        for (double p : {0.001, 0.1, 0.5, 0.8, 0.99, 0.9995}) {
            const double t = studentTQuantile(p, dof);
            QVERIFY2(near(studentTCdf(t, dof), p, 1e-12), qPrintable(QStringLiteral("dof %1 p %2").arg(dof).arg(p)));
        }
        QVERIFY(near(studentTCdf(0.0, dof), 0.5, 1e-15));
        QVERIFY(near(studentTCdf(-1.5, dof), 1 - studentTCdf(1.5, dof), 1e-15));
    }
}

QTEST_APPLESS_MAIN(TestRegression)
#include "tst_regression.moc"
