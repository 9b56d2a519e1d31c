// GpsStreamDecoder: framing of mixed NMEA/UBX byte streams whatever the chunking, fuzzing
// (random bytes, every truncation, corruption), garbage and checksum counting, burst
// timestamps, the time-fix rules (one fix per valid epoch, none from void or default dates),
// satellites per talker, and the week-rollover repair (where it differs from gpsd).
#include "NmeaText.h"
#include "gps/GpsStreamDecoder.h"

#include <QtTest>

#include <random>
#include <string>
#include <vector>

using namespace s1;
using s1::test::nmea;

namespace {

constexpr int kBaud = 9600;
constexpr int kFastBaud = 115200;
constexpr RealTime kT0 = realTimeFromNanos(1'700'000'000LL * kNanosPerSecond);
constexpr RealTime kCapturePivot = realTimeFromNanos(946'684'800LL * kNanosPerSecond); // 2000-01-01
// Bytes per simulated burst in the chunking tests: well under a second at kFastBaud.
constexpr std::size_t kBurstBytes = 1500;

std::span<const std::uint8_t> bytesOf(const std::string &s)
{
    return {reinterpret_cast<const std::uint8_t *>(s.data()), s.size()};
}

std::vector<std::uint8_t> captureBody(const QString &name)
{
    QFile f(QStringLiteral(S1_TEST_DATA_DIR "/gps/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(name));
    QByteArray data = f.readAll();
    qsizetype at = 0;
    while (at < data.size() && data[at] == '#')
        at = data.indexOf('\n', at) + 1;
    data = data.mid(at);
    return {data.begin(), data.end()};
}

QStringList captures()
{
    return QDir(QStringLiteral(S1_TEST_DATA_DIR "/gps")).entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name);
}

struct Result
{
    GpsStatus status;
    std::vector<GpsTimeFix> fixes;
};

// Feeds `body` as bursts of kBurstBytes one second apart, each cut at `cuts` random points
// (0: one read per burst; SIZE_MAX: byte by byte). Each read returns when its last byte has
// arrived on a line running at kFastBaud, as a real port would.
Result replay(const std::vector<std::uint8_t> &body, std::size_t cuts, std::mt19937 &rng)
{
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    d.setBaudRate(kFastBaud);
    d.setRolloverPivot(kCapturePivot);
    Result r;
    const double byteTime = double(GpsStreamDecoder::kBitsPerByte) / kFastBaud;
    for (std::size_t start = 0, burst = 0; start < body.size(); start += kBurstBytes, ++burst) {
        const std::size_t end = std::min(body.size(), start + kBurstBytes);
        std::vector<std::size_t> points{start, end};
        if (cuts == SIZE_MAX) {
            for (std::size_t i = start + 1; i < end; ++i)
                points.push_back(i);
        } else {
            std::uniform_int_distribution<std::size_t> at(start + 1, std::max(start + 1, end - 1));
            for (std::size_t i = 0; i < cuts; ++i)
                points.push_back(at(rng));
        }
        std::sort(points.begin(), points.end());
        points.erase(std::unique(points.begin(), points.end()), points.end());
        const RealTime burstStart = kT0 + std::chrono::seconds(burst);
        for (std::size_t i = 0; i + 1 < points.size(); ++i) {
            const RealTime readTime = burstStart + fromSeconds(double(points[i + 1] - start) * byteTime);
            d.feed(std::span(body).subspan(points[i], points[i + 1] - points[i]), readTime);
        }
        // The line is idle until the next burst: the epoch ends.
        d.poll(burstStart + fromSeconds(double(end - start) * byteTime + GpsStreamDecoder::kBurstGap));
        for (const GpsTimeFix &f : d.takeTimeFixes())
            r.fixes.push_back(f);
    }
    r.status = d.state().status();
    r.status.lastSentenceTime.reset(); // the read time of the last message depends on the cut
    return r;
}

std::vector<GpsTimeFix> feedLines(GpsStreamDecoder &d, const std::vector<std::string> &lines, RealTime readTime)
{
    for (const std::string &l : lines)
        d.feed(bytesOf(l), readTime);
    d.poll(readTime + fromSeconds(GpsStreamDecoder::kBurstGap)); // the burst is over
    return d.takeTimeFixes();
}

// One UBX NAV-PVT with the given date/time, validity and fix.
std::vector<std::uint8_t> navPvt(int y, int mo, int d, int h, int mi, int s, std::int32_t nano, std::uint8_t valid,
                                 std::uint8_t fixType)
{
    std::vector<std::uint8_t> p(92, 0);
    // iTOW: any value that differs between epochs (every NAV message of one epoch shares it).
    const std::uint32_t iTow = static_cast<std::uint32_t>(((d * 24 + h) * 60 + mi) * 60 + s) * 1000;
    for (int i = 0; i < 4; ++i)
        p[i] = static_cast<std::uint8_t>(iTow >> (8 * i));
    p[4] = static_cast<std::uint8_t>(y & 0xFF);
    p[5] = static_cast<std::uint8_t>(y >> 8);
    p[6] = static_cast<std::uint8_t>(mo);
    p[7] = static_cast<std::uint8_t>(d);
    p[8] = static_cast<std::uint8_t>(h);
    p[9] = static_cast<std::uint8_t>(mi);
    p[10] = static_cast<std::uint8_t>(s);
    p[11] = valid;
    for (int i = 0; i < 4; ++i)
        p[16 + i] = static_cast<std::uint8_t>(static_cast<std::uint32_t>(nano) >> (8 * i));
    p[20] = fixType;
    p[21] = 0x01; // gnssFixOK
    return UbxFrame::encode(ubx::kClassNav, ubx::kIdNavPvt, p);
}

const std::string kRmcA = nmea("GPRMC,235724.02,A,4808.9978,N,01135.0800,E,000.0,000.0,060419,003.0,E,A");
const RealTime kRmcAEpoch = realTimeFromNanos(1554595044LL * kNanosPerSecond + 20'000'000); // 2019-04-06T23:57:24.02Z

} // namespace

class TestGpsStreamDecoder : public QObject
{
    Q_OBJECT
private slots:
    void chunkingInvariance_data();
    void chunkingInvariance();
    void randomBytes();
    void everyTruncation();
    void corruption();
    void garbageAndChecksumCounts();
    void splicedAndOverlongSentences();
    void burstTimestamp();
    void messageCompletedInLaterRead();
    void firstBurstGivesNoFix();
    void voidAndDefaultDatesGiveNoFix();
    void zdaNeedsCurrentFix();
    void oneFixPerEpoch();
    void ubxTimeFixes();
    void weekRollover();
    void productionPivotOnCapture();
    void satellitesPerTalker();
    void receiverIdentity();
};

void TestGpsStreamDecoder::chunkingInvariance_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &c : captures())
        QTest::newRow(qPrintable(c)) << c;
}

