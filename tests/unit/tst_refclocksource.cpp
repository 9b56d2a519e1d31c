// Reference clocks inside the engine: the refclock filter, sample and pulse offsets, PPS pairing
// with a `lock` source, and a GPS + PPS pair driving the engine to stratum 1 with PPS selected.

#include "config/ConfigReader.h"
#include "engine/Engine.h"
#include "history/HistoryRecorder.h"
#include "logging/LogRecords.h"
#include "refclock/RefClockFilter.h"
#include "refclock/RefClockSource.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace s1;
using namespace std::chrono_literals;

namespace {

const RealTime kStart = realTimeFromNanos(1'790'000'000LL * kNanosPerSecond + 250'000'000);
// Edge times one pulse apart, as the history holds them (to the millisecond), in seconds.
constexpr double kEdgeStepTolerance = 1.1e-3;

StatSample sampleAt(RealTime t, double offset, double dispersion = 1e-6)
{
    StatSample s;
    s.time = t;
    s.offset = offset;
    s.peerDispersion = dispersion;
    s.rootDispersion = dispersion;
    return s;
}

EngineConfig configFrom(const char *text)
{
    const ConfigReadResult result = readConfigText(text, "test.conf");
    if (!result.ok())
        qFatal("bad test configuration");
    return result.config;
}

const SourceSnapshot *byName(const EngineSnapshot &snapshot, const std::string &name)
{
    for (const SourceSnapshot &s : snapshot.sources)
        if (s.name == name)
            return &s;
    return nullptr;
}
// A pointer into a snapshot that dies at the end of the statement would dangle: name it first.
const SourceSnapshot *byName(EngineSnapshot &&snapshot, const std::string &name) = delete;

} // namespace

class TestRefClockSource : public QObject
{
    Q_OBJECT

private slots:
    void filterAveragesTheSamplesNearestTheMedian()
    {
        RefClockFilter filter(16);
        // Ten samples around 1 ms and two wild ones: the wild ones must not move the result.
        for (int i = 0; i < 10; ++i)
            filter.add(sampleAt(kStart + std::chrono::seconds(i), 1e-3 + (i % 2 ? 1e-6 : -1e-6)));
        filter.add(sampleAt(kStart + 10s, 0.4));
        filter.add(sampleAt(kStart + 11s, -0.3));
        const auto out = filter.take(4);
        QVERIFY(out);
        QVERIFY(std::abs(out->offset - 1e-3) < 2e-6);
        QVERIFY(out->peerDispersion >= 1e-6);
        QCOMPARE(filter.size(), 0); // starts over
        QVERIFY(!filter.take(4));
    }

    void filterAveragesEveryWellBehavedSample()
    {
        // Sixteen samples of normal noise: none lies beyond kOutlierSds robust standard
        // deviations, so the output is their plain mean (a fixed 60 % around the median would
        // throw away six of them and about 3 % of the mean's precision).
        std::mt19937_64 random(16);
        std::normal_distribution<double> noise(0.0, 100e-6);
        RefClockFilter filter(16);
        double sum = 0;
        for (int i = 0; i < 16; ++i) {
            const double offset = 1e-3 + noise(random);
            sum += offset;
            filter.add(sampleAt(kStart + std::chrono::seconds(i), offset));
        }
        const auto out = filter.take(16);
        QVERIFY(out);
        QVERIFY2(std::abs(out->offset - sum / 16) < 1e-12, qPrintable(QString::number(out->offset - sum / 16)));
    }

