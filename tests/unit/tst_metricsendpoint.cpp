// MetricsEndpoint on loopback, in this process: off unless configured, GET and HEAD of /metrics
// with the text format's Content-Type, 404 and 405 for the rest, a port that is taken or an
// address this machine does not have as a clear error, and moving when the configuration does.
#include "MetricsSnapshot.h"
#include "metrics/MetricsEndpoint.h"
#include "metrics/PrometheusFormat.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace s1;

namespace {

constexpr int kReplyTimeoutMs = 5000;
constexpr int kConnectTimeoutMs = 2000;

struct Answer
{
    bool finished = false;
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray contentLength;
    QByteArray allow;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

quint16 freeTcpPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

EngineConfig withMetrics(const char *address, quint16 port)
{
    EngineConfig config;
    config.metrics = MetricsEndpointConfig{*IpAddress::parse(address), port};
    return config;
}

class Client
{
public:
    Client() { m_manager.setProxy(QNetworkProxy::NoProxy); }

    Answer request(const QByteArray &verb, quint16 port, const QString &path = QStringLiteral("/metrics"))
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
        QNetworkReply *reply = verb == "GET"    ? m_manager.get(request)
                               : verb == "HEAD" ? m_manager.head(request)
                                                : m_manager.sendCustomRequest(request, verb, QByteArray("x=1"));
        QSignalSpy done(reply, &QNetworkReply::finished);
        Answer answer;
        answer.finished = done.wait(kReplyTimeoutMs);
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.contentType = reply->rawHeader("Content-Type");
        answer.contentLength = reply->rawHeader("Content-Length");
        answer.allow = reply->rawHeader("Allow");
        answer.error = reply->error();
        reply->deleteLater();
        return answer;
    }

private:
    QNetworkAccessManager m_manager;
};

bool accepts(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(kConnectTimeoutMs);
}

} // namespace

class TestMetricsEndpoint : public QObject
{
    Q_OBJECT
private slots:
    void offUnlessConfigured();
    void servesTheText();
    void otherPathsAndMethods();
    void portTakenIsAClearError();
    void addressNotOnThisMachine();
    void followsTheConfiguration();
    void ppsRefClocksByTheirEngineNames();
};

void TestMetricsEndpoint::offUnlessConfigured()
{
    MetricsEndpoint endpoint;
    QVERIFY(endpoint.configure(EngineConfig{}));
    QVERIFY(!endpoint.isListening());
    QCOMPARE(endpoint.port(), quint16(0));
    QVERIFY(endpoint.error().isEmpty());
}

void TestMetricsEndpoint::servesTheText()
{
    MetricsEndpoint endpoint;
    endpoint.setVersion("9.9.9");
    endpoint.setCommandCounters([] { return CommandCounters{17, 2}; });
    const quint16 port = freeTcpPort();
    QVERIFY(endpoint.configure(withMetrics("127.0.0.1", port)));
    QVERIFY(endpoint.isListening());
    QCOMPARE(endpoint.port(), port);
    Client client;

    // Before the engine's first snapshot: up 0 and nothing else but the version.
    const Answer early = client.request("GET", port);
    QVERIFY(early.finished);
    QCOMPARE(early.status, 200);
    QCOMPARE(early.contentType, QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    QVERIFY2(early.body.contains("\nchrony_up 0\n"), early.body.constData());
    QVERIFY(early.body.contains("stratumone_build_info{version=\"9.9.9\"} 1\n"));
    QVERIFY(!early.body.contains("chrony_tracking"));

    endpoint.publishSnapshot(s1test::representative());
    const Answer answer = client.request("GET", port);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.body, QByteArray::fromStdString(endpoint.render()));
    QVERIFY(answer.body.contains("\nchrony_up 1\n"));
    QVERIFY(answer.body.contains("\nchrony_serverstats_command_packets_received_total 17\n"));
    QVERIFY(answer.body.contains("\nchrony_sources_last_sample_offset_seconds{source_address=\"192.0.2.1\","
                                 "source_name=\"ntp1.example.net\"} -1.2e-05\n"));
    QCOMPARE(answer.contentLength, QByteArray::number(answer.body.size()));

    // HEAD: the same headers, no body.
    const Answer head = client.request("HEAD", port);
    QVERIFY(head.finished);
    QCOMPARE(head.status, 200);
    QCOMPARE(head.contentType, QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    QCOMPARE(head.contentLength, QByteArray::number(answer.body.size()));
    QVERIFY(head.body.isEmpty());

    // The connection stays usable after a HEAD (no stray body in the stream).
    QCOMPARE(client.request("GET", port).status, 200);
}

void TestMetricsEndpoint::otherPathsAndMethods()
{
    MetricsEndpoint endpoint;
    const quint16 port = freeTcpPort();
    QVERIFY(endpoint.configure(withMetrics("127.0.0.1", port)));
    Client client;
    for (const QString &path : {QStringLiteral("/"), QStringLiteral("/metrics/"), QStringLiteral("/Metrics"),
                                QStringLiteral("/metricsx"), QStringLiteral("/favicon.ico")}) {
        const Answer answer = client.request("GET", port, path);
        QVERIFY2(answer.finished, qPrintable(path));
        QCOMPARE(answer.status, 404);
    }
    // A query string is not part of the path.
    QCOMPARE(client.request("GET", port, QStringLiteral("/metrics?name[]=chrony_up")).status, 200);
    for (const QByteArray &verb : {QByteArray("POST"), QByteArray("PUT"), QByteArray("DELETE")}) {
        const Answer answer = client.request(verb, port);
        QVERIFY2(answer.finished, verb.constData());
        QCOMPARE(answer.status, 405);
        QCOMPARE(answer.allow, QByteArray("GET, HEAD"));
    }
}

void TestMetricsEndpoint::portTakenIsAClearError()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    const quint16 port = squatter.serverPort();

    MetricsEndpoint endpoint;
    QTest::ignoreMessage(QtCriticalMsg,
                         QRegularExpression(QStringLiteral("^metricsaddress 127.0.0.1 %1: cannot listen").arg(port)));
    QVERIFY(!endpoint.configure(withMetrics("127.0.0.1", port)));
    QVERIFY(!endpoint.isListening());
    QVERIFY2(
        endpoint.error().startsWith(
            QStringLiteral("metricsaddress 127.0.0.1 %1: cannot listen on http://127.0.0.1:%1/metrics: ").arg(port)),
        qPrintable(endpoint.error()));
    QVERIFY2(endpoint.error().contains(QStringLiteral("in use")), qPrintable(endpoint.error()));
    QVERIFY2(endpoint.error().endsWith(QStringLiteral("Prometheus metrics are not served (the time service runs on)")),
             qPrintable(endpoint.error()));

    // The same configuration again (a reload) tries again, and succeeds once the port is free.
    squatter.close();
    QVERIFY(endpoint.configure(withMetrics("127.0.0.1", port)));
    QVERIFY(endpoint.isListening());
    QVERIFY(endpoint.error().isEmpty());
}

