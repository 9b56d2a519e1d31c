// Per-source statistics (SourceStatistics) and the `filter` sample filter (PollSampleFilter).
//
// Samples come from simulated sources whose true offset is a known function of time, with
// either alternating scatter (which makes every residual its own run, so the runs test never
// trims) or Gaussian noise from a seeded, fully specified generator. Expected values are
// derived from those parameters or computed independently from the sample data, never read
// back from the code under test.
#include "sources/PollSampleFilter.h"
#include "sources/SourceStatistics.h"

#include <QtTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

using namespace s1;

namespace {

// An arbitrary present-day start with a sub-second part, so no sample time is round.
const RealTime kStart = realTimeFromNanos(1'760'000'000'250'000'000);

constexpr double kPeerDelay = 1e-3;         // s
constexpr double kPeerDispersion = 2e-6;    // s
constexpr double kUpstreamRootDelay = 4e-3; // s, the source's own root delay
constexpr double kUpstreamRootDisp = 1e-4;  // s, the source's own root dispersion
constexpr int kStratum = 2;

RealTime at(double seconds)
{
    return kStart + fromSeconds(seconds);
}

StatSample makeSample(double time, double offset, double peerDelay = kPeerDelay,
                      double peerDispersion = kPeerDispersion)
{
    StatSample s;
    s.time = at(time);
    s.offset = offset;
    s.peerDelay = peerDelay;
    s.peerDispersion = peerDispersion;
    s.rootDelay = kUpstreamRootDelay + peerDelay;
    s.rootDispersion = kUpstreamRootDisp + peerDispersion;
    s.stratum = kStratum;
    s.leap = LeapIndicator::None;
    return s;
}

void feed(SourceStatistics &stats, const StatSample &sample)
{
    stats.accumulate(sample);
    stats.regress();
}

// Alternating scatter: +a, -a, +a, ...
double alternating(int i, double amplitude)
{
    return i % 2 ? amplitude : -amplitude;
}

// Standard normal deviates by Box–Muller over mt19937_64, whose output the standard fixes
// (std::normal_distribution's algorithm is left to the library), so runs reproduce anywhere.
class Gaussian
{
public:
    explicit Gaussian(std::uint64_t seed)
        : m_engine(seed)
    { }
    double next()
    {
        const double u1 = uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }
    // In (0, 1): 53 random bits, offset by half a step so that 0 never comes out.
    double uniform() { return (static_cast<double>(m_engine() >> 11) + 0.5) * 0x1p-53; }

private:
    std::mt19937_64 m_engine;
};

bool near(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance;
}

QString describe(double actual, double expected)
{
    return QStringLiteral("actual %1 expected %2").arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17);
}

// The standard error of a least-squares slope through n equally spaced points, interval
// apart, with independent noise sigma: sigma / sqrt(sum (x - mean)^2).
double slopeStandardError(int n, double interval, double sigma)
{
    const double count = n;
    return sigma / (interval * std::sqrt(count * (count * count - 1) / 12.0));
}

} // namespace

class TestSourceStatistics : public QObject
{
    Q_OBJECT

private slots:
    void initialState();
    void frequencySignAndOffset();
    void twoSampleFrequencyFlagged();
    void historyBoundedByMaxSamples();
    void minSamplesRespected();
    void outOfOrderSampleDiscardsHistory();
    void alternatingResidualsKeepEverySample();
    void frequencyChangeDropsOldSamples();
    void noiseCalibration();
    void clockCorrectionMatchesCorrectedSamples();
    void stepMatchesSteppedSamples();
    void shortDelaySamplesDominate();
    void referenceClockSamplesWeighEqually();
    void asymmetryEstimatedAndCorrected();
    void clearAsymmetryUsedEarly();
    void delaysBoundTheOffset();
    void delayWeightingLeansOnQuickReplies();
    void driftingFrequencyShortensTheMemory();
    void uncertainFrequencyFallsBack();
    void selectionData();
    void trackingData();
    void sourcestatsReport();
    void lastSampleReport();
    void addDispersion();
    void minDelayConfigured();

    void pollFilterIgnoresTheRawClockDrift();
    void pollFilterWeighsTheQuickRepliesMore();
    void pollFilterDispersionIsSteadyAcrossSpans();

private:
    // Feeds `count` samples of offset(t) + noise, `interval` apart from t = `first`.
    static void feedSeries(SourceStatistics &stats, int count, double interval, double first,
                           const std::function<double(double)> &offset, const std::function<double(int)> &noise);
};

void TestSourceStatistics::feedSeries(SourceStatistics &stats, int count, double interval, double first,
                                      const std::function<double(double)> &offset,
                                      const std::function<double(int)> &noise)
{
    for (int i = 0; i < count; ++i) {
        const double t = first + interval * i;
        feed(stats, makeSample(t, offset(t) + noise(i)));
    }
}

void TestSourceStatistics::initialState()
{
    SourceStatistics stats;
    QCOMPARE(stats.samples(), 0);
    QCOMPARE(stats.runs(), 0);
    QVERIFY(!stats.regressionValid());
    QCOMPARE(stats.skew(), SourceStatistics::kWorstCaseFrequency);
    QCOMPARE(stats.frequency(), 0.0);
    QCOMPARE(stats.stdDev(), SourceStatistics::kInitialStdDev);
    QCOMPARE(stats.predictOffset(at(10)), 0.0);
    QVERIFY(std::isinf(stats.minRoundTripDelay()));
    QVERIFY(!stats.selectionData(at(0)));
    QVERIFY(!stats.trackingData(at(0)));
    QVERIFY(!stats.lastSampleReport(at(0)));
    QVERIFY(!stats.delayTestData(at(0)));
    const SourcestatsReport r = stats.sourcestatsReport(at(0));
    QCOMPARE(r.samples, 0);
    QCOMPARE(r.span, 0.0);
    QCOMPARE(r.offset, 0.0);
    stats.regress(); // nothing to do, nothing to break
    QCOMPARE(stats.samples(), 0);
}

void TestSourceStatistics::twoSampleFrequencyFlagged()
{
    // The line through the first two samples is a first guess the clock discipline must not
    // keep as a prior; from the third sample on the frequency is a regression's.
    SourceStatistics stats;
    feed(stats, makeSample(0, 0));
    QVERIFY(!stats.twoSampleFrequency()); // one sample: no frequency at all
    feed(stats, makeSample(64, -64e-6));
    QVERIFY(stats.twoSampleFrequency());
    QVERIFY(std::abs(stats.frequency() - 1e-6) < 1e-12);
    feed(stats, makeSample(128, -128e-6));
    QVERIFY(!stats.twoSampleFrequency());
    QVERIFY(stats.regressionValid());
}

