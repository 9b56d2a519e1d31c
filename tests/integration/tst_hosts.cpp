// Both hosts on real loopback sockets: the Qt host (worker thread) and the plain poll() host
// (a separate process) serve each other, over IPv4 and IPv6.
#include "EngineProbe.h"
#include "ProcessHelpers.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include <signal.h>

using namespace std::chrono_literals;

namespace {

// Full reach register: the last eight polls were all answered.
constexpr int kFullReach = 0377;
// Both ends read the same system clock, so anything beyond loopback scheduling noise is a bug.
constexpr double kMaxLoopbackOffset = 100e-6; // s
// minpoll -2: four polls a second keep the test short.
constexpr int kFastPoll = -2;

QJsonObject lastJsonLine(const QByteArray &output)
{
    const QList<QByteArray> lines = output.trimmed().split('\n');
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        const QJsonDocument doc = QJsonDocument::fromJson(*it);
        if (doc.isObject())
            return doc.object();
    }
    return {};
}

} // namespace

class TestHosts : public QObject
{
    Q_OBJECT
private slots:
    void qtHostServesPlainHostPolls();
    void plainHostServesQtHostPolls();
    void ipv6Loopback();
    void serverPortTakenIsReportedNotFatal();
    void driftFileWrittenOnExitAndRead();
    void serviceStopsCleanlyOnSigint();
    void logFilesInChronyFormat();
    void plainHostServesInterleaved();
    void interleavedWithoutKernelTransmitStamps();
};

void TestHosts::qtHostServesPlainHostPolls()
{
    const quint16 port = s1test::freeUdpPort();
    s1test::EngineProbe server(QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 2\n").arg(port),
                               s1::IpAddress::v4(0x7f000001));
    QVERIFY(server.configOk());
    QVERIFY(server.start());
    QCOMPARE(server.serverPort(), port);

    QTemporaryDir dir;
    const QString conf = s1test::writeFile(
        dir, "client.conf",
        QStringLiteral("port 0\nserver 127.0.0.1 port %1 minpoll %2 maxpoll %2\n").arg(port).arg(kFastPoll));
    QProcess client;
    // Nine polls at 0.25 s: enough for a full reach register with margin.
    client.start(s1test::ourBinary("stratumone-core-host"),
                 {"-f", conf, "-x", "--report-interval", "0.5", "--duration", "3.5"});
    QVERIFY2(client.waitForFinished(15000), "plain host did not exit after --duration");
    QCOMPARE(client.exitCode(), 0);
    const QJsonObject report = lastJsonLine(client.readAllStandardOutput());
    const QJsonArray sources = report.value("sources").toArray();
    QCOMPARE(sources.size(), 1);
    const QJsonObject source = sources.first().toObject();
    QCOMPARE(source.value("reach").toInt(), kFullReach);
    QCOMPARE(source.value("stratum").toInt(), 2);
    QCOMPARE(source.value("referenceId").toInteger(), qint64(0x7F7F0101));
    QVERIFY(std::abs(source.value("lastSample").toObject().value("offset").toDouble()) < kMaxLoopbackOffset);

    QVERIFY(s1test::waitFor(
        [&] {
            return server.latest()
                   && server.latest()->server.repliesSent
                          == static_cast<quint64>(source.value("repliesAccepted").toInteger());
        },
        2s));
    QCOMPARE(server.latest()->server.droppedTotal(), 0u);
}

