// Overlapping Allan deviation and time deviation: exact values on a tiny hand-computed series,
// the published NIST SP 1065 1000-point test data set (section 12.4: white FM from the
// Lehmer generator n' = 16807 n mod 2^31-1, n0 = 1234567890), and the slopes of known noise:
// white phase noise of sigma gives ADEV = sqrt(3) sigma / tau and TDEV = sigma / sqrt(m), white
// frequency noise of sigma_y gives ADEV = sigma_y / sqrt(m) (a tau^-1/2 slope).
#include "stability/AllanDeviation.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace s1;

namespace {

constexpr std::uint64_t kSeed = 20261206;
constexpr std::size_t kNoisePoints = 200'000;

// Phase from frequency data as SP 1065 (and Stable32, allantools) integrate it: x0 = 0.
std::vector<double> phaseFromFrequency(const std::vector<double> &y, double tau0)
{
    std::vector<double> x{0.0};
    for (const double v : y)
        x.push_back(x.back() + v * tau0);
    return x;
}

bool near(double actual, double expected, double relative)
{
    return std::fabs(actual - expected) <= relative * std::fabs(expected);
}

} // namespace

class TestStability : public QObject
{
    Q_OBJECT
private slots:
    void handComputed();
    void frequencyOffsetDoesNotCount();
    void tooShortIsNaN();
    void nist1000PointDataSet();
    void whitePhaseNoise();
    void whiteFrequencyNoise();
    void curveIsOctaves();
};

void TestStability::handComputed()
{
    // x = i^2: every second difference over m is 2 m^2.
    const std::vector<double> x{0, 1, 4, 9, 16};
    QCOMPARE(overlappingAdev(x, 1.0, 1), std::sqrt(2.0)); // 3 x 4 / (2 x 1 x 3)
    QCOMPARE(overlappingAdev(x, 1.0, 2), std::sqrt(8.0)); // 64 / (2 x 4 x 1)
    QCOMPARE(overlappingAdev(x, 2.0, 1), std::sqrt(2.0) / 2.0);
    QCOMPARE(timeDeviation(x, 1), std::sqrt(2.0 / 3.0)); // 3 x 4 / (6 x 1 x 3)
}

void TestStability::frequencyOffsetDoesNotCount()
{
    std::vector<double> x;
    for (int i = 0; i < 100; ++i)
        x.push_back(1e-3 + 2.5e-6 * i);
    QCOMPARE(overlappingAdev(x, 1.0, 4), 0.0);
    QVERIFY(timeDeviation(x, 4) < 1e-18);
}

void TestStability::tooShortIsNaN()
{
    const std::vector<double> x{0, 1, 2, 3, 4};
    QVERIFY(std::isnan(overlappingAdev(x, 1.0, 3)));
    QVERIFY(std::isnan(overlappingAdev(x, 1.0, 0)));
    QVERIFY(std::isnan(overlappingAdev(x, 0.0, 1)));
    QVERIFY(std::isnan(timeDeviation(x, 2)));
    QVERIFY(std::isnan(timeDeviation({}, 1)));
}

void TestStability::nist1000PointDataSet()
{
    std::vector<double> y;
    std::uint64_t n = 1234567890;
    for (int i = 0; i < 1000; ++i) {
        y.push_back(static_cast<double>(n) / 2147483647.0);
        n = (16807 * n) % 2147483647;
    }
    const std::vector<double> x = phaseFromFrequency(y, 1.0);
    // SP 1065's table, 7 significant digits.
    constexpr double kDigits = 1e-6;
    QVERIFY(near(overlappingAdev(x, 1.0, 1), 2.922319e-01, kDigits));
    QVERIFY(near(overlappingAdev(x, 1.0, 10), 9.159953e-02, kDigits));
    QVERIFY(near(overlappingAdev(x, 1.0, 100), 3.241343e-02, kDigits));
    QVERIFY(near(timeDeviation(x, 1), 1.687202e-01, kDigits));
    QVERIFY(near(timeDeviation(x, 10), 3.563623e-01, kDigits));
    QVERIFY(near(timeDeviation(x, 100), 1.253382, kDigits));
}

void TestStability::whitePhaseNoise()
{
    constexpr double sigma = 50e-9; // a PPS with 50 ns of jitter
    std::mt19937_64 random(kSeed);
    std::normal_distribution<double> noise(0.0, sigma);
    std::vector<double> x(kNoisePoints);
    for (double &v : x)
        v = noise(random);
    for (const std::size_t m : {1, 4, 16, 64, 256}) {
        const double tau = static_cast<double>(m);
        QVERIFY2(near(overlappingAdev(x, 1.0, m), std::sqrt(3.0) * sigma / tau, 0.05), qPrintable(QString::number(m)));
        QVERIFY2(near(timeDeviation(x, m), sigma / std::sqrt(tau), 0.10), qPrintable(QString::number(m)));
    }
}

void TestStability::whiteFrequencyNoise()
{
    constexpr double sigmaY = 1e-9;
    std::mt19937_64 random(kSeed + 1);
    std::normal_distribution<double> noise(0.0, sigmaY);
    std::vector<double> y(kNoisePoints);
    for (double &v : y)
        v = noise(random);
    const std::vector<double> x = phaseFromFrequency(y, 1.0);
    for (const std::size_t m : {1, 8, 64, 512})
        QVERIFY2(near(overlappingAdev(x, 1.0, m), sigmaY / std::sqrt(static_cast<double>(m)), 0.10),
                 qPrintable(QString::number(m)));
    // The slope over three decades of tau: -1/2.
    const double slope = std::log10(overlappingAdev(x, 1.0, 1000) / overlappingAdev(x, 1.0, 1)) / std::log10(1000.0);
    QVERIFY2(std::fabs(slope + 0.5) < 0.05, qPrintable(QString::number(slope)));
}

void TestStability::curveIsOctaves()
{
    const std::vector<double> x(100, 0.0);
    const std::vector<StabilityPoint> curve = stabilityCurve(x, 2.0);
    QCOMPARE(curve.size(), std::size_t{6}); // m = 1 .. 32 (3 x 32 <= 100)
    QCOMPARE(curve.front().tau, 2.0);
    QCOMPARE(curve.back().m, std::size_t{32});
    QCOMPARE(curve.back().terms, std::size_t{100 - 64});
    QCOMPARE(stabilityCurve(x, 2.0, 10.0).size(), std::size_t{3}); // tau 2, 4, 8
}

QTEST_GUILESS_MAIN(TestStability)
#include "tst_stability.moc"
