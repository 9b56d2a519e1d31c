// The dashboard's words (issue 14 part 4): "Synchronised" only with a selected source, holdover
// with how long, unsynchronised, a stale state said as such and without colour, chronyc's error
// bound, the clients' request rate from the server counters, the big clock's time and where it
// comes from, and the events two snapshots in a row reveal (there is no alarm system yet).
#include "dashboard/DashboardState.h"

#include <QLocale>
#include <QTest>

using namespace s1;
using namespace std::chrono_literals;
using Sync = DashboardState::Sync;
using Tone = DashboardState::Tone;

namespace {

constexpr std::int64_t kSnapshotNanos = 1'714'566'896'000'000'000; // 2024-05-01 12:34:56 UTC
const RealTime kNow = realTimeFromNanos(kSnapshotNanos);
constexpr std::uint32_t kPpsRefId = 0x50505300; // "PPS"
constexpr std::uint32_t kGpsRefId = 0x47505300; // "GPS"

SourceSnapshot refclock(std::uint32_t id, const std::string &name, SourceState state)
{
    SourceSnapshot s;
    s.id = id;
    s.name = name;
    s.kind = SourceKind::RefClock;
    s.state = state;
    s.leap = LeapIndicator::None;
    return s;
}

// A stratum-1 server synchronised to its PPS, with a GPS receiver and 1000 requests served.
EngineSnapshot synchronisedToPps(RealTime now = kNow)
{
    EngineSnapshot snapshot;
    snapshot.time = now;
    snapshot.ntpPort = 123;
    snapshot.server.packetsReceived = 1000;
    ReferenceSnapshot &ref = snapshot.reference;
    ref.synchronised = true;
    ref.stratum = 1;
    ref.referenceId = kPpsRefId;
    ref.referenceName = "PPS";
    ref.leap = LeapIndicator::None;
    ref.referenceTime = now - 16s;
    ref.systemTimeOffset = -123e-9;
    ref.rootDelay = 2e-6;
    ref.rootDispersion = 10e-6;
    snapshot.sources = {refclock(1, "GPS", SourceState::NotCombined), refclock(2, "PPS", SourceState::Selected)};
    GpsStatus gps;
    gps.fixMode = GpsFixMode::Fix3D;
    gps.lastSentenceTime = now - 1s;
    for (int i = 0; i < 12; ++i)
        gps.satellites.push_back(GpsSatellite{GnssSystem::Gps, i + 1, 45, 90, 40, i < 9});
    gps.pps.lastPulse = now - 500ms;
    gps.pps.pulseCount = 3600;
    snapshot.gps = gps;
    snapshot.hostTime = now;
    return snapshot;
}

// The same server after losing its sources `since` ago: the reference still says synchronised.
EngineSnapshot holdingOver(std::chrono::seconds since, RealTime now = kNow)
{
    EngineSnapshot snapshot = synchronisedToPps(now);
    snapshot.reference.referenceTime = now - since;
    for (SourceSnapshot &source : snapshot.sources)
        source.state = SourceState::Unusable;
    snapshot.gps->pps.lastPulse = now - since;
    return snapshot;
}

DashboardState::Monotonic at(std::chrono::milliseconds ms)
{
    return std::chrono::duration_cast<DashboardState::Monotonic>(ms);
}

} // namespace