void TestHosts::plainHostServesQtHostPolls()
{
    const quint16 port = s1test::freeUdpPort();
    QTemporaryDir dir;
    const QString conf = s1test::writeFile(dir, "server.conf",
                                           QStringLiteral("port %1\nallow 127.0.0.0/8\nlocal stratum 3\n").arg(port));
    QProcess server;
    server.start(s1test::ourBinary("stratumone-core-host"), {"-f", conf, "-x", "--bind", "127.0.0.1"});
    QVERIFY(server.waitForStarted());

    s1test::EngineProbe client(
        QStringLiteral("port 0\nserver 127.0.0.1 port %1 minpoll %2 maxpoll %2\n").arg(port).arg(kFastPoll),
        s1::IpAddress::v4(0x7f000001));
    QVERIFY(client.configOk());
    QVERIFY(client.start());
    const bool reached = s1test::waitFor(
        [&] {
            const auto s = client.source("127.0.0.1");
            return s && s->reach == kFullReach;
        },
        10s);
    const auto source = client.source("127.0.0.1");
    client.stop();
    QVERIFY(s1test::stopProcess(server, SIGTERM, 5s));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
    QVERIFY2(reached, "the Qt host's client never reached 377");
    QCOMPARE(source->stratum, 3);
    QVERIFY(source->lastSample);
    QVERIFY(std::abs(source->lastSample->offset) < kMaxLoopbackOffset);
    QVERIFY(source->lastSample->delay > 0);
    // The plain host reports once more as it stops: every request it answered was ours.
    const QJsonObject finalReport = lastJsonLine(server.readAllStandardOutput());
    const QJsonObject stats = finalReport.value("server").toObject();
    QVERIFY(stats.value("repliesSent").toInteger() >= static_cast<qint64>(source->repliesAccepted));
    QCOMPARE(stats.value("packetsReceived").toInteger(), stats.value("repliesSent").toInteger());
}

void TestHosts::ipv6Loopback()
{
    s1::IpAddress loopback6 = *s1::IpAddress::parse("::1");
    const quint16 port = s1test::freeUdpPort();
    s1test::EngineProbe server(QStringLiteral("port %1\nallow ::1\nlocal stratum 4\n").arg(port), loopback6);
    QVERIFY(server.start());
    if (server.serverPort() == 0)
        QSKIP("no IPv6 loopback on this machine");

    QProcess query;
    query.start(s1test::ourBinary("stratumctl"), {"query", "::1", QString::number(port)});
    QVERIFY(query.waitForFinished(10000));
    const QString out = QString::fromUtf8(query.readAllStandardOutput());
    QCOMPARE(query.exitCode(), 0);
    QVERIFY2(out.contains("stratum 4"), qPrintable(out));
    QVERIFY(s1test::waitFor([&] { return server.latest() && server.latest()->server.repliesSent == 1; }, 2s));
}

void TestHosts::serverPortTakenIsReportedNotFatal()
{
    const quint16 port = s1test::freeUdpPort();
    s1test::EngineProbe first(QStringLiteral("port %1\nallow\n").arg(port), s1::IpAddress::v4(0x7f000001));
    QVERIFY(first.start());
    QCOMPARE(first.serverPort(), port);
    s1test::EngineProbe second(QStringLiteral("port %1\nallow\n").arg(port), s1::IpAddress::v4(0x7f000001));
    QVERIFY(second.start());
    QCOMPARE(second.serverPort(), quint16(0));
    QVERIFY(s1test::waitFor([&] { return second.latest().has_value(); }, 2s));
    QVERIFY2(QString::fromStdString(second.latest()->serverError).contains(QString::number(port)),
             second.latest()->serverError.c_str());
}

void TestHosts::driftFileWrittenOnExitAndRead()
{
    const quint16 port = s1test::freeUdpPort();
    s1test::EngineProbe server(QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\n").arg(port),
                               s1::IpAddress::v4(0x7f000001));
    QVERIFY(server.start());

    QTemporaryDir dir;
    const QString drift = dir.filePath("drift");
    const QString conf =
        s1test::writeFile(dir, "client.conf",
                          QStringLiteral("port 0\nserver 127.0.0.1 port %1 minpoll %2 maxpoll %2\ndriftfile %3\n")
                              .arg(port)
                              .arg(kFastPoll)
                              .arg(drift));
    const auto runClient = [&](QByteArray &stderrOut) {
        QProcess client;
        client.start(s1test::ourBinary("stratumone-core-host"), {"-f", conf, "-x", "--duration", "3"});
        const bool finished = client.waitForFinished(15000);
        stderrOut = client.readAllStandardError();
        return finished && client.exitCode() == 0;
    };
    QByteArray log;
    QVERIFY2(runClient(log), log.constData());
    // Synchronised to a server on the same clock: the oscillator error it learned is ~0 ppm.
    QFile file(drift);
    QVERIFY2(file.open(QIODevice::ReadOnly), "no drift file written on exit");
    const QList<QByteArray> fields = file.readAll().simplified().split(' ');
    QCOMPARE(fields.size(), 2);
    bool ok = false;
    const double ppm = fields[0].toDouble(&ok);
    QVERIFY(ok);
    QVERIFY2(std::abs(ppm) < 50, fields[0].constData());
    file.close();

    // A corrupt drift file is reported and ignored, never fatal.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("garbage\n");
    file.close();
    QVERIFY2(runClient(log), log.constData());
    QVERIFY2(log.contains(drift.toUtf8()), log.constData());
}

