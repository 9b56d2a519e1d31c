// The simulator itself: its oscillator model and that runs are deterministic. (Accuracy limits
// of the engine in simulation live in tst_timekeeping.)
#include "history/HistoryRecorder.h"
#include "sim/SimClock.h"
#include "sim/Simulation.h"

#include <QtTest>

#include <cmath>

using namespace s1;
using namespace s1::sim;
using namespace std::chrono_literals;

namespace {
const RealTime kEpoch = RealTime(std::chrono::seconds(1'767'225'600));
constexpr double kNs = 1e-9;
// Edge times one pulse apart, as the history holds them (to the millisecond), in seconds.
constexpr double kEdgeStepTolerance = 1.1e-3;
} // namespace

class TestSimulation : public QObject
{
    Q_OBJECT
private slots:
    void constantFrequencyIntegrates();
    void readAndTrueTimeAreInverse();
    void wanderIsARandomWalkOfTheGivenSize();
    void sameSeedSameRun();
    void differentSeedDifferentNoise();
    void lossDropsPackets();
    void fuzzedServerTimestampsAreAllAccepted();
    void restoredSourcesSelectWithinOnePoll();
    void ppsGivesOneEdgePointPerPulse();
    void hardwareTimestampsThroughThePhc();
};

void TestSimulation::constantFrequencyIntegrates()
{
    SimClock clock({1e-4, 0, 0.1}, kEpoch, 1);
    // After 1000 s at +100 ppm the clock has gained 0.1 s on top of its 0.1 s start offset.
    const double offset = toSeconds(clock.read(1000s) - (kEpoch + 1000s));
    QVERIFY(std::abs(offset - 0.2) < 2 * kNs);
    const double half = toSeconds(clock.read(1500ms) - (kEpoch + 1500ms));
    QVERIFY(std::abs(half - (0.1 + 1.5e-4)) < 2 * kNs);
}

void TestSimulation::readAndTrueTimeAreInverse()
{
    SimClock clock({-3e-5, 1e-8, -0.25}, kEpoch, 7);
    for (std::int64_t ms : {0LL, 1LL, 999LL, 1000LL, 123456LL, 9'999'999LL}) {
        const TrueTime t = std::chrono::milliseconds(ms) + 300ms;
        const RealTime raw = clock.read(t);
        const TrueTime back = clock.trueTimeOf(raw);
        QVERIFY2(std::abs((back - t).count()) <= 2, qPrintable(QString::number((back - t).count())));
        QVERIFY(clock.read(back) >= raw);
    }
}

void TestSimulation::wanderIsARandomWalkOfTheGivenSize()
{
    constexpr double kWander = 1e-9;
    constexpr int kSteps = 20000;
    SimClock clock({0, kWander, 0}, kEpoch, 3);
    double sumSquares = 0;
    double previous = clock.frequencyAt(0s);
    for (int k = 1; k <= kSteps; ++k) {
        const double f = clock.frequencyAt(std::chrono::seconds(k));
        sumSquares += (f - previous) * (f - previous);
        previous = f;
    }
    const double stepSd = std::sqrt(sumSquares / kSteps);
    QVERIFY2(std::abs(stepSd / kWander - 1.0) < 0.05, qPrintable(QString::number(stepSd)));
}

void TestSimulation::sameSeedSameRun()
{
    Scenario scenario = *findScenario("default");
    scenario.duration = 2000;
    Simulation a(scenario, 42);
    Simulation b(scenario, 42);
    const RunResult ra = a.run();
    const RunResult rb = b.run();
    QCOMPARE(ra.rmsError, rb.rmsError);
    QCOMPARE(ra.maxError, rb.maxError);
    QVERIFY(ra.finalSnapshot == rb.finalSnapshot);
    QVERIFY(ra.packetsDelivered > 0);
}

void TestSimulation::differentSeedDifferentNoise()
{
    Scenario scenario = *findScenario("default");
    scenario.duration = 2000;
    const RunResult ra = Simulation(scenario, 1).run();
    const RunResult rb = Simulation(scenario, 2).run();
    QVERIFY(!ra.finalSnapshot.sources.empty() && !rb.finalSnapshot.sources.empty());
    QVERIFY(ra.finalSnapshot.sources[0].lastSample->offset != rb.finalSnapshot.sources[0].lastSample->offset);
}

void TestSimulation::lossDropsPackets()
{
    Scenario lossless = *findScenario("packet-loss");
    lossless.network.loss = 0;
    lossless.duration = 5000;
    Scenario lossy = lossless;
    lossy.network.loss = 0.33;
    const auto sent = [](const RunResult &r) { return r.finalSnapshot.sources.at(0).requestsSent; };
    const auto answered = [](const RunResult &r) { return r.finalSnapshot.sources.at(0).repliesAccepted; };
    const RunResult a = Simulation(lossless, 5).run();
    const RunResult b = Simulation(lossy, 5).run();
    QCOMPARE(answered(a), sent(a));
    // Each exchange survives with probability (1 - 0.33)^2, about 0.45.
    const double survival = static_cast<double>(answered(b)) / static_cast<double>(sent(b));
    QVERIFY2(survival > 0.3 && survival < 0.6, qPrintable(QString::number(survival)));
}

void TestSimulation::fuzzedServerTimestampsAreAllAccepted()
{
    // The servers answer at once and randomise the bits of T2 and T3 below their precision,
    // as chronyd does under clknetsim: T3 < T2 in about half the replies. None of them may be
    // rejected (under clknetsim half of chronyd's replies were, as "invalid timestamps").
    Scenario scenario = *findScenario("poll-4");
    scenario.duration = 2000;
    QVERIFY(scenario.serverTimestampFuzz); // what the simulator models by default
    const RunResult r = Simulation(scenario, 3).run();
    const SourceSnapshot &source = r.finalSnapshot.sources.at(0);
    QVERIFY(source.requestsSent > 100);
    QCOMPARE(source.repliesRejected, 0u);
    QCOMPARE(source.repliesAccepted, source.requestsSent);

    // The noise is there: without it the same run differs.
    scenario.serverTimestampFuzz = false;
    const RunResult plain = Simulation(scenario, 3).run();
    QVERIFY(plain.finalSnapshot.sources.at(0).lastSample->offset != source.lastSample->offset);
}

void TestSimulation::hardwareTimestampsThroughThePhc()
{
    // chrony's 133-hwtimestamp test: the client's card stamps its packets and the host puts
    // the stamps on its clock through the PHC, read with 1 µs of delay and asymmetric jitter.
    // Both ways the stamps are the card's, the sample tests never refuse one, and the clock
    // keeps within the test's limits (RMS 1e-7 s) after its max_sync_time, on both clocks.
    const Scenario scenario = *findScenario("hwts");
    QVERIFY(scenario.hardwareTimestamps && scenario.xleave);
    for (const ClientClock clock : {ClientClock::Virtual, ClientClock::Kernel}) {
        const RunResult r = Simulation(scenario, 4, clock).run();
        const SourceSnapshot &source = r.finalSnapshot.sources.at(0);
        QVERIFY(source.lastExchange && source.lastExchange->hardwareReceive && source.lastExchange->hardwareTransmit);
        QVERIFY(source.lastExchange->interleaved);
        // The first stamps come before the PHC has two readings: those are the kernel's.
        QVERIFY2(source.hardwareReceiveStamps + 2 >= source.repliesAccepted,
                 qPrintable(QString::number(source.hardwareReceiveStamps)));
        QVERIFY(source.hardwareTransmitStamps + 20 >= source.requestsSent);
        QVERIFY2(r.rmsError < 1e-7, qPrintable(QString::number(r.rmsError)));
        QVERIFY2(r.maxError < 3e-7, qPrintable(QString::number(r.maxError)));
    }
    // Without the card, the same run has no hardware stamps at all.
    Scenario software = scenario;
    software.hardwareTimestamps.reset();
    const RunResult plain = Simulation(software, 4).run();
    QCOMPARE(plain.finalSnapshot.sources.at(0).hardwareReceiveStamps, 0u);
    QVERIFY(!plain.finalSnapshot.sources.at(0).lastExchange->hardwareReceive);
}

// chronyd's dump and -r: a restarted client that gets its predecessor's statistics selects a
// source whose frequency is known at the first replies of the new run, where a fresh start
// selects on an offset alone and needs several polls before the frequency is known that well;
// the falseticker stays out.
void TestSimulation::restoredSourcesSelectWithinOnePoll()
{
    const Scenario scenario = *findScenario("falsetickers-1");
    constexpr double kLearn = 3000;                        // s before the restart: the regressions are full
    const double poll = std::ldexp(1.0, scenario.minPoll); // s, a new engine's first interval
    constexpr double kStep = 1;                            // s between looks
    constexpr double kKnownSkewPpm = 1.0;                  // a frequency known well enough to steer by
    struct Restart
    {
        double selectedAfter = -1; // s after the restart until a source is selected, -1: never
        double knownAfter = -1;    // ... selected with a skew below kKnownSkewPpm
        int samplesAtStart = 0;    // the sources' samples right after the restart
        bool falsetickerSelected = false;
        double errorAfterPoll = 0; // s, the clock's error one poll after the restart
    };
    const auto restart = [&](bool restore) {
        Simulation simulation(scenario, 11);
        simulation.run(kLearn);
        simulation.restartClient(restore);
        Restart r;
        for (const SourceSnapshot &source : simulation.client().snapshot(simulation.clientReading()).sources)
            r.samplesAtStart += source.stats.samples;
        for (double t = kLearn + kStep; t <= kLearn + 20 * poll && (r.knownAfter < 0 || t <= kLearn + poll);
             t += kStep) {
            simulation.run(t);
            if (t == kLearn + poll)
                r.errorAfterPoll = simulation.currentError();
            const EngineSnapshot snapshot = simulation.client().snapshot(simulation.clientReading());
            for (std::size_t i = 0; i < snapshot.sources.size(); ++i) {
                const SourceSnapshot &source = snapshot.sources[i];
                if (source.state != SourceState::Selected)
                    continue;
                r.falsetickerSelected = r.falsetickerSelected || i == 0; // the scenario's first server lies
                if (r.selectedAfter < 0)
                    r.selectedAfter = t - kLearn;
                if (source.stats.frequencySkewPpm < kKnownSkewPpm && r.knownAfter < 0)
                    r.knownAfter = t - kLearn;
            }
        }
        return r;
    };
    const Restart fresh = restart(false);
    const Restart restored = restart(true);
    qInfo("fresh: selected after %.0f s, frequency known after %.0f s, error after a poll %.1f us; "
          "restored: %.0f s, %.0f s, %.1f us",
          fresh.selectedAfter, fresh.knownAfter, fresh.errorAfterPoll * 1e6, restored.selectedAfter,
          restored.knownAfter, restored.errorAfterPoll * 1e6);
    QCOMPARE(fresh.samplesAtStart, 0);
    QVERIFY2(restored.samplesAtStart >= 5 * 6, qPrintable(QString::number(restored.samplesAtStart)));
    QVERIFY(restored.selectedAfter >= 0 && restored.selectedAfter <= poll);
    QVERIFY(restored.knownAfter >= 0 && restored.knownAfter <= poll);
    QVERIFY(fresh.knownAfter < 0 || fresh.knownAfter > 2 * poll);
    QVERIFY(!restored.falsetickerSelected);
    QVERIFY(std::abs(restored.errorAfterPoll) < Simulation::kSyncThreshold);
    QVERIFY(std::abs(restored.errorAfterPoll) < std::abs(fresh.errorAfterPoll));
}

// A simulated GPS receiver's NMEA and a PPS locked to it, snapshots recorded as the service's
// history does, every second and then every third: the PPS's edge series has one point per
// accepted pulse, a second apart, with the pulses' simulated jitter.
void TestSimulation::ppsGivesOneEdgePointPerPulse()
{
    constexpr double kPpsError = 100 * kNs;
    constexpr int kSeconds = 600;
    Scenario scenario;
    scenario.name = "pps-edges";
    scenario.servers.clear();
    RefClockModel nmea;
    nmea.kind = RefClockModel::Kind::Samples;
    nmea.refId = "NMEA";
    nmea.latency = 0.1;
    nmea.offsetOption = 0.1;
    nmea.error = 1e-3;
    nmea.delay = 0.2;
    RefClockModel pps;
    pps.kind = RefClockModel::Kind::Pulses;
    pps.refId = "PPS";
    pps.lock = "NMEA";
    pps.error = kPpsError;
    scenario.refclocks = {nmea, pps};
    Simulation simulation(scenario, 17);
    HistoryStore store;
    HistoryRecorder recorder;
    for (int second = 1; second <= kSeconds; ++second) {
        simulation.run(second + 0.5);
        if (second <= kSeconds / 2 || second % 3 == 0)
            recorder.record(simulation.client().snapshot(simulation.clientReading()), store);
    }
    const EngineSnapshot last = simulation.client().snapshot(simulation.clientReading());
    const SourceSnapshot *ppsSource = nullptr;
    for (const SourceSnapshot &s : last.sources)
        if (s.name == "PPS")
            ppsSource = &s;
    QVERIFY(ppsSource && !ppsSource->recentEdges.empty());
    QCOMPARE(ppsSource->state, SourceState::Selected);
    const std::uint64_t accepted = ppsSource->recentEdges.back().number;
    QVERIFY2(accepted >= kSeconds - 10, qPrintable(QString::number(accepted)));
    const HistorySeries *edges = store.series("source/PPS/edge");
    QVERIFY(edges);
    QCOMPARE(edges->points().size(), static_cast<std::size_t>(accepted));
    // A second apart on our time scale once the start-up step is behind (an edge recorded before
    // it keeps the time it had then).
    for (std::size_t i = edges->points().size() / 2; i < edges->points().size(); ++i) {
        const double step = static_cast<double>(edges->points()[i].time - edges->points()[i - 1].time) * kNs;
        // The history keeps times to the millisecond, so a step may read a millisecond short or long.
        QVERIFY2(std::abs(step - 1.0) < kEdgeStepTolerance, qPrintable(QString("step %1 s at %2").arg(step).arg(i)));
    }
    // Once locked: the pulses' own jitter around our time.
    double sum = 0;
    double squares = 0;
    constexpr std::size_t kTail = 200;
    for (std::size_t i = edges->points().size() - kTail; i < edges->points().size(); ++i) {
        const double v = static_cast<double>(edges->points()[i].value);
        sum += v;
        squares += v * v;
    }
    const double mean = sum / kTail;
    const double sigma = std::sqrt(squares / kTail - mean * mean);
    qInfo("edge offsets: mean %.1f ns, sigma %.1f ns", mean / kNs, sigma / kNs);
    QVERIFY2(sigma > 0.5 * kPpsError && sigma < 2 * kPpsError, qPrintable(QString::number(sigma)));
    QVERIFY(store.series("source/PPS/jitter"));
}

QTEST_APPLESS_MAIN(TestSimulation)
#include "tst_simulation.moc"