void TestGpsStreamDecoder::chunkingInvariance()
{
    QFETCH(QString, name);
    const auto body = captureBody(name);
    std::mt19937 rng(12345);
    const Result whole = replay(body, 0, rng);
    QVERIFY(!whole.status.sentenceCounts.empty());
    for (std::size_t cuts : {std::size_t(1), std::size_t(7), std::size_t(60)}) {
        const Result r = replay(body, cuts, rng);
        QVERIFY2(r.status == whole.status, qPrintable(QStringLiteral("%1 cuts per burst").arg(cuts)));
        QCOMPARE(r.fixes, whole.fixes);
    }
    const Result bytewise = replay(body, SIZE_MAX, rng);
    QVERIFY(bytewise.status == whole.status);
    QCOMPARE(bytewise.fixes, whole.fixes);
}

void TestGpsStreamDecoder::randomBytes()
{
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> byte(0, 255);
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    d.setBaudRate(kBaud);
    std::uint64_t fed = 0;
    for (int round = 0; round < 200; ++round) {
        std::vector<std::uint8_t> chunk(1 + rng() % 700);
        for (auto &b : chunk)
            b = static_cast<std::uint8_t>(byte(rng));
        // Bias towards framing bytes so the parsers get exercised, not just the skipper.
        for (std::size_t i = 0; i < chunk.size(); i += 37)
            chunk[i] = (i / 37) % 3 == 0 ? '$' : (i / 37) % 3 == 1 ? 0xB5 : 0x62;
        d.feed(chunk, kT0 + std::chrono::milliseconds(round * 300));
        fed += chunk.size();
    }
    const GpsStatus s = d.state().status();
    // Nearly everything is garbage; nothing crashes, and the counts stay within what was fed.
    QVERIFY(s.garbageBytes > fed / 2);
    QVERIFY(s.garbageBytes <= fed);
    QVERIFY(d.takeTimeFixes().empty());
}

