// The chrony.conf reader: lexing as chronyd, the implemented directives and options, every
// diagnostic with its exact position and text, and Subnet arithmetic.
#include "config/ConfigReader.h"
#include "config/EngineConfig.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace s1;

namespace {

const std::string kFile = "test.conf";

ConfigReadResult read(const QByteArray &text)
{
    return readConfigText(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), kFile);
}

QStringList diagnostics(const ConfigReadResult &result)
{
    QStringList lines;
    for (const ConfigDiagnostic &d : result.diagnostics)
        lines << QString::fromStdString(d.toString());
    return lines;
}

// "allow all 10.0.0.0/8", "deny" - readable in failure messages.
QString describe(const AccessRule &rule)
{
    QString text = rule.allow ? QStringLiteral("allow") : QStringLiteral("deny");
    if (rule.all)
        text += QStringLiteral(" all");
    if (rule.subnet)
        text += QLatin1Char(' ') + QString::fromStdString(rule.subnet->toString());
    return text;
}

IpAddress ip(const char *text)
{
    const auto parsed = IpAddress::parse(text);
    if (!parsed)
        qFatal("bad test address %s", text);
    return *parsed;
}

} // namespace

class TestConfigReader : public QObject
{
    Q_OBJECT

private slots:
    // Lexing
    void emptyTextGivesDefaults();
    void commentsAndBlankLines();
    void trailingCommentIsNotAComment();
    void directiveAndOptionNamesAreCaseInsensitive();
    void columnsCountBytesIncludingTabs();
    void crlfLineEndings();
    void lineNumbersCountEveryLine();

    // Sources
    void serverDefaults();
    void serverWithAllImplementedOptions();
    void poolAndPeerKinds();
    void maxpollIsRaisedToMinpoll();
    void pollLimits_data();
    void pollLimits();
    void repeatedOptionLastWins();
    void maxsourcesOnServerWarns();
    void unimplementedSourceOptions_data();
    void unimplementedSourceOptions();
    void unimplementedOptionWarnsOncePerKind();
    void sourceErrors_data();
    void sourceErrors();
    void sourceWithErrorIsNotAdded();

    // allow / deny
    void accessRules_data();
    void accessRules();
    void accessRulesKeepOrder();
    void accessErrors_data();
    void accessErrors();

    // local, port
    void localDefaults();
    void localOptions();
    void laterLocalLineReplacesEarlier();
    void localErrors_data();
    void localErrors();
    void port_data();
    void port();
    void portErrors_data();
    void portErrors();

    // Other directives
    void unsupportedDirectivesWarn_data();
    void unsupportedDirectivesWarn();
    void unknownDirective();
    void errorsDoNotStopReading();
    void chronySeedExamples();

    // Diagnostics and files
    void diagnosticToString();
    void missingFile();
    void directoryIsUnreadable();
    void readsFile();

    // Subnet
    void subnetOfClearsHostBits_data();
    void subnetOfClearsHostBits();
    void subnetContains_data();
    void subnetContains();
    void subnetWithoutFamilyContainsNothing();
};

// ---- lexing

void TestConfigReader::emptyTextGivesDefaults()
{
    const ConfigReadResult result = read("");
    QVERIFY(result.ok());
    QVERIFY(result.diagnostics.empty());
    QVERIFY(result.config == EngineConfig{});
}

void TestConfigReader::commentsAndBlankLines()
{
    const ConfigReadResult result = read("# hash\n"
                                         "% percent\n"
                                         "; semicolon\n"
                                         "! exclamation\n"
                                         "   # indented comment\n"
                                         "\t! tab-indented comment\n"
                                         "#server commented.example.net\n"
                                         "\n"
                                         "   \t  \n"
                                         "server a.example.net\n");
    QCOMPARE(diagnostics(result), QStringList());
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    QCOMPARE(result.config.sources[0].host, std::string("a.example.net"));
    QCOMPARE(result.config.sources[0].origin, std::string("test.conf:10"));
}

void TestConfigReader::trailingCommentIsNotAComment()
{
    // chronyd only recognises whole-line comments; the rest of the line is arguments.
    const ConfigReadResult result = read("server a.example.net iburst # nearby\n"
                                         "port 123 ; old port\n");
    QCOMPARE(diagnostics(result),
             QStringList({"test.conf:1:29: error: unknown option '#' for 'server' (comments must be on a line of their own)",
                          "test.conf:2:10: error: unexpected argument ';' for 'port' (comments must be on a line of their own)"}));
    QVERIFY(!result.ok());
}

void TestConfigReader::directiveAndOptionNamesAreCaseInsensitive()
{
    const ConfigReadResult result = read("SERVER A.Example.NET IBurst MinPoll 4 MAXPOLL 5 Prefer NOSELECT Port 1123 VERSION 3\n"
                                         "Pool p.example.net MaxSources 2\n"
                                         "ALLOW 10/8\n"
                                         "Deny all\n"
                                         "LOCAL Stratum 7 ORPHAN Distance 2\n"
                                         "PoRt 4123\n");
    QCOMPARE(diagnostics(result), QStringList());
    QCOMPARE(result.config.sources.size(), std::size_t(2));
    const SourceConfig &s = result.config.sources[0];
    QCOMPARE(s.host, std::string("A.Example.NET")); // host names keep their spelling
    QVERIFY(s.iburst && s.prefer && s.noselect);
    QCOMPARE(s.minPoll, 4);
    QCOMPARE(s.maxPoll, 5);
    QCOMPARE(s.port, std::uint16_t(1123));
    QCOMPARE(s.version, 3);
    QCOMPARE(result.config.sources[1].maxSources, 2);
    QCOMPARE(result.config.ntpAccess.size(), std::size_t(2));
    QCOMPARE(describe(result.config.ntpAccess[0]), QStringLiteral("allow 10.0.0.0/8"));
    QCOMPARE(describe(result.config.ntpAccess[1]), QStringLiteral("deny all"));
    QVERIFY(result.config.local.enabled);
    QCOMPARE(result.config.local.stratum, 7);
    QVERIFY(result.config.local.orphan);
    QCOMPARE(result.config.local.distance, 2.0);
    QCOMPARE(result.config.ntpPort, std::uint16_t(4123));
}

