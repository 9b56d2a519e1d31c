// Fault drills of the client's clock and of one server's (issue 17, part 3), in simulated time:
// the system clock stepped under the engine by another program (detected, recovered), and a
// server whose clock jumps by a second (a falseticker, not followed). Nothing here touches the
// machine's clock: the detector is fed made-up readings, the engine a simulated kernel clock.
#include "clock/ExternalStepDetector.h"
#include "engine/Engine.h"
#include "sim/Simulation.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace s1;
using namespace s1::sim;
using namespace std::chrono_literals;

namespace {

// A host's two clocks, as the detector sees them: CLOCK_REALTIME and CLOCK_BOOTTIME. Slews
// and frequency corrections move both; steps move only the first.
struct FakeHostClocks
{
    RealTime realTime = RealTime(std::chrono::seconds(1'700'000'000));
    Nanoseconds bootTime = std::chrono::seconds(1234);

    void pass(Nanoseconds elapsed, double rateError = 0)
    {
        const Nanoseconds d = elapsed + fromSeconds(toSeconds(elapsed) * rateError);
        realTime += d;
        bootTime += d;
    }
    void step(double seconds) { realTime += fromSeconds(seconds); }
    ExternalStepDetector::Reading reading(Nanoseconds spread = 0ns) const { return {realTime, bootTime, spread}; }
};

double secondsOf(RealTime t)
{
    return toSeconds(t - simulationEpoch());
}

std::vector<Alarm> alarmsOf(const EngineSnapshot &s, AlarmKind kind)
{
    std::vector<Alarm> list;
    for (const Alarm &a : s.alarms)
        if (a.kind == kind)
            list.push_back(a);
    return list;
}

bool hasEventContaining(const std::vector<EngineEvent> &events, const std::string &text)
{
    return std::any_of(events.begin(), events.end(),
                       [&](const EngineEvent &e) { return e.message.find(text) != std::string::npos; });
}

int eventsContaining(const std::vector<EngineEvent> &events, const std::string &text)
{
    return static_cast<int>(std::count_if(
        events.begin(), events.end(), [&](const EngineEvent &e) { return e.message.find(text) != std::string::npos; }));
}

// Three good servers polled every 64 s, a quiet oscillator: the client's normal error is a few
// tens of microseconds, so a second's jump anywhere shows.
Scenario threeServers()
{
    Scenario s;
    s.name = "clock-faults";
    s.servers = {ServerModel{}, ServerModel{}, ServerModel{}};
    s.minPoll = s.maxPoll = 6;
    s.iburst = true;
    s.makestep = std::pair{1.0, 3};
    s.network.jitter = 1e-5;
    s.clock.wander = 0;
    return s;
}

constexpr double kStepAt = 3000;   // s of true time
constexpr double kStepBy = 1.0;    // s
constexpr double kRunAfter = 3000; // s after the fault
// An error this far above the worst before the fault is no longer the normal one.
constexpr double kNormalErrorFactor = 3.0;
// The floor of the normal error bound (s): below this, factors of the noise mean nothing.
constexpr double kNormalErrorFloor = 100e-6;

} // namespace

class TestClockFaults : public QObject
{
    Q_OBJECT

private slots:
    void detectorIgnoresRateCorrections();
    void detectorFindsStepsEitherWay();
    void detectorTakesOwnStepsOut();
    void detectorAllowsForTheReadingsSpread();
    void detectorHoldsDuringALeapSecond();
    void virtualEngineTakesTheStepOut();
    void kernelDriverFollowsAnExternalStep();
    void steppedKernelClockIsDetectedAndRecovered_data();
    void steppedKernelClockIsDetectedAndRecovered();
    void steppedVirtualClockKeepsServedTime();
    void unsteppedRunsAreUnchanged();
    void serverJumpingOneSecondIsFalseticker();
};

void TestClockFaults::detectorIgnoresRateCorrections()
{
    FakeHostClocks clocks;
    ExternalStepDetector detector;
    QVERIFY(!detector.check(clocks.reading(), 0));
    // A day of wake-ups with the clock slewed at maxslewrate (83 ms/s) and at -500 ppm: both
    // clocks run at the kernel's corrected rate, so nothing is a step.
    for (int i = 0; i < 1440; ++i) {
        clocks.pass(60s, i % 2 == 0 ? 0.083 : -500e-6);
        QVERIFY(!detector.check(clocks.reading(), 0));
    }
    QCOMPARE(detector.externalSteps(), 0.0);
}

void TestClockFaults::detectorFindsStepsEitherWay()
{
    FakeHostClocks clocks;
    ExternalStepDetector detector;
    detector.check(clocks.reading(), 0);
    clocks.pass(16s);
    clocks.step(kStepBy);
    clocks.pass(3s);
    const auto forward = detector.check(clocks.reading(), 0);
    QVERIFY(forward);
    QCOMPARE(*forward, kStepBy);
    // Reported once.
    clocks.pass(16s);
    QVERIFY(!detector.check(clocks.reading(), 0));
    clocks.step(-86400.5);
    const auto backward = detector.check(clocks.reading(), 0);
    QVERIFY(backward);
    QCOMPARE(*backward, -86400.5);
    QCOMPARE(detector.externalSteps(), kStepBy - 86400.5);
    // The threshold: a step below it is left to the ordinary corrections.
    clocks.step(ExternalStepDetector::kThreshold / 2);
    QVERIFY(!detector.check(clocks.reading(), 0));
    // ... but it is not forgotten: the next one, together with it, counts.
    clocks.step(ExternalStepDetector::kThreshold);
    const auto both = detector.check(clocks.reading(), 0);
    QVERIFY(both);
    QVERIFY(std::abs(*both - 1.5 * ExternalStepDetector::kThreshold) < 1e-9);
}

void TestClockFaults::detectorTakesOwnStepsOut()
{
    FakeHostClocks clocks;
    ExternalStepDetector detector;
    detector.check(clocks.reading(), 0);
    // The engine's makestep of -0.7 s, then someone's +2 s.
    clocks.step(-0.7);
    clocks.pass(1s);
    QVERIFY(!detector.check(clocks.reading(), -0.7));
    clocks.step(2);
    const auto step = detector.check(clocks.reading(), -0.7);
    QVERIFY(step);
    QCOMPARE(*step, 2.0);
}

void TestClockFaults::detectorAllowsForTheReadingsSpread()
{
    FakeHostClocks clocks;
    ExternalStepDetector detector;
    detector.check(clocks.reading(2ms), 0);
    // A pairing as loose as 2 ms either side hides a 4.5 ms step...
    clocks.step(0.0045);
    QVERIFY(!detector.check(clocks.reading(2ms), 0));
    // ...which tight readings then show.
    const auto step = detector.check(clocks.reading(1us), 0);
    QVERIFY(step);
    QVERIFY(std::abs(*step - 0.0045) < 1e-9);
}

void TestClockFaults::detectorHoldsDuringALeapSecond()
{
    FakeHostClocks clocks;
    ExternalStepDetector detector;
    detector.check(clocks.reading(), 0);
    // The kernel inserts a second (leapsecmode system); the driver counts it as its own step
    // a little later. Meanwhile the host holds the detector, and then nothing is external.
    clocks.step(-1);
    QVERIFY(!detector.check(clocks.reading(), 0, true));
    clocks.pass(2s);
    QVERIFY(!detector.check(clocks.reading(), -1.0, true));
    clocks.pass(5s);
    QVERIFY(!detector.check(clocks.reading(), -1.0, false));
    QCOMPARE(detector.externalSteps(), 0.0);
    // A hold only delays a real step: it is reported when the hold ends.
    clocks.step(3);
    QVERIFY(!detector.check(clocks.reading(), -1.0, true));
    const auto step = detector.check(clocks.reading(), -1.0, false);
    QVERIFY(step);
    QCOMPARE(*step, 3.0);
}

void TestClockFaults::virtualEngineTakesTheStepOut()
{
    // Without a driver (-x) the engine's raw clock is the system clock less the external steps:
    // the time it serves and the times it asks to be woken at go on across the jump.
    const RealTime t0 = simulationEpoch();
    EngineConfig config;
    SourceConfig server;
    server.host = "192.0.2.1";
    config.sources.push_back(server);
    Engine engine(config, EngineOptions{}, t0);
    engine.takeOutgoing();
    const RealTime servedBefore = engine.localTime(t0 + 10s);
    const std::optional<RealTime> wakeBefore = engine.nextWakeup();
    QVERIFY(wakeBefore);
    engine.notifyExternalStep(5.0, t0 + 15s);
    QCOMPARE(engine.localTime(t0 + 15s), servedBefore);
    QCOMPARE(engine.nextWakeup(), std::optional<RealTime>(*wakeBefore + 5s));
    const std::vector<EngineEvent> events = engine.takeEvents();
    QCOMPARE(eventsContaining(events, "forward jump of the system clock by 5.000000 s detected"), 1);
    const std::vector<Alarm> stepped = alarmsOf(engine.snapshot(t0 + 15s), AlarmKind::ClockStepped);
    QCOMPARE(stepped.size(), std::size_t(1));
    QVERIFY(stepped[0].text.find("external step") != std::string::npos);
    // Nothing, or a non-finite value, is no step.
    engine.notifyExternalStep(0, t0 + 16s);
    engine.notifyExternalStep(std::nan(""), t0 + 16s);
    QVERIFY(engine.takeEvents().empty());
}

void TestClockFaults::kernelDriverFollowsAnExternalStep()
{
    // A simulated kernel clock set by "another program": the driver counts the step in its map,
    // so raw time goes on, and not among its own steps.
    TrueTime now{0};
    SimClock oscillator(SimClock::Model{}, simulationEpoch(), 1);
    SimKernelClock kernel(oscillator, [&] { return now; });
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    now = 100s;
    const RealTime before = kernel.systemAt(now);
    const RealTime rawBefore = driver.rawTime(before);
    const Nanoseconds bootBefore = kernel.bootTime();
    kernel.externalStep(-3s);
    QCOMPARE(kernel.bootTime(), bootBefore);
    const RealTime after = kernel.systemAt(now);
    QCOMPARE(after, before - 3s);
    QVERIFY(driver.externalStep(before, -3.0));
    QVERIFY(std::abs(toSeconds(driver.rawTime(after) - rawBefore)) < 1e-6);
    QCOMPARE(driver.ownSteps(), 0.0);
    driver.step(0.25);
    QCOMPARE(driver.ownSteps(), 0.25);
    QCOMPARE(kernel.steps(), 1);
}

void TestClockFaults::steppedKernelClockIsDetectedAndRecovered_data()
{
    QTest::addColumn<double>("offset");
    QTest::addColumn<bool>("makestepAllowed");
    QTest::newRow("forward 1 s, slewed back") << kStepBy << false;
    QTest::newRow("backward 1 s, slewed back") << -kStepBy << false;
    QTest::newRow("forward 1 h, stepped back") << 3600.0 << true;
}

void TestClockFaults::steppedKernelClockIsDetectedAndRecovered()
{
    QFETCH(double, offset);
    QFETCH(bool, makestepAllowed);
    Scenario s = threeServers();
    if (makestepAllowed)
        s.makestep = std::pair{1.0, -1};
    s.clientClockSteps = {ClockStepModel{kStepAt, offset}};
    Simulation simulation(s, 11, ClientClock::Kernel);
    const RunResult before = simulation.run(kStepAt - 1);
    const int ownStepsBefore = simulation.kernelClock()->steps();
    const double normal = std::max(kNormalErrorFactor * before.maxError, kNormalErrorFloor);
    qInfo("before the step: max error %.1f us, normal bound %.1f us", before.maxError * 1e6, normal * 1e6);
    QVERIFY(!hasEventContaining(before.events, "jump of the system clock"));

    // The system clock is off by the step at once; the host sees it at its next look.
    simulation.run(kStepAt + 1);
    // Recovery: stepped back at once with makestep, else slewed at maxslewrate (1 s in 12 s).
    const double slewRate = s.engineConfig().clock.maxSlewRate * 1e-6;
    const double recovery = makestepAllowed ? 2.0 : std::abs(offset) / slewRate + 5.0;
    simulation.run(kStepAt + recovery);
    const double after = std::abs(simulation.currentError());
    qInfo("%.0f s after the step: error %.1f us", recovery, after * 1e6);
    QVERIFY2(after < normal, qPrintable(QString::number(after)));
    const RunResult later = simulation.run(kStepAt + kRunAfter);
    qInfo("then: max error %.1f us", later.maxError * 1e6);
    QVERIFY2(later.maxError < normal, qPrintable(QString::number(later.maxError)));

    // Logged once, as an external step.
    const std::string words = (offset > 0 ? "forward" : "backward") + std::string(" jump of the system clock by ")
                              + std::to_string(offset) + " s detected (an external step";
    QCOMPARE(eventsContaining(later.events, words), 1);
    QCOMPARE(eventsContaining(later.events, "jump of the system clock"), 1);
    // The clock-stepped alarm says so.
    const std::vector<Alarm> stepped = alarmsOf(later.finalSnapshot, AlarmKind::ClockStepped);
    QCOMPARE(stepped.size(), std::size_t(1));
    qInfo("%s", stepped[0].text.c_str());
    QVERIFY(stepped[0].text.find("external step") != std::string::npos);
    qInfo("raised at %.3f s", secondsOf(stepped[0].raised));
    QVERIFY(std::abs(secondsOf(stepped[0].raised) - kStepAt) < 3);
    // The driver's own steps: one back with makestep, none when slewed.
    QCOMPARE(simulation.kernelClock()->steps() - ownStepsBefore, makestepAllowed ? 1 : 0);
    // The sources' samples went on over the step: none became a falseticker or lost its place.
    QVERIFY(alarmsOf(later.finalSnapshot, AlarmKind::Falseticker).empty());
    for (const SourceSnapshot &source : later.finalSnapshot.sources)
        QVERIFY2(source.state == SourceState::Selected || source.state == SourceState::Combined, source.name.c_str());
}

void TestClockFaults::steppedVirtualClockKeepsServedTime()
{
    // With -x the system clock is not ours to correct: the engine takes the step out of its raw
    // clock, and the time it serves never jumps.
    Scenario s = threeServers();
    s.clientClockSteps = {ClockStepModel{kStepAt, kStepBy}, ClockStepModel{kStepAt + 1000, -2 * kStepBy}};
    Simulation simulation(s, 5);
    const RunResult before = simulation.run(kStepAt - 1);
    const double normal = std::max(kNormalErrorFactor * before.maxError, kNormalErrorFloor);
    const RunResult across = simulation.run(kStepAt + kRunAfter);
    qInfo("max error before %.1f us, across both steps %.1f us", before.maxError * 1e6, across.maxError * 1e6);
    QVERIFY2(across.maxError < normal, qPrintable(QString::number(across.maxError)));
    QCOMPARE(eventsContaining(across.events, "jump of the system clock"), 2);
    QVERIFY(hasEventContaining(across.events, "the virtual clock goes on without the jump"));
    QVERIFY(alarmsOf(across.finalSnapshot, AlarmKind::Falseticker).empty());
    // One alarm per step (the first cleared after its while), each saying what happened.
    const std::vector<Alarm> stepped = alarmsOf(across.finalSnapshot, AlarmKind::ClockStepped);
    QCOMPARE(stepped.size(), std::size_t(2));
    for (const Alarm &alarm : stepped)
        QVERIFY2(alarm.text.find("external step") != std::string::npos, alarm.text.c_str());
}

void TestClockFaults::unsteppedRunsAreUnchanged()
{
    // The hosts' look at the clock finds nothing in a run without steps, kernel or virtual.
    for (const ClientClock clock : {ClientClock::Virtual, ClientClock::Kernel}) {
        Simulation simulation(threeServers(), 3, clock);
        const RunResult r = simulation.run(2000);
        QVERIFY(!hasEventContaining(r.events, "jump of the system clock"));
        QVERIFY(alarmsOf(r.finalSnapshot, AlarmKind::ClockStepped).empty()
                || clock == ClientClock::Kernel); // the kernel run's start-up makestep
    }
}

void TestClockFaults::serverJumpingOneSecondIsFalseticker()
{
    Scenario s = threeServers();
    s.servers[2].jumped = TimeSpan{kStepAt};
    s.servers[2].jump = kStepBy;
    const std::string name = s.engineConfig().sources[2].host;
    Simulation simulation(s, 9);
    const RunResult before = simulation.run(kStepAt - 1);
    const double normal = std::max(kNormalErrorFactor * before.maxError, kNormalErrorFloor);
    const RunResult after = simulation.run(kStepAt + kRunAfter);
    qInfo("max error before %.1f us, after the server's jump %.1f us", before.maxError * 1e6, after.maxError * 1e6);
    // Not followed: the client's error stays normal throughout.
    QVERIFY2(after.maxError < normal, qPrintable(QString::number(after.maxError)));
    // Marked a falseticker within a few polls, and the alarm names it.
    const double poll = std::ldexp(1.0, s.minPoll);
    std::vector<Alarm> falsetickers = alarmsOf(after.finalSnapshot, AlarmKind::Falseticker);
    QCOMPARE(falsetickers.size(), std::size_t(1));
    QCOMPARE(falsetickers[0].subject, name);
    const double raised = secondsOf(falsetickers[0].raised);
    qInfo("server jumped at %.0f s, falseticker alarm at %.1f s: %s", kStepAt, raised, falsetickers[0].text.c_str());
    QVERIFY2(raised > kStepAt && raised <= kStepAt + 4 * poll, qPrintable(QString::number(raised)));
    for (const SourceSnapshot &source : after.finalSnapshot.sources) {
        if (source.name == name)
            QVERIFY(source.state == SourceState::Falseticker);
        else
            QVERIFY2(source.state == SourceState::Selected || source.state == SourceState::Combined,
                     source.name.c_str());
    }
    // Nothing was stepped for it.
    QVERIFY(alarmsOf(after.finalSnapshot, AlarmKind::ClockStepped).empty());
}

QTEST_GUILESS_MAIN(TestClockFaults)
#include "tst_clockfaults.moc"