void TestGpsStreamDecoder::everyTruncation()
{
    // A capture cut at every offset of its first 3000 bytes, fed byte by byte then ended:
    // no crash, and the sentences counted never exceed those of the whole capture.
    for (const char *name : {"ublox-zed-f9p-hp.log", "telit-pls83-w.log"}) {
        const auto body = captureBody(QLatin1String(name));
        std::uint64_t wholeCount = 0;
        {
            GpsStreamDecoder d;
            d.setRolloverPivot(kCapturePivot); // the test data are from 2019
            d.feed(body, kT0);
            for (const auto &[k, n] : d.state().status().sentenceCounts)
                wholeCount += n;
        }
        std::uint64_t previous = 0;
        for (std::size_t cut = 0; cut <= std::min<std::size_t>(body.size(), 3000); cut += 1) {
            GpsStreamDecoder d;
            d.setRolloverPivot(kCapturePivot); // the test data are from 2019
            d.feed(std::span(body).first(cut), kT0);
            std::uint64_t n = 0;
            for (const auto &[k, c] : d.state().status().sentenceCounts)
                n += c;
            QVERIFY(n >= previous); // more bytes never lose a message
            QVERIFY(n <= wholeCount);
            previous = n;
        }
        QVERIFY(previous > 0);
    }
}

void TestGpsStreamDecoder::corruption()
{
    // Random byte flips in a mixed capture: every corrupted message is dropped (checksum or
    // garbage), none crashes, and the good ones around it still decode.
    auto body = captureBody(QStringLiteral("u-blox-m8t-time.log"));
    GpsStreamDecoder clean;
    clean.feed(body, kT0);
    std::uint64_t cleanCount = 0;
    for (const auto &[k, n] : clean.state().status().sentenceCounts)
        cleanCount += n;
    std::mt19937 rng(99);
    for (int i = 0; i < 50; ++i)
        body[rng() % body.size()] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    d.feed(body, kT0);
    std::uint64_t count = 0;
    for (const auto &[k, n] : d.state().status().sentenceCounts)
        count += n;
    QVERIFY(count < cleanCount);
    QVERIFY(count > cleanCount * 8 / 10);
    QVERIFY(d.state().status().garbageBytes > 0);
}

void TestGpsStreamDecoder::garbageAndChecksumCounts()
{
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    std::string bad = kRmcA;
    bad[bad.size() - 3] = bad[bad.size() - 3] == '0' ? '1' : '0'; // wrong checksum digit
    feedLines(d, {"xyz", "\r\n", bad, kRmcA, "\n\n"}, kT0);
    const GpsStatus s = d.state().status();
    QCOMPARE(s.checksumErrors, std::uint64_t(1));
    QCOMPARE(s.garbageBytes, std::uint64_t(3)); // "xyz"; line ends are not garbage
    QCOMPARE(s.sentenceCounts.at("GPRMC"), std::uint64_t(1));
    d.countOverrun();
    QCOMPARE(d.state().status().serialOverruns, std::uint64_t(1));
}

void TestGpsStreamDecoder::splicedAndOverlongSentences()
{
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    // st-teseo-liv4f.log doubles the '$'; a sentence cut short by another one; an
    // overlong line with no end.
    const std::string doubled = "$" + nmea("GNGSA,A,3,27,08,,,,,,,,,,,2.0,1.4,1.4,1");
    const std::string cut = "$GPGGA,235724.02,4808.99";
    const std::string longLine = "$GP" + std::string(400, 'A') + "\r\n";
    feedLines(d, {doubled, cut, kRmcA, longLine, kRmcA}, kT0);
    const GpsStatus s = d.state().status();
    QCOMPARE(s.sentenceCounts.at("GNGSA"), std::uint64_t(1));
    QCOMPARE(s.sentenceCounts.at("GPRMC"), std::uint64_t(2));
    QCOMPARE(s.garbageBytes, std::uint64_t(1 + cut.size() + longLine.size() - 2));
}