void TestHosts::serviceStopsCleanlyOnSigint()
{
    const quint16 port = s1test::freeUdpPort();
    QTemporaryDir dir;
    const QString conf =
        s1test::writeFile(dir, "s.conf", QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 2\n").arg(port));
    QProcess service;
    service.start(s1test::ourBinary("stratumone"),
                  {"--service", "-f", conf, "-x", "--bind", "127.0.0.1", "--control-socket", dir.filePath("c.sock")});
    QByteArray log;
    QVERIFY(s1test::waitFor(
        [&] {
            log += service.readAllStandardError();
            return log.contains("serving NTP") || service.state() == QProcess::NotRunning;
        },
        10s));
    QVERIFY(s1test::stopProcess(service, SIGINT, 10s));
    log += service.readAllStandardError();
    QCOMPARE(service.exitStatus(), QProcess::NormalExit);
    QCOMPARE(service.exitCode(), 0);
    QVERIFY2(log.contains("stopped"), log.constData());
}

void TestHosts::logFilesInChronyFormat()
{
    const quint16 port = s1test::freeUdpPort();
    s1test::EngineProbe server(QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\n").arg(port),
                               s1::IpAddress::v4(0x7f000001));
    QVERIFY(server.start());
    QTemporaryDir dir;
    const QString logDir = dir.filePath("log"); // created on demand, as chronyd does
    const QString conf =
        s1test::writeFile(dir, "client.conf",
                          QStringLiteral("port 0\nserver 127.0.0.1 port %1 minpoll %2 maxpoll %2\nlogdir %3\n"
                                         "log tracking measurements statistics\n")
                              .arg(port)
                              .arg(kFastPoll)
                              .arg(logDir));
    QProcess client;
    client.start(s1test::ourBinary("stratumone-core-host"), {"-f", conf, "-x", "--duration", "3"});
    QVERIFY(client.waitForFinished(15000));
    QCOMPARE(client.exitCode(), 0);

    const auto lines = [&](const QString &name) {
        QFile file(logDir + "/" + name);
        return file.open(QIODevice::ReadOnly) ? file.readAll().split('\n') : QList<QByteArray>{};
    };
    for (const char *name : {"tracking.log", "measurements.log", "statistics.log"}) {
        const QList<QByteArray> log = lines(name);
        QVERIFY2(log.size() > 4, name);
        // chronyd's banner: a row of '=', the column header, a row of '='.
        QVERIFY(log[0].startsWith("====") && log[2] == log[0]);
        QVERIFY2(log[1].startsWith("   Date (UTC) Time     IP Address"), log[1].constData());
        QVERIFY2(log[3].startsWith(QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate).toUtf8())
                     && log[3].contains(" 127.0.0.1 "),
                 log[3].constData());
    }
    // Each sample is measured at stratum 1 from the server; each clock update tracks it at 2.
    QVERIFY(lines("measurements.log")[3].contains(" N  1 111 111 1111 "));
    QVERIFY(lines("tracking.log")[3].mid(20).trimmed().startsWith("127.0.0.1        2 "));
}

