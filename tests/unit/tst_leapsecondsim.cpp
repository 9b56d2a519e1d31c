// A leap second in the simulator: the servers' clocks take it (their kernels do), the client
// knows it from its table (`leapsectz`) and applies it as `leapsecmode` says. Errors are measured
// against UTC.
#include "leap/LeapSecondTable.h"
#include "sim/Simulation.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace s1;
using namespace s1::sim;

namespace {

// 2017-01-01T00:00:00Z, after the last leap second so far.
constexpr std::int64_t kMidnight2017 = 1'483'228'800;
// The run starts this long before that midnight: time enough to synchronise.
constexpr double kLead = 7200;         // s
constexpr double kSynchronised = 1e-3; // s: what counts as keeping time here

LeapSecondTable table()
{
    std::string error;
    const auto t = LeapSecondTable::fromLeapSecondsList("#$ 3960835200\n#@ 3991593600\n"
                                                        "3439756800 34\n3550089600 35\n"
                                                        "3644697600 36\n3692217600 37\n",
                                                        error);
    return *t;
}

Scenario leapScenario(LeapSecondMode mode, bool clientKnows)
{
    Scenario s = *findScenario("default");
    s.startUnixSeconds = kMidnight2017 - static_cast<std::int64_t>(kLead);
    s.utcLeapSeconds = table();
    s.clientKnowsLeapSeconds = clientKnows;
    s.leapSecMode = mode;
    s.minPoll = 4;
    s.maxPoll = 6;
    return s;
}

bool hasEvent(const std::vector<EngineEvent> &events, const std::string &text)
{
    return std::any_of(events.begin(), events.end(),
                       [&](const EngineEvent &e) { return e.message.find(text) != std::string::npos; });
}

} // namespace

class TestLeapSecondSim : public QObject
{
    Q_OBJECT
private slots:
    void utcOfTheSimulationRepeatsASecond();
    void stepModeStepsAtMidnight();
    void slewModeSlewsTheSecond();
    void systemModeLeavesItToTheKernel();
    void systemModeWithoutClockControlSteps();
    void ignoreModeLeavesTheClockASecondOff();
    void withoutTheTableNothingHappens();
};

void TestLeapSecondSim::utcOfTheSimulationRepeatsASecond()
{
    // The server's clock reads UTC: a second is repeated at midnight.
    Simulation sim(leapScenario(LeapSecondMode::Step, false), 1);
    sim.run(kLead - 1);
    const double before = sim.currentError();
    sim.run(kLead + 1);
    // The client, told nothing, is now one second ahead of UTC.
    QVERIFY2(std::abs(sim.currentError() - before - 1.0) < kSynchronised,
             qPrintable(QString::number(sim.currentError())));
}

void TestLeapSecondSim::stepModeStepsAtMidnight()
{
    Simulation sim(leapScenario(LeapSecondMode::Step, true), 1);
    RunResult r = sim.run(kLead - 60);
    QVERIFY(std::abs(sim.currentError()) < kSynchronised);
    QCOMPARE(r.finalSnapshot.reference.leap, LeapIndicator::InsertSecond);
    r = sim.run(kLead + 3);
    QVERIFY2(std::abs(sim.currentError()) < kSynchronised, qPrintable(QString::number(sim.currentError())));
    QVERIFY(hasEvent(r.events, "clock stepped by -1 s for the leap second (inserted)"));
    r = sim.run(kLead + 1800);
    QVERIFY2(std::abs(sim.currentError()) < kSynchronised, qPrintable(QString::number(sim.currentError())));
    QCOMPARE(r.finalSnapshot.reference.leap, LeapIndicator::None);
    QVERIFY(r.finalSnapshot.reference.synchronised);
}

