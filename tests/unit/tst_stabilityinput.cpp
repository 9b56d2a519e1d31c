// What the Charts page's Stability view computes, without widgets: the offsets' histogram
// (Freedman-Diaconis bins, clipped; a known distribution's shape, median and spread; outliers
// left out of the bins and counted), and the path from recorded history to ADEV/TDEV
// (HistoryStore -> queryHistoryRange -> estimateSampleInterval -> extractPhase ->
// pooledStabilityCurve): white phase noise of sigma gives ADEV = sqrt(3) sigma / tau through it,
// a PPS polled every 16 s is found to be, a single missing sample is bridged, a longer gap splits
// the record (a step across it changes nothing), too few samples give no point.
#include "FeedHistory.h"
#include "charts/OffsetHistogram.h"
#include "history/HistoryStore.h"
#include "stability/PhaseRecord.h"

#include <QtTest>

#include <cmath>
#include <numeric>
#include <random>

using namespace s1;

namespace {

constexpr std::uint64_t kSeed = 20261206;
constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kStart = 1'796'558'400LL * kSecond;

bool near(double actual, double expected, double relative)
{
    return std::fabs(actual - expected) <= relative * std::fabs(expected);
}

HistoryRange filledRange(const std::vector<double> &means, std::int64_t width = kSecond)
{
    HistoryRange range;
    range.ok = true;
    range.unit = "s";
    range.bucketWidth = width;
    for (std::size_t i = 0; i < means.size(); ++i)
        range.buckets.push_back({kStart + static_cast<std::int64_t>(i) * width, 1, means[i], means[i], means[i]});
    return range;
}

} // namespace

class TestStabilityInput : public QObject
{
    Q_OBJECT
private slots:
    void histogramOfUniformValues();
    void histogramOfGaussianValues();
    void histogramLeavesOutAStartUpStep();
    void histogramNeedsEnoughSamples();
    void whitePhaseNoiseThroughHistory();
    void intervalOfASparseSeries();
    void singleHoleIsBridged();
    void longGapSplitsTheRecord();
    void offGridBucketSplits();
    void tooFewSamplesGiveNoPoint();
    void tauStopsAtTheLimitAndTheData();
};

void TestStabilityInput::histogramOfUniformValues()
{
    // 8000 values evenly over [0, 1): IQR half the range, Freedman-Diaconis width 2 IQR / 20,
    // so 20 bins of 400.
    std::vector<double> values;
    for (int i = 0; i < 8000; ++i)
        values.push_back(i / 8000.0);
    const OffsetHistogram h = buildHistogram(values);
    QCOMPARE(h.samples, std::size_t{8000});
    QCOMPARE(h.counts.size(), std::size_t{20});
    for (const std::size_t count : h.counts)
        QCOMPARE(count, std::size_t{400});
    QVERIFY(near(h.median, 0.5 * 7999 / 8000, 1e-9));
    QVERIFY(near(h.iqr, 0.5 * 7999 / 8000, 1e-9));
    QCOMPARE(h.below + h.above, std::size_t{0});
}