void TestSourceStatistics::frequencySignAndOffset()
{
    // The source gains 1 us per second on us: our clock runs 1 ppm slow relative to it.
    constexpr double kInitialOffset = 2.5e-3; // s
    constexpr double kGain = 1e-6;            // s/s
    constexpr double kInterval = 64;          // s
    constexpr double kScatter = 1e-7;         // s
    const auto truth = [](double t) { return kInitialOffset + kGain * t; };
    SourceStatistics stats;
    feedSeries(stats, 20, kInterval, 0, truth, [](int i) { return alternating(i, kScatter); });

    const double newest = 19 * kInterval;
    QCOMPARE(stats.samples(), 20);
    QCOMPARE(stats.runs(), 20);
    QVERIFY(stats.regressionValid());
    QVERIFY2(near(stats.frequency(), -kGain, 1e-9), qPrintable(describe(stats.frequency(), -kGain)));
    QVERIFY(near(stats.frequencyPpm(), -1.0, 1e-3));
    QCOMPARE(stats.referenceTime(), at(newest));
    QVERIFY2(near(stats.offset(), truth(newest), kScatter), qPrintable(describe(stats.offset(), truth(newest))));
    // Forward in time the offset keeps growing: offset(t) = offset(t0) - frequency (t - t0).
    QVERIFY(near(stats.offsetAt(at(newest + 1000)), truth(newest + 1000), 2 * kScatter));
    QVERIFY(near(stats.predictOffset(at(newest + 1000)), stats.offsetAt(at(newest + 1000)), 1e-15));
    QVERIFY(near(stats.span(), newest, 1e-9));
    const auto [low, high] = stats.frequencyRange();
    QVERIFY(near(low, stats.frequency() - stats.skew(), 1e-18));
    QVERIFY(near(high, stats.frequency() + stats.skew(), 1e-18));
    QVERIFY(low < -kGain && -kGain < high);
}

void TestSourceStatistics::historyBoundedByMaxSamples()
{
    const auto line = [](double t) { return 1e-3 + 3e-6 * t; };
    const auto scatter = [](int i) { return alternating(i, 2e-6); };

    constexpr int kFed = SourceStatistics::kMaxSamples + 36;
    constexpr double kSpan = (SourceStatistics::kMaxSamples - 1) * 16.0;
    SourceStatistics unlimited;
    feedSeries(unlimited, kFed, 16, 0, line, scatter);
    QCOMPARE(unlimited.samples(), SourceStatistics::kMaxSamples);
    QCOMPARE(unlimited.runs(), SourceStatistics::kMaxSamples);
    // The oldest were dropped: the regression spans the newest kMaxSamples.
    QVERIFY(near(unlimited.span(), kSpan, 1e-9));
    QCOMPARE(unlimited.selectionData(at((kFed - 1) * 16))->firstSampleAgo, kSpan);

    SourceStatisticsConfig ten;
    ten.maxSamples = 10;
    SourceStatistics limited(ten);
    for (int i = 0; i < 30; ++i) {
        feed(limited, makeSample(16.0 * i, line(16.0 * i) + scatter(i)));
        QCOMPARE(limited.samples(), std::min(i + 1, 10));
    }

    SourceStatisticsConfig huge;
    huge.maxSamples = 1000;
    SourceStatistics capped(huge);
    feedSeries(capped, kFed, 16, 0, line, scatter);
    QCOMPARE(capped.samples(), SourceStatistics::kMaxSamples);
}

void TestSourceStatistics::minSamplesRespected()
{
    // Offsets on a parabola (a steadily changing frequency): no straight line fits for long,
    // so the runs test trims as far as it may.
    const auto parabola = [](double t) { return 1e-3 + 1e-9 * (t - 500) * (t - 500); };
    const auto none = [](int) { return 0.0; };

    SourceStatistics byDefault;
    feedSeries(byDefault, 40, 16, 0, parabola, none);
    QCOMPARE(byDefault.samples(), SourceStatisticsConfig::kDefaultMinSamples);

    SourceStatisticsConfig twelve;
    twelve.minSamples = 12;
    SourceStatistics stats(twelve);
    for (int i = 0; i < 40; ++i) {
        feed(stats, makeSample(16.0 * i, parabola(16.0 * i)));
        // Never fewer than minsamples once there were that many, and nothing dropped before.
        QVERIFY2(stats.samples() >= std::min(i + 1, 12), qPrintable(QString::number(stats.samples())));
    }
    QCOMPARE(stats.samples(), 12);
}

void TestSourceStatistics::outOfOrderSampleDiscardsHistory()
{
    SourceStatistics stats;
    feedSeries(
        stats, 10, 16, 100, [](double) { return 1e-3; }, [](int i) { return alternating(i, 1e-6); });
    QCOMPARE(stats.samples(), 10);
    feed(stats, makeSample(50, 2e-3)); // older than everything held: the clock went back
    QCOMPARE(stats.samples(), 1);
    // One sample: an offset-only estimate, its frequency unknown (worst case).
    QCOMPARE(stats.skew(), SourceStatistics::kWorstCaseFrequency);
    QCOMPARE(stats.lastSampleReport(at(60))->offset, 2e-3);
    feed(stats, makeSample(50, 2e-3)); // the same time again is not newer either
    QCOMPARE(stats.samples(), 1);
}

void TestSourceStatistics::alternatingResidualsKeepEverySample()
{
    SourceStatistics stats;
    for (int i = 0; i < 64; ++i) {
        feed(stats, makeSample(16.0 * i, -4e-6 * 16.0 * i + alternating(i, 1e-6)));
        QCOMPARE(stats.samples(), i + 1);
        if (i >= 2)
            QCOMPARE(stats.runs(), i + 1);
    }
}

void TestSourceStatistics::frequencyChangeDropsOldSamples()
{
    // The source gains 5 ppm on us for 64 samples, then loses 5 ppm: our clock's frequency
    // relative to it goes from -5 ppm to +5 ppm.
    constexpr double kInterval = 16; // s
    constexpr double kSigma = 1e-6;  // s
    constexpr int kBefore = 64;
    constexpr int kAfter = 32;
    constexpr double kRate = 5e-6; // s/s
    const double bend = kInterval * kBefore;
    const auto truth = [&](double t) { return t < bend ? kRate * t : kRate * bend - kRate * (t - bend); };
    Gaussian noise(7);
    SourceStatistics stats;
    for (int i = 0; i < kBefore; ++i)
        feed(stats, makeSample(kInterval * i, truth(kInterval * i) + kSigma * noise.next()));
    QVERIFY2(stats.samples() >= 48, qPrintable(QString::number(stats.samples())));
    QVERIFY(near(stats.frequency(), -kRate, 0.02e-6));

    int peak = 0;
    for (int i = kBefore; i < kBefore + kAfter; ++i) {
        feed(stats, makeSample(kInterval * i, truth(kInterval * i) + kSigma * noise.next()));
        peak = std::max(peak, stats.samples());
    }
    // The old samples went: what is left is (almost) all from after the change ...
    QVERIFY2(stats.samples() <= kAfter + 2, qPrintable(QString::number(stats.samples())));
    QVERIFY2(stats.samples() >= kAfter / 2, qPrintable(QString::number(stats.samples())));
    // ... and the frequency follows the new slope, within the reported bound.
    QVERIFY2(near(stats.frequency(), kRate, std::max(stats.skew(), 0.02e-6)),
             qPrintable(describe(stats.frequency(), kRate)));
    QVERIFY(near(stats.offsetAt(at(kInterval * (kBefore + kAfter - 1))), truth(kInterval * (kBefore + kAfter - 1)),
                 3 * kSigma));
}

