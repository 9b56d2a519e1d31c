// NTP server side (NtpResponder): the reply a client request gets (RFC 5905 sections 7.3 and
// 9.2, server mode), the unsynchronised reply, access control, and every reason a datagram is
// dropped without an answer, with the counters that account for each one.
//
// Expected values are built from the RFC's field definitions and the inputs constructed here
// (times chosen so that their NTP forms are exact), not from the responder's own helpers.
#include "ntp/NtpResponder.h"

#include <QtTest>

#include <cstdint>
#include <optional>
#include <vector>

using namespace s1;

namespace {

using Bytes = std::vector<std::uint8_t>;

// RFC 5905 figure 4: the NTP era starts 1900-01-01, the Unix epoch 70 years (17 of them leap
// years) later.
constexpr std::int64_t kSecondsPerDay = 86'400;
constexpr std::int64_t kNtpToUnixSeconds = (70 * 365 + 17) * kSecondsPerDay;

// Binary fractions of a second whose NTP fraction field (units of 2^-32 s) is exact.
constexpr std::int64_t kQuarterSecondNanos = 250'000'000;
constexpr std::uint32_t kQuarterSecondFraction = 0x4000'0000;
constexpr std::int64_t kHalfSecondNanos = 500'000'000;
constexpr std::uint32_t kHalfSecondFraction = 0x8000'0000;

// The request arrives at Unix time 1'700'000'000.25 s; the reference was last updated at
// 1'699'999'936.5 s. Both sub-second parts are binary fractions, exact in NTP form.
constexpr std::int64_t kReceiveUnixSeconds = 1'700'000'000;
constexpr std::int64_t kReferenceAgeSeconds = 64;

// The 16.16 short format (RFC 5905 figure 3) counts units of 2^-16 s.
constexpr double kShortUnit = 1.0 / 65536.0;
// Root delay 192 units (2.9296875 ms), dispersion 80 units (1.220703125 ms): exact on the wire.
constexpr std::uint32_t kRootDelayUnits = 192;
constexpr std::uint32_t kRootDispersionUnits = 80;

constexpr int kServedStratum = 2;
constexpr std::uint32_t kServedReferenceId = 0xC633'6401; // 198.51.100.1, an upstream server
constexpr int kServedPrecision = -23;                     // log2 s

constexpr std::uint16_t kClientPort = 40'123;
constexpr std::uint64_t kClientTransmitCookie = 0x0123'4567'89AB'CDEFull;
constexpr std::int8_t kClientPoll = 6; // log2 s

// Byte 0 of the header: LI (2 bits), VN (3 bits), Mode (3 bits), RFC 5905 figure 8.
constexpr int kLeapShift = 6;
constexpr int kVersionShift = 3;
constexpr std::uint8_t kVersionMask = 0x7;
constexpr std::uint8_t kModeMask = 0x7;

// RFC 7822 extension field types used as realistic filler (NTS unique identifier, NTS cookie).
constexpr std::uint16_t kUniqueIdentifierType = 0x0104;
constexpr std::uint16_t kNtsCookieType = 0x0204;
// Field types no NTS server or client would send us (unassigned in IANA's registry).
constexpr std::uint16_t kExperimentalType = 0x2005;
constexpr std::uint16_t kOtherExperimentalType = 0x2006;
constexpr std::uint16_t kNtpPort = 123;
constexpr std::uint8_t kFieldFill = 0x5A;
constexpr std::uint8_t kDigestFill = 0xA5;
constexpr std::uint32_t kMacKeyId = 1;

RealTime unixTime(std::int64_t seconds, std::int64_t nanos = 0)
{
    return realTimeFromNanos(seconds * kNanosPerSecond + nanos);
}

RealTime receiveTime()
{
    return unixTime(kReceiveUnixSeconds, kQuarterSecondNanos);
}

NtpTimestamp expectedReceiveTimestamp()
{
    return NtpTimestamp(static_cast<std::uint32_t>(kReceiveUnixSeconds + kNtpToUnixSeconds), kQuarterSecondFraction);
}

RealTime referenceTime()
{
    return unixTime(kReceiveUnixSeconds - kReferenceAgeSeconds, kHalfSecondNanos);
}

NtpTimestamp expectedReferenceTimestamp()
{
    return NtpTimestamp(static_cast<std::uint32_t>(kReceiveUnixSeconds - kReferenceAgeSeconds + kNtpToUnixSeconds),
                        kHalfSecondFraction);
}

// A synchronised upstream-fed server. The leap field is "insert second" so that a responder
// that hard-codes leap 0 shows up.
ServedReference synchronisedReference()
{
    ServedReference r;
    r.leap = LeapIndicator::InsertSecond;
    r.stratum = kServedStratum;
    r.referenceId = kServedReferenceId;
    r.referenceTime = referenceTime();
    r.rootDelay = kRootDelayUnits * kShortUnit;
    r.rootDispersion = kRootDispersionUnits * kShortUnit;
    r.precision = kServedPrecision;
    return r;
}

IpAddress ip(const char *text)
{
    const auto parsed = IpAddress::parse(text);
    if (!parsed)
        qFatal("bad test address %s", text);
    return *parsed;
}

SocketAddress client(const char *address, std::uint16_t port = kClientPort)
{
    return SocketAddress{ip(address), port};
}

AccessRule allowAll()
{
    AccessRule r;
    r.allow = true;
    return r;
}

AccessRule subnetRule(bool allow, const char *address, int prefixLength)
{
    AccessRule r;
    r.allow = allow;
    r.subnet = Subnet::of(ip(address), prefixLength);
    return r;
}

NtpResponder openResponder()
{
    return NtpResponder(AccessFilter({allowAll()}));
}

// A plain 48-byte request as a client would send it: everything zero except byte 0, poll and
// the transmit timestamp (the client's cookie).
Bytes request(std::uint8_t version = kNtpVersion, NtpMode mode = NtpMode::Client, std::int8_t poll = kClientPoll)
{
    NtpHeader h;
    h.leap = LeapIndicator::None;
    h.version = version;
    h.mode = mode;
    h.poll = poll;
    h.transmitTime = NtpTimestamp::fromRaw(kClientTransmitCookie);
    const auto raw = serializeNtpHeader(h);
    return Bytes(raw.begin(), raw.end());
}

void appendU16(Bytes &out, std::uint16_t v)
{
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

void appendU32(Bytes &out, std::uint32_t v)
{
    appendU16(out, static_cast<std::uint16_t>(v >> 16));
    appendU16(out, static_cast<std::uint16_t>(v));
}

// RFC 7822 section 3: type (16 bits), length (16 bits, including this header), body.
void appendExtensionField(Bytes &out, std::uint16_t type, std::uint16_t length)
{
    appendU16(out, type);
    appendU16(out, length);
    out.insert(out.end(), length - 4u, kFieldFill);
}

// RFC 5905 section 7.3: key identifier followed by the digest.
void appendMac(Bytes &out, std::size_t digestLength)
{
    appendU32(out, kMacKeyId);
    out.insert(out.end(), digestLength, kDigestFill);
}

std::optional<Bytes> respond(NtpResponder &responder, const Bytes &data,
                             const SocketAddress &from = client("192.0.2.10"), bool truncated = false)
{
    return responder.respond(data, truncated, from, receiveTime(), synchronisedReference());
}

NtpHeader parseReply(const Bytes &reply)
{
    const NtpParseResult parsed = parseNtpPacket(reply);
    if (!parsed.ok())
        qFatal("reply does not parse: %s", toString(parsed.error));
    return parsed.packet.header;
}

// Exactly one drop, for the given reason, and nothing else counted.
void verifySingleDrop(const ServerStats &s, std::uint64_t ServerStats::*counter)
{
    QCOMPARE(s.packetsReceived, 1u);
    QCOMPARE(s.repliesSent, 0u);
    QCOMPARE(s.*counter, 1u);
    QCOMPARE(s.droppedTotal(), 1u);
}

} // namespace

class TestNtpResponder : public QObject
{
    Q_OBJECT

private slots:
    void replyFields_data();
    void replyFields();
    void nonExactRootValuesAreRoundedUp();
    void unsynchronisedReference_data();
    void unsynchronisedReference();
    void noAccessRulesDeniesEveryone();
    void allowSubnetDenyHost_data();
    void allowSubnetDenyHost();
    void ipv4MappedClientIsJudgedAsIpv4_data();
    void ipv4MappedClientIsJudgedAsIpv4();
    void deniedClientGetsNothingEvenWhenMalformed();
    void nonClientModesAreDropped_data();
    void nonClientModesAreDropped();
    void unsupportedVersionsAreDropped_data();
    void unsupportedVersionsAreDropped();
    void malformedRequestsAreDropped_data();
    void malformedRequestsAreDropped();
    void extensionFieldsAreNotEchoed_data();
    void extensionFieldsAreNotEchoed();
    void symmetricKeyMacWithoutKeysGetsACryptoNak_data();
    void symmetricKeyMacWithoutKeysGetsACryptoNak();
    void junkTrailersAreDropped_data();
    void junkTrailersAreDropped();
    void authenticatedRequestsAreDropped_data();
    void authenticatedRequestsAreDropped();
    void symmetricActiveGetsPassiveReply();
    void ntpv1Mode0Request_data();
    void ntpv1Mode0Request();
    void unsynchronisedRootValuesAreOneSecond();
    void clientPortZeroIsDropped();
    void countersAddUpAfterMixedRun();
};

void TestNtpResponder::replyFields_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<int>("poll");
    // Every version a server answers (RFC 5905 fast_xmit() copies the request's version and
    // poll into the reply), with polls on both sides of zero.
    QTest::newRow("v1") << 1 << 6;
    QTest::newRow("v2") << 2 << 10;
    QTest::newRow("v3") << 3 << 4;
    QTest::newRow("v4") << 4 << 6;
    QTest::newRow("v4 poll -6") << 4 << -6;
    QTest::newRow("v4 poll 17") << 4 << 17;
}

