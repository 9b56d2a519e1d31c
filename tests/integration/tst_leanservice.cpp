// `stratumone --service` runs as `stratumone-service` (the same pid, arguments and log): it
// serves NTP and maps none of the window's libraries (Widgets, Gui, Charts, OpenGL), which
// used to be most of its resident memory. Started directly, `stratumone-service` wants
// --service and refuses everything else, and it serves the same way.
#include "ProcessHelpers.h"

#include "ntp/NtpPacket.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QUdpSocket>
#include <QtTest>

#include <signal.h>

using namespace std::chrono_literals;

namespace {

constexpr auto kStartTimeout = 15s;
constexpr auto kStopTimeout = 10s;
constexpr int kReplyWaitMs = 200;
const QHostAddress kLoopback(QStringLiteral("127.0.0.1"));

// Whether the server on `port` answers a client request (a few tries).
bool answers(quint16 port)
{
    QUdpSocket socket;
    if (!socket.bind(kLoopback, 0))
        return false;
    s1::NtpHeader h;
    h.mode = s1::NtpMode::Client;
    h.transmitTime = s1::NtpTimestamp::fromRaw(0x0123'4567'89ab'cdefULL);
    const auto request = s1::serializeNtpHeader(h);
    return s1test::waitFor(
        [&] {
            socket.writeDatagram(reinterpret_cast<const char *>(request.data()), qint64(request.size()), kLoopback,
                                 port);
            if (!socket.waitForReadyRead(kReplyWaitMs))
                return false;
            QByteArray reply(int(socket.pendingDatagramSize()), '\0');
            socket.readDatagram(reply.data(), reply.size());
            const auto parsed = s1::parseNtpPacket(
                std::span(reinterpret_cast<const std::uint8_t *>(reply.constData()), std::size_t(reply.size())));
            return parsed.ok() && parsed.packet.header.mode == s1::NtpMode::Server;
        },
        kStartTimeout);
}

} // namespace

class TestLeanService : public QObject
{
    Q_OBJECT

private slots:
    void serviceRunsWithoutTheWindowsLibraries_data();
    void serviceRunsWithoutTheWindowsLibraries();
    void leanServiceWantsService();
};

void TestLeanService::serviceRunsWithoutTheWindowsLibraries_data()
{
    QTest::addColumn<QString>("program");
    QTest::newRow("stratumone --service") << QStringLiteral("stratumone");
    QTest::newRow("stratumone-service --service") << QStringLiteral("stratumone-service");
}

void TestLeanService::serviceRunsWithoutTheWindowsLibraries()
{
    QFETCH(QString, program);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const quint16 port = s1test::freeUdpPort();
    const QString conf = s1test::writeFile(dir, QStringLiteral("s1.conf"),
                                           QStringLiteral("port %1\nallow 127.0.0.0/8\nlocal stratum 1\n").arg(port));
    QProcess service;
    service.setProcessChannelMode(QProcess::MergedChannels);
    service.start(s1test::ourBinary(program),
                  {QStringLiteral("--service"), QStringLiteral("-x"), QStringLiteral("-f"), conf,
                   QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--control-socket"),
                   dir.filePath(QStringLiteral("s1.sock"))});
    QVERIFY(service.waitForStarted());
    QVERIFY2(answers(port), service.readAll().constData());

    const QString proc = QStringLiteral("/proc/%1/").arg(service.processId());
    QCOMPARE(QFileInfo(proc + QStringLiteral("exe")).symLinkTarget(), s1test::ourBinary("stratumone-service"));
    QFile maps(proc + QStringLiteral("maps"));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    const QByteArray mapped = maps.readAll();
    QVERIFY(mapped.contains("libQt6Core"));
    for (const char *library : {"libQt6Widgets", "libQt6Gui", "libQt6Charts", "libQt6OpenGL", "libX11"})
        QVERIFY2(!mapped.contains(library), library);

    QVERIFY(s1test::stopProcess(service, SIGTERM, kStopTimeout));
    QCOMPARE(service.exitStatus(), QProcess::NormalExit);
    QCOMPARE(service.exitCode(), 0);
    const QByteArray log = service.readAll();
    QVERIFY2(!log.contains("in this process"), log.constData()); // no fallback to the window's binary
}

void TestLeanService::leanServiceWantsService()
{
    QTemporaryDir dir;
    const QString conf = s1test::writeFile(dir, QStringLiteral("s1.conf"), QStringLiteral("local stratum 1\n"));
    for (const QStringList &arguments :
         {QStringList{QStringLiteral("-f"), conf}, QStringList{QStringLiteral("--check-config"), conf}}) {
        QProcess lean;
        lean.setProcessChannelMode(QProcess::MergedChannels);
        lean.start(s1test::ourBinary(QStringLiteral("stratumone-service")), arguments);
        QVERIFY(lean.waitForFinished(int(std::chrono::milliseconds(kStopTimeout).count())));
        QCOMPARE(lean.exitCode(), 2);
        QVERIFY(lean.readAll().contains("stratumone --service"));
    }
}

QTEST_GUILESS_MAIN(TestLeanService)
#include "tst_leanservice.moc"
