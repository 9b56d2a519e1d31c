// NTP packet codec: header layout (RFC 5905 section 7.3), extension field and MAC walking
// (RFC 7822), parse errors, in-place transmit stamping, and a fuzz loop for robustness.
#include "ntp/NtpPacket.h"

#include <QSet>
#include <QtTest>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <random>
#include <vector>

using namespace s1;

Q_DECLARE_METATYPE(s1::NtpParseError)
Q_DECLARE_METATYPE(s1::NtpMacKind)

namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::uint8_t kDigestFill = 0xA5;
constexpr std::uint8_t kBodyFill = 0x5A;
constexpr std::size_t kFieldHeaderLength = 4; // type + length
constexpr std::size_t kMd5MacLength = 4 + 16;
constexpr std::size_t kSha1MacLength = 4 + 20;
constexpr std::uint16_t kNtsUniqueIdentifierType = 0x0104;
constexpr std::uint16_t kNtsCookieType = 0x0204;

// A fixed header whose fields are all distinct and non-zero, so that a field landing at the
// wrong offset shows up.
NtpHeader sampleHeader(std::uint8_t version = kNtpVersion, NtpMode mode = NtpMode::Client)
{
    NtpHeader h;
    h.leap = LeapIndicator::None;
    h.version = version;
    h.mode = mode;
    h.stratum = 2;
    h.poll = 6;
    h.precision = -20;
    h.rootDelay = NtpShort::fromRaw(0x00001234u);
    h.rootDispersion = NtpShort::fromRaw(0x00056789u);
    h.referenceId = 0xC0000201u; // 192.0.2.1
    h.referenceTime = NtpTimestamp(0xE93C7F00u, 0x80000000u);
    h.originTime = NtpTimestamp(0x01020304u, 0x05060708u);
    h.receiveTime = NtpTimestamp(0x11121314u, 0x15161718u);
    h.transmitTime = NtpTimestamp(0xF1F2F3F4u, 0xF5F6F7F8u);
    return h;
}

QByteArray toByteArray(const Bytes &bytes)
{
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), static_cast<qsizetype>(bytes.size()));
}

QByteArray headerBytes(std::uint8_t version = kNtpVersion)
{
    const auto raw = serializeNtpHeader(sampleHeader(version));
    return toByteArray(Bytes(raw.begin(), raw.end()));
}

QByteArray be16(std::uint16_t v)
{
    QByteArray out;
    out.append(static_cast<char>(v >> 8));
    out.append(static_cast<char>(v & 0xFF));
    return out;
}

QByteArray be32(std::uint32_t v)
{
    return be16(static_cast<std::uint16_t>(v >> 16)) + be16(static_cast<std::uint16_t>(v));
}

// An extension field that declares `declaredLength` but occupies `actualSize` bytes.
QByteArray rawField(std::uint16_t type, std::uint16_t declaredLength, std::size_t actualSize)
{
    QByteArray out = be16(type) + be16(declaredLength);
    out.append(QByteArray(static_cast<qsizetype>(actualSize - kFieldHeaderLength), static_cast<char>(kBodyFill)));
    return out;
}

QByteArray field(std::uint16_t type, std::size_t length)
{
    return rawField(type, static_cast<std::uint16_t>(length), length);
}

QByteArray mac(std::uint32_t keyId, std::size_t totalLength)
{
    return be32(keyId) + QByteArray(static_cast<qsizetype>(totalLength - 4), static_cast<char>(kDigestFill));
}

// Parsing goes through an exactly sized heap buffer so that AddressSanitizer builds catch any
// read past the end (a QByteArray has a terminating NUL and spare capacity).
NtpParseResult parse(const QByteArray &bytes)
{
    const Bytes exact(bytes.begin(), bytes.end());
    return parseNtpPacket(exact);
}

} // namespace

class TestNtpPacket : public QObject
{
    Q_OBJECT

private slots:
    void knownPacketBytes();
    void kissOfDeathBytes();
    void firstByte_data();
    void firstByte();
    void allLeapVersionModeCombinations();
    void pollAndPrecisionSignedRoundTrip();
    void headerRoundTrip_data();
    void headerRoundTrip();
    void parseErrors_data();
    void parseErrors();
    void headerKeptOnLaterErrors();
    void trailers_data();
    void trailers();
    void errorStrings();
    void ntsFieldsAreFlagged();
    void transmitTimestampStamping();
    void transmitTimestampIgnoresShortBuffers();
    void fuzz();
};

