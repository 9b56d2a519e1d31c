// Hostile input at a running server: thousands of random, mutated and malformed datagrams mixed
// with good requests. The server must not crash, must answer no invalid packet, must count every
// drop under the right reason, and must keep serving the good requests.
#include "EngineProbe.h"
#include "ProcessHelpers.h"

#include "ntp/NtpPacket.h"

#include <QUdpSocket>
#include <QtTest>

#include <random>
#include <set>

using namespace std::chrono_literals;

namespace {

constexpr int kPackets = 6000;
constexpr int kPaceBurst = 200; // datagrams sent before waiting for the server to catch up
constexpr std::uint32_t kSeed = 20261121;
constexpr std::size_t kMaxGarbageLength = 600;

enum class Kind {
    Valid,
    TooShort,
    BadLength,
    BadVersion,
    BadMode,
    BadExtension,
    SignedRequest,
    StrayTrailer,
    ShortLastField,
    Count
};

struct Expected
{
    quint64 valid = 0, malformed = 0, badVersion = 0, badMode = 0, auth = 0;
};

void setFirstByte(std::vector<std::uint8_t> &p, int version, int mode)
{
    p[0] = static_cast<std::uint8_t>((p[0] & 0xC0) | (version << 3) | mode);
}

} // namespace

class TestHostile : public QObject
{
    Q_OBJECT
private slots:
    void randomAndMalformedPacketsAreDroppedAndCounted();
};

