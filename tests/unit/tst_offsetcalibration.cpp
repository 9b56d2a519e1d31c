// Calibrating a time-of-day refclock's `offset` and `delay` (OffsetCalibrator, the engine
// feeding it, the configuration edit `stratumctl calibrate` sends): the median and spread of its
// error against a better selected source, and, in the simulator, an NMEA receiver whose messages
// arrive 150 ms late, locked to by a PPS, gets `offset` within 2 ms of those 150 ms.
#include "config/CalibrationEdit.h"
#include "refclock/OffsetCalibrator.h"
#include "sim/Simulation.h"

#include <QtTest>

#include <algorithm>

using namespace s1;

namespace {

constexpr double kMs = 1e-3;
const RealTime kStart = realTimeFromNanos(1'760'000'000 * kNanosPerSecond);

RealTime at(double seconds)
{
    return kStart + fromSeconds(seconds);
}

const SourceSnapshot *sourceNamed(const EngineSnapshot &s, const std::string &name)
{
    const auto it =
        std::find_if(s.sources.begin(), s.sources.end(), [&](const SourceSnapshot &x) { return x.name == name; });
    return it == s.sources.end() ? nullptr : &*it;
}
// A pointer into a snapshot that dies at the end of the statement would dangle: name it first.
const SourceSnapshot *sourceNamed(EngineSnapshot &&s, const std::string &name) = delete;

} // namespace

class TestOffsetCalibration : public QObject
{
    Q_OBJECT

private slots:
    void medianAndSpread();
    void windowRollsAndReferenceRestarts();
    void nmea150msLateIsCalibratedInTheSimulator();
    void notMeasuredWithoutABetterSource();
    void configurationEdit();
};

void TestOffsetCalibration::medianAndSpread()
{
    OffsetCalibrator calibrator(100);
    QVERIFY(!calibrator.result(0));
    // Errors -150 ms plus 0..1.00 ms in steps of 10 µs (101 samples, one a second): median
    // -149.5 ms; the 5th and 95th percentiles 0.05 and 0.95 ms above -150 ms.
    for (int i = 0; i <= 100; ++i)
        calibrator.add(at(i), -150 * kMs + i * 0.01 * kMs, "PPS");
    const auto c = calibrator.result(0.010);
    QVERIFY(c);
    QCOMPARE(c->samples, 101);
    QCOMPARE(c->reference, std::string("PPS"));
    QVERIFY(std::abs(c->medianError - (-149.5 * kMs)) < 1e-12);
    QVERIFY(std::abs(c->spread - 0.9 * kMs) < 1e-12);
    QCOMPARE(c->currentOffset, 0.010);
    // The offset that cancels the median error on top of the one configured now.
    QVERIFY(std::abs(c->proposedOffset - (0.010 + 149.5 * kMs)) < 1e-12);
    QCOMPARE(c->proposedDelay, c->spread);
    QVERIFY(c->ready);
}

void TestOffsetCalibration::windowRollsAndReferenceRestarts()
{
    OffsetCalibrator calibrator(60);
    for (int i = 0; i < 30; ++i)
        calibrator.add(at(i), 0.5, "PPS");
    auto c = calibrator.result(0);
    QVERIFY(c && !c->ready); // 29 s of a 60 s window
    for (int i = 30; i < 200; ++i)
        calibrator.add(at(i), -0.1, "PPS");
    c = calibrator.result(0);
    QVERIFY(c->ready);
    QCOMPARE(c->medianError, -0.1); // the old errors left the window
    QCOMPARE(c->samples, 61);
    calibrator.add(at(200), 0.2, "192.0.2.1");
    c = calibrator.result(0);
    QCOMPARE(c->samples, 1);
    QCOMPARE(c->reference, std::string("192.0.2.1"));
    QVERIFY(!c->ready);
    calibrator.reset();
    QVERIFY(!calibrator.result(0));
}

void TestOffsetCalibration::nmea150msLateIsCalibratedInTheSimulator()
{
    constexpr double kLatency = 0.150; // s: the truth the calibration must find
    sim::Scenario scenario;
    scenario.name = "nmea-150ms-late";
    scenario.servers.clear();
    sim::RefClockModel nmea;
    nmea.kind = sim::RefClockModel::Kind::Samples;
    nmea.refId = "NMEA";
    nmea.latency = kLatency;
    nmea.error = 1 * kMs;  // serial jitter: each message 0..a few ms later still
    nmea.offsetOption = 0; // not calibrated yet
    nmea.delay = 0.5;      // wide, so that the uncalibrated messages still agree with the pulses
    sim::RefClockModel pps;
    pps.kind = sim::RefClockModel::Kind::Pulses;
    pps.refId = "PPS";
    pps.lock = "NMEA";
    pps.error = 1e-6;
    scenario.refclocks = {nmea, pps};
    sim::Simulation simulation(scenario, 21);
    const sim::RunResult result = simulation.run(1500);
    const SourceSnapshot *source = sourceNamed(result.finalSnapshot, "NMEA");
    QVERIFY(source);
    const SourceSnapshot *ppsSource = sourceNamed(result.finalSnapshot, "PPS");
    QCOMPARE(ppsSource->state, SourceState::Selected);
    QVERIFY(source->calibration);
    const OffsetCalibration &c = *source->calibration;
    qInfo("proposed offset %.6f delay %.6f from %d samples", c.proposedOffset, c.proposedDelay, c.samples);
    QVERIFY(c.ready);
    QCOMPARE(c.reference, std::string("PPS"));
    QVERIFY2(std::abs(c.proposedOffset - kLatency) < 2 * kMs, qPrintable(QString::number(c.proposedOffset, 'f', 6)));
    // The jitter's 5-95 % range: a few milliseconds, nothing like the 150 ms.
    QVERIFY2(c.proposedDelay > 0 && c.proposedDelay < 5 * kMs, qPrintable(QString::number(c.proposedDelay, 'f', 6)));
    // The pulses are not calibrated: they are the reference.
    QVERIFY(!ppsSource->calibration);
}

void TestOffsetCalibration::notMeasuredWithoutABetterSource()
{
    // The NMEA alone: nothing better is selected, so nothing is measured.
    sim::Scenario scenario;
    scenario.name = "nmea-alone";
    scenario.servers.clear();
    sim::RefClockModel nmea;
    nmea.refId = "NMEA";
    nmea.latency = 0.15;
    nmea.error = 1 * kMs;
    scenario.refclocks = {nmea};
    sim::Simulation simulation(scenario, 5);
    const sim::RunResult result = simulation.run(400);
    const SourceSnapshot *source = sourceNamed(result.finalSnapshot, "NMEA");
    QVERIFY(source);
    QVERIFY(!source->calibration);
}

void TestOffsetCalibration::configurationEdit()
{
    ConfigDocument document = ConfigDocument::fromText("server 192.0.2.1 iburst\n"
                                                       "refclock SHM 0 refid NMEA offset 0.0 delay 0.2 # gpsd\n"
                                                       "refclock PPS /dev/pps0 lock NMEA refid PPS\n");
    std::string why;
    QVERIFY(applyOffsetCalibration(document, "NMEA", 0.1504567, 0.0019, why));
    QCOMPARE(document.toText(), std::string("server 192.0.2.1 iburst\n"
                                            "refclock SHM 0 refid NMEA offset 0.150457 delay 0.001900 # gpsd\n"
                                            "refclock PPS /dev/pps0 lock NMEA refid PPS\n"));
    // Options missing are added; a zero spread still leaves a delay.
    ConfigDocument bare = ConfigDocument::fromText("refclock SOCK /run/gpsd.sock refid GPS\n");
    QVERIFY(applyOffsetCalibration(bare, "GPS", -0.02, 0, why));
    QCOMPARE(bare.toText(), std::string("refclock SOCK /run/gpsd.sock refid GPS offset -0.020000 delay 0.000001\n"));
    QVERIFY(!applyOffsetCalibration(bare, "NMEA", 0.1, 0.001, why));
    QVERIFY(why.find("refid NMEA") != std::string::npos);
}

QTEST_APPLESS_MAIN(TestOffsetCalibration)
#include "tst_offsetcalibration.moc"