void TestNtpPacket::knownPacketBytes()
{
    // Laid out by hand from RFC 5905 figure 8.
    const Bytes expected = {
        0x23,                                           // LI 0, VN 4, mode 3 (client)
        0x02,                                           // stratum
        0x06,                                           // poll 2^6 s
        0xEC,                                           // precision -20
        0x00, 0x00, 0x12, 0x34,                         // root delay
        0x00, 0x05, 0x67, 0x89,                         // root dispersion
        0xC0, 0x00, 0x02, 0x01,                         // reference ID
        0xE9, 0x3C, 0x7F, 0x00, 0x80, 0x00, 0x00, 0x00, // reference time
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, // origin time
        0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, // receive time
        0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, // transmit time
    };
    QCOMPARE(expected.size(), kNtpHeaderLength);

    const auto serialized = serializeNtpHeader(sampleHeader());
    for (std::size_t i = 0; i < kNtpHeaderLength; ++i) {
        QVERIFY2(serialized[i] == expected[i], qPrintable(QStringLiteral("byte %1").arg(i)));
    }

    const NtpParseResult r = parseNtpPacket(expected);
    QVERIFY(r.ok());
    const NtpHeader &h = r.packet.header;
    QCOMPARE(h.leap, LeapIndicator::None);
    QCOMPARE(h.version, std::uint8_t{4});
    QCOMPARE(h.mode, NtpMode::Client);
    QCOMPARE(h.stratum, std::uint8_t{2});
    QCOMPARE(h.poll, std::int8_t{6});
    QCOMPARE(h.precision, std::int8_t{-20});
    QCOMPARE(h.rootDelay.raw(), 0x00001234u);
    QCOMPARE(h.rootDispersion.raw(), 0x00056789u);
    QCOMPARE(h.referenceId, 0xC0000201u);
    QCOMPARE(h.referenceTime.raw(), Q_UINT64_C(0xE93C7F0080000000));
    QCOMPARE(h.originTime.raw(), Q_UINT64_C(0x0102030405060708));
    QCOMPARE(h.receiveTime.raw(), Q_UINT64_C(0x1112131415161718));
    QCOMPARE(h.transmitTime.raw(), Q_UINT64_C(0xF1F2F3F4F5F6F7F8));
    QCOMPARE(r.packet.length, kNtpHeaderLength);
    QCOMPARE(r.packet.extensionFieldCount, 0);
    QCOMPARE(r.packet.mac, NtpMacKind::None);
    QCOMPARE(r.packet.macLength, std::size_t{0});
}

void TestNtpPacket::kissOfDeathBytes()
{
    NtpHeader h;
    h.leap = LeapIndicator::Unsynchronised;
    h.mode = NtpMode::Server;
    h.stratum = 0;
    h.referenceId = kKissRate;
    const auto bytes = serializeNtpHeader(h);
    QCOMPARE(bytes[0], std::uint8_t{0xE4}); // LI 3, VN 4, mode 4
    QCOMPARE(bytes[1], std::uint8_t{0});
    QCOMPARE(bytes[12], std::uint8_t{'R'});
    QCOMPARE(bytes[13], std::uint8_t{'A'});
    QCOMPARE(bytes[14], std::uint8_t{'T'});
    QCOMPARE(bytes[15], std::uint8_t{'E'});
}

void TestNtpPacket::firstByte_data()
{
    QTest::addColumn<int>("leap");
    QTest::addColumn<int>("version");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("byte");

    QTest::newRow("LI 0 VN 4 client") << 0 << 4 << 3 << 0x23;
    QTest::newRow("LI 0 VN 4 server") << 0 << 4 << 4 << 0x24;
    QTest::newRow("LI 3 VN 4 client") << 3 << 4 << 3 << 0xE3;
    QTest::newRow("LI 1 VN 3 server") << 1 << 3 << 4 << 0x5C;
    QTest::newRow("LI 2 VN 1 broadcast") << 2 << 1 << 5 << 0x8D;
    QTest::newRow("LI 0 VN 2 symmetric active") << 0 << 2 << 1 << 0x11;
    QTest::newRow("LI 1 VN 4 symmetric passive") << 1 << 4 << 2 << 0x62;
    QTest::newRow("LI 0 VN 4 control") << 0 << 4 << 6 << 0x26;
    QTest::newRow("LI 3 VN 4 private") << 3 << 4 << 7 << 0xE7;
    QTest::newRow("LI 0 VN 4 reserved") << 0 << 4 << 0 << 0x20;
}

void TestNtpPacket::firstByte()
{
    QFETCH(int, leap);
    QFETCH(int, version);
    QFETCH(int, mode);
    QFETCH(int, byte);

    NtpHeader h;
    h.leap = static_cast<LeapIndicator>(leap);
    h.version = static_cast<std::uint8_t>(version);
    h.mode = static_cast<NtpMode>(mode);
    const auto bytes = serializeNtpHeader(h);
    QCOMPARE(int(bytes[0]), byte);

    const NtpParseResult r = parseNtpPacket(bytes);
    QVERIFY(r.ok());
    QCOMPARE(int(r.packet.header.leap), leap);
    QCOMPARE(int(r.packet.header.version), version);
    QCOMPARE(int(r.packet.header.mode), mode);
}

