// `ratelimit` end to end: `stratumone --service` on loopback, one address (127.0.0.2) floods it
// while another (127.0.0.3) polls politely; the flooder gets about the leak's share of answers
// and KoD RATE replies, the other every answer; `stratumctl serverstats` and `stratumctl
// clients` count the same drops. And, with the unpacked chronyd, chronyd as a client backs off
// when our service sends it RATE kisses-of-death.
#include "ProcessHelpers.h"

#include "ntp/NtpPacket.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

#include <signal.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

constexpr auto kStartTimeout = 10s;
constexpr auto kCtlTimeout = 20s;
constexpr auto kSnapshotWait = 5s; // the service publishes a snapshot once a second
constexpr int kFloodRequests = 2000;
constexpr int kPaceBurst = 100; // requests sent before pausing, so loopback never overflows
constexpr auto kPacePause = 20ms;
constexpr int kPoliteRequests = 3;
constexpr auto kBackoffWindow = 12s;
const QHostAddress kServer(QStringLiteral("127.0.0.1"));
const QHostAddress kFlooder(QStringLiteral("127.0.0.2"));
const QHostAddress kPolite(QStringLiteral("127.0.0.3"));

QByteArray clientRequest(std::uint64_t cookie)
{
    s1::NtpHeader h;
    h.mode = s1::NtpMode::Client;
    h.poll = 6;
    h.transmitTime = s1::NtpTimestamp::fromRaw(cookie);
    const auto raw = s1::serializeNtpHeader(h);
    return QByteArray(reinterpret_cast<const char *>(raw.data()), static_cast<qsizetype>(raw.size()));
}

struct Replies
{
    int normal = 0;
    int kod = 0;
    int bad = 0;
};

void drain(QUdpSocket &socket, Replies &replies)
{
    while (socket.hasPendingDatagrams()) {
        QByteArray datagram(static_cast<int>(socket.pendingDatagramSize()), '\0');
        socket.readDatagram(datagram.data(), datagram.size());
        const auto parsed = s1::parseNtpPacket(std::span(reinterpret_cast<const std::uint8_t *>(datagram.constData()),
                                                         static_cast<std::size_t>(datagram.size())));
        if (!parsed.ok() || parsed.packet.header.mode != s1::NtpMode::Server)
            ++replies.bad;
        else if (parsed.packet.header.stratum == 0 && parsed.packet.header.referenceId == s1::kKissRate)
            ++replies.kod;
        else if (parsed.packet.header.stratum == 1)
            ++replies.normal;
        else
            ++replies.bad;
    }
}

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

