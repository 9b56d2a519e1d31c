// The chrony.conf reader: lexing as chronyd, every directive and option with its typed value and
// chrony's defaults, every diagnostic with its exact position and text, include/confdir/sourcedir,
// the seed and sample configurations in tests/data/config, and Subnet arithmetic.
#include "config/ConfigEffects.h"
#include "config/ConfigReader.h"
#include "config/ConfigSyntax.h"
#include "config/EngineConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <map>

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

// The configuration without the warnings it carries for the snapshot.
EngineConfig withoutWarnings(EngineConfig config)
{
    config.warnings.clear();
    return config;
}

// Every diagnostic but the "has no effect yet" warnings, which everySyntaxEntryIsInEffectOrWarned
// checks for every directive and option: what the older tests were written against.
QStringList diagnosticsBesidesNoEffect(const ConfigReadResult &result)
{
    QStringList lines;
    for (const ConfigDiagnostic &d : result.diagnostics)
        if (d.message.find("has no effect yet") == std::string::npos)
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

QString path(const QTemporaryDir &dir, const QString &relative)
{
    return dir.path() + QLatin1Char('/') + relative;
}

// Writes `content` to `relative` under `dir`, creating directories; returns the file's path.
QString writeFile(const QTemporaryDir &dir, const QString &relative, const QByteArray &content)
{
    QString file = path(dir, relative); // not const: returned by move
    QDir().mkpath(QFileInfo(file).path());
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(file));
    return file;
}

QString writeFile(const QTemporaryDir &dir, const QString &relative, const QString &content)
{
    return writeFile(dir, relative, content.toUtf8());
}

QString writeFile(const QTemporaryDir &dir, const QString &relative, const char *content)
{
    return writeFile(dir, relative, QByteArray(content));
}

QStringList hosts(const ConfigReadResult &result)
{
    QStringList names;
    for (const SourceConfig &source : result.config.sources)
        names << QString::fromStdString(source.host);
    return names;
}

QStringList files(const ConfigReadResult &result)
{
    QStringList names;
    for (const std::string &file : result.files)
        names << QString::fromStdString(file);
    return names;
}

QString dataPath(const char *name)
{
    return QStringLiteral(S1_TEST_DATA_DIR "/config/") + QLatin1String(name);
}

// The data files name real system directories in include/confdir/sourcedir: not followed.
ConfigReadResult readData(const char *name)
{
    ConfigReadOptions options;
    options.followIncludes = false;
    return readConfigFile(dataPath(name).toStdString(), options);
}

// The lines chrony's examples share: driftfile, makestep 0.1 3, rtcsync.
void checkSeedClockLines(const EngineConfig &config)
{
    QCOMPARE(config.clock.driftFile, std::string("/var/lib/chrony/drift"));
    QCOMPARE(config.clock.makeStep.threshold, 0.1);
    QCOMPARE(config.clock.makeStep.limit, 3);
    QVERIFY(config.clock.rtcSync);
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
    void everySourceOptionIsParsedSilently_data();
    void everySourceOptionIsParsedSilently();
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

    // Every source option, refclock
    void allSourceOptionsOnOneLine();
    void sourceDefaultsAreChronys();
    void implausibleHostWarns();
    void refClockDriverParameters();
    void refClockAllOptions();
    void refClockDefaults();
    void refClockErrors_data();
    void refClockErrors();

    // The other directives
    void chronyDefaults();
    void realDirectives_data();
    void realDirectives();
    void directiveErrors_data();
    void directiveErrors();
    void clockDirectives();
    void leapSecModes_data();
    void leapSecModes();
    void authSelectModes_data();
    void authSelectModes();
    void textDirectives();
    void metricsAddress();
    void hwTimestamp();
    void bindAddresses();
    void rateLimit();
    void serverAndCommandDirectives();
    void logDirective();
    void obsoleteDirectivesWarn();
    void everyDirectiveIsKnown();
    void everySyntaxEntryIsInEffectOrWarned();
    void logsAndDriversWithoutEffectAreWarned();
    void authenticatedSourcesAreWarned();
    void warningsReachTheConfig();
    void listenAddressesFollowBindaddressAndAllow_data();
    void listenAddressesFollowBindaddressAndAllow();
    void lineTooLong();

    // include, confdir, sourcedir
    void includeFile();
    void includeGlobIsSortedBytewise();
    void includeMissingFile();
    void includeLoop();
    void includeSelfByPattern();
    void includeDepthLimit();
    void confDir();
    void sourceDir();
    void includesNotFollowedOnRequest();
    void includeArgumentErrors();

    // tests/data/config
    void seed003ClientPublicPool();
    void seed003ClientLocalServerSwts();
    void seed003ClientLocalServerHwts();
    void seed003ServerSerialSock();
    void seed003ServerNicPhc();
    void seed004Placeholders();
    void seed004FilledIn();
    void debianDefault();
    void stratumOneExample();

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
    QVERIFY(withoutWarnings(result.config) == EngineConfig{});
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
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    QCOMPARE(result.config.sources[0].host, std::string("a.example.net"));
    QCOMPARE(result.config.sources[0].origin, std::string("test.conf:10"));
}

void TestConfigReader::trailingCommentIsNotAComment()
{
    // chronyd only recognises whole-line comments; the rest of the line is arguments.
    const ConfigReadResult result = read("server a.example.net iburst # nearby\n"
                                         "port 123 ; old port\n");
    QCOMPARE(
        diagnosticsBesidesNoEffect(result),
        QStringList(
            {"test.conf:1:29: error: unknown option '#' for 'server' (comments must be on a line of their own)",
             "test.conf:2:10: error: unexpected argument ';' for 'port' (comments must be on a line of their own)"}));
    QVERIFY(!result.ok());
}