    void filterSortsOnTheDisciplinedClock()
    {
        // chrony's 106-refclock-shm: 16 samples a poll, one a second, from a raw clock 100 ppm
        // fast. Raw offsets fall 100 us a second against 10 us of noise; sorted raw, the kept
        // 60 % were just the middle samples in time and their spread (the drift) became the
        // dispersion. With the drift removed the outliers go and the spread is the noise.
        constexpr double kDrift = -1e-4; // raw offsets' slope: ClockDiscipline::frequency()
        constexpr double kNoise = 10e-6;
        RefClockFilter filter(16);
        for (int i = 0; i < 16; ++i) {
            const double noise = i == 5 ? 500e-6 : i == 12 ? -500e-6 : (i % 2 ? kNoise : -kNoise);
            filter.add(sampleAt(kStart + std::chrono::seconds(i), 1e-3 + kDrift * i + noise));
        }
        const auto out = filter.take(4, kDrift);
        QVERIFY(out);
        const double expected = 1e-3 + kDrift * toSeconds(out->time - kStart);
        QVERIFY2(std::abs(out->offset - expected) < kNoise, qPrintable(QString::number(out->offset - expected)));
        QVERIFY2(out->peerDispersion < 2 * kNoise, qPrintable(QString::number(out->peerDispersion)));
    }

    void filterSpreadIgnoresAnUnknownDrift()
    {
        // The first polls of chrony's 106-refclock-shm: the raw clock runs 100 ppm fast and no
        // frequency is known yet, so the offsets fall 1.6 ms over a poll against 100 us of
        // noise. Their spread about the mean (the drift's, 460 us) made a dispersion four times
        // the noise's standard error, and it stayed in the long-term variance for dozens of
        // polls; about a line it is the noise's.
        constexpr double kDrift = -1e-4; // raw offsets' slope, not known to the filter
        constexpr double kNoise = 100e-6;
        constexpr int kPerPoll = 16;
        std::mt19937_64 random(1);
        std::normal_distribution<double> noise(0.0, kNoise);
        RefClockFilter filter(kPerPoll);
        for (int i = 0; i < kPerPoll; ++i)
            filter.add(sampleAt(kStart + std::chrono::seconds(i), 1e-3 + kDrift * i + noise(random)));
        const auto out = filter.take(kPerPoll, 0.0);
        QVERIFY(out);
        const double standardError = kNoise / std::sqrt(double(kPerPoll));
        const QString figures = QStringLiteral("spread %1 s, dispersion %2 s, noise's standard error %3 s")
                                    .arg(filter.lastSpread())
                                    .arg(out->peerDispersion)
                                    .arg(standardError);
        QVERIFY2(std::abs(filter.lastSpread() - kNoise) < 0.4 * kNoise, qPrintable(figures));
        QVERIFY2(out->peerDispersion < 1.4 * standardError, qPrintable(figures));
        // The mean still lies on the drift at the mean time.
        const double expected = 1e-3 + kDrift * toSeconds(out->time - kStart);
        QVERIFY2(std::abs(out->offset - expected) < 3 * standardError, qPrintable(figures));
    }

    void filterDispersionIsSteadyAcrossPolls()
    {
        // chrony's 106-refclock-shm: 16 samples a poll with 100 us of normal noise. The
        // statistics weigh each filtered sample by its dispersion; taken from each poll's own
        // spread (ten kept samples estimate it to about a fifth) the weights were chance, and
        // with them the regression. The long-term variance keeps them within a few per cent,
        // and the dispersion is the error of the mean, not of one sample.
        constexpr double kNoise = 100e-6;
        constexpr int kPerPoll = 16;
        constexpr int kPolls = 40;
        constexpr int kWarmUp = 10; // polls before the long-term variance holds 50 degrees of freedom
        std::mt19937_64 random(106);
        std::normal_distribution<double> noise(0.0, kNoise);
        RefClockFilter filter(64);
        std::vector<double> dispersions;
        for (int poll = 0; poll < kPolls; ++poll) {
            for (int i = 0; i < kPerPoll; ++i)
                filter.add(sampleAt(kStart + std::chrono::seconds(poll * kPerPoll + i), noise(random)));
            const auto out = filter.take(kPerPoll);
            QVERIFY(out);
            if (poll >= kWarmUp)
                dispersions.push_back(out->peerDispersion);
        }
        std::vector<double> sorted = dispersions;
        std::sort(sorted.begin(), sorted.end());
        const double median = sorted[sorted.size() / 2];
        // A poll whose spread is significantly larger (one in ten by chance) keeps its own.
        const auto steady = std::count_if(dispersions.begin(), dispersions.end(),
                                          [median](double d) { return std::abs(d - median) < 0.1 * median; });
        const QString figures = QStringLiteral("%1 of %2 within a tenth of the median %3 s (%4 .. %5)")
                                    .arg(steady)
                                    .arg(dispersions.size())
                                    .arg(median)
                                    .arg(sorted.front())
                                    .arg(sorted.back());
        QVERIFY2(steady >= static_cast<long>(dispersions.size() * 8 / 10), qPrintable(figures));
        // All sixteen are kept (none is an outlier), so the dispersion is the error of their
        // mean: kNoise / 4 (ten kept of sixteen gave a narrower spread over fewer samples).
        QVERIFY2(std::abs(median - kNoise / std::sqrt(16.0)) < 0.15 * kNoise / std::sqrt(16.0), qPrintable(figures));
    }

