// chrony's sample tests A, B and C (SampleTests), the maxdelayquant estimator (DelayQuantile)
// and the poll-spanning sample filter (PollSampleFilter) on their own: each test passing and
// failing at its limit, chrony's defaults and clamps, the quantile estimate converging on the
// right fraction, and which samples the filter hands on after how many polls.
#include "sources/DelayQuantile.h"
#include "sources/PollSampleFilter.h"
#include "sources/SampleTests.h"

#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using namespace s1;
using namespace std::chrono_literals;

namespace {

const RealTime kStart = realTimeFromNanos(1'760'000'000LL * kNanosPerSecond);
constexpr double kPrecision = 2 * 0x1p-20; // s: ours plus the server's
constexpr std::uint64_t kSeed = 7;

SampleTestInput measurement(double offset, double delay, double dispersion = 1e-6)
{
    SampleTestInput s;
    s.offset = offset;
    s.delay = delay;
    s.dispersion = dispersion;
    s.precision = kPrecision;
    s.responseTime = 1e-5;
    return s;
}

// Statistics that predict an offset of 1 ms with a 10 us spread over a 1 ms minimum delay,
// their last sample 16 s before the new one, 1 ppm skew.
DelayTestData history()
{
    DelayTestData d;
    d.lastSampleAgo = 16.0;
    d.predictedOffset = 1e-3;
    d.minDelay = 1e-3;
    d.skew = 1e-6;
    d.stdDev = 1e-5;
    return d;
}

// How far the limits of tests B and C grow over history()'s 16 s: (skew + maxclockerror) * age.
constexpr double kHistoryDrift = 16.0 * (1e-6 + SampleTestConfig::kDefaultMaxClockError);

StatSample statSample(int second, double offset, double dispersion = 1e-6)
{
    StatSample s;
    s.time = kStart + std::chrono::seconds(second);
    s.offset = offset;
    s.peerDelay = 1e-3;
    s.peerDispersion = dispersion;
    s.rootDelay = 1e-3;
    s.rootDispersion = dispersion;
    s.stratum = 1;
    return s;
}

} // namespace

class TestSampleTests : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreChronys();
    void optionsAreClampedToChronysLimits();
    void testAChecksMaxDelayPrecisionAndResponseTime();
    void testBIsOffByDefaultAndLimitsTheDelayRatio();
    void testCLimitsExtraDelayAgainstTheSpread();
    void testCKeepsSamplesThatShowTheClockMoved();
    void testsPassWithoutHistory();
    void runSampleTestsUsesTheQuantileInsteadOfTheDevRatio();
    void delayQuantileStartsAtTheFirstDelay();
    void delayQuantileConvergesOnTheConfiguredFraction();
    void delayQuantileClampsItsParameters();
    void filterHandsOnOneSampleAfterNPolls();
    void filterCountsPollsWithoutSamples();
    void filterWithNoSampleWaitsForTheNextOne();
    void filterOfOneIsTransparent();
};

void TestSampleTests::defaultsAreChronys()
{
    const SampleTestConfig c = SampleTestConfig::fromSource(SourceConfig{});
    QCOMPARE(c.maxDelay, 3.0);
    QCOMPARE(c.maxDelayRatio, 0.0);
    QCOMPARE(c.maxDelayDevRatio, 10.0);
    QCOMPARE(c.maxClockError, 1e-6);

    // With the defaults: a 2.9 s round trip passes A, test B is off however large the ratio,
    // and C is on.
    const auto r = runSampleTests(c, measurement(1e-3, 2.9), history());
    QVERIFY(r.testA);
    QVERIFY(r.testB);
    QVERIFY(!r.testC); // 1.45 s of extra delay is far beyond 10 standard deviations
    QVERIFY(!r.passed());
    QVERIFY(!runSampleTests(c, measurement(1e-3, 3.1, 1e-6), std::nullopt).testA);
}