void TestStabilityInput::histogramOfGaussianValues()
{
    // 100 000 values of N(5 µs, 100 ns): median 5 µs, IQR 1.349 sigma, 5-95 % at +-1.645 sigma,
    // the most-counted bin at the mean, the bins symmetric about it.
    std::mt19937_64 random(kSeed);
    std::normal_distribution<double> normal(5e-6, 1e-7);
    std::vector<double> values(100'000);
    for (double &v : values)
        v = normal(random);
    const OffsetHistogram h = buildHistogram(values);
    QVERIFY(near(h.median, 5e-6, 1e-3));
    QVERIFY(near(h.iqr, 1.349e-7, 0.02));
    QVERIFY(near(h.p95 - h.p05, 2 * 1.645e-7, 0.02));
    QCOMPARE(h.counts.size(), kMaxHistogramBins); // FD asks for more: clipped
    const std::size_t total = std::accumulate(h.counts.begin(), h.counts.end(), std::size_t{0});
    QCOMPARE(total + h.below + h.above, values.size());
    const auto peak = static_cast<std::size_t>(std::max_element(h.counts.begin(), h.counts.end()) - h.counts.begin());
    const double peakCentre = h.low + (static_cast<double>(peak) + 0.5) * h.binWidth;
    QVERIFY2(std::fabs(peakCentre - 5e-6) < 2 * h.binWidth, qPrintable(QString::number(peakCentre)));
    // Within the bins, +-1 sigma holds about 68 %.
    std::size_t inSigma = 0;
    for (std::size_t i = 0; i < h.counts.size(); ++i) {
        const double centre = h.low + (static_cast<double>(i) + 0.5) * h.binWidth;
        if (std::fabs(centre - 5e-6) < 1e-7)
            inSigma += h.counts[i];
    }
    QVERIFY(near(static_cast<double>(inSigma) / static_cast<double>(values.size()), 0.683, 0.05));
}

void TestStabilityInput::histogramLeavesOutAStartUpStep()
{
    // Three minutes at -100 ms, then an hour of µs-level offsets: the bins cover the µs, the step
    // is counted outside them.
    std::mt19937_64 random(kSeed);
    std::normal_distribution<double> normal(0, 1e-6);
    std::vector<double> values(180, -0.1);
    for (int i = 0; i < 3600; ++i)
        values.push_back(normal(random));
    const OffsetHistogram h = buildHistogram(values);
    QCOMPARE(h.below, std::size_t{180});
    QCOMPARE(h.above, std::size_t{0});
    QVERIFY(h.low > -1e-5);
    QVERIFY(h.high() < 1e-5);
    QVERIFY(h.counts.size() >= 20);
    QCOMPARE(h.minimum, -0.1);
}

void TestStabilityInput::histogramNeedsEnoughSamples()
{
    std::vector<double> values(kMinHistogramSamples - 1, 1e-6);
    QVERIFY(buildHistogram(values).counts.empty());
    QCOMPARE(buildHistogram(values).samples, kMinHistogramSamples - 1);
    values.push_back(std::nan(""));
    QVERIFY(buildHistogram(values).counts.empty());
    values.push_back(1e-6);
    const OffsetHistogram flat = buildHistogram(values);
    QCOMPARE(flat.counts.size(), std::size_t{1}); // all equal: one bin
    QCOMPARE(flat.counts[0], kMinHistogramSamples);
}

void TestStabilityInput::whitePhaseNoiseThroughHistory()
{
    // Two hours of a 1 Hz offset with white phase noise of 50 ns, recorded as the service does,
    // asked for as the view asks (a 1 s probe grid over the range).
    constexpr double kSigma = 50e-9;
    constexpr std::int64_t kPoints = 7200;
    std::mt19937_64 random(kSeed);
    std::normal_distribution<double> normal(0, kSigma);
    HistoryStore store;
    for (std::int64_t i = 0; i < kPoints; ++i)
        store.add("source/PPS/offset", kStart + i * kSecond, normal(random));
    const HistoryRangeRequest request{"source/PPS/offset", kStart, kStart + kPoints * kSecond - 1,
                                      static_cast<std::uint32_t>(kPoints)};
    const HistoryRange range = queryHistoryRange(store, request);
    QVERIFY(range.ok);
    QCOMPARE(estimateSampleInterval(range), kSecond);
    const PhaseRecord record = extractPhase(range);
    QCOMPARE(record.tau0, 1.0);
    QCOMPARE(record.runs.size(), std::size_t{1});
    QCOMPARE(record.samples, std::size_t{kPoints});
    const std::vector<StabilityPoint> curve = pooledStabilityCurve(record, 1e4);
    QVERIFY(curve.size() >= 8);
    for (const StabilityPoint &point : curve) {
        if (point.m > 256)
            break; // the longest taus have too few terms for a 10 % check
        const double expected = std::sqrt(3.0) * kSigma / point.tau;
        QVERIFY2(near(point.adev, expected, 0.10),
                 qPrintable(QStringLiteral("tau %1: %2 vs %3").arg(point.tau).arg(point.adev).arg(expected)));
        QVERIFY2(near(point.tdev, kSigma / std::sqrt(static_cast<double>(point.m)), 0.15),
                 qPrintable(QStringLiteral("tdev tau %1: %2").arg(point.tau).arg(point.tdev)));
    }
}

void TestStabilityInput::intervalOfASparseSeries()
{
    // A PPS refclock that reports every 16 s, asked for on the 1 s probe grid: the view regrids.
    HistoryStore store;
    for (std::int64_t i = 0; i < 225; ++i)
        store.add("source/PPS/offset", kStart + i * 16 * kSecond, 1e-7);
    const HistoryRange probe =
        queryHistoryRange(store, {"source/PPS/offset", kStart, kStart + 3600 * kSecond - 1, 3600});
    QCOMPARE(estimateSampleInterval(probe), 16 * kSecond);
    // On the probe grid nearly every bucket is a gap: no run long enough.
    QVERIFY(pooledStabilityCurve(extractPhase(probe), 1e4).empty());
    const HistoryRange regridded =
        queryHistoryRange(store, {"source/PPS/offset", kStart, kStart + 3600 * kSecond - 1, 225});
    const PhaseRecord record = extractPhase(regridded);
    QCOMPARE(record.tau0, 16.0);
    QCOMPARE(record.runs.size(), std::size_t{1});
    QCOMPARE(record.samples, std::size_t{225});
    QVERIFY(!pooledStabilityCurve(record, 1e4).empty());
    QCOMPARE(estimateSampleInterval(HistoryRange{}), std::int64_t{0});
}

void TestStabilityInput::singleHoleIsBridged()
{
    // Linear phase with one bucket missing: bridged by interpolation, so the second differences
    // stay zero (a pure frequency offset has no Allan deviation).
    std::vector<double> phase;
    for (int i = 0; i < 100; ++i)
        phase.push_back(1e-9 * i);
    HistoryRange range = filledRange(phase);
    range.buckets[50].count = 0;
    const PhaseRecord record = extractPhase(range);
    QCOMPARE(record.runs.size(), std::size_t{1});
    QCOMPARE(record.runs[0].size(), std::size_t{100});
    QCOMPARE(record.bridged, std::size_t{1});
    QCOMPARE(record.samples, std::size_t{99});
    QCOMPARE(record.splits, std::size_t{0});
    QVERIFY(std::fabs(record.runs[0][50] - 50e-9) < 1e-18);
    const std::vector<StabilityPoint> curve = pooledStabilityCurve(record, 0);
    QVERIFY(!curve.empty());
    for (const StabilityPoint &point : curve)
        QVERIFY(point.adev < 1e-15);
}

void TestStabilityInput::longGapSplitsTheRecord()
{
    // White phase noise in two runs of 2000 with ten missing samples between them and a 1 ms
    // step across the gap (a receiver outage and a clock step): split, the runs' sums pooled, the
    // step never enters a second difference.
    std::mt19937_64 random(kSeed);
    std::normal_distribution<double> normal(0, 1e-8);
    std::vector<double> phase(4010);
    for (std::size_t i = 0; i < phase.size(); ++i)
        phase[i] = normal(random) + (i >= 2010 ? 1e-3 : 0.0);
    HistoryRange range = filledRange(phase);
    for (std::size_t i = 2000; i < 2010; ++i)
        range.buckets[i].count = 0;
    const PhaseRecord record = extractPhase(range);
    QCOMPARE(record.runs.size(), std::size_t{2});
    QCOMPARE(record.splits, std::size_t{1});
    QCOMPARE(record.bridged, std::size_t{0});
    QCOMPARE(record.runs[0].size(), std::size_t{2000});
    QCOMPARE(record.runs[1].size(), std::size_t{2000});
    const std::vector<StabilityPoint> curve = pooledStabilityCurve(record, 0);
    QVERIFY(!curve.empty());
    QCOMPARE(curve[0].terms, std::size_t{2 * (2000 - 2)});
    QVERIFY2(near(curve[0].adev, std::sqrt(3.0) * 1e-8, 0.05), qPrintable(QString::number(curve[0].adev)));
    // The pooled value is the terms-weighted mean of the runs' variances.
    const double a = overlappingAdev(record.runs[0], 1.0, 1);
    const double b = overlappingAdev(record.runs[1], 1.0, 1);
    QVERIFY(near(curve[0].adev, std::sqrt((a * a + b * b) / 2), 1e-12));
}

void TestStabilityInput::offGridBucketSplits()
{
    std::vector<double> phase(40, 0.0);
    HistoryRange range = filledRange(phase);
    for (std::size_t i = 20; i < range.buckets.size(); ++i)
        range.buckets[i].start += kSecond / 2; // a tail merged on another grid
    const PhaseRecord record = extractPhase(range);
    QCOMPARE(record.runs.size(), std::size_t{2});
    QCOMPARE(record.splits, std::size_t{1});
    HistoryRange failed;
    failed.error = "no such series: x";
    QVERIFY(extractPhase(failed).runs.empty());
}

void TestStabilityInput::tooFewSamplesGiveNoPoint()
{
    std::vector<double> phase(kMinStabilitySamples - 1, 0.0);
    std::mt19937_64 random(kSeed);
    std::normal_distribution<double> normal(0, 1e-8);
    for (double &x : phase)
        x = normal(random);
    QVERIFY(pooledStabilityCurve(extractPhase(filledRange(phase)), 1e4).empty());
    phase.push_back(normal(random));
    const std::vector<StabilityPoint> curve = pooledStabilityCurve(extractPhase(filledRange(phase)), 1e4);
    QCOMPARE(curve.size(), std::size_t{1});
    QCOMPARE(curve[0].m, std::size_t{1});
    // Two runs of 4 each with a gap: neither alone, nor together, makes three intervals of 2.
    std::vector<double> split(10, 0.0);
    HistoryRange range = filledRange(split);
    range.buckets[4].count = 0;
    range.buckets[5].count = 0;
    QVERIFY(pooledStabilityCurve(extractPhase(range), 1e4).empty());
}

void TestStabilityInput::tauStopsAtTheLimitAndTheData()
{
    std::vector<double> phase(100'000, 0.0);
    std::mt19937_64 random(kSeed);
    std::normal_distribution<double> normal(0, 1e-8);
    for (double &x : phase)
        x = normal(random);
    const std::vector<StabilityPoint> limited = pooledStabilityCurve(extractPhase(filledRange(phase)), 1e4);
    QVERIFY(!limited.empty());
    QVERIFY(limited.back().tau <= 1e4);
    QCOMPARE(limited.back().m, std::size_t{8192});
    // 1000 samples: at least three independent 2-tau intervals, so tau <= 999 / 6 s.
    phase.resize(1000);
    const std::vector<StabilityPoint> data = pooledStabilityCurve(extractPhase(filledRange(phase)), 1e4);
    QCOMPARE(data.back().m, std::size_t{128});
    for (const StabilityPoint &point : data)
        QVERIFY((1000 - 1) / (2 * point.m) >= kMinIndependentIntervals);
}

QTEST_GUILESS_MAIN(TestStabilityInput)
#include "tst_stabilityinput.moc"