void TestConfigReader::columnsCountBytesIncludingTabs()
{
    const ConfigReadResult result = read("\tserver\ta.example.net\tminpoll\tx\n");
    QCOMPARE(diagnostics(result),
             QStringList({"test.conf:1:31: error: invalid value 'x' for 'minpoll': expected an integer"}));
}

void TestConfigReader::crlfLineEndings()
{
    const ConfigReadResult result = read("server a.example.net iburst\r\nport 0\r\n# note\r\n");
    QCOMPARE(diagnostics(result), QStringList());
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    QVERIFY(result.config.sources[0].iburst);
    QCOMPARE(result.config.ntpPort, std::uint16_t(0));
}

void TestConfigReader::lineNumbersCountEveryLine()
{
    const ConfigReadResult result = read("# one\n\nserver\n\n  bogus\nserver x.example.net");
    QCOMPARE(diagnostics(result),
             QStringList({"test.conf:3:1: error: 'server' needs a host name or address",
                          "test.conf:5:3: error: unknown directive 'bogus'"}));
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    QCOMPARE(result.config.sources[0].origin, std::string("test.conf:6"));
}

// ---- sources

void TestConfigReader::serverDefaults()
{
    const ConfigReadResult result = read("server ntp.example.net\n");
    QVERIFY(result.ok());
    QVERIFY(result.diagnostics.empty());
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    SourceConfig expected;
    expected.kind = SourceConfig::Kind::Server;
    expected.host = "ntp.example.net";
    expected.origin = "test.conf:1";
    QVERIFY(result.config.sources[0] == expected);
    QCOMPARE(expected.port, kNtpDefaultPort);
    QCOMPARE(expected.minPoll, kDefaultMinPoll);
    QCOMPARE(expected.maxPoll, kDefaultMaxPoll);
}

void TestConfigReader::serverWithAllImplementedOptions()
{
    const ConfigReadResult result = read("server 192.0.2.1 minpoll -2 maxpoll 8 iburst prefer noselect port 1123 version 3\n");
    QCOMPARE(diagnostics(result), QStringList());
    const SourceConfig &s = result.config.sources.at(0);
    QCOMPARE(s.kind, SourceConfig::Kind::Server);
    QCOMPARE(s.host, std::string("192.0.2.1"));
    QCOMPARE(s.minPoll, -2);
    QCOMPARE(s.maxPoll, 8);
    QVERIFY(s.iburst);
    QVERIFY(s.prefer);
    QVERIFY(s.noselect);
    QCOMPARE(s.port, std::uint16_t(1123));
    QCOMPARE(s.version, 3);
    QCOMPARE(s.maxSources, kDefaultPoolMaxSources);
}

void TestConfigReader::poolAndPeerKinds()
{
    const ConfigReadResult result = read("pool pool.example.net iburst maxsources 16\n"
                                         "peer 2001:db8::7 port 124\n"
                                         "pool other.example.net maxsources 1\n");
    QCOMPARE(diagnostics(result), QStringList());
    QCOMPARE(result.config.sources.size(), std::size_t(3));
    QCOMPARE(result.config.sources[0].kind, SourceConfig::Kind::Pool);
    QCOMPARE(result.config.sources[0].maxSources, 16);
    QVERIFY(result.config.sources[0].iburst);
    QCOMPARE(result.config.sources[1].kind, SourceConfig::Kind::Peer);
    QCOMPARE(result.config.sources[1].host, std::string("2001:db8::7"));
    QCOMPARE(result.config.sources[1].port, std::uint16_t(124));
    QCOMPARE(result.config.sources[2].maxSources, 1);
}

void TestConfigReader::maxpollIsRaisedToMinpoll()
{
    const ConfigReadResult result = read("server a.example.net minpoll 12\n"
                                         "server b.example.net maxpoll 3 minpoll 5\n");
    QCOMPARE(diagnostics(result), QStringList());
    QCOMPARE(result.config.sources[0].minPoll, 12);
    QCOMPARE(result.config.sources[0].maxPoll, 12); // default 10 raised
    QCOMPARE(result.config.sources[1].minPoll, 5);
    QCOMPARE(result.config.sources[1].maxPoll, 5);
}

void TestConfigReader::pollLimits_data()
{
    QTest::addColumn<QByteArray>("option");
    QTest::addColumn<int>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("minpoll lowest") << QByteArray("minpoll") << kMinPollLimit << true;
    QTest::newRow("minpoll highest") << QByteArray("minpoll") << kMaxPollLimit << true;
    QTest::newRow("minpoll below") << QByteArray("minpoll") << kMinPollLimit - 1 << false;
    QTest::newRow("minpoll above") << QByteArray("minpoll") << kMaxPollLimit + 1 << false;
    QTest::newRow("maxpoll lowest") << QByteArray("maxpoll") << kMinPollLimit << true;
    QTest::newRow("maxpoll highest") << QByteArray("maxpoll") << kMaxPollLimit << true;
    QTest::newRow("maxpoll below") << QByteArray("maxpoll") << kMinPollLimit - 1 << false;
    QTest::newRow("maxpoll above") << QByteArray("maxpoll") << kMaxPollLimit + 1 << false;
}