void TestSourceStatistics::noiseCalibration()
{
    // 200 sources with Gaussian noise of known sigma; after 64 samples the standard deviation
    // must estimate sigma and the skew must bound the frequency error as a confidence bound
    // should: the frequency's reported standard error must be honest, not just large.
    constexpr int kTrials = 200;
    constexpr int kSamples = 64;
    constexpr double kInterval = 64;  // s
    constexpr double kSigma = 50e-6;  // s
    constexpr double kGain = 12.5e-6; // s/s: the source gains on us
    constexpr double kOffset = -3e-3; // s
    const double t975 = studentTQuantile(0.975, kSamples - 2);

    int stdDevWithin20 = 0;
    int withinSkew = 0;
    int within95 = 0;
    int sdRatioWithin25 = 0;
    bool firstTrialStdDevOk = false;
    for (int trial = 0; trial < kTrials; ++trial) {
        Gaussian noise(1000 + static_cast<std::uint64_t>(trial));
        SourceStatistics stats;
        feedSeries(
            stats, kSamples, kInterval, 0, [](double t) { return kOffset + kGain * t; },
            [&](int) { return kSigma * noise.next(); });

        const bool stdDevOk = std::abs(stats.stdDev() / kSigma - 1) <= 0.2;
        stdDevWithin20 += stdDevOk;
        if (trial == 0)
            firstTrialStdDevOk = stdDevOk;
        const double error = std::abs(stats.frequency() - -kGain);
        withinSkew += error <= stats.skew();
        within95 += error <= t975 * stats.frequencySd();
        const double expectedSd = slopeStandardError(stats.samples(), kInterval, kSigma);
        sdRatioWithin25 += std::abs(stats.frequencySd() / expectedSd - 1) <= 0.25;
    }
    qInfo("std dev within 20%%: %d, |freq error| <= skew: %d, within 95%% interval: %d, "
          "freq sd within 25%% of theory: %d (of %d)",
          stdDevWithin20, withinSkew, within95, sdRatioWithin25, kTrials);
    QVERIFY(firstTrialStdDevOk);
    QVERIFY(stdDevWithin20 >= kTrials * 9 / 10);
    QVERIFY(withinSkew >= kTrials * 9 / 10);
    // A 95 % interval from the reported standard error covers about 95 %: neither optimistic
    // nor padded (binomial spread over 200 trials is 1.5 %).
    QVERIFY2(within95 >= kTrials * 88 / 100 && within95 <= kTrials * 995 / 1000, qPrintable(QString::number(within95)));
    QVERIFY(sdRatioWithin25 >= kTrials * 9 / 10);
}

void TestSourceStatistics::clockCorrectionMatchesCorrectedSamples()
{
    // Statistics fed on the old clock and then corrected must equal statistics fed the same
    // measurements as the corrected clock would have made them.
    constexpr double kInterval = 32; // s
    constexpr int kSamples = 40;
    constexpr double kOffsetChange = 1.5e-3;     // s added to the clock
    constexpr double kFrequencyChange = -2.5e-6; // s/s
    const RealTime when = at(kInterval * kSamples + 20);
    const auto truth = [](double t) { return 2e-3 + 3e-6 * t; };
    std::vector<double> noise;
    noise.reserve(kSamples + 10);
    Gaussian gaussian(99);
    for (int i = 0; i < kSamples + 10; ++i)
        noise.push_back(2e-6 * gaussian.next());

    // The correction as a map of clock readings: d(t) added to the reading, lost by the offset.
    const auto shift = [&](RealTime t) { return kOffsetChange + kFrequencyChange * toSeconds(t - when); };
    const auto corrected = [&](StatSample s) {
        const double d = shift(s.time);
        s.time += fromSeconds(d);
        s.offset -= d;
        return s;
    };

    SourceStatistics slewed;
    SourceStatistics direct;
    for (int i = 0; i < kSamples; ++i) {
        const StatSample s = makeSample(kInterval * i, truth(kInterval * i) + noise[static_cast<std::size_t>(i)]);
        feed(slewed, s);
        feed(direct, corrected(s));
    }
    const double frequencyBefore = slewed.frequency();
    slewed.applyClockCorrection(when, kOffsetChange, kFrequencyChange);

    const auto compare = [&](const char *stage) {
        QVERIFY2(slewed.samples() == direct.samples(), stage);
        QVERIFY2(slewed.runs() == direct.runs(), stage);
        QVERIFY2(near(slewed.frequency(), direct.frequency(), 1e-12),
                 qPrintable(QString(stage) + describe(slewed.frequency(), direct.frequency())));
        QVERIFY2(std::abs(slewed.skew() / direct.skew() - 1) < 1e-4, stage);
        QVERIFY2(std::abs(slewed.stdDev() / direct.stdDev() - 1) < 1e-6, stage);
        QVERIFY2(std::chrono::abs(slewed.referenceTime() - direct.referenceTime()) <= Nanoseconds(1), stage);
        const RealTime later = at(kInterval * (kSamples + 20));
        QVERIFY2(near(slewed.offsetAt(later), direct.offsetAt(later), 1e-10),
                 qPrintable(QString(stage) + describe(slewed.offsetAt(later), direct.offsetAt(later))));
        const auto a = slewed.selectionData(later);
        const auto b = direct.selectionData(later);
        QVERIFY2(a && b, stage);
        QVERIFY2(near(a->offset, b->offset, 1e-10), stage);
        QVERIFY2(near(a->rootDistance, b->rootDistance, 1e-10), stage);
        QVERIFY2(near(slewed.lastSampleReport(later)->offset, direct.lastSampleReport(later)->offset, 1e-15), stage);
    };
    compare("after the correction: ");
    // The frequency relative to the source moved by the correction.
    QVERIFY(near(slewed.frequency(), (frequencyBefore + kFrequencyChange) / (1 + kFrequencyChange), 1e-18));

    // Measurements on the new clock continue both the same way.
    for (int i = kSamples; i < kSamples + 10; ++i) {
        const StatSample s =
            corrected(makeSample(kInterval * i, truth(kInterval * i) + noise[static_cast<std::size_t>(i)]));
        feed(slewed, s);
        feed(direct, s);
    }
    compare("after further samples: ");
}

void TestSourceStatistics::stepMatchesSteppedSamples()
{
    constexpr double kStep = -0.125; // s
    const RealTime when = at(500);
    SourceStatistics stepped;
    SourceStatistics direct;
    for (int i = 0; i < 20; ++i) {
        StatSample s = makeSample(20.0 * i, 0.1 + 1e-6 * 20 * i + alternating(i, 1e-6));
        feed(stepped, s);
        s.time += fromSeconds(kStep);
        s.offset -= kStep;
        feed(direct, s);
    }
    stepped.applyStep(when, kStep);
    QCOMPARE(stepped.referenceTime(), direct.referenceTime());
    QVERIFY(near(stepped.offset(), direct.offset(), 1e-15));
    QVERIFY(near(stepped.frequency(), direct.frequency(), 1e-15));
    QVERIFY(near(stepped.offset(), 0.1 + 1e-6 * 380 - kStep, 2e-6));
    // The original measurement is kept as it was.
    QVERIFY(near(stepped.lastSampleReport(when)->originalOffset, 0.1 + 1e-6 * 380 + 1e-6, 1e-15));
}

