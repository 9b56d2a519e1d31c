// The engine steering a system clock through KernelClockDriver, only ever against simulated
// kernels: the raw-scale map the driver keeps (ClockCorrectionHistory), then whole simulated
// runs where the client disciplines a SimKernelClock and the system clock's own error against
// true time is compared with the virtual clock's on the same seed; makestep, the sync status
// the kernel ends with, and a kernel that stops accepting changes.
#include "clock/ClockCorrectionHistory.h"
#include "sim/Scenario.h"
#include "sim/SimKernelClock.h"
#include "sim/Simulation.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

using namespace s1;
using namespace s1::sim;
using namespace std::chrono_literals;

namespace {

const RealTime kStart = realTimeFromNanos(1'767'225'600LL * kNanosPerSecond);
constexpr double kPpm = 1e-6;
// How much worse than the virtual clock the steered system clock may be: it removes offsets
// gradually (chrony's corrtimeratio) where the virtual clock jumps to each new estimate.
// The maximum, one second out of thousands, moves more: a slew still under way when the
// largest error arrives, while the virtual clock is already at the (delay-bounded) estimate.
constexpr double kSteeredRmsFactor = 1.5;
constexpr double kSteeredMaxFactor = 2.5;
constexpr double kSyncSlack = 10; // s

double nanosApart(RealTime a, RealTime b)
{
    return static_cast<double>(std::abs((a - b).count()));
}

Scenario shortened(const std::string &name, double duration)
{
    Scenario s = *findScenario(name);
    s.duration = duration;
    return s;
}

} // namespace

class TestClockControl : public QObject
{
    Q_OBJECT
private slots:
    void historyIsIdentityUntilStarted();
    void historyTakesFrequencyChangesOut();
    void historyKeepsOldReadingsOnTheirSegment();
    void historyTakesStepsOut();
    void historyIsBounded();
    void simKernelIntegratesTickAndFrequency();
    void systemClockConvergesLikeVirtualClock_data();
    void systemClockConvergesLikeVirtualClock();
    void makestepStepsTheSystemClock();
    void firstRegressionCorrectsAtOnce();
    void syncStatusEndsSynchronised();
    void refusedKernelIsReportedNotFatal();
};

void TestClockControl::historyIsIdentityUntilStarted()
{
    ClockCorrectionHistory history;
    QVERIFY(history.empty());
    QCOMPARE(history.rawTime(kStart), kStart);
    QCOMPARE(history.systemTime(kStart + 5s), kStart + 5s);
    history.stepped(kStart, 1s); // nothing to step yet
    QVERIFY(history.empty());
}

void TestClockControl::historyTakesFrequencyChangesOut()
{
    ClockCorrectionHistory history;
    history.reset(kStart, 100); // the clock runs 100 ppm fast of raw from the start
    // 1000 s of system time are 1000 / 1.0001 s of raw time.
    const RealTime system = kStart + 1000s;
    const double raw = toSeconds(history.rawTime(system) - kStart);
    QVERIFY2(std::abs(raw - 1000 / (1 + 100 * kPpm)) < 1e-9, qPrintable(QString::number(raw, 'g', 15)));

    history.frequencyChanged(system, -50);
    const RealTime later = system + 200s;
    const double rawLater = toSeconds(history.rawTime(later) - history.rawTime(system));
    QVERIFY(std::abs(rawLater - 200 / (1 - 50 * kPpm)) < 1e-9);

    // Both ways, to the nanosecond, and systemTime is never short of its raw time.
    for (const RealTime t : {kStart, kStart + 1ns, system - 1ns, system, later, later + 123456789ns}) {
        const RealTime r = history.rawTime(t);
        QVERIFY(nanosApart(history.systemTime(r), t) <= 1);
        QVERIFY(history.rawTime(history.systemTime(r)) >= r);
    }
}

void TestClockControl::historyKeepsOldReadingsOnTheirSegment()
{
    ClockCorrectionHistory history;
    history.reset(kStart, 0);
    const RealTime change = kStart + 100s;
    history.frequencyChanged(change, 80'000); // a fast slew leg
    // A kernel timestamp from before the change, handed in after it: still at rate 0.
    const RealTime stamp = change - 1ms;
    QCOMPARE(history.rawTime(stamp), stamp);
    // One from after it gains 8 % less raw time than system time.
    QVERIFY(nanosApart(history.rawTime(change + 1s), change + Nanoseconds(925'925'926)) <= 1);
}

void TestClockControl::historyTakesStepsOut()
{
    ClockCorrectionHistory history;
    history.reset(kStart, 0);
    const RealTime before = kStart + 10s;
    history.stepped(before, std::chrono::seconds(-2));
    // After a 2 s backward step the clock reads 2 s less for the same raw time.
    QCOMPARE(history.rawTime(before - 2s + 1s), before + 1s);
    QCOMPARE(history.systemTime(before + 1s), before - 1s);
    history.stepped(before - 1s, 3s);
    QCOMPARE(history.rawTime(before + 2s), before + 1s);
    // A reading from before the forward step is still on the old scale.
    QCOMPARE(history.rawTime(before - 1s - 1ms), before + 1s - 1ms);
}

void TestClockControl::historyIsBounded()
{
    ClockCorrectionHistory history;
    history.reset(kStart, 0);
    for (int i = 1; i <= 1000; ++i)
        history.frequencyChanged(kStart + std::chrono::seconds(i), (i % 2) ? 10.0 : -10.0);
    QCOMPARE(history.segments(), ClockCorrectionHistory::kMaxSegments);
    const RealTime t = kStart + 1000s + 500ms;
    QVERIFY(nanosApart(history.systemTime(history.rawTime(t)), t) <= 1);
}

void TestClockControl::simKernelIntegratesTickAndFrequency()
{
    SimClock oscillator({0, 0, 0}, kStart, 1);
    TrueTime now{0};
    SimKernelClock kernel(oscillator, [&now] { return now; });
    timex tx{};
    tx.modes = ADJ_TICK | ADJ_FREQUENCY;
    tx.tick = SimKernelClock::kNominalTick + 2;                    // +200 ppm
    tx.freq = static_cast<long>(-50 * SimKernelClock::kFreqScale); // -50 ppm
    QVERIFY(kernel.adjtime(tx) >= 0);
    QCOMPARE(kernel.frequencyPpm(), 150.0);
    now = 1000s;
    QVERIFY(nanosApart(kernel.systemAt(now), kStart + 1000s + 150ms) <= 1);
    QCOMPARE(kernel.trueTimeOf(kStart + 1001s + 150ms + 150us), 1001s);

    // ADJ_SETOFFSET steps it and, like ntp_clear(), marks it unsynchronised.
    // Synchronised needs both STA_UNSYNC clear and an error bound below the 16 s limit; the
    // kernel sets STA_UNSYNC again once maxerror has grown to it.
    tx = {};
    tx.modes = ADJ_STATUS;
    tx.status = 0;
    QCOMPARE(kernel.adjtime(tx), TIME_ERROR);
    tx = {};
    tx.modes = ADJ_STATUS | ADJ_MAXERROR;
    tx.status = 0;
    tx.maxerror = 1000; // us
    QCOMPARE(kernel.adjtime(tx), TIME_OK);
    now += 10s;
    QCOMPARE(kernel.maxErrorUs(), 1000 + 10 * SimKernelClock::kMaxErrorGrowthUs);
    now -= 10s;
    tx = {};
    tx.modes = ADJ_SETOFFSET | ADJ_NANO;
    tx.time.tv_sec = -1;
    tx.time.tv_usec = 500'000'000;
    QCOMPARE(kernel.adjtime(tx), TIME_ERROR);
    QVERIFY(nanosApart(kernel.systemAt(now), kStart + 1000s + 150ms - 500ms) <= 1);
    QCOMPARE(kernel.steps(), 1);

    kernel.setPrivileged(false);
    tx = {};
    tx.modes = ADJ_FREQUENCY;
    QCOMPARE(kernel.adjtime(tx), -EPERM);
    tx = {};
    QVERIFY(kernel.adjtime(tx) >= 0); // reading stays allowed
}

void TestClockControl::systemClockConvergesLikeVirtualClock_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<double>("duration");
    QTest::addColumn<quint64>("seed");
    // Seeds from `seed` whose median errors are compared. refclock-shm's virtual clock, with the
    // refclock filter's median taken on the disciplined clock, has single seeds with a maximum
    // far below its usual (seed 5: 1.6e-5 s against a median of 3.8e-5 s over 20 seeds), so
    // one seed compares luck rather than the two clocks there.
    QTest::addColumn<quint64>("seeds");
    QTest::newRow("default 1") << "default" << 4000.0 << quint64(1) << quint64(1);
    QTest::newRow("default 2") << "default" << 4000.0 << quint64(2) << quint64(1);
    QTest::newRow("poll-4") << "poll-4" << 2000.0 << quint64(3) << quint64(1);
    QTest::newRow("large-wander") << "large-wander" << 4000.0 << quint64(4) << quint64(1);
    QTest::newRow("refclock-shm") << "refclock-shm" << 2000.0 << quint64(5) << quint64(5);
    QTest::newRow("pps") << "pps" << 2000.0 << quint64(6) << quint64(1);
}

void TestClockControl::systemClockConvergesLikeVirtualClock()
{
    QFETCH(QString, scenario);
    QFETCH(double, duration);
    QFETCH(quint64, seed);
    QFETCH(quint64, seeds);
    const Scenario s = shortened(scenario.toStdString(), duration);

    Simulation virtualRun(s, seed);
    const RunResult v = virtualRun.run();
    Simulation steeredRun(s, seed, ClientClock::Kernel);
    const RunResult k = steeredRun.run();

    std::vector<RunResult> virtualRuns{v}, steeredRuns{k};
    for (quint64 extra = seed + 1; extra < seed + seeds; ++extra) {
        virtualRuns.push_back(Simulation(s, extra).run());
        steeredRuns.push_back(Simulation(s, extra, ClientClock::Kernel).run());
    }
    const auto median = [](const std::vector<RunResult> &runs, double RunResult::*figure) {
        std::vector<double> values;
        values.reserve(runs.size());
        for (const RunResult &r : runs)
            values.push_back(r.*figure);
        std::sort(values.begin(), values.end());
        return values[values.size() / 2];
    };
    const double vRms = median(virtualRuns, &RunResult::rmsError), kRms = median(steeredRuns, &RunResult::rmsError);
    const double vMax = median(virtualRuns, &RunResult::maxError), kMax = median(steeredRuns, &RunResult::maxError);
    const double vSync = median(virtualRuns, &RunResult::syncTime), kSync = median(steeredRuns, &RunResult::syncTime);

    const QString figures = QStringLiteral("virtual rms %1 max %2 sync %3; system rms %4 max %5 sync %6")
                                .arg(vRms)
                                .arg(vMax)
                                .arg(vSync)
                                .arg(kRms)
                                .arg(kMax)
                                .arg(kSync);
    qInfo().noquote() << scenario << figures;
    QVERIFY(steeredRun.kernelClock() && steeredRun.kernelClock()->frequencyChanges() > 0);
    QVERIFY2(kRms <= kSteeredRmsFactor * vRms, qPrintable(figures));
    QVERIFY2(kMax <= kSteeredMaxFactor * vMax, qPrintable(figures));
    QVERIFY2(kSync <= vSync + kSyncSlack, qPrintable(figures));

    // Served time is the system clock's: the engine's local time of a reading is the reading.
    const RealTime reading = steeredRun.clientReading();
    QVERIFY(nanosApart(steeredRun.client().localTime(reading), reading) <= 1);
    // The statistics stay on the raw scale: the kernel runs at the correction of the oscillator's
    // error that the virtual run's correction line has too.
    const double kernelPpm = steeredRun.clockDriver()->frequencyPpm();
    QVERIFY2(std::abs(kernelPpm + k.finalSnapshot.reference.frequencyPpm) < 1e-3,
             qPrintable(QString::number(kernelPpm)));
    QVERIFY2(std::abs(k.finalSnapshot.reference.frequencyPpm - v.finalSnapshot.reference.frequencyPpm) < 0.1,
             qPrintable(QString::number(k.finalSnapshot.reference.frequencyPpm)));
}

void TestClockControl::makestepStepsTheSystemClock()
{
    Scenario s = shortened("iburst", 1000);
    s.clock.startOffset = 1.5; // s: far beyond makestep's 10 ms
    Simulation virtualRun(s, 9);
    const RunResult v = virtualRun.run();
    Simulation steeredRun(s, 9, ClientClock::Kernel);
    const RunResult k = steeredRun.run();

    QCOMPARE(steeredRun.kernelClock()->steps(), 1);
    const auto stepped = std::find_if(k.events.begin(), k.events.end(), [](const EngineEvent &e) {
        return e.message.find("clock stepped by -1.5") != std::string::npos;
    });
    QVERIFY2(stepped != k.events.end(), k.events.empty() ? "no events" : k.events.back().message.c_str());
    // The step lands the system clock at once, as it does the virtual one.
    QVERIFY2(k.syncTime <= v.syncTime + 1, qPrintable(QString::number(k.syncTime)));
    QVERIFY2(k.syncTime < 10, qPrintable(QString::number(k.syncTime)));
    QVERIFY2(k.rmsError <= kSteeredRmsFactor * v.rmsError, qPrintable(QString::number(k.rmsError)));
}

void TestClockControl::firstRegressionCorrectsAtOnce()
{
    // chrony's 101-poll4 and 109-makestep in clknetsim: the line through the first two samples
    // is a guess, and the first regression (the third sample) corrects what it got wrong, a few
    // microseconds at poll 4 with 1 us jitter. Slewed at the corrtimeratio pace, that took
    // 12 s, well into the interval chrony's tests measure, where chronyd, whose first
    // correction is that regression's, is already there: our maximum was 1.15 times chronyd's.
    // Like chronyd's first correction it now goes at full speed (within the driver's shortest
    // slew, 1 s).
    constexpr int kSeeds = 5;
    constexpr int kUpdate = 3;    // one sample, the two-sample guess, the first regression
    constexpr double kLimit = 60; // s: the third poll is at 32 s
    constexpr double kSettle = 3; // s after the update
    for (int seed = 1; seed <= kSeeds; ++seed) {
        Simulation run(shortened("poll-4", kLimit), static_cast<std::uint64_t>(seed), ClientClock::Kernel);
        std::optional<RealTime> lastReference;
        int updates = 0;
        double started = 0;
        double updatedAt = -1;
        for (double t = 1; t <= kLimit; t += 1) {
            const RunResult r = run.run(t);
            const std::optional<RealTime> reference = r.finalSnapshot.reference.referenceTime;
            if (reference && reference != lastReference) {
                lastReference = reference;
                if (++updates == kUpdate) {
                    updatedAt = t;
                    started = run.clockDriver()->pendingSlew(run.clientReading());
                }
            }
            if (updatedAt >= 0 && t >= updatedAt + kSettle)
                break;
        }
        QVERIFY2(updates >= kUpdate, qPrintable(QString::number(updates)));
        const double left = run.clockDriver()->pendingSlew(run.clientReading());
        const QString figures = QStringLiteral("seed %1: update at %2 s, pending %3 s then, %4 s after %5 s")
                                    .arg(seed)
                                    .arg(updatedAt)
                                    .arg(started)
                                    .arg(left)
                                    .arg(kSettle);
        QVERIFY2(std::abs(left) <= 1e-9, qPrintable(figures));
    }
}

void TestClockControl::syncStatusEndsSynchronised()
{
    const Scenario s = shortened("default", 3000);
    Simulation run(s, 11, ClientClock::Kernel);
    const RunResult r = run.run();
    const SimKernelClock &kernel = *run.kernelClock();
    QCOMPARE(kernel.status() & (STA_UNSYNC | STA_INS | STA_DEL | STA_PLL), 0);

    // What the engine reports, as the kernel holds it: maxerror is the root distance at the
    // last update (plus what was still being slewed) and has grown 500 us per second since;
    // esterror is the offset SD (or the pending slew, when larger).
    const ReferenceSnapshot &ref = r.finalSnapshot.reference;
    QVERIFY(ref.synchronised && ref.referenceTime);
    const double age = toSeconds(r.finalSnapshot.time - *ref.referenceTime);
    const double distanceAtUpdate = ref.rootDelay / 2 + ref.rootDispersion - age * (ref.skewPpm * kPpm + 1e-6);
    const double grown = std::floor(age) * SimKernelClock::kMaxErrorGrowthUs * 1e-6;
    // The kernel's whole microseconds, far below 2^53: exact as doubles.
    const double maxError = static_cast<double>(kernel.maxErrorUs()) * 1e-6;
    const double estError = static_cast<double>(kernel.estErrorUs()) * 1e-6;
    const QString figures = QStringLiteral("kernel maxerror %1 s, esterror %2 s; distance at update %3 s, age %4 s")
                                .arg(maxError)
                                .arg(estError)
                                .arg(distanceAtUpdate)
                                .arg(age);
    QVERIFY2(maxError >= distanceAtUpdate + grown - 2e-6, qPrintable(figures));
    QVERIFY2(maxError <= distanceAtUpdate + grown + std::abs(ref.lastOffset) + 2e-6, qPrintable(figures));
    QVERIFY2(kernel.estErrorUs() > 0 && estError < distanceAtUpdate, qPrintable(figures));
}

void TestClockControl::refusedKernelIsReportedNotFatal()
{
    const Scenario s = shortened("default", 3000);
    Simulation run(s, 13, ClientClock::Kernel);
    run.run(1000);
    const std::uint64_t changes = run.kernelClock()->frequencyChanges();
    run.kernelClock()->setPrivileged(false); // e.g. CAP_SYS_TIME dropped
    const RunResult r = run.run();

    QCOMPARE(run.kernelClock()->frequencyChanges(), changes);
    const auto refused = std::count_if(r.events.begin(), r.events.end(), [](const EngineEvent &e) {
        return e.category == EngineEvent::Category::Clock
               && e.message.find("adjusting the system clock failed") != std::string::npos
               && e.message.find("not permitted") != std::string::npos;
    });
    // Reported, once per kind of refusal, and the engine goes on measuring and serving.
    QVERIFY(refused >= 1 && refused <= 4);
    QVERIFY(r.finalSnapshot.reference.synchronised);
    QVERIFY(r.finalSnapshot.sources.at(0).repliesAccepted > 20);
}

QTEST_APPLESS_MAIN(TestClockControl)
#include "tst_clockcontrol.moc"