void TestNtpResponder::replyFields()
{
    QFETCH(int, version);
    QFETCH(int, poll);

    NtpResponder responder = openResponder();
    const Bytes req = request(static_cast<std::uint8_t>(version), NtpMode::Client, static_cast<std::int8_t>(poll));
    const auto reply = respond(responder, req);
    QVERIFY(reply.has_value());
    // A plain header: never longer than the request (no amplification).
    QCOMPARE(reply->size(), kNtpHeaderLength);

    // Byte 0 checked bit by bit, independently of the codec.
    const std::uint8_t lvm = reply->front();
    QCOMPARE(lvm >> kLeapShift, static_cast<int>(LeapIndicator::InsertSecond));
    QCOMPARE((lvm >> kVersionShift) & kVersionMask, version);
    QCOMPARE(lvm & kModeMask, static_cast<int>(NtpMode::Server));

    const NtpHeader h = parseReply(*reply);
    QCOMPARE(h.mode, NtpMode::Server);
    QCOMPARE(static_cast<int>(h.version), version);
    QCOMPARE(static_cast<int>(h.poll), poll);
    QCOMPARE(h.leap, LeapIndicator::InsertSecond);
    QCOMPARE(static_cast<int>(h.stratum), kServedStratum);
    QCOMPARE(h.referenceId, kServedReferenceId);
    QCOMPARE(h.referenceTime, expectedReferenceTimestamp());
    QCOMPARE(h.rootDelay.raw(), kRootDelayUnits);
    QCOMPARE(h.rootDispersion.raw(), kRootDispersionUnits);
    QCOMPARE(static_cast<int>(h.precision), kServedPrecision);
    // The on-wire protocol (RFC 5905 section 8): origin = the client's transmit, receive = our
    // arrival time; transmit holds the receive time until the host stamps it. As chronyd's,
    // the receive timestamp's lowest bit is set, the transmit timestamp's clear.
    QCOMPARE(h.originTime.raw(), kClientTransmitCookie);
    QCOMPARE(h.receiveTime, withServerReceiveFlag(expectedReceiveTimestamp()));
    QCOMPARE(h.transmitTime, withoutServerReceiveFlag(expectedReceiveTimestamp()));

    const ServerStats &s = responder.stats();
    QCOMPARE(s.packetsReceived, 1u);
    QCOMPARE(s.repliesSent, 1u);
    QCOMPARE(s.droppedTotal(), 0u);
}

