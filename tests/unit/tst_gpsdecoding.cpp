// GPS decoding faults found on receivers that are not in tests/data (issue 11, items 15-19
// and the ageing of item 1), each with synthetic sentences and frames written from the
// protocol facts (NMEA field lists, UBX offsets, RTCM 3 framing):
// - u-blox: every time message follows one rollover rule, one clock sample per epoch, the best
//   message of the epoch wins;
// - large UBX frames, RTCM 3 frames and bad checksums are not garbage (nor "wrong baud rate");
// - GSV sets that carry the signal ID only on their last sentence, and Quectel's $PQGSV;
// - older u-blox: NAV-SOL position and time, NAV-SVINFO satellites, INF-NOTICE identity;
// - GSA without GSV, DOP 0, range checks, fix loss, time validity, UBX names;
// - the status ages out when the receiver goes silent, and says how long ago it spoke.
#include "NmeaText.h"
#include "chronyc/GpsReportFormat.h"
#include "gps/GpsStreamDecoder.h"
#include "gps/ReceiverProbe.h"
#include "gps/Rtcm3Frame.h"
#include "gps/UbxMessages.h"
#include "json/GpsStatusJson.h"

#include <QtTest>

#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace s1;
using s1::test::nmea;

namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr int kBaud = 115200;
constexpr RealTime kT0 = realTimeFromNanos(1'800'000'000LL * kNanosPerSecond); // raw clock
constexpr std::int64_t kRollover = kGpsWeekRolloverSeconds;
// 2025-06-01T12:00:00Z: before the default rollover pivot (2026-01-01), so a receiver that
// says so is taken to be 1024 weeks behind. GPS week 2369, time of week 43218 s (+18 s leap).
constexpr std::int64_t kEpochUnix = 1'748'779'200;
constexpr int kEpochWeek = 2369;
constexpr std::uint32_t kEpochTowMs = 43'218'000;
constexpr int kLeapSeconds = 18;
const RealTime kEpochCorrected = realTimeFromNanos((kEpochUnix + kRollover) * kNanosPerSecond);

Bytes bytesOf(const std::string &s)
{
    return Bytes(s.begin(), s.end());
}

void put(Bytes &p, std::size_t at, std::uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        p[at + std::size_t(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}

Bytes navPvt(std::uint32_t iTow, int y, int mo, int d, int h, int mi, int s, std::int32_t nano,
             std::uint8_t fixType = 3)
{
    Bytes p(92, 0);
    put(p, 0, iTow, 4);
    put(p, 4, std::uint32_t(y), 2);
    p[6] = std::uint8_t(mo);
    p[7] = std::uint8_t(d);
    p[8] = std::uint8_t(h);
    p[9] = std::uint8_t(mi);
    p[10] = std::uint8_t(s);
    p[11] = 0x37; // validDate, validTime, fullyResolved
    put(p, 16, std::uint32_t(nano), 4);
    p[20] = fixType;
    p[21] = 0x01;                                            // gnssFixOK
    put(p, 24, std::uint32_t(std::int32_t(115'167'000)), 4); // lon 11.5167
    put(p, 28, std::uint32_t(std::int32_t(481'173'000)), 4); // lat 48.1173
    put(p, 36, 545'400, 4);                                  // hMSL 545.4 m
    put(p, 76, 150, 2);                                      // pDOP 1.50
    return UbxFrame::encode(ubx::kClassNav, ubx::kIdNavPvt, p);
}

Bytes navTimeGps(std::uint32_t iTow, std::int32_t fTow, int week, int leap = kLeapSeconds)
{
    Bytes p(16, 0);
    put(p, 0, iTow, 4);
    put(p, 4, std::uint32_t(fTow), 4);
    put(p, 8, std::uint32_t(week), 2);
    p[10] = std::uint8_t(leap);
    p[11] = 0x07;
    return UbxFrame::encode(ubx::kClassNav, ubx::kIdNavTimeGps, p);
}

Bytes navTimeUtc(std::uint32_t iTow, int y, int mo, int d, int h, int mi, int s, std::int32_t nano)
{
    Bytes p(20, 0);
    put(p, 0, iTow, 4);
    put(p, 8, std::uint32_t(nano), 4);
    put(p, 12, std::uint32_t(y), 2);
    p[14] = std::uint8_t(mo);
    p[15] = std::uint8_t(d);
    p[16] = std::uint8_t(h);
    p[17] = std::uint8_t(mi);
    p[18] = std::uint8_t(s);
    p[19] = 0x37; // validTOW, validWKN, validUTC
    return UbxFrame::encode(ubx::kClassNav, ubx::kIdNavTimeUtc, p);
}

Bytes navEoe(std::uint32_t iTow)
{
    Bytes p(4, 0);
    put(p, 0, iTow, 4);
    return UbxFrame::encode(ubx::kClassNav, ubx::kIdNavEoe, p);
}

// NAV-SOL of a 3D fix at (48.1173 N, 11.5167 E, 545.4 m above the ellipsoid): ECEF in cm.
constexpr std::int32_t kEcefX = 418'048'339;
constexpr std::int32_t kEcefY = 85'179'796;
constexpr std::int32_t kEcefZ = 472'599'977;

Bytes navSol(std::uint32_t iTow, std::int32_t fTow, int week, std::uint8_t fix = 3, std::uint8_t flags = 0x0D)
{
    Bytes p(52, 0);
    put(p, 0, iTow, 4);
    put(p, 4, std::uint32_t(fTow), 4);
    put(p, 8, std::uint32_t(week), 2);
    p[10] = fix;
    p[11] = flags; // GPSfixOK, WKNSET, TOWSET
    put(p, 12, std::uint32_t(kEcefX), 4);
    put(p, 16, std::uint32_t(kEcefY), 4);
    put(p, 20, std::uint32_t(kEcefZ), 4);
    put(p, 44, 210, 2); // pDOP 2.10
    p[47] = 7;
    return UbxFrame::encode(ubx::kClassNav, ubx::kIdNavSol, p);
}

struct SvInfo
{
    int svId;
    bool used;
    int cno;
    int elevation;
    int azimuth;
};

Bytes navSvInfo(std::uint32_t iTow, const std::vector<SvInfo> &channels)
{
    Bytes p(8 + 12 * channels.size(), 0);
    put(p, 0, iTow, 4);
    p[4] = std::uint8_t(channels.size());
    for (std::size_t i = 0; i < channels.size(); ++i) {
        const std::size_t at = 8 + 12 * i;
        p[at] = std::uint8_t(i);
        p[at + 1] = std::uint8_t(channels[i].svId);
        p[at + 2] = channels[i].used ? 0x01 : 0x00;
        p[at + 4] = std::uint8_t(channels[i].cno);
        p[at + 5] = std::uint8_t(std::int8_t(channels[i].elevation));
        put(p, at + 6, std::uint16_t(std::int16_t(channels[i].azimuth)), 2);
    }
    return UbxFrame::encode(ubx::kClassNav, ubx::kIdNavSvInfo, p);
}

Bytes infNotice(const std::string &text)
{
    return UbxFrame::encode(ubx::kClassInf, ubx::kIdInfNotice, bytesOf(text));
}

// A payload of `size` random bytes; `clean` keeps out bytes that could start a frame or a
// sentence, so a corrupted copy of it fails as exactly one checksum error.
Bytes randomPayload(std::size_t size, std::uint32_t seed, bool clean)
{
    std::mt19937 rng(seed);
    Bytes p(size);
    for (auto &b : p) {
        do
            b = static_cast<std::uint8_t>(rng());
        while (clean && (b == UbxFrame::kSync1 || b == Rtcm3Frame::kPreamble || b == '$' || b == '!'));
    }
    return p;
}

// An RTCM 3 payload with the message number in its first 12 bits.
Bytes rtcmPayload(int number, std::size_t size, std::uint32_t seed)
{
    Bytes p = randomPayload(size, seed, true);
    p[0] = static_cast<std::uint8_t>(number >> 4);
    p[1] = static_cast<std::uint8_t>(((number & 0xF) << 4) | (p[1] & 0x0F));
    return p;
}

Bytes concat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const Bytes &p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

// A decoder past its first burst (whose start is unknown, so it gives no fix): every
// burst() with a valid epoch gives a fix.
struct Receiver
{
    GpsStreamDecoder decoder;
    RealTime now = kT0;
    std::vector<GpsTimeFix> fixes;

    Receiver()
    {
        decoder.setBaudRate(kBaud);
        decoder.feed(bytesOf("\n"), now - std::chrono::seconds(5));
    }
    // One burst, in reads of `chunk` bytes, then the line goes idle.
    void burst(const Bytes &bytes, std::size_t chunk = 64)
    {
        now += std::chrono::seconds(1);
        for (std::size_t at = 0; at < bytes.size(); at += chunk) {
            const std::size_t n = std::min(chunk, bytes.size() - at);
            decoder.feed(std::span(bytes).subspan(at, n), now + fromSeconds(double(at + n) * 10 / kBaud));
        }
        const auto deadline = decoder.nextDeadline();
        decoder.poll(deadline ? *deadline : now + std::chrono::milliseconds(200));
        for (const GpsTimeFix &f : decoder.takeTimeFixes())
            fixes.push_back(f);
    }
    GpsStatus status() const { return decoder.state().status(); }
};

} // namespace

class TestGpsDecoding : public QObject
{
    Q_OBJECT
private slots:
    // 15
    void ubxTimeMessagesFollowOneRolloverRule();
    void bestMessageOfTheEpochWins();
    // 16
    void largeUbxAndRtcm3AreNotGarbage();
    void badChecksumsAreCountedAsSuch();
    void rtcm3Crc();
    void probeLocksOnAStreamWithRtcm3();
    // 17
    void gsvSignalIdOnLastSentenceOnly();
    void quectelPqgsv();
    // 18
    void navSolPositionAndTime();
    void navSvInfoSatellites();
    void infNoticeIdentity();
    // 19
    void usedSatellitesFromGsaWithoutGsv();
    void zeroAndOutOfRangeValuesAreUnknown();
    void lostFixClearsPositionAndDops();
    void timeValidityEndsWithTheValidEpoch();
    void knownUbxMessagesByName();
    // 1
    void statusAgesOutWhenTheFeedStops();
};

void TestGpsDecoding::ubxTimeMessagesFollowOneRolloverRule()
{
    // A u-blox whose dates are before the pivot: NAV-PVT, NAV-TIMEUTC and NAV-TIMEGPS of one
    // epoch all say 2025-06-01T12:00:00Z. Before the fix NAV-TIMEGPS was not corrected and
    // gave a second sample 1024 weeks away from NAV-PVT's, and the shown time flipped.
    Receiver r;
    std::vector<RealTime> shown;
    r.decoder.setMessageObserver([&](std::string_view, std::span<const std::uint8_t>) {
        if (const auto t = r.decoder.state().status().epochTime)
            shown.push_back(*t);
    });
    for (int epoch = 0; epoch < 3; ++epoch) {
        const std::uint32_t iTow = kEpochTowMs + std::uint32_t(epoch) * 1000;
        r.burst(concat({navTimeGps(iTow, 0, kEpochWeek), navTimeUtc(iTow, 2025, 6, 1, 12, 0, epoch, 0),
                        navPvt(iTow, 2025, 6, 1, 12, 0, epoch, 0), navEoe(iTow)}));
    }
    // One sample per epoch, all 1024 weeks forward.
    QCOMPARE(r.fixes.size(), std::size_t(3));
    for (std::size_t i = 0; i < r.fixes.size(); ++i)
        QCOMPARE(r.fixes[i].epochUtc, kEpochCorrected + std::chrono::seconds(i));
    // Every message showed the same, corrected time for its epoch.
    QCOMPARE(shown.size(), std::size_t(12));
    for (std::size_t i = 0; i < shown.size(); ++i)
        QCOMPARE(shown[i], kEpochCorrected + std::chrono::seconds(i / 4));
}

void TestGpsDecoding::bestMessageOfTheEpochWins()
{
    // NAV-TIMEGPS comes first but NAV-PVT is better (GpsTimeMessage order): the epoch's one
    // sample carries NAV-PVT's time even though both name the same epoch (same iTOW).
    Receiver r;
    r.burst(concat({navPvt(kEpochTowMs, 2025, 6, 1, 12, 0, 0, 0)}));
    const std::uint32_t iTow = kEpochTowMs + 1000;
    r.burst(concat({navTimeGps(iTow, 3'000'000, kEpochWeek), navPvt(iTow, 2025, 6, 1, 12, 0, 1, -120'000)}));
    QCOMPARE(r.fixes.size(), std::size_t(2));
    QCOMPARE(r.fixes[1].epochUtc, kEpochCorrected + std::chrono::seconds(1) - std::chrono::microseconds(120));
    // NMEA RMC first, then NAV-TIMEUTC of the same epoch: still one sample, from UBX.
    const std::uint32_t iTow2 = iTow + 1000;
    r.burst(concat({bytesOf(nmea("GPRMC,120002.00,A,4807.038,N,01131.000,E,0.0,0.0,010625,,,A")),
                    navTimeUtc(iTow2, 2025, 6, 1, 12, 0, 2, 400'000)}));
    QCOMPARE(r.fixes.size(), std::size_t(3));
    QVERIFY(r.fixes[2].fromUbx);
    QCOMPARE(r.fixes[2].epochUtc, kEpochCorrected + std::chrono::seconds(2) + std::chrono::microseconds(400));
    // Without NAV-EOE the epoch ends when the line goes idle (poll at nextDeadline()).
    const std::uint32_t iTow3 = iTow2 + 1000;
    GpsStreamDecoder &d = r.decoder;
    r.now += std::chrono::seconds(1);
    d.feed(navTimeGps(iTow3, 0, kEpochWeek), r.now);
    QVERIFY(d.takeTimeFixes().empty());
    QVERIFY(d.nextDeadline());
    QCOMPARE(*d.nextDeadline(), r.now + fromSeconds(GpsStreamDecoder::kBurstGap));
    d.poll(r.now + std::chrono::milliseconds(50));
    QVERIFY(d.takeTimeFixes().empty());
    d.poll(*d.nextDeadline());
    QCOMPARE(d.takeTimeFixes().size(), std::size_t(1));
    QVERIFY(!d.nextDeadline());
}

void TestGpsDecoding::largeUbxAndRtcm3AreNotGarbage()
{
    // A healthy u-blox stream with a 1 kB NAV-SIG (its payload holds B5 62, '$' and LF) and
    // RTCM 3 frames (1005 station position, 1077 GPS MSM7), in reads of 32 bytes.
    Bytes sig = randomPayload(1024, 7, false);
    sig[100] = UbxFrame::kSync1;
    sig[101] = UbxFrame::kSync2;
    sig[200] = '$';
    sig[201] = '\n';
    const Bytes stream = concat({bytesOf(nmea("GPRMC,120000.00,A,4807.038,N,01131.000,E,0.0,0.0,010625,,,A")),
                                 UbxFrame::encode(0x01, 0x43, sig), Rtcm3Frame::encode(rtcmPayload(1005, 19, 1)),
                                 Rtcm3Frame::encode(rtcmPayload(1077, 600, 2)),
                                 bytesOf(nmea("GPGGA,120000.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"))});
    Receiver r;
    r.burst(stream, 32);
    r.burst(stream, 32);
    const GpsStatus s = r.status();
    QCOMPARE(s.garbageBytes, std::uint64_t(0));
    QCOMPARE(s.checksumErrors, std::uint64_t(0));
    QCOMPARE(s.sentenceCounts.at("UBX-NAV-SIG"), std::uint64_t(2));
    QCOMPARE(s.sentenceCounts.at("RTCM3-1005"), std::uint64_t(2));
    QCOMPARE(s.sentenceCounts.at("RTCM3-1077"), std::uint64_t(2));
    QCOMPARE(s.sentenceCounts.at("GPGGA"), std::uint64_t(2));
    // Line noise is still garbage.
    r.burst(bytesOf("\x01\x02\x03garbage"));
    QCOMPARE(r.status().garbageBytes, std::uint64_t(10));
}

void TestGpsDecoding::badChecksumsAreCountedAsSuch()
{
    // A damaged 1 kB UBX frame and a damaged RTCM 3 frame: two checksum errors, no garbage,
    // and the sentences around them still decode.
    Bytes ubxFrame = UbxFrame::encode(0x01, 0x43, randomPayload(1024, 3, true));
    ubxFrame[500] ^= 0x01;
    Bytes rtcm = Rtcm3Frame::encode(rtcmPayload(1077, 300, 4));
    rtcm[150] ^= 0x01;
    const std::string gga = nmea("GPGGA,120000.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
    std::string badNmea = nmea("GPGGA,120001.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
    badNmea[badNmea.size() - 3] = badNmea[badNmea.size() - 3] == '0' ? '1' : '0';
    Receiver r;
    r.burst(concat({bytesOf(gga), ubxFrame, rtcm, bytesOf(badNmea), bytesOf(gga)}), 50);
    const GpsStatus s = r.status();
    QCOMPARE(s.checksumErrors, std::uint64_t(3));
    QCOMPARE(s.garbageBytes, std::uint64_t(0));
    QCOMPARE(s.sentenceCounts.at("GPGGA"), std::uint64_t(2));
}

void TestGpsDecoding::rtcm3Crc()
{
    // CRC-24Q check value, and the message 1005 example frame of the RTCM 3 standard.
    const std::string check = "123456789";
    QCOMPARE(Rtcm3Frame::crc24q(std::span(reinterpret_cast<const std::uint8_t *>(check.data()), check.size())),
             std::uint32_t(0xCDE703));
    const Bytes example{0xD3, 0x00, 0x13, 0x3E, 0xD7, 0xD3, 0x02, 0x02, 0x98, 0x0E, 0xDE, 0xEF, 0x34,
                        0xB4, 0xBD, 0x62, 0xAC, 0x09, 0x41, 0x98, 0x6F, 0x33, 0x36, 0x0B, 0x98};
    int number = 0;
    std::size_t consumed = 0;
    QCOMPARE(Rtcm3Frame::parse(example, number, consumed), Rtcm3Frame::Result::Frame);
    QCOMPARE(number, 1005);
    QCOMPARE(consumed, example.size());
    QCOMPARE(Rtcm3Frame::parse(std::span(example).first(10), number, consumed), Rtcm3Frame::Result::NeedMore);
    Bytes reserved = example;
    reserved[1] = 0x40; // reserved bits set: not a frame
    QCOMPARE(Rtcm3Frame::parse(reserved, number, consumed), Rtcm3Frame::Result::Invalid);
}

void TestGpsDecoding::probeLocksOnAStreamWithRtcm3()
{
    // The wizard's probe counts the same way: a base station's RTCM 3 stream (kilobytes of
    // binary before the first NMEA sentence) is the right speed, not noise to skip.
    ReceiverProbe probe({115200, 9600});
    probe.start(kT0);
    Bytes stream;
    for (int i = 0; i < 4; ++i)
        stream = concat({stream, Rtcm3Frame::encode(rtcmPayload(1077, 400, std::uint32_t(10 + i)))});
    stream = concat({stream, bytesOf(nmea("GPGGA,120000.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"))});
    for (std::size_t at = 0; at < stream.size(); at += 64)
        QVERIFY(!probe.feed(std::span(stream).subspan(at, std::min<std::size_t>(64, stream.size() - at)), kT0));
    QCOMPARE(probe.outcome(), ReceiverProbe::Outcome::Found);
    QCOMPARE(probe.baudRate(), 115200);
    QCOMPARE(probe.findings(kT0).garbageBytes, std::uint64_t(0));
}

void TestGpsDecoding::gsvSignalIdOnLastSentenceOnly()
{
    // Quectel LC79D style: the signal ID only on the last sentence of each set; GPS L1 and
    // L5 sets, Galileo E1. GSAs with NMEA 4.10 system IDs name the used satellites.
    Receiver r;
    r.burst(concat({
        bytesOf(nmea("GNGSA,A,3,05,12,,,,,,,,,,,1.8,0.9,1.5,1")),
        bytesOf(nmea("GNGSA,A,3,07,,,,,,,,,,,,1.8,0.9,1.5,3")),
        bytesOf(nmea("GPGSV,2,1,05,05,60,090,45,12,45,180,42,15,30,270,38,18,20,045,35")),
        bytesOf(nmea("GPGSV,2,2,05,24,10,300,30,1")),
        bytesOf(nmea("GPGSV,1,1,02,05,60,090,40,12,45,180,38,8")),
        bytesOf(nmea("GAGSV,1,1,02,07,50,120,41,19,15,200,33,7")),
    }));
    const GpsStatus s = r.status();
    int gps = 0, galileo = 0;
    for (const GpsSatellite &sat : s.satellites) {
        gps += sat.system == GnssSystem::Gps;
        galileo += sat.system == GnssSystem::Galileo;
        QVERIFY(sat.elevation); // each came from its GSV set
    }
    QCOMPARE(gps, 5);
    QCOMPARE(galileo, 2);
    QCOMPARE(s.satellitesUsed(), 3);
}

void TestGpsDecoding::quectelPqgsv()
{
    // $PQGSV: a GSV with the system ID (4 BeiDou) after the signal ID.
    Receiver r;
    r.burst(concat({
        bytesOf(nmea("GNGSA,A,3,11,23,,,,,,,,,,,1.8,0.9,1.5,4")),
        bytesOf(nmea("PQGSV,2,1,05,11,70,010,44,23,40,100,40,25,30,200,36,32,20,300,30")),
        bytesOf(nmea("PQGSV,2,2,05,34,10,050,28,1,4")),
    }));
    const GpsStatus s = r.status();
    QCOMPARE(s.satellites.size(), std::size_t(5));
    for (const GpsSatellite &sat : s.satellites) {
        QVERIFY(sat.system == GnssSystem::BeiDou);
        QVERIFY(sat.snr);
    }
    QCOMPARE(s.satellitesUsed(), 2);
    QCOMPARE(s.sentenceCounts.at("PQGSV"), std::uint64_t(2));
}

void TestGpsDecoding::navSolPositionAndTime()
{
    // A u-blox 6 sending only NAV-SOL: the fix, its position (ECEF converted to WGS-84) and
    // its time (week + iTOW + fTOW, rollover rule, leap seconds from NAV-TIMEGPS if seen).
    Receiver r;
    r.burst(navSol(kEpochTowMs, 0, kEpochWeek));
    r.burst(navSol(kEpochTowMs + 1000, -250'000, kEpochWeek));
    GpsStatus s = r.status();
    QVERIFY(s.fixMode == GpsFixMode::Fix3D);
    QVERIFY(s.latitude && s.longitude && s.ellipsoidHeight);
    QVERIFY2(std::fabs(*s.latitude - 48.1173) < 1e-7, qPrintable(QString::number(*s.latitude, 'f', 9)));
    QVERIFY2(std::fabs(*s.longitude - 11.5167) < 1e-7, qPrintable(QString::number(*s.longitude, 'f', 9)));
    QVERIFY2(std::fabs(*s.ellipsoidHeight - 545.4) < 0.02, qPrintable(QString::number(*s.ellipsoidHeight, 'f', 3)));
    QVERIFY(!s.altitude); // NAV-SOL has no MSL altitude
    QCOMPARE(*s.pdop, 2.1);
    QVERIFY(s.epochTimeValid);
    QCOMPARE(r.fixes.size(), std::size_t(2));
    QCOMPARE(r.fixes[1].epochUtc, kEpochCorrected + std::chrono::seconds(1) - std::chrono::microseconds(250));
    // The receiver's own leap count replaces the built-in one (a receiver with 17 would be
    // a second off otherwise); NAV-TIMEGPS wins its epoch, NAV-SOL the next.
    r.burst(concat({navTimeGps(kEpochTowMs + 2000, 0, kEpochWeek, 17), navSol(kEpochTowMs + 2000, 0, kEpochWeek)}));
    r.burst(navSol(kEpochTowMs + 3000, 0, kEpochWeek));
    QCOMPARE(r.fixes.size(), std::size_t(4));
    QCOMPARE(r.fixes[3].epochUtc, kEpochCorrected + std::chrono::seconds(4));
    // Week or time of week not set: no time.
    r.burst(navSol(kEpochTowMs + 4000, 0, kEpochWeek, 3, 0x01));
    QCOMPARE(r.fixes.size(), std::size_t(4));
    QCOMPARE(ecefToGeodetic(0, 0, 6356752.314245).latitude, 90.0);
}

void TestGpsDecoding::navSvInfoSatellites()
{
    // u-blox numbering: GPS 5, BeiDou B6 as 33, GLONASS R1 as 65, SBAS 120, Galileo E1 as
    // 211, and 255 (GLONASS slot unknown) left out.
    Receiver r;
    r.burst(navSvInfo(kEpochTowMs, {{5, true, 44, 60, 90},
                                    {33, true, 40, 30, 120},
                                    {65, false, 35, 20, 200},
                                    {120, false, 38, 33, 180},
                                    {211, true, 41, 50, 300},
                                    {255, false, 20, 5, 10}}));
    const GpsStatus s = r.status();
    QCOMPARE(s.satellites.size(), std::size_t(5));
    QCOMPARE(s.satellitesUsed(), 3);
    const auto has = [&](GnssSystem system, int prn) {
        return std::any_of(s.satellites.begin(), s.satellites.end(),
                           [&](const GpsSatellite &sat) { return sat.system == system && sat.prn == prn; });
    };
    QVERIFY(has(GnssSystem::Gps, 5));
    QVERIFY(has(GnssSystem::BeiDou, 6));
    QVERIFY(has(GnssSystem::Glonass, 1));
    QVERIFY(has(GnssSystem::Sbas, 120));
    QVERIFY(has(GnssSystem::Galileo, 1));
    QCOMPARE(s.sentenceCounts.at("UBX-NAV-SVINFO"), std::uint64_t(1));
}

void TestGpsDecoding::infNoticeIdentity()
{
    Receiver r;
    r.burst(concat({infNotice("u-blox ag - www.u-blox.com"), infNotice("HW UBX-G60xx  00040007"),
                    infNotice("ROM CORE 6.02 (36023) Oct 15 2009")}));
    QCOMPARE(r.status().receiver, std::string("HW UBX-G60xx  00040007; ROM CORE 6.02 (36023) Oct 15 2009"));
}

void TestGpsDecoding::usedSatellitesFromGsaWithoutGsv()
{
    Receiver r;
    r.burst(concat({bytesOf(nmea("GPGSA,A,3,02,05,13,,,,,,,,,,2.0,1.1,1.6")),
                    bytesOf(nmea("GLGSA,A,3,67,,,,,,,,,,,,2.0,1.1,1.6"))}));
    const GpsStatus s = r.status();
    QCOMPARE(s.satellitesUsed(), 4);
    QCOMPARE(s.satellites.size(), std::size_t(4));
    QVERIFY(!s.satellites.front().elevation);
}

void TestGpsDecoding::zeroAndOutOfRangeValuesAreUnknown()
{
    Receiver r;
    // DOPs of 0.00: the receiver has none.
    r.burst(bytesOf(nmea("GPGSA,A,3,02,05,13,,,,,,,,,,0.00,0.00,0.00")));
    GpsStatus s = r.status();
    QVERIFY(!s.pdop && !s.hdop && !s.vdop);
    // A crafted GGA: altitude 1e308 m, HDOP -1, a satellite at elevation 300 and SNR 500.
    r.burst(concat({bytesOf(nmea("GPGGA,120000.00,4807.038,N,01131.000,E,1,08,-1,1e308,M,46.9,M,,")),
                    bytesOf(nmea("GPGSV,1,1,01,02,300,400,500"))}));
    s = r.status();
    QVERIFY(s.fixMode != GpsFixMode::None);
    QVERIFY(s.latitude);
    QVERIFY(!s.altitude);
    QVERIFY(!s.hdop);
    QCOMPARE(s.satellites.size(), std::size_t(3));
    QVERIFY(!s.satellites.front().elevation && !s.satellites.front().azimuth && !s.satellites.front().snr);
    // And in UBX: a NAV-DOP of 0 and 99.99.
    Bytes dop(18, 0);
    put(dop, 6, 0, 2);     // pDOP 0
    put(dop, 12, 9999, 2); // hDOP 99.99
    put(dop, 10, 120, 2);  // vDOP 1.20
    r.burst(UbxFrame::encode(ubx::kClassNav, ubx::kIdNavDop, dop));
    s = r.status();
    QVERIFY(!s.pdop && !s.hdop);
    QCOMPARE(*s.vdop, 1.2);
}

void TestGpsDecoding::lostFixClearsPositionAndDops()
{
    Receiver r;
    r.burst(concat({bytesOf(nmea("GPGGA,120000.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")),
                    bytesOf(nmea("GPGSA,A,3,02,05,13,,,,,,,,,,2.0,1.1,1.6"))}));
    GpsStatus s = r.status();
    QVERIFY(s.latitude && s.altitude && s.pdop && s.hdop && s.vdop);
    r.burst(concat({bytesOf(nmea("GPGGA,120001.00,,,,,0,00,,,M,,M,,")), bytesOf(nmea("GPGSA,A,1,,,,,,,,,,,,,,,"))}));
    s = r.status();
    QVERIFY(s.fixMode == GpsFixMode::None);
    QVERIFY(!s.latitude && !s.longitude && !s.altitude);
    QVERIFY(!s.pdop && !s.hdop && !s.vdop);
    // UBX too: NAV-PVT without a fix.
    r.burst(navPvt(kEpochTowMs, 2025, 6, 1, 12, 0, 0, 0));
    QVERIFY(r.status().latitude);
    r.burst(navPvt(kEpochTowMs + 1000, 2025, 6, 1, 12, 0, 1, 0, 0));
    s = r.status();
    QVERIFY(!s.latitude && !s.altitude && !s.pdop);
    QVERIFY(!s.epochTimeValid);
}

void TestGpsDecoding::timeValidityEndsWithTheValidEpoch()
{
    // A valid RMC, then void ones: the time is not valid from the first void one on (it was
    // still "valid" for 2 s before).
    Receiver r;
    r.burst(bytesOf(nmea("GPRMC,120000.00,A,4807.038,N,01131.000,E,0.0,0.0,010625,,,A")));
    QVERIFY(r.status().epochTimeValid);
    // GGA of the next epoch before its RMC: still valid (no flicker inside a burst).
    r.burst(bytesOf(nmea("GPGGA,120001.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")));
    QVERIFY(r.status().epochTimeValid);
    r.burst(bytesOf(nmea("GPRMC,120002.00,V,,,,,,,010625,,,N")));
    QVERIFY(!r.status().epochTimeValid);
    // A ZDA without a fix does not make it valid again either.
    r.burst(bytesOf(nmea("GPZDA,120003.00,01,06,2025,00,00")));
    QVERIFY(!r.status().epochTimeValid);
    // A time-of-day message long after the last valid epoch is not valid.
    Receiver late;
    late.burst(bytesOf(nmea("GPRMC,120000.00,A,4807.038,N,01131.000,E,0.0,0.0,010625,,,A")));
    late.burst(bytesOf(nmea("GPGGA,120002.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")));
    QVERIFY(!late.status().epochTimeValid);
}

void TestGpsDecoding::knownUbxMessagesByName()
{
    QCOMPARE(ubxMessageName(UbxFrame{0x01, 0x43, {}}), std::string("UBX-NAV-SIG"));
    QCOMPARE(ubxMessageName(UbxFrame{0x01, 0x26, {}}), std::string("UBX-NAV-TIMELS"));
    QCOMPARE(ubxMessageName(UbxFrame{0x01, 0x22, {}}), std::string("UBX-NAV-CLOCK"));
    QCOMPARE(ubxMessageName(UbxFrame{0x0D, 0x01, {}}), std::string("UBX-TIM-TP"));
    QCOMPARE(ubxMessageName(UbxFrame{0x0A, 0x09, {}}), std::string("UBX-MON-HW"));
    QCOMPARE(ubxMessageName(UbxFrame{0x02, 0x15, {}}), std::string("UBX-RXM-RAWX"));
    QCOMPARE(ubxMessageName(UbxFrame{0x01, 0x7F, {}}), std::string("UBX-0x01-0x7F"));
    Receiver r;
    r.burst(UbxFrame::encode(0x0D, 0x01, Bytes(16, 0)));
    QCOMPARE(r.status().sentenceCounts.at("UBX-TIM-TP"), std::uint64_t(1));
}

void TestGpsDecoding::statusAgesOutWhenTheFeedStops()
{
    Receiver r;
    r.burst(concat({bytesOf(nmea("GPRMC,120000.00,A,4807.038,N,01131.000,E,0.0,0.0,010625,,,A")),
                    bytesOf(nmea("GPGGA,120000.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")),
                    bytesOf(nmea("GPGSA,A,3,02,05,13,,,,,,,,,,2.0,1.1,1.6")),
                    bytesOf(nmea("GPGSV,1,1,03,02,60,090,45,05,45,180,42,13,30,270,38"))}));
    const RealTime last = *r.status().lastSentenceTime;
    // Within the timeout everything is current, and the age is known.
    GpsStatus s = r.decoder.state().status(last + std::chrono::seconds(2));
    QVERIFY(s.fixMode == GpsFixMode::Fix3D && s.epochTimeValid && s.latitude && s.hdop);
    QCOMPARE(s.satellites.size(), std::size_t(3));
    QCOMPARE(*s.lastMessageAge, 2.0);
    // The feed stopped: after kStatusTimeout the receiver's fix, time, position, DOPs and
    // satellites are unknown; the counters, identity and the time of the last message stay.
    const RealTime later = last + fromSeconds(GpsState::kStatusTimeout) + std::chrono::seconds(7);
    s = r.decoder.state().status(later);
    QVERIFY(s.fixMode == GpsFixMode::None);
    QVERIFY(!s.epochTimeValid);
    QVERIFY(!s.latitude && !s.longitude && !s.altitude);
    QVERIFY(!s.pdop && !s.hdop && !s.vdop);
    QVERIFY(s.satellites.empty());
    QCOMPARE(s.lastSentenceTime, std::optional<RealTime>(last));
    QCOMPARE(*s.lastMessageAge, GpsState::kStatusTimeout + 7);
    QCOMPARE(s.sentenceCounts.at("GPRMC"), std::uint64_t(1));
    // `stratumctl gps` and attached windows get the age through the JSON snapshot.
    const auto back = gpsStatusFromJson(gpsStatusToJson(s));
    QVERIFY(back);
    QVERIFY(*back == s);
    const std::string report = formatGpsReport(*back);
    QVERIFY2(report.find("Last message    : 12 s ago\n") != std::string::npos, report.c_str());
    QVERIFY2(report.find("Fix             : none\n") != std::string::npos, report.c_str());
}

QTEST_GUILESS_MAIN(TestGpsDecoding)
#include "tst_gpsdecoding.moc"
