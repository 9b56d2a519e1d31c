// The control socket's JSON forms of every struct it carries (engine snapshot and its parts,
// GPS status, every chronyc report): each struct with every field set to something other than
// its default, encoded to the exact bytes below (the wire format other readers depend on),
// decoded back to an equal value, and decoded from an empty object to its defaults.
#include "json/ControlProtocol.h"
#include "json/GpsStatusJson.h"
#include "json/ReportJson.h"
#include "json/SnapshotJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace s1;

class TestJsonWire : public QObject
{
    // Declared before the raw strings below, which AutoMoc's scanner cannot read past.
    Q_OBJECT
private slots:
    void snapshot();
    void snapshotDefaults();
    void selectionReason();
    void gpsStatus();
    void reports();
    void duplicateKeysRejected();
};

namespace {

constexpr std::int64_t kNs = 1744182740123456789;

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

SourceSample sample(std::int64_t ns, double offset)
{
    SourceSample s;
    s.time = realTimeFromNanos(ns);
    s.offset = offset;
    s.delay = 2.5e-4;
    s.dispersion = 3e-6;
    s.stratum = 2;
    s.rawOffset = -0.0;
    return s;
}

GpsStatus fullGps()
{
    GpsStatus g;
    g.fixMode = GpsFixMode::Fix3D;
    g.epochTime = realTimeFromNanos(kNs - 1);
    g.epochTimeValid = true;
    g.latitude = 52.520008;
    g.longitude = -13.404954;
    g.altitude = 34.5;
    g.ellipsoidHeight = 78.25;
    g.pdop = 1.5;
    g.hdop = 0.9;
    g.vdop = 1.25;
    GpsSatellite a;
    a.system = GnssSystem::Galileo;
    a.prn = 11;
    a.elevation = 45;
    a.azimuth = -120;
    a.snr = 38;
    a.used = true;
    GpsSatellite b;
    b.system = GnssSystem::Sbas;
    b.prn = 120;
    g.satellites = {a, b};
    g.receiver = "u-blox M8T";
    g.baudRate = 115200;
    g.sentenceCounts = {{"GPRMC", 12}, {"UBX-NAV-PVT", 9007199254740993ULL}};
    g.checksumErrors = 3;
    g.garbageBytes = 4;
    g.serialOverruns = 5;
    g.lastSentenceTime = realTimeFromNanos(kNs - 2);
    g.lastMessageAge = 0.25;
    g.pps.lastPulse = realTimeFromNanos(kNs - 3);
    g.pps.pulseCount = 77;
    g.pps.jitter = 1.5e-7;
    return g;
}

EngineSnapshot fullSnapshot()
{
    EngineSnapshot s;
    s.time = realTimeFromNanos(kNs);
    s.reference.synchronised = true;
    s.reference.stratum = 2;
    s.reference.referenceId = 0xC0000201;
    s.reference.referenceName = "ntp1.example.net";
    s.reference.leap = LeapIndicator::InsertSecond;
    s.reference.referenceTime = realTimeFromNanos(kNs - 987654321);
    s.reference.rootDelay = 0.0123456789012345678;
    s.reference.rootDispersion = 1.0000000000000002;
    s.reference.precision = -23;
    s.reference.systemTimeOffset = -2.105e-6;
    s.reference.lastOffset = 3.0650000000000001e-6;
    s.reference.rmsOffset = 1.946e-6;
    s.reference.frequencyPpm = -1.916;
    s.reference.residualFrequencyPpm = 0.077;
    s.reference.skewPpm = 0.036;
    s.reference.updateInterval = 16.000000000000004;
    s.server = {123456789012345ULL, 987654321ULL, 1, 2, 3, 4, 5, 6, 7};
    s.clientLog.enabled = true;
    s.clientLog.capacity = 4096;
    s.clientLog.recordsDropped = 6;
    ClientSnapshot c;
    c.address = *IpAddress::parse("2001:db8::7");
    c.ntpPackets = 10;
    c.ntpDropped = 1;
    c.averageIntervalLog2 = 3.5;
    c.averageLimitedIntervalLog2 = -2.25;
    c.lastPacket = realTimeFromNanos(kNs - 4);
    ClientSnapshot d;
    d.address = *IpAddress::parse("192.0.2.9");
    s.clientLog.clients = {c, d};
    s.clientLog.notShown = 8;

    SourceSnapshot a;
    a.id = 7;
    a.name = "ntp1.example.net";
    a.address = {*IpAddress::parse("192.0.2.1"), 123};
    a.poolName = "pool.example.net";
    a.kind = SourceKind::Peer;
    a.state = SourceState::TooVariable;
    a.stratum = 1;
    a.poll = -6;
    a.reach = 0377;
    a.referenceId = 0x47505300;
    a.leap = LeapIndicator::DeleteSecond;
    a.rootDelay = 1e-300;
    a.rootDispersion = 1.5e-5;
    a.lastRx = realTimeFromNanos(kNs - 5'000'000'001);
    a.lastSample = sample(kNs - 5'000'000'001, -1.2345678901234567e-5);
    a.recentSamples = {sample(kNs - 69'000'000'000, 1e-3), *a.lastSample};
    a.requestsSent = std::uint64_t(std::numeric_limits<std::int64_t>::max());
    a.repliesAccepted = 30;
    a.repliesRejected = 2;
    a.lastRejectReason = "duplicate reply";
    a.kissCode = "RATE";
    a.driverStatus = "open";
    NtpExchangeSnapshot exchange;
    exchange.localAddress = *IpAddress::parse("192.0.2.100");
    exchange.version = 3;
    exchange.mode = NtpMode::SymmetricPassive;
    exchange.poll = -7;
    exchange.precision = -25;
    exchange.referenceTime = realTimeFromNanos(kNs - 16'500'000'000);
    exchange.responseTime = 1.25e-5;
    a.lastExchange = exchange;
    a.unselectableReason = "needs a key";
    a.driverFault = true;
    a.selectionLetter = '~';
    a.stats = {12, 7, 704.9, -0.058, 0.123, -2.5e-7, 9.9e-7};
    a.adjustedOffset = -1.2e-5;
    a.errorBound = 1.3e-4;

    SourceSnapshot b; // unresolved: no address yet, only the port
    b.id = 8;
    b.name = "later.example.net";
    b.address.port = 4123;
    b.kind = SourceKind::RefClock;
    s.sources = {a, b};
    s.clientPacketsDropped = 42;
    s.ntpPort = 11123;
    s.serverError = "port 123: \"taken\" \\ ünïcode";
    s.gps = fullGps();
    s.configWarnings = {"line 3: unknown", "line 4: odd"};
    s.hostTime = realTimeFromNanos(kNs + 5);
    s.unresolved = {{"a.example", true, false}, {"b.example", false, true}};
    Alarm alarm;
    alarm.id = 3;
    alarm.kind = AlarmKind::Falseticker;
    alarm.severity = AlarmSeverity::Warning;
    alarm.raised = realTimeFromNanos(kNs - 40);
    alarm.cleared = realTimeFromNanos(kNs - 20);
    alarm.subject = "ntp1.example.net";
    alarm.text = "Source \"ntp1\" disagrees.";
    alarm.fix = "Compare it.";
    s.alarms = {alarm, Alarm{}};
    return s;
}

TrackingReport fullTracking()
{
    TrackingReport t;
    t.referenceId = 0xC0000201;
    t.referenceName = "ntp1";
    t.stratum = 3;
    t.referenceTime = realTimeFromNanos(kNs);
    t.systemTimeOffset = -1.5e-6;
    t.lastOffset = 2.5e-6;
    t.rmsOffset = 3.5e-6;
    t.frequencyPpm = -11.25;
    t.residualFrequencyPpm = 0.001;
    t.skewPpm = 0.02;
    t.rootDelay = 0.003;
    t.rootDispersion = 0.004;
    t.updateInterval = 64.5;
    t.leap = LeapIndicator::InsertSecond;
    return t;
}

SourceReportRow fullSourceRow()
{
    SourceReportRow r;
    r.mode = SourceKind::RefClock;
    r.state = SourceState::Falseticker;
    r.name = "GPS";
    r.stratum = 0;
    r.poll = -4;
    r.reach = 0177;
    r.lastRxAge = std::chrono::seconds(17);
    r.adjustedOffset = 1e-7;
    r.measuredOffset = 2e-7;
    r.errorBound = 3e-7;
    return r;
}

SourceStatsRow fullStatsRow()
{
    SourceStatsRow r;
    r.name = "192.0.2.1";
    r.samples = 4000000000U;
    r.runs = 5;
    r.span = std::chrono::seconds(1234);
    r.frequencyPpm = -0.5;
    r.frequencySkewPpm = 0.25;
    r.offset = -3e-6;
    r.stdDev = 4e-6;
    return r;
}

ActivityReport fullActivity()
{
    return {1, 2, 3, 4, 5};
}

ServerStatsReport fullServerStats()
{
    ServerStatsReport r;
    std::uint64_t n = 1;
    for (std::uint64_t *field :
         {&r.ntpPacketsReceived, &r.ntpPacketsDropped, &r.commandPacketsReceived, &r.commandPacketsDropped,
          &r.clientLogRecordsDropped, &r.ntsKeConnectionsAccepted, &r.ntsKeConnectionsDropped,
          &r.authenticatedNtpPackets, &r.interleavedNtpPackets, &r.ntpTimestampsHeld, &r.ntpTimestampSpan,
          &r.ntpDaemonRxTimestamps, &r.ntpDaemonTxTimestamps, &r.ntpKernelRxTimestamps, &r.ntpKernelTxTimestamps,
          &r.ntpHardwareRxTimestamps, &r.ntpHardwareTxTimestamps})
        *field = n++;
    return r;
}

SelectDataRow fullSelectRow()
{
    SelectDataRow r;
    r.state = '*';
    r.name = "ntp1";
    r.authenticated = true;
    r.configured = {true, false, true, false};
    r.effective = {false, true, false, true};
    r.lastSampleAge = std::chrono::seconds(9);
    r.score = 1.0;
    r.lowLimit = -1e-3;
    r.highLimit = 2e-3;
    r.leap = LeapIndicator::DeleteSecond;
    return r;
}

NtpDataReport fullNtpData()
{
    NtpDataReport r;
    r.remoteAddress = "192.0.2.1";
    r.remoteRefId = 0xC0000201;
    r.remotePort = 123;
    r.localAddress = "192.0.2.100";
    r.localRefId = 0xC0000264;
    r.leap = LeapIndicator::None;
    r.version = 4;
    r.mode = NtpDataReport::Mode::SymmetricActive;
    r.stratum = 1;
    r.poll = 6;
    r.precision = -20;
    r.rootDelay = 1e-4;
    r.rootDispersion = 2e-4;
    r.referenceId = 0x47505300;
    r.referenceTime = realTimeFromNanos(kNs - 7);
    r.offset = -5e-6;
    r.peerDelay = 3e-4;
    r.peerDispersion = 4e-6;
    r.responseTime = 5e-6;
    r.jitterAsymmetry = -0.25;
    r.tests = 0x3ff;
    r.interleaved = true;
    r.authenticated = true;
    r.txTimestamping = TimestampSource::Kernel;
    r.rxTimestamping = TimestampSource::Hardware;
    r.totalTx = 11;
    r.totalRx = 12;
    r.totalValidRx = 13;
    r.totalGoodRx = 14;
    r.totalKernelTx = 15;
    r.totalKernelRx = 16;
    r.totalHwTx = 17;
    r.totalHwRx = 18;
    return r;
}

ClientReportRow fullClientRow()
{
    ClientReportRow r;
    r.name = "192.0.2.50";
    r.ntpPackets = 100;
    r.ntpDropped = 2;
    r.ntpIntervalLog2 = -3;
    r.ntpLimitedIntervalLog2 = 4;
    r.lastNtpAge = std::chrono::seconds(5);
    r.commandPackets = 6;
    r.commandDropped = 7;
    r.commandIntervalLog2 = 8;
    r.lastCommandAge = std::chrono::seconds(9);
    return r;
}

ClientsReport fullClients()
{
    ClientsReport r;
    r.rows = {fullClientRow(), ClientReportRow{}};
    r.notShown = 3;
    return r;
}

template <typename Report>
void checkReport(const Report &report, const char *golden)
{
    const QByteArray text = compact(toJson(report));
    QCOMPARE(text, QByteArray(golden));
    QString error;
    const auto back = reportFromJson<Report>(QJsonDocument::fromJson(text).object(), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QVERIFY(*back == report);
    const auto empty = reportFromJson<Report>(QJsonObject{}, &error);
    QVERIFY2(empty.has_value(), qPrintable(error));
    QVERIFY(*empty == Report{});
}

// Captured from the hand-written encoders this description replaced.
constexpr const char *kSnapshotGolden =
    R"({"alarms":[{"cleared":"1744182740123456769","fix":"Compare it.","id":3,"kind":"falseticker","raised":"1744182740123456749","severity":"warning","subject":"ntp1.example.net","text":"Source \"ntp1\" disagrees."},{"cleared":null,"fix":"","id":0,"kind":"pps-lost","raised":"0","severity":"warning","subject":"","text":""}],"clientLog":{"capacity":4096,"clients":[{"address":"2001:db8::7","averageIntervalLog2":3.5,"averageLimitedIntervalLog2":-2.25,"lastPacket":"1744182740123456785","ntpDropped":1,"ntpPackets":10},{"address":"192.0.2.9","averageIntervalLog2":null,"averageLimitedIntervalLog2":null,"lastPacket":"0","ntpDropped":0,"ntpPackets":0}],"enabled":true,"notShown":8,"recordsDropped":6,"timestampsHeld":0},"clientPacketsDropped":42,"configWarnings":["line 3: unknown","line 4: odd"],"gps":{"altitude":34.5,"baudRate":115200,"checksumErrors":3,"ellipsoidHeight":78.25,"epochTime":"1744182740123456788","epochTimeValid":true,"fixMode":"3d","garbageBytes":4,"hdop":0.9,"lastMessageAge":0.25,"lastSentenceTime":"1744182740123456787","latitude":52.520008,"longitude":-13.404954,"pdop":1.5,"pps":{"jitter":1.5e-07,"lastPulse":"1744182740123456786","pulseCount":77},"receiver":"u-blox M8T","satellites":[{"azimuth":-120,"elevation":45,"prn":11,"snr":38,"system":"Galileo","used":true},{"azimuth":null,"elevation":null,"prn":120,"snr":null,"system":"SBAS","used":false}],"sentenceCounts":{"GPRMC":12,"UBX-NAV-PVT":9007199254740993},"serialOverruns":5,"vdop":1.25},"hostTime":"1744182740123456794","ntpPort":11123,"reference":{"frequencyPpm":-1.916,"lastOffset":3.0650000000000003e-06,"leap":"insert-second","precision":-23,"referenceId":3221225985,"referenceName":"ntp1.example.net","referenceTime":"1744182739135802468","residualFrequencyPpm":0.077,"rmsOffset":1.946e-06,"rootDelay":0.012345678901234568,"rootDispersion":1.0000000000000002,"skewPpm":0.036,"stratum":2,"synchronised":true,"systemTimeOffset":-2.105e-06,"updateInterval":16.000000000000004},"server":{"authenticatedRequests":0,"daemonReceiveStamps":0,"droppedAuth":0,"droppedBadMode":3,"droppedBadVersion":2,"droppedDenied":4,"droppedMalformed":1,"droppedOther":5,"droppedRateLimited":6,"hardwareReceiveStamps":0,"interleavedKernelTransmits":0,"interleavedReplies":0,"kissOfDeathSent":7,"packetsReceived":123456789012345,"repliesSent":987654321},"serverError":"port 123: \"taken\" \\ ünïcode","sources":[{"addedAtRunTime":false,"address":"192.0.2.1:123","adjustedOffset":-1.2e-05,"authFailures":0,"driverFault":true,"driverStatus":"open","errorBound":0.00013,"hardwareReceiveStamps":0,"hardwareTransmitStamps":0,"id":7,"ip":"192.0.2.1","kernelTransmitStamps":0,"keyBits":0,"keyId":0,"keyType":"","kind":"peer","kissCode":"RATE","lastExchange":{"hardwareReceive":false,"hardwareTransmit":false,"interleaved":false,"kernelTransmit":false,"localAddress":"192.0.2.100","mode":2,"poll":-7,"precision":-25,"referenceTime":"1744182723623456789","responseTime":1.25e-05,"version":3},"lastRejectReason":"duplicate reply","lastRx":"1744182735123456788","lastSample":{"delay":0.00025,"dispersion":3e-06,"offset":-1.2345678901234568e-05,"rawOffset":0,"stratum":2,"time":"1744182735123456788"},"leap":"delete-second","name":"ntp1.example.net","offline":false,"poll":-6,"pool":"pool.example.net","port":123,"reach":255,"referenceId":1196446464,"repliesAccepted":30,"repliesRejected":2,"requestsSent":9223372036854775807,"rootDelay":1e-300,"rootDispersion":1.5e-05,"samples":[{"delay":0.00025,"dispersion":3e-06,"offset":0.001,"rawOffset":0,"stratum":2,"time":"1744182671123456789"},{"delay":0.00025,"dispersion":3e-06,"offset":-1.2345678901234568e-05,"rawOffset":0,"stratum":2,"time":"1744182735123456788"}],"selection":"~","state":"too-variable","stats":{"frequencyPpm":-0.058,"frequencySkewPpm":0.123,"offset":-2.5e-07,"runs":7,"samples":12,"span":704.9,"standardDeviation":9.9e-07},"stratum":1,"unselectableReason":"needs a key"},{"addedAtRunTime":false,"address":null,"adjustedOffset":0,"authFailures":0,"driverFault":false,"driverStatus":"","errorBound":0,"hardwareReceiveStamps":0,"hardwareTransmitStamps":0,"id":8,"ip":null,"kernelTransmitStamps":0,"keyBits":0,"keyId":0,"keyType":"","kind":"refclock","kissCode":"","lastRejectReason":"","lastRx":null,"leap":"unsynchronised","name":"later.example.net","offline":false,"poll":0,"pool":"","port":4123,"reach":0,"referenceId":0,"repliesAccepted":0,"repliesRejected":0,"requestsSent":0,"rootDelay":0,"rootDispersion":0,"samples":[],"selection":"","state":"unusable","stats":{"frequencyPpm":0,"frequencySkewPpm":0,"offset":0,"runs":0,"samples":0,"span":0,"standardDeviation":0},"stratum":0,"unselectableReason":""}],"time":"1744182740123456789","unresolved":[{"failed":false,"name":"a.example","pool":true},{"failed":true,"name":"b.example","pool":false}]})";

} // namespace

void TestJsonWire::snapshot()
{
    const EngineSnapshot s = fullSnapshot();
    const QByteArray text = compact(snapshotToJson(s));
    QCOMPARE(text, QByteArray(kSnapshotGolden));
    QString error;
    const auto back = snapshotFromJson(QJsonDocument::fromJson(text).object(), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QVERIFY(back->sources == s.sources);
    QVERIFY(back->gps == s.gps);
    QVERIFY(*back == s);
    const auto source = sourceFromJson(snapshotToJson(s).value("sources").toArray().at(0).toObject(), &error);
    QVERIFY2(source.has_value(), qPrintable(error));
    QVERIFY(*source == s.sources.at(0));
}

void TestJsonWire::snapshotDefaults()
{
    // Only "time" is required; every other member keeps the struct's default when missing
    // (the reference's root delay and dispersion too: 1 s, not 0).
    QString error;
    const auto s = snapshotFromJson(QJsonObject{{"time", "5"}}, &error);
    QVERIFY2(s.has_value(), qPrintable(error));
    EngineSnapshot expected;
    expected.time = realTimeFromNanos(5);
    QVERIFY(*s == expected);
    const auto source = sourceFromJson(QJsonObject{}, &error);
    QVERIFY2(source.has_value(), qPrintable(error));
    QVERIFY(*source == SourceSnapshot{});
}

// A source's selection reason: an object under "selectionReason" (left out while it has no
// reason); a kind this build does not know reads as "unknown", its words kept.
void TestJsonWire::selectionReason()
{
    SourceSnapshot s;
    s.id = 4;
    s.selectionReason = SelectionReason{SelectionReasonKind::Falseticker, 0.0501,    0.0008, "s",
                                        "Falseticker: 50.100 ms ahead",   "Check it"};
    const QJsonObject json = sourceToJson(s);
    QCOMPARE(
        compact(json.value("selectionReason").toObject()),
        QByteArray(
            R"({"fix":"Check it","kind":"falseticker","limit":8e-04,"text":"Falseticker: 50.100 ms ahead","unit":"s","value":0.0501})"));
    QString error;
    auto back = sourceFromJson(json, &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QVERIFY(*back == s);

    SourceSnapshot none;
    QVERIFY(!sourceToJson(none).contains("selectionReason"));
    s.selectionReason.value.reset();
    s.selectionReason.limit.reset();
    QCOMPARE(
        compact(sourceToJson(s).value("selectionReason").toObject()),
        QByteArray(
            R"({"fix":"Check it","kind":"falseticker","limit":null,"text":"Falseticker: 50.100 ms ahead","unit":"s","value":null})"));

    QJsonObject newer = json;
    QJsonObject reason = newer.value("selectionReason").toObject();
    reason.insert("kind", "from-the-future");
    newer.insert("selectionReason", reason);
    back = sourceFromJson(newer, &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->selectionReason.kind, SelectionReasonKind::Unknown);
    QCOMPARE(back->selectionReason.text, std::string("Falseticker: 50.100 ms ahead"));
}

void TestJsonWire::gpsStatus()
{
    const GpsStatus g = fullGps();
    const QByteArray text = compact(gpsStatusToJson(g));
    QString error;
    const auto back = gpsStatusFromJson(QJsonDocument::fromJson(text).object(), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QVERIFY(*back == g);
    const auto empty = gpsStatusFromJson(QJsonObject{}, &error);
    QVERIFY2(empty.has_value(), qPrintable(error));
    QVERIFY(*empty == GpsStatus{});
}

void TestJsonWire::reports()
{
    checkReport(
        fullTracking(),
        R"({"frequencyPpm":-11.25,"lastOffset":2.5e-06,"leap":"insert-second","referenceId":3221225985,"referenceName":"ntp1","referenceTime":"1744182740123456789","residualFrequencyPpm":0.001,"rmsOffset":3.5e-06,"rootDelay":0.003,"rootDispersion":0.004,"skewPpm":0.02,"stratum":3,"systemTimeOffset":-1.5e-06,"updateInterval":64.5})");
    checkReport(
        fullSourceRow(),
        R"({"adjustedOffset":1e-07,"errorBound":3e-07,"lastRxAge":17,"measuredOffset":2e-07,"mode":"refclock","name":"GPS","poll":-4,"reach":127,"state":"falseticker","stratum":0})");
    checkReport(
        fullStatsRow(),
        R"({"frequencyPpm":-0.5,"frequencySkewPpm":0.25,"name":"192.0.2.1","offset":-3e-06,"runs":5,"samples":4000000000,"span":1234,"stdDev":4e-06})");
    checkReport(fullActivity(), R"({"burstOffline":4,"burstOnline":3,"offline":2,"online":1,"unresolved":5})");
    checkReport(
        fullServerStats(),
        R"({"authenticatedNtpPackets":8,"clientLogRecordsDropped":5,"commandPacketsDropped":4,"commandPacketsReceived":3,"interleavedNtpPackets":9,"ntpDaemonRxTimestamps":12,"ntpDaemonTxTimestamps":13,"ntpHardwareRxTimestamps":16,"ntpHardwareTxTimestamps":17,"ntpKernelRxTimestamps":14,"ntpKernelTxTimestamps":15,"ntpPacketsDropped":2,"ntpPacketsReceived":1,"ntpTimestampSpan":11,"ntpTimestampsHeld":10,"ntsKeConnectionsAccepted":6,"ntsKeConnectionsDropped":7})");
    checkReport(
        fullSelectRow(),
        R"({"authenticated":true,"configured":{"noselect":true,"prefer":false,"require":false,"trust":true},"effective":{"noselect":false,"prefer":true,"require":true,"trust":false},"highLimit":0.002,"lastSampleAge":9,"leap":"delete-second","lowLimit":-0.001,"name":"ntp1","score":1,"state":"*"})");
    checkReport(
        fullNtpData(),
        R"({"authenticated":true,"interleaved":true,"jitterAsymmetry":-0.25,"leap":"normal","localAddress":"192.0.2.100","localRefId":3221226084,"mode":"symmetric-active","offset":-5e-06,"peerDelay":3e-04,"peerDispersion":4e-06,"poll":6,"precision":-20,"referenceId":1196446464,"referenceTime":"1744182740123456782","remoteAddress":"192.0.2.1","remotePort":123,"remoteRefId":3221225985,"responseTime":5e-06,"rootDelay":1e-04,"rootDispersion":2e-04,"rxTimestamping":"hardware","stratum":1,"tests":1023,"totalGoodRx":14,"totalHwRx":18,"totalHwTx":17,"totalKernelRx":16,"totalKernelTx":15,"totalRx":12,"totalTx":11,"totalValidRx":13,"txTimestamping":"kernel","version":4})");
    checkReport(
        fullClientRow(),
        R"({"commandDropped":7,"commandIntervalLog2":8,"commandPackets":6,"lastCommandAge":9,"lastNtpAge":5,"name":"192.0.2.50","ntpDropped":2,"ntpIntervalLog2":-3,"ntpLimitedIntervalLog2":4,"ntpPackets":100})");
    checkReport(
        fullClients(),
        R"({"clients":[{"commandDropped":7,"commandIntervalLog2":8,"commandPackets":6,"lastCommandAge":9,"lastNtpAge":5,"name":"192.0.2.50","ntpDropped":2,"ntpIntervalLog2":-3,"ntpLimitedIntervalLog2":4,"ntpPackets":100},{"commandDropped":0,"commandIntervalLog2":null,"commandPackets":0,"lastCommandAge":null,"lastNtpAge":null,"name":"","ntpDropped":0,"ntpIntervalLog2":null,"ntpLimitedIntervalLog2":null,"ntpPackets":0}],"notShown":3})");
}

void TestJsonWire::duplicateKeysRejected()
{
    // JSON leaves a repeated member's meaning open, and QJsonDocument silently keeps the last:
    // a message repeating one, however deep in a snapshot or report, is refused whole.
    QString error;
    const QByteArray event =
        R"({"v":1,"event":"snapshot","snapshot":{"time":"1","sources":[{"id":1,"stats":{"offset":1,"offset":2}}]}})";
    QVERIFY(!control::parseMessage(event, &error));
    QVERIFY2(error.startsWith(QStringLiteral("duplicate key \"snapshot.sources.stats.offset\"")), qPrintable(error));

    const QByteArray response = R"({"v":1,"id":3,"ok":true,"result":{"stratum":2,"leap":"normal","stratum":3}})";
    QVERIFY(!control::parseMessage(response, &error));
    QVERIFY2(error.contains(QStringLiteral("result.stratum")), qPrintable(error));

    // The same keys in different objects are no repetition.
    const QByteArray fine = R"({"v":1,"id":3,"ok":true,"result":[{"name":"a"},{"name":"b"}]})";
    QVERIFY2(control::parseMessage(fine, &error).has_value(), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestJsonWire)
#include "tst_jsonwire.moc"