void TestNtpResponder::nonExactRootValuesAreRoundedUp()
{
    // Root delay and dispersion are error bounds: the short format must never understate them,
    // so a value between two units goes out as the next unit up.
    constexpr double kRootDelay = 0.0125;      // 819.2 units
    constexpr double kRootDispersion = 0.0031; // 203.16... units
    ServedReference reference = synchronisedReference();
    reference.rootDelay = kRootDelay;
    reference.rootDispersion = kRootDispersion;

    NtpResponder responder = openResponder();
    const auto reply = responder.respond(request(), false, client("192.0.2.10"), receiveTime(), reference);
    QVERIFY(reply.has_value());
    const NtpHeader h = parseReply(*reply);
    QVERIFY(h.rootDelay.toSeconds() >= kRootDelay);
    QVERIFY(h.rootDelay.toSeconds() < kRootDelay + kShortUnit);
    QVERIFY(h.rootDispersion.toSeconds() >= kRootDispersion);
    QVERIFY(h.rootDispersion.toSeconds() < kRootDispersion + kShortUnit);
}

void TestNtpResponder::unsynchronisedReference_data()
{
    QTest::addColumn<int>("leap");
    QTest::addColumn<int>("stratum");
    // Either marker alone means "no usable time" (RFC 5905 section 7.3: LI 3 = clock
    // unsynchronised; stratum 16 = unsynchronised, sent as 0).
    QTest::newRow("leap 3, stratum 16") << static_cast<int>(LeapIndicator::Unsynchronised) << 16;
    QTest::newRow("leap 3, stratum 2") << static_cast<int>(LeapIndicator::Unsynchronised) << 2;
    QTest::newRow("leap 0, stratum 16") << static_cast<int>(LeapIndicator::None) << 16;
}