void TestConfigReader::pollLimits()
{
    QFETCH(QByteArray, option);
    QFETCH(int, value);
    QFETCH(bool, ok);
    // A low maxpoll would be raised to the default minpoll, so that is lowered behind it.
    const QByteArray lowMinPoll = option == "maxpoll" ? " minpoll " + QByteArray::number(kMinPollLimit) : QByteArray();
    const ConfigReadResult result = read("server s " + option + " " + QByteArray::number(value) + lowMinPoll);
    QCOMPARE(result.ok(), ok);
    if (ok)
        QCOMPARE(option == "minpoll" ? result.config.sources.at(0).minPoll : result.config.sources.at(0).maxPoll, value);
    else
        QCOMPARE(diagnostics(result),
                 QStringList({QStringLiteral("test.conf:1:%1: error: '%2' must be between -6 and 24, got %3")
                                  .arg(option.size() + 11)
                                  .arg(QString::fromLatin1(option))
                                  .arg(value)}));
}

void TestConfigReader::repeatedOptionLastWins()
{
    const ConfigReadResult result = read("server s minpoll 4 minpoll 5 port 1 port +2\n");
    QCOMPARE(diagnostics(result), QStringList());
    QCOMPARE(result.config.sources[0].minPoll, 5);
    QCOMPARE(result.config.sources[0].port, std::uint16_t(2)); // sscanf-style leading '+'
}

void TestConfigReader::maxsourcesOnServerWarns()
{
    // chronyd accepts maxsources on any source and uses it only for pools.
    const ConfigReadResult result = read("server s maxsources 3\npeer p maxsources 2\n");
    QVERIFY(result.ok());
    QCOMPARE(diagnostics(result),
             QStringList({"test.conf:1:10: warning: 'maxsources' applies only to pool; ignored",
                          "test.conf:2:8: warning: 'maxsources' applies only to pool; ignored"}));
    QCOMPARE(result.config.sources.size(), std::size_t(2));
    QCOMPARE(result.config.sources[0].maxSources, kDefaultPoolMaxSources);
}

void TestConfigReader::unimplementedSourceOptions_data()
{
    QTest::addColumn<QByteArray>("option");
    QTest::addColumn<QByteArray>("value");
    const char *flags[] = {"burst", "offline", "auto_offline", "trust", "require", "xleave", "nts", "copy", "ipv4", "ipv6"};
    for (const char *flag : flags)
        QTest::newRow(flag) << QByteArray(flag) << QByteArray();
    QTest::newRow("key") << QByteArray("key") << QByteArray("42");
    QTest::newRow("maxdelay") << QByteArray("maxdelay") << QByteArray("0.3");
    QTest::newRow("maxdelayratio") << QByteArray("maxdelayratio") << QByteArray("2");
    QTest::newRow("maxdelaydevratio") << QByteArray("maxdelaydevratio") << QByteArray("10.5");
    QTest::newRow("maxdelayquant") << QByteArray("maxdelayquant") << QByteArray("0.2");
    QTest::newRow("mindelay") << QByteArray("mindelay") << QByteArray("1e-4");
    QTest::newRow("asymmetry") << QByteArray("asymmetry") << QByteArray("-0.5");
    QTest::newRow("offset") << QByteArray("offset") << QByteArray("0.000123");
    QTest::newRow("minsamples") << QByteArray("minsamples") << QByteArray("4");
    QTest::newRow("maxsamples") << QByteArray("maxsamples") << QByteArray("64");
    QTest::newRow("maxunreach") << QByteArray("maxunreach") << QByteArray("100000");
    QTest::newRow("filter") << QByteArray("filter") << QByteArray("3");
    QTest::newRow("polltarget") << QByteArray("polltarget") << QByteArray("16");
    QTest::newRow("presend") << QByteArray("presend") << QByteArray("9");
    QTest::newRow("minstratum") << QByteArray("minstratum") << QByteArray("16");
    QTest::newRow("extfield") << QByteArray("extfield") << QByteArray("F323");
    QTest::newRow("extfield 0x") << QByteArray("extfield") << QByteArray("0xF324");
    QTest::newRow("ntsport") << QByteArray("ntsport") << QByteArray("4460");
    QTest::newRow("certset") << QByteArray("certset") << QByteArray("1");
}

void TestConfigReader::unimplementedSourceOptions()
{
    QFETCH(QByteArray, option);
    QFETCH(QByteArray, value);
    QByteArray line = "server s " + option;
    if (!value.isEmpty())
        line += " " + value;
    line += " iburst"; // proves the value was consumed and parsing went on
    const ConfigReadResult result = read(line);
    QVERIFY(result.ok());
    QCOMPARE(diagnostics(result),
             QStringList({QStringLiteral("test.conf:1:10: warning: option '%1' is not supported yet; ignored")
                              .arg(QString::fromLatin1(option))}));
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    QVERIFY(result.config.sources[0].iburst);
}

void TestConfigReader::unimplementedOptionWarnsOncePerKind()
{
    const ConfigReadResult result = read("server a burst key 1\n"
                                         "server b BURST key 2 xleave\n"
                                         "pool c burst\n");
    QVERIFY(result.ok());
    QCOMPARE(diagnostics(result),
             QStringList({"test.conf:1:10: warning: option 'burst' is not supported yet; ignored",
                          "test.conf:1:16: warning: option 'key' is not supported yet; ignored",
                          "test.conf:2:22: warning: option 'xleave' is not supported yet; ignored"}));
    QCOMPARE(result.config.sources.size(), std::size_t(3));
}

