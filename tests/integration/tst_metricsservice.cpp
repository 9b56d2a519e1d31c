// `metricsaddress` end to end: `stratumone --service -x` serves /metrics on 127.0.0.1; the text
// is the real state (the LOCAL reference, the server's counters growing after an NTP request of
// ours), promtool (Debian's prometheus, unpacked by scripts/fetch-peers.sh) accepts it; a
// reload moves the endpoint; a port that is taken is an error in the log while NTP is served on;
// a bad line is a file:line:col error.
#include "ProcessHelpers.h"

#include "ntp/NtpPacket.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

#include <signal.h>

using namespace std::chrono_literals;

namespace {

constexpr auto kStartTimeout = 15s;
constexpr auto kCtlTimeout = 20s;
constexpr auto kStopTimeout = 10s;
constexpr auto kCounterTimeout = 10s; // the engine publishes a snapshot once a second
constexpr int kReplyTimeoutMs = 5000;
constexpr int kConnectTimeoutMs = 2000;
const QHostAddress kLoopback(QStringLiteral("127.0.0.1"));

struct Scrape
{
    int status = 0;
    QByteArray body;
};

Scrape scrape(quint16 port, const QByteArray &verb = "GET", const QString &path = QStringLiteral("/metrics"))
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    const QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    QNetworkReply *reply = verb == "GET" ? manager.get(request) : manager.sendCustomRequest(request, verb, "x");
    QSignalSpy done(reply, &QNetworkReply::finished);
    Scrape result;
    if (done.wait(kReplyTimeoutMs)) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
    }
    delete reply;
    return result;
}

// The value of the sample line that starts with `series` followed by a space; -1 when none.
double sampleValue(const QByteArray &text, const QString &series)
{
    for (const QByteArray &line : text.split('\n'))
        if (line.startsWith(series.toUtf8() + ' '))
            return line.mid(series.size() + 1).toDouble();
    return -1;
}

bool accepts(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(kLoopback, port);
    return socket.waitForConnected(kConnectTimeoutMs);
}

QByteArray clientRequest(std::uint64_t cookie)
{
    s1::NtpHeader h;
    h.mode = s1::NtpMode::Client;
    h.poll = 6;
    h.transmitTime = s1::NtpTimestamp::fromRaw(cookie);
    const auto raw = s1::serializeNtpHeader(h);
    return QByteArray(reinterpret_cast<const char *>(raw.data()), static_cast<qsizetype>(raw.size()));
}

// One NTP exchange with the service: true when a server reply came back.
bool askTime(quint16 port)
{
    QUdpSocket socket;
    if (!socket.bind(kLoopback, 0) || socket.writeDatagram(clientRequest(0x1234567890ULL), kLoopback, port) < 0)
        return false;
    return s1test::waitFor([&] { return socket.hasPendingDatagrams(); }, 5s);
}

struct Service
{
    QTemporaryDir dir;
    QProcess process;
    quint16 ntpPort = 0;
    QString socketPath;
    QString configPath;
    QByteArray log;

    QString config(quint16 metricsPort) const
    {
        return QStringLiteral("port %1\nallow 127.0.0.0/8\nlocal stratum 10\nmetricsaddress 127.0.0.1 %2\n")
            .arg(ntpPort)
            .arg(metricsPort);
    }
    bool start(quint16 metricsPort)
    {
        ntpPort = s1test::freeUdpPort();
        socketPath = dir.filePath(QStringLiteral("control.sock"));
        configPath = s1test::writeFile(dir, QStringLiteral("stratumone.conf"), config(metricsPort));
        process.start(s1test::ourBinary(QStringLiteral("stratumone")),
                      {"--service", "-x", "-f", configPath, "--control-socket", socketPath});
        return waitForLog(QStringLiteral("serving NTP on UDP port %1").arg(ntpPort));
    }
    bool waitForLog(const QString &needle)
    {
        return s1test::waitFor(
                   [&] {
                       log += process.readAllStandardError();
                       return log.contains(needle.toUtf8()) || process.state() == QProcess::NotRunning;
                   },
                   kStartTimeout)
               && log.contains(needle.toUtf8());
    }
    s1test::RunResult ctl(const QStringList &arguments) const
    {
        return s1test::runProgram(s1test::ourBinary(QStringLiteral("stratumctl")),
                                  QStringList{QStringLiteral("-s"), socketPath} + arguments, kCtlTimeout);
    }
    ~Service()
    {
        if (process.state() != QProcess::NotRunning)
            s1test::stopProcess(process, SIGTERM, kStopTimeout);
    }
};