void TestNtpPacket::allLeapVersionModeCombinations()
{
    constexpr int kLeapValues = 4;
    constexpr int kModeValues = 8;
    for (int leap = 0; leap < kLeapValues; ++leap) {
        for (int version = kNtpMinVersion; version <= kNtpVersion; ++version) {
            for (int mode = 0; mode < kModeValues; ++mode) {
                NtpHeader h = sampleHeader(static_cast<std::uint8_t>(version), static_cast<NtpMode>(mode));
                h.leap = static_cast<LeapIndicator>(leap);
                const NtpParseResult r = parseNtpPacket(serializeNtpHeader(h));
                QVERIFY(r.ok());
                QVERIFY2(r.packet.header == h,
                         qPrintable(QStringLiteral("LI %1 VN %2 mode %3").arg(leap).arg(version).arg(mode)));
            }
        }
    }
}

void TestNtpPacket::pollAndPrecisionSignedRoundTrip()
{
    for (int v = INT8_MIN; v <= INT8_MAX; ++v) {
        NtpHeader h = sampleHeader();
        h.poll = static_cast<std::int8_t>(v);
        h.precision = static_cast<std::int8_t>(-v - 1); // covers the opposite end meanwhile
        const auto bytes = serializeNtpHeader(h);
        QCOMPARE(bytes[2], static_cast<std::uint8_t>(v)); // two's complement on the wire
        const NtpParseResult r = parseNtpPacket(bytes);
        QVERIFY(r.ok());
        QCOMPARE(r.packet.header.poll, h.poll);
        QCOMPARE(r.packet.header.precision, h.precision);
    }
}

void TestNtpPacket::headerRoundTrip_data()
{
    QTest::addColumn<int>("leap");
    QTest::addColumn<int>("version");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("stratum");
    QTest::addColumn<int>("poll");
    QTest::addColumn<int>("precision");
    QTest::addColumn<quint32>("rootDelay");
    QTest::addColumn<quint32>("rootDispersion");
    QTest::addColumn<quint32>("referenceId");
    QTest::addColumn<quint64>("referenceTime");
    QTest::addColumn<quint64>("originTime");
    QTest::addColumn<quint64>("receiveTime");
    QTest::addColumn<quint64>("transmitTime");

    QTest::newRow("all zero") << 0 << 4 << 0 << 0 << 0 << 0 << 0u << 0u << 0u << Q_UINT64_C(0) << Q_UINT64_C(0)
                              << Q_UINT64_C(0) << Q_UINT64_C(0);
    QTest::newRow("all ones") << 3 << 4 << 7 << 255 << -1 << -1 << 0xFFFFFFFFu << 0xFFFFFFFFu << 0xFFFFFFFFu
                              << ~Q_UINT64_C(0) << ~Q_UINT64_C(0) << ~Q_UINT64_C(0) << ~Q_UINT64_C(0);
    QTest::newRow("typical server reply")
        << 0 << 4 << 4 << 1 << 10 << -29 << 0x00000010u << 0x00000A3Bu << 0x47505300u << Q_UINT64_C(0xE93C7F0012345678)
        << Q_UINT64_C(0xE93C7F0587654321) << Q_UINT64_C(0xE93C7F05AAAAAAAA) << Q_UINT64_C(0xE93C7F05AAAAB000);
    QTest::newRow("unsynchronised stratum 16")
        << 3 << 3 << 4 << 16 << 17 << -6 << 0u << 0xFFFFu << 0u << Q_UINT64_C(0) << Q_UINT64_C(1)
        << Q_UINT64_C(0x100000000) << Q_UINT64_C(0x8000000000000000);
    QTest::newRow("extreme poll and precision")
        << 1 << 2 << 1 << 15 << -128 << 127 << 0x80000000u << 0x00000001u << 0x7F000001u
        << Q_UINT64_C(0x0000000100000000) << Q_UINT64_C(0x00000000FFFFFFFF) << Q_UINT64_C(0xFFFFFFFF00000000)
        << Q_UINT64_C(0x0123456789ABCDEF);
}

