// chronyc's `clients` report: the layout byte for byte (the first three golden lines are real
// `chronyc clients` output published on the web; the others were worked out from chronyc's
// print_report format "%-25s  %6U  %5U  %C  %C  %I  %6U  %5U  %C  %I"), the CSV form, the
// mapping from the snapshot's client log (sorting, rounding, ages, saturation), the JSON round
// trips of the report and of the snapshot's client log, and the `clients` control query.
#include "chronyc/ChronycStatusFormat.h"
#include "chronyc/SnapshotReports.h"
#include "control/ControlQueries.h"
#include "json/ReportJson.h"
#include "json/SnapshotJson.h"

#include <QJsonArray>
#include <QtTest>

#include <string>
#include <vector>

using namespace s1;
using namespace std::chrono_literals;

namespace {

const RealTime kNow = realTimeFromNanos(1'744'182'740'500'000'000LL); // 2025-04-09 07:12:20.5

constexpr const char *kHeader = "Hostname                      NTP   Drop Int IntL Last     Cmd   Drop Int  Last\n"
                                "===============================================================================\n";

ClientReportRow row(std::string name, std::uint32_t packets, std::uint32_t dropped, std::optional<int> interval,
                    std::optional<std::chrono::seconds> last)
{
    ClientReportRow r;
    r.name = std::move(name);
    r.ntpPackets = packets;
    r.ntpDropped = dropped;
    r.ntpIntervalLog2 = interval;
    r.lastNtpAge = last;
    return r;
}

std::vector<ClientReportRow> goldenRows()
{
    ClientReportRow localhost = row("localhost", 0, 0, std::nullopt, std::nullopt);
    localhost.commandPackets = 7;
    localhost.commandIntervalLog2 = 11;
    localhost.lastCommandAge = 1400s; // 23 minutes
    return {
        row("192.168.174.55", 11, 0, 6, 40s),
        row("10.10.0.11", 234, 0, 6, 29s),
        localhost,
        row("2001:db8:85a3::8a2e:370:7334", 123456, 12345, -2, 18500s),
        row("198.51.100.7", 4294967295U, 3, -19, 432100s),
    };
}

ClientSnapshot client(const char *address, std::uint64_t packets, std::uint64_t dropped, std::optional<double> interval,
                      RealTime last)
{
    ClientSnapshot c;
    c.address = *IpAddress::parse(address);
    c.ntpPackets = packets;
    c.ntpDropped = dropped;
    c.averageIntervalLog2 = interval;
    c.lastPacket = last;
    return c;
}

EngineSnapshot snapshotWithClients()
{
    EngineSnapshot s;
    s.time = kNow;
    s.clientLog.enabled = true;
    s.clientLog.capacity = 3276;
    s.clientLog.recordsDropped = 17;
    s.clientLog.notShown = 2;
    s.clientLog.clients = {
        client("192.0.2.10", 5, 0, 5.5, kNow - 37900ms),             // Int rounds to 6, Last truncates to 37
        client("2001:db8::1", 7, 2, -2.5, kNow - 3h),                // rounds away from zero: -3
        client("10.0.0.2", 1, 0, std::nullopt, kNow - 200ms),        // one request: no interval yet
        client("192.0.2.9", 5'000'000'000ULL, 0, 300.0, kNow - 59s), // beyond chronyd's fields
    };
    return s;
}

} // namespace

class TestClientsReport : public QObject
{
    Q_OBJECT
private slots:
    void layoutIsChronycs();
    void csvIsChronycs();
    void emptyLogPrintsTheHeader();
    void reportFromSnapshot();
    void reportJsonRoundTrip();
    void reportJsonRejectsBadValues();
    void snapshotJsonRoundTrip();
    void snapshotJsonRejectsBadAddress();
    void controlQuery();
    void serverStatsCountsForgottenRecords();
};

void TestClientsReport::layoutIsChronycs()
{
    const std::string expected =
        std::string(kHeader)
        + "192.168.174.55                 11      0   6   -    40       0      0   -     -\n"
          "10.10.0.11                    234      0   6   -    29       0      0   -     -\n"
          "localhost                       0      0   -   -     -       7      0  11   23m\n"
          "2001:db8:85a3::8a2e:370:7334  123456  12345  -2   -  308m       0      0   -     -\n"
          "198.51.100.7               4294967295      3  -19   -    5d       0      0   -     -\n";
    QCOMPARE(formatClients(goldenRows()), expected);
}

void TestClientsReport::csvIsChronycs()
{
    // No header; %C prints chronyd's 127 for "unknown", %I the raw uint32 (all ones for none).
    const std::string expected = "192.168.174.55,11,0,6,127,40,0,0,127,4294967295\n"
                                 "10.10.0.11,234,0,6,127,29,0,0,127,4294967295\n"
                                 "localhost,0,0,127,127,4294967295,7,0,11,1400\n"
                                 "2001:db8:85a3::8a2e:370:7334,123456,12345,-2,127,18500,0,0,127,4294967295\n"
                                 "198.51.100.7,4294967295,3,-19,127,432100,0,0,127,4294967295\n";
    QCOMPARE(formatClientsCsv(goldenRows()), expected);
}

void TestClientsReport::emptyLogPrintsTheHeader()
{
    QCOMPARE(formatClients({}), std::string(kHeader));
    QCOMPARE(formatClientsCsv({}), std::string());
}

void TestClientsReport::reportFromSnapshot()
{
    const ClientsReport report = clientsReport(snapshotWithClients());
    QCOMPARE(report.notShown, 2u);
    QCOMPARE(report.rows.size(), 4u);
    // Sorted by address, IPv4 first; named by address.
    const std::string expected =
        std::string(kHeader)
        + "10.0.0.2                        1      0   -   -     0       0      0   -     -\n"
          "192.0.2.9                  4294967295      0  126   -    59       0      0   -     -\n"
          "192.0.2.10                      5      0   6   -    37       0      0   -     -\n"
          "2001:db8::1                     7      2  -3   -  180m       0      0   -     -\n";
    QCOMPARE(formatClients(report.rows), expected);
    // We do no rate limiting (IntL) and log no command clients (the Unix socket has no address).
    for (const ClientReportRow &r : report.rows) {
        QVERIFY(!r.ntpLimitedIntervalLog2);
        QCOMPARE(r.commandPackets, 0u);
        QVERIFY(!r.lastCommandAge);
    }

    // A last packet stamped after the snapshot (clock stepped back) is age 0, not negative.
    EngineSnapshot future = snapshotWithClients();
    future.clientLog.clients = {client("192.0.2.1", 1, 0, std::nullopt, kNow + 5s)};
    QCOMPARE(clientsReport(future).rows.at(0).lastNtpAge, std::optional(0s));
}

void TestClientsReport::reportJsonRoundTrip()
{
    ClientsReport report;
    report.rows = goldenRows();
    report.rows[1].ntpLimitedIntervalLog2 = 7;
    report.rows[1].commandDropped = 3;
    report.notShown = 12;
    const QJsonObject json = toJson(report);
    QCOMPARE(json.value("clients").toArray().size(), 5);
    QVERIFY(json.value("clients").toArray().at(0).toObject().value("ntpLimitedIntervalLog2").isNull());
    QCOMPARE(json.value("clients").toArray().at(0).toObject().value("ntpIntervalLog2").toInt(), 6);
    QString error;
    const auto back = reportFromJson<ClientsReport>(json, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, report);
}

void TestClientsReport::reportJsonRejectsBadValues()
{
    QJsonObject bad = toJson(ClientsReport{goldenRows(), 0});
    QJsonArray rows = bad.value("clients").toArray();
    QJsonObject first = rows.at(0).toObject();
    first.insert("ntpIntervalLog2", 200); // chronyd's field is an int8
    rows.replace(0, first);
    bad.insert("clients", rows);
    QString error;
    QVERIFY(!reportFromJson<ClientsReport>(bad, &error));
    QVERIFY2(error.contains("clients[0].ntpIntervalLog2"), qPrintable(error));

    QVERIFY(!reportFromJson<ClientsReport>(QJsonObject{{"clients", "many"}}, &error));
    QVERIFY(!reportFromJson<ClientsReport>(QJsonObject{{"notShown", -1}}, &error));
}

void TestClientsReport::snapshotJsonRoundTrip()
{
    const EngineSnapshot s = snapshotWithClients();
    const QJsonObject json = snapshotToJson(s);
    const QJsonObject log = json.value("clientLog").toObject();
    QCOMPARE(log.value("enabled").toBool(), true);
    QCOMPARE(log.value("clients").toArray().at(1).toObject().value("address").toString(),
             QStringLiteral("2001:db8::1"));
    QVERIFY(log.value("clients").toArray().at(2).toObject().value("averageIntervalLog2").isNull());
    QString error;
    const auto back = snapshotFromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->clientLog, s.clientLog);
    QCOMPARE(*back, s);