void TestSourceStatistics::shortDelaySamplesDominate()
{
    // Every other sample took a 20 ms longer path and came back 100 us off. Weighted by their
    // distance the short ones decide; an unweighted fit would be 50 us off.
    constexpr double kTrue = 1e-3; // s
    SourceStatistics stats;
    for (int i = 0; i < 40; ++i) {
        const bool slow = i % 2 == 1;
        const double delay = slow ? 21e-3 : 1e-3;
        const double scatter = (i / 2) % 2 ? 1e-7 : -1e-7;
        feed(stats, makeSample(16.0 * i, kTrue + (slow ? 100e-6 : 0.0) + scatter, delay));
    }
    QCOMPARE(stats.samples(), 40);
    QVERIFY2(near(stats.offset(), kTrue, 1e-6), qPrintable(describe(stats.offset(), kTrue)));
    QVERIFY(std::abs(stats.frequency()) < 1e-9);
    QCOMPARE(stats.asymmetry(), 0.0); // 0.005 s/s of offset per delay is no asymmetry
    QCOMPARE(stats.minRoundTripDelay(), 1e-3);
}

void TestSourceStatistics::referenceClockSamplesWeighEqually()
{
    // A reference clock's filtered samples: one nominal delay, and dispersions that differ only
    // by how each poll's spread came out (clknetsim's 106-refclock-shm at its start: the first
    // poll 1.8e-5, the next ones up to 3.5e-5). Weighed equally, the fit is plain least
    // squares; chrony's weights would follow the dispersions and move it.
    constexpr std::array<double, 8> kDispersions = {1.8e-5, 2.6e-5, 2.9e-5, 3.5e-5, 2.8e-5, 3.7e-5, 2.4e-5, 2.5e-5};
    constexpr double kInterval = 16;   // s
    constexpr double kSlope = -1e-4;   // s/s: the raw clock runs 100 ppm fast
    constexpr double kScatter = 20e-6; // s
    const auto offsetOf = [&](int i) {
        // Scatter that is neither alternating nor symmetric about the line, so that weights
        // matter; the runs test still sees no trend in it.
        static constexpr std::array<double, 8> kNoise = {1.0, -0.3, -0.9, 0.4, 0.8, -1.0, 0.2, -0.2};
        return kSlope * kInterval * i + kScatter * kNoise[static_cast<std::size_t>(i)];
    };
    const auto fit = [&](SampleWeighting weighting) {
        SourceStatisticsConfig config;
        config.weighting = weighting;
        SourceStatistics stats(config);
        for (int i = 0; i < static_cast<int>(kDispersions.size()); ++i)
            feed(stats, makeSample(kInterval * i, offsetOf(i), 1e-3, kDispersions[static_cast<std::size_t>(i)]));
        return stats;
    };
    // Plain least squares through the same points, worked out here.
    const int n = static_cast<int>(kDispersions.size());
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < n; ++i) {
        meanX += kInterval * i / n;
        meanY += offsetOf(i) / n;
    }
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; ++i) {
        sxx += (kInterval * i - meanX) * (kInterval * i - meanX);
        sxy += (kInterval * i - meanX) * (offsetOf(i) - meanY);
    }
    const double slope = sxy / sxx;
    const double newest = kInterval * (n - 1);
    const double offsetAtNewest = meanY + slope * (newest - meanX);

    const SourceStatistics equal = fit(SampleWeighting::Equal);
    QCOMPARE(equal.samples(), n);
    QVERIFY2(near(equal.offsetAt(at(newest)), offsetAtNewest, 1e-12),
             qPrintable(describe(equal.offsetAt(at(newest)), offsetAtNewest)));
    // frequency() is our clock's frequency against the source: the offsets' slope negated.
    QVERIFY2(near(equal.frequency(), -slope, 1e-14), qPrintable(describe(equal.frequency(), -slope)));

    const SourceStatistics chrony = fit(SampleWeighting::ChronyDistance);
    QVERIFY2(!near(chrony.offsetAt(at(newest)), offsetAtNewest, 1e-7),
             qPrintable(describe(chrony.offsetAt(at(newest)), offsetAtNewest)));
}

void TestSourceStatistics::asymmetryEstimatedAndCorrected()
{
    // All the jitter is on the way to the source: a delay e above the minimum shifts the
    // offset by e / 2. chrony calls that asymmetry -0.5.
    constexpr double kTrue = 5e-4;       // s
    constexpr double kMinDelay = 1e-3;   // s
    constexpr double kMeanJitter = 2e-4; // s
    constexpr int kJitters = 64;
    std::vector<double> jitters;
    jitters.reserve(kJitters);
    Gaussian random(5);
    for (int i = 0; i < kJitters; ++i)
        jitters.push_back(-std::log(random.uniform()) * kMeanJitter);
    const auto run = [&](SourceStatisticsConfig config) {
        SourceStatistics stats(config);
        for (int i = 0; i < 64; ++i) {
            const double jitter = jitters[static_cast<std::size_t>(i)];
            feed(stats, makeSample(16.0 * i, kTrue + jitter / 2 + alternating(i, 1e-8), kMinDelay + jitter));
        }
        return stats;
    };
    // The correction brings the offsets to what the shortest delay seen would have measured.
    const double expected = kTrue + *std::min_element(jitters.begin(), jitters.end()) / 2;

    const SourceStatistics estimated = run({});
    QVERIFY2(near(estimated.asymmetry(), -0.5, 1e-3), qPrintable(QString::number(estimated.asymmetry())));
    QVERIFY2(near(estimated.offset(), expected, 1e-7), qPrintable(describe(estimated.offset(), expected)));

    SourceStatisticsConfig fixed;
    fixed.asymmetry = -0.5;
    const SourceStatistics known = run(fixed);
    QCOMPARE(known.asymmetry(), -0.5);
    QVERIFY2(near(known.offset(), expected, 5e-8), qPrintable(describe(known.offset(), expected)));

    SourceStatisticsConfig off;
    off.asymmetry = 0.0;
    const SourceStatistics uncorrected = run(off);
    QCOMPARE(uncorrected.asymmetry(), 0.0);
    // Without the correction the jitter biases the offset up.
    QVERIFY2(uncorrected.offset() - kTrue > 1e-6, qPrintable(describe(uncorrected.offset(), kTrue)));
}