void TestNtpResponder::unsynchronisedReference()
{
    QFETCH(int, leap);
    QFETCH(int, stratum);

    ServedReference reference = synchronisedReference();
    reference.leap = static_cast<LeapIndicator>(leap);
    reference.stratum = stratum;

    NtpResponder responder = openResponder();
    const auto reply = responder.respond(request(), false, client("192.0.2.10"), receiveTime(), reference);
    // Still answered: the client learns the server is reachable but unsynchronised.
    QVERIFY(reply.has_value());
    QCOMPARE(reply->size(), kNtpHeaderLength);
    const NtpHeader h = parseReply(*reply);
    QCOMPARE(h.leap, LeapIndicator::Unsynchronised);
    QCOMPARE(static_cast<int>(h.stratum), 0);
    QCOMPARE(h.referenceId, 0u);
    // The exchange itself still works.
    QCOMPARE(h.mode, NtpMode::Server);
    QCOMPARE(h.originTime.raw(), kClientTransmitCookie);
    QCOMPARE(h.receiveTime, withServerReceiveFlag(expectedReceiveTimestamp()));
}

void TestNtpResponder::noAccessRulesDeniesEveryone()
{
    // chronyd serves nobody until an `allow` says so.
    NtpResponder responder;
    QVERIFY(!respond(responder, request(), client("192.0.2.10")).has_value());
    verifySingleDrop(responder.stats(), &ServerStats::droppedDenied);

    NtpResponder v6Responder;
    QVERIFY(!respond(v6Responder, request(), client("2001:db8::10")).has_value());
    verifySingleDrop(v6Responder.stats(), &ServerStats::droppedDenied);
}

void TestNtpResponder::allowSubnetDenyHost_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("answered");
    QTest::newRow("inside the subnet") << "192.0.2.1" << true;
    QTest::newRow("inside, last host") << "192.0.2.254" << true;
    QTest::newRow("the denied host") << "192.0.2.7" << false;
    QTest::newRow("next to the denied host") << "192.0.2.8" << true;
    QTest::newRow("outside the subnet") << "198.51.100.1" << false;
    QTest::newRow("other family") << "2001:db8::1" << false;
}

void TestNtpResponder::allowSubnetDenyHost()
{
    QFETCH(QString, address);
    QFETCH(bool, answered);

    constexpr int kSubnetPrefix = 24;
    constexpr int kHostPrefix = 32;
    NtpResponder responder(
        AccessFilter({subnetRule(true, "192.0.2.0", kSubnetPrefix), subnetRule(false, "192.0.2.7", kHostPrefix)}));
    const auto reply = respond(responder, request(), client(address.toLatin1().constData()));
    QCOMPARE(reply.has_value(), answered);
    if (answered) {
        QCOMPARE(responder.stats().repliesSent, 1u);
        QCOMPARE(responder.stats().droppedTotal(), 0u);
    } else {
        verifySingleDrop(responder.stats(), &ServerStats::droppedDenied);
    }
}

void TestNtpResponder::ipv4MappedClientIsJudgedAsIpv4_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("answered");
    // A dual-stack server socket reports IPv4 clients as ::ffff:a.b.c.d; the IPv4 rules apply.
    QTest::newRow("mapped, allowed") << "::ffff:192.0.2.1" << true;
    QTest::newRow("mapped, denied host") << "::ffff:192.0.2.7" << false;
    QTest::newRow("mapped, outside") << "::ffff:198.51.100.1" << false;
    QTest::newRow("native IPv6") << "2001:db8::1" << false;
}