void TestConfigReader::directiveAndOptionNamesAreCaseInsensitive()
{
    const ConfigReadResult result =
        read("SERVER A.Example.NET IBurst MinPoll 4 MAXPOLL 5 Prefer NOSELECT Port 1123 VERSION 3\n"
             "Pool p.example.net MaxSources 2\n"
             "ALLOW 10/8\n"
             "Deny all\n"
             "LOCAL Stratum 7 ORPHAN Distance 2\n"
             "PoRt 4123\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
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
    QCOMPARE(diagnosticsBesidesNoEffect(result),
             QStringList({"test.conf:1:31: error: invalid value 'x' for 'minpoll': expected an integer"}));
}

void TestConfigReader::crlfLineEndings()
{
    const ConfigReadResult result = read("server a.example.net iburst\r\nport 0\r\n# note\r\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    QVERIFY(result.config.sources[0].iburst);
    QCOMPARE(result.config.ntpPort, std::uint16_t(0));
}

void TestConfigReader::lineNumbersCountEveryLine()
{
    const ConfigReadResult result = read("# one\n\nserver\n\n  bogus\nserver x.example.net");
    QCOMPARE(diagnosticsBesidesNoEffect(result),
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
    const ConfigReadResult result =
        read("server 192.0.2.1 minpoll -2 maxpoll 8 iburst prefer noselect port 1123 version 3\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
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
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
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
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
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
    // chrony.conf(5): "the minimum is -7 (1/128th of a second)", for maxpoll too.
    QTest::newRow("minpoll -7") << QByteArray("minpoll") << -7 << true;
    QTest::newRow("maxpoll -7") << QByteArray("maxpoll") << -7 << true;
    QTest::newRow("minpoll -8") << QByteArray("minpoll") << -8 << false;
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
        QCOMPARE(option == "minpoll" ? result.config.sources.at(0).minPoll : result.config.sources.at(0).maxPoll,
                 value);
    else
        QCOMPARE(diagnosticsBesidesNoEffect(result),
                 QStringList({QStringLiteral("test.conf:1:%1: error: '%2' must be between -7 and 24, got %3")
                                  .arg(option.size() + 11)
                                  .arg(QString::fromLatin1(option))
                                  .arg(value)}));
}

void TestConfigReader::repeatedOptionLastWins()
{
    const ConfigReadResult result = read("server s minpoll 4 minpoll 5 port 1 port +2\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.sources[0].minPoll, 5);
    QCOMPARE(result.config.sources[0].port, std::uint16_t(2)); // sscanf-style leading '+'
}

void TestConfigReader::maxsourcesOnServerWarns()
{
    // chronyd accepts maxsources on any source and uses it only for pools.
    const ConfigReadResult result = read("server s maxsources 3\npeer p maxsources 2\n");
    QVERIFY(result.ok());
    QCOMPARE(diagnosticsBesidesNoEffect(result),
             QStringList({"test.conf:1:10: warning: 'maxsources' applies only to pool; ignored",
                          "test.conf:2:8: warning: 'maxsources' applies only to pool; ignored"}));
    QCOMPARE(result.config.sources.size(), std::size_t(2));
    QCOMPARE(result.config.sources[0].maxSources, kDefaultPoolMaxSources);
}

void TestConfigReader::everySourceOptionIsParsedSilently_data()
{
    QTest::addColumn<QByteArray>("option");
    QTest::addColumn<QByteArray>("value");
    const char *flags[] = {"burst",  "offline", "auto_offline", "trust", "require",
                           "xleave", "nts",     "copy",         "ipv4",  "ipv6"};
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

void TestConfigReader::everySourceOptionIsParsedSilently()
{
    QFETCH(QByteArray, option);
    QFETCH(QByteArray, value);
    QByteArray line = "server s " + option;
    if (!value.isEmpty())
        line += " " + value;
    line += " iburst"; // proves the value was consumed and parsing went on
    const ConfigReadResult result = read(line);
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    QVERIFY(result.config.sources[0].iburst);
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
                                 << QStringList{
                                        "test.conf:1:18: error: invalid value 'x' for 'minpoll': expected an integer"};
    QTest::newRow("fractional maxpoll")
        << QByteArray("server s maxpoll 6.5")
        << QStringList{"test.conf:1:18: error: invalid value '6.5' for 'maxpoll': expected an integer"};
    QTest::newRow("huge maxpoll")
        << QByteArray("server s maxpoll 99999999999999999999")
        << QStringList{"test.conf:1:18: error: 'maxpoll' must be between -7 and 24, got 99999999999999999999"};
    QTest::newRow("port 0") << QByteArray("server s port 0")
                            << QStringList{"test.conf:1:15: error: 'port' must be between 1 and 65535, got 0"};
    QTest::newRow("port too big") << QByteArray(
        "server s port 65536") << QStringList{"test.conf:1:15: error: 'port' must be between 1 and 65535, got 65536"};
    QTest::newRow("missing port") << QByteArray("server s iburst port")
                                  << QStringList{"test.conf:1:17: error: missing value for 'port'"};
    QTest::newRow("version 0") << QByteArray("server s version 0")
                               << QStringList{"test.conf:1:18: error: 'version' must be between 1 and 4, got 0"};
    QTest::newRow("version 5") << QByteArray("server s version 5")
                               << QStringList{"test.conf:1:18: error: 'version' must be between 1 and 4, got 5"};
    QTest::newRow("maxsources 0") << QByteArray("pool p maxsources 0")
                                  << QStringList{"test.conf:1:19: error: 'maxsources' must be between 1 and 16, got 0"};
    QTest::newRow("maxsources 17") << QByteArray(
        "pool p maxsources 17") << QStringList{"test.conf:1:19: error: 'maxsources' must be between 1 and 16, got 17"};
    QTest::newRow("bad real") << QByteArray("server s maxdelay abc")
                              << QStringList{
                                     "test.conf:1:19: error: invalid value 'abc' for 'maxdelay': expected a number"};
    QTest::newRow("missing real") << QByteArray("server s offset")
                                  << QStringList{"test.conf:1:10: error: missing value for 'offset'"};
    QTest::newRow("key 0") << QByteArray("server s key 0")
                           << QStringList{"test.conf:1:14: error: 'key' must be between 1 and 4294967295, got 0"};
    QTest::newRow("key too big")
        << QByteArray("server s key 4294967296")
        << QStringList{"test.conf:1:14: error: 'key' must be between 1 and 4294967295, got 4294967296"};
    QTest::newRow("bad extfield")
        << QByteArray("server s extfield zz")
        << QStringList{"test.conf:1:19: error: invalid value 'zz' for 'extfield': expected a hexadecimal number"};
    QTest::newRow("unknown extfield")
        << QByteArray("server s extfield F325")
        << QStringList{"test.conf:1:19: error: invalid value 'F325' for 'extfield': expected F323 or F324"};
    QTest::newRow("minstratum 17") << QByteArray("server s minstratum 17")
                                   << QStringList{
                                          "test.conf:1:21: error: 'minstratum' must be between 0 and 16, got 17"};
    QTest::newRow("asymmetry") << QByteArray("server s asymmetry 0.6")
                               << QStringList{
                                      "test.conf:1:20: error: 'asymmetry' must be between -0.5 and 0.5, got 0.6"};
    QTest::newRow("maxdelay negative") << QByteArray(
        "server s maxdelay -1") << QStringList{"test.conf:1:19: error: 'maxdelay' must be between 0 and 1000, got -1"};
    QTest::newRow("maxdelay too long")
        << QByteArray("server s maxdelay 1000.5")
        << QStringList{"test.conf:1:19: error: 'maxdelay' must be between 0 and 1000, got 1000.5"};
    QTest::newRow("maxdelayratio") << QByteArray("server s maxdelayratio -2")
                                   << QStringList{
                                          "test.conf:1:24: error: 'maxdelayratio' must not be negative, got -2"};
    QTest::newRow("maxdelayquant") << QByteArray("server s maxdelayquant 1.5")
                                   << QStringList{
                                          "test.conf:1:24: error: 'maxdelayquant' must be between 0 and 1, got 1.5"};
    QTest::newRow("mindelay nan")
        << QByteArray("server s mindelay nan")
        << QStringList{"test.conf:1:19: error: invalid value 'nan' for 'mindelay': expected a number"};
    QTest::newRow("filter") << QByteArray("server s filter -1")
                            << QStringList{"test.conf:1:17: error: 'filter' must not be negative, got -1"};
    QTest::newRow("polltarget") << QByteArray("server s polltarget 0")
                                << QStringList{"test.conf:1:21: error: 'polltarget' must be at least 1, got 0"};
    QTest::newRow("presend") << QByteArray("server s presend 33")
                             << QStringList{"test.conf:1:18: error: 'presend' must be between -32 and 32, got 33"};
    QTest::newRow("ntsport") << QByteArray("server s nts ntsport 65536")
                             << QStringList{"test.conf:1:22: error: 'ntsport' must be between 0 and 65535, got 65536"};
    QTest::newRow("certset") << QByteArray("server s certset -1")
                             << QStringList{
                                    "test.conf:1:18: error: 'certset' must be between 0 and 4294967295, got -1"};
    QTest::newRow("minsamples")
        << QByteArray("server s minsamples x")
        << QStringList{"test.conf:1:21: error: invalid value 'x' for 'minsamples': expected an integer"};
    QTest::newRow("maxunreach")
        << QByteArray("server s maxunreach 1.5")
        << QStringList{"test.conf:1:21: error: invalid value '1.5' for 'maxunreach': expected an integer"};
    QTest::newRow("several errors on a line")
        << QByteArray("server s minpoll x maxpoll 99 version 0")
        << QStringList{"test.conf:1:18: error: invalid value 'x' for 'minpoll': expected an integer",
                       "test.conf:1:28: error: 'maxpoll' must be between -7 and 24, got 99",
                       "test.conf:1:39: error: 'version' must be between 1 and 4, got 0"};
}

void TestConfigReader::sourceErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    const ConfigReadResult result = read(text);
    QCOMPARE(diagnosticsBesidesNoEffect(result), expected);
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
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.ntpAccess.size(), std::size_t(1));
    QCOMPARE(describe(result.config.ntpAccess[0]), expected);
}

void TestConfigReader::accessRulesKeepOrder()
{
    const ConfigReadResult result = read("allow 10/8\ndeny 10.1/16\nallow all\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
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
    QTest::newRow("v4 prefix too long") << QByteArray(
        "allow 10.0.0.0/33") << "test.conf:1:7: error: prefix length 33 is longer than the 32 bits of the address";
    QTest::newRow("shortened prefix too long")
        << QByteArray("allow 10/40")
        << "test.conf:1:7: error: prefix length 40 is longer than the 32 bits of the address";
    QTest::newRow("v6 prefix too long") << QByteArray(
        "deny 2001:db8::/129") << "test.conf:1:6: error: prefix length 129 is longer than the 128 bits of the address";
    QTest::newRow("bad prefix") << QByteArray("allow 1.2.3.4/x")
                                << "test.conf:1:7: error: invalid prefix length in '1.2.3.4/x'";
    QTest::newRow("empty prefix") << QByteArray("allow 1.2.3.4/")
                                  << "test.conf:1:7: error: invalid prefix length in '1.2.3.4/'";
    QTest::newRow("negative prefix") << QByteArray("allow 10/-1")
                                     << "test.conf:1:7: error: invalid prefix length in '10/-1'";
    QTest::newRow("octet too big") << QByteArray("allow 256/8") << "test.conf:1:7: error: invalid subnet '256/8'";
    QTest::newRow("five octets") << QByteArray("allow 1.2.3.4.5") << "test.conf:1:7: error: invalid subnet '1.2.3.4.5'";
    QTest::newRow("trailing dot") << QByteArray("allow 10.") << "test.conf:1:7: error: invalid subnet '10.'";
    QTest::newRow("bad v6") << QByteArray("allow 2001:db8:::1")
                            << "test.conf:1:7: error: invalid subnet '2001:db8:::1'";
    QTest::newRow("host name with prefix")
        << QByteArray("allow lan/24") << "test.conf:1:7: error: invalid subnet 'lan/24'";
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
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList{expected});
    QVERIFY(!result.ok());
    QVERIFY(result.config.ntpAccess.empty());
}

// ---- local, port

void TestConfigReader::localDefaults()
{
    const ConfigReadResult result = read("local\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QVERIFY(result.config.local.enabled);
    QCOMPARE(result.config.local.stratum, kDefaultLocalStratum);
    QVERIFY(!result.config.local.orphan);
    QCOMPARE(result.config.local.distance, 1.0);
    QCOMPARE(result.config.local.activate, 0.0);
    QCOMPARE(result.config.local.waitSynced, 0.0);
    QVERIFY(!read("").config.local.enabled);
}

void TestConfigReader::localOptions()
{
    const ConfigReadResult result =
        read("local stratum 1 orphan distance 0.25 activate 0.5 waitsynced 100 waitunsynced 30\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QVERIFY(result.config.local.enabled);
    QCOMPARE(result.config.local.stratum, 1);
    QVERIFY(result.config.local.orphan);
    QCOMPARE(result.config.local.distance, 0.25);
    QCOMPARE(result.config.local.activate, 0.5);
    QCOMPARE(result.config.local.waitSynced, 100.0);
    QCOMPARE(result.config.local.waitUnsynced, 30.0);
    QCOMPARE(read("local stratum 15").config.local.stratum, 15);
    // chrony derives waitunsynced from orphan when it is not given.
    QCOMPARE(read("local orphan").config.local.waitUnsynced, 300.0);
    QCOMPARE(read("local").config.local.waitUnsynced, 0.0);
}

void TestConfigReader::laterLocalLineReplacesEarlier()
{
    // Each line starts from the defaults, as in chronyd: the orphan flag does not carry over.
    const ConfigReadResult result = read("local stratum 3 orphan\nlocal distance 2\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
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
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList{expected});
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
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(int(result.config.ntpPort), expected);
}

void TestConfigReader::portErrors_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing") << QByteArray("port") << "test.conf:1:1: error: 'port' needs a port number";
    QTest::newRow("too big") << QByteArray("port 65536")
                             << "test.conf:1:6: error: 'port' must be between 0 and 65535, got 65536";
    QTest::newRow("negative") << QByteArray("port -1")
                              << "test.conf:1:6: error: 'port' must be between 0 and 65535, got -1";
    QTest::newRow("not a number") << QByteArray("port ntp")
                                  << "test.conf:1:6: error: invalid value 'ntp' for 'port': expected an integer";
    QTest::newRow("extra") << QByteArray("port 123 456")
                           << "test.conf:1:10: error: unexpected argument '456' for 'port'";
}

void TestConfigReader::portErrors()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    const ConfigReadResult result = read(line);
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList{expected});
    QCOMPARE(result.config.ntpPort, kNtpDefaultPort);
}

// ---- other directives

void TestConfigReader::unsupportedDirectivesWarn_data()
{
    QTest::addColumn<QByteArray>("line");
    // chrony 4.x directives the engine does not implement yet, with valid arguments.
    const char *lines[] = {
        "acquisitionport 1123",
        "bindacqaddress 0.0.0.0",
        "bindacqdevice eth0",
        "bindcmddevice lo",
        "binddevice eth0",
        "broadcast 30 192.168.1.255",
        "clockprecision 1e-8",
        "cmdratelimit interval 2",
        "dscp 46",
        "fallbackdrift 16 19",
        "hwclockfile /etc/adjtime",
        "hwtstimeout 0.01",
        "initstepslew 30 foo.example.net",
        "lock_all",
        "logbanner 20",
        "mailonchange root@localhost 0.5",
        "manual",
        "maxchange 1000 1 2",
        "maxclockerror 10",
        "maxdrift 100",
        "maxntsconnections 200",
        "maxsamples 30",
        "minsamples 5",
        "nocerttimecheck 1",
        "nosystemcert",
        "ntpsigndsocket /var/lib/samba/ntp_signd",
        "ntsaeads 30",
        "ntscachedir /var/lib/chrony",
        "ntsdumpdir /var/lib/chrony",
        "ntsntpserver ntp.example.net",
        "ntsport 4460",
        "ntsprocesses 2",
        "ntsratelimit interval 3",
        "ntsrefresh 2419200",
        "ntsrotate 604800",
        "ntsservercert /etc/pki/tls/certs/server.crt",
        "ntsserverkey /etc/pki/tls/private/server.key",
        "ntstrustedcerts /etc/pki/ca.crt",
        "opencommands activity sources tracking",
        "ptpdomain 24",
        "ptpport 319",
        "refresh 1209600",
        "rtcautotrim 30",
        "rtcdevice /dev/rtc0",
        "rtcfile /var/lib/chrony/rtc",
        "rtconutc",
        "sched_priority 1",
        "smoothtime 400 0.001 leaponly",
        "tempcomp /sys/class/hwmon/hwmon0/temp2_input 30 26000 0.0 0.000183 0.0",
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
    QCOMPARE(
        diagnostics(result),
        QStringList({QStringLiteral("test.conf:1:3: warning: '%1' has no effect yet").arg(QString::fromLatin1(name))}));
    QVERIFY(withoutWarnings(result.config) == EngineConfig{});
}

void TestConfigReader::unknownDirective()
{
    const ConfigReadResult result = read("server a\n\t  frobnicate 1\nserve b\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList({"test.conf:2:4: error: unknown directive 'frobnicate'",
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
                                         "driftfile /tmp/drift extra\n"
                                         "port 99999\n"
                                         "local stratum 3\n"
                                         "wibble\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result),
             QStringList({"test.conf:1:1: error: 'server' needs a host name or address",
                          "test.conf:3:7: error: host names in allow/deny are not supported",
                          "test.conf:5:22: error: unknown option 'extra' for 'driftfile'",
                          "test.conf:6:6: error: 'port' must be between 0 and 65535, got 99999",
                          "test.conf:8:1: error: unknown directive 'wibble'"}));
    QVERIFY(!result.ok());
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    QCOMPARE(result.config.ntpAccess.size(), std::size_t(1));
    QCOMPARE(result.config.local.stratum, 3);
    QVERIFY(result.config.clock.driftFile.empty());
}

void TestConfigReader::chronySeedExamples()
{
    // Lines of chrony's own example files and Debian's default chrony.conf.
    const ConfigReadResult result = read("# Welcome to the chrony configuration file. See chrony.conf(5) for more\n"
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
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.clock.driftFile, std::string("/var/lib/chrony/chrony.drift"));
    QCOMPARE(result.config.clock.makeStep.threshold, 1.0);
    QCOMPARE(result.config.clock.makeStep.limit, 3);
    QVERIFY(result.config.clock.rtcSync);

    const auto &sources = result.config.sources;
    QCOMPARE(sources.size(), std::size_t(6));
    QCOMPARE(sources[0].kind, SourceConfig::Kind::Pool);
    QCOMPARE(sources[0].host, std::string("2.debian.pool.ntp.org"));
    QVERIFY(sources[0].iburst);
    QCOMPARE(sources[3].host, std::string("127.127.1.1"));
    QCOMPARE(sources[4].minPoll, 4);
    QCOMPARE(sources[4].maxPoll, 6);
    QCOMPARE(sources[4].pollTarget, 16);
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

// ---- every source option

void TestConfigReader::allSourceOptionsOnOneLine()
{
    const ConfigReadResult result =
        read("server ntp.example.net port 1123 minpoll 4 maxpoll 8 iburst burst prefer noselect trust require xleave "
             "offline auto_offline key 7 maxdelay 0.3 maxdelayratio 2.5 maxdelaydevratio 4 maxdelayquant 0.2 "
             "mindelay 0.0001 asymmetry -0.25 offset 0.00012 minsamples 4 maxsamples 32 maxunreach 20 filter 3 "
             "polltarget 12 presend 9 minstratum 3 version 3 extfield F323 extfield 0xf324 extfield F323 nts "
             "ntsport 4461 certset 2 copy ipv6\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    const SourceConfig &s = result.config.sources.at(0);
    QCOMPARE(s.host, std::string("ntp.example.net"));
    QCOMPARE(s.port, std::uint16_t(1123));
    QCOMPARE(s.minPoll, 4);
    QCOMPARE(s.maxPoll, 8);
    QVERIFY(s.iburst && s.burst && s.prefer && s.noselect && s.trust && s.require && s.xleave);
    QVERIFY(s.offline && s.autoOffline && s.nts && s.copy);
    QCOMPARE(s.key, std::uint32_t(7));
    QCOMPARE(s.maxDelay, 0.3);
    QCOMPARE(s.maxDelayRatio, 2.5);
    QCOMPARE(s.maxDelayDevRatio, 4.0);
    QCOMPARE(s.maxDelayQuant, 0.2);
    QCOMPARE(s.minDelay, 0.0001);
    QCOMPARE(s.asymmetry, std::optional<double>(-0.25));
    QCOMPARE(s.offset, 0.00012);
    QCOMPARE(s.minSamples, std::optional<int>(4));
    QCOMPARE(s.maxSamples, std::optional<int>(32));
    QCOMPARE(s.maxUnreach, 20);
    QCOMPARE(s.filter, 3);
    QCOMPARE(s.pollTarget, 12);
    QCOMPARE(s.presend, std::optional<int>(9));
    QCOMPARE(s.minStratum, 3);
    QCOMPARE(s.version, 3);
    QVERIFY(s.extFields == std::vector<std::uint32_t>({kExtFieldMonotonicRoot, kExtFieldNetCorrection}));
    QCOMPARE(s.ntsPort, std::uint16_t(4461));
    QCOMPARE(s.certSet, std::uint32_t(2));
    QCOMPARE(s.family, SourceConfig::Family::V6);
    QCOMPARE(read("server s ipv4 ipv6 ipv4").config.sources.at(0).family, SourceConfig::Family::V4);
}

void TestConfigReader::sourceDefaultsAreChronys()
{
    const SourceConfig s = read("server s").config.sources.at(0);
    QCOMPARE(s.maxDelay, 3.0);
    QCOMPARE(s.maxDelayRatio, 0.0);
    QCOMPARE(s.maxDelayDevRatio, 10.0);
    QCOMPARE(s.maxDelayQuant, 0.0);
    QCOMPARE(s.minDelay, 0.0);
    QVERIFY(!s.asymmetry);
    QVERIFY(!s.minSamples && !s.maxSamples && !s.presend);
    QCOMPARE(s.maxUnreach, 100000);
    QCOMPARE(s.pollTarget, 8);
    QCOMPARE(s.filter, 0);
    QCOMPARE(s.minStratum, 0);
    QCOMPARE(s.key, std::uint32_t(0));
    QCOMPARE(s.ntsPort, std::uint16_t(4460));
    QCOMPARE(s.certSet, std::uint32_t(0));
    QCOMPARE(s.family, SourceConfig::Family::Any);
    QVERIFY(s.extFields.empty());
    QVERIFY(!s.burst && !s.offline && !s.autoOffline && !s.trust && !s.require && !s.xleave && !s.nts && !s.copy);
}

void TestConfigReader::implausibleHostWarns()
{
    // chronyd accepts any printable name; one that cannot be a DNS name never resolves.
    const ConfigReadResult result = read("server <ip_addr_of_server>\nserver fe80::1%eth0\nserver ntp_1.example.net\n");
    QVERIFY(result.ok());
    QCOMPARE(
        diagnosticsBesidesNoEffect(result),
        QStringList{"test.conf:1:8: warning: '<ip_addr_of_server>' is neither an address nor a valid host name; it "
                    "will never resolve"});
    QCOMPARE(result.config.sources.size(), std::size_t(3));
}

// ---- refclock

void TestConfigReader::refClockDriverParameters()
{
    const ConfigReadResult result = read("refclock PPS /dev/pps0\n"
                                         "refclock PPS /dev/pps1:clear\n"
                                         "refclock SHM 0\n"
                                         "refclock SHM 2:perm=0644\n"
                                         "refclock SOCK /var/run/chrony.ttyS0.sock\n"
                                         "refclock PHC /dev/ptp0\n"
                                         "refclock PHC /dev/ptp1:nocrossts:extpps:pin=2:channel=1:clear\n"
                                         "refclock PHC eth0\n"
                                         "refclock RTC /dev/rtc0:utc\n"
                                         "refclock NMEA /dev/ttyAMA0\n"
                                         "refclock NMEA /dev/ttyUSB0:115200\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    const auto &c = result.config.refClocks;
    QCOMPARE(c.size(), std::size_t(11));

    QCOMPARE(c[0].driver, RefClockDriver::Pps);
    QCOMPARE(c[0].parameter, std::string("/dev/pps0"));
    QVERIFY(!c[0].clearEdge);
    QVERIFY(c[1].clearEdge);
    QCOMPARE(c[1].parameter, std::string("/dev/pps1"));

    QCOMPARE(c[2].driver, RefClockDriver::Shm);
    QCOMPARE(c[2].shmSegment, 0);
    QCOMPARE(c[2].shmPermissions, 0600);
    QCOMPARE(c[3].shmSegment, 2);
    QCOMPARE(c[3].shmPermissions, 0644);
    QCOMPARE(c[3].parameter, std::string("2"));

    QCOMPARE(c[4].driver, RefClockDriver::Sock);
    QCOMPARE(c[4].parameter, std::string("/var/run/chrony.ttyS0.sock"));

    QCOMPARE(c[5].driver, RefClockDriver::Phc);
    QVERIFY(!c[5].noCrossTimestamp && !c[5].externalPps && !c[5].clearEdge);
    QCOMPARE(c[5].pin, 0);
    QCOMPARE(c[6].parameter, std::string("/dev/ptp1"));
    QVERIFY(c[6].noCrossTimestamp && c[6].externalPps && c[6].clearEdge);
    QCOMPARE(c[6].pin, 2);
    QCOMPARE(c[6].channel, 1);
    QCOMPARE(c[7].parameter, std::string("eth0"));

    QCOMPARE(c[8].driver, RefClockDriver::Rtc);
    QCOMPARE(c[8].parameter, std::string("/dev/rtc0"));
    QVERIFY(c[8].rtcOnUtc);

    QCOMPARE(c[9].driver, RefClockDriver::Nmea);
    QCOMPARE(c[9].parameter, std::string("/dev/ttyAMA0"));
    QCOMPARE(c[9].baudRate, kDefaultNmeaBaudRate);
    QCOMPARE(c[10].parameter, std::string("/dev/ttyUSB0"));
    QCOMPARE(c[10].baudRate, 115200);
    QCOMPARE(c[10].origin, std::string("test.conf:11"));
}

void TestConfigReader::refClockAllOptions()
{
    const ConfigReadResult result =
        read("refclock PPS /dev/pps0 poll 3 dpoll -2 refid PPS1 lock NMEA rate 4 maxlockage 8 width 0.1 pps local "
             "offset -0.0005 delay 0.0002 stratum 2 precision 1e-9 maxdispersion 0.001 filter 16 prefer noselect trust "
             "require tai minsamples 3 maxsamples 40\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    const RefClockConfig &c = result.config.refClocks.at(0);
    QCOMPARE(c.poll, 3);
    QCOMPARE(c.driverPoll, -2);
    QCOMPARE(c.refId, std::string("PPS1"));
    QCOMPARE(c.lockRefId, std::string("NMEA"));
    QCOMPARE(c.rate, 4);
    QCOMPARE(c.maxLockAge, 8);
    QCOMPARE(c.pulseWidth, 0.1);
    QVERIFY(c.ppsForced && c.local);
    QCOMPARE(c.offset, -0.0005);
    QCOMPARE(c.delay, 0.0002);
    QCOMPARE(c.stratum, 2);
    QCOMPARE(c.precision, std::optional<double>(1e-9));
    QCOMPARE(c.maxDispersion, std::optional<double>(0.001));
    QCOMPARE(c.filter, 16);
    QVERIFY(c.prefer && c.noselect && c.trust && c.require && c.tai);
    QCOMPARE(c.minSamples, std::optional<int>(3));
    QCOMPARE(c.maxSamples, std::optional<int>(40));
}

void TestConfigReader::refClockDefaults()
{
    const ConfigReadResult result = read("refclock SHM 0\nrefclock PPS /dev/pps0 precision 0 maxdispersion 0\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    const RefClockConfig &c = result.config.refClocks.at(0);
    QCOMPARE(c.poll, 4);
    QCOMPARE(c.driverPoll, 0);
    QCOMPARE(c.filter, 64);
    QCOMPARE(c.rate, 1);
    QCOMPARE(c.maxLockAge, 2);
    QCOMPARE(c.delay, 1e-9);
    QCOMPARE(c.offset, 0.0);
    QCOMPARE(c.stratum, 0);
    QCOMPARE(c.pulseWidth, 0.0);
    QVERIFY(c.refId.empty() && c.lockRefId.empty());
    QVERIFY(!c.precision && !c.maxDispersion && !c.minSamples && !c.maxSamples);
    QVERIFY(!c.prefer && !c.noselect && !c.trust && !c.require && !c.tai && !c.local && !c.ppsForced);
    QCOMPARE(c.origin, std::string("test.conf:1"));
    // chrony's 0 for precision and maxdispersion means "not set".
    QVERIFY(!result.config.refClocks.at(1).precision && !result.config.refClocks.at(1).maxDispersion);
}

void TestConfigReader::refClockErrors_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const char *line, const char *expected) {
        QTest::newRow(name) << QByteArray(line) << QString::fromLatin1(expected);
    };
    row("nothing", "refclock", "test.conf:1:1: error: 'refclock' needs a driver and a driver parameter");
    row("no parameter", "refclock PPS", "test.conf:1:1: error: 'refclock' needs a driver and a driver parameter");
    row("unknown driver", "refclock GPS /dev/gps0",
        "test.conf:1:10: error: unknown refclock driver 'GPS'; expected PPS, SHM, SOCK, PHC, RTC or NMEA");
    row("lower-case driver", "refclock pps /dev/pps0",
        "test.conf:1:10: error: unknown refclock driver 'pps'; expected PPS, SHM, SOCK, PHC, RTC or NMEA (driver "
        "names are upper case)");
    row("empty parameter", "refclock PPS :clear", "test.conf:1:14: error: missing driver parameter in ':clear'");
    row("bad segment", "refclock SHM x",
        "test.conf:1:14: error: invalid SHM segment 'x': expected a non-negative integer");
    row("negative segment", "refclock SHM -1",
        "test.conf:1:14: error: invalid SHM segment '-1': expected a non-negative integer");
    row("non-octal perm", "refclock SHM 0:perm=0800",
        "test.conf:1:16: error: invalid value '0800' for driver option 'perm': expected an octal file mode up to 0777");
    row("perm too big", "refclock SHM 0:perm=01000",
        "test.conf:1:16: error: invalid value '01000' for driver option 'perm': expected an octal file mode up to "
        "0777");
    row("perm without value", "refclock SHM 0:perm",
        "test.conf:1:16: error: invalid value '' for driver option 'perm': expected an octal file mode up to 0777");
    row("bad pin", "refclock PHC /dev/ptp0:pin=x",
        "test.conf:1:24: error: invalid value 'x' for driver option 'pin': expected a non-negative integer");
    row("bad channel", "refclock PHC /dev/ptp0:extpps:channel=-1",
        "test.conf:1:31: error: invalid value '-1' for driver option 'channel': expected a non-negative integer");
    row("flag with value", "refclock PHC /dev/ptp0:extpps=1",
        "test.conf:1:24: error: driver option 'extpps' takes no value");
    row("option of another driver", "refclock PPS /dev/pps0:nocrossts",
        "test.conf:1:24: error: unknown driver option 'nocrossts' for refclock driver 'PPS'");
    row("SOCK has no options", "refclock SOCK /tmp/s:x",
        "test.conf:1:22: error: unknown driver option 'x' for refclock driver 'SOCK'");
    row("driver options are case-sensitive", "refclock RTC /dev/rtc0:UTC",
        "test.conf:1:24: error: unknown driver option 'UTC' for refclock driver 'RTC'");
    row("empty driver option", "refclock PPS /dev/pps0::clear",
        "test.conf:1:24: error: empty driver option for refclock driver 'PPS'");
    row("odd baud rate", "refclock NMEA /dev/ttyS0:12345",
        "test.conf:1:26: error: unsupported baud rate '12345' for refclock driver 'NMEA'");
    row("baud as a word", "refclock NMEA /dev/ttyS0:fast",
        "test.conf:1:26: error: unknown driver option 'fast' for refclock driver 'NMEA'");
    row("long refid", "refclock PPS /dev/pps0 refid GPSXX",
        "test.conf:1:30: error: invalid value 'GPSXX' for 'refid': expected at most 4 characters");
    row("long lock", "refclock PPS /dev/pps0 lock NMEA0",
        "test.conf:1:29: error: invalid value 'NMEA0' for 'lock': expected at most 4 characters");
    row("missing lock", "refclock PPS /dev/pps0 lock", "test.conf:1:24: error: missing value for 'lock'");
    row("stratum 16", "refclock PPS /dev/pps0 stratum 16",
        "test.conf:1:32: error: 'stratum' must be between 0 and 15, got 16");
    row("poll 33", "refclock PPS /dev/pps0 poll 33",
        "test.conf:1:29: error: 'poll' must be between -32 and 32, got 33");
    row("filter 0", "refclock PPS /dev/pps0 filter 0", "test.conf:1:31: error: 'filter' must be at least 1, got 0");
    row("rate 0", "refclock PPS /dev/pps0 rate 0", "test.conf:1:29: error: 'rate' must be at least 1, got 0");
    row("negative width", "refclock PPS /dev/pps0 width -1",
        "test.conf:1:30: error: 'width' must not be negative, got -1");
    row("bad offset", "refclock PPS /dev/pps0 offset 1ms",
        "test.conf:1:31: error: invalid value '1ms' for 'offset': expected a number");
    row("unknown option", "refclock PPS /dev/pps0 bogus",
        "test.conf:1:24: error: unknown option 'bogus' for 'refclock'");
    row("source option", "refclock PPS /dev/pps0 iburst",
        "test.conf:1:24: error: unknown option 'iburst' for 'refclock'");
}

void TestConfigReader::refClockErrors()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    const ConfigReadResult result = read(line);
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList{expected});
    QVERIFY(result.config.refClocks.empty());
}

// ---- other directives with values

void TestConfigReader::chronyDefaults()
{
    const EngineConfig c;
    QCOMPARE(c.selection.maxDistance, 3.0);
    QCOMPARE(c.selection.maxJitter, 1.0);
    QCOMPARE(c.selection.minSources, 1);
    QCOMPARE(c.selection.combineLimit, 3.0);
    QCOMPARE(c.selection.reselectDistance, 1e-4);
    QCOMPARE(c.selection.stratumWeight, 1e-3);
    QCOMPARE(c.clock.maxSlewRate, 1e6 / 12.0);
    QVERIFY(qAbs(c.clock.maxSlewRate - 83333.333) < 0.001);
    QCOMPARE(c.clock.maxUpdateSkew, 1000.0);
    QVERIFY(!c.clock.makeStep.enabled());
    QVERIFY(c.clock.driftFile.empty());
    QCOMPARE(c.clock.driftFileInterval, 3600);
    QVERIFY(!c.clock.rtcSync);
    QCOMPARE(c.clock.leapSecMode, LeapSecondMode::System);
    QVERIFY(c.clock.leapSecTimezone.empty());
    QVERIFY(!c.server.rateLimit.enabled);
    QCOMPARE(c.server.rateLimit.interval, 3);
    QCOMPARE(c.server.rateLimit.burst, 8);
    QCOMPARE(c.server.rateLimit.leak, 2);
    QCOMPARE(c.server.rateLimit.kod, 0);
    QCOMPARE(c.server.clientLogLimit, std::uint64_t(524288));
    QVERIFY(!c.server.noClientLog && !c.server.bindAddressV4 && !c.server.bindAddressV6);
    QCOMPARE(c.command.port, std::uint16_t(323));
    QCOMPARE(c.command.socketPath, std::string("/var/run/chrony/chronyd.sock"));
    QVERIFY(c.command.access.empty());
    QCOMPARE(c.pidFile, std::string("/var/run/chrony/chronyd.pid"));
    QCOMPARE(c.user, std::string("root"));
    QCOMPARE(c.logging.logChange, 1.0);
    QVERIFY(c.logging.logDir.empty() && !c.logging.tracking && !c.logging.measurements);
    QVERIFY(c.keyFile.empty() && c.dumpDir.empty() && c.refClocks.empty() && c.hwTimestamps.empty());
}

void TestConfigReader::realDirectives_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<double>("expected");
    QTest::newRow("maxslewrate") << QByteArray("maxslewrate 500") << 500.0;
    QTest::newRow("maxupdateskew") << QByteArray("maxupdateskew 100.0") << 100.0;
    QTest::newRow("corrtimeratio") << QByteArray("corrtimeratio 1e10") << 1e10;
    QTest::newRow("maxdistance") << QByteArray("maxdistance 1.5") << 1.5;
    QTest::newRow("maxjitter") << QByteArray("maxjitter 0.25") << 0.25;
    QTest::newRow("combinelimit") << QByteArray("combinelimit 2") << 2.0;
    QTest::newRow("reselectdist") << QByteArray("reselectdist 1e-3") << 1e-3;
    QTest::newRow("stratumweight") << QByteArray("stratumweight 0") << 0.0;
    QTest::newRow("logchange") << QByteArray("logchange 0.5") << 0.5;
    QTest::newRow("upper case, plus sign") << QByteArray("MAXDISTANCE +2") << 2.0;
}

void TestConfigReader::realDirectives()
{
    QFETCH(QByteArray, line);
    QFETCH(double, expected);
    const ConfigReadResult result = read(line);
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    const EngineConfig &c = result.config;
    const QByteArray name = line.left(line.indexOf(' ')).toLower();
    const double actual = name == "maxslewrate"     ? c.clock.maxSlewRate
                          : name == "maxupdateskew" ? c.clock.maxUpdateSkew
                          : name == "corrtimeratio" ? c.clock.correctionTimeRatio
                          : name == "maxdistance"   ? c.selection.maxDistance
                          : name == "maxjitter"     ? c.selection.maxJitter
                          : name == "combinelimit"  ? c.selection.combineLimit
                          : name == "reselectdist"  ? c.selection.reselectDistance
                          : name == "stratumweight" ? c.selection.stratumWeight
                          : name == "logchange"     ? c.logging.logChange
                                                    : -1.0;
    QCOMPARE(actual, expected);
}

void TestConfigReader::directiveErrors_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *line, const char *expected) {
        QTest::newRow(line) << QByteArray(line) << QString::fromLatin1(expected);
    };
    row("maxdistance -1", "test.conf:1:13: error: 'maxdistance' must not be negative, got -1");
    row("maxjitter abc", "test.conf:1:11: error: invalid value 'abc' for 'maxjitter': expected a number");
    row("maxslewrate inf", "test.conf:1:13: error: invalid value 'inf' for 'maxslewrate': expected a number");
    row("stratumweight 1e400", "test.conf:1:15: error: invalid value '1e400' for 'stratumweight': expected a number");
    row("combinelimit", "test.conf:1:1: error: 'combinelimit' needs a number");
    row("reselectdist 1 2", "test.conf:1:16: error: unexpected argument '2' for 'reselectdist'");
    row("logchange 0.5 # half a second",
        "test.conf:1:15: error: unexpected argument '#' for 'logchange' (comments must be on a line of their own)");
    row("minsources 0", "test.conf:1:12: error: 'minsources' must be at least 1, got 0");
    row("minsources 1.5", "test.conf:1:12: error: invalid value '1.5' for 'minsources': expected an integer");
    row("makestep 1", "test.conf:1:1: error: 'makestep' needs a threshold and a limit");
    row("makestep -1 3", "test.conf:1:10: error: 'makestep' must not be negative, got -1");
    row("makestep 1 x", "test.conf:1:12: error: invalid value 'x' for 'makestep': expected an integer");
    row("makestep 1 3 5", "test.conf:1:14: error: unexpected argument '5' for 'makestep'");
    row("driftfile", "test.conf:1:1: error: 'driftfile' needs a file name");
    row("driftfile /d interval 0", "test.conf:1:23: error: 'interval' must be at least 1, got 0");
    row("driftfile /d interval", "test.conf:1:14: error: missing value for 'interval'");
    row("rtcsync now", "test.conf:1:9: error: unexpected argument 'now' for 'rtcsync'");
    row("noclientlog 1", "test.conf:1:13: error: unexpected argument '1' for 'noclientlog'");
    row("keyfile", "test.conf:1:1: error: 'keyfile' needs a file name");
    row("logdir", "test.conf:1:1: error: 'logdir' needs a directory");
    row("dumpdir", "test.conf:1:1: error: 'dumpdir' needs a directory");
    row("alarmcommand", "test.conf:1:1: error: 'alarmcommand' needs a program");
    row("user a b", "test.conf:1:8: error: unexpected argument 'b' for 'user'");
    row("leapsectz", "test.conf:1:1: error: 'leapsectz' needs a time zone name");
    row("authselectmode", "test.conf:1:1: error: 'authselectmode' needs a mode");
    row("authselectmode strict",
        "test.conf:1:16: error: invalid value 'strict' for 'authselectmode': expected require, prefer, mix or ignore");
    row("leapsecmode", "test.conf:1:1: error: 'leapsecmode' needs a mode");
    row("leapsecmode smear",
        "test.conf:1:13: error: invalid value 'smear' for 'leapsecmode': expected system, slew, step or ignore");
    row("hwtimestamp", "test.conf:1:1: error: 'hwtimestamp' needs an interface name or '*'");
    row("hwtimestamp eth0 rxfilter some",
        "test.conf:1:27: error: invalid value 'some' for 'rxfilter': expected none, ntp, ptp or all");
    row("hwtimestamp eth0 precision 0", "test.conf:1:28: error: 'precision' must be positive, got 0");
    row("hwtimestamp eth0 minpoll 25", "test.conf:1:26: error: 'minpoll' must be between -7 and 24, got 25");
    row("hwtimestamp eth0 burst", "test.conf:1:18: error: unknown option 'burst' for 'hwtimestamp'");
    row("bindaddress", "test.conf:1:1: error: 'bindaddress' needs an address");
    row("bindaddress eth0",
        "test.conf:1:13: error: invalid value 'eth0' for 'bindaddress': expected an IPv4 or IPv6 address");
    row("bindcmdaddress localhost",
        "test.conf:1:16: error: invalid value 'localhost' for 'bindcmdaddress': expected an address or a path starting "
        "with '/'");
    row("metricsaddress", "test.conf:1:1: error: 'metricsaddress' needs an address and a port");
    row("metricsaddress 127.0.0.1", "test.conf:1:1: error: 'metricsaddress' needs an address and a port");
    row("metricsaddress localhost 9123",
        "test.conf:1:16: error: invalid value 'localhost' for 'metricsaddress': expected an IPv4 or IPv6 address");
    row("metricsaddress 127.0.0.1 0", "test.conf:1:26: error: 'metricsaddress' must be between 1 and 65535, got 0");
    row("metricsaddress ::1 65536", "test.conf:1:20: error: 'metricsaddress' must be between 1 and 65535, got 65536");
    row("metricsaddress ::1 http",
        "test.conf:1:20: error: invalid value 'http' for 'metricsaddress': expected an integer");
    row("metricsaddress ::1 9123 tls", "test.conf:1:25: error: unexpected argument 'tls' for 'metricsaddress'");
    row("ratelimit interval 13", "test.conf:1:20: error: 'interval' must be between -19 and 12, got 13");
    row("ratelimit burst 0", "test.conf:1:17: error: 'burst' must be between 1 and 255, got 0");
    row("ratelimit leak 5", "test.conf:1:16: error: 'leak' must be between 1 and 4, got 5");
    row("ratelimit kod 5", "test.conf:1:15: error: 'kod' must be between 0 and 4, got 5");
    row("ratelimit interval", "test.conf:1:11: error: missing value for 'interval'");
    row("ratelimit rate 3", "test.conf:1:11: error: unknown option 'rate' for 'ratelimit'");
    row("clientloglimit -1", "test.conf:1:16: error: 'clientloglimit' must not be negative, got -1");
    row("clientloglimit 99999999999999999999",
        "test.conf:1:16: error: 'clientloglimit' is out of range, got 99999999999999999999");
    row("clientloglimit 1M", "test.conf:1:16: error: invalid value '1M' for 'clientloglimit': expected an integer");
    row("cmdport 70000", "test.conf:1:9: error: 'cmdport' must be between 0 and 65535, got 70000");
    row("cmdallow host.example.net", "test.conf:1:10: error: host names in allow/deny are not supported");
    row("cmddeny 10/33", "test.conf:1:9: error: prefix length 33 is longer than the 32 bits of the address");
    row("log tracking Statistics",
        "test.conf:1:14: error: unknown log 'Statistics'; expected measurements, rawmeasurements, refclocks, rtc, "
        "selection, statistics, tempcomp or tracking");
    row("pidfile", "test.conf:1:1: error: 'pidfile' needs a file name");
}

void TestConfigReader::directiveErrors()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    const ConfigReadResult result = read(line);
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList{expected});
    QVERIFY(!result.ok());
    // A line with an error changes nothing.
    QVERIFY(withoutWarnings(result.config) == EngineConfig{});
}

