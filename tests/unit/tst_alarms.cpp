// The engine's alarms: each one raised and cleared from engine states (AlarmInputs) with its
// hysteresis, through the Engine, and in simulations against true time: a PPS that disappears,
// a server that jumps 50 ms, all sources lost.
#include "alarms/AlarmMonitor.h"
#include "engine/Engine.h"
#include "sim/Simulation.h"

#include <QtTest>

#include <algorithm>

using namespace s1;
using namespace s1::sim;
using namespace std::chrono_literals;

namespace {

const RealTime kStart = realTimeFromNanos(1'700'000'000LL * kNanosPerSecond);

RealTime at(double seconds)
{
    return kStart + fromSeconds(seconds);
}

// A synchronised server with one selected NTP source and a PPS refclock.
AlarmInputs healthy(double seconds)
{
    AlarmInputs in;
    in.now = at(seconds);
    in.synchronised = true;
    in.stratum = 1;
    in.referenceName = "PPS";
    in.leap = LeapIndicator::None;
    in.sourceSelected = true;
    in.sources.push_back({"192.0.2.1", SourceKind::Server, SourceState::Combined, 0xff, false, 64});
    in.sources.push_back({"PPS", SourceKind::RefClock, SourceState::Selected, 0xff, true, 16});
    return in;
}

GpsStatus goodGps()
{
    GpsStatus gps;
    gps.fixMode = GpsFixMode::Fix3D;
    gps.epochTimeValid = true;
    gps.lastMessageAge = 0.2;
    return gps;
}

std::optional<Alarm> find(const std::vector<Alarm> &alarms, AlarmKind kind, const std::string &subject = {})
{
    for (const Alarm &a : alarms)
        if (a.kind == kind && a.subject == subject)
            return a;
    return std::nullopt;
}

std::optional<Alarm> findActive(const AlarmMonitor &monitor, AlarmKind kind, const std::string &subject = {})
{
    const auto a = find(monitor.alarms(), kind, subject);
    return a && a->active() ? a : std::nullopt;
}

double secondsOf(RealTime t)
{
    return toSeconds(t - simulationEpoch());
}

std::vector<Alarm> alarmsOf(const RunResult &r, AlarmKind kind, const std::string &subject)
{
    std::vector<Alarm> list;
    for (const Alarm &a : r.finalSnapshot.alarms)
        if (a.kind == kind && a.subject == subject)
            list.push_back(a);
    return list;
}

} // namespace

class TestAlarms : public QObject
{
    Q_OBJECT
private slots:
    void hysteresisDelaysRaiseAndClear();
    void healthyServerHasNoAlarms();
    void ppsLostAndRegained();
    void ppsThatNeverCameIsAnAlarmAfterStartUp();
    void gpsFixLostAndRegained();
    void gpsSilentSaysSo();
    void gpsTimeInvalid();
    void serialErrors();
    void noSelectableSourceIsHoldover();
    void unsynchronisedAfterStartUp();
    void stratumChanged();
    void falseticker();
    void clockStepped();
    void leapSecondPending();
    void removedSourceClearsItsAlarm();
    void listIsBounded();
    void engineRaisesFromGpsStatus();
    void simulationPpsDisappears();
    void simulationServerJumps50ms();
    void simulationGpsFixLost();
    void simulationAllSourcesLost();
    void calibrationDrift();
    void reloadCarriesAlarmsOn();
    void simulationNmea150msLate();
};

void TestAlarms::hysteresisDelaysRaiseAndClear()
{
    AlarmHysteresis h(10s, 5s);
    QCOMPARE(h.observe(true, at(0)), AlarmHysteresis::Change::None);
    QCOMPARE(h.observe(true, at(9)), AlarmHysteresis::Change::None);
    QCOMPARE(h.observe(true, at(10)), AlarmHysteresis::Change::Raise);
    QVERIFY(h.raised());
    // A short dip does not clear, and restarts the clear delay.
    QCOMPARE(h.observe(false, at(11)), AlarmHysteresis::Change::None);
    QCOMPARE(h.observe(true, at(12)), AlarmHysteresis::Change::None);
    QCOMPARE(h.observe(false, at(13)), AlarmHysteresis::Change::None);
    QCOMPARE(h.observe(false, at(17)), AlarmHysteresis::Change::None);
    QCOMPARE(h.observe(false, at(18)), AlarmHysteresis::Change::Clear);
    QVERIFY(!h.raised());
}

void TestAlarms::healthyServerHasNoAlarms()
{
    AlarmMonitor m;
    for (int t = 0; t <= 3600; t += 16) {
        AlarmInputs in = healthy(t);
        in.gps = goodGps();
        m.update(in);
    }
    QVERIFY(m.alarms().empty());
}

void TestAlarms::ppsLostAndRegained()
{
    AlarmMonitor m;
    m.update(healthy(0));
    // Reach register of the PPS after each poll: two empty polls are a hiccup, the third is an alarm.
    AlarmInputs in = healthy(16);
    in.sources[1].reach = 0xfe;
    m.update(in);
    in = healthy(32);
    in.sources[1].reach = 0xfc;
    m.update(in);
    QVERIFY(!findActive(m, AlarmKind::PpsLost, "PPS"));
    in = healthy(48);
    in.sources[1].reach = 0xf8;
    m.update(in);
    const auto raised = findActive(m, AlarmKind::PpsLost, "PPS");
    QVERIFY(raised);
    QCOMPARE(raised->raised, at(48));
    QCOMPARE(raised->severity, AlarmSeverity::Critical);
    QVERIFY(raised->text.find("stopped delivering pulses") != std::string::npos);
    QVERIFY(raised->fix.find("ppstest") != std::string::npos);
    // One pulse back is not enough; two polls in a row are.
    in = healthy(64);
    in.sources[1].reach = 0xf1;
    m.update(in);
    QVERIFY(findActive(m, AlarmKind::PpsLost, "PPS"));
    in = healthy(80);
    in.sources[1].reach = 0xe3;
    m.update(in);
    QVERIFY(!findActive(m, AlarmKind::PpsLost, "PPS"));
    const auto cleared = find(m.alarms(), AlarmKind::PpsLost, "PPS");
    QVERIFY(cleared);
    QCOMPARE(*cleared->cleared, at(80));
    QCOMPARE(cleared->raised, at(48));
}

void TestAlarms::ppsThatNeverCameIsAnAlarmAfterStartUp()
{
    AlarmMonitor m;
    const double grace = toSeconds(AlarmMonitor::kStartupGrace);
    for (double t = 0; t < grace; t += 16) {
        AlarmInputs in = healthy(t);
        in.sources[1].reach = 0;
        m.update(in);
    }
    QVERIFY(!findActive(m, AlarmKind::PpsLost, "PPS"));
    AlarmInputs in = healthy(grace);
    in.sources[1].reach = 0;
    m.update(in);
    const auto a = findActive(m, AlarmKind::PpsLost, "PPS");
    QVERIFY(a);
    QVERIFY(a->text.find("has delivered no pulse") != std::string::npos);
}

void TestAlarms::gpsFixLostAndRegained()
{
    AlarmMonitor m;
    AlarmInputs in = healthy(0);
    in.gps = goodGps();
    m.update(in);
    for (int t = 1; t <= 10; ++t) {
        in = healthy(t);
        in.gps = goodGps();
        in.gps->fixMode = GpsFixMode::None;
        in.gps->epochTimeValid = false;
        m.update(in);
        QCOMPARE(findActive(m, AlarmKind::GpsFixLost, "GPS").has_value(), t >= 11);
    }
    in = healthy(11);
    in.gps = goodGps();
    in.gps->fixMode = GpsFixMode::None;
    m.update(in);
    const auto a = findActive(m, AlarmKind::GpsFixLost, "GPS");
    QVERIFY(a);
    QCOMPARE(a->raised, at(11));
    QVERIFY(a->text.find("no position fix") != std::string::npos);
    QVERIFY(a->fix.find("antenna") != std::string::npos);
    // Without a fix, time validity is not a second alarm.
    QVERIFY(!findActive(m, AlarmKind::GpsTimeInvalid, "GPS"));
    for (int t = 12; t <= 22; ++t) {
        in = healthy(t);
        in.gps = goodGps();
        m.update(in);
    }
    const auto cleared = find(m.alarms(), AlarmKind::GpsFixLost, "GPS");
    QVERIFY(cleared && !cleared->active());
    QCOMPARE(*cleared->cleared, at(22));
}

void TestAlarms::gpsSilentSaysSo()
{
    AlarmMonitor m;
    for (int t = 0; t <= 20; ++t) {
        AlarmInputs in = healthy(t);
        in.gps = goodGps();
        in.gps->lastMessageAge = 10.0 + t;
        m.update(in);
    }
    const auto a = findActive(m, AlarmKind::GpsFixLost, "GPS");
    QVERIFY(a);
    QVERIFY(a->text.find("has sent nothing for 30 s") != std::string::npos);
    QVERIFY(a->fix.find("baud rate") != std::string::npos);
}

void TestAlarms::gpsTimeInvalid()
{
    AlarmMonitor m;
    for (int t = 0; t <= 10; ++t) {
        AlarmInputs in = healthy(t);
        in.gps = goodGps();
        in.gps->epochTimeValid = false;
        m.update(in);
    }
    const auto a = findActive(m, AlarmKind::GpsTimeInvalid, "GPS");
    QVERIFY(a);
    QCOMPARE(a->raised, at(10));
    QVERIFY(!findActive(m, AlarmKind::GpsFixLost, "GPS"));
}

void TestAlarms::serialErrors()
{
    AlarmMonitor m;
    AlarmInputs in = healthy(0);
    in.gps = goodGps();
    m.update(in);
    QVERIFY(!findActive(m, AlarmKind::SerialErrors, "GPS"));
    in = healthy(1);
    in.gps = goodGps();
    in.gps->checksumErrors = 3;
    in.gps->serialOverruns = 1;
    m.update(in);
    const auto a = findActive(m, AlarmKind::SerialErrors, "GPS");
    QVERIFY(a);
    QVERIFY(a->text.find("had 4 errors") != std::string::npos);
    QVERIFY(a->fix.find("115200") != std::string::npos);
    // Counters that stop growing clear it after the window.
    const double window = toSeconds(AlarmMonitor::kSerialErrorWindow);
    in = healthy(1 + window - 1);
    in.gps = goodGps();
    in.gps->checksumErrors = 3;
    in.gps->serialOverruns = 1;
    m.update(in);
    QVERIFY(findActive(m, AlarmKind::SerialErrors, "GPS"));
    in.now = at(1 + window);
    m.update(in);
    QVERIFY(!findActive(m, AlarmKind::SerialErrors, "GPS"));
}

void TestAlarms::noSelectableSourceIsHoldover()
{
    AlarmMonitor m;
    m.update(healthy(0));
    const double delay = toSeconds(AlarmMonitor::kNoSelectionDelay);
    for (double t = 16; t <= 16 + delay; t += 1) {
        AlarmInputs in = healthy(t);
        in.sourceSelected = false;
        in.noSelectionReason = "no selectable sources";
        in.sources[0].reach = 0;
        in.sources[1].reach = 0;
        m.update(in);
        QCOMPARE(findActive(m, AlarmKind::NoSelectableSource).has_value(), t >= 16 + delay);
    }
    const auto a = findActive(m, AlarmKind::NoSelectableSource);
    QVERIFY(a);
    QVERIFY(a->text.find("holding over") != std::string::npos);
    QVERIFY(a->text.find("(no selectable sources)") != std::string::npos);
    m.update(healthy(100));
    QVERIFY(!findActive(m, AlarmKind::NoSelectableSource));
}

void TestAlarms::unsynchronisedAfterStartUp()
{
    AlarmMonitor m;
    const double grace = toSeconds(AlarmMonitor::kStartupGrace);
    AlarmInputs in = healthy(0);
    in.synchronised = false;
    in.sourceSelected = false;
    in.stratum = kNtpMaxStratum;
    m.update(in);
    in.now = at(grace - 1);
    m.update(in);
    QVERIFY(!findActive(m, AlarmKind::Unsynchronised));
    QVERIFY(!findActive(m, AlarmKind::NoSelectableSource));
    in.now = at(grace);
    m.update(in);
    const auto a = findActive(m, AlarmKind::Unsynchronised);
    QVERIFY(a);
    QCOMPARE(a->severity, AlarmSeverity::Critical);
    QVERIFY(a->text.find("stratum 16") != std::string::npos);
    m.update(healthy(grace + 10));
    QVERIFY(!findActive(m, AlarmKind::Unsynchronised));
    // Becoming synchronised is not a stratum change.
    QVERIFY(!findActive(m, AlarmKind::StratumChanged));
}

void TestAlarms::stratumChanged()
{
    AlarmMonitor m;
    m.update(healthy(0));
    AlarmInputs in = healthy(16);
    in.stratum = 2;
    in.referenceName = "192.0.2.1";
    m.update(in);
    auto a = findActive(m, AlarmKind::StratumChanged);
    QVERIFY(a);
    QCOMPARE(a->severity, AlarmSeverity::Info);
    QVERIFY(a->text.find("from 1 to 2 (reference 192.0.2.1)") != std::string::npos);
    // Back again: the same alarm, now saying so, not a second one.
    m.update(healthy(32));
    a = findActive(m, AlarmKind::StratumChanged);
    QVERIFY(a);
    QVERIFY(a->text.find("from 2 to 1") != std::string::npos);
    const std::vector<Alarm> all = m.alarms();
    QCOMPARE(std::count_if(all.begin(), all.end(), [](const Alarm &x) { return x.kind == AlarmKind::StratumChanged; }),
             1);
    m.update(healthy(32 + toSeconds(AlarmMonitor::kEventAlarmDuration)));
    QVERIFY(!findActive(m, AlarmKind::StratumChanged));
}

void TestAlarms::falseticker()
{
    AlarmMonitor m;
    m.update(healthy(0));
    AlarmInputs in = healthy(64);
    in.sources[0].state = SourceState::Falseticker;
    m.update(in);
    const auto a = findActive(m, AlarmKind::Falseticker, "192.0.2.1");
    QVERIFY(a);
    QVERIFY(a->text.find("192.0.2.1 disagrees") != std::string::npos);
    QVERIFY(a->fix.find("sourcestats") != std::string::npos);
    // Agreeing once is not enough to be forgiven, and going back does not raise a second one.
    m.update(healthy(128));
    in = healthy(192);
    in.sources[0].state = SourceState::Falseticker;
    m.update(in);
    const double clearDelay = toSeconds(AlarmMonitor::kFalsetickerClearDelay);
    m.update(healthy(256));
    QVERIFY(findActive(m, AlarmKind::Falseticker, "192.0.2.1"));
    m.update(healthy(256 + clearDelay));
    QVERIFY(!findActive(m, AlarmKind::Falseticker, "192.0.2.1"));
    QCOMPARE(m.alarms().size(), std::size_t(1));
}

void TestAlarms::clockStepped()
{
    AlarmMonitor m;
    AlarmInputs in = healthy(0);
    in.steps = {0.25};
    m.update(in);
    const auto a = findActive(m, AlarmKind::ClockStepped);
    QVERIFY(a);
    QVERIFY(a->text.find("stepped by 0.250000 s") != std::string::npos);
    m.update(healthy(toSeconds(AlarmMonitor::kEventAlarmDuration) - 1));
    QVERIFY(findActive(m, AlarmKind::ClockStepped));
    m.update(healthy(toSeconds(AlarmMonitor::kEventAlarmDuration)));
    QVERIFY(!findActive(m, AlarmKind::ClockStepped));
}

void TestAlarms::leapSecondPending()
{
    AlarmMonitor m;
    AlarmInputs in = healthy(0);
    in.leap = LeapIndicator::InsertSecond;
    m.update(in);
    const auto a = findActive(m, AlarmKind::LeapSecondPending);
    QVERIFY(a);
    QVERIFY(a->text.find("inserted") != std::string::npos);
    m.update(healthy(1));
    QVERIFY(!findActive(m, AlarmKind::LeapSecondPending));
}

void TestAlarms::removedSourceClearsItsAlarm()
{
    AlarmMonitor m;
    AlarmInputs in = healthy(0);
    in.sources[0].state = SourceState::Falseticker;
    m.update(in);
    QVERIFY(findActive(m, AlarmKind::Falseticker, "192.0.2.1"));
    in = healthy(1);
    in.sources.erase(in.sources.begin());
    m.update(in);
    QVERIFY(!findActive(m, AlarmKind::Falseticker, "192.0.2.1"));
}

void TestAlarms::listIsBounded()
{
    AlarmMonitor m;
    for (std::size_t i = 0; i < 2 * kAlarmListLimit; ++i) {
        AlarmInputs in = healthy(static_cast<double>(i));
        in.steps = {0.1};
        m.update(in);
        // Each step extends the same alarm; a source coming and going makes new ones.
        in.sources[0].name = "192.0.2." + std::to_string(i);
        in.sources[0].state = SourceState::Falseticker;
        m.update(in);
    }
    QCOMPARE(m.alarms().size(), kAlarmListLimit);
    QVERIFY(m.alarms().front().active());
}

void TestAlarms::engineRaisesFromGpsStatus()
{
    EngineConfig config;
    config.ntpPort = 0;
    Engine engine(config, EngineOptions{}, kStart);
    GpsStatus gps = goodGps();
    gps.fixMode = GpsFixMode::None;
    for (int t = 0; t <= 10; ++t)
        engine.handleGpsStatus(gps, at(t));
    const EngineSnapshot s = engine.snapshot(at(10));
    const auto a = find(s.alarms, AlarmKind::GpsFixLost, "GPS");
    QVERIFY(a);
    QVERIFY(a->active());
    QCOMPARE(a->raised, at(10));
}

void TestAlarms::simulationPpsDisappears()
{
    Scenario s = *findScenario("pps");
    constexpr double kLoose = 1000, kBack = 1300;
    s.refclocks[1].silent = TimeSpan{kLoose, kBack};
    const RunResult r = Simulation(s, 1).run(2000);
    const std::vector<Alarm> pps = alarmsOf(r, AlarmKind::PpsLost, "PPS");
    QCOMPARE(pps.size(), std::size_t(1));
    const double poll = std::ldexp(1.0, s.refclocks[1].poll);
    // Raised at the third empty poll, cleared at the second full one. A poll is empty once its
    // window holds fewer than four pulses, so the first empty one comes within a poll of the
    // loss (and of the return for the first full one).
    const double raised = secondsOf(pps[0].raised);
    qInfo("PPS lost at %.1f s, raised %.1f s; back at %.1f s, cleared %.1f s", kLoose, raised, kBack,
          pps[0].cleared ? secondsOf(*pps[0].cleared) : -1.0);
    QVERIFY2(raised >= kLoose + (AlarmMonitor::kPpsLostPolls - 1) * poll
                 && raised <= kLoose + (AlarmMonitor::kPpsLostPolls + 1) * poll,
             qPrintable(QString::number(raised)));
    QVERIFY(pps[0].cleared);
    const double cleared = secondsOf(*pps[0].cleared);
    QVERIFY2(cleared >= kBack + (AlarmMonitor::kPpsRegainedPolls - 1) * poll
                 && cleared <= kBack + (AlarmMonitor::kPpsRegainedPolls + 1) * poll,
             qPrintable(QString::number(cleared)));
}

void TestAlarms::simulationGpsFixLost()
{
    Scenario s = *findScenario("pps");
    QVERIFY(s.gpsReceiver);
    constexpr double kLost = 1000, kBack = 1300;
    s.gpsFixLost = TimeSpan{kLost, kBack};
    const RunResult r = Simulation(s, 1).run(2000);
    const std::vector<Alarm> fix = alarmsOf(r, AlarmKind::GpsFixLost, "GPS");
    QCOMPARE(fix.size(), std::size_t(1));
    // The receiver's status comes once a second; the alarm waits 10 s each way.
    const double raised = secondsOf(fix[0].raised);
    qInfo("fix lost at %.1f s, raised %.1f s; back at %.1f s, cleared %.1f s", kLost, raised, kBack,
          fix[0].cleared ? secondsOf(*fix[0].cleared) : -1.0);
    const double raiseDelay = toSeconds(AlarmMonitor::kGpsRaiseDelay);
    const double clearDelay = toSeconds(AlarmMonitor::kGpsClearDelay);
    constexpr double kStatusInterval = 1.0, kClockError = 0.01; // s
    QVERIFY2(raised >= kLost + raiseDelay - kClockError && raised <= kLost + raiseDelay + 2 * kStatusInterval,
             qPrintable(QString::number(raised)));
    QVERIFY(fix[0].text.find("no position fix") != std::string::npos);
    QVERIFY(fix[0].cleared);
    const double cleared = secondsOf(*fix[0].cleared);
    QVERIFY2(cleared >= kBack + clearDelay - kClockError && cleared <= kBack + clearDelay + 2 * kStatusInterval,
             qPrintable(QString::number(cleared)));
    // Without a fix the time is not valid either, but that is not a second alarm.
    QVERIFY(alarmsOf(r, AlarmKind::GpsTimeInvalid, "GPS").empty());
    // The GPS view at the end shows the fix again.
    QVERIFY(r.finalSnapshot.gps);
    QCOMPARE(r.finalSnapshot.gps->fixMode, GpsFixMode::Fix3D);
}

void TestAlarms::simulationServerJumps50ms()
{
    Scenario s = *findScenario("falsetickers-1");
    s.servers[0].offset = 0;
    s.maxPoll = s.minPoll;
    constexpr double kJump = 2000, kBack = 4000;
    s.servers[2].jumped = TimeSpan{kJump, kBack};
    s.servers[2].jump = 0.05;
    const RunResult r = Simulation(s, 1).run(6000);
    const std::string name = s.engineConfig().sources[2].host;
    const std::vector<Alarm> x = alarmsOf(r, AlarmKind::Falseticker, name);
    QCOMPARE(x.size(), std::size_t(1));
    const double poll = std::ldexp(1.0, s.minPoll);
    const double raised = secondsOf(x[0].raised);
    qInfo("server jumped at %.1f s, falseticker raised %.1f s; back at %.1f s, cleared %.1f s", kJump, raised, kBack,
          x[0].cleared ? secondsOf(*x[0].cleared) : -1.0);
    QVERIFY2(raised > kJump && raised <= kJump + 4 * poll, qPrintable(QString::number(raised)));
    QVERIFY(x[0].cleared);
    const double cleared = secondsOf(*x[0].cleared);
    const double clearDelay = toSeconds(AlarmMonitor::kFalsetickerClearDelay);
    QVERIFY2(cleared >= kBack + clearDelay && cleared <= kBack + clearDelay + 8 * poll,
             qPrintable(QString::number(cleared)));
    // The other servers stayed truechimers.
    for (std::size_t i = 0; i < s.servers.size(); ++i)
        if (i != 2)
            QVERIFY(alarmsOf(r, AlarmKind::Falseticker, s.engineConfig().sources[i].host).empty());
}

void TestAlarms::simulationAllSourcesLost()
{
    Scenario s = *findScenario("default");
    s.servers.assign(3, ServerModel{});
    s.maxPoll = s.minPoll;
    constexpr double kLost = 2000, kBack = 5000;
    for (ServerModel &server : s.servers)
        server.silent = TimeSpan{kLost, kBack};
    const RunResult r = Simulation(s, 1).run(6000);
    const std::vector<Alarm> none = alarmsOf(r, AlarmKind::NoSelectableSource, {});
    QCOMPARE(none.size(), std::size_t(1));
    const double poll = std::ldexp(1.0, s.minPoll);
    // Unreachable after the reach register emptied: eight polls without an answer.
    const double raised = secondsOf(none[0].raised);
    qInfo("sources lost at %.1f s, alarm raised %.1f s; back at %.1f s, cleared %.1f s", kLost, raised, kBack,
          none[0].cleared ? secondsOf(*none[0].cleared) : -1.0);
    QVERIFY2(raised > kLost && raised <= kLost + 9 * poll + toSeconds(AlarmMonitor::kNoSelectionDelay),
             qPrintable(QString::number(raised)));
    QVERIFY(none[0].text.find("holding over") != std::string::npos);
    QVERIFY(none[0].cleared);
    const double cleared = secondsOf(*none[0].cleared);
    QVERIFY2(cleared > kBack && cleared <= kBack + 4 * poll, qPrintable(QString::number(cleared)));
    QVERIFY(alarmsOf(r, AlarmKind::Unsynchronised, {}).empty());
}

void TestAlarms::calibrationDrift()
{
    AlarmMonitor monitor;
    const auto measured = [](double medianError, double spread, bool ready) {
        OffsetCalibration c;
        c.reference = "PPS";
        c.samples = 600;
        c.medianError = medianError;
        c.spread = spread;
        c.currentOffset = 0.0;
        c.proposedOffset = -medianError;
        c.proposedDelay = spread;
        c.ready = ready;
        return c;
    };
    const auto evaluate = [&](double t, std::optional<OffsetCalibration> c) {
        AlarmInputs in = healthy(t);
        in.calibrations.push_back({"NMEA", std::move(c)});
        monitor.update(in);
    };
    // 150 ms late, a few ms of jitter: raised once it has lasted a minute.
    evaluate(0, measured(-0.150, 0.004, true));
    QVERIFY(!findActive(monitor, AlarmKind::CalibrationDrift, "NMEA"));
    const double raiseAfter = toSeconds(AlarmMonitor::kCalibrationRaiseDelay);
    evaluate(raiseAfter, measured(-0.150, 0.004, true));
    const auto raised = findActive(monitor, AlarmKind::CalibrationDrift, "NMEA");
    QVERIFY(raised);
    QCOMPARE(raised->severity, AlarmSeverity::Warning);
    QVERIFY2(QString::fromStdString(raised->text).contains("150.0 ms late against PPS"), raised->text.c_str());
    QVERIFY2(QString::fromStdString(raised->text).contains("should be 0.150 s"), raised->text.c_str());
    QVERIFY(QString::fromStdString(raised->fix).contains("stratumctl calibrate NMEA"));
    // The reference lost, then a new measurement filling its window: nothing new is known.
    evaluate(raiseAfter + 100, std::nullopt);
    evaluate(raiseAfter + 400, measured(0.001, 0.004, false));
    const auto kept = findActive(monitor, AlarmKind::CalibrationDrift, "NMEA");
    QVERIFY(kept);
    QCOMPARE(kept->text, raised->text);
    // Calibrated: cleared after a minute of agreeing.
    evaluate(raiseAfter + 700, measured(0.001, 0.004, true));
    QVERIFY(findActive(monitor, AlarmKind::CalibrationDrift, "NMEA"));
    evaluate(raiseAfter + 700 + toSeconds(AlarmMonitor::kCalibrationClearDelay), measured(0.001, 0.004, true));
    QVERIFY(!findActive(monitor, AlarmKind::CalibrationDrift, "NMEA"));

    // A jittery receiver: 30 ms off is within half its 100 ms spread.
    AlarmMonitor jittery;
    for (double t : {0.0, 100.0, 200.0}) {
        AlarmInputs in = healthy(t);
        in.calibrations.push_back({"SOCK", measured(0.030, 0.100, true)});
        jittery.update(in);
    }
    QVERIFY(!findActive(jittery, AlarmKind::CalibrationDrift, "SOCK"));
}

void TestAlarms::simulationNmea150msLate()
{
    // A receiver whose messages come 150 ms after the second, configured as if they came at once.
    constexpr double kLatency = 0.150;
    Scenario s = *findScenario("pps");
    s.refclocks[0].latency = kLatency;
    s.refclocks[0].offsetOption = 0;
    s.refclocks[0].delay = 0.5; // wide, so that the PPS still pairs with it
    const RunResult r = Simulation(s, 1).run(1500);
    const std::vector<Alarm> drift = alarmsOf(r, AlarmKind::CalibrationDrift, "NMEA");
    QCOMPARE(drift.size(), std::size_t(1));
    QVERIFY(drift[0].active());
    const double raised = secondsOf(drift[0].raised);
    qInfo("NMEA 150 ms late: calibration alarm raised at %.1f s: %s", raised, drift[0].text.c_str());
    // The measurement needs its ten-minute window once the PPS is selected, then a minute.
    const double window = OffsetCalibrator::kDefaultWindow * OffsetCalibrator::kReadyShare;
    QVERIFY2(raised >= window + toSeconds(AlarmMonitor::kCalibrationRaiseDelay) && raised <= window + 600,
             qPrintable(QString::number(raised)));
    QVERIFY(QString::fromStdString(drift[0].text).contains(" ms late against PPS"));

    // Configured right, the same receiver raises nothing.
    s.refclocks[0].offsetOption = kLatency;
    const RunResult calibrated = Simulation(s, 1).run(1500);
    QVERIFY(alarmsOf(calibrated, AlarmKind::CalibrationDrift, "NMEA").empty());
}

void TestAlarms::reloadCarriesAlarmsOn()
{
    // The engine before the reload: the PPS lost (active), a falseticker come and gone.
    AlarmMonitor before;
    AlarmInputs in = healthy(0);
    in.sources[1].reach = 0;
    in.sources[0].state = SourceState::Falseticker;
    before.update(in);
    in = healthy(toSeconds(AlarmMonitor::kFalsetickerClearDelay) + 10);
    in.sources[1].reach = 0;
    before.update(in);
    in.now = at(400);
    before.update(in);
    const std::vector<Alarm> list = before.alarms();
    const auto pps = find(list, AlarmKind::PpsLost, "PPS");
    const auto x = find(list, AlarmKind::Falseticker, "192.0.2.1");
    QVERIFY(pps && pps->active());
    QVERIFY(x && !x->active());

    // The new engine shows the same list, ids and times, before it has looked at anything.
    EngineOptions options;
    options.previousAlarms = list;
    Engine engine(EngineConfig{}, options, at(401));
    QCOMPARE(engine.snapshot(at(401)).alarms, list);

    AlarmMonitor after;
    after.adopt(list);
    QCOMPARE(after.alarms(), list);
    // Still lost: the same alarm goes on (no second raise, so no second alarmcommand).
    in.now = at(402);
    after.update(in);
    QCOMPARE(findActive(after, AlarmKind::PpsLost, "PPS")->id, pps->id);
    // The pulses are back: cleared now, as the old engine would have cleared it.
    in = healthy(500);
    after.update(in);
    const auto cleared = find(after.alarms(), AlarmKind::PpsLost, "PPS");
    QVERIFY(cleared && !cleared->active());
    QCOMPARE(cleared->id, pps->id);
    QCOMPARE(*cleared->cleared, at(500));
    // New alarms get new ids.
    in.sources[0].state = SourceState::Falseticker;
    in.now = at(700);
    after.update(in);
    QVERIFY(findActive(after, AlarmKind::Falseticker, "192.0.2.1")->id > std::max(pps->id, x->id));
}

QTEST_APPLESS_MAIN(TestAlarms)
#include "tst_alarms.moc"
