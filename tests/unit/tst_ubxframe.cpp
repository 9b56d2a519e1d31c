// UbxFrame framing (Fletcher checksum, lengths, truncation) and the UBX decoders, on frames
// taken from the u-blox captures in tests/data/gps and on hand-built payloads.
#include "gps/UbxFrame.h"
#include "gps/UbxMessages.h"

#include <QtTest>

#include <vector>

using namespace s1;

namespace {

std::vector<std::uint8_t> captureBody(const char *name)
{
    QFile f(QStringLiteral(S1_TEST_DATA_DIR "/gps/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", name);
    QByteArray data = f.readAll();
    qsizetype at = 0;
    while (at < data.size() && data[at] == '#')
        at = data.indexOf('\n', at) + 1;
    data = data.mid(at);
    return {data.begin(), data.end()};
}

// Every frame of a capture, found by scanning for the sync and checking each candidate.
std::vector<UbxFrame> framesOf(const char *name)
{
    const std::vector<std::uint8_t> body = captureBody(name);
    std::vector<UbxFrame> frames;
    std::size_t i = 0;
    while (i + 1 < body.size()) {
        UbxFrame f;
        std::size_t used = 0;
        if (body[i] == UbxFrame::kSync1
            && UbxFrame::parse(std::span(body).subspan(i), f, used) == UbxFrame::Result::Frame) {
            frames.push_back(f);
            i += used;
        } else {
            ++i;
        }
    }
    return frames;
}

template <typename Decode>
auto firstDecoded(const std::vector<UbxFrame> &frames, Decode decode) -> decltype(decode(frames.front()))
{
    for (const UbxFrame &f : frames) {
        if (auto m = decode(f))
            return m;
    }
    return std::nullopt;
}

void put(std::vector<std::uint8_t> &p, std::size_t at, std::uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        p[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

} // namespace

class TestUbxFrame : public QObject
{
    Q_OBJECT
private slots:
    void checksumAndRoundTrip();
    void truncationAndCorruption();
    void navPvtFromCapture();
    void navTimeUtcAndGpsFromCapture();
    void navSat();
    void monVerAndAck();
    void shortPayloads();
};

void TestUbxFrame::checksumAndRoundTrip()
{
    // A poll of MON-VER: the classic example, CK 0x0E 0x34.
    const auto poll = UbxFrame::encode(0x0A, 0x04, {});
    QCOMPARE(poll, (std::vector<std::uint8_t>{0xB5, 0x62, 0x0A, 0x04, 0x00, 0x00, 0x0E, 0x34}));
    const std::vector<std::uint8_t> payload{0x06, 0x01, 0xB5, 0x62, '$', '\n'};
    const auto wire = UbxFrame::encode(0x05, 0x01, payload);
    UbxFrame f;
    std::size_t used = 0;
    QCOMPARE(UbxFrame::parse(wire, f, used), UbxFrame::Result::Frame);
    QCOMPARE(used, wire.size());
    QCOMPARE(f.payload, payload);
    QVERIFY(f.is(0x05, 0x01));
}

void TestUbxFrame::truncationAndCorruption()
{
    const auto wire = UbxFrame::encode(0x01, 0x07, std::vector<std::uint8_t>(92, 0x11));
    UbxFrame f;
    std::size_t used = 0;
    for (std::size_t n = 0; n < wire.size(); ++n)
        QCOMPARE(UbxFrame::parse(std::span(wire).first(n), f, used), UbxFrame::Result::NeedMore);
    for (std::size_t i = 2; i < wire.size(); ++i) {
        auto bad = wire;
        bad[i] ^= 0x40;
        const auto r = UbxFrame::parse(bad, f, used);
        // A changed length byte may also just ask for more bytes; never a frame.
        QVERIFY2(r != UbxFrame::Result::Frame, qPrintable(QString::number(i)));
    }
    auto noSync = wire;
    noSync[1] = 0x63;
    QCOMPARE(UbxFrame::parse(noSync, f, used), UbxFrame::Result::Invalid);
    // A length beyond kMaxPayload is noise, rejected at once rather than waited for.
    std::vector<std::uint8_t> huge{0xB5, 0x62, 0x01, 0x07, 0xFF, 0xFF};
    QCOMPARE(UbxFrame::parse(huge, f, used), UbxFrame::Result::Invalid);
}

void TestUbxFrame::navPvtFromCapture()
{
    // ublox-zed-f9p-hp.log, first NAV-PVT: 2019-04-22T21:19:20 nano -127759 valid 0x37 fixType 3.
    const auto pvt = firstDecoded(framesOf("ublox-zed-f9p-hp.log"), decodeNavPvt);
    QVERIFY(pvt);
    QCOMPARE(pvt->date, (GpsDate{2019, 4, 22}));
    QCOMPARE(pvt->timeOfDay, (GpsTimeOfDay{21, 19, 20 * kNanosPerSecond}));
    QCOMPARE(pvt->nano, -127759);
    QCOMPARE(pvt->valid, std::uint8_t(0x37));
    QCOMPARE(pvt->fixType, std::uint8_t(3));
    QVERIFY(pvt->timeUsable());
    // The true instant is 21:19:19.999872241.
    QCOMPARE(nanosSinceEpoch(*pvt->epoch()), 1555967960LL * kNanosPerSecond - 127759);
    QVERIFY(std::fabs(pvt->latitude - -45.8775) < 1e-3);
    QVERIFY(std::fabs(pvt->longitude - 170.5001) < 1e-3);
    // Without fullyResolved the time is not usable.
    UbxNavPvt unresolved = *pvt;
    unresolved.valid = UbxNavPvt::kValidDate | UbxNavPvt::kValidTime;
    QVERIFY(!unresolved.timeUsable());
    UbxNavPvt noFix = *pvt;
    noFix.fixType = 1; // dead reckoning only
    QVERIFY(!noFix.timeUsable());
    noFix.fixType = 5; // time only
    QVERIFY(noFix.timeUsable());
}

void TestUbxFrame::navTimeUtcAndGpsFromCapture()
{
    const auto frames = framesOf("u-blox-m8t-time.log");
    const auto utc = firstDecoded(frames, decodeNavTimeUtc);
    QVERIFY(utc);
    QVERIFY(utc->utcValid());
    QCOMPARE(utc->date, (GpsDate{2021, 2, 23}));
    // NAV-TIMEGPS: week 2146, leapS 18, valid 0x07.
    const auto gps = firstDecoded(frames, decodeNavTimeGps);
    QVERIFY(gps);
    QCOMPARE(gps->week, std::int16_t(2146));
    QCOMPARE(gps->leapSeconds, std::int8_t(18));
    QCOMPARE(gps->valid, std::uint8_t(0x07));
    QVERIFY(gps->timeUsable());
    // Both carry the same UTC epoch within the receiver's sub-microsecond bookkeeping.
    bool samePair = false;
    for (const UbxFrame &f : frames) {
        if (const auto u = decodeNavTimeUtc(f); u && u->iTowMs == gps->iTowMs)
            samePair = std::llabs(nanosSinceEpoch(*u->epoch()) - nanosSinceEpoch(gps->epochUtc())) < 1000;
    }
    QVERIFY(samePair);
}

void TestUbxFrame::navSat()
{
    // Hand-built: GPS 5 used at 45 deg / 270 deg, 40 dB-Hz; GLONASS slot 3 not tracked.
    std::vector<std::uint8_t> p(8 + 2 * 12, 0);
    put(p, 0, 123456, 4);
    p[4] = 1;
    p[5] = 2;
    p[8] = 0;
    p[9] = 5;
    p[10] = 40;
    p[11] = 45;
    put(p, 12, 270, 2);
    put(p, 16, 0x08, 4);
    p[20] = 6;
    p[21] = 3;
    p[22] = 0;
    p[23] = static_cast<std::uint8_t>(-5);
    put(p, 24, 10, 2);
    UbxFrame f{ubx::kClassNav, ubx::kIdNavSat, p};
    const auto sat = decodeNavSat(f);
    QVERIFY(sat);
    QCOMPARE(sat->iTowMs, 123456u);
    QCOMPARE(sat->satellites.size(), std::size_t(2));
    QCOMPARE(sat->satellites[0].azimuth, std::int16_t(270));
    QVERIFY(sat->satellites[0].used());
    QCOMPARE(sat->satellites[1].elevation, std::int8_t(-5));
    QVERIFY(!sat->satellites[1].used());
    // numSvs larger than the payload holds: rejected, not read past the end.
    f.payload[5] = 3;
    QVERIFY(!decodeNavSat(f));
    // From a capture: every block decodes into sane ranges.
    const auto real = firstDecoded(framesOf("ublox-zed-f9p-hp.log"), decodeNavSat);
    QVERIFY(real && !real->satellites.empty());
    for (const auto &s : real->satellites) {
        QVERIFY(s.gnssId <= 7);
        QVERIFY(s.elevation >= -90 && s.elevation <= 90);
        QVERIFY(s.azimuth >= 0 && s.azimuth <= 360);
    }
}

void TestUbxFrame::monVerAndAck()
{
    std::vector<std::uint8_t> p(40 + 2 * 30, 0);
    const std::string sw = "ROM CORE 3.01 (107888)";
    const std::string hw = "00080000";
    const std::string e1 = "FWVER=TIM 1.10";
    const std::string e2 = "PROTVER=22.00";
    std::copy(sw.begin(), sw.end(), p.begin());
    std::copy(hw.begin(), hw.end(), p.begin() + 30);
    std::copy(e1.begin(), e1.end(), p.begin() + 40);
    std::copy(e2.begin(), e2.end(), p.begin() + 70);
    const auto ver = decodeMonVer(UbxFrame{ubx::kClassMon, ubx::kIdMonVer, p});
    QVERIFY(ver);
    QCOMPARE(ver->softwareVersion, sw);
    QCOMPARE(ver->hardwareVersion, hw);
    QCOMPARE(ver->extensions, (std::vector<std::string>{e1, e2}));
    // A field without its NUL is still bounded by its size.
    std::fill(p.begin(), p.begin() + 30, 'A');
    QCOMPARE(decodeMonVer(UbxFrame{ubx::kClassMon, ubx::kIdMonVer, p})->softwareVersion.size(), std::size_t(30));

    const auto ack = decodeAck(UbxFrame{ubx::kClassAck, ubx::kIdAckAck, {0x06, 0x01}});
    QVERIFY(ack && ack->acknowledged);
    QCOMPARE(ack->messageClass, std::uint8_t(0x06));
    const auto nak = decodeAck(UbxFrame{ubx::kClassAck, ubx::kIdAckNak, {0x06, 0x8A}});
    QVERIFY(nak && !nak->acknowledged);
    QCOMPARE(nak->messageId, std::uint8_t(0x8A));
}

void TestUbxFrame::shortPayloads()
{
    const std::vector<std::uint8_t> tiny(5, 0);
    QVERIFY(!decodeNavPvt(UbxFrame{ubx::kClassNav, ubx::kIdNavPvt, tiny}));
    QVERIFY(!decodeNavTimeUtc(UbxFrame{ubx::kClassNav, ubx::kIdNavTimeUtc, tiny}));
    QVERIFY(!decodeMonVer(UbxFrame{ubx::kClassMon, ubx::kIdMonVer, tiny}));
    QVERIFY(!decodeAck(UbxFrame{ubx::kClassAck, ubx::kIdAckAck, {0x06}}));
    // The wrong message type is never decoded as another.
    QVERIFY(!decodeNavPvt(UbxFrame{ubx::kClassNav, ubx::kIdNavTimeUtc, std::vector<std::uint8_t>(92, 0)}));
    QCOMPARE(ubxMessageName(UbxFrame{0x01, 0x7F, {}}), std::string("UBX-0x01-0x7F"));
    QCOMPARE(ubxMessageName(UbxFrame{0x01, 0x07, {}}), std::string("UBX-NAV-PVT"));
}

QTEST_GUILESS_MAIN(TestUbxFrame)
#include "tst_ubxframe.moc"