void TestSourceStatistics::clearAsymmetryUsedEarly()
{
    // Exponential jitter: nearly all one way (the asymmetric case), or both ways alike. Counts
    // the samples until the asymmetry correction is in force.
    constexpr double kMinDelay = 1e-3;   // s
    constexpr double kMeanJitter = 5e-4; // s
    constexpr int kSamples = 12;
    const auto samplesUntilCorrected = [&](std::uint64_t seed, bool oneWay) {
        Gaussian random(seed);
        SourceStatistics stats;
        for (int i = 0; i < kSamples; ++i) {
            // chrony's jitter asymmetry 0.47: the way there gets 6 % of the jitter, back 194 %.
            const double there = -std::log(random.uniform()) * kMeanJitter * (oneWay ? 0.06 : 1.0);
            const double back = -std::log(random.uniform()) * kMeanJitter * (oneWay ? 1.94 : 1.0);
            // Offset positive: source ahead; a longer way back makes it look behind.
            feed(stats, makeSample(64.0 * i, 1e-3 + (there - back) / 2, kMinDelay + there + back));
            if (stats.asymmetry() != 0.0)
                return i + 1;
        }
        return kSamples + 1;
    };
    // chrony waits for kMinAsymmetryRun estimates in a row, which with the four samples a
    // plane fit needs is sample 13 at the earliest; a clear one-way jitter is used long before.
    constexpr int kSeeds = 50;
    int early = 0;
    int falseAlarms = 0;
    for (int seed = 1; seed <= kSeeds; ++seed) {
        if (samplesUntilCorrected(static_cast<std::uint64_t>(seed), true) <= 8)
            ++early;
        if (samplesUntilCorrected(1000 + static_cast<std::uint64_t>(seed), false) <= kSamples)
            ++falseAlarms;
    }
    QVERIFY2(early >= kSeeds / 2, qPrintable(QString::number(early)));
    // Symmetric jitter is almost never taken for one-way jitter (a 95 % test with the most
    // delayed sample left out as well).
    QVERIFY2(falseAlarms <= kSeeds / 10, qPrintable(QString::number(falseAlarms)));
}

void TestSourceStatistics::delayWeightingLeansOnQuickReplies()
{
    // clknetsim's network: 100 us each way plus exponential queueing (10 us mean) on each
    // way, so a reply's offset error lies within half its round trip above the minimum. Over
    // seeded runs, weights that grow with the number of samples (DelayGrowing) must know the
    // newest offset better than chrony's once there are many samples, and no worse with few.
    // The price, shown here too: with many samples the frequency is known less well (fewer
    // samples count), which in clknetsim beside chronyd costs less than the offset gains.
    constexpr double kBase = 100e-6;    // s, each way
    constexpr double kQueueing = 10e-6; // s, mean extra delay each way
    constexpr double kInterval = 64;    // s
    constexpr double kFrequency = 3e-6; // s/s, the offset's slope
    constexpr int kSeeds = 300;
    struct Errors
    {
        double offset = 0; // sums of squares
        double frequency = 0;
    };
    const auto run = [&](bool delayWeighted, int count) {
        Errors errors;
        for (int seed = 0; seed < kSeeds; ++seed) {
            std::mt19937_64 random(static_cast<std::uint64_t>(seed) * 7919 + static_cast<std::uint64_t>(count));
            std::exponential_distribution<double> queueing(1.0 / kQueueing);
            SourceStatisticsConfig config;
            config.weighting = delayWeighted ? SampleWeighting::DelayGrowing : SampleWeighting::ChronyDistance;
            config.precision = 1e-8;
            SourceStatistics stats(config);
            for (int i = 0; i < count; ++i) {
                const double out = kBase + queueing(random);
                const double back = kBase + queueing(random);
                const double t = kInterval * i;
                feed(stats, makeSample(t, kFrequency * t + (back - out) / 2.0, out + back, 1e-8));
            }
            const double end = kInterval * (count - 1);
            const double offsetError = stats.offsetAt(at(end)) - kFrequency * end;
            // frequency() is our clock's frequency against the source: the offsets' slope negated.
            const double frequencyError = stats.frequency() + kFrequency;
            errors.offset += offsetError * offsetError;
            errors.frequency += frequencyError * frequencyError;
        }
        return errors;
    };
    for (const int count : {3, 6, 16, 32}) {
        const Errors chrony = run(false, count);
        const Errors ours = run(true, count);
        const QString figures = QStringLiteral("%1 samples: RMS offset %2 / %3 s, frequency %4 / %5")
                                    .arg(count)
                                    .arg(std::sqrt(ours.offset / kSeeds))
                                    .arg(std::sqrt(chrony.offset / kSeeds))
                                    .arg(std::sqrt(ours.frequency / kSeeds))
                                    .arg(std::sqrt(chrony.frequency / kSeeds));
        qInfo("%s", qPrintable(figures));
        const double offsetRatio = std::sqrt(ours.offset / chrony.offset);
        const double frequencyRatio = std::sqrt(ours.frequency / chrony.frequency);
        if (count >= 16)
            QVERIFY2(offsetRatio < 0.9, qPrintable(figures));
        else
            QVERIFY2(offsetRatio < 1.05, qPrintable(figures));
        QVERIFY2(frequencyRatio < (count >= 32 ? 1.5 : 1.1), qPrintable(figures));
    }
}

void TestSourceStatistics::delaysBoundTheOffset()
{
    // Nineteen samples came 200 us late on the way back and read 80 us low (inside the 100 us
    // their delay allows); the newest saw no queueing and reads the truth. Weighted least
    // squares still leans towards the many; the delays say the truth is within the newest
    // sample's own dispersion.
    constexpr double kTrue = 1e-3;   // s
    constexpr double kLate = 200e-6; // s
    constexpr double kLow = 80e-6;   // s
    constexpr int kCount = 20;
    const auto run = [&](bool bounded, double newestOffset) {
        SourceStatisticsConfig config;
        config.boundByDelays = bounded;
        config.weighting = SampleWeighting::ChronyDistance; // leans towards the many
        config.asymmetry = 0.0; // keep the jitter correction out of this
        SourceStatistics stats(config);
        for (int i = 0; i < kCount - 1; ++i)
            feed(stats, makeSample(16.0 * i, kTrue - kLow + alternating(i, 1e-7), kPeerDelay + kLate));
        feed(stats, makeSample(16.0 * (kCount - 1), newestOffset));
        return stats;
    };
    const SourceStatistics plain = run(false, kTrue);
    QVERIFY2(kTrue - plain.offset() > 10e-6, qPrintable(describe(plain.offset(), kTrue)));
    const SourceStatistics bounded = run(true, kTrue);
    QVERIFY2(near(bounded.offset(), kTrue, kPeerDispersion), qPrintable(describe(bounded.offset(), kTrue)));
    QCOMPARE(bounded.frequency(), plain.frequency());

    // A newest sample its elders contradict (its interval misses all of theirs by far) bounds
    // nothing: the fit stands as it was.
    const SourceStatistics contradicted = run(true, kTrue + 1e-3);
    const SourceStatistics contradictedPlain = run(false, kTrue + 1e-3);
    QCOMPARE(contradicted.offset(), contradictedPlain.offset());
}