void TestConfigReader::clockDirectives()
{
    const ConfigReadResult result = read("makestep 0.1 3\n"
                                         "driftfile /var/lib/chrony/drift interval 60\n"
                                         "rtcsync\n"
                                         "leapsectz right/UTC\n"
                                         "leapsecmode slew\n"
                                         "leapseclist /usr/share/zoneinfo/leap-seconds.list\n"
                                         "minsources 2\n");
    // All of them are in effect: not even a "has no effect yet".
    QCOMPARE(diagnostics(result), QStringList());
    const ClockControlConfig &clock = result.config.clock;
    QVERIFY(clock.makeStep.enabled());
    QCOMPARE(clock.makeStep.threshold, 0.1);
    QCOMPARE(clock.makeStep.limit, 3);
    QCOMPARE(clock.driftFile, std::string("/var/lib/chrony/drift"));
    QCOMPARE(clock.driftFileInterval, 60);
    QVERIFY(clock.rtcSync);
    QCOMPARE(clock.leapSecTimezone, std::string("right/UTC"));
    QCOMPARE(clock.leapSecMode, LeapSecondMode::Slew);
    QCOMPARE(clock.leapSecList, std::string("/usr/share/zoneinfo/leap-seconds.list"));
    QCOMPARE(result.config.selection.minSources, 2);

    // A negative limit steps at any time; a later driftfile line keeps an earlier interval.
    const ConfigReadResult later = read("makestep 1 -1\ndriftfile /a interval 60\ndriftfile /b\n");
    QCOMPARE(later.config.clock.makeStep.limit, -1);
    QVERIFY(later.config.clock.makeStep.enabled());
    QCOMPARE(later.config.clock.driftFile, std::string("/b"));
    QCOMPARE(later.config.clock.driftFileInterval, 60);
    QVERIFY(!read("makestep 1 0").config.clock.makeStep.enabled());
}