// Scrapes until `condition` holds for the text (bounded); the last text in `body`.
bool scrapeUntil(quint16 port, const std::function<bool(const QByteArray &)> &condition, QByteArray &body)
{
    return s1test::waitFor(
        [&] {
            const Scrape s = scrape(port);
            body = s.body;
            return s.status == 200 && condition(s.body);
        },
        kCounterTimeout);
}

} // namespace

class TestMetricsService : public QObject
{
    Q_OBJECT
private slots:
    void servesTheRunningState();
    void promtoolAcceptsTheText();
    void reloadMovesTheEndpoint();
    void portTakenIsLoggedAndNtpRunsOn();
    void badLineIsAFileLineColError();
};

void TestMetricsService::servesTheRunningState()
{
    Service service;
    const quint16 port = s1test::freeTcpPort();
    QVERIFY2(service.start(port), service.log.constData());
    QVERIFY2(service.log.contains(
                 QStringLiteral("serving Prometheus metrics on http://127.0.0.1:%1/metrics").arg(port).toUtf8()),
             service.log.constData());

    QByteArray body;
    QVERIFY2(scrapeUntil(
                 port, [](const QByteArray &b) { return b.contains("\nchrony_up 1\n"); }, body),
             body.constData());
    QVERIFY2(body.contains("chrony_tracking_info{tracking_address=\"127.127.1.1\",tracking_name=\"LOCAL\","
                           "tracking_refid=\"7F7F0101\"} 1\n"),
             body.constData());
    QCOMPARE(sampleValue(body, "chrony_tracking_stratum"), 10.0);
    QCOMPARE(sampleValue(body, "stratumone_tracking_synchronised"), 1.0);
    const double before = sampleValue(body, "chrony_serverstats_ntp_packets_received_total");
    QVERIFY2(before >= 0, body.constData());

    // A request of ours: the counter grows, as stratumctl serverstats says.
    QVERIFY(askTime(service.ntpPort));
    QVERIFY2(scrapeUntil(
                 port,
                 [&](const QByteArray &b) {
                     return sampleValue(b, "chrony_serverstats_ntp_packets_received_total") >= before + 1;
                 },
                 body),
             body.constData());
    QVERIFY(sampleValue(body, "stratumone_ntp_replies_sent_total") >= 1);
    const s1test::RunResult stats = service.ctl({"serverstats"});
    QCOMPARE(stats.exitCode, 0);
    const int received = s1test::lineStartingWith(stats.out, QStringLiteral("NTP packets received"))
                             .section(QLatin1Char(':'), 1)
                             .trimmed()
                             .toInt();
    QVERIFY2(received >= before + 1, qPrintable(stats.out));
    // stratumctl's own request is counted on the command side.
    QVERIFY2(scrapeUntil(
                 port,
                 [](const QByteArray &b) {
                     return sampleValue(b, "chrony_serverstats_command_packets_received_total") >= 1;
                 },
                 body),
             body.constData());

    QCOMPARE(scrape(port, "GET", QStringLiteral("/")).status, 404);
    QCOMPARE(scrape(port, "POST").status, 405);
}

