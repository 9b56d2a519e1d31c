// The simulator itself: its oscillator model and that runs are deterministic. (Accuracy limits
// of the engine in simulation live in tst_timekeeping.)
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

QTEST_APPLESS_MAIN(TestSimulation)
#include "tst_simulation.moc"