// Receive-buffer drops of the UDP socket on 127.0.0.1:port (/proc/net/udp's last column): on a
// busy machine the service may fall behind a burst, and the kernel, not the rate limit, drops.
quint64 socketDrops(quint16 port)
{
    QFile file(QStringLiteral("/proc/net/udp"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QString local = QStringLiteral("0100007F:%1").arg(port, 4, 16, QLatin1Char('0')).toUpper();
    const QStringList lines = QString::fromLatin1(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines.mid(1)) {
        const QStringList fields = line.simplified().split(QLatin1Char(' '));
        if (fields.size() > 2 && fields[1] == local)
            return fields.last().toULongLong();
    }
    return 0;
}

int statsLine(const QString &out, const char *label)
{
    return s1test::lineStartingWith(out, QString::fromLatin1(label)).section(QLatin1Char(':'), 1).trimmed().toInt();
}

using s1test::currentUser;

// A running `stratumone --service -x` with `extra` after port, allow and local.
struct Service
{
    QTemporaryDir dir;
    QProcess process;
    quint16 port = 0;
    QString socketPath;

    bool start(const QString &extra)
    {
        port = s1test::freeUdpPort();
        socketPath = dir.filePath(QStringLiteral("control.sock"));
        const QString conf =
            s1test::writeFile(dir, QStringLiteral("stratumone.conf"),
                              QStringLiteral("port %1\nallow 127.0.0.0/8\nlocal stratum 1\n").arg(port) + extra);
        process.start(s1test::ourBinary(QStringLiteral("stratumone")),
                      {"--service", "-f", conf, "-x", "--bind", "127.0.0.1", "--control-socket", socketPath});
        QByteArray log;
        return waitForOutput(process, QStringLiteral("serving NTP on UDP port %1").arg(port), kStartTimeout, log);
    }
    s1test::RunResult ctl(const QStringList &arguments) const
    {
        return s1test::runProgram(s1test::ourBinary(QStringLiteral("stratumctl")),
                                  QStringList{QStringLiteral("-s"), socketPath} + arguments, kCtlTimeout);
    }
    ~Service()
    {
        if (process.state() != QProcess::NotRunning)
            s1test::stopProcess(process, SIGTERM, 10s);
    }
};

// The CSV row of `stratumctl -c clients` for `address`.
QStringList clientRow(const QString &csv, const QString &address)
{
    for (const QString &line : csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (line.startsWith(address + QLatin1Char(',')))
            return line.split(QLatin1Char(','));
    return {};
}

} // namespace

class TestRateLimitService : public QObject
{
    Q_OBJECT
private slots:
    void floodIsLimitedOthersAreAnswered();
    void chronydBacksOffOnRateKiss();
};

void TestRateLimitService::floodIsLimitedOthersAreAnswered()
{
    Service service;
    QVERIFY(service.start(QStringLiteral("ratelimit interval 4 burst 4 leak 2 kod 2\n")));

    QUdpSocket flooder;
    QVERIFY(flooder.bind(kFlooder, 0));
    QUdpSocket polite;
    QVERIFY(polite.bind(kPolite, 0));

    Replies flood;
    for (int i = 0; i < kFloodRequests; ++i) {
        QCOMPARE(flooder.writeDatagram(clientRequest(std::uint64_t(i) + 1), kServer, service.port),
                 qint64(s1::kNtpHeaderLength));
        if ((i + 1) % kPaceBurst == 0) {
            QTest::qWait(int(kPacePause.count()));
            drain(flooder, flood);
        }
    }
    Replies answered;
    for (int i = 0; i < kPoliteRequests; ++i) {
        QCOMPARE(polite.writeDatagram(clientRequest(std::uint64_t(i) + 1), kServer, service.port),
                 qint64(s1::kNtpHeaderLength));
        QVERIFY(s1test::waitFor(
            [&] {
                drain(polite, answered);
                return answered.normal + answered.kod + answered.bad > i;
            },
            5s));
    }
    QCOMPARE(answered.normal, kPoliteRequests); // the burst covers them: no drop, no KoD

    // The service's counters, once it has seen every request the kernel did not drop for it.
    s1test::RunResult stats;
    int received = 0;
    QVERIFY2(s1test::waitFor(
                 [&] {
                     stats = service.ctl({"serverstats"});
                     received = statsLine(stats.out, "NTP packets received       : ");
                     return quint64(received) + socketDrops(service.port) == quint64(kFloodRequests + kPoliteRequests);
                 },
                 kSnapshotWait),
             qPrintable(stats.out + stats.err));
    const int floodReceived = received - kPoliteRequests;
    QVERIFY2(floodReceived >= kFloodRequests / 2, qPrintable(stats.out)); // enough to measure shares
    // Every reply left before the counters were published; the last may still be in flight.
    QTest::qWait(int(kPacePause.count()));
    drain(flooder, flood);
    QCOMPARE(flood.bad, 0);
    // Leak 2: a quarter answered; of the rest a quarter kissed (kod 2); the burst adds four.
    const double answeredShare = double(flood.normal) / floodReceived;
    const double kodShare = double(flood.kod) / floodReceived;
    QVERIFY2(answeredShare > 0.18 && answeredShare < 0.32, qPrintable(QString::number(answeredShare)));
    QVERIFY2(kodShare > 0.12 && kodShare < 0.26, qPrintable(QString::number(kodShare)));
    // chronyd's count: the requests the rate limit dropped, exactly those that got nothing back.
    const int dropped = floodReceived - flood.normal - flood.kod;
    QCOMPARE(statsLine(stats.out, "NTP packets dropped        : "), dropped);

    s1test::RunResult clients;
    clients = service.ctl({"-c", "clients"});
    QCOMPARE(clients.exitCode, 0);
    const QStringList flooderRow = clientRow(clients.out, QStringLiteral("127.0.0.2"));
    QVERIFY2(flooderRow.size() == 10, qPrintable(clients.out));
    QCOMPARE(flooderRow[1].toInt(), floodReceived);
    QCOMPARE(flooderRow[2].toInt(), dropped);
    QVERIFY(flooderRow[3].toInt() < 0);             // Int: much faster than a second
    QVERIFY(flooderRow[4] != QLatin1String("127")); // IntL: known, it was dropped
    const QStringList politeRow = clientRow(clients.out, QStringLiteral("127.0.0.3"));
    QVERIFY2(politeRow.size() == 10, qPrintable(clients.out));
    QCOMPARE(politeRow[1].toInt(), kPoliteRequests);
    QCOMPARE(politeRow[2], QStringLiteral("0"));
    QCOMPARE(politeRow[4], QStringLiteral("127")); // never dropped: no IntL

    // chronyc's table: the same numbers in the Drop column.
    const s1test::RunResult table = service.ctl({"-n", "clients"});
    const QString line = s1test::lineStartingWith(table.out, QStringLiteral("127.0.0.2 "));
    QVERIFY2(line.simplified().split(QLatin1Char(' '))[2] == QString::number(dropped), qPrintable(table.out));
}

void TestRateLimitService::chronydBacksOffOnRateKiss()
{
    const QString chronyd = s1test::chronydPath();
    S1_REQUIRE_PEER(chronyd, "chronyd");

    // Every request over one per 16 s gets a KoD (leak 4 and kod 1 kiss most of them), so
    // chronyd polling every second is kissed within a few polls.
    Service service;
    QVERIFY(service.start(QStringLiteral("ratelimit interval 4 burst 1 leak 4 kod 1\n")));

    QProcess client;
    client.setProcessChannelMode(QProcess::MergedChannels);
    client.start(chronyd,
                 {"-d", "-x", "-u", currentUser(), "-F", "0", "-L", "0", "-f", "/dev/null",
                  QStringLiteral("server 127.0.0.1 port %1 minpoll 0 maxpoll 0").arg(service.port),
                  QStringLiteral("cmdport 0"), QStringLiteral("pidfile %1").arg(service.dir.filePath("c.pid"))});
    QByteArray log;
    const bool kissed = s1test::waitFor(
        [&] {
            log += client.readAll();
            return log.contains("Received KoD RATE from 127.0.0.1") || client.state() == QProcess::NotRunning;
        },
        20s);
    QVERIFY2(kissed && log.contains("Received KoD RATE"), log.constData());
    // After each kiss chronyd waits four polls more than usual (4 s here), after a drop or an
    // answer one poll: about half the requests are kissed, so it asks about every 3 s instead
    // of every second. Count its requests in the service's client log over a window.
    const auto requestsSoFar = [&] {
        s1test::RunResult r;
        s1test::waitFor([&] { return (r = service.ctl({"-c", "clients"})).exitCode == 0; }, kSnapshotWait);
        return clientRow(r.out, QStringLiteral("127.0.0.1")).value(1).toInt();
    };
    const int atKiss = requestsSoFar();
    QTest::qWait(int(std::chrono::milliseconds(kBackoffWindow).count()));
    const int later = requestsSoFar();
    log += client.readAll();
    qInfo("chronyd sent %d requests in %lld s after the first kiss", later - atKiss,
          static_cast<long long>(kBackoffWindow.count()));
    // Without the back-off: 12 requests, one a second (and the snapshot's second of lag).
    QVERIFY2(later - atKiss <= 8, qPrintable(QStringLiteral("%1 requests in 12 s\n").arg(later - atKiss) + log));
    QVERIFY2(later - atKiss >= 1, qPrintable(log)); // it kept polling
    QVERIFY(s1test::stopProcess(client, SIGTERM, 10s));
}

QTEST_GUILESS_MAIN(TestRateLimitService)
#include "tst_ratelimit_service.moc"