void TestMetricsService::promtoolAcceptsTheText()
{
    const QString promtool = s1test::promtoolPath();
    S1_REQUIRE_PEER(promtool, QStringLiteral("promtool"));
    Service service;
    const quint16 port = s1test::freeTcpPort();
    QVERIFY2(service.start(port), service.log.constData());
    QByteArray body;
    QVERIFY2(scrapeUntil(
                 port, [](const QByteArray &b) { return b.contains("\nchrony_up 1\n"); }, body),
             body.constData());

    QProcess check;
    check.start(promtool, {"check", "metrics"});
    QVERIFY(check.waitForStarted());
    check.write(body);
    check.closeWriteChannel();
    QVERIFY(check.waitForFinished(int(std::chrono::milliseconds(kCtlTimeout).count())));
    const QByteArray said = check.readAllStandardOutput() + check.readAllStandardError();
    QVERIFY2(check.exitStatus() == QProcess::NormalExit && check.exitCode() == 0, said.constData());
    QVERIFY2(said.trimmed().isEmpty(), said.constData()); // no lint remark either
}

void TestMetricsService::reloadMovesTheEndpoint()
{
    Service service;
    const quint16 first = s1test::freeTcpPort();
    QVERIFY2(service.start(first), service.log.constData());
    QCOMPARE(scrape(first).status, 200);

    quint16 second = s1test::freeTcpPort();
    while (second == first)
        second = s1test::freeTcpPort();
    s1test::writeFile(service.dir, QStringLiteral("stratumone.conf"), service.config(second));
    const s1test::RunResult reload = service.ctl({"reload"});
    QCOMPARE(reload.exitCode, 0);
    QVERIFY2(
        service.waitForLog(QStringLiteral("serving Prometheus metrics on http://127.0.0.1:%1/metrics").arg(second)),
        service.log.constData());
    QCOMPARE(scrape(second).status, 200);
    QVERIFY(!accepts(first));
}

void TestMetricsService::portTakenIsLoggedAndNtpRunsOn()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(kLoopback, 0));
    Service service;
    QVERIFY2(service.start(squatter.serverPort()), service.log.constData());
    const QString error = QStringLiteral("metricsaddress 127.0.0.1 %1: cannot listen on http://127.0.0.1:%1/metrics: ")
                              .arg(squatter.serverPort());
    QVERIFY2(service.waitForLog(error), service.log.constData());
    QVERIFY2(service.log.contains("Prometheus metrics are not served (the time service runs on)"),
             service.log.constData());
    // The time service does run on: NTP answered, stratumctl served.
    QVERIFY(askTime(service.ntpPort));
    QCOMPARE(service.ctl({"tracking"}).exitCode, 0);
    QCOMPARE(service.process.state(), QProcess::Running);
}

void TestMetricsService::badLineIsAFileLineColError()
{
    QTemporaryDir dir;
    const QString config =
        s1test::writeFile(dir, QStringLiteral("bad.conf"), QStringLiteral("port 0\nmetricsaddress localhost 9123\n"));
    const s1test::RunResult check =
        s1test::runProgram(s1test::ourBinary("stratumone"), {"--check-config", config}, kCtlTimeout);
    QCOMPARE(check.exitCode, 1);
    QVERIFY2(check.err.contains(QStringLiteral("%1:2:16: error: invalid value 'localhost' for 'metricsaddress': "
                                               "expected an IPv4 or IPv6 address")
                                    .arg(config)),
             qPrintable(check.err));
    // The service refuses to start on it, with the same message.
    const s1test::RunResult service = s1test::runProgram(
        s1test::ourBinary("stratumone"),
        {"--service", "-x", "-f", config, "--control-socket", dir.filePath(QStringLiteral("c.sock"))}, kCtlTimeout);
    QVERIFY(service.finished);
    QCOMPARE(service.exitCode, 1);
    QVERIFY2(service.err.contains(QStringLiteral("%1:2:16: error:").arg(config)), qPrintable(service.err));
}

QTEST_GUILESS_MAIN(TestMetricsService)
#include "tst_metricsservice.moc"