void TestConfigReader::sourceErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("no host") << QByteArray("server")
                             << QStringList{"test.conf:1:1: error: 'server' needs a host name or address"};
    QTest::newRow("no pool host") << QByteArray("  pool")
                                  << QStringList{"test.conf:1:3: error: 'pool' needs a host name or address"};
    QTest::newRow("no peer host") << QByteArray("peer")
                                  << QStringList{"test.conf:1:1: error: 'peer' needs a host name or address"};
    QTest::newRow("unknown option") << QByteArray("server s bogus 3 iburst")
                                    << QStringList{"test.conf:1:10: error: unknown option 'bogus' for 'server'"};
    QTest::newRow("missing minpoll") << QByteArray("server s minpoll")
                                     << QStringList{"test.conf:1:10: error: missing value for 'minpoll'"};
    QTest::newRow("bad minpoll") << QByteArray("server s minpoll x")
                                 << QStringList{"test.conf:1:18: error: invalid value 'x' for 'minpoll': expected an integer"};
    QTest::newRow("fractional maxpoll") << QByteArray("server s maxpoll 6.5")
                                        << QStringList{"test.conf:1:18: error: invalid value '6.5' for 'maxpoll': expected an integer"};
    QTest::newRow("huge maxpoll") << QByteArray("server s maxpoll 99999999999999999999")
                                  << QStringList{"test.conf:1:18: error: 'maxpoll' must be between -6 and 24, got 99999999999999999999"};
    QTest::newRow("port 0") << QByteArray("server s port 0")
                            << QStringList{"test.conf:1:15: error: 'port' must be between 1 and 65535, got 0"};
    QTest::newRow("port too big") << QByteArray("server s port 65536")
                                  << QStringList{"test.conf:1:15: error: 'port' must be between 1 and 65535, got 65536"};
    QTest::newRow("missing port") << QByteArray("server s iburst port")
                                  << QStringList{"test.conf:1:17: error: missing value for 'port'"};
    QTest::newRow("version 0") << QByteArray("server s version 0")
                               << QStringList{"test.conf:1:18: error: 'version' must be between 1 and 4, got 0"};
    QTest::newRow("version 5") << QByteArray("server s version 5")
                               << QStringList{"test.conf:1:18: error: 'version' must be between 1 and 4, got 5"};
    QTest::newRow("maxsources 0") << QByteArray("pool p maxsources 0")
                                  << QStringList{"test.conf:1:19: error: 'maxsources' must be between 1 and 16, got 0"};
    QTest::newRow("maxsources 17") << QByteArray("pool p maxsources 17")
                                   << QStringList{"test.conf:1:19: error: 'maxsources' must be between 1 and 16, got 17"};
    QTest::newRow("bad unimplemented real")
        << QByteArray("server s maxdelay abc")
        << QStringList{"test.conf:1:10: warning: option 'maxdelay' is not supported yet; ignored",
                       "test.conf:1:19: error: invalid value 'abc' for 'maxdelay': expected a number"};
    QTest::newRow("missing unimplemented value")
        << QByteArray("server s offset")
        << QStringList{"test.conf:1:10: warning: option 'offset' is not supported yet; ignored",
                       "test.conf:1:10: error: missing value for 'offset'"};
    QTest::newRow("key 0") << QByteArray("server s key 0")
                           << QStringList{"test.conf:1:10: warning: option 'key' is not supported yet; ignored",
                                          "test.conf:1:14: error: 'key' must be between 1 and 4294967295, got 0"};
    QTest::newRow("bad extfield") << QByteArray("server s extfield zz")
                                  << QStringList{"test.conf:1:10: warning: option 'extfield' is not supported yet; ignored",
                                                 "test.conf:1:19: error: invalid value 'zz' for 'extfield': expected a hexadecimal number"};
    QTest::newRow("minstratum 17") << QByteArray("server s minstratum 17")
                                   << QStringList{"test.conf:1:10: warning: option 'minstratum' is not supported yet; ignored",
                                                  "test.conf:1:21: error: 'minstratum' must be between 0 and 16, got 17"};
    QTest::newRow("several errors on a line")
        << QByteArray("server s minpoll x maxpoll 99 version 0")
        << QStringList{"test.conf:1:18: error: invalid value 'x' for 'minpoll': expected an integer",
                       "test.conf:1:28: error: 'maxpoll' must be between -6 and 24, got 99",
                       "test.conf:1:39: error: 'version' must be between 1 and 4, got 0"};
}

void TestConfigReader::sourceErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    const ConfigReadResult result = read(text);
    QCOMPARE(diagnostics(result), expected);
    QVERIFY(!result.ok());
}

void TestConfigReader::sourceWithErrorIsNotAdded()
{
    const ConfigReadResult result = read("server good.example.net\nserver bad.example.net minpoll 99\n");
    QVERIFY(!result.ok());
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    QCOMPARE(result.config.sources[0].host, std::string("good.example.net"));
}

// ---- allow / deny

