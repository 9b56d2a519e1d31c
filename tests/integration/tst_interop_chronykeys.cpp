// Symmetric-key authentication against chronyd (Debian's chrony, unpacked by
// scripts/fetch-peers.sh), both ways, for every key type both implement: chronyd as a keyed
// client of our engine, and our engine as a keyed client of chronyd. chronyd runs with -Q or -x
// only: it never touches this machine's clock.
#include "EngineProbe.h"
#include "ProcessHelpers.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>
#include <unistd.h>

#include <cmath>
#include <memory>

using namespace std::chrono_literals;

namespace {

constexpr int kFullReach = 0377;
// s: both ends read the same clock; looser than tst_interop_chrony's 100 us, since seven
// sources at 2 Hz on a busy machine: this test is about authentication, not accuracy.
constexpr double kMaxLoopbackOffset = 1e-3;
constexpr int kClientPoll = -1; // 0.5 s between polls

struct KeyCase
{
    int id;
    const char *type;
    int bits;
    int version; // chronyd sends digests over 20 bytes whole, in NTPv3
};

// One key of each type, in the keyfile both sides read.
constexpr KeyCase kKeys[] = {
    {1, "MD5", 128, 4},    {2, "SHA1", 160, 4},   {3, "SHA256", 256, 3},
    {4, "SHA512", 256, 3}, {5, "AES128", 128, 4}, {6, "AES256", 256, 4},
};
constexpr int kWrongKeyId = 7; // the two sides' key 7 differ

QString keyFileText(bool ours)
{
    return QStringLiteral("# keys shared with chronyd\n"
                          "1 MD5 HEX:0102030405060708090A0B0C0D0E0F10\n"
                          "2 SHA1 HEX:933F62BE1D604E68A81B557F18CFA200483F5B70\n"
                          "3 SHA256 HEX:000102030405060708090A0B0C0D0E0F000102030405060708090A0B0C0D0E0F\n"
                          "4 SHA512 HEX:F00102030405060708090A0B0C0D0E0F000102030405060708090A0B0C0D0E0F\n"
                          "5 AES128 HEX:7EA62AE64D190114D46D5A082F948EC1\n"
                          "6 AES256 HEX:37DDCBC67BB902BCB8E995977FAB4D2B5642F5B32EBCEEE421921D97E5CBFE39\n")
           + (ours ? QStringLiteral("7 SHA1 ASCII:ours-not-theirs\n")
                   : QStringLiteral("7 SHA1 ASCII:theirs-not-ours\n"));
}

QString writeKeyFile(const QTemporaryDir &dir, const QString &name, bool ours)
{
    const QString path = s1test::writeFile(dir, name, keyFileText(ours));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

using s1test::currentUser;

} // namespace

class TestInteropChronyKeys : public QObject
{
    Q_OBJECT
private slots:
    void chronydKeyedClientsAcceptOurServer();
    void ourKeyedClientReachesChronyd();
};

void TestInteropChronyKeys::chronydKeyedClientsAcceptOurServer()
{
    const QString chronyd = s1test::chronydPath();
    S1_REQUIRE_PEER(chronyd, "chronyd");

    QTemporaryDir dir;
    const QString ourKeys = writeKeyFile(dir, "ours.keys", true);
    const QString theirKeys = writeKeyFile(dir, "theirs.keys", false);
    const quint16 port = s1test::freeUdpPort();
    s1test::EngineProbe server(
        QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\nkeyfile %2\n").arg(port).arg(ourKeys),
        s1::IpAddress::v4(0x7f000001));
    QVERIFY(server.configOk());
    QVERIFY(server.start());

    // One chronyd -Q per key, all at once (each takes a few seconds of iburst).
    std::vector<std::unique_ptr<QProcess>> clients;
    const auto startClient = [&](int keyId) {
        auto client = std::make_unique<QProcess>();
        client->setProcessChannelMode(QProcess::MergedChannels);
        client->start(chronyd,
                      {"-Q", "-u", currentUser(), "-F", "0", "-L", "0", QStringLiteral("keyfile %1").arg(theirKeys),
                       QStringLiteral("server 127.0.0.1 port %1 iburst maxsamples 4 key %2").arg(port).arg(keyId),
                       QStringLiteral("pidfile %1").arg(dir.filePath(QStringLiteral("chronyd%1.pid").arg(keyId)))});
        clients.push_back(std::move(client));
    };
    for (const KeyCase &k : kKeys)
        startClient(k.id);
    startClient(kWrongKeyId);

    const QRegularExpression wrong(QStringLiteral("System clock wrong by ([-+0-9.e]+) seconds"));
    for (std::size_t i = 0; i < std::size(kKeys); ++i) {
        QProcess &client = *clients[i];
        QVERIFY(client.waitForFinished(30000));
        const QString out = QString::fromUtf8(client.readAll());
        QVERIFY2(client.exitCode() == 0, qPrintable(QString(kKeys[i].type) + ": " + out));
        const auto match = wrong.match(out);
        QVERIFY2(match.hasMatch(), qPrintable(QString(kKeys[i].type) + ": " + out));
        QVERIFY2(std::abs(match.captured(1).toDouble()) < kMaxLoopbackOffset, qPrintable(out));
    }
    // The wrong key: we answer with a crypto-NAK, which chronyd -Q does not take for a
    // measurement; it gives up without one.
    QProcess &mismatch = *clients.back();
    QVERIFY(mismatch.waitForFinished(30000));
    const QString mismatchOut = QString::fromUtf8(mismatch.readAll());
    QVERIFY2(!wrong.match(mismatchOut).hasMatch(), qPrintable(mismatchOut));

    // Each chronyd sent signed requests until it had its measurement (3 here), all answered
    // signed; the mismatched key's requests all got a NAK instead of the time, and nothing else
    // was refused.
    constexpr std::uint64_t kSignedRequests = std::size(kKeys) * 3;
    s1test::waitFor([&] { return server.latest() && server.latest()->server.authenticatedRequests >= kSignedRequests; },
                    5s);
    QVERIFY(server.latest());
    const s1::ServerStats stats = server.latest()->server;
    server.stop();
    QVERIFY2(stats.authenticatedRequests >= kSignedRequests,
             qPrintable(QStringLiteral("%1 signed of %2 received, %3 replies, %4 dropped for their MAC")
                            .arg(stats.authenticatedRequests)
                            .arg(stats.packetsReceived)
                            .arg(stats.repliesSent)
                            .arg(stats.droppedAuth)));
    QVERIFY2(stats.droppedAuth >= 1, qPrintable(QString::number(stats.droppedAuth)));
    QCOMPARE(stats.repliesSent, stats.authenticatedRequests);
    QCOMPARE(stats.packetsReceived, stats.authenticatedRequests + stats.droppedAuth);
}

void TestInteropChronyKeys::ourKeyedClientReachesChronyd()
{
    const QString chronyd = s1test::chronydPath();
    S1_REQUIRE_PEER(chronyd, "chronyd");

    const quint16 port = s1test::freeUdpPort();
    QTemporaryDir dir;
    const QString ourKeys = writeKeyFile(dir, "ours.keys", true);
    const QString theirKeys = writeKeyFile(dir, "theirs.keys", false);
    // chronyd on every loopback address, so that each key can be its own source (127.0.0.N).
    const QString conf = s1test::writeFile(dir, "chrony.conf",
                                           QStringLiteral("local stratum 1\n"
                                                          "allow 127.0.0.0/8\n"
                                                          "port %1\n"
                                                          "cmdport 0\n"
                                                          "keyfile %2\n"
                                                          "pidfile %3\n")
                                               .arg(port)
                                               .arg(theirKeys, dir.filePath("chronyd.pid")));
    QProcess server;
    QByteArray serverLog;
    QVERIFY2(s1test::startChronydServer(server, chronyd, conf, serverLog), serverLog.constData());

    QString sources;
    for (const KeyCase &k : kKeys)
        sources += QStringLiteral("server 127.0.0.%1 port %2 minpoll %3 maxpoll %3 key %4\n")
                       .arg(k.id)
                       .arg(port)
                       .arg(kClientPoll)
                       .arg(k.id);
    sources += QStringLiteral("server 127.0.0.%1 port %2 minpoll %3 maxpoll %3 key %1\n")
                   .arg(kWrongKeyId)
                   .arg(port)
                   .arg(kClientPoll);
    s1test::EngineProbe client(QStringLiteral("port 0\nkeyfile %1\n").arg(ourKeys) + sources,
                               s1::IpAddress::v4(0x7f000001));
    QVERIFY(client.configOk());
    QVERIFY(client.start());
    const auto name = [](int id) { return "127.0.0." + std::to_string(id); };
    const bool reached = s1test::waitFor(
        [&] {
            for (const KeyCase &k : kKeys) {
                const auto s = client.source(name(k.id));
                if (!s || s->reach != kFullReach)
                    return false;
            }
            return client.latest()->reference.synchronised;
        },
        15s);
    const s1::EngineSnapshot snapshot = *client.latest();
    client.stop();
    s1test::stopProcess(server, SIGTERM, 5s);
    QVERIFY2(reached, "not every keyed source reached 377");
    for (const KeyCase &k : kKeys) {
        const auto it = std::find_if(snapshot.sources.begin(), snapshot.sources.end(),
                                     [&](const s1::SourceSnapshot &s) { return s.name == name(k.id); });
        QVERIFY(it != snapshot.sources.end());
        QCOMPARE(it->keyId, std::uint32_t(k.id));
        QCOMPARE(it->keyType, std::string(k.type));
        QCOMPARE(it->keyBits, k.bits);
        QCOMPARE(it->authFailures, 0u);
        QVERIFY(it->lastExchange.has_value());
        // chronyd answers SHA256/SHA512 in NTPv3 with the whole digest, as we asked.
        QCOMPARE(it->lastExchange->version, k.version);
        for (const s1::SourceSample &sample : it->recentSamples)
            QVERIFY2(std::abs(sample.offset) < kMaxLoopbackOffset, qPrintable(QString::number(sample.offset)));
    }
    // The mismatched key: chronyd does not answer, so nothing is measured.
    const auto wrongKey = std::find_if(snapshot.sources.begin(), snapshot.sources.end(),
                                       [&](const s1::SourceSnapshot &s) { return s.name == name(kWrongKeyId); });
    QVERIFY(wrongKey != snapshot.sources.end());
    QCOMPARE(wrongKey->reach, 0);
    QCOMPARE(wrongKey->repliesAccepted, 0u);
}

QTEST_GUILESS_MAIN(TestInteropChronyKeys)
#include "tst_interop_chronykeys.moc"