void TestNtpResponder::ipv4MappedClientIsJudgedAsIpv4()
{
    QFETCH(QString, address);
    QFETCH(bool, answered);

    constexpr int kSubnetPrefix = 24;
    constexpr int kHostPrefix = 32;
    // IPv4 rules only: an IPv6 lookup of the mapped address would find nothing and deny.
    NtpResponder responder(
        AccessFilter({subnetRule(true, "192.0.2.0", kSubnetPrefix), subnetRule(false, "192.0.2.7", kHostPrefix)}));
    const auto reply = respond(responder, request(), client(address.toLatin1().constData()));
    QCOMPARE(reply.has_value(), answered);
    if (answered) {
        QCOMPARE(parseReply(*reply).originTime.raw(), kClientTransmitCookie);
    } else {
        verifySingleDrop(responder.stats(), &ServerStats::droppedDenied);
    }
}

void TestNtpResponder::deniedClientGetsNothingEvenWhenMalformed()
{
    // Access comes first: a denied host's garbage is counted as denied, not as malformed, so
    // the counters do not tell it anything about what we would have parsed.
    NtpResponder responder;
    const Bytes garbage(kNtpHeaderLength - 1, 0);
    QVERIFY(!respond(responder, garbage).has_value());
    verifySingleDrop(responder.stats(), &ServerStats::droppedDenied);
}

void TestNtpResponder::nonClientModesAreDropped_data()
{
    QTest::addColumn<int>("mode");
    // Like chronyd without associations we answer modes 3 and 1 (and NTPv1's mode 0): a
    // passive peer's packet is no request, broadcast and server packets are not requests,
    // and 6/7 are the classic amplification vectors. Mode 0 is only NTPv1's client request.
    QTest::newRow("0 reserved") << static_cast<int>(NtpMode::Reserved);
    QTest::newRow("2 symmetric passive") << static_cast<int>(NtpMode::SymmetricPassive);
    QTest::newRow("4 server") << static_cast<int>(NtpMode::Server);
    QTest::newRow("5 broadcast") << static_cast<int>(NtpMode::Broadcast);
    QTest::newRow("6 control") << static_cast<int>(NtpMode::Control);
    QTest::newRow("7 private") << static_cast<int>(NtpMode::Private);
}

void TestNtpResponder::nonClientModesAreDropped()
{
    QFETCH(int, mode);
    NtpResponder responder = openResponder();
    QVERIFY(!respond(responder, request(kNtpVersion, static_cast<NtpMode>(mode))).has_value());
    verifySingleDrop(responder.stats(), &ServerStats::droppedBadMode);
}

void TestNtpResponder::unsupportedVersionsAreDropped_data()
{
    QTest::addColumn<int>("version");
    // RFC 5905 knows versions 1 to 4; 0 was never assigned and 5-7 do not exist yet.
    QTest::newRow("0") << 0;
    QTest::newRow("5") << 5;
    QTest::newRow("6") << 6;
    QTest::newRow("7") << 7;
}

void TestNtpResponder::unsupportedVersionsAreDropped()
{
    QFETCH(int, version);
    NtpResponder responder = openResponder();
    QVERIFY(!respond(responder, request(static_cast<std::uint8_t>(version))).has_value());
    verifySingleDrop(responder.stats(), &ServerStats::droppedBadVersion);
}

void TestNtpResponder::malformedRequestsAreDropped_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("truncated");
    // Shorter than the header, or not a whole number of 32-bit words (RFC 7822 section 3
    // requires every extension field and MAC to be word aligned).
    QTest::newRow("empty") << 0 << false;
    QTest::newRow("1 byte") << 1 << false;
    QTest::newRow("12 bytes, a mode 6 header") << 12 << false;
    QTest::newRow("47 bytes") << 47 << false;
    QTest::newRow("49 bytes") << 49 << false;
    QTest::newRow("50 bytes") << 50 << false;
    QTest::newRow("51 bytes") << 51 << false;
    // A datagram larger than the host's buffer: what we hold is not what was sent.
    QTest::newRow("truncated, valid 48 bytes") << 48 << true;
}