void TestSampleTests::optionsAreClampedToChronysLimits()
{
    SourceConfig source;
    source.maxDelay = 1e9;
    source.maxDelayRatio = -5;
    source.maxDelayDevRatio = std::numeric_limits<double>::quiet_NaN();
    const SampleTestConfig c = SampleTestConfig::fromSource(source);
    QCOMPARE(c.maxDelay, SampleTestConfig::kMaxMaxDelay);
    QCOMPARE(c.maxDelayRatio, 0.0);
    QCOMPARE(c.maxDelayDevRatio, kDefaultMaxDelayDevRatio); // NaN: the default, not "never fail"
}

void TestSampleTests::testAChecksMaxDelayPrecisionAndResponseTime()
{
    constexpr double kMaxDelay = 0.01;
    // The delay less its dispersion is what must fit: 10.5 ms with 1 ms of dispersion passes.
    QVERIFY(passesMaxDelay(measurement(0, 0.0105, 1e-3), kMaxDelay));
    QVERIFY(!passesMaxDelay(measurement(0, 0.0115, 1e-3), kMaxDelay));
    QVERIFY(passesMaxDelay(measurement(0, kMaxDelay, 0), kMaxDelay));

    SampleTestInput coarse = measurement(0, 1e-3);
    coarse.precision = 0.02; // clocks too coarse for the limit
    QVERIFY(!passesMaxDelay(coarse, kMaxDelay));

    SampleTestInput slow = measurement(0, 1e-3);
    slow.responseTime = kMaxServerResponseTime + 0.5;
    QVERIFY(!passesMaxDelay(slow, kMaxDelay));
    slow.responseTime = kMaxServerResponseTime;
    QVERIFY(passesMaxDelay(slow, kMaxDelay));
}

void TestSampleTests::testBIsOffByDefaultAndLimitsTheDelayRatio()
{
    constexpr double kMaxClockError = SampleTestConfig::kDefaultMaxClockError;
    // Off: ratio 0 and any ratio below 1.
    QVERIFY(passesMaxDelayRatio(1.0, history(), 0.0, kMaxClockError));
    QVERIFY(passesMaxDelayRatio(1.0, history(), 0.99, kMaxClockError));

    // Ratio 2 of a 1 ms minimum, plus the drift over 16 s.
    const double limit = 2 * 1e-3 + kHistoryDrift;
    QVERIFY(passesMaxDelayRatio(limit - 1e-9, history(), 2.0, kMaxClockError));
    QVERIFY(!passesMaxDelayRatio(limit + 1e-9, history(), 2.0, kMaxClockError));

    SampleTestConfig c;
    c.maxDelayRatio = 2.0;
    QVERIFY(!runSampleTests(c, measurement(1e-3, limit + 1e-6), history()).testB);
}

void TestSampleTests::testCLimitsExtraDelayAgainstTheSpread()
{
    constexpr double kRatio = 10.0;
    constexpr double kMaxClockError = SampleTestConfig::kDefaultMaxClockError;
    // Allowed extra one-way delay: 10 x 10 us + drift; the delay may exceed the minimum by twice that.
    const double allowed = kRatio * 1e-5 + kHistoryDrift;
    const double edge = 1e-3 + 2 * allowed;
    // An offset on the prediction: only the delay decides.
    QVERIFY(passesMaxDelayDevRatio(1e-3, edge - 1e-9, history(), kRatio, kMaxClockError));
    QVERIFY(!passesMaxDelayDevRatio(1e-3, edge + 1e-9, history(), kRatio, kMaxClockError));
    // A larger ratio lets it through.
    QVERIFY(passesMaxDelayDevRatio(1e-3, edge + 1e-9, history(), 2 * kRatio, kMaxClockError));
}