void TestSourceStatistics::driftingFrequencyShortensTheMemory()
{
    // clknetsim's 118-maxdelay: the frequency drifts by 1e-10/s and only the round trips that
    // pass maxdelay come through, a few microseconds of noise, minutes to half an hour apart.
    // A line through the long history (the runs test sees no bend in so few samples) lags the
    // drift. The wander found in the samples makes the old ones count for less. Mean |error| of the offset at the newest sample over 10 noise seeds.
    constexpr double kDrift = 1e-10; // 1/s: d frequency / dt
    constexpr double kNoise = 2e-6;  // s
    constexpr int kSamples = 40;
    constexpr int kSeeds = 10;
    constexpr std::array<double, 5> kGaps = {64, 192, 128, 448, 64}; // s, repeating
    double sumError = 0;
    for (int seed = 1; seed <= kSeeds; ++seed) {
        Gaussian noise(static_cast<std::uint64_t>(seed));
        SourceStatistics stats;
        double t = 0;
        for (int i = 0; i < kSamples; ++i) {
            t += kGaps[static_cast<std::size_t>(i) % kGaps.size()];
            feed(stats, makeSample(t, -0.5 * kDrift * t * t + kNoise * noise.next()));
        }
        sumError += std::abs(stats.offset() - (-0.5 * kDrift * t * t));
    }
    const double meanError = sumError / kSeeds;
    qInfo() << "mean |offset error|" << meanError;
    // Without the wander: 3.5e-6 s; with it 2.1e-6 s (deterministic seeds).
    QVERIFY2(meanError < 1.25 * kNoise, qPrintable(QString::number(meanError)));
}

void TestSourceStatistics::uncertainFrequencyFallsBack()
{
    // Five samples 64 s apart with tens of milliseconds of noise that happens to tilt the fit:
    // the fitted slope is far too uncertain to steer a clock. Carried along the frequency the
    // clock runs at instead, the offset is the plain mean of the samples moved to the newest
    // one's time (equal delays: equal weights).
    constexpr double kFrequency = 1e-4;                                        // our clock fast
    constexpr std::array<double, 5> kNoise = {0.05, 0.02, -0.05, 0.01, -0.06}; // s
    const auto truth = [](double t) { return 1e-3 - kFrequency * t; };
    const auto run = [&](std::optional<FrequencyFallback> fallback) {
        SourceStatistics stats;
        for (std::size_t i = 0; i < kNoise.size(); ++i) {
            stats.accumulate(
                makeSample(64.0 * static_cast<double>(i), truth(64.0 * static_cast<double>(i)) + kNoise[i]));
            stats.regress(fallback);
        }
        return stats;
    };
    const double newest = 64.0 * static_cast<double>(kNoise.size() - 1);
    double expected = 0;
    for (std::size_t i = 0; i < kNoise.size(); ++i) {
        const double t = 64.0 * static_cast<double>(i);
        expected += (truth(t) + kNoise[i] - kFrequency * (newest - t)) / static_cast<double>(kNoise.size());
    }

    constexpr double kMaxUpdateSkew = 1e-3; // chrony's default maxupdateskew
    const SourceStatistics plain = run(std::nullopt);
    QVERIFY2(plain.skew() > kMaxUpdateSkew, qPrintable(QString::number(plain.skew())));
    const SourceStatistics fallen = run(FrequencyFallback{kFrequency, kMaxUpdateSkew});
    QVERIFY2(near(fallen.offset(), expected, 1e-12), qPrintable(describe(fallen.offset(), expected)));
    // Its error is the noise's mean; the fitted line's end, tilted by the noise, is off by more.
    QVERIFY2(std::abs(fallen.offset() - truth(newest)) < 0.5 * std::abs(plain.offset() - truth(newest)),
             qPrintable(QStringLiteral("fallback %1 fit %2")
                            .arg(fallen.offset() - truth(newest))
                            .arg(plain.offset() - truth(newest))));
    // The fitted frequency and skew are still what the samples say.
    QCOMPARE(fallen.frequency(), plain.frequency());
    QCOMPARE(fallen.skew(), plain.skew());

    // A frequency certain enough to steer keeps the fitted offset.
    const SourceStatistics trusted = run(FrequencyFallback{kFrequency, 1.0});
    QCOMPARE(trusted.offset(), plain.offset());
}