void TestNtpPacket::headerRoundTrip()
{
    QFETCH(int, leap);
    QFETCH(int, version);
    QFETCH(int, mode);
    QFETCH(int, stratum);
    QFETCH(int, poll);
    QFETCH(int, precision);
    QFETCH(quint32, rootDelay);
    QFETCH(quint32, rootDispersion);
    QFETCH(quint32, referenceId);
    QFETCH(quint64, referenceTime);
    QFETCH(quint64, originTime);
    QFETCH(quint64, receiveTime);
    QFETCH(quint64, transmitTime);

    NtpHeader h;
    h.leap = static_cast<LeapIndicator>(leap);
    h.version = static_cast<std::uint8_t>(version);
    h.mode = static_cast<NtpMode>(mode);
    h.stratum = static_cast<std::uint8_t>(stratum);
    h.poll = static_cast<std::int8_t>(poll);
    h.precision = static_cast<std::int8_t>(precision);
    h.rootDelay = NtpShort::fromRaw(rootDelay);
    h.rootDispersion = NtpShort::fromRaw(rootDispersion);
    h.referenceId = referenceId;
    h.referenceTime = NtpTimestamp::fromRaw(referenceTime);
    h.originTime = NtpTimestamp::fromRaw(originTime);
    h.receiveTime = NtpTimestamp::fromRaw(receiveTime);
    h.transmitTime = NtpTimestamp::fromRaw(transmitTime);

    const NtpParseResult r = parseNtpPacket(serializeNtpHeader(h));
    QVERIFY(r.ok());
    const NtpHeader &p = r.packet.header;
    QCOMPARE(int(p.leap), leap);
    QCOMPARE(int(p.version), version);
    QCOMPARE(int(p.mode), mode);
    QCOMPARE(int(p.stratum), stratum);
    QCOMPARE(int(p.poll), poll);
    QCOMPARE(int(p.precision), precision);
    QCOMPARE(p.rootDelay.raw(), rootDelay);
    QCOMPARE(p.rootDispersion.raw(), rootDispersion);
    QCOMPARE(p.referenceId, referenceId);
    QCOMPARE(p.referenceTime.raw(), referenceTime);
    QCOMPARE(p.originTime.raw(), originTime);
    QCOMPARE(p.receiveTime.raw(), receiveTime);
    QCOMPARE(p.transmitTime.raw(), transmitTime);
    QVERIFY(p == h);
}

void TestNtpPacket::parseErrors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<NtpParseError>("error");

    const QByteArray v4 = headerBytes(4);
    const QByteArray v3 = headerBytes(3);
    auto withVersion = [](int version) {
        QByteArray b = headerBytes(4);
        b[0] = static_cast<char>((b[0] & 0xC7) | (version << 3));
        return b;
    };

    QTest::newRow("empty") << QByteArray() << NtpParseError::TooShort;
    QTest::newRow("one byte") << QByteArray(1, '\x23') << NtpParseError::TooShort;
    QTest::newRow("47 bytes") << v4.left(47) << NtpParseError::TooShort;
    QTest::newRow("47 bytes with bad version") << withVersion(0).left(47) << NtpParseError::TooShort;
    QTest::newRow("49 bytes") << v4 + QByteArray(1, '\0') << NtpParseError::BadLength;
    QTest::newRow("50 bytes") << v4 + QByteArray(2, '\0') << NtpParseError::BadLength;
    QTest::newRow("51 bytes") << v4 + QByteArray(3, '\0') << NtpParseError::BadLength;
    QTest::newRow("odd length beats bad version") << withVersion(0) + QByteArray(2, '\0') << NtpParseError::BadLength;
    QTest::newRow("version 0") << withVersion(0) << NtpParseError::UnsupportedVersion;
    QTest::newRow("version 5") << withVersion(5) << NtpParseError::UnsupportedVersion;
    QTest::newRow("version 6") << withVersion(6) << NtpParseError::UnsupportedVersion;
    QTest::newRow("version 7") << withVersion(7) << NtpParseError::UnsupportedVersion;
    QTest::newRow("bad version beats bad trailer")
        << withVersion(5) + QByteArray(8, '\0') << NtpParseError::UnsupportedVersion;

    // NTPv4 trailers that are neither fields nor a MAC.
    QTest::newRow("v4 + 8 bytes") << v4 + QByteArray(8, '\x01') << NtpParseError::TrailingGarbage;
    QTest::newRow("v4 + 12 bytes") << v4 + QByteArray(12, '\x01') << NtpParseError::TrailingGarbage;
    QTest::newRow("v4 + field + 12 bytes")
        << v4 + field(kNtsCookieType, 16) + QByteArray(12, '\0') << NtpParseError::TrailingGarbage;
    // 28 bytes left after the field: too long for a v4 MAC, so they must be a field, and
    // key ID 1 frames one of length 1.
    QTest::newRow("v4 + field + MAC + 8 bytes")
        << v4 + field(kNtsCookieType, 16) + mac(1, kMd5MacLength) + QByteArray(8, '\0')
        << NtpParseError::BadExtensionField;

    // Fields whose framing is wrong.
    QTest::newRow("field length overruns the packet")
        << v4 + rawField(kNtsCookieType, 32, 16) << NtpParseError::BadExtensionField;
    QTest::newRow("second field overruns")
        << v4 + field(kNtsCookieType, 16) + rawField(kNtsCookieType, 64, 28) << NtpParseError::BadExtensionField;
    QTest::newRow("field length not a multiple of 4")
        << v4 + rawField(kNtsCookieType, 18, 28) << NtpParseError::BadExtensionField;
    QTest::newRow("field length 12 (< 16)")
        << v4 + rawField(kNtsCookieType, 12, 16) << NtpParseError::BadExtensionField;
    QTest::newRow("field length 4 (header only)")
        << v4 + rawField(kNtsCookieType, 4, 28) << NtpParseError::BadExtensionField;
    QTest::newRow("field length 0") << v4 + rawField(0, 0, 16) << NtpParseError::BadExtensionField;
    QTest::newRow("28 zero bytes") << v4 + QByteArray(28, '\0') << NtpParseError::BadExtensionField;
    // What chronyd drops and we answered before: a last field shorter than RFC 7822's 28
    // bytes (16 bytes left cannot be a field after the header or after another field), and a
    // 4-byte trailer that is not a crypto-NAK (key ID 0), also after a field.
    QTest::newRow("one 16-byte field") << v4 + field(kNtsUniqueIdentifierType, 16) << NtpParseError::BadExtensionField;
    QTest::newRow("two 16-byte fields") << v4 + field(kNtsUniqueIdentifierType, 16) + field(kNtsCookieType, 16)
                                        << NtpParseError::BadExtensionField;
    QTest::newRow("28-byte field + 16-byte field")
        << v4 + field(kNtsUniqueIdentifierType, 28) + field(kNtsCookieType, 16) << NtpParseError::BadExtensionField;
    QTest::newRow("4-byte trailer with key ID") << v4 + be32(0xDEADBEEFu) << NtpParseError::TrailingGarbage;
    QTest::newRow("4-byte trailer with key ID 1") << v4 + be32(1) << NtpParseError::TrailingGarbage;
    QTest::newRow("field + crypto-NAK") << v4 + field(kNtsCookieType, 28) + be32(0) << NtpParseError::TrailingGarbage;
    QTest::newRow("field + 4 bytes") << v4 + field(kNtsCookieType, 28) + be32(5) << NtpParseError::TrailingGarbage;

    // No v4 MAC is longer than SHA-1's; a longer one must parse as fields, and key ID 1 makes
    // the would-be field length 1.
    QTest::newRow("v4 with a 68-byte MAC") << v4 + mac(1, kNtpMaxMacLength) << NtpParseError::BadExtensionField;

    // NTPv3 and older: only a MAC may follow.
    QTest::newRow("v3 + 8 bytes") << v3 + mac(1, 8) << NtpParseError::TrailingGarbage;
    QTest::newRow("v3 + 16 bytes") << v3 + mac(1, 16) << NtpParseError::TrailingGarbage;
    QTest::newRow("v3 + 72 bytes") << v3 + mac(1, kNtpMaxMacLength + 4) << NtpParseError::TrailingGarbage;
    QTest::newRow("v3 with a valid-looking field") << v3 + field(kNtsCookieType, 16) << NtpParseError::TrailingGarbage;
}