class TestDashboardState : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void waitsForTheEngine()
    {
        DashboardState state;
        QCOMPARE(state.sync(), Sync::NoData);
        QCOMPARE(state.stateText(), QStringLiteral("Waiting for the engine"));
        QCOMPARE(state.stateTone(), Tone::Neutral);
        QVERIFY(!state.errorBound());
        QVERIFY(state.gpsText().isEmpty());
        QVERIFY(!state.lastEvent());
        // Nothing to mark stale yet.
        state.markStale();
        QVERIFY(!state.isStale());
        const DashboardState::ClockReading reading = state.clock(at(0ms), kNow);
        QCOMPARE(reading.source, DashboardState::ClockSource::SystemClock);
        QCOMPARE(reading.time, kNow);
    }

    void synchronisedNamesTheSelectedSource()
    {
        DashboardState state;
        state.update(synchronisedToPps(), at(0ms));
        QCOMPARE(state.sync(), Sync::Synchronised);
        QCOMPARE(state.stateText(), QStringLiteral("Synchronised to PPS, stratum 1"));
        QCOMPARE(state.stateTone(), Tone::Good);
        // The ID's own tag is the name: said once.
        QCOMPARE(state.referenceText(), QStringLiteral("PPS"));
        QCOMPARE(state.gpsText(), QStringLiteral("3D fix, 9 satellites"));
        QCOMPARE(state.gpsTone(), Tone::Good);
        QCOMPARE(state.ppsText(), QStringLiteral("Present"));
        QCOMPARE(state.ppsTone(), Tone::Good);
        // No event from a single snapshot: nothing changed that we saw.
        QVERIFY(!state.lastEvent());
    }

    void aServerReferenceByNameElseId()
    {
        EngineSnapshot snapshot = synchronisedToPps();
        snapshot.reference.stratum = 2;
        snapshot.reference.referenceId = 0xC0000201;
        snapshot.reference.referenceName = "ntp1.example.org";
        DashboardState state;
        state.update(snapshot, at(0ms));
        QCOMPARE(state.stateText(), QStringLiteral("Synchronised to ntp1.example.org, stratum 2"));
        QCOMPARE(state.referenceText(), QStringLiteral("ntp1.example.org"));
        snapshot.reference.referenceName.clear();
        state.update(snapshot, at(1000ms));
        QCOMPARE(state.referenceText(), QStringLiteral("C0000201"));
    }

    // The engine's reference stays "synchronised" after its source is lost: no "Synchronised"
    // without a selected source, but how long the clock has run on its own.
    void holdoverSaysHowLong_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("45 s") << 45 << QStringLiteral("Holdover 45 s");
        QTest::newRow("12 min") << 12 * 60 + 59 << QStringLiteral("Holdover 12 min");
        QTest::newRow("5 h 12 min") << 5 * 3600 + 12 * 60 << QStringLiteral("Holdover 5 h 12 min");
        QTest::newRow("3 d 4 h") << 3 * 86400 + 4 * 3600 + 59 << QStringLiteral("Holdover 3 d 4 h");
    }

    void holdoverSaysHowLong()
    {
        QFETCH(int, seconds);
        QFETCH(QString, text);
        DashboardState state;
        state.update(holdingOver(std::chrono::seconds(seconds)), at(0ms));
        QCOMPARE(state.sync(), Sync::Holdover);
        QCOMPARE(state.stateText(), text);
        QCOMPARE(state.stateTone(), Tone::Warning);
        // The reference's figures still bound the error.
        QVERIFY(state.errorBound());
    }

    void unsynchronised()
    {
        EngineSnapshot snapshot;
        snapshot.time = kNow;
        snapshot.ntpPort = 123;
        DashboardState state;
        state.update(snapshot, at(0ms));
        QCOMPARE(state.sync(), Sync::Unsynchronised);
        QCOMPARE(state.stateText(), QStringLiteral("Unsynchronised"));
        QCOMPARE(state.stateTone(), Tone::Bad);
        QCOMPARE(state.referenceText(), QStringLiteral("None"));
        // chronyd's 1 s root delay and dispersion when unsynchronised bound nothing.
        QVERIFY(!state.errorBound());
        QCOMPARE(state.errorBoundText(), QStringLiteral("Unknown"));

        // A selected source does not make leap 3 synchronised.
        EngineSnapshot leap3 = synchronisedToPps();
        leap3.reference.leap = LeapIndicator::Unsynchronised;
        state.update(leap3, at(1000ms));
        QCOMPARE(state.sync(), Sync::Unsynchronised);
    }

    void localClock()
    {
        EngineSnapshot snapshot = holdingOver(0s);
        snapshot.reference.referenceName = "LOCAL";
        snapshot.reference.stratum = 10;
        DashboardState state;
        state.update(snapshot, at(0ms));
        QCOMPARE(state.sync(), Sync::LocalClock);
        QCOMPARE(state.stateText(), QStringLiteral("Local clock, stratum 10"));
        QCOMPARE(state.stateTone(), Tone::Warning);
    }

    void staleSaysLastKnownWithoutColour()
    {
        DashboardState state;
        state.update(synchronisedToPps(), at(0ms));
        state.update(synchronisedToPps(kNow + 1s), at(1000ms));
        state.markStale();
        QVERIFY(state.isStale());
        QCOMPARE(state.stateText(), QStringLiteral("Last known: Synchronised to PPS, stratum 1"));
        QCOMPARE(state.stateTone(), Tone::Neutral);
        QCOMPARE(state.gpsTone(), Tone::Neutral);
        QCOMPARE(state.ppsTone(), Tone::Neutral);
        // The rate of before is not today's, and the clock no longer the engine's.
        QCOMPARE(state.clientsText(), QStringLiteral("-"));
        QCOMPARE(state.clock(at(5000ms), kNow + 5s).source, DashboardState::ClockSource::SystemClock);
        // A fresh snapshot ends it.
        state.update(synchronisedToPps(kNow + 6s), at(6000ms));
        QVERIFY(!state.isStale());
        QCOMPARE(state.stateTone(), Tone::Good);
    }

    // chronyc's tracking: |system time offset| + root dispersion + ½ root delay.
    void errorBoundIsChronycs()
    {
        EngineSnapshot snapshot = synchronisedToPps();
        snapshot.reference.systemTimeOffset = -123e-6; // our time is slow: the sign does not count
        snapshot.reference.rootDispersion = 1e-3;
        snapshot.reference.rootDelay = 2e-3;
        DashboardState state;
        state.update(snapshot, at(0ms));
        QVERIFY(state.errorBound());
        QCOMPARE(*state.errorBound(), 123e-6 + 1e-3 + 1e-3);
        QCOMPARE(state.errorBoundText(), QStringLiteral("± 2.123 ms"));
    }

    void clientsPerSecondFromTheCounters()
    {
        DashboardState state;
        EngineSnapshot snapshot = synchronisedToPps();
        state.update(snapshot, at(0ms));
        // One reading is no rate.
        QVERIFY(!state.clientsPerSecond());
        QCOMPARE(state.clientsText(), QStringLiteral("Measuring"));
        // 50 requests a second for 20 s, then 100: the rate follows over the last 10 s.
        for (int second = 1; second <= 20; ++second) {
            snapshot.server.packetsReceived += 50;
            state.update(snapshot, at(std::chrono::milliseconds(second * 1000)));
        }
        QVERIFY(state.clientsPerSecond());
        QCOMPARE(*state.clientsPerSecond(), 50.0);
        QCOMPARE(state.clientsText(), QStringLiteral("50.0 /s"));
        for (int second = 21; second <= 40; ++second) {
            snapshot.server.packetsReceived += 100;
            state.update(snapshot, at(std::chrono::milliseconds(second * 1000)));
        }
        QCOMPARE(*state.clientsPerSecond(), 100.0);
        // A restarted engine counts from zero: no negative rate, measured anew.
        snapshot.server.packetsReceived = 3;
        state.update(snapshot, at(41000ms));
        QVERIFY(!state.clientsPerSecond());
        snapshot.server.packetsReceived = 23;
        state.update(snapshot, at(43000ms));
        QCOMPARE(*state.clientsPerSecond(), 10.0);
        // Not serving: no rate at all, and said so.
        snapshot.ntpPort = 0;
        state.update(snapshot, at(44000ms));
        QVERIFY(!state.clientsPerSecond());
        QCOMPARE(state.clientsText(), QStringLiteral("Not serving"));
    }

    // The big clock: the engine's time less the offset it still corrects, carried forward by
    // the host clock the snapshot names, else by the steady clock since it arrived.
    void clockIsTheEnginesEstimate()
    {
        EngineSnapshot snapshot = synchronisedToPps();
        snapshot.reference.systemTimeOffset = 0.25; // our time is fast by 250 ms
        snapshot.hostTime = kNow - 2s;              // a virtual clock 2 s ahead of the host's
        DashboardState state;
        state.update(snapshot, at(0ms));
        DashboardState::ClockReading reading = state.clock(at(700ms), kNow - 2s + 1500ms);
        QCOMPARE(reading.source, DashboardState::ClockSource::EngineEstimate);
        QCOMPARE(reading.time, kNow + 1500ms - 250ms);

        snapshot.hostTime.reset(); // an older service: by the steady clock
        state.update(snapshot, at(10'000ms));
        reading = state.clock(at(10'700ms), kNow + 99s);
        QCOMPARE(reading.time, kNow + 700ms - 250ms);

        // Unsynchronised, the engine's clock is all there is: no correction, and said so.
        EngineSnapshot unsynchronised;
        unsynchronised.time = kNow;
        unsynchronised.reference.systemTimeOffset = 0.25;
        state.update(unsynchronised, at(20'000ms));
        reading = state.clock(at(20'500ms), kNow);
        QCOMPARE(reading.source, DashboardState::ClockSource::EngineClock);
        QCOMPARE(reading.time, kNow + 500ms);
        QVERIFY(DashboardState::clockSourceText(reading.source).contains(QStringLiteral("not synchronised")));
    }

    void gpsAndPpsSayWhatIsMissing()
    {
        DashboardState state;
        EngineSnapshot snapshot = synchronisedToPps();
        snapshot.gps->lastSentenceTime = kNow - 125s;
        snapshot.gps->pps.lastPulse = kNow - 5s;
        state.update(snapshot, at(0ms));
        // A silent receiver's last fix is not shown as current.
        QCOMPARE(state.gpsText(), QStringLiteral("Silent for 2 min"));
        QCOMPARE(state.gpsTone(), Tone::Bad);
        QCOMPARE(state.ppsText(), QStringLiteral("Missing for 5 s"));
        QCOMPARE(state.ppsTone(), Tone::Bad);

        snapshot.gps->lastSentenceTime = kNow;
        snapshot.gps->fixMode = GpsFixMode::Fix2D;
        snapshot.gps->satellites.resize(1);
        snapshot.gps->pps = {};
        state.update(snapshot, at(1000ms));
        QCOMPARE(state.gpsText(), QStringLiteral("2D fix, 1 satellite"));
        QCOMPARE(state.gpsTone(), Tone::Warning);
        QCOMPARE(state.ppsText(), QStringLiteral("No pulse seen"));

        // No receiver: the fields are left out.
        snapshot.gps.reset();
        state.update(snapshot, at(2000ms));
        QVERIFY(state.gpsText().isEmpty());
        QVERIFY(state.ppsText().isEmpty());
    }

    // The last notable event is one two snapshots in a row show; nothing is made up.
    void eventsFromConsecutiveSnapshots()
    {
        DashboardState state;
        EngineSnapshot unsynchronised;
        unsynchronised.time = kNow;
        state.update(unsynchronised, at(0ms));
        QVERIFY(!state.lastEvent());

        state.update(synchronisedToPps(kNow + 1s), at(1000ms));
        QVERIFY(state.lastEvent());
        QCOMPARE(state.lastEvent()->text, QStringLiteral("Synchronised to PPS"));
        QCOMPARE(state.lastEventText(), QStringLiteral("12:34:57 UTC: Synchronised to PPS"));

        EngineSnapshot toGps = synchronisedToPps(kNow + 2s);
        toGps.reference.referenceId = kGpsRefId;
        toGps.reference.referenceName = "GPS";
        state.update(toGps, at(2000ms));
        QCOMPARE(state.lastEvent()->text, QStringLiteral("Reference changed to GPS"));
        QCOMPARE(state.lastEvent()->time, kNow + 2s);

        // Unchanged snapshots keep the last event.
        toGps.time = kNow + 3s;
        state.update(toGps, at(3000ms));
        QCOMPARE(state.lastEvent()->time, kNow + 2s);

        state.update(holdingOver(0s, kNow + 4s), at(4000ms));
        QCOMPARE(state.lastEvent()->text, QStringLiteral("Source lost: GPS, holding over"));

        EngineSnapshot lost;
        lost.time = kNow + 5s;
        state.update(lost, at(5000ms));
        QCOMPARE(state.lastEvent()->text, QStringLiteral("Synchronisation lost"));

        // The PPS alone is news too.
        state.update(synchronisedToPps(kNow + 6s), at(6000ms));
        EngineSnapshot noPulse = synchronisedToPps(kNow + 7s);
        noPulse.gps->pps.lastPulse = kNow + 7s - 3s;
        state.update(noPulse, at(7000ms));
        QCOMPARE(state.lastEvent()->text, QStringLiteral("PPS pulses stopped"));
        state.update(synchronisedToPps(kNow + 8s), at(8000ms));
        QCOMPARE(state.lastEvent()->text, QStringLiteral("PPS pulses back"));
    }

    void durations()
    {
        QCOMPARE(DashboardState::formatDuration(-5), QStringLiteral("0 s"));
        QCOMPARE(DashboardState::formatDuration(59), QStringLiteral("59 s"));
        QCOMPARE(DashboardState::formatDuration(60), QStringLiteral("1 min"));
        QCOMPARE(DashboardState::formatDuration(7199), QStringLiteral("119 min"));
        QCOMPARE(DashboardState::formatDuration(7200), QStringLiteral("2 h 0 min"));
        QCOMPARE(DashboardState::formatDuration(86400 + 3600), QStringLiteral("1 d 1 h"));
    }
};

QTEST_GUILESS_MAIN(TestDashboardState)
#include "tst_dashboardstate.moc"