void TestSourceStatistics::selectionData()
{
    // Ten samples with different root distances; the best one now is the one with the smallest
    // root delay / 2 + root dispersion + skew * age.
    constexpr int kCount = 10;
    constexpr double kInterval = 60; // s
    std::vector<StatSample> samples;
    SourceStatistics stats;
    for (int i = 0; i < kCount; ++i) {
        StatSample s = makeSample(kInterval * i, 1e-3 - 2e-6 * kInterval * i + alternating(i, 1e-6));
        s.rootDispersion = i == 3 ? 20e-6 : 200e-6 + 10e-6 * i;
        s.rootDelay = i == 3 ? 1e-3 : 2e-3;
        s.stratum = i == kCount - 1 ? 3 : kStratum;
        s.leap = i == kCount - 1 ? LeapIndicator::InsertSecond : LeapIndicator::None;
        samples.push_back(s);
        feed(stats, s);
    }
    QCOMPARE(stats.samples(), kCount);
    const RealTime now = at(kInterval * (kCount - 1) + 30);
    const RealTime newestTime = samples.back().time;

    int best = 0;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (int i = 0; i < kCount; ++i) {
        const StatSample &s = samples[static_cast<std::size_t>(i)];
        const double d = s.rootDispersion + 0.5 * s.rootDelay + toSeconds(newestTime - s.time) * stats.skew();
        if (d < bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    QCOMPARE(best, 3);
    const StatSample &b = samples[static_cast<std::size_t>(best)];
    const double age = toSeconds(now - b.time);

    const auto d = stats.selectionData(now);
    QVERIFY(d);
    QVERIFY(d->selectable);
    QVERIFY(near(d->offset, b.offset - stats.frequency() * age, 1e-15));
    QVERIFY(near(d->rootDistance, 0.5 * b.rootDelay + b.rootDispersion + age * stats.skew(), 1e-15));
    QVERIFY(near(d->lowerBound, d->offset - d->rootDistance, 1e-18));
    QVERIFY(near(d->upperBound, d->offset + d->rootDistance, 1e-18));
    QCOMPARE(d->stdDev, stats.stdDev());
    QCOMPARE(d->skew, stats.skew());
    QVERIFY(near(d->firstSampleAgo, toSeconds(now - samples.front().time), 1e-12));
    QVERIFY(near(d->lastSampleAgo, 30.0, 1e-12));
    QCOMPARE(d->stratum, 3);
    QCOMPARE(d->leap, LeapIndicator::InsertSecond);

    // Two samples: already selectable (beyond chrony, which waits for a third), with the
    // two-point slope as frequency and a skew from the samples' peer distances.
    SourceStatistics young;
    feed(young, samples[0]);
    feed(young, samples[1]);
    const auto y = young.selectionData(at(200));
    QVERIFY(y);
    QVERIFY(y->selectable);
    const StatSample &y0 = samples[0];
    const StatSample &y1 = samples[1];
    const double span = toSeconds(y1.time - y0.time);
    QVERIFY(near(young.frequency(), -(y1.offset - y0.offset) / span, 1e-15));
    const double d0 = 0.5 * y0.peerDelay + y0.peerDispersion;
    const double d1 = 0.5 * y1.peerDelay + y1.peerDispersion;
    const double expectedSkew = std::clamp(SourceStatistics::kTwoPointSkewFactor * std::sqrt(d0 * d0 + d1 * d1) / span,
                                           SourceStatistics::kMinSkew, SourceStatistics::kMaxSkew);
    QVERIFY(near(young.skew(), expectedSkew, 1e-15));
    // A single sample allows an offset-only correction: selectable, but its distance grows
    // with the worst-case frequency error.
    SourceStatistics single;
    feed(single, samples[0]);
    const auto one = single.selectionData(at(200));
    QVERIFY(one && one->selectable);
    QCOMPARE(single.frequency(), 0.0);
    QVERIFY(near(one->rootDistance,
                 0.5 * y0.rootDelay + y0.rootDispersion
                     + toSeconds(at(200) - y0.time) * SourceStatistics::kWorstCaseFrequency,
                 1e-12));
}

void TestSourceStatistics::trackingData()
{
    SourceStatistics stats;
    Gaussian noise(11);
    feedSeries(
        stats, 30, 64, 0, [](double t) { return -7e-4 + 8e-6 * t; }, [&](int) { return 3e-6 * noise.next(); });
    const RealTime reference = stats.referenceTime();
    QCOMPARE(reference, at(29 * 64));

    const auto atReference = stats.trackingData(reference);
    QVERIFY(atReference);
    QCOMPARE(atReference->time, reference);
    QVERIFY(near(atReference->offset, stats.offset(), 1e-18));
    QVERIFY(near(atReference->offsetSd, stats.offsetSd(), 1e-15));
    QCOMPARE(atReference->frequency, stats.frequency());
    QCOMPARE(atReference->frequencySd, stats.frequencySd());
    QCOMPARE(atReference->skew, stats.skew());

    // The best sample (equal root distances: the newest, it has the least skew growth).
    const StatSample newest = makeSample(29 * 64, 0);
    QCOMPARE(atReference->rootDelay, newest.rootDelay);
    QVERIFY(near(atReference->rootDispersion, newest.rootDispersion + stats.offsetSd(), 1e-15));

    const RealTime later = reference + std::chrono::seconds(1000);
    const auto ahead = stats.trackingData(later);
    QVERIFY(near(ahead->offset, stats.offset() - stats.frequency() * 1000, 1e-15));
    QVERIFY(ahead->offsetSd > atReference->offsetSd);
    QVERIFY(near(ahead->rootDispersion, newest.rootDispersion + stats.skew() * 1000 + ahead->offsetSd, 1e-15));
    // The line is known best in the middle of its samples, not at either end.
    QVERIFY(stats.offsetSdAt(at(15 * 64)) < stats.offsetSd());
    QVERIFY(stats.offsetSdAt(at(15 * 64)) < stats.offsetSdAt(at(0)));
    // The prediction error is honest: about sigma / sqrt(n) in the middle.
    QVERIFY(stats.offsetSdAt(at(15 * 64)) < 3e-6 / std::sqrt(30.0) * 2.0);

    const auto delayTest = stats.delayTestData(later);
    QVERIFY(delayTest);
    QVERIFY(near(delayTest->lastSampleAgo, 1000, 1e-12));
    QVERIFY(near(delayTest->predictedOffset, ahead->offset, 1e-18));
    QCOMPARE(delayTest->minDelay, kPeerDelay);
    QCOMPARE(delayTest->skew, stats.skew());
    QCOMPARE(delayTest->stdDev, stats.stdDev());
}

void TestSourceStatistics::sourcestatsReport()
{
    SourceStatistics stats;
    const auto line = [](double t) { return 4e-4 + 1e-6 * t; };
    const RealTime now = at(1000);

    feed(stats, makeSample(0, line(0)));
    SourcestatsReport r = stats.sourcestatsReport(now);
    QCOMPARE(r.samples, 1);
    QCOMPARE(r.span, 0.0);
    QCOMPARE(r.offset, 0.0);
    QCOMPARE(r.offsetError, 0.0);

    feed(stats, makeSample(100, line(100) + 1e-6));
    feed(stats, makeSample(200, line(200) - 1e-6));
    r = stats.sourcestatsReport(now);
    QCOMPARE(r.samples, 3);
    QVERIFY(near(r.span, 200, 1e-12));
    // Fewer than four samples: the newest measurement and its own error.
    QCOMPARE(r.offset, line(200) - 1e-6);
    const StatSample newest = makeSample(200, 0);
    QVERIFY(near(r.offsetError, 0.5 * newest.rootDelay + newest.rootDispersion, 1e-18));

    feed(stats, makeSample(300, line(300) + 1e-6));
    r = stats.sourcestatsReport(now);
    QCOMPARE(r.samples, 4);
    QCOMPARE(r.runs, stats.runs());
    QVERIFY(near(r.offset, stats.offsetAt(now), 1e-18));
    const double bestAge = toSeconds(now - at(300)); // equal distances: the newest is best
    QVERIFY(near(r.offsetError,
                 stats.offsetSd() + bestAge * stats.skew() + 0.5 * newest.rootDelay + newest.rootDispersion, 1e-15));
    QCOMPARE(r.frequency, stats.frequency());
    QVERIFY(near(r.frequencyPpm(), stats.frequency() * 1e6, 1e-15));
    QVERIFY(near(r.skewPpm(), stats.skew() * 1e6, 1e-12));
    QCOMPARE(r.stdDev, stats.stdDev());
    QVERIFY(near(r.frequencyPpm(), -1.0, 0.05));
}

void TestSourceStatistics::lastSampleReport()
{
    SourceStatistics stats;
    feedSeries(
        stats, 5, 10, 0, [](double) { return 2e-3; }, [](int i) { return alternating(i, 1e-6); });
    const double measured = 2e-3 + alternating(4, 1e-6);
    auto r = stats.lastSampleReport(at(45));
    QVERIFY(r);
    QCOMPARE(r->offset, measured);
    QCOMPARE(r->originalOffset, measured);
    QVERIFY(near(r->ago, 5.0, 1e-12));
    QVERIFY(near(r->error, 0.5 * (kUpstreamRootDelay + kPeerDelay) + kUpstreamRootDisp + kPeerDispersion, 1e-18));
    QCOMPARE(r->stratum, kStratum);

    // After our clock is stepped forward by 1 ms the sample reads 1 ms less (and was taken 1 ms
    // later on the new clock); the original measurement stays.
    stats.applyStep(at(42), 1e-3);
    r = stats.lastSampleReport(at(45));
    QVERIFY(near(r->offset, measured - 1e-3, 1e-15));
    QCOMPARE(r->originalOffset, measured);
    QVERIFY(near(r->ago, 5.0 - 1e-3, 1e-12));
}

void TestSourceStatistics::addDispersion()
{
    SourceStatistics stats;
    feedSeries(
        stats, 10, 16, 0, [](double) { return 1e-3; }, [](int i) { return alternating(i, 1e-6); });
    const RealTime now = at(200);
    const double before = stats.selectionData(now)->rootDistance;
    const double trackingBefore = stats.trackingData(now)->rootDispersion;
    stats.addDispersion(5e-3);
    QVERIFY(near(stats.selectionData(now)->rootDistance, before + 5e-3, 1e-15));
    QVERIFY(near(stats.trackingData(now)->rootDispersion, trackingBefore + 5e-3, 1e-15));
}

void TestSourceStatistics::minDelayConfigured()
{
    SourceStatisticsConfig config;
    config.minDelay = 2e-3;
    SourceStatistics stats(config);
    feed(stats, makeSample(0, 1e-3, 1.5e-3));
    QCOMPARE(stats.minRoundTripDelay(), 2e-3);
    // Without the option the measured minimum.
    SourceStatistics measured;
    feed(measured, makeSample(0, 1e-3, 1.5e-3));
    feed(measured, makeSample(1, 1e-3, 1.2e-3));
    feed(measured, makeSample(2, 1e-3, 1.7e-3));
    QCOMPARE(measured.minRoundTripDelay(), 1.2e-3);
}

QTEST_APPLESS_MAIN(TestSourceStatistics)
void TestSourceStatistics::pollFilterIgnoresTheRawClockDrift()
{
    // chrony's 127-filter in clknetsim: `filter 15` at poll 4 while the raw clock runs 100 ppm
    // fast. Raw offsets fall 1.6 ms per poll, far more than the noise; combined raw, the spread
    // of a span was the drift (and the "median" of the filter then the middle poll in time: our
    // RMS twice chronyd's). On the disciplined clock the noise is what is left: here it has
    // mean 0, so the output lies on the drift line at the span's mean time, and its dispersion
    // is the noise's spread, not the drift's.
    constexpr double kDrift = -1e-4; // raw offsets' slope: ClockDiscipline::frequency()
    constexpr double kPoll = 16.0;
    constexpr double kBase = 0.05;
    const std::array<double, 15> noise{40e-6, -30e-6, 0.0,   -45e-6, 35e-6, -20e-6, 50e-6, -35e-6,
                                       30e-6, -25e-6, 45e-6, -50e-6, 20e-6, -40e-6, 25e-6};
    PollSampleFilter filter(15);
    std::optional<StatSample> out;
    double squares = 0;
    for (std::size_t i = 0; i < noise.size(); ++i) {
        const double t = kPoll * static_cast<double>(i);
        out = filter.addSample(makeSample(t, kBase + kDrift * t + noise[i]), kDrift);
        QCOMPARE(out.has_value(), i + 1 == noise.size());
        squares += noise[i] * noise[i];
    }
    // Equal delays: equal weights, the mean time is the middle poll's.
    QVERIFY(out->time == at(7 * kPoll));
    QVERIFY2(std::abs(out->offset - (kBase + kDrift * 7 * kPoll)) < 1e-12, qPrintable(QString::number(out->offset)));
    const double spread = std::sqrt(squares / (noise.size() - 1.0));
    QVERIFY2(near(out->peerDispersion, spread, 1e-12), qPrintable(describe(out->peerDispersion, spread)));
}

void TestSourceStatistics::pollFilterWeighsTheQuickRepliesMore()
{
    // A round trip's extra delay bounds its offset's error, so a span's quick replies say more
    // than its median: clknetsim's 127-filter went from chronyd's RMS (median of the span) to
    // 0.6 of it. Four replies, 1 ms (the quickest), 1.2, 3 and 5 ms round trips.
    const std::array<double, 4> delays{1e-3, 1.2e-3, 3e-3, 5e-3};
    const std::array<double, 4> offsets{10e-6, -20e-6, 400e-6, 600e-6};
    PollSampleFilter filter(4);
    std::optional<StatSample> out;
    for (std::size_t i = 0; i < delays.size(); ++i)
        out = filter.addSample(makeSample(16.0 * static_cast<double>(i), offsets[i], delays[i]));
    QVERIFY(out);
    // As the statistics weigh them: peer distances d = delay / 2 + dispersion, scale = the
    // median extra distance / 0.7 but at most the smallest distance; sd = 1 + extra / scale.
    std::array<double, 4> distances{};
    for (std::size_t i = 0; i < delays.size(); ++i)
        distances[i] = 0.5 * delays[i] + kPeerDispersion;
    const double minDistance = distances[0];
    const double medianDistance = 0.5 * (distances[1] + distances[2]);
    const double scale = std::min((medianDistance - minDistance) / SourceStatistics::kSdToDistanceRatio, minDistance);
    double sumWeights = 0;
    double weighted = 0;
    double weightedTime = 0;
    double weightedDelay = 0;
    for (std::size_t i = 0; i < delays.size(); ++i) {
        const double sd = 1.0 + (distances[i] - minDistance) / scale;
        const double w = 1.0 / (sd * sd);
        sumWeights += w;
        weighted += w * offsets[i];
        weightedTime += w * 16.0 * static_cast<double>(i);
        weightedDelay += w * delays[i];
    }
    QVERIFY2(near(out->offset, weighted / sumWeights, 1e-15), qPrintable(describe(out->offset, weighted / sumWeights)));
    QVERIFY(std::abs(toSeconds(out->time - at(weightedTime / sumWeights))) < 1e-9);
    QVERIFY(near(out->peerDelay, weightedDelay / sumWeights, 1e-15));
    // The two quick replies dominate: the output is within 0.1 ms of them, where the mean of
    // the middle two by offset (the median of chrony's filter) would be 205 us.
    QVERIFY2(std::abs(out->offset) < 100e-6, qPrintable(QString::number(out->offset)));
}

void TestSourceStatistics::pollFilterDispersionIsSteadyAcrossSpans()
{
    // The statistics weigh each filtered sample by its dispersion. Taken from each span's own
    // spread (often of two or three replies that passed maxdelay) the weights were chance;
    // the long-term spread keeps them steady unless a span is significantly wider.
    constexpr double kNoise = 30e-6;
    constexpr int kSpans = 60;
    constexpr int kWarmUp = 15; // spans before the long-term variance holds 50 degrees of freedom
    std::mt19937_64 random(127);
    std::normal_distribution<double> noise(0.0, kNoise);
    std::uniform_int_distribution<int> good(2, 6);
    PollSampleFilter filter(15);
    std::vector<double> dispersions;
    double t = 0;
    for (int span = 0; span < kSpans; ++span) {
        const int replies = good(random);
        std::optional<StatSample> out;
        for (int poll = 0; poll < filter.polls(); ++poll, t += 16.0)
            out = poll < replies ? filter.addSample(makeSample(t, noise(random))) : filter.addMissing();
        QVERIFY(out);
        if (span >= kWarmUp)
            dispersions.push_back(out->peerDispersion);
    }
    std::vector<double> sorted = dispersions;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    const auto steady = std::count_if(dispersions.begin(), dispersions.end(),
                                      [median](double d) { return std::abs(d - median) < 0.1 * median; });
    const QString figures = QStringLiteral("%1 of %2 within a tenth of the median %3 s (%4 .. %5)")
                                .arg(steady)
                                .arg(dispersions.size())
                                .arg(median)
                                .arg(sorted.front())
                                .arg(sorted.back());
    QVERIFY2(steady >= static_cast<long>(dispersions.size() * 8 / 10), qPrintable(figures));
    QVERIFY2(median > 0.5 * kNoise && median < 2 * kNoise, qPrintable(figures));
}

#include "tst_sourcestatistics.moc"