    void filterWaitsForEnoughSamplesAndDropsTheOldest()
    {
        RefClockFilter filter(5);
        for (int i = 0; i < 3; ++i)
            filter.add(sampleAt(kStart + std::chrono::seconds(i), 1.0));
        QVERIFY(!filter.take(4));
        QCOMPARE(filter.size(), 3); // kept for the next poll
        for (int i = 3; i < 8; ++i)
            filter.add(sampleAt(kStart + std::chrono::seconds(i), 2.0));
        QCOMPARE(filter.size(), 5);
        const auto out = filter.take(4);
        QVERIFY(out);
        QCOMPARE(out->offset, 2.0); // the three 1.0 samples were pushed out
    }

    void sampleOffsetIsReferenceMinusReceivePlusOffset()
    {
        RefClockConfig config;
        config.driver = RefClockDriver::Shm;
        config.offset = 0.25;
        config.filter = 4;
        RefClockSource source(1, config, "GPS", kStart, 1e-6);
        for (int i = 0; i < 4; ++i) {
            RefClockSample s;
            s.receiveTime = kStart + std::chrono::seconds(i);
            s.referenceTime = s.receiveTime - 300ms; // the message says a time 0.3 s old
            QVERIFY(source.addSample(s));
        }
        const auto out = source.poll(source.nextPollTime(), [](RealTime) { return 0.0; });
        QVERIFY(out);
        QVERIFY(std::abs(out->offset - (-0.3 + 0.25)) < 1e-12);
        QCOMPARE(source.reach(), std::uint8_t(1));
        QCOMPARE(source.referenceId(), 0x47505300u); // "GPS"
    }

    void taiSamplesAreConvertedToUtc()
    {
        RefClockConfig config;
        config.driver = RefClockDriver::Phc;
        config.tai = true;
        config.filter = 1;
        RefClockSource source(1, config, "PHC0", kStart, 1e-6);
        RefClockSample s;
        s.receiveTime = kStart;
        s.referenceTime = kStart + 37s + 2us;
        QVERIFY(source.addSample(s));
        QVERIFY(std::abs(source.newestRawSample()->offset - 2e-6) < 1e-12);
    }

    void unsynchronisedSamplesAreRejected()
    {
        RefClockConfig config;
        RefClockSource source(1, config, "SHM0", kStart, 1e-6);
        RefClockSample s;
        s.receiveTime = kStart;
        s.referenceTime = kStart;
        s.leap = LeapIndicator::Unsynchronised;
        QVERIFY(!source.addSample(s));
        QCOMPARE(source.snapshot().repliesRejected, 1u);
        QVERIFY(!source.snapshot().lastRejectReason.empty());
    }