void TestGpsStreamDecoder::burstTimestamp()
{
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    d.setBaudRate(kBaud);
    const double byteTime = double(GpsStreamDecoder::kBitsPerByte) / kBaud;
    // Burst 1 (ignored: we may have joined it late).
    d.feed(bytesOf(kRmcA), kT0);
    QVERIFY(d.takeTimeFixes().empty());
    // Burst 2, one second later, in three reads: GGA, then RMC split in two.
    const std::string gga = nmea("GPGGA,235725.02,4808.9977,N,01135.0800,E,1,04,01.4,00464.5,M,0046.2,M,,");
    const std::string rmc = nmea("GPRMC,235725.02,A,4808.9977,N,01135.0800,E,000.0,000.0,060419,003.0,E,A");
    const RealTime read1 = kT0 + std::chrono::seconds(1);
    d.feed(bytesOf(gga), read1);
    const RealTime read2 = read1 + fromSeconds(10 * byteTime + 0.005);
    d.feed(bytesOf(rmc.substr(0, 10)), read2);
    d.feed(bytesOf(rmc.substr(10)), read2 + fromSeconds(double(rmc.size() - 10) * byteTime));
    QVERIFY(d.takeTimeFixes().empty()); // a better message of the epoch may still come
    d.poll(read2 + std::chrono::milliseconds(200));
    const auto fixes = d.takeTimeFixes();
    QCOMPARE(fixes.size(), std::size_t(1));
    QCOMPARE(fixes[0].epochUtc, kRmcAEpoch + std::chrono::seconds(1));
    // The burst began when GGA's first byte arrived: read1 minus its transfer time.
    QCOMPARE(fixes[0].burstStart, read1 - fromSeconds(double(gga.size()) * byteTime));
    QVERIFY(!fixes[0].fromUbx);
}

void TestGpsStreamDecoder::messageCompletedInLaterRead()
{
    // A sentence that starts in one burst's last read and is completed only after a long gap
    // belongs to the burst of its first byte.
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    d.setBaudRate(kBaud);
    d.feed(bytesOf("\n"), kT0 - std::chrono::seconds(1)); // a first, ignored burst
    d.feed(bytesOf(kRmcA.substr(0, 20)), kT0);
    d.feed(bytesOf(kRmcA.substr(20)), kT0 + std::chrono::milliseconds(500));
    d.poll(kT0 + std::chrono::seconds(1));
    const auto fixes = d.takeTimeFixes();
    QCOMPARE(fixes.size(), std::size_t(1));
    QCOMPARE(fixes[0].burstStart, kT0 - fromSeconds(20.0 * GpsStreamDecoder::kBitsPerByte / kBaud));
}

void TestGpsStreamDecoder::firstBurstGivesNoFix()
{
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    QVERIFY(feedLines(d, {kRmcA}, kT0).empty());
    // Yet the state shows the valid time.
    QVERIFY(d.state().status().epochTimeValid);
    QCOMPARE(*d.state().status().epochTime, kRmcAEpoch);
}

void TestGpsStreamDecoder::voidAndDefaultDatesGiveNoFix()
{
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    d.feed(bytesOf("\n"), kT0 - std::chrono::seconds(5));
    // beidou-bd.log's void RMC with a date; MTK's default date 1980-01-05 at 23:59:59; an
    // empty RMC; GGA quality 0.
    const auto fixes =
        feedLines(d,
                  {nmea("GNRMC,074150.799,V,,,,,,,250215,,,N"), nmea("GPRMC,235959.000,V,,,,,,,050180,,,N"),
                   nmea("GPRMC,,V,,,,,,,,,,N"), nmea("GNGGA,074150.799,,,,,0,00,,,M,0.0,M,,0000,")},
                  kT0);
    QVERIFY(fixes.empty());
    const GpsStatus s = d.state().status();
    QVERIFY(s.fixMode == GpsFixMode::None);
    QVERIFY(!s.epochTimeValid);
    // Status A but mode indicator N (not valid) is void too.
    QVERIFY(
        feedLines(d, {nmea("GPRMC,235724.02,A,4808.9978,N,01135.0800,E,000.0,000.0,060419,003.0,E,N")}, kT0).empty());
}

