// The control socket's protocol without a socket: request parsing and its errors, the response
// and event encodings, line framing with its length bound, and the JSON round trips of the
// engine snapshot and of every chronyc report (what the GUI and stratumctl decode).
#include "transport/LineFramer.h"
#include "json/ConfigurationJson.h"
#include "json/ControlProtocol.h"
#include "json/ReportJson.h"
#include "json/SnapshotJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <limits>

using namespace s1;
using namespace s1::control;

namespace {

// A reading with every nanosecond digit significant: doubles would lose the last ones.
constexpr std::int64_t kSnapshotNs = 1744182740123456789;

SourceSample sample(std::int64_t ns, double offset, double delay, double dispersion, int stratum, double raw)
{
    SourceSample s;
    s.time = realTimeFromNanos(ns);
    s.offset = offset;
    s.delay = delay;
    s.dispersion = dispersion;
    s.stratum = stratum;
    s.rawOffset = raw;
    return s;
}

// Every field set to something other than its default, with awkward values where JSON could
// lose them: 17-digit doubles, tiny and huge magnitudes, negative zero, 64-bit counters.
EngineSnapshot richSnapshot()
{
    EngineSnapshot s;
    s.time = realTimeFromNanos(kSnapshotNs);
    s.reference.synchronised = true;
    s.reference.stratum = 2;
    s.reference.referenceId = 0xC0000201;
    s.reference.referenceName = "ntp1.example.net";
    s.reference.leap = LeapIndicator::InsertSecond;
    s.reference.referenceTime = realTimeFromNanos(kSnapshotNs - 987654321);
    s.reference.rootDelay = 0.0123456789012345678;
    s.reference.rootDispersion = 1.0000000000000002;
    s.reference.precision = -23;
    s.reference.systemTimeOffset = -2.105e-6;
    s.reference.lastOffset = 3.0650000000000001e-6;
    s.reference.rmsOffset = 1.946e-6;
    s.reference.frequencyPpm = -1.916;
    s.reference.residualFrequencyPpm = 0.077;
    s.reference.skewPpm = 0.036;
    s.reference.updateInterval = 16.000000000000004;
    s.server = {123456789012345ULL, 987654321ULL, 1, 2, 3, 4, 5};
    s.clientPacketsDropped = 42;
    s.ntpPort = 123;
    s.serverError = "port 123: Address already in use \"quoted\" \\ and ünïcode";

    SourceSnapshot a;
    a.id = 7;
    a.name = "ntp1.example.net";
    a.address = {*IpAddress::parse("192.0.2.1"), 123};
    a.poolName = "pool.example.net";
    a.kind = SourceKind::Server;
    a.state = SourceState::Selected;
    a.stratum = 1;
    a.poll = 6;
    a.reach = 0377;
    a.referenceId = 0x47505300; // "GPS"
    a.leap = LeapIndicator::None;
    a.rootDelay = 1e-300;
    a.rootDispersion = 1.5e-5;
    a.lastRx = realTimeFromNanos(kSnapshotNs - 5'000'000'001);
    a.lastSample = sample(kSnapshotNs - 5'000'000'001, -1.2345678901234567e-5, 2.5e-4, 3e-6, 1, -0.0);
    a.recentSamples = {sample(kSnapshotNs - 69'000'000'000, 1e-3, 2e-4, 1e-6, 1, 1.1e-3), *a.lastSample};
    a.requestsSent = std::uint64_t(std::numeric_limits<std::int64_t>::max());
    a.repliesAccepted = 30;
    a.repliesRejected = 2;
    a.lastRejectReason = "duplicate reply";
    a.kissCode = "RATE";
    a.stats = {12, 7, 704.9, -0.058, 0.123, -2.5e-7, 9.9e-7};
    a.adjustedOffset = -1.2e-5;
    a.errorBound = 1.3e-4;
    a.unselectableReason = "it requires authentication with key 1, which is not supported yet";
    NtpExchangeSnapshot exchange;
    exchange.localAddress = *IpAddress::parse("192.0.2.100");
    exchange.version = 3;
    exchange.mode = NtpMode::SymmetricPassive;
    exchange.poll = -7;
    exchange.precision = -25;
    exchange.referenceTime = realTimeFromNanos(kSnapshotNs - 16'500'000'000);
    exchange.responseTime = 1.25e-5;
    a.lastExchange = exchange;
    a.selectionLetter = '*';

    SourceSnapshot b;
    b.id = 8;
    b.name = "2001:db8::1";
    b.address = {*IpAddress::parse("2001:db8::1"), 10123};
    b.kind = SourceKind::Peer;
    b.state = SourceState::Falseticker;
    b.stratum = 3;
    b.poll = -2;
    b.reach = 0x55;
    b.leap = LeapIndicator::DeleteSecond;
    b.stats = {3, 2, 1.5, 1e6, 2e6, 1e3, 4.0};
    b.lastExchange = NtpExchangeSnapshot{}; // a reply whose destination the host could not tell

    SourceSnapshot c; // unresolved: no address, but a port
    c.id = 9;
    c.name = "unresolved.example";
    c.address.port = 4123;
    c.kind = SourceKind::RefClock;
    c.state = SourceState::TooVariable;
    c.driverStatus = "/dev/pps0: no such device";
    c.driverFault = true;
    c.selectionLetter = 'd';

    s.sources = {a, b, c};
    s.configWarnings = {"/etc/stratumone/stratumone.conf:3:1: warning: 'ratelimit' has no effect yet",
                        "/etc/stratumone/stratumone.conf:7:18: warning: option 'key' of 'server' has no effect yet"};
    s.hostTime = realTimeFromNanos(kSnapshotNs - 3'600'000'000'000);
    s.unresolved = {UnresolvedName{"pool.invalid", true, true}, UnresolvedName{"ntp.invalid", false, false}};
    return s;
}

QByteArray stripNewline(const QByteArray &line)
{
    return line.endsWith('\n') ? line.chopped(1) : line;
}

TrackingReport richTracking()
{
    TrackingReport t;
    t.referenceId = 0x50505300;
    t.referenceName = "PPS";
    t.stratum = 1;
    t.referenceTime = realTimeFromNanos(kSnapshotNs);
    t.systemTimeOffset = 2.105e-6;
    t.lastOffset = 3.065e-6;
    t.rmsOffset = 1.946e-6;
    t.frequencyPpm = -1.916;
    t.residualFrequencyPpm = 0.077;
    t.skewPpm = 0.036;
    t.rootDelay = 1e-9;
    t.rootDispersion = 1.5331e-5;
    t.updateInterval = 16;
    t.leap = LeapIndicator::DeleteSecond;
    return t;
}

template <typename Report>
void checkRoundTrip(const Report &report)
{
    // Through text, as it crosses the socket.
    const QByteArray text = QJsonDocument(toJson(report)).toJson(QJsonDocument::Compact);
    QString error;
    const auto back = reportFromJson<Report>(QJsonDocument::fromJson(text).object(), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QVERIFY2(*back == report, text.constData());
}

template <typename Row>
void checkRowsRoundTrip(const std::vector<Row> &rows)
{
    const QByteArray text = QJsonDocument(toJsonArray(rows)).toJson(QJsonDocument::Compact);
    QString error;
    const auto back = rowsFromJson<Row>(QJsonDocument::fromJson(text).array(), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QVERIFY2(*back == rows, text.constData());
}

} // namespace

class TestControlProtocol : public QObject
{
    Q_OBJECT
private slots:
    void configurationJsonRoundTrip();
    void snapshotRoundTrip();
    void snapshotRoundTripDefault();
    void snapshotKeepsPlainHostFields();
    void snapshotDecodeErrors_data();
    void snapshotDecodeErrors();
    void reportRoundTrips();

    void requestRoundTripEveryCommand();
    void requestWithArgs();
    void requestErrors_data();
    void requestErrors();
    void commandsThatChangeState();
    void responsesAndEvents();
    void messageErrors();

    void framerSplitsLines();
    void framerBoundsLines();
    void framerLongLineAfterShortOnes();
};

void TestControlProtocol::snapshotRoundTrip()
{
    const EngineSnapshot s = richSnapshot();
    const QByteArray text = QJsonDocument(snapshotToJson(s)).toJson(QJsonDocument::Compact);
    QString error;
    const auto back = snapshotFromJson(QJsonDocument::fromJson(text).object(), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    // Field by field first, for a readable failure, then the whole.
    QCOMPARE(back->time, s.time);
    QVERIFY(back->reference == s.reference);
    QVERIFY(back->server == s.server);
    QCOMPARE(back->sources.size(), s.sources.size());
    for (std::size_t i = 0; i < s.sources.size(); ++i) {
        QVERIFY(back->sources[i].stats == s.sources[i].stats);
        QVERIFY(back->sources[i].recentSamples == s.sources[i].recentSamples);
        QVERIFY2(back->sources[i] == s.sources[i], s.sources[i].name.c_str());
    }
    QVERIFY(*back == s);
    // And the encoding is stable: encoding the decoded snapshot gives the same text.
    QCOMPARE(QJsonDocument(snapshotToJson(*back)).toJson(QJsonDocument::Compact), text);
}

void TestControlProtocol::snapshotRoundTripDefault()
{
    const EngineSnapshot s;
    const auto back = snapshotFromJson(snapshotToJson(s));
    QVERIFY(back.has_value());
    QVERIFY(*back == s);
}

void TestControlProtocol::snapshotKeepsPlainHostFields()
{
    // The plain host's JSON lines are read by scripts and tests: these members keep their form.
    const QJsonObject o = snapshotToJson(richSnapshot());
    QCOMPARE(o.value("time").toString(), QString::number(kSnapshotNs));
    const QJsonObject source = o.value("sources").toArray().first().toObject();
    QCOMPARE(source.value("address").toString(), QStringLiteral("192.0.2.1:123"));
    QCOMPARE(source.value("ip").toString(), QStringLiteral("192.0.2.1"));
    QCOMPARE(source.value("reach").toInt(), 0377);
    QCOMPARE(source.value("state").toString(), QStringLiteral("selected"));
    QCOMPARE(source.value("lastSample").toObject().value("offset").toDouble(), -1.2345678901234567e-5);
    QCOMPARE(o.value("server").toObject().value("packetsReceived").toInteger(), qint64(123456789012345));
    QVERIFY(o.value("sources").toArray().at(2).toObject().value("address").isNull());
}

void TestControlProtocol::snapshotDecodeErrors_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("where");
    QTest::newRow("missing time") << R"({"sources":[]})"
                                  << "time: missing";
    QTest::newRow("time as number") << R"({"time":12})"
                                    << "time: expected Unix nanoseconds";
    QTest::newRow("time not digits") << R"({"time":"soon"})"
                                     << "time: expected Unix nanoseconds";
    QTest::newRow("reach text") << R"({"time":"1","sources":[{"reach":"377"}]})"
                                << "sources[0].reach: expected an integer";
    QTest::newRow("reach too big") << R"({"time":"1","sources":[{"reach":256}]})"
                                   << "sources[0].reach: 256 is out of range";
    QTest::newRow("fraction") << R"({"time":"1","sources":[{},{"poll":1.5}]})"
                              << "sources[1].poll: expected an integer";
    QTest::newRow("unknown state") << R"({"time":"1","sources":[{"state":"happy"}]})"
                                   << "sources[0].state: unknown value \"happy\"";
    QTest::newRow("bad ip") << R"({"time":"1","sources":[{"ip":"300.1.1.1"}]})"
                            << "sources[0].ip: not an IP address";
    QTest::newRow("sources not array") << R"({"time":"1","sources":{}})"
                                       << "sources: expected an array";
    QTest::newRow("source not object") << R"({"time":"1","sources":[3]})"
                                       << "sources[0]: expected an object";
    QTest::newRow("negative counter") << R"({"time":"1","server":{"repliesSent":-1}})"
                                      << "server.repliesSent: expected a non-negative";
    QTest::newRow("reference leap") << R"({"time":"1","reference":{"leap":3}})"
                                    << "reference.leap: expected a string";
    QTest::newRow("sample offset") << R"({"time":"1","sources":[{"samples":[{"offset":"x"}]}]})"
                                   << "sources[0].samples[0].offset: expected a number";
}

void TestControlProtocol::snapshotDecodeErrors()
{
    QFETCH(QString, json);
    QFETCH(QString, where);
    QString error;
    const auto s = snapshotFromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &error);
    QVERIFY(!s.has_value());
    QVERIFY2(error.startsWith(where), qPrintable(error));
}

void TestControlProtocol::reportRoundTrips()
{
    checkRoundTrip(richTracking());
    checkRoundTrip(TrackingReport{});

    SourceReportRow row;
    row.mode = SourceKind::RefClock;
    row.state = SourceState::TooVariable;
    row.name = "PPS";
    row.stratum = 0;
    row.poll = -3;
    row.reach = 0377;
    row.lastRxAge = std::chrono::seconds(4000000000LL);
    row.adjustedOffset = -1.234e-9;
    row.measuredOffset = 5e-3;
    row.errorBound = 7.77e-8;
    SourceReportRow never = row;
    never.lastRxAge.reset();
    checkRowsRoundTrip(std::vector<SourceReportRow>{row, never, SourceReportRow{}});

    SourceStatsRow stats;
    stats.name = "192.0.2.1";
    stats.samples = 64;
    stats.runs = 33;
    stats.span = std::chrono::seconds(86400);
    stats.frequencyPpm = -0.001;
    stats.frequencySkewPpm = 0.5;
    stats.offset = 1e-7;
    stats.stdDev = 2e-8;
    checkRowsRoundTrip(std::vector<SourceStatsRow>{stats, SourceStatsRow{}});

    checkRoundTrip(ActivityReport{5, 1, 2, 3, 4});
    ServerStatsReport server;
    server.ntpPacketsReceived = 1ULL << 40;
    server.ntpPacketsDropped = 2;
    server.commandPacketsReceived = 3;
    server.commandPacketsDropped = 4;
    server.ntpHardwareTxTimestamps = 17;
    checkRoundTrip(server);

    SelectDataRow select;
    select.state = 'D';
    select.name = "2001:db8::1";
    select.authenticated = true;
    select.configured = {true, false, true, false};
    select.effective = {false, true, false, true};
    select.lastSampleAge = std::chrono::seconds(12);
    select.score = 1.5;
    select.lowLimit = -3e-5;
    select.highLimit = 2e-5;
    select.leap = LeapIndicator::None;
    checkRowsRoundTrip(std::vector<SelectDataRow>{select, SelectDataRow{}});

    NtpDataReport ntp;
    ntp.remoteAddress = "192.0.2.1";
    ntp.remoteRefId = 0xC0000201;
    ntp.remotePort = 123;
    ntp.localAddress = "192.0.2.2";
    ntp.localRefId = 0xC0000202;
    ntp.leap = LeapIndicator::None;
    ntp.version = 4;
    ntp.mode = NtpDataReport::Mode::SymmetricPassive;
    ntp.stratum = 1;
    ntp.poll = 10;
    ntp.precision = -24;
    ntp.rootDelay = 1.5e-5;
    ntp.rootDispersion = 1.5e-5;
    ntp.referenceId = 0x47505300;
    ntp.referenceTime = realTimeFromNanos(kSnapshotNs);
    ntp.offset = -6.0878e-5;
    ntp.peerDelay = 1.75634e-4;
    ntp.peerDispersion = 6.81e-7;
    ntp.responseTime = 5.305e-5;
    ntp.jitterAsymmetry = 0.25;
    ntp.tests = 0x2ff;
    ntp.interleaved = true;
    ntp.authenticated = true;
    ntp.txTimestamping = TimestampSource::Hardware;
    ntp.rxTimestamping = TimestampSource::Kernel;
    ntp.totalTx = 24;
    ntp.totalRx = 23;
    ntp.totalValidRx = 22;
    ntp.totalGoodRx = 21;
    ntp.totalKernelTx = 20;
    ntp.totalKernelRx = 19;
    ntp.totalHwTx = 18;
    ntp.totalHwRx = 17;
    checkRowsRoundTrip(std::vector<NtpDataReport>{ntp, NtpDataReport{}});

    QString error;
    QVERIFY(!reportFromJson<TrackingReport>(QJsonObject{{"leap", "sometimes"}}, &error));
    QVERIFY2(error.startsWith("leap: unknown value"), qPrintable(error));
    QVERIFY(!rowsFromJson<SelectDataRow>(QJsonArray{QJsonObject{{"state", "ab"}}}, &error));
    QVERIFY2(error.startsWith("rows[0].state"), qPrintable(error));
}

void TestControlProtocol::requestRoundTripEveryCommand()
{
    const Command all[] = {Command::Snapshot, Command::Tracking,    Command::Sources,     Command::SourceStats,
                           Command::Activity, Command::ServerStats, Command::SelectData,  Command::NtpData,
                           Command::Clients,  Command::Subscribe,   Command::Unsubscribe, Command::Reload,
                           Command::MakeStep};
    qint64 id = 0;
    for (Command command : all) {
        const QByteArray line = encodeRequest({++id, command, {}});
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1);
        const ParsedRequest parsed = parseRequest(stripNewline(line));
        QVERIFY2(parsed.request.has_value(), qPrintable(parsed.error));
        QCOMPARE(parsed.request->id, id);
        QVERIFY(parsed.request->command == command);
        QCOMPARE(commandFromName(commandName(command)), std::optional<Command>(command));
    }
    QCOMPARE(parseRequest(R"({"v":1,"id":3,"cmd":"tracking"})").request->command, Command::Tracking);
}

void TestControlProtocol::requestWithArgs()
{
    const QByteArray line = encodeRequest({-5, Command::NtpData, {{"address", "192.0.2.1"}, {"names", "numeric"}}});
    const ParsedRequest parsed = parseRequest(stripNewline(line));
    QVERIFY(parsed.request.has_value());
    QCOMPARE(parsed.request->id, qint64(-5));
    QCOMPARE(parsed.request->args.value("address").toString(), QStringLiteral("192.0.2.1"));
    // Large ids survive (JSON numbers are int64 here).
    const ParsedRequest big = parseRequest(R"({"v":1,"id":9007199254740993,"cmd":"sources"})");
    QVERIFY(big.request.has_value());
    QCOMPARE(big.request->id, qint64(9007199254740993));
}

void TestControlProtocol::requestErrors_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QJsonValue>("id");
    QTest::newRow("not json") << QByteArray("tracking") << "not JSON" << QJsonValue();
    QTest::newRow("truncated") << QByteArray(R"({"v":1,"id":2,"cmd":"track)") << "not JSON" << QJsonValue();
    QTest::newRow("array") << QByteArray(R"([1,2])") << "a request must be a JSON object" << QJsonValue();
    QTest::newRow("empty") << QByteArray() << "not JSON" << QJsonValue();
    QTest::newRow("no version") << QByteArray(R"({"id":4,"cmd":"tracking"})") << "missing protocol version"
                                << QJsonValue(4);
    QTest::newRow("version 2") << QByteArray(R"({"v":2,"id":4,"cmd":"tracking"})")
                               << "unsupported protocol version 2 (this server speaks 1)" << QJsonValue(4);
    QTest::newRow("version text") << QByteArray(R"({"v":"1","id":4,"cmd":"tracking"})")
                                  << "unsupported protocol version \"1\"" << QJsonValue(4);
    QTest::newRow("no id") << QByteArray(R"({"v":1,"cmd":"tracking"})") << "\"id\" must be an integer" << QJsonValue();
    QTest::newRow("id text") << QByteArray(R"({"v":1,"id":"a","cmd":"tracking"})") << "\"id\" must be an integer"
                             << QJsonValue();
    QTest::newRow("id fraction") << QByteArray(R"({"v":1,"id":1.5,"cmd":"tracking"})") << "\"id\" must be an integer"
                                 << QJsonValue();
    QTest::newRow("no cmd") << QByteArray(R"({"v":1,"id":6})") << "\"cmd\" must be a string" << QJsonValue(6);
    QTest::newRow("unknown cmd") << QByteArray(R"({"v":1,"id":7,"cmd":"shutdown"})") << "unknown command \"shutdown\""
                                 << QJsonValue(7);
    QTest::newRow("duplicate cmd") << QByteArray(R"({"v":1,"id":9,"cmd":"tracking","cmd":"reload"})")
                                   << "duplicate key \"cmd\" in the request" << QJsonValue(9);
    QTest::newRow("duplicate id") << QByteArray(R"({"v":1,"id":9,"id":10,"cmd":"tracking"})")
                                  << "duplicate key \"id\" in the request" << QJsonValue();
    QTest::newRow("duplicate nested") << QByteArray(
        R"({"v":1,"id":9,"cmd":"sources","args":{"names":"numeric","names":"x"}})")
                                      << "duplicate key \"args.names\" in the request" << QJsonValue(9);
    QTest::newRow("args array") << QByteArray(R"({"v":1,"id":8,"cmd":"sources","args":[]})")
                                << "\"args\" must be an object" << QJsonValue(8);
}

void TestControlProtocol::requestErrors()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, error);
    QFETCH(QJsonValue, id);
    const ParsedRequest parsed = parseRequest(line);
    QVERIFY(!parsed.request.has_value());
    QVERIFY2(parsed.error.startsWith(error), qPrintable(parsed.error));
    QCOMPARE(parsed.id, id);
}

void TestControlProtocol::configurationJsonRoundTrip()
{
    ConfigurationText text;
    text.main = {"/etc/stratumone/stratumone.conf", "server a iburst\r\n# \xc3\xa9t\xc3\xa9\n"};
    text.revision = "md5:0123";
    text.builtIn = true;
    text.includes = {{"/etc/stratumone/conf.d/a.conf", "allow 10/8\n"}};
    const auto back = configurationTextFromJson(
        QJsonDocument::fromJson(QJsonDocument(configurationTextToJson(text)).toJson()).object());
    QVERIFY(back);
    QCOMPARE(back->main.path, text.main.path);
    QCOMPARE(back->main.text, text.main.text);
    QCOMPARE(back->revision, text.revision);
    QCOMPARE(back->builtIn, true);
    QCOMPARE(back->includes.size(), std::size_t(1));
    QCOMPARE(back->includes[0].text, text.includes[0].text);
    QString error;
    QVERIFY(!configurationTextFromJson(QJsonObject{{"path", "x"}}, &error));
    QVERIFY(!error.isEmpty());

    using Outcome = ConfigurationApplyResult::Outcome;
    for (const Outcome outcome :
         {Outcome::Applied, Outcome::Invalid, Outcome::Conflict, Outcome::WriteFailed, Outcome::ReloadFailed}) {
        ConfigurationApplyResult result;
        result.outcome = outcome;
        result.message = "words";
        result.revision = "absent";
        result.problems = {{ConfigurationProblem::Severity::Warning, "f.conf", 3, 7, "careful"},
                           {ConfigurationProblem::Severity::Error, "f.conf", 0, 0, "bad"}};
        const auto decoded = applyResultFromJson(applyResultToJson(result));
        QVERIFY(decoded);
        QCOMPARE(decoded->outcome, outcome);
        QCOMPARE(decoded->message, result.message);
        QCOMPARE(decoded->revision, result.revision);
        QCOMPARE(decoded->problems.size(), std::size_t(2));
        QCOMPARE(decoded->problems[0].severity, ConfigurationProblem::Severity::Warning);
        QCOMPARE(decoded->problems[0].line, 3);
        QCOMPARE(decoded->problems[0].column, 7);
        QCOMPARE(decoded->problems[1].severity, ConfigurationProblem::Severity::Error);
    }
    QVERIFY(!applyResultFromJson(QJsonObject{{"outcome", "maybe"}}, &error));
}

void TestControlProtocol::commandsThatChangeState()
{
    QVERIFY(changesState(Command::Reload));
    QVERIFY(changesState(Command::MakeStep));
    QVERIFY(!changesState(Command::Tracking));
    QVERIFY(!changesState(Command::Subscribe));
    QVERIFY(!changesState(Command::Snapshot));
    // Replacing the configuration changes state; reading it only needs the local socket.
    QVERIFY(changesState(Command::ApplyConfiguration));
    QVERIFY(!changesState(Command::ConfigurationText));
    QVERIFY(needsLocalSocket(Command::ApplyConfiguration));
    QVERIFY(needsLocalSocket(Command::ConfigurationText));
    QVERIFY(needsLocalSocket(Command::Reload));
    QVERIFY(!needsLocalSocket(Command::Configuration));
    QVERIFY(!needsLocalSocket(Command::Tracking));
    QCOMPARE(commandFromName("configtext"), std::optional(Command::ConfigurationText));
    QCOMPARE(commandFromName("applyconfig"), std::optional(Command::ApplyConfiguration));
}

void TestControlProtocol::responsesAndEvents()
{
    const QByteArray ok = encodeResult(QJsonValue(12), QJsonArray{1, 2});
    QCOMPARE(ok, QByteArray(R"({"id":12,"ok":true,"result":[1,2],"v":1})"
                            "\n"));
    const auto okMessage = parseMessage(stripNewline(ok));
    QVERIFY(okMessage.has_value());
    QVERIFY(okMessage->kind == ControlMessage::Kind::Response);
    QVERIFY(okMessage->ok);
    QCOMPARE(okMessage->id.toInteger(), qint64(12));
    QCOMPARE(okMessage->result.toArray().size(), 2);

    const QByteArray failed = encodeError(QJsonValue(), QStringLiteral("line 1\nline 2"));
    QCOMPARE(failed.count('\n'), 1); // a newline in a message is escaped, never breaks framing
    const auto failedMessage = parseMessage(stripNewline(failed));
    QVERIFY(failedMessage.has_value());
    QVERIFY(!failedMessage->ok);
    QVERIFY(failedMessage->id.isNull());
    QCOMPARE(failedMessage->error, QStringLiteral("line 1\nline 2"));

    const EngineSnapshot snapshot = richSnapshot();
    const QByteArray event = encodeSnapshotEvent(snapshotToJson(snapshot));
    QCOMPARE(event.count('\n'), 1);
    const auto eventMessage = parseMessage(stripNewline(event));
    QVERIFY(eventMessage.has_value());
    QVERIFY(eventMessage->kind == ControlMessage::Kind::Event);
    QCOMPARE(eventMessage->event, QStringLiteral("snapshot"));
    const auto decoded = snapshotFromJson(eventMessage->body.value("snapshot").toObject());
    QVERIFY(decoded.has_value());
    QVERIFY(*decoded == snapshot);
}

void TestControlProtocol::messageErrors()
{
    QString error;
    QVERIFY(!parseMessage("nonsense", &error));
    QVERIFY(error.startsWith("not JSON"));
    QVERIFY(!parseMessage(R"({"v":2,"id":1,"ok":true})", &error));
    QVERIFY(error.contains("version"));
    QVERIFY(!parseMessage(R"({"v":1,"id":1})", &error));
    QVERIFY(error.contains("\"ok\""));
}

void TestControlProtocol::framerSplitsLines()
{
    LineFramer framer(100);
    framer.append("one\ntw");
    QCOMPARE(framer.next(), std::optional<QByteArray>("one"));
    QCOMPARE(framer.next(), std::nullopt);
    framer.append("o\r\n\nthree\n");
    QCOMPARE(framer.next(), std::optional<QByteArray>("two"));
    QCOMPARE(framer.next(), std::optional<QByteArray>(""));
    QCOMPARE(framer.next(), std::optional<QByteArray>("three"));
    QCOMPARE(framer.next(), std::nullopt);
    QCOMPARE(framer.buffered(), qsizetype(0));
    QVERIFY(!framer.overflowed());
}

void TestControlProtocol::framerBoundsLines()
{
    constexpr qsizetype kMax = 16;
    LineFramer exact(kMax);
    exact.append(QByteArray(kMax, 'x') + '\n');
    QCOMPARE(exact.next()->size(), kMax);
    QVERIFY(!exact.overflowed());

    LineFramer tooLong(kMax);
    tooLong.append(QByteArray(kMax + 1, 'x') + '\n');
    QCOMPARE(tooLong.next(), std::nullopt);
    QVERIFY(tooLong.overflowed());

    // No newline ever: the framer gives up as soon as the partial line passes the limit, and
    // stops buffering.
    LineFramer endless(kMax);
    for (int i = 0; i < 100; ++i)
        endless.append("xxxx");
    QVERIFY(endless.overflowed());
    QVERIFY(endless.buffered() <= kMax + 4);
    QCOMPARE(endless.next(), std::nullopt);

    // The real bound: 64 KiB of request, not a byte more.
    LineFramer request(kMaxRequestBytes);
    request.append(QByteArray(kMaxRequestBytes + 1, '{'));
    QVERIFY(request.overflowed());
}

void TestControlProtocol::framerLongLineAfterShortOnes()
{
    LineFramer framer(8);
    framer.append("ok\n0123456789");
    QCOMPARE(framer.next(), std::optional<QByteArray>("ok"));
    QCOMPARE(framer.next(), std::nullopt);
    QVERIFY(framer.overflowed());
}

QTEST_GUILESS_MAIN(TestControlProtocol)
#include "tst_controlprotocol.moc"