void TestConfigReader::accessRules_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");

    QTest::newRow("allow") << QByteArray("allow") << "allow";
    QTest::newRow("deny") << QByteArray("deny") << "deny";
    QTest::newRow("allow all") << QByteArray("allow all") << "allow all";
    QTest::newRow("deny all") << QByteArray("deny all") << "deny all";
    QTest::newRow("v4 host") << QByteArray("allow 1.2.3.4") << "allow 1.2.3.4/32";
    QTest::newRow("v4 /24") << QByteArray("allow 192.168.1.0/24") << "allow 192.168.1.0/24";
    QTest::newRow("v4 host bits cleared") << QByteArray("allow 192.168.1.77/24") << "allow 192.168.1.0/24";
    QTest::newRow("v4 /0") << QByteArray("allow 0/0") << "allow 0.0.0.0/0";
    QTest::newRow("one octet") << QByteArray("deny 10") << "deny 10.0.0.0/8";
    QTest::newRow("one octet /8") << QByteArray("deny 10/8") << "deny 10.0.0.0/8";
    QTest::newRow("two octets") << QByteArray("allow 192.168") << "allow 192.168.0.0/16";
    QTest::newRow("two octets /16") << QByteArray("allow 192.168/16") << "allow 192.168.0.0/16";
    QTest::newRow("three octets") << QByteArray("allow 1.2.3") << "allow 1.2.3.0/24";
    QTest::newRow("shortened other prefix") << QByteArray("allow 6.7.8/22") << "allow 6.7.8.0/22";
    QTest::newRow("shortened cleared") << QByteArray("allow 10.255/12") << "allow 10.240.0.0/12";
    QTest::newRow("shortened /32") << QByteArray("allow 10.1/32") << "allow 10.1.0.0/32";
    QTest::newRow("v6 /32") << QByteArray("allow 2001:db8::/32") << "allow 2001:db8::/32";
    QTest::newRow("v6 host") << QByteArray("deny 2001:db8::1") << "deny 2001:db8::1/128";
    QTest::newRow("v6 bits cleared") << QByteArray("allow 2001:db8:ffff::1/33") << "allow 2001:db8:8000::/33";
    QTest::newRow("v6 /0") << QByteArray("allow ::/0") << "allow ::/0";
    QTest::newRow("v4 mapped v6") << QByteArray("allow ::ffff:10.0.0.0/104") << "allow ::ffff:10.0.0.0/104";
    QTest::newRow("deny all subnet") << QByteArray("deny all 10/8") << "deny all 10.0.0.0/8";
    QTest::newRow("allow all v6") << QByteArray("allow all fe80::/10") << "allow all fe80::/10";
    QTest::newRow("tabs") << QByteArray("allow\tall\t10.1/16") << "allow all 10.1.0.0/16";
}

void TestConfigReader::accessRules()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    const ConfigReadResult result = read(line);
    QCOMPARE(diagnostics(result), QStringList());
    QCOMPARE(result.config.ntpAccess.size(), std::size_t(1));
    QCOMPARE(describe(result.config.ntpAccess[0]), expected);
}

void TestConfigReader::accessRulesKeepOrder()
{
    const ConfigReadResult result = read("allow 10/8\ndeny 10.1/16\nallow all\n");
    QCOMPARE(diagnostics(result), QStringList());
    QStringList rules;
    for (const AccessRule &rule : result.config.ntpAccess)
        rules << describe(rule);
    QCOMPARE(rules, QStringList({"allow 10.0.0.0/8", "deny 10.1.0.0/16", "allow all"}));
}

void TestConfigReader::accessErrors_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");

    QTest::newRow("host name") << QByteArray("allow ntp.example.net")
                               << "test.conf:1:7: error: host names in allow/deny are not supported";
    QTest::newRow("host name after all") << QByteArray("deny all client-7")
                                         << "test.conf:1:10: error: host names in allow/deny are not supported";
    QTest::newRow("upper-case ALL is a host name")
        << QByteArray("allow ALL") << "test.conf:1:7: error: host names in allow/deny are not supported";
    QTest::newRow("v4 prefix too long") << QByteArray("allow 10.0.0.0/33")
                                        << "test.conf:1:7: error: prefix length 33 is longer than the 32 bits of the address";
    QTest::newRow("shortened prefix too long") << QByteArray("allow 10/40")
                                               << "test.conf:1:7: error: prefix length 40 is longer than the 32 bits of the address";
    QTest::newRow("v6 prefix too long") << QByteArray("deny 2001:db8::/129")
                                        << "test.conf:1:6: error: prefix length 129 is longer than the 128 bits of the address";
    QTest::newRow("bad prefix") << QByteArray("allow 1.2.3.4/x")
                                << "test.conf:1:7: error: invalid prefix length in '1.2.3.4/x'";
    QTest::newRow("empty prefix") << QByteArray("allow 1.2.3.4/")
                                  << "test.conf:1:7: error: invalid prefix length in '1.2.3.4/'";
    QTest::newRow("negative prefix") << QByteArray("allow 10/-1")
                                     << "test.conf:1:7: error: invalid prefix length in '10/-1'";
    QTest::newRow("octet too big") << QByteArray("allow 256/8") << "test.conf:1:7: error: invalid subnet '256/8'";
    QTest::newRow("five octets") << QByteArray("allow 1.2.3.4.5") << "test.conf:1:7: error: invalid subnet '1.2.3.4.5'";
    QTest::newRow("trailing dot") << QByteArray("allow 10.") << "test.conf:1:7: error: invalid subnet '10.'";
    QTest::newRow("bad v6") << QByteArray("allow 2001:db8:::1") << "test.conf:1:7: error: invalid subnet '2001:db8:::1'";
    QTest::newRow("host name with prefix") << QByteArray("allow lan/24") << "test.conf:1:7: error: invalid subnet 'lan/24'";
    QTest::newRow("two subnets") << QByteArray("allow 1.2.3.4 5.6.7.8")
                                 << "test.conf:1:15: error: unexpected argument '5.6.7.8' for 'allow'";
    QTest::newRow("all twice") << QByteArray("deny all all")
                               << "test.conf:1:10: error: host names in allow/deny are not supported";
}

void TestConfigReader::accessErrors()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    const ConfigReadResult result = read(line);
    QCOMPARE(diagnostics(result), QStringList{expected});
    QVERIFY(!result.ok());
    QVERIFY(result.config.ntpAccess.empty());
}

// ---- local, port

void TestConfigReader::localDefaults()
{
    const ConfigReadResult result = read("local\n");
    QCOMPARE(diagnostics(result), QStringList());
    QVERIFY(result.config.local.enabled);
    QCOMPARE(result.config.local.stratum, kDefaultLocalStratum);
    QVERIFY(!result.config.local.orphan);
    QCOMPARE(result.config.local.distance, 1.0);
    QVERIFY(!read("").config.local.enabled);
}

