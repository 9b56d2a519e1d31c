// Interleaved mode (`xleave`) against chronyd (Debian's chrony, unpacked by
// scripts/fetch-peers.sh), both ways on 127.0.0.1: chronyd as an xleave client of our engine
// must log interleaved measurements ('I' in measurements.log), and our engine as an xleave
// client of chronyd must measure in interleaved mode (ntpdata's "Interleaved: Yes"). chronyd
// runs with -x only: it never touches this machine's clock.
#include "EngineProbe.h"
#include "ProcessHelpers.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>
#include <unistd.h>

#include <cmath>

using namespace std::chrono_literals;

namespace {

constexpr int kPoll = -2; // 0.25 s between polls: interleaved replies come quickly
constexpr int kInterleavedLinesWanted = 4;
// s: both ends read the same clock, so an offset is the measurement's own error.
constexpr double kMaxLoopbackOffset = 1e-3;

using s1test::currentUser;

// measurements.log lines (chronyd's format) whose mode column says interleaved ("4I") or basic
// ("4B") for the server at 127.0.0.1.
struct ModeCounts
{
    int interleaved = 0;
    int basic = 0;
    QStringList interleavedLines;
};

ModeCounts countModes(const QString &path)
{
    ModeCounts counts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return counts;
    for (const QByteArray &raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (!line.contains(QStringLiteral(" 127.0.0.1 ")))
            continue;
        const QStringList fields = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        // ... refid, then "4I"/"4B", then the TX and RX timestamp sources.
        if (fields.size() < 3)
            continue;
        const QString mode = fields.at(fields.size() - 3);
        if (mode == QStringLiteral("4I")) {
            ++counts.interleaved;
            counts.interleavedLines << line;
        } else if (mode == QStringLiteral("4B")) {
            ++counts.basic;
        }
    }
    return counts;
}

} // namespace

class TestInteropXleave : public QObject
{
    Q_OBJECT
private slots:
    void chronydMeasuresInterleavedAgainstUs();
    void weMeasureInterleavedAgainstChronyd();
};

void TestInteropXleave::chronydMeasuresInterleavedAgainstUs()
{
    const QString chronyd = s1test::chronydPath();
    S1_REQUIRE_PEER(chronyd, "chronyd");

    QTemporaryDir dir;
    const quint16 port = s1test::freeUdpPort();
    s1test::EngineProbe server(QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\n").arg(port),
                               s1::IpAddress::v4(0x7f000001));
    QVERIFY(server.configOk());
    QVERIFY(server.start());

    const QString conf = s1test::writeFile(dir, "chrony.conf",
                                           QStringLiteral("server 127.0.0.1 port %1 minpoll %2 maxpoll %2 xleave\n"
                                                          "port 0\n"
                                                          "cmdport 0\n"
                                                          "logdir %3\n"
                                                          "log measurements\n"
                                                          "pidfile %4\n")
                                               .arg(port)
                                               .arg(kPoll)
                                               .arg(dir.path(), dir.filePath("chronyd.pid")));
    QProcess client;
    client.setProcessChannelMode(QProcess::MergedChannels);
    client.start(chronyd, {"-x", "-d", "-u", currentUser(), "-F", "0", "-f", conf});
    const QString log = dir.filePath("measurements.log");
    ModeCounts counts;
    const bool interleaved = s1test::waitFor(
        [&] {
            counts = countModes(log);
            return counts.interleaved >= kInterleavedLinesWanted || client.state() == QProcess::NotRunning;
        },
        20s);
    const QByteArray clientOut = client.readAll();
    s1test::stopProcess(client, SIGTERM, 5s);
    // Snapshots come every EngineProbe::kSnapshotIntervalMs.
    s1test::waitFor(
        [&] {
            return server.latest()
                   && server.latest()->server.interleavedReplies >= std::uint64_t(kInterleavedLinesWanted);
        },
        2s);
    const std::optional<s1::EngineSnapshot> snapshot = server.latest();
    server.stop();
    QVERIFY2(interleaved && counts.interleaved >= kInterleavedLinesWanted,
             qPrintable(QStringLiteral("%1 interleaved, %2 basic measurements\n%3")
                            .arg(counts.interleaved)
                            .arg(counts.basic)
                            .arg(QString::fromUtf8(clientOut))));
    // The offsets of the interleaved measurements are the loopback's (fields: date, time,
    // address, leap, stratum, tests x3, both polls, score, offset).
    for (const QString &line : counts.interleavedLines) {
        const QStringList fields = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        constexpr int kOffsetField = 11;
        QVERIFY2(fields.size() > kOffsetField && std::abs(fields.at(kOffsetField).toDouble()) < kMaxLoopbackOffset,
                 qPrintable(line));
    }
    QVERIFY(snapshot);
    QVERIFY(snapshot->server.interleavedReplies >= std::uint64_t(kInterleavedLinesWanted));
    // Our host reads the kernel's transmit timestamps from the error queue on loopback.
    QVERIFY2(snapshot->server.interleavedKernelTransmits > 0,
             qPrintable(QString::number(snapshot->server.interleavedKernelTransmits)));
}

void TestInteropXleave::weMeasureInterleavedAgainstChronyd()
{
    const QString chronyd = s1test::chronydPath();
    S1_REQUIRE_PEER(chronyd, "chronyd");

    QTemporaryDir dir;
    const quint16 port = s1test::freeUdpPort();
    const QString conf = s1test::writeFile(dir, "chrony.conf",
                                           QStringLiteral("local stratum 1\n"
                                                          "allow 127.0.0.1\n"
                                                          "port %1\n"
                                                          "cmdport 0\n"
                                                          "pidfile %2\n")
                                               .arg(port)
                                               .arg(dir.filePath("chronyd.pid")));
    QProcess server;
    QByteArray serverLog;
    QVERIFY2(s1test::startChronydServer(server, chronyd, conf, serverLog), serverLog.constData());

    s1test::EngineProbe client(
        QStringLiteral("port 0\nserver 127.0.0.1 port %1 minpoll %2 maxpoll %2 xleave\n").arg(port).arg(kPoll),
        s1::IpAddress::v4(0x7f000001));
    QVERIFY(client.configOk());
    QVERIFY(client.start());
    // The third reply is the first interleaved one, the fourth the first to give a sample.
    constexpr std::uint64_t kRepliesWanted = 8;
    const bool measured = s1test::waitFor(
        [&] {
            const auto s = client.source("127.0.0.1");
            return s && s->lastExchange && s->lastExchange->interleaved && s->repliesAccepted >= kRepliesWanted;
        },
        20s);
    const std::optional<s1::SourceSnapshot> source = client.source("127.0.0.1");
    client.stop();
    s1test::stopProcess(server, SIGTERM, 5s);
    QVERIFY(source);
    QVERIFY2(measured, qPrintable(QStringLiteral("accepted %1, rejected %2 (%3)")
                                      .arg(source->repliesAccepted)
                                      .arg(source->repliesRejected)
                                      .arg(QString::fromStdString(source->lastRejectReason))));
    QVERIFY(source->lastExchange->interleaved);
    QVERIFY(source->lastSample);
    QVERIFY2(std::abs(source->lastSample->rawOffset) < kMaxLoopbackOffset,
             qPrintable(QString::number(source->lastSample->rawOffset)));
    // Our requests' transmit times came from the kernel's error queue.
    QVERIFY(source->kernelTransmitStamps > 0);
    QVERIFY(source->lastExchange->kernelTransmit);
}

QTEST_GUILESS_MAIN(TestInteropXleave)
#include "tst_interop_xleave.moc"