void TestHostile::randomAndMalformedPacketsAreDroppedAndCounted()
{
    const quint16 port = s1test::freeUdpPort();
    s1test::EngineProbe server(QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\n").arg(port),
                               s1::IpAddress::v4(0x7f000001));
    QVERIFY(server.start());

    QUdpSocket socket;
    QVERIFY(socket.bind(QHostAddress::LocalHost, 0));
    std::mt19937_64 rng(kSeed);
    std::uniform_int_distribution<int> kindOf(0, static_cast<int>(Kind::Count) - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    Expected expected;
    std::set<std::uint64_t> validCookies;
    std::set<std::uint64_t> signedCookies; // requests that must get a crypto-NAK
    std::uint64_t nextCookie = 1;

    const auto randomBytes = [&](std::size_t n) {
        std::vector<std::uint8_t> p(n);
        for (auto &b : p)
            b = static_cast<std::uint8_t>(byte(rng));
        return p;
    };
    const auto mutatedValid = [&](std::size_t extra) {
        // A good request with random garbage in every field but the first byte, plus `extra` bytes.
        std::vector<std::uint8_t> p = randomBytes(s1::kNtpHeaderLength + extra);
        setFirstByte(p, 4, static_cast<int>(s1::NtpMode::Client));
        return p;
    };

    // Every reply must answer exactly one valid request, once, with the time, or one signed
    // request, once, with a crypto-NAK. Replies are read while sending, or our own socket's
    // receive buffer would overflow.
    std::set<std::uint64_t> answered;
    bool badReply = false;
    const auto drainReplies = [&] {
        while (socket.hasPendingDatagrams()) {
            QByteArray datagram(static_cast<int>(socket.pendingDatagramSize()), '\0');
            socket.readDatagram(datagram.data(), datagram.size());
            const auto parsed =
                s1::parseNtpPacket(std::span(reinterpret_cast<const std::uint8_t *>(datagram.constData()),
                                             static_cast<std::size_t>(datagram.size())));
            const std::uint64_t origin = parsed.ok() ? parsed.packet.header.originTime.raw() : 0;
            const bool time = datagram.size() == static_cast<int>(s1::kNtpHeaderLength) && validCookies.count(origin);
            const bool nak = datagram.size() == static_cast<int>(s1::kNtpHeaderLength + s1::kNtpCryptoNakLength)
                             && parsed.ok() && parsed.packet.mac == s1::NtpMacKind::CryptoNak
                             && signedCookies.count(origin);
            if (!parsed.ok() || !(time || nak) || !answered.insert(origin).second)
                badReply = true;
        }
    };

    int sent = 0;
    for (int i = 0; i < kPackets; ++i) {
        std::vector<std::uint8_t> p;
        switch (static_cast<Kind>(kindOf(rng))) {
        case Kind::Valid: {
            // Mutated fields do not matter to a server; only the cookie must come back.
            p = mutatedValid(0);
            const std::uint64_t cookie = nextCookie++;
            s1::writeTransmitTimestamp(p, s1::NtpTimestamp::fromRaw(cookie));
            validCookies.insert(cookie);
            ++expected.valid;
            break;
        }
        case Kind::TooShort:
            p = randomBytes(std::uniform_int_distribution<std::size_t>(0, s1::kNtpHeaderLength - 1)(rng));
            ++expected.malformed;
            break;
        case Kind::BadLength:
            p = mutatedValid(std::uniform_int_distribution<std::size_t>(1, 3)(rng));
            ++expected.malformed;
            break;
        case Kind::BadVersion: {
            p = randomBytes(std::uniform_int_distribution<std::size_t>(12, kMaxGarbageLength / 4)(rng) * 4);
            const int versions[] = {0, 5, 6, 7};
            setFirstByte(p, versions[byte(rng) % 4], byte(rng) % 8);
            ++expected.badVersion;
            break;
        }
        case Kind::BadMode: {
            p = mutatedValid(0);
            // Not 3, nor 1 (an unconfigured peer) nor NTPv1's 0, which chronyd answers.
            const int modes[] = {0, 2, 4, 5, 6, 7};
            const int mode = modes[byte(rng) % 6];
            setFirstByte(p, (mode == 0 ? 2 : 1) + byte(rng) % (mode == 0 ? 3 : 4), mode);
            ++expected.badMode;
            break;
        }
        case Kind::BadExtension: {
            // An extension field that claims more bytes than the packet has.
            p = mutatedValid(32);
            p[48] = 0x01;
            p[49] = 0x04; // type
            p[50] = 0x00;
            p[51] = 0x64; // length 100 > 32
            ++expected.malformed;
            break;
        }
        case Kind::StrayTrailer:
            // 4 bytes after the header that are no crypto-NAK (key ID 0): chronyd drops it.
            p = mutatedValid(4);
            p[48] = static_cast<std::uint8_t>(1 + byte(rng) % 255);
            ++expected.malformed;
            break;
        case Kind::ShortLastField:
            // A last extension field of 16 bytes, shorter than RFC 7822's 28.
            p = mutatedValid(16);
            p[48] = 0x20;
            p[49] = 0x05; // type
            p[50] = 0x00;
            p[51] = 0x10; // length 16
            ++expected.malformed;
            break;
        case Kind::SignedRequest:
            // Key ID + 16-byte digest: a symmetric-key request we cannot verify (no keyfile).
            p = mutatedValid(20);
            {
                const std::uint64_t cookie = nextCookie++;
                s1::writeTransmitTimestamp(p, s1::NtpTimestamp::fromRaw(cookie));
                signedCookies.insert(cookie);
            }
            ++expected.auth;
            break;
        case Kind::Count:
            break;
        }
        QCOMPARE(socket.writeDatagram(reinterpret_cast<const char *>(p.data()), static_cast<qint64>(p.size()),
                                      QHostAddress::LocalHost, port),
                 static_cast<qint64>(p.size()));
        ++sent;
        if (sent % kPaceBurst == 0) {
            // Pace so that loopback never overflows the server's receive buffer: a kernel drop
            // would make the counters disagree for a reason that is not the server's.
            QVERIFY2(s1test::waitFor(
                         [&] {
                             drainReplies();
                             return server.latest()
                                    && server.latest()->server.packetsReceived >= static_cast<quint64>(sent);
                         },
                         10s),
                     "server stopped receiving");
        }
    }
    QVERIFY(s1test::waitFor(
        [&] {
            drainReplies();
            return badReply || answered.size() == validCookies.size() + signedCookies.size();
        },
        10s));
    QVERIFY2(!badReply, "a reply answered no valid request, or one twice");
    QCOMPARE(answered.size(), validCookies.size() + signedCookies.size());
    QVERIFY(s1test::waitFor(
        [&] { return server.latest() && server.latest()->server.packetsReceived == static_cast<quint64>(sent); }, 10s));

    const s1::ServerStats stats = server.latest()->server;
    QCOMPARE(stats.packetsReceived, static_cast<quint64>(kPackets));
    QCOMPARE(stats.repliesSent, expected.valid);
    QCOMPARE(stats.droppedMalformed, expected.malformed);
    QCOMPARE(stats.droppedBadVersion, expected.badVersion);
    QCOMPARE(stats.droppedBadMode, expected.badMode);
    QCOMPARE(stats.droppedAuth, expected.auth);
    QCOMPARE(stats.droppedOther, quint64(0));
    QCOMPARE(stats.droppedDenied, quint64(0));
    QVERIFY(expected.valid > 500 && expected.malformed > 500); // the mix really was mixed
}

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