void TestConfigReader::localOptions()
{
    const ConfigReadResult result = read("local stratum 1 orphan distance 0.25 activate 0.5 waitsynced 100 waitunsynced 300\n");
    QVERIFY(result.ok());
    QCOMPARE(diagnostics(result),
             QStringList({"test.conf:1:38: warning: option 'activate' is not supported yet; ignored",
                          "test.conf:1:51: warning: option 'waitsynced' is not supported yet; ignored",
                          "test.conf:1:66: warning: option 'waitunsynced' is not supported yet; ignored"}));
    QVERIFY(result.config.local.enabled);
    QCOMPARE(result.config.local.stratum, 1);
    QVERIFY(result.config.local.orphan);
    QCOMPARE(result.config.local.distance, 0.25);
    QCOMPARE(read("local stratum 15").config.local.stratum, 15);
}

void TestConfigReader::laterLocalLineReplacesEarlier()
{
    // Each line starts from the defaults, as in chronyd: the orphan flag does not carry over.
    const ConfigReadResult result = read("local stratum 3 orphan\nlocal distance 2\n");
    QCOMPARE(diagnostics(result), QStringList());
    QCOMPARE(result.config.local.stratum, kDefaultLocalStratum);
    QVERIFY(!result.config.local.orphan);
    QCOMPARE(result.config.local.distance, 2.0);
}

void TestConfigReader::localErrors_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");
    QTest::newRow("stratum 0") << QByteArray("local stratum 0")
                               << "test.conf:1:15: error: 'stratum' must be between 1 and 15, got 0";
    QTest::newRow("stratum 16") << QByteArray("local stratum 16")
                                << "test.conf:1:15: error: 'stratum' must be between 1 and 15, got 16";
    QTest::newRow("stratum missing") << QByteArray("local orphan stratum")
                                     << "test.conf:1:14: error: missing value for 'stratum'";
    QTest::newRow("bad distance") << QByteArray("local distance far")
                                  << "test.conf:1:16: error: invalid value 'far' for 'distance': expected a number";
    QTest::newRow("nan distance") << QByteArray("local distance nan")
                                  << "test.conf:1:16: error: invalid value 'nan' for 'distance': expected a number";
    QTest::newRow("negative distance") << QByteArray("local distance -1")
                                       << "test.conf:1:16: error: 'distance' must not be negative, got -1";
    QTest::newRow("unknown option") << QByteArray("local stratum 5 loud")
                                    << "test.conf:1:17: error: unknown option 'loud' for 'local'";
}

void TestConfigReader::localErrors()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    const ConfigReadResult result = read(line);
    QCOMPARE(diagnostics(result), QStringList{expected});
    QVERIFY(!result.config.local.enabled);
}

void TestConfigReader::port_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("expected");
    QTest::newRow("disabled") << QByteArray("port 0") << 0;
    QTest::newRow("default") << QByteArray("port 123") << 123;
    QTest::newRow("high") << QByteArray("port 65535") << 65535;
    QTest::newRow("unprivileged") << QByteArray("PORT 11123") << 11123;
}

void TestConfigReader::port()
{
    QFETCH(QByteArray, line);
    QFETCH(int, expected);
    const ConfigReadResult result = read(line);
    QCOMPARE(diagnostics(result), QStringList());
    QCOMPARE(int(result.config.ntpPort), expected);
}

void TestConfigReader::portErrors_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing") << QByteArray("port") << "test.conf:1:1: error: 'port' needs a port number";
    QTest::newRow("too big") << QByteArray("port 65536") << "test.conf:1:6: error: 'port' must be between 0 and 65535, got 65536";
    QTest::newRow("negative") << QByteArray("port -1") << "test.conf:1:6: error: 'port' must be between 0 and 65535, got -1";
    QTest::newRow("not a number") << QByteArray("port ntp") << "test.conf:1:6: error: invalid value 'ntp' for 'port': expected an integer";
    QTest::newRow("extra") << QByteArray("port 123 456") << "test.conf:1:10: error: unexpected argument '456' for 'port'";
}

void TestConfigReader::portErrors()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    const ConfigReadResult result = read(line);
    QCOMPARE(diagnostics(result), QStringList{expected});
    QCOMPARE(result.config.ntpPort, kNtpDefaultPort);
}

// ---- other directives

void TestConfigReader::unsupportedDirectivesWarn_data()
{
    QTest::addColumn<QByteArray>("line");
    const char *lines[] = {
        "driftfile /var/lib/chrony/chrony.drift",
        "makestep 1.0 3",
        "rtcsync",
        "keyfile /etc/chrony/chrony.keys",
        "leapsectz right/UTC",
        "logdir /var/log/chrony",
        "log measurements statistics tracking",
        "refclock PPS /dev/pps0 lock NMEA refid GPS",
        "cmdallow 127.0.0.1",
        "cmddeny all",
        "bindaddress 0.0.0.0",
        "hwtimestamp *",
        "ratelimit interval 1 burst 16",
        "confdir /etc/chrony/conf.d",
        "sourcedir /run/chrony-dhcp",
        "include /etc/chrony/extra.conf",
        "ntsdumpdir /var/lib/chrony",
        "maxupdateskew 100.0",
        "smoothtime 400 0.001 leaponly",
        "lock_all",
        "user _chrony",
        "dumponexit",
        "linux_hz 100",
    };
    for (const char *line : lines)
        QTest::newRow(line) << QByteArray(line);
}

void TestConfigReader::unsupportedDirectivesWarn()
{
    QFETCH(QByteArray, line);
    const ConfigReadResult result = read("  " + line);
    QVERIFY(result.ok());
    const QByteArray name = line.left(line.indexOf(' ') < 0 ? line.size() : line.indexOf(' '));
    QCOMPARE(diagnostics(result),
             QStringList({QStringLiteral("test.conf:1:3: warning: '%1' is not supported yet; ignored")
                              .arg(QString::fromLatin1(name))}));
    QVERIFY(result.config == EngineConfig{});
}

