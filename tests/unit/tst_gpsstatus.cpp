// GpsStatus as JSON (exact round trip, including a status decoded from a real capture, and
// clear errors for bad input) and the `stratumctl gps` text report.
#include "chronyc/GpsReportFormat.h"
#include "gps/GpsStreamDecoder.h"
#include "json/GpsStatusJson.h"

#include "CommaLocale.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>

using namespace s1;

namespace {

GpsStatus sample()
{
    GpsStatus s;
    s.fixMode = GpsFixMode::Fix3D;
    s.epochTime = realTimeFromNanos(1555967959999872241LL);
    s.epochTimeValid = true;
    s.latitude = -45.877525179;
    s.longitude = 170.50013276;
    s.altitude = 27.548;
    s.pdop = 1.89;
    s.hdop = 0.95;
    s.satellites = {{GnssSystem::Gps, 4, 48, 216, 25, true},
                    {GnssSystem::Glonass, 3, std::nullopt, std::nullopt, std::nullopt, false},
                    {GnssSystem::Sbas, 120, 30, 200, 40, false}};
    s.receiver = "u-blox 00190000 EXT CORE 1.00";
    s.baudRate = 38400;
    s.sentenceCounts = {{"UBX-NAV-PVT", 29}, {"GPRMC", 3}};
    s.checksumErrors = 2;
    s.garbageBytes = 17;
    s.serialOverruns = 1;
    s.lastSentenceTime = realTimeFromNanos(1555967960123456789LL);
    s.pps = {realTimeFromNanos(1555967960000000123LL), 42, 1.5e-6};
    return s;
}

QByteArray captureBody(const char *name)
{
    QFile f(QStringLiteral(S1_TEST_DATA_DIR "/gps/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", name);
    QByteArray data = f.readAll();
    qsizetype at = 0;
    while (at < data.size() && data[at] == '#')
        at = data.indexOf('\n', at) + 1;
    return data.mid(at);
}

} // namespace

class TestGpsStatus : public QObject
{
    Q_OBJECT
private slots:
    void jsonRoundTrip();
    void jsonRoundTripOfCapture();
    void jsonDefaultsAndErrors();
    void report();
    void reportUnknowns();
    void reportIgnoresTheLocale();
};

void TestGpsStatus::jsonRoundTrip()
{
    const GpsStatus s = sample();
    const QJsonObject json = gpsStatusToJson(s);
    QCOMPARE(json.value("fixMode").toString(), QStringLiteral("3d"));
    QCOMPARE(json.value("epochTime").toString(), QStringLiteral("1555967959999872241"));
    QVERIFY(json.value("vdop").isNull());
    QCOMPARE(json.value("satellites").toArray().at(1).toObject().value("system").toString(), QStringLiteral("GLONASS"));
    // Through text too, as the control socket sends it.
    const QJsonObject reread = QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
    QString error;
    const auto back = gpsStatusFromJson(reread, &error);
    QVERIFY2(back, qPrintable(error));
    QVERIFY(*back == s);
}

void TestGpsStatus::jsonRoundTripOfCapture()
{
    const QByteArray body = captureBody("ublox-neo-m9n-nmea.log");
    GpsStreamDecoder d;
    d.setBaudRate(9600);
    d.feed(std::span(reinterpret_cast<const std::uint8_t *>(body.constData()), std::size_t(body.size())),
           realTimeFromNanos(1));
    const GpsStatus s = d.state().status();
    QVERIFY(s.satellites.size() > 10);
    const auto back = gpsStatusFromJson(gpsStatusToJson(s));
    QVERIFY(back);
    QVERIFY(*back == s);
}

void TestGpsStatus::jsonDefaultsAndErrors()
{
    // An empty object is a default status (older writers).
    const auto empty = gpsStatusFromJson(QJsonObject{});
    QVERIFY(empty);
    QVERIFY(*empty == GpsStatus{});
    QString error;
    QVERIFY(!gpsStatusFromJson(QJsonObject{{"fixMode", "4d"}}, &error));
    QVERIFY(error.contains("fixMode"));
    QVERIFY(!gpsStatusFromJson(QJsonObject{{"epochTime", 12.5}}, &error));
    QVERIFY(error.contains("epochTime"));
    QJsonObject badSat = gpsStatusToJson(sample());
    QJsonArray sats = badSat.value("satellites").toArray();
    QJsonObject first = sats.at(0).toObject();
    first.insert("system", "Galileo2");
    sats.replace(0, first);
    badSat.insert("satellites", sats);
    QVERIFY(!gpsStatusFromJson(badSat, &error));
    QVERIFY2(error.contains("satellites[0].system"), qPrintable(error));
    QVERIFY(!gpsStatusFromJson(QJsonObject{{"checksumErrors", -1}}, &error));
}

void TestGpsStatus::report()
{
    const std::string r = formatGpsReport(sample());
    QVERIFY(r.find("Receiver        : u-blox 00190000 EXT CORE 1.00\n") != std::string::npos);
    QVERIFY(r.find("Fix             : 3d\n") != std::string::npos);
    QVERIFY(r.find("Epoch (UTC)     : 2019-04-22T21:19:19.999872241Z (valid)\n") != std::string::npos);
    QVERIFY(r.find("Position        : 45.877525179 S 170.500132760 E\n") != std::string::npos);
    QVERIFY(r.find("DOP             : P 1.89  H 0.95  V -\n") != std::string::npos);
    QVERIFY(r.find("Messages        : GPRMC 3, UBX-NAV-PVT 29\n") != std::string::npos);
    QVERIFY(r.find("PPS             : 42 pulses, jitter 1.500 us, last 2019-04-22T21:19:20.000000123Z\n")
            != std::string::npos);
    QVERIFY(r.find("Satellites      : 3 in view, 1 used\n") != std::string::npos);
    // The table: sorted by system (GPS, SBAS, GLONASS) then PRN, fixed width.
    const std::string table = "System    PRN  Elev  Azim  SNR  Used\n"
                              "GPS         4    48   216   25  yes\n"
                              "SBAS      120    30   200   40  no\n"
                              "GLONASS     3     -     -    -  no\n";
    QVERIFY2(r.ends_with(table), r.c_str());
}

void TestGpsStatus::reportUnknowns()
{
    const std::string r = formatGpsReport(GpsStatus{});
    QVERIFY(r.find("Receiver        : -\n") != std::string::npos);
    QVERIFY(r.find("Epoch (UTC)     : -\n") != std::string::npos);
    QVERIFY(r.find("Position        : -\n") != std::string::npos);
    QVERIFY(r.find("PPS             : no pulses\n") != std::string::npos);
    QVERIFY(r.find("System") == std::string::npos); // no table without satellites
    QCOMPARE(formatGpsTime(realTimeFromNanos(0)), std::string("1970-01-01T00:00:00.000000000Z"));
}

void TestGpsStatus::reportIgnoresTheLocale()
{
    // Every line with a decimal point: position, altitude, height, DOP, message age, PPS jitter.
    GpsStatus s = sample();
    s.ellipsoidHeight = 40.25;
    s.lastMessageAge = 1.5;
    const std::string before = formatGpsReport(s);
    QVERIFY2(before.find("Height (WGS-84) : 40.250 m\n") != std::string::npos, before.c_str());
    test::CommaLocale comma;
    if (!comma.active())
        QSKIP(comma.error().c_str());
    // stratumctl runs under the user's LANG (QCoreApplication sets the locale from it); the report
    // is chronyc-style text for scripts and stays as in the C locale.
    const std::string after = formatGpsReport(s);
    QVERIFY2(after == before, after.c_str());
}

QTEST_GUILESS_MAIN(TestGpsStatus)
#include "tst_gpsstatus.moc"