void TestGpsStreamDecoder::zdaNeedsCurrentFix()
{
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    d.feed(bytesOf("\n"), kT0 - std::chrono::seconds(5));
    const std::string zda = nmea("GPZDA,235727.02,06,04,2019,,");
    QVERIFY(feedLines(d, {zda}, kT0).empty()); // no fix yet
    const std::string gga = nmea("GPGGA,235728.02,4808.9978,N,01135.0800,E,1,04,01.4,00464.4,M,0046.2,M,,");
    const std::string zda2 = nmea("GPZDA,235728.02,06,04,2019,,");
    const auto fixes = feedLines(d, {gga, zda2}, kT0 + std::chrono::seconds(1));
    QCOMPARE(fixes.size(), std::size_t(1));
    QCOMPARE(fixes[0].epochUtc, kRmcAEpoch + std::chrono::seconds(4));
    // A fix confirmed longer ago than kFixConfirmationAge does not validate a ZDA.
    const auto stale = feedLines(d, {nmea("GPZDA,235731.02,06,04,2019,,")}, kT0 + std::chrono::seconds(4));
    QVERIFY(stale.empty());
}

void TestGpsStreamDecoder::oneFixPerEpoch()
{
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    d.feed(bytesOf("\n"), kT0 - std::chrono::seconds(5));
    const std::string zda = nmea("GPZDA,235724.02,06,04,2019,,");
    const auto fixes = feedLines(d, {kRmcA, zda, kRmcA}, kT0);
    QCOMPARE(fixes.size(), std::size_t(1));
    // NMEA and UBX for the same epoch (UBX time corrected by nano) are one epoch too.
    const auto pvt = navPvt(2019, 4, 6, 23, 57, 24, 20'000'000 - 130'000, 0x37, 3);
    d.feed(pvt, kT0);
    QVERIFY(d.takeTimeFixes().empty());
}

void TestGpsStreamDecoder::ubxTimeFixes()
{
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    d.feed(bytesOf("\n"), kT0 - std::chrono::seconds(5));
    // ublox-zed-f9p-hp's first epoch: 21:19:20 with nano -127759.
    d.feed(navPvt(2019, 4, 22, 21, 19, 20, -127759, 0x37, 3), kT0);
    auto fixes = d.takeTimeFixes();
    QCOMPARE(fixes.size(), std::size_t(1));
    QVERIFY(fixes[0].fromUbx);
    QCOMPARE(nanosSinceEpoch(fixes[0].epochUtc), 1555967960LL * kNanosPerSecond - 127759);
    // Not fully resolved, or no fix: no time fix.
    d.feed(navPvt(2019, 4, 22, 21, 19, 21, 0, 0x03, 3), kT0 + std::chrono::seconds(1));
    d.feed(navPvt(2019, 4, 22, 21, 19, 22, 0, 0x37, 0), kT0 + std::chrono::seconds(2));
    QVERIFY(d.takeTimeFixes().empty());
    // Time-only fix (fixType 5) is usable.
    d.feed(navPvt(2019, 4, 22, 21, 19, 23, 0, 0x37, 5), kT0 + std::chrono::seconds(3));
    QCOMPARE(d.takeTimeFixes().size(), std::size_t(1));
    QVERIFY(d.state().status().fixMode == GpsFixMode::TimeOnly);
}

void TestGpsStreamDecoder::weekRollover()
{
    // A receiver past its rollover window reports 1999-08-22 on 2019-04-07 (1024 weeks early).
    GpsStreamDecoder d;
    d.setRolloverPivot(realTimeFromNanos(1'546'300'800LL * kNanosPerSecond)); // 2019-01-01
    d.feed(bytesOf("\n"), kT0 - std::chrono::seconds(5));
    const auto fixes =
        feedLines(d, {nmea("GPRMC,120000.00,A,4808.9978,N,01135.0800,E,000.0,000.0,220899,003.0,E,A")}, kT0);
    QCOMPARE(fixes.size(), std::size_t(1));
    // gpsd would report 1999-08-22T12:00:00Z here; we report 2019-04-07T12:00:00Z.
    QCOMPARE(nanosSinceEpoch(fixes[0].epochUtc), 1554638400LL * kNanosPerSecond);
    QCOMPARE(fixes[0].epochUtc - realTimeFromNanos(935323200LL * kNanosPerSecond),
             Nanoseconds(kGpsWeekRolloverSeconds * kNanosPerSecond));
}

void TestGpsStreamDecoder::productionPivotOnCapture()
{
    // gp-320fw-2019-04-06-overflow.log reports correct 2019-04-06 dates (the receiver had not
    // restarted; see its header), which gpsd reports as they are. Against the default pivot
    // (2026-01-01) any 2019 date is taken as a rolled-over one and moved 1024 weeks forward.
    const auto body = captureBody(QStringLiteral("gp-320fw-2019-04-06-overflow.log"));
    GpsStreamDecoder d;
    QCOMPARE(d.state().rolloverPivot(), kDefaultRolloverPivot);
    d.feed(body, kT0);
    const GpsStatus s = d.state().status();
    QVERIFY(s.epochTime);
    QCOMPARE(dateOf(*s.epochTime), (GpsDate{2038, 11, 20}));
    GpsStreamDecoder old;
    old.setRolloverPivot(kCapturePivot);
    old.feed(body, kT0);
    QCOMPARE(*s.epochTime - *old.state().status().epochTime, Nanoseconds(kGpsWeekRolloverSeconds * kNanosPerSecond));
}

void TestGpsStreamDecoder::satellitesPerTalker()
{
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    // beidou-bd.log style: a GP set and a BD set coexist; an incomplete set does not replace.
    feedLines(d,
              {nmea("GPGSV,2,1,05,01,30,046,22,05,10,100,27,07,20,200,24,08,40,300,27"),
               nmea("GPGSV,2,2,05,09,27,171,25"), nmea("BDGSV,1,1,02,01,00,000,45,02,01,090,35"),
               nmea("GPGSA,A,3,01,05,,,,,,,,,,,2.0,1.0,1.5"),
               nmea("GPGSV,2,1,05,01,30,046,22,05,10,100,27,07,20,200,24,08,40,300,27")},
              kT0);
    GpsStatus s = d.state().status();
    QCOMPARE(s.satellites.size(), std::size_t(7));
    QCOMPARE(s.satellitesUsed(), 2);
    QVERIFY(s.satellites.front().system == GnssSystem::Gps);
    QVERIFY(s.satellites.back().system == GnssSystem::BeiDou);
    QCOMPARE(*s.pdop, 2.0);
    QCOMPARE(*s.vdop, 1.5);
    // A complete new GP set replaces only the GP list (GSA's used 01 and 05 stay listed,
    // position unknown, until a GSA says otherwise).
    feedLines(d, {nmea("GPGSV,1,1,01,12,30,046,40")}, kT0);
    s = d.state().status();
    QCOMPARE(s.satellites.size(), std::size_t(5));
    QCOMPARE(s.satellitesUsed(), 2);
    // Sets not refreshed for kSatelliteMaxAge are dropped.
    QVERIFY(d.state().status(kT0 + fromSeconds(GpsState::kSatelliteMaxAge + 1)).satellites.empty());
    // NMEA numbering: SBAS 33 = PRN 120, GLONASS 65 = slot 1, u-blox BeiDou 401 = 1.
    QVERIFY(*nmeaSatellite("GP", 33) == (std::pair{GnssSystem::Sbas, 120}));
    QVERIFY(*nmeaSatellite("GN", 65) == (std::pair{GnssSystem::Glonass, 1}));
    QVERIFY(*nmeaSatellite("GP", 401) == (std::pair{GnssSystem::BeiDou, 1}));
    QVERIFY(*nmeaSatellite("BD", 214) == (std::pair{GnssSystem::BeiDou, 14}));
    QVERIFY(*nmeaSatellite("GN", 3, 3) == (std::pair{GnssSystem::Galileo, 3}));
    QVERIFY(!nmeaSatellite("GP", 0));
}

void TestGpsStreamDecoder::receiverIdentity()
{
    GpsStreamDecoder d;
    d.setRolloverPivot(kCapturePivot); // the test data are from 2019
    feedLines(d,
              {nmea("GPTXT,01,01,02,u-blox ag - www.u-blox.com"), nmea("GPTXT,01,01,02,HW UBX-G70xx   00070000"),
               nmea("GPTXT,01,01,02,ANTSTATUS=OK"), nmea("PMTK705,AXN_2.31_3339_13101700,5632,PA6H,1.0")},
              kT0);
    QCOMPARE(d.state().status().receiver, std::string("HW UBX-G70xx   00070000; AXN_2.31_3339_13101700 5632 PA6H 1.0"));
}

QTEST_GUILESS_MAIN(TestGpsStreamDecoder)
#include "tst_gpsstreamdecoder.moc"