    // Snapshots from writers without a client log read as "not enabled".
    QJsonObject old = json;
    old.remove("clientLog");
    QCOMPARE(snapshotFromJson(old)->clientLog, ClientLogSnapshot{});
}

void TestClientsReport::snapshotJsonRejectsBadAddress()
{
    QJsonObject json = snapshotToJson(snapshotWithClients());
    QJsonObject log = json.value("clientLog").toObject();
    QJsonArray clients = log.value("clients").toArray();
    QJsonObject first = clients.at(0).toObject();
    first.insert("address", "not-an-address");
    clients.replace(0, first);
    log.insert("clients", clients);
    json.insert("clientLog", log);
    QString error;
    QVERIFY(!snapshotFromJson(json, &error));
    QVERIFY2(error.contains("clientLog.clients[0].address"), qPrintable(error));
}

void TestClientsReport::controlQuery()
{
    const EngineSnapshot s = snapshotWithClients();
    ControlAnswer a = answerQuery({1, control::Command::Clients, {}}, &s, {});
    QVERIFY2(a.ok, qPrintable(a.error));
    const auto report = reportFromJson<ClientsReport>(a.result.toObject());
    QVERIFY(report);
    QCOMPARE(*report, clientsReport(s));
    // -n changes nothing: clients are always named by address.
    a = answerQuery({2, control::Command::Clients, {{"names", "numeric"}}}, &s, {});
    QVERIFY(a.ok);
    QCOMPARE(*reportFromJson<ClientsReport>(a.result.toObject()), clientsReport(s));

    EngineSnapshot off = s;
    off.clientLog = {};
    a = answerQuery({3, control::Command::Clients, {}}, &off, {});
    QVERIFY(!a.ok);
    QCOMPARE(a.error, QStringLiteral("client logging is not active in the service (noclientlog)"));
}

void TestClientsReport::serverStatsCountsForgottenRecords()
{
    QCOMPARE(serverStatsReport(snapshotWithClients(), {}).clientLogRecordsDropped, 17u);
}

QTEST_GUILESS_MAIN(TestClientsReport)
#include "tst_clientsreport.moc"