void TestNtpResponder::malformedRequestsAreDropped()
{
    QFETCH(int, length);
    QFETCH(bool, truncated);

    // A genuine request, cut or padded to the length under test.
    Bytes data = request();
    data.resize(static_cast<std::size_t>(length), 0);
    NtpResponder responder = openResponder();
    QVERIFY(!respond(responder, data, client("192.0.2.10"), truncated).has_value());
    verifySingleDrop(responder.stats(), &ServerStats::droppedMalformed);
}

void TestNtpResponder::extensionFieldsAreNotEchoed_data()
{
    QTest::addColumn<QList<int>>("fieldLengths");
    // RFC 7822: fields are at least 16 bytes and a multiple of 4. NTS requests (RFC 8915)
    // carry several.
    // The last field must be at least 28 bytes (RFC 7822 section 7.5).
    QTest::newRow("one 28-byte field") << QList<int>{28};
    QTest::newRow("one 100-byte field") << QList<int>{100};
    QTest::newRow("two fields, 16 + 36") << QList<int>{16, 36};
}

void TestNtpResponder::extensionFieldsAreNotEchoed()
{
    QFETCH(QList<int>, fieldLengths);

    Bytes data = request();
    bool first = true;
    for (int length : fieldLengths) {
        appendExtensionField(data, first ? kExperimentalType : kOtherExperimentalType,
                             static_cast<std::uint16_t>(length));
        first = false;
    }
    NtpResponder responder = openResponder();
    const auto reply = respond(responder, data);
    QVERIFY(reply.has_value());
    // We understand no field, so the reply is the bare header: never longer than the request.
    QCOMPARE(reply->size(), kNtpHeaderLength);
    QVERIFY(reply->size() <= data.size());
    QCOMPARE(parseReply(*reply).originTime.raw(), kClientTransmitCookie);
    QCOMPARE(responder.stats().repliesSent, 1u);
}

void TestNtpResponder::symmetricKeyMacWithoutKeysGetsACryptoNak_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<int>("digestLength");
    // Key ID + MD5 (16) or SHA-1 (20) digest, RFC 5905 section 7.3 / RFC 8573.
    QTest::newRow("v4 MD5, 20 bytes") << 4 << 16;
    QTest::newRow("v4 SHA1, 24 bytes") << 4 << 20;
    QTest::newRow("v3 MD5, 20 bytes") << 3 << 16;
}

void TestNtpResponder::symmetricKeyMacWithoutKeysGetsACryptoNak()
{
    QFETCH(int, version);
    QFETCH(int, digestLength);

    // We hold no keys: the time unsigned would be discarded by the client anyway, so it gets
    // a crypto-NAK, the header and a key ID of 0 (tst_ntpauth: with keys).
    Bytes data = request(static_cast<std::uint8_t>(version));
    appendMac(data, static_cast<std::size_t>(digestLength));
    NtpResponder responder = openResponder();
    const std::optional<Bytes> nak = respond(responder, data);
    QVERIFY(nak.has_value());
    QCOMPARE(nak->size(), kNtpHeaderLength + kNtpCryptoNakLength);
    QVERIFY(std::all_of(nak->end() - kNtpCryptoNakLength, nak->end(), [](std::uint8_t b) { return b == 0; }));
    verifySingleDrop(responder.stats(), &ServerStats::droppedAuth);
}

void TestNtpResponder::junkTrailersAreDropped_data()
{
    QTest::addColumn<QList<int>>("trailerWords");
    // What chronyd drops (its parser accepts exactly: after the header, fields of >= 16 bytes
    // while more than 24 bytes remain, then nothing or a 20- or 24-byte MAC; alone, a 4-byte
    // crypto-NAK with key ID 0): 32-bit words after a valid request, a field given as its type
    // and length word.
    QTest::newRow("4-byte trailer") << QList<int>{0x01020304};
    QTest::newRow("8-byte trailer") << QList<int>{0, 0};
    QTest::newRow("12-byte trailer") << QList<int>{1, 2, 3};
    QTest::newRow("16-byte field (last field < 28 bytes)") << QList<int>{0x20050010, 0, 0, 0};
    QTest::newRow("field of length 8") << QList<int>{0x20050008, 0, 0, 0, 0, 0, 0};
    QTest::newRow("field of length 4") << QList<int>{0x20050004, 0, 0, 0, 0, 0, 0};
    QTest::newRow("field of length 30") << QList<int>{0x2005001e, 0, 0, 0, 0, 0, 0, 0};
    QTest::newRow("field longer than the packet") << QList<int>{0x20050040, 0, 0, 0, 0, 0, 0};
    QTest::newRow("28-byte field + 4 bytes") << QList<int>{0x2005001c, 0, 0, 0, 0, 0, 0, 7};
    QTest::newRow("28-byte field + 16-byte field") << QList<int>{0x2005001c, 0, 0, 0, 0, 0, 0, 0x20050010, 0, 0, 0};
}

