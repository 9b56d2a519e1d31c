// The offset range that round-trip delays allow (OffsetBounds.h): intervals carried along lines
// of a bounded frequency, checked against cases worked out by hand and against a known line.
#include "sources/OffsetBounds.h"

#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

using namespace s1;

namespace {

constexpr double kTolerance = 1e-9;

bool near(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance;
}

} // namespace

class TestOffsetBounds : public QObject
{
    Q_OBJECT

private slots:
    void newestIntervalAlone();
    void olderIntervalMovesWithFrequency();
    void intervalsPinTheFrequency();
    void disjointIntervalsGiveNothing();
    void knownLineStaysInside();
    void invalidInput();
};

void TestOffsetBounds::newestIntervalAlone()
{
    // Age 0 does not move with the frequency: the range is the interval itself.
    const std::vector<OffsetInterval> one = {{0.0, -2e-4, 3e-4}};
    const auto range = offsetRangeAt(one, -1e-3, 1e-3);
    QVERIFY(range);
    QVERIFY(near(range->lower, -2e-4, kTolerance));
    QVERIFY(near(range->upper, 3e-4, kTolerance));
    QCOMPARE(range->minFrequency, -1e-3);
    QCOMPARE(range->maxFrequency, 1e-3);
}

void TestOffsetBounds::olderIntervalMovesWithFrequency()
{
    // An exact offset of 0 100 s ago is worth 0 - f * 100 now: with f in [2e-3, 3e-3] that is
    // [-0.3, -0.2], inside the newest interval [-1, 1].
    const std::vector<OffsetInterval> intervals = {{100.0, 0.0, 0.0}, {0.0, -1.0, 1.0}};
    auto range = offsetRangeAt(intervals, 2e-3, 3e-3);
    QVERIFY(range);
    QVERIFY(near(range->lower, -0.3, kTolerance));
    QVERIFY(near(range->upper, -0.2, kTolerance));

    // With f in [-0.02, 0.02] the older interval alone would allow [-2, 2]; the newest cuts
    // it to [-1, 1], and so the frequencies to [-0.01, 0.01].
    range = offsetRangeAt(intervals, -0.02, 0.02);
    QVERIFY(range);
    QVERIFY(near(range->lower, -1.0, kTolerance));
    QVERIFY(near(range->upper, 1.0, kTolerance));
    QVERIFY(near(range->minFrequency, -0.01, 1e-9));
    QVERIFY(near(range->maxFrequency, 0.01, 1e-9));
}

void TestOffsetBounds::intervalsPinTheFrequency()
{
    // 1 s 100 s ago and 0 now, each to within a nanosecond: only f = 0.01 +- 2e-11 joins them.
    constexpr double kHalfWidth = 1e-9;
    const std::vector<OffsetInterval> intervals = {{100.0, 1.0 - kHalfWidth, 1.0 + kHalfWidth},
                                                   {0.0, -kHalfWidth, kHalfWidth}};
    const auto range = offsetRangeAt(intervals, 0.0, 0.02);
    QVERIFY(range);
    QVERIFY(near(range->lower, -kHalfWidth, 1e-12));
    QVERIFY(near(range->upper, kHalfWidth, 1e-12));
    QVERIFY(near(range->minFrequency, 0.01 - 2e-11, 1e-13));
    QVERIFY(near(range->maxFrequency, 0.01 + 2e-11, 1e-13));
    // A frequency range that excludes 0.01 leaves nothing.
    QVERIFY(!offsetRangeAt(intervals, 0.0, 0.005));
}

void TestOffsetBounds::disjointIntervalsGiveNothing()
{
    const std::vector<OffsetInterval> intervals = {{0.0, 0.0, 1e-4}, {0.0, 2e-4, 3e-4}};
    QVERIFY(!offsetRangeAt(intervals, -1.0, 1.0));
}

void TestOffsetBounds::knownLineStaysInside()
{
    // Samples of the line offset(t) = 1e-3 - 5e-6 t, each known only to within its own
    // half-width; the truth now must be inside the range, which is narrower than the widest
    // and no wider than the narrowest interval.
    constexpr double kOffsetNow = 1e-3;
    constexpr double kFrequency = 5e-6;
    std::mt19937_64 engine(3);
    std::vector<OffsetInterval> intervals;
    double narrowest = 1;
    for (int i = 0; i < 64; ++i) {
        const double age = 16.0 * i;
        const double truth = kOffsetNow + kFrequency * age; // going back in time
        const double halfWidth = 1e-6 + 1e-4 * static_cast<double>(engine() % 1000) / 1000.0;
        const double position = static_cast<double>(engine() % 1001) / 1000.0; // where the truth sits
        const double lower = truth - 2 * halfWidth * position;
        intervals.push_back({age, lower, lower + 2 * halfWidth});
        narrowest = std::min(narrowest, 2 * halfWidth);
    }
    const auto range = offsetRangeAt(intervals, kFrequency - 1e-7, kFrequency + 1e-7);
    QVERIFY(range);
    QVERIFY2(range->lower <= kOffsetNow + kTolerance && kOffsetNow <= range->upper + kTolerance,
             qPrintable(QStringLiteral("[%1, %2]").arg(range->lower).arg(range->upper)));
    QVERIFY(range->upper - range->lower <= narrowest + 2 * 1e-7 * 16 * 63);
    QVERIFY(range->minFrequency <= kFrequency && kFrequency <= range->maxFrequency);
}

void TestOffsetBounds::invalidInput()
{
    QVERIFY(!offsetRangeAt({}, -1.0, 1.0));
    const std::vector<OffsetInterval> one = {{0.0, 0.0, 1.0}};
    QVERIFY(!offsetRangeAt(one, 1.0, -1.0));
}

QTEST_APPLESS_MAIN(TestOffsetBounds)
#include "tst_offsetbounds.moc"