void TestNtpPacket::parseErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(NtpParseError, error);

    const NtpParseResult r = parse(bytes);
    QCOMPARE(int(r.error), int(error));
    QVERIFY(!r.ok());
    // Nothing beyond the header is reported for a rejected packet.
    QCOMPARE(r.packet.length, std::size_t{0});
    QCOMPARE(r.packet.extensionFieldCount, 0);
    QCOMPARE(r.packet.mac, NtpMacKind::None);
    QCOMPARE(r.packet.macLength, std::size_t{0});
}

void TestNtpPacket::headerKeptOnLaterErrors()
{
    NtpHeader h = sampleHeader();
    h.version = 5;
    const NtpParseResult r = parseNtpPacket(serializeNtpHeader(h));
    QCOMPARE(r.error, NtpParseError::UnsupportedVersion);
    QVERIFY(r.packet.header == h);
}

void TestNtpPacket::trailers_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("fields");
    QTest::addColumn<NtpMacKind>("macKind");
    QTest::addColumn<quint32>("keyId");
    QTest::addColumn<int>("macLength");

    const QByteArray v4 = headerBytes(4);

    QTest::newRow("bare v4 header") << v4 << 0 << NtpMacKind::None << 0u << 0;
    QTest::newRow("one 28-byte field") << v4 + field(kNtsUniqueIdentifierType, 28) << 1 << NtpMacKind::None << 0u << 0;
    QTest::newRow("16-byte field, then a 28-byte one")
        << v4 + field(kNtsUniqueIdentifierType, 16) + field(kNtsCookieType, 28) << 2 << NtpMacKind::None << 0u << 0;
    QTest::newRow("two fields, last 28") << v4 + field(kNtsUniqueIdentifierType, 36) + field(kNtsCookieType, 28) << 2
                                         << NtpMacKind::None << 0u << 0;
    QTest::newRow("three fields + MD5 MAC") << v4 + field(1, 16) + field(2, 20) + field(3, 100) + mac(7, kMd5MacLength)
                                            << 3 << NtpMacKind::SymmetricKey << 7u << int(kMd5MacLength);
    QTest::newRow("field + MD5 MAC (20)") << v4 + field(kNtsCookieType, 16) + mac(42, kMd5MacLength) << 1
                                          << NtpMacKind::SymmetricKey << 42u << int(kMd5MacLength);
    QTest::newRow("field + SHA-1 MAC (24)") << v4 + field(kNtsCookieType, 16) + mac(0x01020304u, kSha1MacLength) << 1
                                            << NtpMacKind::SymmetricKey << 0x01020304u << int(kSha1MacLength);
    QTest::newRow("MD5 MAC alone") << v4 + mac(0xFFFFFFFFu, kMd5MacLength) << 0 << NtpMacKind::SymmetricKey
                                   << 0xFFFFFFFFu << int(kMd5MacLength);
    // Key IDs whose low 16 bits would frame a valid field: 20 or 24 trailing bytes are still
    // a MAC (RFC 7822 section 7.5).
    QTest::newRow("MAC with key ID 16") << v4 + mac(16, kMd5MacLength) << 0 << NtpMacKind::SymmetricKey << 16u
                                        << int(kMd5MacLength);
    QTest::newRow("MAC with key ID 20") << v4 + mac(20, kSha1MacLength) << 0 << NtpMacKind::SymmetricKey << 20u
                                        << int(kSha1MacLength);
    QTest::newRow("field + MAC with key ID 24") << v4 + field(kNtsCookieType, 16) + mac(24, kSha1MacLength) << 1
                                                << NtpMacKind::SymmetricKey << 24u << int(kSha1MacLength);
    QTest::newRow("crypto-NAK") << v4 + be32(0) << 0 << NtpMacKind::CryptoNak << 0u << int(kNtpCryptoNakLength);
    // The ambiguous case: 16-byte field + 4 bytes is 20 trailing bytes, which the MAC-first
    // rule reads as a key ID (the field's type and length words) and a 16-byte digest.
    QTest::newRow("16-byte field + 4 bytes reads as a MAC")
        << v4 + field(kNtsCookieType, 16) + be32(5) << 0 << NtpMacKind::SymmetricKey
        << (std::uint32_t{kNtsCookieType} << 16 | 16u) << int(kMd5MacLength);

    QTest::newRow("bare v3 header") << headerBytes(3) << 0 << NtpMacKind::None << 0u << 0;
    QTest::newRow("v3 + MD5 MAC") << headerBytes(3) + mac(3, kMd5MacLength) << 0 << NtpMacKind::SymmetricKey << 3u
                                  << int(kMd5MacLength);
    QTest::newRow("v3 + 68-byte MAC") << headerBytes(3) + mac(99, kNtpMaxMacLength) << 0 << NtpMacKind::SymmetricKey
                                      << 99u << int(kNtpMaxMacLength);
    QTest::newRow("v3 + crypto-NAK") << headerBytes(3) + be32(0) << 0 << NtpMacKind::CryptoNak << 0u
                                     << int(kNtpCryptoNakLength);
    QTest::newRow("v2 + SHA-1 MAC") << headerBytes(2) + mac(0x10001u, kSha1MacLength) << 0 << NtpMacKind::SymmetricKey
                                    << 0x10001u << int(kSha1MacLength);
    QTest::newRow("v1 bare") << headerBytes(1) << 0 << NtpMacKind::None << 0u << 0;
}