    void lockedPulseTakesItsSecondFromTheLockSource()
    {
        RefClockConfig config;
        config.driver = RefClockDriver::Pps;
        config.lockRefId = "GPS";
        RefClockSource pps(2, config, "PPS", kStart, 1e-9);
        // The raw clock is 3.2 ms behind true time: an edge at true second S is seen at raw
        // S - 3.2 ms. The lock source says true = raw + 3.21 ms (its own 10 us error).
        const RealTime edge = realTimeFromNanos(1'790'000'100LL * kNanosPerSecond) - 3'200us;
        QVERIFY(pps.addPulse(edge, PulseReference{PulseReference::Kind::LockedSource, 3.21e-3}));
        QVERIFY(std::abs(pps.newestRawSample()->offset - 3.2e-3) < 1e-12);

        // A lock source 0.45 s off cannot tell which second it is: rejected.
        QVERIFY(!pps.addPulse(edge, PulseReference{PulseReference::Kind::LockedSource, 0.45}));
        QVERIFY(pps.snapshot().lastRejectReason.find("GPS") != std::string::npos);
        // No reference at all: rejected too.
        QVERIFY(!pps.addPulse(edge, std::nullopt));
        QCOMPARE(pps.snapshot().repliesRejected, 2u);
    }

    void widthDropsTheTrailingEdge()
    {
        RefClockConfig config;
        config.driver = RefClockDriver::Phc;
        config.externalPps = true;
        config.pulseWidth = 0.1; // s high, both edges timestamped
        config.lockRefId = "GPS";
        RefClockSource pps(2, config, "PHC0", kStart, 1e-9);
        const RealTime second = realTimeFromNanos(1'790'000'100LL * kNanosPerSecond);
        const PulseReference reference{PulseReference::Kind::LockedSource, 0.0};
        QVERIFY(pps.addPulse(second + 2us, reference));          // the leading edge
        QVERIFY(!pps.addPulse(second + 100ms + 2us, reference)); // the trailing edge
        QVERIFY(pps.snapshot().lastRejectReason.find("width") != std::string::npos);
        QVERIFY(pps.addPulse(second + 1s - 3us, reference)); // the next leading edge, early

        config.pulseWidth = 0.8; // high for most of the second: the trailing edge is before the next pulse
        RefClockSource wide(3, config, "PHC1", kStart, 1e-9);
        QVERIFY(wide.addPulse(second + 1us, reference));
        QVERIFY(!wide.addPulse(second + 800ms, reference));
    }

    void pulsesAtHigherRatesPairWithTheNearestPeriod()
    {
        RefClockConfig config;
        config.driver = RefClockDriver::Pps;
        config.rate = 10;
        config.lockRefId = "GPS";
        RefClockSource pps(2, config, "PPS", kStart, 1e-9);
        const RealTime edge = realTimeFromNanos(1'790'000'100LL * kNanosPerSecond + 300'000'000) + 1'500us;
        QVERIFY(pps.addPulse(edge, PulseReference{PulseReference::Kind::LockedSource, -0.02}));
        QVERIFY(std::abs(pps.newestRawSample()->offset - (-1.5e-3)) < 1e-12);
    }

    void forcedPpsUsesOnlyThePhase()
    {
        RefClockConfig config;
        config.driver = RefClockDriver::Shm;
        config.ppsForced = true;
        RefClockSource source(1, config, "SHM0", kStart, 1e-6);
        RefClockSample s;
        s.receiveTime = realTimeFromNanos(1'790'000'100LL * kNanosPerSecond + 400'000'000);
        // The reference says xx.000012 s: the period began 12 us before the reading.
        s.referenceTime = realTimeFromNanos(1'790'000'222LL * kNanosPerSecond + 12'000);
        QCOMPARE(source.pulseEdgeOf(s), s.receiveTime - 12us);
    }

    // A GPS (time of day, 20 ms of serial jitter and 0.13 s latency compensated by `offset`)
    // and a PPS locked to it, on a raw clock 1.5 ms behind true time and 20 ppm slow. The engine
    // must select PPS, serve stratum 1 with reference ID "PPS" and keep its time within a few
    // microseconds of the truth.
    void gpsAndLockedPpsGiveStratumOne()
    {
        Engine engine(configFrom("refclock SHM 0 refid GPS offset 0.13 delay 0.2 poll 3\n"
                                 "refclock PPS /dev/pps0 lock GPS refid PPS poll 3\n"
                                 "makestep 1 -1\n"),
                      EngineOptions{}, kStart);
        std::mt19937_64 random(7);
        std::normal_distribution<double> serialJitter(0.0, 0.02);
        std::normal_distribution<double> ppsJitter(0.0, 1e-7);
        const double rawOffset = -1.5e-3; // raw - true at the start
        const double rawRate = -20e-6;
        const auto rawAt = [&](double trueSeconds) {
            const double err = rawOffset + rawRate * trueSeconds;
            return kStart + fromSeconds(trueSeconds + err);
        };
        double maxError = 0;
        const double settle = 200; // s
        for (int second = 1; second <= 600; ++second) {
            // The pulse marks the start of true second `second` (kStart is .25 past a second).
            const double pulseTrue = second - 0.25;
            const RealTime edge = rawAt(pulseTrue) + fromSeconds(ppsJitter(random));
            engine.handleRefClockPulse(1, RefClockPulse{edge, static_cast<std::uint32_t>(second)}, edge);
            // The NMEA message about that second arrives 0.13 s (+ jitter) later.
            const double arrivalTrue = pulseTrue + 0.13 + std::abs(serialJitter(random));
            RefClockSample nmea;
            nmea.receiveTime = rawAt(arrivalTrue);
            nmea.referenceTime = kStart + fromSeconds(pulseTrue);
            engine.handleRefClockSample(0, nmea, nmea.receiveTime);
            const RealTime wake = rawAt(pulseTrue + 0.5);
            while (engine.nextWakeup() && *engine.nextWakeup() <= wake)
                engine.handleTimeout(*engine.nextWakeup());
            if (pulseTrue > settle) {
                const RealTime served = engine.localTime(wake);
                const double error = toSeconds(served - (kStart + fromSeconds(pulseTrue + 0.5)));
                maxError = std::max(maxError, std::abs(error));
            }
        }
        const EngineSnapshot snapshot = engine.snapshot(rawAt(600));
        const SourceSnapshot *pps = byName(snapshot, "PPS");
        const SourceSnapshot *gps = byName(snapshot, "GPS");
        QVERIFY(pps && gps);
        QCOMPARE(pps->kind, SourceKind::RefClock);
        QCOMPARE(pps->state, SourceState::Selected);
        QVERIFY(gps->state != SourceState::Selected && gps->state != SourceState::Falseticker);
        QCOMPARE(pps->reach, std::uint8_t(0377));
        QCOMPARE(snapshot.reference.stratum, 1);
        QCOMPARE(snapshot.reference.referenceId, 0x50505300u);
        QVERIFY2(maxError < 20e-6, qPrintable(QString("max error %1 s").arg(maxError)));
    }

    // Each accepted pulse reaches the history once, as its own point of source/PPS/edge, whether
    // the snapshots come every second or every few seconds; a pulse the driver missed is a gap,
    // a pulse the lock cannot pair is no point. The jitter gets one point per poll.
    void ppsEdgesReachTheHistoryOnePerPulse()
    {
        Engine engine(configFrom("refclock SHM 0 refid GPS offset 0.13 delay 0.2 poll 3\n"
                                 "refclock PPS /dev/pps0 lock GPS refid PPS poll 3\n"
                                 "makestep 1 -1\n"),
                      EngineOptions{}, kStart);
        std::mt19937_64 random(11);
        std::normal_distribution<double> ppsJitter(0.0, 1e-7);
        const double rawRate = -20e-6;
        const auto rawAt = [&](double trueSeconds) { return kStart + fromSeconds(trueSeconds * (1 + rawRate)); };
        constexpr int kSeconds = 400;
        constexpr int kMissedPulse = 123; // the driver never delivers this one
        HistoryStore store;
        HistoryRecorder recorder;
        int delivered = 0;
        for (int second = 1; second <= kSeconds; ++second) {
            const double pulseTrue = second - 0.25;
            if (second != kMissedPulse) {
                const RealTime edge = rawAt(pulseTrue) + fromSeconds(ppsJitter(random));
                engine.handleRefClockPulse(1, RefClockPulse{edge, static_cast<std::uint32_t>(second)}, edge);
                ++delivered;
            }
            RefClockSample nmea;
            nmea.receiveTime = rawAt(pulseTrue + 0.13);
            nmea.referenceTime = kStart + fromSeconds(pulseTrue);
            engine.handleRefClockSample(0, nmea, nmea.receiveTime);
            const RealTime wake = rawAt(pulseTrue + 0.5);
            while (engine.nextWakeup() && *engine.nextWakeup() <= wake)
                engine.handleTimeout(*engine.nextWakeup());
            // Every second for the first half, then every seven.
            if (second <= kSeconds / 2 || second % 7 == 0 || second == kSeconds)
                recorder.record(engine.snapshot(wake), store);
        }
        const EngineSnapshot snapshot = engine.snapshot(rawAt(kSeconds));
        const SourceSnapshot *pps = byName(snapshot, "PPS");
        QVERIFY(pps);
        QCOMPARE(pps->state, SourceState::Selected);
        QVERIFY(pps->recentEdges.size() <= RefClockSource::kRecentEdges);
        const std::uint64_t accepted = pps->recentEdges.back().number;
        // Before the GPS had a sample nothing paired; after, every delivered pulse.
        QVERIFY2(accepted + 3 >= static_cast<std::uint64_t>(delivered), qPrintable(QString::number(accepted)));
        QCOMPARE(pps->repliesAccepted, accepted);

        const HistorySeries *edges = store.series("source/PPS/edge");
        QVERIFY(edges);
        QCOMPARE(edges->points().size(), static_cast<std::size_t>(accepted));
        bool gapSeen = false;
        for (std::size_t i = 1; i < edges->points().size(); ++i) {
            const double step = static_cast<double>(edges->points()[i].time - edges->points()[i - 1].time) / 1e9;
            const bool gap = step > 1.5;
            // The history keeps times to the millisecond, so a step may read a millisecond short or long.
            QVERIFY2(std::abs(step - (gap ? 2.0 : 1.0)) < kEdgeStepTolerance,
                     qPrintable(QString("step %1 s").arg(step)));
            gapSeen = gapSeen || gap;
        }
        QVERIFY(gapSeen); // the missed pulse
        // Against our time, once the clock follows the PPS: the pulse noise, unfiltered.
        double sum = 0;
        double squares = 0;
        const std::size_t n = 100;
        for (std::size_t i = edges->points().size() - n; i < edges->points().size(); ++i) {
            const double v = static_cast<double>(edges->points()[i].value);
            sum += v;
            squares += v * v;
        }
        const double mean = sum / n;
        const double sigma = std::sqrt(squares / n - mean * mean);
        QVERIFY2(std::abs(mean) < 1e-6, qPrintable(QString("mean %1 s").arg(mean)));
        QVERIFY2(sigma > 0.5e-7 && sigma < 2e-7, qPrintable(QString("sigma %1 s").arg(sigma)));

        // One jitter point per poll with a sample (8 s), of the pulses' size.
        const HistorySeries *jitter = store.series("source/PPS/jitter");
        QVERIFY(jitter);
        QCOMPARE(jitter->points().size(), store.series("source/PPS/offset")->points().size());
        QVERIFY(jitter->points().size() >= kSeconds / 8 - 8);
        QVERIFY(pps->jitter && *pps->jitter > 0 && *pps->jitter < 3e-7);
        // The GPS has no pulses: no edge series.
        QVERIFY(!store.series("source/GPS/edge"));
        QVERIFY(store.series("source/GPS/jitter"));
    }

    // `log statistics` covers every source, as in chronyd: a refclock's regression is logged
    // under its reference ID (no address), once per filtered sample that reaches it.
    void refclockRegressionsAreLogged()
    {
        EngineConfig config = configFrom("refclock SHM 0 refid GPS poll 2\n");
        config.logging.logDir = "/nonexistent"; // records only: the engine writes no files
        config.logging.statistics = true;
        Engine engine(config, EngineOptions{}, kStart);
        constexpr int kSeconds = 40;
        constexpr double kReferenceAhead = 2e-3; // s
        std::vector<StatisticsLogRecord> logged;
        for (int second = 1; second <= kSeconds; ++second) {
            RefClockSample s;
            s.receiveTime = kStart + std::chrono::seconds(second);
            s.referenceTime = s.receiveTime + fromSeconds(kReferenceAhead);
            engine.handleRefClockSample(0, s, s.receiveTime);
            while (engine.nextWakeup() && *engine.nextWakeup() <= s.receiveTime + 500ms)
                engine.handleTimeout(*engine.nextWakeup());
            for (const EngineLogRecord &r : engine.takeLogRecords())
                if (const auto *st = std::get_if<StatisticsLogRecord>(&r))
                    logged.push_back(*st);
        }
        const EngineSnapshot snapshot = engine.snapshot(kStart + std::chrono::seconds(kSeconds));
        const SourceSnapshot *gps = byName(snapshot, "GPS");
        QVERIFY(gps);
        QVERIFY2(logged.size() >= 3, qPrintable(QString::number(logged.size())));
        for (const StatisticsLogRecord &st : logged) {
            QVERIFY(st.address.isNull());
            QCOMPARE(st.referenceId, 0x47505300u);
        }
        QCOMPARE(logged.back().samples, gps->stats.samples);
        // On our time scale, as in the sourcestats report: the engine has taken the 2 ms out.
        QVERIFY2(std::abs(logged.back().estimatedOffset - gps->stats.offset) < 1e-6,
                 qPrintable(QString("%1 vs %2").arg(logged.back().estimatedOffset).arg(gps->stats.offset)));
    }

    void ppsWithoutLockWaitsForASynchronisedClock()
    {
        Engine engine(configFrom("refclock PPS /dev/pps0 refid PPS poll 2\n"), EngineOptions{}, kStart);
        for (int second = 1; second <= 40; ++second) {
            const RealTime edge = kStart + std::chrono::seconds(second) - 250ms + 30us;
            engine.handleRefClockPulse(0, RefClockPulse{edge, static_cast<std::uint32_t>(second)}, edge);
            while (engine.nextWakeup() && *engine.nextWakeup() <= edge + 500ms)
                engine.handleTimeout(*engine.nextWakeup());
        }
        const EngineSnapshot snapshot = engine.snapshot(kStart + 41s);
        const SourceSnapshot *pps = byName(snapshot, "PPS");
        QVERIFY(pps);
        QCOMPARE(pps->reach, std::uint8_t(0));
        QCOMPARE(pps->repliesAccepted, 0u);
        QCOMPARE(pps->repliesRejected, 40u);
        QVERIFY(!snapshot.reference.synchronised);
    }

    void defaultReferenceIdsFollowChrony()
    {
        RefClockConfig c;
        c.driver = RefClockDriver::Sock;
        QCOMPARE(Engine::defaultRefId(c, 1), std::string("SOC1"));
        c.driver = RefClockDriver::Phc;
        QCOMPARE(Engine::defaultRefId(c, 0), std::string("PHC0"));
    }
};

QTEST_APPLESS_MAIN(TestRefClockSource)
#include "tst_refclocksource.moc"