void TestConfigReader::leapSecModes_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<LeapSecondMode>("expected");
    QTest::newRow("system") << QByteArray("leapsecmode system") << LeapSecondMode::System;
    QTest::newRow("slew") << QByteArray("leapsecmode slew") << LeapSecondMode::Slew;
    QTest::newRow("step") << QByteArray("leapsecmode step") << LeapSecondMode::Step;
    QTest::newRow("ignore") << QByteArray("leapsecmode ignore") << LeapSecondMode::Ignore;
    QTest::newRow("case") << QByteArray("LeapSecMode Ignore") << LeapSecondMode::Ignore;
}

void TestConfigReader::authSelectModes_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<AuthSelectMode>("expected");
    QTest::newRow("default") << QByteArray("") << AuthSelectMode::Mix;
    QTest::newRow("require") << QByteArray("authselectmode require") << AuthSelectMode::Require;
    QTest::newRow("prefer") << QByteArray("authselectmode prefer") << AuthSelectMode::Prefer;
    QTest::newRow("mix") << QByteArray("authselectmode mix") << AuthSelectMode::Mix;
    QTest::newRow("ignore") << QByteArray("authselectmode ignore") << AuthSelectMode::Ignore;
}

void TestConfigReader::authSelectModes()
{
    QFETCH(QByteArray, line);
    QFETCH(AuthSelectMode, expected);
    const ConfigReadResult result = read(line);
    QCOMPARE(diagnostics(result), QStringList());
    QCOMPARE(result.config.selection.authSelectMode, expected);
}