void TestNtpPacket::trailers()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, fields);
    QFETCH(NtpMacKind, macKind);
    QFETCH(quint32, keyId);
    QFETCH(int, macLength);

    const NtpParseResult r = parse(bytes);
    QVERIFY2(r.ok(), toString(r.error));
    QCOMPARE(r.packet.length, static_cast<std::size_t>(bytes.size()));
    QCOMPARE(r.packet.extensionFieldCount, fields);
    QCOMPARE(int(r.packet.mac), int(macKind));
    QCOMPARE(r.packet.keyId, keyId);
    QCOMPARE(r.packet.macLength, static_cast<std::size_t>(macLength));
    QVERIFY(r.packet.header == sampleHeader(r.packet.header.version)); // trailers never disturb the header
}

void TestNtpPacket::ntsFieldsAreFlagged()
{
    const QByteArray v4 = headerBytes(4);
    QVERIFY(!parse(v4 + field(0x2005, 28)).packet.ntsFields);
    QVERIFY(!parse(v4 + field(0x2005, 28) + mac(1, kMd5MacLength)).packet.ntsFields);
    for (const std::uint16_t type : std::initializer_list<std::uint16_t>{0x0104, 0x0204, 0x0304, 0x0404}) {
        const NtpParseResult r = parse(v4 + field(0x2005, 16) + field(type, 28));
        QVERIFY(r.ok());
        QVERIFY2(r.packet.ntsFields, qPrintable(QString::number(type, 16)));
    }
}