void TestNtpResponder::junkTrailersAreDropped()
{
    QFETCH(QList<int>, trailerWords);
    Bytes data = request();
    for (int word : trailerWords)
        appendU32(data, static_cast<std::uint32_t>(word));
    NtpResponder responder = openResponder();
    QVERIFY(!respond(responder, data).has_value());
    verifySingleDrop(responder.stats(), &ServerStats::droppedMalformed);
}

void TestNtpResponder::authenticatedRequestsAreDropped_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<int>("ntsType");
    QTest::addColumn<bool>("cryptoNak");
    // A crypto-NAK (key ID 0 alone) and the NTS fields (RFC 8915) ask for authentication we
    // cannot give: chronyd without keys or NTS drops them.
    QTest::newRow("v4 crypto-NAK") << 4 << 0 << true;
    QTest::newRow("v3 crypto-NAK") << 3 << 0 << true;
    QTest::newRow("NTS unique identifier") << 4 << int(kUniqueIdentifierType) << false;
    QTest::newRow("NTS cookie") << 4 << int(kNtsCookieType) << false;
    QTest::newRow("NTS cookie placeholder") << 4 << 0x0304 << false;
    QTest::newRow("NTS authenticator") << 4 << 0x0404 << false;
}

void TestNtpResponder::authenticatedRequestsAreDropped()
{
    QFETCH(int, version);
    QFETCH(int, ntsType);
    QFETCH(bool, cryptoNak);
    Bytes data = request(static_cast<std::uint8_t>(version));
    if (cryptoNak)
        appendU32(data, 0);
    else
        appendExtensionField(data, static_cast<std::uint16_t>(ntsType), 28);
    NtpResponder responder = openResponder();
    QVERIFY(!respond(responder, data).has_value());
    verifySingleDrop(responder.stats(), &ServerStats::droppedOther);
}

void TestNtpResponder::symmetricActiveGetsPassiveReply()
{
    // RFC 5905 section 9.2, "no association": a symmetric-active packet from a peer we have
    // not configured gets a symmetric-passive reply, as chronyd sends; it still needs `allow`.
    NtpResponder responder = openResponder();
    const auto reply = respond(responder, request(kNtpVersion, NtpMode::SymmetricActive));
    QVERIFY(reply.has_value());
    const NtpHeader h = parseReply(*reply);
    QCOMPARE(h.mode, NtpMode::SymmetricPassive);
    QCOMPARE(h.stratum, std::uint8_t(kServedStratum));
    QCOMPARE(h.originTime.raw(), kClientTransmitCookie);
    QCOMPARE(h.receiveTime, withServerReceiveFlag(expectedReceiveTimestamp()));

    NtpResponder closed(AccessFilter({subnetRule(true, "198.51.100.0", 24)}));
    QVERIFY(!respond(closed, request(kNtpVersion, NtpMode::SymmetricActive)).has_value());
    verifySingleDrop(closed.stats(), &ServerStats::droppedDenied);
}

void TestNtpResponder::ntpv1Mode0Request_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("answered");
    // NTPv1 had no mode field: a request from a port other than 123 is a client's. chronyd
    // answers it in mode 4 with version 1 and never sends mode 0.
    QTest::newRow("v1 from a client port") << 1 << int(kClientPort) << true;
    QTest::newRow("v1 from port 123") << 1 << int(kNtpPort) << false;
    QTest::newRow("v2 mode 0") << 2 << int(kClientPort) << false;
    QTest::newRow("v4 mode 0") << 4 << int(kClientPort) << false;
}

void TestNtpResponder::ntpv1Mode0Request()
{
    QFETCH(int, version);
    QFETCH(int, port);
    QFETCH(bool, answered);
    NtpResponder responder = openResponder();
    const auto reply = respond(responder, request(static_cast<std::uint8_t>(version), NtpMode::Reserved),
                               client("192.0.2.10", static_cast<std::uint16_t>(port)));
    QCOMPARE(reply.has_value(), answered);
    if (!answered) {
        verifySingleDrop(responder.stats(), &ServerStats::droppedBadMode);
        return;
    }
    QCOMPARE((*reply)[0] & kModeMask, int(NtpMode::Server));
    QCOMPARE(((*reply)[0] >> kVersionShift) & kVersionMask, 1);
    QCOMPARE(parseReply(*reply).originTime.raw(), kClientTransmitCookie);
}