void TestConfigReader::leapSecModes()
{
    QFETCH(QByteArray, line);
    QFETCH(LeapSecondMode, expected);
    const ConfigReadResult result = read(line);
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.clock.leapSecMode, expected);
}

void TestConfigReader::textDirectives()
{
    const ConfigReadResult result = read("keyfile /etc/chrony/chrony.keys\n"
                                         "logdir /var/log/chrony\n"
                                         "dumpdir /var/lib/chrony\n"
                                         "user _chrony\n"
                                         "pidfile /run/chronyd.pid\n"
                                         "alarmcommand /usr/local/bin/stratum-alarm\n"
                                         "noclientlog\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.keyFile, std::string("/etc/chrony/chrony.keys"));
    QCOMPARE(result.config.logging.logDir, std::string("/var/log/chrony"));
    QCOMPARE(result.config.dumpDir, std::string("/var/lib/chrony"));
    QCOMPARE(result.config.user, std::string("_chrony"));
    QCOMPARE(result.config.pidFile, std::string("/run/chronyd.pid"));
    QCOMPARE(result.config.alarmCommand, std::string("/usr/local/bin/stratum-alarm"));
    QVERIFY(result.config.server.noClientLog);
    // "/" disables the PID file, as in chronyd.
    QVERIFY(read("pidfile /").config.pidFile.empty());
}

void TestConfigReader::metricsAddress()
{
    QVERIFY(!read("allow\n").config.metrics.has_value()); // off unless configured

    const ConfigReadResult result = read("metricsaddress 127.0.0.1 9123\n");
    QCOMPARE(diagnostics(result), QStringList()); // in effect: no warning
    QVERIFY(result.config.metrics.has_value());
    QCOMPARE(result.config.metrics->address, ip("127.0.0.1"));
    QCOMPARE(result.config.metrics->port, std::uint16_t(9123));

    // The last line wins, as for chrony's single-valued directives.
    const ConfigReadResult twice = read("metricsaddress 127.0.0.1 9123\nmetricsaddress ::1 9100\n");
    QCOMPARE(twice.config.metrics->address, ip("::1"));
    QCOMPARE(twice.config.metrics->port, std::uint16_t(9100));

    // Both problems of a line are reported, and the line is not used.
    const ConfigReadResult bad = read("metricsaddress example.org 0\n");
    QCOMPARE(diagnostics(bad),
             QStringList({"test.conf:1:16: error: invalid value 'example.org' for 'metricsaddress': expected an IPv4 "
                          "or IPv6 address",
                          "test.conf:1:28: error: 'metricsaddress' must be between 1 and 65535, got 0"}));
    QVERIFY(!bad.config.metrics.has_value());
}

void TestConfigReader::hwTimestamp()
{
    const ConfigReadResult result =
        read("hwtimestamp eth0 minpoll -2 maxpoll 4 minsamples 3 maxsamples 20 precision 1e-8 "
             "rxcomp 5e-8 txcomp -6e-8 rxfilter PTP nocrossts\n"
             "hwtimestamp * minpoll 2\n"
             "hwtimestamp eth1\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    const auto &h = result.config.hwTimestamps;
    QCOMPARE(h.size(), std::size_t(3));
    QCOMPARE(h[0].interface, std::string("eth0"));
    QCOMPARE(h[0].minPoll, -2);
    QCOMPARE(h[0].maxPoll, 4);
    QCOMPARE(h[0].minSamples, 3);
    QCOMPARE(h[0].maxSamples, 20);
    QCOMPARE(h[0].precision, 1e-8);
    QCOMPARE(h[0].rxComp, 5e-8);
    QCOMPARE(h[0].txComp, -6e-8);
    QCOMPARE(h[0].rxFilter, HwTimestampConfig::RxFilter::Ptp);
    QVERIFY(h[0].noCrossTimestamp);
    QCOMPARE(h[1].interface, std::string("*"));
    QCOMPARE(h[1].minPoll, 2);
    QCOMPARE(h[1].maxPoll, 3); // chrony: minpoll + 1 unless given
    QCOMPARE(h[2].minPoll, 0);
    QCOMPARE(h[2].maxPoll, 1);
    QCOMPARE(h[2].minSamples, 2);
    QCOMPARE(h[2].maxSamples, 16);
    QCOMPARE(h[2].precision, 100e-9);
    QCOMPARE(h[2].rxFilter, HwTimestampConfig::RxFilter::Any);
    QVERIFY(!h[2].noCrossTimestamp);
}

void TestConfigReader::bindAddresses()
{
    const ConfigReadResult result = read("bindaddress 192.0.2.1\n"
                                         "bindaddress 2001:db8::1\n"
                                         "bindaddress 192.0.2.2\n"
                                         "bindcmdaddress 127.0.0.1\n"
                                         "bindcmdaddress ::1\n"
                                         "bindcmdaddress /run/chrony/chronyd.sock\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.server.bindAddressV4,
             std::optional<IpAddress>(ip("192.0.2.2"))); // one per family, last wins
    QCOMPARE(result.config.server.bindAddressV6, std::optional<IpAddress>(ip("2001:db8::1")));
    QCOMPARE(result.config.command.bindAddressV4, std::optional<IpAddress>(ip("127.0.0.1")));
    QCOMPARE(result.config.command.bindAddressV6, std::optional<IpAddress>(ip("::1")));
    QCOMPARE(result.config.command.socketPath, std::string("/run/chrony/chronyd.sock"));
    // "/" disables the command socket.
    QVERIFY(read("bindcmdaddress /").config.command.socketPath.empty());
}

void TestConfigReader::rateLimit()
{
    const ConfigReadResult defaults = read("ratelimit");
    QVERIFY(defaults.diagnostics.empty()); // in effect: not even a "has no effect yet"
    QVERIFY(defaults.config.server.rateLimit.enabled);
    QCOMPARE(defaults.config.server.rateLimit.interval, 3);

    const ConfigReadResult all = read("ratelimit interval -19 burst 255 leak 1 kod 4");
    QCOMPARE(diagnosticsBesidesNoEffect(all), QStringList());
    const RateLimitConfig &r = all.config.server.rateLimit;
    QCOMPARE(r.interval, -19);
    QCOMPARE(r.burst, 255);
    QCOMPARE(r.leak, 1);
    QCOMPARE(r.kod, 4);

    // As chronyd: each line changes only the options it names.
    const ConfigReadResult two = read("ratelimit interval 1\nratelimit burst 4\n");
    QCOMPARE(two.config.server.rateLimit.interval, 1);
    QCOMPARE(two.config.server.rateLimit.burst, 4);
    QCOMPARE(two.config.server.rateLimit.leak, 2);
}

void TestConfigReader::serverAndCommandDirectives()
{
    const ConfigReadResult result = read("clientloglimit 1048576\n"
                                         "cmdport 0\n"
                                         "cmdallow 192.168.1.0/24\n"
                                         "cmddeny all\n"
                                         "cmdallow\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.server.clientLogLimit, std::uint64_t(1048576));
    QCOMPARE(result.config.command.port, std::uint16_t(0));
    QStringList rules;
    for (const AccessRule &rule : result.config.command.access)
        rules << describe(rule);
    QCOMPARE(rules, QStringList({"allow 192.168.1.0/24", "deny all", "allow"}));
    QVERIFY(result.config.ntpAccess.empty()); // command access is kept apart
}

void TestConfigReader::logDirective()
{
    const ConfigReadResult result =
        read("log tracking measurements\nlog statistics refclocks rtc tempcomp selection\nlog\n");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    const LoggingConfig &l = result.config.logging;
    QVERIFY(l.tracking && l.measurements && l.statistics && l.refclocks && l.rtc && l.tempcomp && l.selection);
    QVERIFY(!l.rawMeasurements);

    const LoggingConfig raw = read("log rawmeasurements").config.logging;
    QVERIFY(raw.rawMeasurements && raw.measurements); // as chronyd: raw implies measurements
    QVERIFY(!raw.tracking);
}

void TestConfigReader::obsoleteDirectivesWarn()
{
    const ConfigReadResult result =
        read("commandkey 1\ngeneratecommandkey\nlinux_freq_scale 0.99\nlinux_hz 100\ndumponexit\n");
    QVERIFY(result.ok());
    QCOMPARE(diagnostics(result), QStringList({"test.conf:1:1: warning: 'commandkey' is obsolete; ignored",
                                               "test.conf:2:1: warning: 'generatecommandkey' is obsolete; ignored",
                                               "test.conf:3:1: warning: 'linux_freq_scale' is obsolete; ignored",
                                               "test.conf:4:1: warning: 'linux_hz' is obsolete; ignored",
                                               "test.conf:5:1: warning: 'dumponexit' is obsolete; ignored"}));
}

void TestConfigReader::everyDirectiveIsKnown()
{
    // The syntax table and the parser agree: nothing implemented is reported as unknown or as
    // not implemented, and every recognised directive gets its warning.
    ConfigReadOptions noIncludes;
    noIncludes.followIncludes = false;
    for (const DirectiveSyntax &directive : allDirectiveSyntax()) {
        const std::string name(directive.name);
        const ConfigReadResult result = readConfigText(name, kFile, noIncludes);
        const QString messages = diagnostics(result).join('\n');
        QVERIFY2(!messages.contains("unknown directive"), name.c_str());
        if (directive.support == DirectiveSupport::Implemented)
            QVERIFY2(!messages.contains("not implemented") && !messages.contains("obsolete"), name.c_str());
        else if (directive.support == DirectiveSupport::NotImplemented)
            QVERIFY2(messages.contains("has no effect yet"), name.c_str());
        else
            QVERIFY2(messages.contains("is obsolete"), name.c_str());
    }
    QCOMPARE(allDirectiveSyntax().size(), std::size_t(99)); // chrony 4.x's, our alarmcommand and metricsaddress
}

namespace {

// A valid line for every directive that takes arguments (the rest are valid alone); options
// are appended to these.
const std::map<std::string, std::string> kSampleLines = {
    {"alarmcommand", "alarmcommand /usr/local/bin/stratum-alarm"},
    {"authselectmode", "authselectmode prefer"},
    {"bindaddress", "bindaddress 127.0.0.1"},
    {"bindcmdaddress", "bindcmdaddress 127.0.0.1"},
    {"clientloglimit", "clientloglimit 100000"},
    {"cmdport", "cmdport 323"},
    {"combinelimit", "combinelimit 3"},
    {"corrtimeratio", "corrtimeratio 3"},
    {"confdir", "confdir /nonexistent-s1"},
    {"driftfile", "driftfile /var/lib/chrony/drift"},
    {"dumpdir", "dumpdir /var/lib/chrony"},
    {"hwtimestamp", "hwtimestamp eth0"},
    {"include", "include /nonexistent-s1/a.conf"},
    {"keyfile", "keyfile /etc/chrony/chrony.keys"},
    {"leapseclist", "leapseclist /usr/share/zoneinfo/leap-seconds.list"},
    {"leapsecmode", "leapsecmode slew"},
    {"leapsectz", "leapsectz right/UTC"},
    {"log", "log tracking"},
    {"logchange", "logchange 1"},
    {"logdir", "logdir /var/log/chrony"},
    {"makestep", "makestep 1 3"},
    {"maxdistance", "maxdistance 3"},
    {"maxjitter", "maxjitter 1"},
    {"maxslewrate", "maxslewrate 1000"},
    {"maxupdateskew", "maxupdateskew 100"},
    {"metricsaddress", "metricsaddress 127.0.0.1 9123"},
    {"minsources", "minsources 1"},
    {"peer", "peer 192.0.2.1"},
    {"pidfile", "pidfile /run/s1.pid"},
    {"pool", "pool pool.example.net"},
    {"port", "port 123"},
    {"refclock", "refclock SHM 0"},
    {"reselectdist", "reselectdist 0.0001"},
    {"server", "server 192.0.2.1"},
    {"sourcedir", "sourcedir /nonexistent-s1"},
    {"stratumweight", "stratumweight 0.001"},
    {"user", "user _chrony"},
};

// A valid value for every option that takes one ("1" unless listed).
const std::map<std::string, std::string> kSampleValues = {
    {"asymmetry", "0.1"},     {"extfield", "F323"}, {"lock", "PPS"},  {"refid", "GPS"}, {"rxfilter", "all"},
    {"maxdelayquant", "0.5"}, {"version", "4"},     {"minpoll", "4"}, {"maxpoll", "6"}, {"precision", "1e-6"},
    {"presend", "6"},         {"ntsport", "4460"},  {"port", "123"},
};

QStringList withoutEffect(const ConfigReadResult &result)
{
    QStringList lines;
    for (const QString &line : diagnostics(result))
        if (line.contains(QLatin1String("has no effect yet")))
            lines << line;
    return lines;
}

} // namespace

void TestConfigReader::everySyntaxEntryIsInEffectOrWarned()
{
    // Every directive and option chrony.conf knows is read; each one either changes what the
    // program does (ConfigEffects' explicit lists) or is a "has no effect yet" warning at its
    // own column. Before, ratelimit, key, keyfile, xleave, hwtimestamp, user and others were
    // accepted in silence.
    ConfigReadOptions noIncludes;
    noIncludes.followIncludes = false;
    int inEffect = 0;
    int warned = 0;
    for (const DirectiveSyntax &directive : allDirectiveSyntax()) {
        const std::string name(directive.name);
        const auto sample = kSampleLines.find(name);
        const std::string line = sample != kSampleLines.end() ? sample->second : name;
        const ConfigReadResult result = readConfigText(line, kFile, noIncludes);
        QVERIFY2(result.ok(), qPrintable(QString::fromStdString(line) + ": " + diagnostics(result).join('|')));
        if (directive.support == DirectiveSupport::Obsolete) {
            // chronyd ignores these too; they say so.
            QVERIFY2(diagnostics(result).join('|').contains("is obsolete; ignored"), name.c_str());
            ++warned;
            continue;
        }
        const QStringList warnings = withoutEffect(result);
        const bool directiveWarned = warnings.contains(
            QStringLiteral("test.conf:1:1: warning: '%1' has no effect yet").arg(QString::fromStdString(name)));
        const bool effective = directive.support == DirectiveSupport::Implemented && directiveInEffect(name);
        if (name == "peer") {
            QCOMPARE(warnings,
                     QStringList{"test.conf:1:1: warning: loop detection of 'peer' has no effect yet: symmetric polls "
                                 "are exchanged, but a synchronisation loop through the peer is not detected"});
        } else {
            QVERIFY2(effective != directiveWarned,
                     qPrintable(QString::fromStdString(line) + ": " + warnings.join('|')));
            QVERIFY2(effective ? warnings.isEmpty() : warnings.size() == 1, qPrintable(warnings.join('|')));
        }
        ++(effective ? inEffect : warned);

        for (const OptionSyntax &option : directive.options) {
            const std::string optionName(option.name);
            std::string withOption = line;
            withOption.append(" ").append(optionName);
            if (option.takesValue) {
                const auto value = kSampleValues.find(optionName);
                withOption += " " + (value != kSampleValues.end() ? value->second : std::string("1"));
            }
            const ConfigReadResult r = readConfigText(withOption, kFile, noIncludes);
            QVERIFY2(r.ok(), qPrintable(QString::fromStdString(withOption) + ": " + diagnostics(r).join('|')));
            const QStringList optionWarnings = withoutEffect(r);
            const int column = static_cast<int>(line.size()) + 2;
            const QString expected = QStringLiteral("test.conf:1:%1: warning: option '%2' of '%3' has no effect yet")
                                         .arg(column)
                                         .arg(QString::fromStdString(optionName), QString::fromStdString(name));
            const bool optionWarned = std::any_of(optionWarnings.begin(), optionWarnings.end(),
                                                  [&](const QString &w) { return w.startsWith(expected); });
            if (!effective) {
                // The directive as a whole is warned about, its options are not repeated.
                QVERIFY2(!optionWarned, qPrintable(QString::fromStdString(withOption)));
                continue;
            }
            const bool optionEffective = optionInEffect(name, optionName);
            QVERIFY2(optionEffective != optionWarned,
                     qPrintable(QString::fromStdString(withOption) + ": " + optionWarnings.join('|')));
            ++(optionEffective ? inEffect : warned);
        }
    }
    // What is warned about today: a change here means a list in ConfigEffects changed.
    // minstratum, ratelimit and its four options, dumpdir, user, alarmcommand, then leapsectz,
    // leapseclist, leapsecmode and metricsaddress joined; then keyfile, authselectmode and the
    // `key` option of server, pool and peer; then `xleave` of server and pool; then
    // hwtimestamp and its nine options; then corrtimeratio.
    QCOMPARE(inEffect, 150);
    QCOMPARE(warned, 99);
}

void TestConfigReader::logsAndDriversWithoutEffectAreWarned()
{
    const ConfigReadResult logs =
        read("log tracking measurements statistics refclocks selection rtc tempcomp rawmeasurements\n");
    QVERIFY(logs.ok());
    QCOMPARE(withoutEffect(logs), QStringList({"test.conf:1:48: warning: log 'selection' has no effect yet",
                                               "test.conf:1:58: warning: log 'rtc' has no effect yet",
                                               "test.conf:1:62: warning: log 'tempcomp' has no effect yet",
                                               "test.conf:1:71: warning: log 'rawmeasurements' has no effect yet"}));
    const ConfigReadResult drivers = read("refclock PPS /dev/pps0\nrefclock RTC /dev/rtc0:utc\nrefclock SHM 0 local\n");
    QVERIFY(drivers.ok());
    QCOMPARE(withoutEffect(drivers),
             QStringList({"test.conf:2:10: warning: refclock driver 'RTC' has no effect yet",
                          "test.conf:3:16: warning: option 'local' of 'refclock' has no effect yet"}));
}

void TestConfigReader::authenticatedSourcesAreWarned()
{
    const ConfigReadResult result =
        read("server a.example.net key 1 iburst\npool b.example.net nts\nserver c.example.net\n");
    QVERIFY(result.ok());
    // Symmetric keys work (tst_ntpauth, tst_engine); NTS does not yet.
    QCOMPARE(withoutEffect(result),
             QStringList({"test.conf:2:20: warning: option 'nts' of 'pool' has no effect yet: NTS is not "
                          "supported, so this source will never be selected"}));
    QCOMPARE(result.config.sources.at(0).key, 1u);
    QCOMPARE(authenticationUnavailable(result.config.sources.at(0)), std::string());
    QCOMPARE(authenticationUnavailable(result.config.sources.at(1)),
             std::string("it requires NTS authentication, which is not supported yet"));
    QCOMPARE(authenticationUnavailable(result.config.sources.at(2)), std::string());
}

void TestConfigReader::warningsReachTheConfig()
{
    // The engine hands them to its snapshots (configWarnings), for the window.
    // `xleave` works on server lines (interleaved client/server mode); on peer lines it is
    // still warned about (stratumOneExample).
    const ConfigReadResult result = read("rtcfile /var/lib/chrony/rtc\nserver a.example.net xleave\nallow\n");
    QVERIFY(result.ok());
    QCOMPARE(result.config.warnings, std::vector<std::string>({"test.conf:1:1: warning: 'rtcfile' has no effect yet"}));
}

void TestConfigReader::listenAddressesFollowBindaddressAndAllow_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");
    // chronyd opens a server socket per family some allow rule can let in, on the family's
    // bindaddress or its any address.
    QTest::newRow("no allow: not serving") << QByteArray("bindaddress 127.0.0.1\n") << QStringList{};
    QTest::newRow("allow all") << QByteArray("allow\n") << QStringList{"0.0.0.0", "::"};
    QTest::newRow("allow all, bindaddress v4")
        << QByteArray("allow all\nbindaddress 127.0.0.1\n") << QStringList{"127.0.0.1", "::"};
    QTest::newRow("allow v4 only") << QByteArray("allow 192.168.0.0/16\nbindaddress 192.168.1.5\nbindaddress ::1\n")
                                   << QStringList{"192.168.1.5"};
    QTest::newRow("allow v6 only") << QByteArray("allow 2001:db8::/32\nbindaddress ::1\n") << QStringList{"::1"};
    QTest::newRow("deny only") << QByteArray("deny 10/8\n") << QStringList{};
}

void TestConfigReader::listenAddressesFollowBindaddressAndAllow()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    const ConfigReadResult result = read(text);
    QVERIFY(result.ok());
    QStringList actual;
    for (const IpAddress &address : ntpListenAddresses(result.config))
        actual << QString::fromStdString(address.toString());
    QCOMPARE(actual, expected);
}

void TestConfigReader::lineTooLong()
{
    // chronyd refuses a line that fills its 2048-byte buffer together with its line break.
    const QByteArray longest = "server " + QByteArray(2039, 'a') + "\n";
    QCOMPARE(longest.size(), 2047);
    QCOMPARE(diagnostics(read(longest)), QStringList());
    const QByteArray tooLong = "server " + QByteArray(2040, 'a') + "\nserver b\n";
    const ConfigReadResult result = read(tooLong);
    QCOMPARE(diagnosticsBesidesNoEffect(result),
             QStringList{"test.conf:1:1: error: line is longer than chronyd's limit of 2047 bytes"});
    QCOMPARE(result.config.sources.size(), std::size_t(1));
}

// ---- include, confdir, sourcedir

void TestConfigReader::includeFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString main = writeFile(
        dir, "chrony.conf", "server a.example.net\ninclude " + path(dir, "extra.conf") + "\nserver c.example.net\n");
    const QString extra = writeFile(dir, "extra.conf", "\nserver b.example.net iburst\nbogus\n");

    const ConfigReadResult result = readConfigFile(main.toStdString());
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList{extra + ":3:1: error: unknown directive 'bogus'"});
    QCOMPARE(hosts(result), QStringList({"a.example.net", "b.example.net", "c.example.net"}));
    QCOMPARE(result.config.sources[1].origin, extra.toStdString() + ":2");
    QVERIFY(result.config.sources[1].iburst);
    QCOMPARE(files(result), QStringList({main, extra}));
}