void TestNtpPacket::errorStrings()
{
    QCOMPARE(QString::fromLatin1(toString(NtpParseError::TooShort)), QStringLiteral("too short"));
    QCOMPARE(QString::fromLatin1(toString(NtpParseError::UnsupportedVersion)), QStringLiteral("unsupported version"));
    QCOMPARE(QString::fromLatin1(toString(NtpParseError::BadExtensionField)), QStringLiteral("bad extension field"));
    QCOMPARE(QString::fromLatin1(toString(NtpParseError::TrailingGarbage)), QStringLiteral("trailing garbage"));

    const NtpParseError all[] = {NtpParseError::None,
                                 NtpParseError::TooShort,
                                 NtpParseError::BadLength,
                                 NtpParseError::UnsupportedVersion,
                                 NtpParseError::BadExtensionField,
                                 NtpParseError::TrailingGarbage};
    QSet<QString> seen;
    for (NtpParseError e : all) {
        const QString s = QString::fromLatin1(toString(e));
        QVERIFY(!s.isEmpty());
        seen.insert(s);
    }
    QCOMPARE(seen.size(), int(std::size(all)));
}

void TestNtpPacket::transmitTimestampStamping()
{
    const auto header = serializeNtpHeader(sampleHeader());
    const QByteArray trailer = field(kNtsCookieType, 16) + mac(9, kMd5MacLength);
    Bytes packet(header.begin(), header.end());
    packet.insert(packet.end(), trailer.begin(), trailer.end());
    const Bytes before = packet;

    const NtpTimestamp stamp(0x0A0B0C0Du, 0x0E0F1011u);
    writeTransmitTimestamp(packet, stamp);

    const Bytes expectedStamp = {0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11};
    for (std::size_t i = 0; i < packet.size(); ++i) {
        const bool inStamp = i >= kNtpTransmitTimestampOffset && i < kNtpTransmitTimestampOffset + expectedStamp.size();
        const std::uint8_t expected = inStamp ? expectedStamp[i - kNtpTransmitTimestampOffset] : before[i];
        QVERIFY2(packet[i] == expected, qPrintable(QStringLiteral("byte %1").arg(i)));
    }

    const NtpParseResult r = parseNtpPacket(packet);
    QVERIFY(r.ok());
    QCOMPARE(r.packet.header.transmitTime, stamp);
    QCOMPARE(r.packet.extensionFieldCount, 1);
    QCOMPARE(r.packet.keyId, 9u);
}

void TestNtpPacket::transmitTimestampIgnoresShortBuffers()
{
    Bytes shortBuffer(kNtpHeaderLength - 1, 0x77);
    const Bytes before = shortBuffer;
    writeTransmitTimestamp(shortBuffer, NtpTimestamp(1, 2));
    QVERIFY(shortBuffer == before);

    Bytes empty;
    writeTransmitTimestamp(empty, NtpTimestamp(1, 2));
    QVERIFY(empty.empty());

    Bytes exact(kNtpHeaderLength, 0);
    writeTransmitTimestamp(exact, NtpTimestamp(0x01020304u, 0x05060708u));
    QCOMPARE(exact[kNtpTransmitTimestampOffset], std::uint8_t{0x01});
    QCOMPARE(exact[kNtpHeaderLength - 1], std::uint8_t{0x08});
}