void TestLeapSecondSim::slewModeSlewsTheSecond()
{
    Simulation sim(leapScenario(LeapSecondMode::Slew, true), 2);
    sim.run(kLead - 60);
    QVERIFY(std::abs(sim.currentError()) < kSynchronised);
    // 3 s into the slew at 83333 ppm a quarter of the second is gone.
    RunResult r = sim.run(kLead + 3);
    const double during = sim.currentError();
    QVERIFY2(during > 0.6 && during < 0.9, qPrintable(QString::number(during)));
    QVERIFY(hasEvent(r.events, "slewing the clock for the leap second"));
    sim.run(kLead + 60);
    QVERIFY2(std::abs(sim.currentError()) < kSynchronised, qPrintable(QString::number(sim.currentError())));
    sim.run(kLead + 1800);
    QVERIFY2(std::abs(sim.currentError()) < kSynchronised, qPrintable(QString::number(sim.currentError())));
}

void TestLeapSecondSim::systemModeLeavesItToTheKernel()
{
    Simulation sim(leapScenario(LeapSecondMode::System, true), 3, ClientClock::Kernel);
    sim.run(kLead - 60);
    QVERIFY(std::abs(sim.currentError()) < kSynchronised);
    // The kernel was told: STA_INS set, and it says a second will be inserted. Its CLOCK_TAI
    // follows the table (ADJ_TAI, as chronyd sets it): 36 s in the last half of 2016.
    QVERIFY(sim.kernelClock()->status() & STA_INS);
    QCOMPARE(sim.kernelClock()->taiOffset(), 36);
    RunResult r = sim.run(kLead + 3);
    QVERIFY2(std::abs(sim.currentError()) < kSynchronised, qPrintable(QString::number(sim.currentError())));
    QVERIFY(hasEvent(r.events, "the kernel inserted the leap second"));
    // Its step was the kernel's: the driver made none, and the flag is cleared afterwards.
    QCOMPARE(sim.kernelClock()->steps(), 0);
    QVERIFY(!(sim.kernelClock()->status() & STA_INS));
    QCOMPARE(sim.kernelClock()->taiOffset(), 37); // moved on by the kernel itself
    r = sim.run(kLead + 1800);
    QCOMPARE(sim.kernelClock()->taiOffset(), 37); // and left there by the next updates
    QVERIFY2(std::abs(sim.currentError()) < kSynchronised, qPrintable(QString::number(sim.currentError())));
    // The host's step detector held while the kernel took the second: nothing external.
    QVERIFY(!hasEvent(r.events, "jump of the system clock"));
}

void TestLeapSecondSim::systemModeWithoutClockControlSteps()
{
    // With -x there is no kernel to leave it to: the engine's own clock steps, as chronyd does.
    Simulation sim(leapScenario(LeapSecondMode::System, true), 4);
    RunResult r = sim.run(kLead + 3);
    QVERIFY2(std::abs(sim.currentError()) < kSynchronised, qPrintable(QString::number(sim.currentError())));
    QVERIFY(hasEvent(r.events, "clock stepped by -1 s for the leap second"));
}

void TestLeapSecondSim::ignoreModeLeavesTheClockASecondOff()
{
    Scenario s = leapScenario(LeapSecondMode::Ignore, true);
    // The clock is corrected as any offset is: stepped, with makestep.
    s.makestep = std::pair{0.5, -1};
    Simulation sim(s, 5);
    RunResult r = sim.run(kLead + 3);
    QVERIFY2(std::abs(sim.currentError() - 1.0) < kSynchronised, qPrintable(QString::number(sim.currentError())));
    QVERIFY(hasEvent(r.events, "ignored"));
    // The next update (poll 16 s at the most 64 s) sees the second and steps it away.
    sim.run(kLead + 200);
    QVERIFY2(std::abs(sim.currentError()) < kSynchronised, qPrintable(QString::number(sim.currentError())));
}

void TestLeapSecondSim::withoutTheTableNothingHappens()
{
    // The servers (local stratum 1, like chronyd's `local`) announce nothing: without its own
    // table the client does not know and is a second ahead after midnight.
    Simulation sim(leapScenario(LeapSecondMode::Step, false), 6);
    RunResult r = sim.run(kLead - 60);
    QCOMPARE(r.finalSnapshot.reference.leap, LeapIndicator::None);
    sim.run(kLead + 10);
    QVERIFY2(std::abs(sim.currentError() - 1.0) < 0.05, qPrintable(QString::number(sim.currentError())));
}

QTEST_GUILESS_MAIN(TestLeapSecondSim)
#include "tst_leapsecondsim.moc"