void TestConfigReader::includeGlobIsSortedBytewise()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir, "inc/b.conf", "server b\n");
    writeFile(dir, "inc/a.conf", "server a\n");
    writeFile(dir, "inc/Z.conf", "server Z\n");
    writeFile(dir, "inc/10.conf", "server ten\n");
    writeFile(dir, "inc/c.txt", "server c\n");
    const QString main = writeFile(dir, "chrony.conf", "include " + path(dir, "inc/*.conf") + "\n");
    const ConfigReadResult result = readConfigFile(main.toStdString());
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(hosts(result), QStringList({"ten", "Z", "a", "b"}));
}

void TestConfigReader::includeMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A literal path must exist (chronyd's GLOB_NOMAGIC); a pattern may match nothing, even in a
    // missing directory.
    const QString missing = path(dir, "missing.conf");
    const QString main = writeFile(dir, "chrony.conf",
                                   "include " + missing + "\ninclude " + path(dir, "none/*.conf")
                                       + "\ninclude /nonexistent-s1-dir/*.conf\nserver after\n");
    const ConfigReadResult result = readConfigFile(main.toStdString());
    QCOMPARE(diagnosticsBesidesNoEffect(result),
             QStringList{main + ":1:9: error: cannot open included file '" + missing + "': No such file or directory"});
    QCOMPARE(hosts(result), QStringList{"after"});
}

