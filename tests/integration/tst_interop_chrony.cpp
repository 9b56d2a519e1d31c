// Interoperability with chronyd (Debian's chrony, unpacked by scripts/fetch-peers.sh), both ways,
// on loopback: chronyd as a client of our service, and our client against chronyd as a server.
// chronyd runs with -Q or -x only: it never touches this machine's clock.
#include "EngineProbe.h"
#include "ProcessHelpers.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>
#include <unistd.h>

#include <cmath>

using namespace std::chrono_literals;

namespace {

constexpr int kFullReach = 0377;
constexpr double kMaxLoopbackOffset = 100e-6;     // s: both ends read the same clock
constexpr std::uint32_t kLocalRefId = 0x7F7F0101; // 127.127.1.1, what chronyd's `local` serves
constexpr int kClientPoll = -1;                   // 0.5 s between polls

using s1test::currentUser;

bool waitForOutput(QProcess &process, const QString &needle, std::chrono::milliseconds timeout, QByteArray &seen)
{
    return s1test::waitFor(
               [&] {
                   seen += process.readAllStandardError();
                   return seen.contains(needle.toUtf8()) || process.state() == QProcess::NotRunning;
               },
               timeout)
           && seen.contains(needle.toUtf8());
}

} // namespace

class TestInteropChrony : public QObject
{
    Q_OBJECT
private slots:
    void chronydClientAcceptsOurService();
    void ourClientReachesChronydServer();
};

void TestInteropChrony::chronydClientAcceptsOurService()
{
    const QString chronyd = s1test::chronydPath();
    S1_REQUIRE_PEER(chronyd, "chronyd");

    const quint16 port = s1test::freeUdpPort();
    QTemporaryDir dir;
    const QString conf = s1test::writeFile(dir, "stratumone.conf",
                                           QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\n").arg(port));
    QProcess service;
    service.start(s1test::ourBinary("stratumone"), {"--service", "-f", conf, "-x", "--bind", "127.0.0.1",
                                                    "--control-socket", dir.filePath("control.sock")});
    QByteArray serviceLog;
    QVERIFY2(waitForOutput(service, QStringLiteral("serving NTP on UDP port %1").arg(port), 10s, serviceLog),
             serviceLog.constData());

    QProcess client;
    client.setProcessChannelMode(QProcess::MergedChannels);
    client.start(chronyd, {"-Q", "-u", currentUser(), "-F", "0", "-L", "0",
                           QStringLiteral("server 127.0.0.1 port %1 iburst maxsamples 4").arg(port),
                           QStringLiteral("pidfile %1").arg(dir.filePath("chronyd.pid"))});
    QVERIFY(client.waitForFinished(30000));
    const QString out = QString::fromUtf8(client.readAll());
    QCOMPARE(client.exitCode(), 0);
    const QRegularExpression wrong(QStringLiteral("System clock wrong by ([-+0-9.e]+) seconds"));
    const auto match = wrong.match(out);
    QVERIFY2(match.hasMatch(), qPrintable(out));
    const double offset = match.captured(1).toDouble();
    QVERIFY2(std::abs(offset) < kMaxLoopbackOffset, qPrintable(out));

    // SIGTERM stops the service cleanly.
    QVERIFY(s1test::stopProcess(service, SIGTERM, 10s));
    serviceLog += service.readAllStandardError();
    QCOMPARE(service.exitStatus(), QProcess::NormalExit);
    QCOMPARE(service.exitCode(), 0);
    QVERIFY2(serviceLog.contains("stopped"), serviceLog.constData());
}

void TestInteropChrony::ourClientReachesChronydServer()
{
    const QString chronyd = s1test::chronydPath();
    S1_REQUIRE_PEER(chronyd, "chronyd");

    const quint16 port = s1test::freeUdpPort();
    QTemporaryDir dir;
    const QString conf = s1test::writeFile(dir, "chrony.conf",
                                           QStringLiteral("local stratum 1\n"
                                                          "allow 127.0.0.1\n"
                                                          "port %1\n"
                                                          "bindaddress 127.0.0.1\n"
                                                          "cmdport 0\n"
                                                          "pidfile %2\n")
                                               .arg(port)
                                               .arg(dir.filePath("chronyd.pid")));
    QProcess server;
    QByteArray serverLog;
    QVERIFY2(s1test::startChronydServer(server, chronyd, conf, serverLog), serverLog.constData());

    s1test::EngineProbe client(
        QStringLiteral("port 0\nserver 127.0.0.1 port %1 minpoll %2 maxpoll %2\n").arg(port).arg(kClientPoll),
        s1::IpAddress::v4(0x7f000001));
    QVERIFY(client.configOk());
    QVERIFY(client.start());
    std::uint64_t requestsAtFullReach = 0;
    const bool reached = s1test::waitFor(
        [&] {
            const auto s = client.source("127.0.0.1");
            if (s && s->reach == kFullReach)
                requestsAtFullReach = s->requestsSent;
            return requestsAtFullReach != 0;
        },
        15s);
    // Selected, and tracked: stratum 2 under chronyd's stratum 1, its address as reference ID,
    // and our time within 100 us of chronyd's (both read the same system clock).
    const bool tracking = s1test::waitFor(
        [&] {
            const auto s = client.source("127.0.0.1");
            return s && s->state == s1::SourceState::Selected && client.latest()->reference.synchronised;
        },
        10s);
    const auto source = client.source("127.0.0.1");
    const s1::ReferenceSnapshot reference = client.latest()->reference;
    client.stop();
    s1test::stopProcess(server, SIGTERM, 5s);
    QVERIFY2(reached, "reach never became 377");
    QVERIFY2(tracking, "chronyd never became the selected source (*)");
    QCOMPARE(reference.stratum, 2);
    QCOMPARE(reference.referenceId, 0x7F000001u);
    QVERIFY2(std::abs(reference.systemTimeOffset) < kMaxLoopbackOffset,
             qPrintable(QString::number(reference.systemTimeOffset)));
    QVERIFY2(std::abs(reference.lastOffset) < kMaxLoopbackOffset, qPrintable(QString::number(reference.lastOffset)));
    // Eight answered polls fill the register; one more may have gone out while we looked.
    QVERIFY2(requestsAtFullReach >= 8 && requestsAtFullReach <= 9, qPrintable(QString::number(requestsAtFullReach)));
    QCOMPARE(source->stratum, 1);
    QCOMPARE(source->referenceId, kLocalRefId);
    QCOMPARE(source->leap, s1::LeapIndicator::None);
    QVERIFY(source->recentSamples.size() >= 8);
    for (const s1::SourceSample &sample : source->recentSamples) {
        QVERIFY2(std::abs(sample.offset) < kMaxLoopbackOffset, qPrintable(QString::number(sample.offset)));
        QVERIFY(sample.delay > 0 && sample.delay < 0.01);
    }
}

QTEST_GUILESS_MAIN(TestInteropChrony)
#include "tst_interop_chrony.moc"