void TestNtpResponder::unsynchronisedRootValuesAreOneSecond()
{
    // chronyd, unsynchronised and without `local`, sends root delay and dispersion of 1 s;
    // we sent whatever the reference held (0 on a fresh engine).
    ServedReference reference;
    reference.rootDelay = 0;
    reference.rootDispersion = 0;
    NtpResponder responder = openResponder();
    const auto reply = responder.respond(request(), false, client("192.0.2.10"), receiveTime(), reference);
    QVERIFY(reply.has_value());
    const NtpHeader h = parseReply(*reply);
    QCOMPARE(h.leap, LeapIndicator::Unsynchronised);
    QCOMPARE(h.rootDelay.toSeconds(), 1.0);
    QCOMPARE(h.rootDispersion.toSeconds(), 1.0);
    QCOMPARE(h.referenceTime.raw(), std::uint64_t{0});
}

void TestNtpResponder::clientPortZeroIsDropped()
{
    // UDP port 0 cannot be replied to (and is a spoofing tell).
    NtpResponder responder = openResponder();
    QVERIFY(!respond(responder, request(), client("192.0.2.10", 0)).has_value());
    const ServerStats &s = responder.stats();
    QCOMPARE(s.packetsReceived, 1u);
    QCOMPARE(s.repliesSent, 0u);
    QCOMPARE(s.droppedTotal(), 1u);
    QCOMPARE(s.droppedDenied, 0u); // the address itself is allowed
}

void TestNtpResponder::countersAddUpAfterMixedRun()
{
    constexpr int kSubnetPrefix = 24;
    NtpResponder responder(AccessFilter({subnetRule(true, "192.0.2.0", kSubnetPrefix)}));
    const SocketAddress allowed = client("192.0.2.10");
    const SocketAddress denied = client("203.0.113.5");

    Bytes withMac = request();
    appendMac(withMac, 16);
    Bytes withField = request();
    appendExtensionField(withField, kExperimentalType, 28);

    // What was sent of each kind; the expected counters are these tallies.
    std::uint64_t good = 0, deniedCount = 0, badMode = 0, badVersion = 0, malformed = 0, auth = 0;
    constexpr int kRounds = 5;
    for (int round = 0; round < kRounds; ++round) {
        for (std::uint8_t version = kNtpMinVersion; version <= kNtpVersion; ++version) {
            QVERIFY(respond(responder, request(version), allowed).has_value());
            ++good;
        }
        QVERIFY(respond(responder, withField, allowed).has_value());
        ++good;
        QVERIFY(!respond(responder, request(), denied).has_value());
        ++deniedCount;
        QVERIFY(!respond(responder, request(kNtpVersion, NtpMode::Control), allowed).has_value());
        QVERIFY(!respond(responder, request(kNtpVersion, NtpMode::SymmetricPassive), allowed).has_value());
        badMode += 2;
        QVERIFY(!respond(responder, request(0), allowed).has_value());
        QVERIFY(!respond(responder, request(5), allowed).has_value());
        badVersion += 2;
        QVERIFY(!respond(responder, Bytes(12, 0x16), allowed).has_value());
        QVERIFY(!respond(responder, request(), allowed, true).has_value());
        malformed += 2;
        // No keys: a crypto-NAK, counted as a failed authentication, not as a reply.
        QCOMPARE(respond(responder, withMac, allowed).value_or(Bytes{}).size(), kNtpHeaderLength + kNtpCryptoNakLength);
        ++auth;
    }

    const ServerStats &s = responder.stats();
    QCOMPARE(s.repliesSent, good);
    QCOMPARE(s.droppedDenied, deniedCount);
    QCOMPARE(s.droppedBadMode, badMode);
    QCOMPARE(s.droppedBadVersion, badVersion);
    QCOMPARE(s.droppedMalformed, malformed);
    QCOMPARE(s.droppedAuth, auth);
    QCOMPARE(s.droppedOther, 0u);
    QCOMPARE(s.packetsReceived, good + deniedCount + badMode + badVersion + malformed + auth);
    QCOMPARE(s.packetsReceived, s.repliesSent + s.droppedTotal());
}

QTEST_APPLESS_MAIN(TestNtpResponder)
#include "tst_ntpresponder.moc"