void TestMetricsEndpoint::addressNotOnThisMachine()
{
    // 192.0.2.1 (TEST-NET-1) is on no interface here: bind() refuses it, nothing is sent.
    MetricsEndpoint endpoint;
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("^metricsaddress 192.0.2.1 9123: cannot")));
    QVERIFY(!endpoint.configure(withMetrics("192.0.2.1", 9123)));
    QVERIFY(!endpoint.isListening());
    QVERIFY2(endpoint.error().startsWith(QStringLiteral("metricsaddress 192.0.2.1 9123: cannot listen on "
                                                        "http://192.0.2.1:9123/metrics: ")),
             qPrintable(endpoint.error()));
}

void TestMetricsEndpoint::followsTheConfiguration()
{
    MetricsEndpoint endpoint;
    const quint16 first = freeTcpPort();
    QVERIFY(endpoint.configure(withMetrics("127.0.0.1", first)));
    QVERIFY(accepts(first));

    // Unchanged (a reload that did not touch it): the same listening socket, nothing moves.
    const QList<QTcpServer *> before = endpoint.findChildren<QTcpServer *>();
    QVERIFY(endpoint.configure(withMetrics("127.0.0.1", first)));
    QCOMPARE(endpoint.findChildren<QTcpServer *>(), before);

    // Moved: the new port answers, the old one no longer accepts.
    quint16 second = freeTcpPort();
    while (second == first)
        second = freeTcpPort();
    QVERIFY(endpoint.configure(withMetrics("127.0.0.1", second)));
    QCOMPARE(endpoint.port(), second);
    Client client;
    QCOMPARE(client.request("GET", second).status, 200);
    QVERIFY(!accepts(first));

    // Removed: nothing listens.
    QVERIFY(endpoint.configure(EngineConfig{}));
    QVERIFY(!endpoint.isListening());
    QVERIFY(!accepts(second));
}

void TestMetricsEndpoint::ppsRefClocksByTheirEngineNames()
{
    EngineConfig config;
    RefClockConfig nmea;
    nmea.driver = RefClockDriver::Nmea;
    nmea.refId = "GPS";
    RefClockConfig named;
    named.driver = RefClockDriver::Pps;
    named.refId = "PPS";
    RefClockConfig unnamed;
    unnamed.driver = RefClockDriver::Pps;
    config.refClocks = {nmea, named, unnamed};
    QCOMPARE(ppsRefClockNames(config), std::vector<std::string>({"PPS", "PPS2"}));
}

QTEST_GUILESS_MAIN(TestMetricsEndpoint)
#include "tst_metricsendpoint.moc"