void TestConfigReader::unknownDirective()
{
    const ConfigReadResult result = read("server a\n\t  frobnicate 1\nserve b\n");
    QCOMPARE(diagnostics(result),
             QStringList({"test.conf:2:4: error: unknown directive 'frobnicate'",
                          "test.conf:3:1: error: unknown directive 'serve'"}));
    QVERIFY(!result.ok());
    QCOMPARE(result.config.sources.size(), std::size_t(1));
}

void TestConfigReader::errorsDoNotStopReading()
{
    const ConfigReadResult result = read("server\n"
                                         "server good.example.net iburst\n"
                                         "allow host.example.net\n"
                                         "allow 10/8\n"
                                         "driftfile /tmp/drift\n"
                                         "port 99999\n"
                                         "local stratum 3\n"
                                         "wibble\n");
    QCOMPARE(diagnostics(result),
             QStringList({"test.conf:1:1: error: 'server' needs a host name or address",
                          "test.conf:3:7: error: host names in allow/deny are not supported",
                          "test.conf:5:1: warning: 'driftfile' is not supported yet; ignored",
                          "test.conf:6:6: error: 'port' must be between 0 and 65535, got 99999",
                          "test.conf:8:1: error: unknown directive 'wibble'"}));
    QVERIFY(!result.ok());
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    QCOMPARE(result.config.ntpAccess.size(), std::size_t(1));
    QCOMPARE(result.config.local.stratum, 3);
}

void TestConfigReader::chronySeedExamples()
{
    // The lines of chrony's own example files and Debian's default chrony.conf that this reader
    // implements, with the surrounding directives it only warns about.
    const ConfigReadResult result = read(
        "# Welcome to the chrony configuration file. See chrony.conf(5) for more\n"
        "pool 2.debian.pool.ntp.org iburst\n"
        "! pool pool.ntp.org iburst\n"
        "server foo.example.net iburst\n"
        "server bar.example.net iburst\n"
        "server 127.127.1.1\n"
        "server ntp.example.com minpoll 4 maxpoll 6 polltarget 16\n"
        "pool pool.ntp.org iburst maxsources 3\n"
        "driftfile /var/lib/chrony/chrony.drift\n"
        "makestep 1 3\n"
        "rtcsync\n"
        "allow 1.2.3.4\n"
        "deny 1.2.3\n"
        "allow 1.2\n"
        "allow 3.4.5.0/24\n"
        "allow 6.7.8/22\n"
        "allow 2001:db8::/32\n"
        "allow 0/0\n"
        "allow ::/0\n"
        "! allow 192.168.0.0/16\n"
        "local stratum 10\n"
        "port 0\n");
    QVERIFY(result.ok());
    QCOMPARE(diagnostics(result),
             QStringList({"test.conf:7:44: warning: option 'polltarget' is not supported yet; ignored",
                          "test.conf:9:1: warning: 'driftfile' is not supported yet; ignored",
                          "test.conf:10:1: warning: 'makestep' is not supported yet; ignored",
                          "test.conf:11:1: warning: 'rtcsync' is not supported yet; ignored"}));

    const auto &sources = result.config.sources;
    QCOMPARE(sources.size(), std::size_t(6));
    QCOMPARE(sources[0].kind, SourceConfig::Kind::Pool);
    QCOMPARE(sources[0].host, std::string("2.debian.pool.ntp.org"));
    QVERIFY(sources[0].iburst);
    QCOMPARE(sources[3].host, std::string("127.127.1.1"));
    QCOMPARE(sources[4].minPoll, 4);
    QCOMPARE(sources[4].maxPoll, 6);
    QCOMPARE(sources[5].maxSources, 3);
    QCOMPARE(sources[5].origin, std::string("test.conf:8"));

    QStringList rules;
    for (const AccessRule &rule : result.config.ntpAccess)
        rules << describe(rule);
    QCOMPARE(rules, QStringList({"allow 1.2.3.4/32", "deny 1.2.3.0/24", "allow 1.2.0.0/16", "allow 3.4.5.0/24",
                                 "allow 6.7.8.0/22", "allow 2001:db8::/32", "allow 0.0.0.0/0", "allow ::/0"}));
    QVERIFY(result.config.local.enabled);
    QCOMPARE(result.config.local.stratum, 10);
    QCOMPARE(result.config.ntpPort, std::uint16_t(0));
}

// ---- diagnostics and files

void TestConfigReader::diagnosticToString()
{
    ConfigDiagnostic d{ConfigDiagnostic::Severity::Error, "/etc/chrony/chrony.conf", 12, 7, "something"};
    QCOMPARE(QString::fromStdString(d.toString()), QStringLiteral("/etc/chrony/chrony.conf:12:7: error: something"));
    d.severity = ConfigDiagnostic::Severity::Warning;
    QCOMPARE(QString::fromStdString(d.toString()), QStringLiteral("/etc/chrony/chrony.conf:12:7: warning: something"));

    ConfigReadResult result;
    QVERIFY(result.ok());
    result.diagnostics.push_back(d);
    QVERIFY(result.ok()); // warnings do not fail a read
    result.diagnostics.push_back({ConfigDiagnostic::Severity::Error, "f", 1, 1, "e"});
    QVERIFY(!result.ok());
}

void TestConfigReader::missingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = QDir(dir.path()).filePath("absent.conf").toStdString();
    const ConfigReadResult result = readConfigFile(path);
    QVERIFY(!result.ok());
    QCOMPARE(diagnostics(result),
             QStringList{QString::fromStdString(path + ":0:0: error: cannot open configuration file: No such file or directory")});
}

void TestConfigReader::directoryIsUnreadable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.path().toStdString();
    const ConfigReadResult result = readConfigFile(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.size(), std::size_t(1));
    QCOMPARE(result.diagnostics[0].line, 0);
    QCOMPARE(result.diagnostics[0].column, 0);
    QVERIFY2(result.diagnostics[0].message.starts_with("cannot "), result.diagnostics[0].message.c_str());
}