void TestHosts::plainHostServesInterleaved()
{
    // The plain host's poll() loop with transmit timestamps on its error queue (POLLERR): it
    // answers an xleave client interleaved, with the kernel's stamps.
    const quint16 port = s1test::freeUdpPort();
    QTemporaryDir dir;
    const QString conf = s1test::writeFile(dir, "server.conf",
                                           QStringLiteral("port %1\nallow 127.0.0.0/8\nlocal stratum 1\n").arg(port));
    QProcess server;
    server.start(s1test::ourBinary("stratumone-core-host"), {"-f", conf, "-x", "--bind", "127.0.0.1"});
    QVERIFY(server.waitForStarted());
    s1test::EngineProbe client(
        QStringLiteral("port 0\nserver 127.0.0.1 port %1 minpoll %2 maxpoll %2 xleave\n").arg(port).arg(kFastPoll),
        s1::IpAddress::v4(0x7f000001));
    QVERIFY(client.configOk());
    QVERIFY(client.start());
    constexpr std::uint64_t kReplies = 8;
    const bool interleaved = s1test::waitFor(
        [&] {
            const auto s = client.source("127.0.0.1");
            return s && s->lastExchange && s->lastExchange->interleaved && s->repliesAccepted >= kReplies;
        },
        10s);
    const auto source = client.source("127.0.0.1");
    client.stop();
    QVERIFY(s1test::stopProcess(server, SIGTERM, 5s));
    QVERIFY2(interleaved, "no interleaved measurement");
    QVERIFY(source->lastExchange->kernelTransmit);
    QVERIFY(std::abs(source->lastSample->rawOffset) < kMaxLoopbackOffset);
    const QJsonObject stats = lastJsonLine(server.readAllStandardOutput()).value("server").toObject();
    QVERIFY(stats.value("interleavedReplies").toInteger() >= 2);
    QCOMPARE(stats.value("interleavedKernelTransmits").toInteger(), stats.value("interleavedReplies").toInteger());
}

void TestHosts::interleavedWithoutKernelTransmitStamps()
{
    // Hosts without kernel transmit timestamps (HostOptions::kernelTransmitTimestamps off, as
    // on a kernel that has none): interleaved mode still works, with the daemon's stamps.
    const quint16 port = s1test::freeUdpPort();
    s1test::EngineProbe server(QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\n").arg(port),
                               s1::IpAddress::v4(0x7f000001), {}, false);
    QVERIFY(server.configOk());
    QVERIFY(server.start());
    s1test::EngineProbe client(
        QStringLiteral("port 0\nserver 127.0.0.1 port %1 minpoll %2 maxpoll %2 xleave\n").arg(port).arg(kFastPoll),
        s1::IpAddress::v4(0x7f000001), {}, false);
    QVERIFY(client.configOk());
    QVERIFY(client.start());
    constexpr std::uint64_t kReplies = 8;
    const bool interleaved = s1test::waitFor(
        [&] {
            const auto s = client.source("127.0.0.1");
            return s && s->lastExchange && s->lastExchange->interleaved && s->repliesAccepted >= kReplies
                   && server.latest() && server.latest()->server.interleavedReplies >= 2;
        },
        10s);
    const auto source = client.source("127.0.0.1");
    const auto stats = server.latest()->server;
    client.stop();
    server.stop();
    QVERIFY2(interleaved, qPrintable(QStringLiteral("accepted %1, rejected %2 (%3), interleaved last %4, served %5")
                                         .arg(source ? source->repliesAccepted : 0)
                                         .arg(source ? source->repliesRejected : 0)
                                         .arg(source ? QString::fromStdString(source->lastRejectReason) : QString())
                                         .arg(source && source->lastExchange && source->lastExchange->interleaved)
                                         .arg(stats.interleavedReplies)));
    QVERIFY(!source->lastExchange->kernelTransmit);
    QCOMPARE(source->kernelTransmitStamps, 0u);
    QCOMPARE(stats.interleavedKernelTransmits, 0u);
}

QTEST_GUILESS_MAIN(TestHosts)
#include "tst_hosts.moc"