void TestNtpPacket::fuzz()
{
    std::mt19937 rng(0x5EED);
    constexpr int kRandomBuffers = 20'000;
    constexpr int kMutatedPackets = 20'000;
    constexpr std::size_t kMaxRandomLength = 200;
    constexpr std::size_t kMaxExtraBytes = 64;
    constexpr std::size_t kWord = 4;

    auto byte = [&rng] { return static_cast<std::uint8_t>(rng() & 0xFF); };
    auto below = [&rng](std::size_t n) { return static_cast<std::size_t>(rng() % n); };

    std::map<NtpParseError, int> outcomes;
    int withFields = 0;
    int withMac = 0;

    auto check = [&](const Bytes &buffer) {
        const NtpParseResult r = parseNtpPacket(buffer);
        ++outcomes[r.error];
        if (!r.ok()) {
            return;
        }
        const ParsedNtpPacket &p = r.packet;
        QVERIFY(buffer.size() >= kNtpHeaderLength);
        QCOMPARE(p.length, buffer.size());
        QCOMPARE(p.length % kWord, std::size_t{0});
        QVERIFY(p.header.version >= kNtpMinVersion && p.header.version <= kNtpVersion);
        QVERIFY(p.extensionFieldCount >= 0);
        if (p.header.version < kNtpVersion) {
            QCOMPARE(p.extensionFieldCount, 0);
        }
        const std::size_t fieldBytes = static_cast<std::size_t>(p.extensionFieldCount) * kNtpMinExtensionFieldLength;
        QVERIFY(kNtpHeaderLength + fieldBytes + p.macLength <= p.length);
        switch (p.mac) {
        case NtpMacKind::None:
            QCOMPARE(p.macLength, std::size_t{0});
            QCOMPARE(p.keyId, 0u);
            break;
        case NtpMacKind::CryptoNak:
            QCOMPARE(p.macLength, kNtpCryptoNakLength);
            break;
        case NtpMacKind::SymmetricKey:
            QVERIFY(p.macLength >= kNtpMinMacLength && p.macLength <= kNtpMaxMacLength);
            break;
        }
        // The MAC, when present, is always the last bytes of the packet.
        if (p.mac != NtpMacKind::None) {
            const std::size_t at = p.length - p.macLength;
            const std::uint32_t keyId = (std::uint32_t{buffer[at]} << 24) | (std::uint32_t{buffer[at + 1]} << 16)
                                        | (std::uint32_t{buffer[at + 2]} << 8) | buffer[at + 3];
            QCOMPARE(p.keyId, keyId);
            ++withMac;
        }
        if (p.extensionFieldCount > 0) {
            ++withFields;
        }
    };

    for (int i = 0; i < kRandomBuffers; ++i) {
        Bytes buffer(below(kMaxRandomLength + 1));
        std::generate(buffer.begin(), buffer.end(), byte);
        // Half the buffers get a word-aligned length and version 4 so that the walk past the
        // header is reached often, not just the early length and version checks.
        if (i % 2 == 0 && buffer.size() >= kNtpHeaderLength) {
            buffer.resize(buffer.size() - buffer.size() % kWord);
            buffer[0] = static_cast<std::uint8_t>((buffer[0] & 0xC7) | (kNtpVersion << 3));
        }
        check(buffer);
        if (QTest::currentTestFailed()) {
            return;
        }
    }

    const QByteArray v4 = headerBytes(4);
    const QByteArray seeds[] = {
        v4,
        v4 + field(kNtsCookieType, 16),
        v4 + field(kNtsUniqueIdentifierType, 36) + field(kNtsCookieType, 28),
        v4 + field(1, 16) + field(2, 20) + mac(7, kMd5MacLength),
        v4 + field(kNtsCookieType, 16) + mac(24, kSha1MacLength),
        v4 + be32(0),
        headerBytes(3) + mac(3, kNtpMaxMacLength),
    };
    for (int i = 0; i < kMutatedPackets; ++i) {
        const QByteArray &seed = seeds[below(std::size(seeds))];
        Bytes buffer(seed.begin(), seed.end());
        switch (below(4)) {
        case 0: // flip a few bytes, favouring the field length bytes just past the header
            for (std::size_t n = 1 + below(4); n > 0; --n) {
                const std::size_t at = below(3) == 0 && buffer.size() > kNtpHeaderLength + 4
                                           ? kNtpHeaderLength + 2 + below(2)
                                           : below(buffer.size());
                buffer[at] = byte();
            }
            break;
        case 1: // truncate
            buffer.resize(below(buffer.size() + 1));
            break;
        case 2: // append
            for (std::size_t n = below(kMaxExtraBytes + 1); n > 0; --n) {
                buffer.push_back(byte());
            }
            break;
        default: { // drop a few words, then put a random word-aligned field length somewhere
            const std::size_t trailerWords = (buffer.size() - kNtpHeaderLength) / kWord;
            buffer.resize(kNtpHeaderLength + kWord * (trailerWords - below(trailerWords + 1)));
            const std::size_t words = (buffer.size() - kNtpHeaderLength) / kWord;
            if (words > 0) {
                const std::size_t at = kNtpHeaderLength + kWord * below(words);
                buffer[at + 2] = byte();
                buffer[at + 3] = static_cast<std::uint8_t>(byte() & 0xFC);
            }
            break;
        }
        }
        check(buffer);
        if (QTest::currentTestFailed()) {
            return;
        }
    }

    // The fuzzing is only worth something if it reaches every outcome.
    const NtpParseError all[] = {NtpParseError::None,
                                 NtpParseError::TooShort,
                                 NtpParseError::BadLength,
                                 NtpParseError::UnsupportedVersion,
                                 NtpParseError::BadExtensionField,
                                 NtpParseError::TrailingGarbage};
    for (NtpParseError e : all) {
        QVERIFY2(outcomes[e] > 0, toString(e));
    }
    QVERIFY(withFields > 0);
    QVERIFY(withMac > 0);
}

QTEST_APPLESS_MAIN(TestNtpPacket)
#include "tst_ntppacket.moc"