void TestConfigReader::readsFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).filePath("chrony.conf");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("server a.example.net iburst\nallow 10/8\nbogus\n");
    file.close();

    const ConfigReadResult result = readConfigFile(path.toStdString());
    QCOMPARE(diagnostics(result), QStringList{path + ":3:1: error: unknown directive 'bogus'"});
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    QCOMPARE(result.config.sources[0].origin, path.toStdString() + ":1");
    QCOMPARE(result.config.ntpAccess.size(), std::size_t(1));
}

// ---- Subnet

void TestConfigReader::subnetOfClearsHostBits_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("prefix");
    QTest::addColumn<QString>("expected");
    QTest::newRow("v4 /24") << "192.168.1.77" << 24 << "192.168.1.0/24";
    QTest::newRow("v4 /23") << "192.168.3.77" << 23 << "192.168.2.0/23";
    QTest::newRow("v4 /0") << "192.168.3.77" << 0 << "0.0.0.0/0";
    QTest::newRow("v4 /32") << "192.168.3.77" << 32 << "192.168.3.77/32";
    QTest::newRow("v4 clamped up") << "192.168.3.77" << 40 << "192.168.3.77/32";
    QTest::newRow("v4 clamped down") << "192.168.3.77" << -3 << "0.0.0.0/0";
    QTest::newRow("v6 /33") << "2001:db8:ffff::1" << 33 << "2001:db8:8000::/33";
    QTest::newRow("v6 /64") << "2001:db8:1:2:3:4:5:6" << 64 << "2001:db8:1:2::/64";
    QTest::newRow("v6 /127") << "2001:db8::7" << 127 << "2001:db8::6/127";
    QTest::newRow("v6 /128") << "2001:db8::7" << 128 << "2001:db8::7/128";
}

void TestConfigReader::subnetOfClearsHostBits()
{
    QFETCH(QString, address);
    QFETCH(int, prefix);
    QFETCH(QString, expected);
    const Subnet subnet = Subnet::of(ip(address.toLatin1().constData()), prefix);
    QCOMPARE(QString::fromStdString(subnet.toString()), expected);
}

void TestConfigReader::subnetContains_data()
{
    QTest::addColumn<QString>("subnet");
    QTest::addColumn<int>("prefix");
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("contained");

    QTest::newRow("v4 /0 any v4") << "0.0.0.0" << 0 << "203.0.113.9" << true;
    QTest::newRow("v4 /0 not v6") << "0.0.0.0" << 0 << "2001:db8::1" << false;
    QTest::newRow("v4 /0 not mapped v6") << "0.0.0.0" << 0 << "::ffff:10.0.0.1" << false;
    QTest::newRow("v4 /32 same") << "10.1.2.3" << 32 << "10.1.2.3" << true;
    QTest::newRow("v4 /32 other") << "10.1.2.3" << 32 << "10.1.2.4" << false;
    QTest::newRow("v4 /24 in") << "192.168.1.0" << 24 << "192.168.1.255" << true;
    QTest::newRow("v4 /24 out") << "192.168.1.0" << 24 << "192.168.2.0" << false;
    QTest::newRow("v4 /23 upper half") << "192.168.2.0" << 23 << "192.168.3.1" << true;
    QTest::newRow("v4 /23 out") << "192.168.2.0" << 23 << "192.168.4.1" << false;
    QTest::newRow("v4 /12 in") << "10.16.0.0" << 12 << "10.31.255.255" << true;
    QTest::newRow("v4 /12 out") << "10.16.0.0" << 12 << "10.32.0.0" << false;
    QTest::newRow("v4 /1 in") << "128.0.0.0" << 1 << "200.0.0.1" << true;
    QTest::newRow("v4 /1 out") << "128.0.0.0" << 1 << "127.255.255.255" << false;
    QTest::newRow("v6 /0 any v6") << "::" << 0 << "2001:db8::1" << true;
    QTest::newRow("v6 /0 not v4") << "::" << 0 << "10.0.0.1" << false;
    QTest::newRow("v6 /32 in") << "2001:db8::" << 32 << "2001:db8:ffff::1" << true;
    QTest::newRow("v6 /32 out") << "2001:db8::" << 32 << "2001:db9::1" << false;
    QTest::newRow("v6 /33 in") << "2001:db8:8000::" << 33 << "2001:db8:ffff::1" << true;
    QTest::newRow("v6 /33 out") << "2001:db8:8000::" << 33 << "2001:db8:7fff::1" << false;
    QTest::newRow("v6 /128 same") << "fe80::1" << 128 << "fe80::1" << true;
    QTest::newRow("v6 /128 last bit") << "fe80::1" << 128 << "fe80::" << false;
}

void TestConfigReader::subnetContains()
{
    QFETCH(QString, subnet);
    QFETCH(int, prefix);
    QFETCH(QString, address);
    QFETCH(bool, contained);
    const Subnet s = Subnet::of(ip(subnet.toLatin1().constData()), prefix);
    QCOMPARE(s.contains(ip(address.toLatin1().constData())), contained);
}

void TestConfigReader::subnetWithoutFamilyContainsNothing()
{
    const Subnet empty;
    QVERIFY(!empty.contains(ip("10.0.0.1")));
    QVERIFY(!empty.contains(ip("::")));
    QVERIFY(!empty.contains(IpAddress()));
    QVERIFY(!Subnet::of(ip("10.0.0.0"), 8).contains(IpAddress()));
    QCOMPARE(Subnet::of(IpAddress(), 8).prefixLength, 0);
}

QTEST_APPLESS_MAIN(TestConfigReader)
#include "tst_configreader.moc"