void TestConfigReader::includeLoop()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString a = path(dir, "a.conf");
    const QString b = writeFile(dir, "b.conf", "server b\ninclude " + path(dir, "./a.conf") + "\n");
    writeFile(dir, "a.conf", "server a\ninclude " + b + "\nserver a2\n");

    const ConfigReadResult result = readConfigFile(a.toStdString());
    QCOMPARE(diagnosticsBesidesNoEffect(result),
             QStringList{b + ":2:9: error: include loop: '" + path(dir, "./a.conf") + "' is already being read"});
    QCOMPARE(hosts(result), QStringList({"a", "b", "a2"}));
}

void TestConfigReader::includeSelfByPattern()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString self = writeFile(dir, "self.conf", "include " + path(dir, "*.conf") + "\nserver s\n");
    const ConfigReadResult result = readConfigFile(self.toStdString());
    QCOMPARE(diagnosticsBesidesNoEffect(result),
             QStringList{self + ":1:9: error: include loop: '" + self + "' is already being read"});
    QCOMPARE(hosts(result), QStringList{"s"});
}

void TestConfigReader::includeDepthLimit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr int kChain = 12;
    for (int i = 0; i < kChain; ++i)
        writeFile(dir, QStringLiteral("f%1.conf").arg(i),
                  QStringLiteral("server s%1\ninclude %2\n")
                      .arg(i)
                      .arg(path(dir, QStringLiteral("f%1.conf").arg(i + 1)))
                      .toUtf8());
    const ConfigReadResult result = readConfigFile(path(dir, "f0.conf").toStdString());
    QCOMPARE(diagnosticsBesidesNoEffect(result),
             QStringList{path(dir, "f9.conf") + ":2:9: error: cannot include '" + path(dir, "f10.conf")
                         + "': chronyd nests at most 10 files"});
    QCOMPARE(result.config.sources.size(), std::size_t(10));
}

void TestConfigReader::confDir()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString a1 = writeFile(dir, "d1/a.conf", "server a1\n");
    writeFile(dir, "d1/c.conf", "server c1\n");
    writeFile(dir, "d2/a.conf", "server a2\n");
    writeFile(dir, "d2/b.conf", "server b2\nbad line\n");
    writeFile(dir, "d2/x.txt", "server x\n");
    const QString main = writeFile(dir, "chrony.conf",
                                   "confdir " + path(dir, "d1") + " " + path(dir, "d2") + " " + path(dir, "d3") + "\n");
    const ConfigReadResult result = readConfigFile(main.toStdString());
    // By file name across the directories; the first directory's a.conf hides the second's.
    QCOMPARE(hosts(result), QStringList({"a1", "b2", "c1"}));
    QCOMPARE(diagnosticsBesidesNoEffect(result),
             QStringList{path(dir, "d2/b.conf") + ":2:1: error: unknown directive 'bad'"});
    QCOMPARE(files(result), QStringList({main, a1, path(dir, "d2/b.conf"), path(dir, "d1/c.conf")}));

    QByteArray eleven = "confdir";
    for (int i = 0; i < 11; ++i)
        eleven += " /d" + QByteArray::number(i);
    QCOMPARE(diagnostics(read(eleven)),
             QStringList{"test.conf:1:49: error: too many directories for 'confdir': chronyd reads at most 10"});
}

void TestConfigReader::sourceDir()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dhcp = writeFile(dir, "s1/dhcp.sources",
                                   "server 192.0.2.1 iburst\n"
                                   "pool pool.example.net\n"
                                   "refclock SHM 0\n"
                                   "allow 10/8\n"
                                   "server bad minpoll 99\n"
                                   "server last.example.net");
    writeFile(dir, "s2/dhcp.sources", "server hidden\n");
    writeFile(dir, "s2/other.sources", "# from s2\npeer 192.0.2.9\n");
    writeFile(dir, "s2/other.conf", "server notasource\n");
    const QString main = writeFile(
        dir, "chrony.conf", "sourcedir " + path(dir, "s1") + " " + path(dir, "s2") + "\nserver main.example.net\n");

    const ConfigReadResult result = readConfigFile(main.toStdString());
    // chronyd skips bad lines of sources files: they are warnings, the read succeeds.
    QVERIFY(result.ok());
    QCOMPARE(
        diagnosticsBesidesNoEffect(result),
        QStringList(
            {dhcp + ":4:1: warning: only server, pool, peer and refclock lines are read from sources files; ignored",
             dhcp + ":5:20: warning: 'minpoll' must be between -7 and 24, got 99",
             dhcp + ":6:1: warning: last line of a sources file has no line break; ignored"}));
    // The configured sources come first, as chronyd adds sourcedir sources after them.
    QCOMPARE(hosts(result), QStringList({"main.example.net", "192.0.2.1", "pool.example.net", "192.0.2.9"}));
    QCOMPARE(result.config.sources[3].kind, SourceConfig::Kind::Peer);
    QCOMPARE(result.config.sources[3].origin, path(dir, "s2/other.sources").toStdString() + ":2");
    QCOMPARE(result.config.refClocks.size(), std::size_t(1));
    QVERIFY(result.config.ntpAccess.empty());
    QVERIFY(result.config.sourceDirs
            == std::vector<std::string>({path(dir, "s1").toStdString(), path(dir, "s2").toStdString()}));
}

void TestConfigReader::includesNotFollowedOnRequest()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir, "inc/a.conf", "server included\n");
    writeFile(dir, "src/a.sources", "server fromsources\n");
    const QString main = writeFile(dir, "chrony.conf",
                                   "include " + path(dir, "inc/a.conf") + "\nconfdir " + path(dir, "inc")
                                       + "\nsourcedir " + path(dir, "src") + "\nserver main\n");
    ConfigReadOptions options;
    options.followIncludes = false;
    const ConfigReadResult result = readConfigFile(main.toStdString(), options);
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(hosts(result), QStringList{"main"});
    QVERIFY(result.config.sourceDirs == std::vector<std::string>{path(dir, "src").toStdString()});
    QCOMPARE(files(result), QStringList{main});
}

void TestConfigReader::includeArgumentErrors()
{
    ConfigReadOptions options;
    options.followIncludes = false;
    const ConfigReadResult result = readConfigText("include\ninclude a b\nconfdir\nsourcedir\n", kFile, options);
    QCOMPARE(diagnosticsBesidesNoEffect(result),
             QStringList({"test.conf:1:1: error: 'include' needs a file name or pattern",
                          "test.conf:2:11: error: unexpected argument 'b' for 'include'",
                          "test.conf:3:1: error: 'confdir' needs a directory",
                          "test.conf:4:1: error: 'sourcedir' needs a directory"}));
}

// ---- the test data files

void TestConfigReader::seed003ClientPublicPool()
{
    const ConfigReadResult result = readData("seed003-client-public-pool.conf");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    const SourceConfig &pool = result.config.sources[0];
    QCOMPARE(pool.kind, SourceConfig::Kind::Pool);
    QCOMPARE(pool.host, std::string("pool.ntp.org"));
    QVERIFY(pool.iburst);
    QCOMPARE(pool.maxSources, 4);
    checkSeedClockLines(result.config);
}

void TestConfigReader::seed003ClientLocalServerSwts()
{
    const ConfigReadResult result = readData("seed003-client-local-server-swts.conf");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.sources.size(), std::size_t(1));
    const SourceConfig &s = result.config.sources[0];
    QCOMPARE(s.kind, SourceConfig::Kind::Server);
    QCOMPARE(s.host, std::string("192.168.123.1"));
    QVERIFY(s.iburst && s.xleave);
    QCOMPARE(s.minPoll, 2);
    QCOMPARE(s.maxPoll, 2);
    checkSeedClockLines(result.config);
}

void TestConfigReader::seed003ClientLocalServerHwts()
{
    const ConfigReadResult result = readData("seed003-client-local-server-hwts.conf");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    const SourceConfig &s = result.config.sources.at(0);
    QCOMPARE(s.host, std::string("192.168.123.1"));
    QVERIFY(!s.iburst && s.xleave);
    QCOMPARE(s.minPoll, -4); // 16 requests per second
    QCOMPARE(s.maxPoll, -4);
    QVERIFY(s.extFields == std::vector<std::uint32_t>{kExtFieldMonotonicRoot});
    QCOMPARE(s.filter, 5);
    QCOMPARE(result.config.hwTimestamps.size(), std::size_t(1));
    QCOMPARE(result.config.hwTimestamps[0].interface, std::string("*"));
    QCOMPARE(result.config.hwTimestamps[0].minPoll, -4);
    QCOMPARE(result.config.hwTimestamps[0].maxPoll, -3);
    checkSeedClockLines(result.config);
}