void TestSampleTests::testCKeepsSamplesThatShowTheClockMoved()
{
    constexpr double kRatio = 10.0;
    constexpr double kMaxClockError = SampleTestConfig::kDefaultMaxClockError;
    const double allowed = kRatio * 1e-5 + kHistoryDrift;
    const double delay = 1e-3 + 2 * (allowed + 1e-4); // 100 us too much extra delay
    const double extra = (delay - 1e-3) / 2;
    // The offset misses the prediction by more than the extra delay plus the allowance: the
    // delay cannot explain it, so the sample carries news and is kept. In both directions.
    const double miss = extra + allowed + 1e-6;
    QVERIFY(passesMaxDelayDevRatio(1e-3 + miss, delay, history(), kRatio, kMaxClockError));
    QVERIFY(passesMaxDelayDevRatio(1e-3 - miss, delay, history(), kRatio, kMaxClockError));
    // A miss the delay can explain does not save it.
    QVERIFY(!passesMaxDelayDevRatio(1e-3 + extra, delay, history(), kRatio, kMaxClockError));
}

void TestSampleTests::testsPassWithoutHistory()
{
    // Fewer samples than the delay tests need: B and C pass, A still applies.
    SampleTestConfig c;
    c.maxDelayRatio = 1.5;
    c.maxDelay = 0.5;
    const auto r = runSampleTests(c, measurement(5.0, 0.4), std::nullopt);
    QVERIFY(r.testA && r.testB && r.testC);
    QVERIFY(!runSampleTests(c, measurement(5.0, 0.6), std::nullopt).testA);
}

void TestSampleTests::runSampleTestsUsesTheQuantileInsteadOfTheDevRatio()
{
    const SampleTestConfig c;
    const DelayQuantileCheck quantile{2e-3, 1e-6};
    // 1.9 ms is far beyond 10 standard deviations of extra delay, but within the quantile.
    QVERIFY(!runSampleTests(c, measurement(1e-3, 1.9e-3), history()).testC);
    QVERIFY(runSampleTests(c, measurement(1e-3, 1.9e-3), history(), quantile).testC);
    // Above the quantile (by more than half a step) it fails, even without history.
    QVERIFY(!runSampleTests(c, measurement(1e-3, 2.1e-3), std::nullopt, quantile).testC);
    QVERIFY(passesDelayQuantile(2e-3 + 0.4e-6, 2e-3, 1e-6));
    QVERIFY(!passesDelayQuantile(2e-3 + 0.6e-6, 2e-3, 1e-6));
}

void TestSampleTests::delayQuantileStartsAtTheFirstDelay()
{
    DelayQuantile q(0.2, 1e-7, kSeed);
    QCOMPARE(q.estimate(), 0.0); // so the first sample fails, as in chrony
    q.accumulate(5e-3);
    QCOMPARE(q.estimate(), 5e-3);
    q.accumulate(std::numeric_limits<double>::quiet_NaN()); // ignored
    QCOMPARE(q.estimate(), 5e-3);
    q.reset();
    QCOMPARE(q.estimate(), 0.0);
}

void TestSampleTests::delayQuantileConvergesOnTheConfiguredFraction()
{
    // Delays of 1 ms plus an exponential tail with a 1 ms mean, so the fraction of delays at
    // or below d is 1 - exp(-(d - 1 ms) / 1 ms). maxdelayquant is meant for low quantiles (the
    // shortest delays); there the estimate must split the delays in about the right fraction.
    // Frugal-2U is a coarse estimator (it moves up only with probability p), so the tolerance
    // is on that fraction, not on the delay.
    constexpr double kBase = 1e-3;
    constexpr double kMeanExtra = 1e-3;
    constexpr double kMinStep = 1e-7; // half of a 0.2 us clock precision
    constexpr int kDelays = 20'000;
    constexpr double kFractionTolerance = 0.08;
    const auto estimateFor = [&](double p) {
        DelayQuantile q(p, kMinStep, kSeed);
        std::mt19937_64 random(kSeed + 1);
        std::exponential_distribution<double> extra(1.0 / kMeanExtra);
        for (int i = 0; i < kDelays; ++i)
            q.accumulate(kBase + extra(random));
        return q.estimate();
    };
    double previous = kBase;
    for (const double p : {0.1, 0.2, 0.3}) {
        const double estimate = estimateFor(p);
        const double fractionBelow = 1 - std::exp(-(estimate - kBase) / kMeanExtra);
        QVERIFY2(
            std::abs(fractionBelow - p) < kFractionTolerance,
            qPrintable(
                QString("p %1: estimate %2 s has %3 of the delays below it").arg(p).arg(estimate).arg(fractionBelow)));
        QVERIFY(estimate > previous); // a higher quantile is a longer delay
        previous = estimate;
    }
    QVERIFY(estimateFor(0.9) > previous);
}