void TestConfigReader::seed003ServerSerialSock()
{
    const ConfigReadResult result = readData("seed003-server-serial-sock.conf");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QVERIFY(result.config.sources.empty());
    QCOMPARE(result.config.refClocks.size(), std::size_t(1));
    const RefClockConfig &sock = result.config.refClocks[0];
    QCOMPARE(sock.driver, RefClockDriver::Sock);
    QCOMPARE(sock.parameter, std::string("/var/run/chrony.ttyS0.sock"));
    QCOMPARE(sock.poll, 4);
    QCOMPARE(result.config.ntpAccess.size(), std::size_t(1));
    QCOMPARE(describe(result.config.ntpAccess[0]), QStringLiteral("allow")); // every client
    QCOMPARE(result.config.clock.leapSecTimezone, std::string("right/UTC"));
    checkSeedClockLines(result.config);
}

void TestConfigReader::seed003ServerNicPhc()
{
    const ConfigReadResult result = readData("seed003-server-nic-phc.conf");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(result.config.refClocks.size(), std::size_t(2));
    const RefClockConfig &phc = result.config.refClocks[0];
    QCOMPARE(phc.driver, RefClockDriver::Phc);
    QCOMPARE(phc.parameter, std::string("/dev/ptp0"));
    QVERIFY(phc.externalPps);
    QCOMPARE(phc.pin, 0);
    QCOMPARE(phc.driverPoll, -4);
    QCOMPARE(phc.poll, -2);
    QCOMPARE(phc.rate, 16);
    QCOMPARE(phc.pulseWidth, 0.03125);
    QCOMPARE(phc.refId, std::string("GPS"));
    QCOMPARE(phc.lockRefId, std::string("NMEA")); // a refid here, not the NMEA driver
    QCOMPARE(phc.maxLockAge, 32);
    const RefClockConfig &shm = result.config.refClocks[1];
    QCOMPARE(shm.driver, RefClockDriver::Shm);
    QCOMPARE(shm.shmSegment, 0);
    QCOMPARE(shm.refId, std::string("NMEA"));
    QVERIFY(shm.noselect);
    QCOMPARE(shm.offset, 0.120);
    QCOMPARE(shm.poll, 6);
    QCOMPARE(shm.delay, 0.010);
    QCOMPARE(result.config.hwTimestamps.at(0).minPoll, -4);
    QCOMPARE(describe(result.config.ntpAccess.at(0)), QStringLiteral("allow"));
    QCOMPARE(result.config.clock.leapSecTimezone, std::string("right/UTC"));
    checkSeedClockLines(result.config);
}

void TestConfigReader::seed004Placeholders()
{
    // The how-to's placeholders are kept as written: the allow line cannot be a subnet, the
    // server line is accepted (chronyd would keep trying to resolve it) with a warning.
    const QString file = dataPath("seed004-placeholders.conf");
    const ConfigReadResult result = readData("seed004-placeholders.conf");
    QCOMPARE(diagnosticsBesidesNoEffect(result),
             QStringList({file + ":1:7: error: invalid subnet '<ip_addr_of_client>'",
                          file
                              + ":2:8: warning: '<ip_addr_of_server>' is neither an address nor a valid host name; it "
                                "will never resolve"}));
    QVERIFY(result.config.ntpAccess.empty());
    QCOMPARE(hosts(result), QStringList{"<ip_addr_of_server>"}); // "Server": directives are case-insensitive
}

void TestConfigReader::seed004FilledIn()
{
    const ConfigReadResult result = readData("seed004-filled-in.conf");
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList());
    QCOMPARE(describe(result.config.ntpAccess.at(0)), QStringLiteral("allow 192.0.2.10/32"));
    QCOMPARE(result.config.sources.at(0).kind, SourceConfig::Kind::Server);
    QCOMPARE(hosts(result), QStringList{"192.0.2.1"});
}

void TestConfigReader::debianDefault()
{
    const QString file = dataPath("debian-default-chrony.conf");
    const ConfigReadResult result = readData("debian-default-chrony.conf");
    // Debian's file asks for a key file (read by the host) and an NTS dump directory, which has
    // no effect yet, and the check says so (its leapsectz right/UTC is in effect).
    QCOMPARE(diagnostics(result), QStringList({file + ":25:1: warning: 'ntsdumpdir' has no effect yet"}));
    const EngineConfig &c = result.config;
    QCOMPARE(hosts(result), QStringList{"2.debian.pool.ntp.org"});
    QCOMPARE(c.sources[0].kind, SourceConfig::Kind::Pool);
    QVERIFY(c.sources[0].iburst);
    QVERIFY(c.sourceDirs == std::vector<std::string>({"/run/chrony-dhcp", "/etc/chrony/sources.d"}));
    QCOMPARE(c.keyFile, std::string("/etc/chrony/chrony.keys"));
    QCOMPARE(c.clock.driftFile, std::string("/var/lib/chrony/chrony.drift"));
    QCOMPARE(c.logging.logDir, std::string("/var/log/chrony"));
    QVERIFY(!c.logging.tracking); // its log line is commented out
    QCOMPARE(c.clock.maxUpdateSkew, 100.0);
    QVERIFY(c.clock.rtcSync);
    QCOMPARE(c.clock.makeStep.threshold, 1.0);
    QCOMPARE(c.clock.makeStep.limit, 3);
    QCOMPARE(c.clock.leapSecTimezone, std::string("right/UTC"));
    QVERIFY(c.ntpAccess.empty());
}

void TestConfigReader::stratumOneExample()
{
    const QString file = dataPath("stratum1-gps-server.conf");
    const ConfigReadResult result = readData("stratum1-gps-server.conf");
    QCOMPARE(diagnostics(result),
             QStringList({file
                              + ":35:35: warning: option 'nts' of 'server' has no effect yet: NTS is not "
                                "supported, so this source will never be selected",
                          file + ":35:48: warning: option 'ntsport' of 'server' has no effect yet",
                          file + ":35:61: warning: option 'certset' of 'server' has no effect yet",
                          file + ":36:57: warning: option 'ipv4' of 'pool' has no effect yet",
                          file
                              + ":37:1: warning: loop detection of 'peer' has no effect yet: symmetric polls are "
                                "exchanged, but a synchronisation loop through the peer is not detected",
                          file + ":37:25: warning: option 'xleave' of 'peer' has no effect yet",
                          file + ":37:52: warning: option 'presend' of 'peer' has no effect yet",
                          file + ":38:20: warning: option 'offline' of 'server' has no effect yet",
                          file + ":38:28: warning: option 'auto_offline' of 'server' has no effect yet",
                          file + ":38:41: warning: option 'burst' of 'server' has no effect yet",
                          file + ":38:152: warning: option 'maxunreach' of 'server' has no effect yet",
                          file + ":38:166: warning: option 'copy' of 'server' has no effect yet",
                          file + ":38:179: warning: option 'extfield' of 'server' has no effect yet",
                          file + ":38:193: warning: option 'extfield' of 'server' has no effect yet",
                          file + ":73:17: warning: option 'orphan' of 'local' has no effect yet",
                          file + ":73:24: warning: option 'distance' of 'local' has no effect yet",
                          file + ":90:15: warning: log 'selection' has no effect yet",
                          file + ":91:1: warning: 'logchange' has no effect yet",
                          file + ":92:1: warning: 'pidfile' has no effect yet",
                          file + ":100:1: warning: 'ntsdumpdir' has no effect yet",
                          file + ":101:1: warning: 'smoothtime' has no effect yet",
                          file + ":102:1: warning: 'lock_all' has no effect yet"}));
    const EngineConfig &c = result.config;

    QCOMPARE(c.refClocks.size(), std::size_t(7));
    QCOMPARE(c.refClocks[0].driver, RefClockDriver::Nmea);
    QCOMPARE(c.refClocks[0].baudRate, 115200);
    QCOMPARE(c.refClocks[0].offset, 0.130);
    QCOMPARE(c.refClocks[1].lockRefId, std::string("NMEA"));
    QVERIFY(c.refClocks[1].prefer && c.refClocks[1].trust);
    QVERIFY(c.refClocks[2].clearEdge);
    QCOMPARE(c.refClocks[2].refId, std::string("kPPS"));
    QCOMPARE(c.refClocks[3].precision, std::optional<double>(0.1));
    QCOMPARE(c.refClocks[4].shmPermissions, 0600);
    const RefClockConfig &phc = c.refClocks[5];
    QVERIFY(phc.externalPps && phc.tai);
    QCOMPARE(phc.pin, 1);
    QCOMPARE(phc.channel, 1);
    QCOMPARE(phc.filter, 16);
    QCOMPARE(phc.minSamples, std::optional<int>(4));
    QCOMPARE(phc.maxSamples, std::optional<int>(32));
    QCOMPARE(c.refClocks[6].maxDispersion, std::optional<double>(0.5));
    QCOMPARE(c.refClocks[6].origin, file.toStdString() + ":27");

    QCOMPARE(hosts(result), QStringList({"ptbtime1.ptb.de", "ptbtime2.ptb.de", "time.cloudflare.com",
                                         "2.debian.pool.ntp.org", "192.168.1.3", "192.168.1.2"}));
    QCOMPARE(c.sources[1].maxDelayRatio, 4.0);
    QVERIFY(c.sources[2].nts);
    QCOMPARE(c.sources[3].maxSources, 3);
    QCOMPARE(c.sources[3].family, SourceConfig::Family::V4);
    QCOMPARE(c.sources[4].kind, SourceConfig::Kind::Peer);
    QCOMPARE(c.sources[4].key, std::uint32_t(25));
    QCOMPARE(c.sources[4].presend, std::optional<int>(6));
    const SourceConfig &last = c.sources[5];
    QVERIFY(last.offline && last.autoOffline && last.burst && last.copy && last.require);
    QCOMPARE(last.asymmetry, std::optional<double>(0.2));
    QCOMPARE(last.offset, -0.00005);
    QVERIFY(last.extFields == std::vector<std::uint32_t>({kExtFieldMonotonicRoot, kExtFieldNetCorrection}));

    QCOMPARE(c.selection.minSources, 2);
    QCOMPARE(c.selection.maxDistance, 1.5);
    QCOMPARE(c.selection.maxJitter, 0.5);
    QCOMPARE(c.selection.combineLimit, 2.0);
    QCOMPARE(c.selection.reselectDistance, 0.0002);
    QCOMPARE(c.selection.stratumWeight, 0.002);
    QCOMPARE(c.clock.maxSlewRate, 500.0);
    QCOMPARE(c.clock.maxUpdateSkew, 50.0);
    QCOMPARE(c.clock.driftFileInterval, 600);
    QCOMPARE(c.clock.leapSecMode, LeapSecondMode::Slew);
    QCOMPARE(c.hwTimestamps.size(), std::size_t(2));
    QCOMPARE(c.hwTimestamps[1].rxFilter, HwTimestampConfig::RxFilter::Ptp);

    QCOMPARE(c.ntpPort, std::uint16_t(123));
    QCOMPARE(c.server.bindAddressV4, std::optional<IpAddress>(ip("0.0.0.0")));
    QCOMPARE(c.server.bindAddressV6, std::optional<IpAddress>(ip("::")));
    QCOMPARE(c.ntpAccess.size(), std::size_t(4));
    QVERIFY(c.local.enabled && c.local.orphan);
    QCOMPARE(c.local.stratum, 1);
    QCOMPARE(c.local.waitUnsynced, 300.0);
    QVERIFY(c.server.rateLimit.enabled);
    QCOMPARE(c.server.rateLimit.burst, 16);
    QCOMPARE(c.server.clientLogLimit, std::uint64_t(1048576));

    QCOMPARE(c.command.access.size(), std::size_t(2));
    QCOMPARE(c.command.socketPath, std::string("/run/chrony/chronyd.sock"));
    QVERIFY(c.logging.tracking && c.logging.measurements && c.logging.statistics && c.logging.refclocks
            && c.logging.selection);
    QCOMPARE(c.logging.logChange, 0.5);
    QCOMPARE(c.user, std::string("_chrony"));
    QCOMPARE(c.pidFile, std::string("/run/chrony/chronyd.pid"));
    QVERIFY(c.sourceDirs == std::vector<std::string>{"/run/chrony-dhcp"});
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
    QCOMPARE(diagnosticsBesidesNoEffect(result),
             QStringList{QString::fromStdString(
                 path + ":0:0: error: cannot open configuration file: No such file or directory")});
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
    QCOMPARE(diagnosticsBesidesNoEffect(result), QStringList{path + ":3:1: error: unknown directive 'bogus'"});
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