void TestSampleTests::delayQuantileClampsItsParameters()
{
    QCOMPARE(DelayQuantile(0.001, 1e-7, kSeed).quantile(), DelayQuantile::kMinQuantile);
    QCOMPARE(DelayQuantile(2.0, 1e-7, kSeed).quantile(), DelayQuantile::kMaxQuantile);
    QCOMPARE(DelayQuantile(0.123, 1e-7, kSeed).quantile(), 0.12); // k/100
    QVERIFY(DelayQuantile(0.5, -1.0, kSeed).minStep() > 0);
    QVERIFY(DelayQuantile(std::numeric_limits<double>::quiet_NaN(), 1e-7, kSeed).quantile() > 0);
}

void TestSampleTests::filterHandsOnOneSampleAfterNPolls()
{
    PollSampleFilter filter(3);
    QVERIFY(!filter.addSample(statSample(0, 5e-3)));
    QVERIFY(!filter.addSample(statSample(16, -9e-3)));
    QCOMPARE(filter.pollsCounted(), 2);
    const auto out = filter.addSample(statSample(32, 1e-3));
    QVERIFY(out.has_value());
    // Equal round trips weigh alike: the mean.
    QVERIFY(std::abs(out->offset - -1e-3) < 1e-15);
    QCOMPARE(out->time, kStart + 16s);
    QCOMPARE(filter.pollsCounted(), 0);
    QCOMPARE(filter.samplesHeld(), 0);
    // And again from empty.
    QVERIFY(!filter.addSample(statSample(48, 0)));
}

void TestSampleTests::filterCountsPollsWithoutSamples()
{
    PollSampleFilter filter(4);
    QVERIFY(!filter.addSample(statSample(0, 2e-3)));
    QVERIFY(!filter.addMissing());
    QVERIFY(!filter.addSample(statSample(32, 4e-3)));
    // The fourth poll ends the span with two samples: their average.
    const auto out = filter.addMissing();
    QVERIFY(out.has_value());
    QCOMPARE(out->offset, 3e-3);
    QCOMPARE(out->time, kStart + 16s);
}

void TestSampleTests::filterWithNoSampleWaitsForTheNextOne()
{
    PollSampleFilter filter(2);
    QVERIFY(!filter.addMissing());
    QVERIFY(!filter.addMissing()); // a span without samples gives nothing
    QVERIFY(!filter.addMissing());
    const auto out = filter.addSample(statSample(48, 7e-3)); // comes out on its own
    QVERIFY(out.has_value());
    QCOMPARE(out->offset, 7e-3);
    QCOMPARE(filter.pollsCounted(), 0);
}

void TestSampleTests::filterOfOneIsTransparent()
{
    PollSampleFilter filter(0); // clamped to 1
    QCOMPARE(filter.polls(), 1);
    const StatSample s = statSample(3, -2e-3);
    const auto out = filter.addSample(s);
    QVERIFY(out.has_value());
    QCOMPARE(*out, s);
    QCOMPARE(PollSampleFilter(1'000'000).polls(), PollSampleFilter::kMaxLength);
}

QTEST_APPLESS_MAIN(TestSampleTests)
#include "tst_sampletests.moc"
