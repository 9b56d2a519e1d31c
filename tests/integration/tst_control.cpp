// The control socket end to end: `stratumone --service` with a loopback server source (a plain
// host at stratum 1) and the real `stratumctl` printing chronyc's reports from it; reloads with
// a broken and a fixed configuration (stratumctl and SIGHUP); a clean SIGTERM; the client log
// as `stratumctl clients` shows it after an in-process client engine polled the service; and
// stratumctl without a service; the remote TCP control port (queries only).
#include "CommaLocale.h"
#include "EngineProbe.h"
#include "ProcessHelpers.h"
#include "ServiceProcesses.h"

#include "chronyc/ChronycFormat.h"
#include "chronyc/ReverseNames.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>

using namespace std::chrono_literals;

namespace {

constexpr auto kCtlTimeout = 20s;   // generous: a reload restarts the engine thread
constexpr auto kReachTimeout = 20s; // 8 polls at 0.25 s plus selection, with margin
constexpr int kFastPoll = -2;       // four polls a second
constexpr int kFullReach = 0377;
constexpr qint64 kNoDaemonMaxMs = 3000;
constexpr auto kSnapshotWait = 5s;            // the service publishes a snapshot once a second
constexpr std::uint64_t kClientRequests = 12; // the probe's requests before it stops: 3 s
const QString kClientsHeader =
    QStringLiteral("Hostname                      NTP   Drop Int IntL Last     Cmd   Drop Int  Last\n"
                   "===============================================================================\n");

// The local addresses of the UDP sockets bound to `port`, as /proc/net/udp and udp6 list them
// (hex, the kernel's byte order: "0100007F" is 127.0.0.1, 31 zeros and a 1 in byte 12 ::1).
// The inodes of the sockets process `pid` holds open (its fds link to "socket:[INODE]").
QSet<QString> socketInodes(qint64 pid)
{
    QSet<QString> inodes;
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QFileInfo &fd : fds.entryInfoList(QDir::System | QDir::NoDotAndDotDot)) {
        const QString target = fd.symLinkTarget().section(QLatin1Char('/'), -1);
        if (target.startsWith(QLatin1String("socket:[")))
            inodes.insert(target.mid(8).chopped(1));
    }
    return inodes;
}

// The local addresses (hex, as /proc/net/udp{,6} show them) of process `pid`'s UDP sockets on
// `port`. Only its own: another process's socket can have the same port on another address
// (the port came from the ephemeral range, where the kernel hands out client ports).
QStringList boundUdpAddresses(quint16 port, qint64 pid)
{
    constexpr int kLocalAddressColumn = 1;
    constexpr int kInodeColumn = 9;
    const QSet<QString> inodes = socketInodes(pid);
    QStringList bound;
    const QString suffix = QStringLiteral(":%1").arg(port, 4, 16, QLatin1Char('0')).toUpper();
    for (const char *table : {"/proc/net/udp", "/proc/net/udp6"}) {
        QFile file(QString::fromLatin1(table));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QStringList lines = QString::fromLatin1(file.readAll()).split(QLatin1Char('\n'));
        for (const QString &line : lines.mid(1)) {
            const QString simplified = line.simplified();
            const QString local = simplified.section(QLatin1Char(' '), kLocalAddressColumn, kLocalAddressColumn);
            const QString inode = simplified.section(QLatin1Char(' '), kInodeColumn, kInodeColumn);
            if (local.endsWith(suffix) && inodes.contains(inode))
                bound << local.left(local.size() - suffix.size());
        }
    }
    bound.sort();
    return bound;
}

// What chronyc would print for 127.0.0.1 without -n: its name from the system's resolver, cut
// to 25 characters with '>', or the address when it has none.
QString loopbackName()
{
    const auto name = s1::systemReverseLookup(s1::IpAddress::v4(0x7F000001));
    return QString::fromStdString(s1::chronyc::displayName(name.value_or("127.0.0.1"), s1::NameStyle::Resolved));
}

class ServiceFixture : public s1test::ServiceProcesses
{
public:
    QString configText(int localStratum, bool withSource) const
    {
        QString text =
            QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum %2\n").arg(servicePort).arg(localStratum);
        if (withSource)
            text += QStringLiteral("server 127.0.0.1 port %1 minpoll %2 maxpoll %2\n").arg(serverPort).arg(kFastPoll);
        return text;
    }

    s1test::RunResult ctl(QStringList arguments) const
    {
        arguments.prepend(socketPath);
        arguments.prepend(QStringLiteral("-s"));
        return s1test::runProgram(s1test::ourBinary("stratumctl"), arguments, kCtlTimeout);
    }
};

} // namespace

class TestControl : public QObject
{
    Q_OBJECT
private slots:
    void serviceReportsReloadAndStop();
    void serviceLogsItsClients();
    void noDaemon();
    void remoteTcpAccess();
    void checkAndPrintConfig();
    void bindAddressIsWhereTheServerListens_data();
    void bindAddressIsWhereTheServerListens();
};

void TestControl::serviceReportsReloadAndStop()
{
    ServiceFixture f;
    QVERIFY(f.dir.isValid());
    f.serverPort = s1test::freeUdpPort();
    f.servicePort = s1test::freeUdpPort();
    QVERIFY(f.serverPort != f.servicePort);
    f.socketPath = f.dir.filePath("run/stratumone.sock");

    const QString serverConf = s1test::writeFile(
        f.dir, "server.conf", QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\n").arg(f.serverPort));
    f.server.start(s1test::ourBinary("stratumone-core-host"), {"-f", serverConf, "-x", "--bind", "127.0.0.1"});
    QVERIFY(f.server.waitForStarted());

    f.configPath = s1test::writeFile(f.dir, "service.conf", f.configText(3, true));
    f.service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    f.service.start(s1test::ourBinary("stratumone"),
                    {"--service", "-f", f.configPath, "-x", "--bind", "127.0.0.1", "--control-socket", f.socketPath});
    QVERIFY(f.service.waitForStarted());
    QVERIFY2(s1test::waitFor([&] { return QFileInfo::exists(f.socketPath); }, 10s), "no control socket");

    // sources: the one server reaches 377 and is selected.
    s1test::RunResult sources;
    const bool reached = s1test::waitFor(
        [&] {
            sources = f.ctl({"sources"});
            return sources.exitCode == 0 && s1test::lineStartingWith(sources.out, "^*").contains(" 377 ");
        },
        kReachTimeout);
    QVERIFY2(reached, qPrintable(sources.out + sources.err));

    // tracking: synchronised to 127.0.0.1 at stratum 1, so we are stratum 2.
    const s1test::RunResult tracking = f.ctl({"tracking"});
    QCOMPARE(tracking.exitCode, 0);
    const QStringList trackingLines = tracking.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(trackingLines.size(), 13);
    const QRegularExpression label(QStringLiteral("^[A-Za-z ()]{16}: \\S"));
    for (const QString &line : trackingLines)
        QVERIFY2(label.match(line).hasMatch(), qPrintable(line));
    QCOMPARE(trackingLines[0], QStringLiteral("Reference ID    : 7F000001 (127.0.0.1)"));
    QCOMPARE(trackingLines[1], QStringLiteral("Stratum         : 2"));
    QVERIFY(QRegularExpression("^System time     : \\d+\\.\\d{9} seconds (fast|slow) of NTP time$")
                .match(trackingLines[3])
                .hasMatch());
    QVERIFY(QRegularExpression("^Frequency       : \\d+\\.\\d{3} ppm (fast|slow)$").match(trackingLines[6]).hasMatch());
    QCOMPARE(trackingLines[12], QStringLiteral("Leap status     : Normal"));

    // Without -n, as chronyc, the address is looked up and printed by name (cut to 25).
    QVERIFY2(s1test::lineStartingWith(sources.out, "^*").startsWith(QStringLiteral("^* %1 ").arg(loopbackName(), -25)),
             qPrintable(sources.out));

    // sources -v: chronyc's legend, header, rule, and the source's line.
    const s1test::RunResult verbose = f.ctl({"-n", "sources", "-v"});
    QCOMPARE(verbose.exitCode, 0);
    const QStringList lines = verbose.out.split(QLatin1Char('\n'));
    QCOMPARE(lines[0], QString());
    QCOMPARE(lines[1], QStringLiteral("  .-- Source mode  '^' = server, '=' = peer, '#' = local clock."));
    QCOMPARE(lines[9],
             QStringLiteral("MS Name/IP address         Stratum Poll Reach LastRx Last sample               "));
    QCOMPARE(lines[10], QString(79, QLatin1Char('=')));
    const QRegularExpression sourceLine(QStringLiteral(
        "^\\^\\* 127\\.0\\.0\\.1 {21}1  -2   377 +\\d+ +[+-]\\d+[num]s\\[ *[+-]\\d+[num]s\\] \\+/- +\\d+[num]s$"));
    QVERIFY2(sourceLine.match(lines[11]).hasMatch(), qPrintable(lines[11]));

    // sourcestats: a regression over several samples.
    const s1test::RunResult stats = f.ctl({"-n", "sourcestats"});
    QCOMPARE(stats.exitCode, 0);
    const QStringList statLines = stats.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(statLines.size(), 3);
    QCOMPARE(statLines[0],
             QStringLiteral("Name/IP Address            NP  NR  Span  Frequency  Freq Skew  Offset  Std Dev"));
    const QRegularExpression statLine(QStringLiteral("^127\\.0\\.0\\.1 {16} +(\\d+) +(\\d+) +\\d+ +[+-]\\d+\\.\\d{3} "
                                                     "+\\d+\\.\\d{3} +[+-]\\d+[nums]+ +\\d+[nums]+$"));
    const auto statMatch = statLine.match(statLines[2]);
    QVERIFY2(statMatch.hasMatch(), qPrintable(statLines[2]));
    QVERIFY(statMatch.captured(1).toInt() >= 3);

    // --json: the service's result as it is.
    const s1test::RunResult json = f.ctl({"--json", "sources"});
    QCOMPARE(json.exitCode, 0);
    const QJsonArray rows = QJsonDocument::fromJson(json.out.toUtf8()).array();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].toObject().value("name").toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(rows[0].toObject().value("reach").toInt(), kFullReach);
    QCOMPARE(rows[0].toObject().value("state").toString(), QStringLiteral("selected"));
    QCOMPARE(rows[0].toObject().value("mode").toString(), QStringLiteral("server"));

    // -c: chronyc's CSV; -n: numeric names (the same here).
    const s1test::RunResult csv = f.ctl({"-c", "tracking"});
    QCOMPARE(csv.exitCode, 0);
    const QStringList fields = csv.out.trimmed().split(QLatin1Char(','));
    QCOMPARE(fields.size(), 14);
    QCOMPARE(fields[0], QStringLiteral("7F000001"));
    QCOMPARE(fields[1], QStringLiteral("127.0.0.1"));
    QCOMPARE(fields[2], QStringLiteral("2"));
    QCOMPARE(fields[13], QStringLiteral("Normal"));

    const s1test::RunResult ntpdata = f.ctl({"-n", "ntpdata", "127.0.0.1"});
    QCOMPARE(ntpdata.exitCode, 0);
    QVERIFY2(ntpdata.out.startsWith("Remote address  : 127.0.0.1 (7F000001)\n"), qPrintable(ntpdata.out));
    QVERIFY(ntpdata.out.contains(QStringLiteral("Remote port     : %1\n").arg(f.serverPort)));
    QVERIFY(ntpdata.out.contains("Stratum         : 1\n"));
    // From the last reply, not made up: where it arrived, the server's precision, reference time
    // and processing time (before: [UNSPEC], 0 (1 s), 1970 and 0).
    QVERIFY2(ntpdata.out.contains("Local address   : 127.0.0.1 (7F000001)\n"), qPrintable(ntpdata.out));
    QVERIFY2(QRegularExpression("\nPrecision       : -\\d+ \\(0\\.\\d{9} seconds\\)\n").match(ntpdata.out).hasMatch(),
             qPrintable(ntpdata.out));
    QVERIFY2(!ntpdata.out.contains("Reference time  : Thu Jan 01 00:00:00 1970\n"), qPrintable(ntpdata.out));
    QVERIFY2(!ntpdata.out.contains("Response time   : 0.000000000 seconds\n"), qPrintable(ntpdata.out));

    const s1test::RunResult activity = f.ctl({"activity"});
    QCOMPARE(activity.out, QStringLiteral("200 OK\n1 sources online\n0 sources offline\n"
                                          "0 sources doing burst (return to online)\n"
                                          "0 sources doing burst (return to offline)\n"
                                          "0 sources with unknown address\n"));
    const s1test::RunResult serverstats = f.ctl({"serverstats"});
    QCOMPARE(serverstats.exitCode, 0);
    QVERIFY(s1test::lineStartingWith(serverstats.out, "Command packets received   : ").section(':', 1).trimmed().toInt()
            > 5);
    const s1test::RunResult selectdata = f.ctl({"-n", "selectdata"});
    QVERIFY2(s1test::lineStartingWith(selectdata.out, "* 127.0.0.1").endsWith("  N"), qPrintable(selectdata.out));
    // -v: chronyc's legend and table, then each source's reason in words.
    const s1test::RunResult verboseSelect = f.ctl({"-n", "selectdata", "-v"});
    QCOMPARE(verboseSelect.exitCode, 0);
    QVERIFY2(verboseSelect.out.startsWith("  . State: N - noselect, s - unsynchronised, M - missing samples,\n"),
             qPrintable(verboseSelect.out));
    QVERIFY2(verboseSelect.out.contains(selectdata.out + "\n^* 127.0.0.1\n   Selected: the clock follows it."),
             qPrintable(verboseSelect.out));
    const s1test::RunResult why = f.ctl({"why", "127.0.0.1"});
    QCOMPARE(why.exitCode, 0);
    QVERIFY2(why.out.startsWith("^* 127.0.0.1\n   Selected: the clock follows it."), qPrintable(why.out));
    const s1test::RunResult whyNot = f.ctl({"why", "192.0.2.99"});
    QCOMPARE(whyNot.exitCode, 1);
    QVERIFY2(whyNot.err.contains("no source 192.0.2.99"), qPrintable(whyNot.err));
    // -N: the name the source was configured with.
    QVERIFY2(s1test::lineStartingWith(f.ctl({"-N", "sources"}).out, "^*").startsWith("^* 127.0.0.1 "),
             qPrintable(sources.out));

    // Nobody has asked this service for the time yet: chronyc's header over an empty log.
    const s1test::RunResult clients = f.ctl({"clients"});
    QCOMPARE(clients.exitCode, 0);
    QCOMPARE(clients.out, kClientsHeader);
    // makestep: the virtual clock applies what it still slews at once; chronyc's answer.
    const s1test::RunResult makestep = f.ctl({"makestep"});
    QCOMPARE(makestep.exitCode, 0);
    QCOMPARE(makestep.out, QStringLiteral("200 OK\n"));

    // A broken configuration: the reload fails with every file:line:col, the service goes on.
    s1test::writeFile(f.dir, "service.conf", f.configText(3, true) + "bogusdirective 1\nminsources many\n");
    const s1test::RunResult broken = f.ctl({"reload"});
    QCOMPARE(broken.exitCode, 1);
    QVERIFY2(broken.err.startsWith("stratumctl: " + f.configPath + " has errors; the running configuration is kept\n"),
             qPrintable(broken.err));
    QVERIFY2(broken.err.contains(f.configPath + ":5:1: error: "), qPrintable(broken.err));
    QVERIFY2(broken.err.contains(f.configPath + ":6:12: error: "), qPrintable(broken.err));
    const s1test::RunResult query = s1test::runProgram(
        s1test::ourBinary("stratumctl"), {"query", "127.0.0.1", QString::number(f.servicePort)}, kCtlTimeout);
    QCOMPARE(query.exitCode, 0);
    QVERIFY2(query.out.contains("stratum 2"), qPrintable(query.out));
    // Under a German locale too (where one can be had): the numbers keep their decimal point.
    if (const s1::test::CommaLocale comma; comma.active()) {
        const QByteArray previous = qgetenv("LC_ALL");
        qputenv("LC_ALL", QByteArray::fromStdString(comma.name()));
        const s1test::RunResult german = s1test::runProgram(
            s1test::ourBinary("stratumctl"), {"query", "127.0.0.1", QString::number(f.servicePort)}, kCtlTimeout);
        if (previous.isNull())
            qunsetenv("LC_ALL");
        else
            qputenv("LC_ALL", previous);
        QCOMPARE(german.exitCode, 0);
        static const QRegularExpression kPointNumbers(
            QStringLiteral("^offset [+-]\\d+\\.\\d{9} s delay \\d+\\.\\d{9} s dispersion \\d+\\.\\d{9} s$"),
            QRegularExpression::MultilineOption);
        QVERIFY2(kPointNumbers.match(german.out).hasMatch(), qPrintable(german.out));
    }
    QCOMPARE(f.service.state(), QProcess::Running);

    // A fixed one: reloaded, the new engine serves it.
    s1test::writeFile(f.dir, "service.conf", f.configText(5, false));
    const s1test::RunResult fixed = f.ctl({"reload"});
    QCOMPARE(fixed.exitCode, 0);
    QCOMPARE(fixed.out, QStringLiteral("200 OK\n"));
    s1test::RunResult local;
    QVERIFY2(s1test::waitFor(
                 [&] {
                     local = f.ctl({"tracking"});
                     return local.out.startsWith("Reference ID    : 7F7F0101 ()\nStratum         : 5\n");
                 },
                 10s),
             qPrintable(local.out));
    QCOMPARE(f.ctl({"sources"}).out.count(QLatin1Char('\n')), 2); // header and rule, no source

    // SIGHUP reloads the same way.
    s1test::writeFile(f.dir, "service.conf", f.configText(6, false));
    ::kill(static_cast<pid_t>(f.service.processId()), SIGHUP);
    QVERIFY2(s1test::waitFor(
                 [&] {
                     local = f.ctl({"tracking"});
                     return s1test::lineStartingWith(local.out, "Stratum") == QStringLiteral("Stratum         : 6");
                 },
                 10s),
             qPrintable(local.out));

    // SIGTERM: a clean stop, exit 0, and the socket is gone.
    QVERIFY(s1test::stopProcess(f.service, SIGTERM, 10s));
    QCOMPARE(f.service.exitStatus(), QProcess::NormalExit);
    QCOMPARE(f.service.exitCode(), 0);
    QVERIFY(!QFileInfo::exists(f.socketPath));
}

void TestControl::serviceLogsItsClients()
{
    ServiceFixture f;
    QVERIFY(f.dir.isValid());
    f.servicePort = s1test::freeUdpPort();
    f.socketPath = f.dir.filePath("run/stratumone.sock");
    f.configPath = s1test::writeFile(f.dir, "service.conf", f.configText(3, false));
    f.service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    f.service.start(s1test::ourBinary("stratumone"),
                    {"--service", "-f", f.configPath, "-x", "--bind", "127.0.0.1", "--control-socket", f.socketPath});
    QVERIFY(f.service.waitForStarted());
    QVERIFY2(s1test::waitFor([&] { return QFileInfo::exists(f.socketPath); }, 10s), "no control socket");
    // The socket opens before the engine binds its NTP port; a report means it has (else the
    // probe's first request may find nobody, and the counts below differ by one).
    QVERIFY2(s1test::waitFor([&] { return f.ctl({"tracking"}).exitCode == 0; }, 10s), "the engine did not start");

    // An in-process client engine polls the service four times a second, then stops. Its last
    // snapshot (every 100 ms) may miss its very last request.
    constexpr std::uint64_t kUnseenRequests = 2;
    std::uint64_t sent = 0;
    {
        s1test::EngineProbe client(QStringLiteral("port 0\nserver 127.0.0.1 port %1 minpoll %2 maxpoll %2\n")
                                       .arg(f.servicePort)
                                       .arg(kFastPoll),
                                   s1::IpAddress::v4(0x7f000001));
        QVERIFY(client.configOk());
        QVERIFY(client.start());
        QVERIFY2(s1test::waitFor(
                     [&] {
                         const auto source = client.source("127.0.0.1");
                         return source && source->requestsSent >= kClientRequests && source->repliesAccepted > 0;
                     },
                     kReachTimeout),
                 "the probe got no answers from the service");
        client.stop();
        sent = client.source("127.0.0.1")->requestsSent;
    }

    // Once the service has published a snapshot with every request, its client log and its
    // server counters agree: the probe was its only client.
    s1test::RunResult csv;
    QStringList fields;
    const bool settled = s1test::waitFor(
        [&] {
            csv = f.ctl({"-c", "clients"});
            const s1test::RunResult stats = f.ctl({"-c", "serverstats"});
            fields = csv.out.trimmed().split(QLatin1Char(','));
            const QString received = stats.out.section(QLatin1Char(','), 0, 0);
            return csv.exitCode == 0 && fields.size() == 10 && fields[1] == received && fields[1].toULongLong() >= sent;
        },
        kSnapshotWait);
    QVERIFY2(settled, qPrintable(QStringLiteral("sent %1: ").arg(sent) + csv.out + csv.err));
    QCOMPARE(csv.out.count(QLatin1Char('\n')), 1);
    QCOMPARE(fields[0], QStringLiteral("127.0.0.1"));
    const qulonglong packets = fields[1].toULongLong();
    QVERIFY2(packets >= kClientRequests && packets <= sent + kUnseenRequests, qPrintable(csv.out));
    QCOMPARE(fields[2], QStringLiteral("0")); // allowed: nothing dropped
    const int interval = fields[3].toInt();   // log2 of about 0.25 s
    QVERIFY2(interval >= kFastPoll - 1 && interval <= kFastPoll + 1, qPrintable(csv.out));
    QCOMPARE(fields[4], QStringLiteral("127"));                            // no rate limiting: IntL unknown
    QVERIFY(fields[5].toULongLong() < 60);                                 // seconds since the last request
    QCOMPARE(fields.mid(6), QStringList({"0", "0", "127", "4294967295"})); // no command clients

    // chronyc's layout with the same numbers.
    const s1test::RunResult table = f.ctl({"-n", "clients"});
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.startsWith(kClientsHeader), qPrintable(table.out));
    const QString row = table.out.mid(kClientsHeader.size());
    const QRegularExpression line(QStringLiteral("^127\\.0\\.0\\.1 {16}  +(\\d+)      0  (..)   -  +(\\d+)"
                                                 "       0      0   -     -\\n$"));
    const auto match = line.match(row);
    QVERIFY2(match.hasMatch(), qPrintable(row));
    QCOMPARE(match.captured(1).toULongLong(), packets);
    QCOMPARE(match.captured(2).trimmed().toInt(), interval);
    QCOMPARE(row.size(), kClientsHeader.indexOf(QLatin1Char('\n')) + 1); // as wide as the header
    s1test::RunResult numeric, plain;
    QVERIFY2(s1test::waitFor(
                 [&] { // the Last column may tick between two calls
                     numeric = f.ctl({"-n", "clients"});
                     plain = f.ctl({"clients"});
                     // Without -n the client's address is looked up, as chronyc does.
                     QString expected = numeric.out;
                     expected.replace(kClientsHeader.size(), 25, QStringLiteral("%1").arg(loopbackName(), -25));
                     return numeric.exitCode == 0 && plain.out == expected;
                 },
                 kSnapshotWait),
             qPrintable(numeric.out + plain.out));

    const s1test::RunResult json = f.ctl({"--json", "clients"});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject result = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(result.value("notShown").toInteger(), 0);
    const QJsonObject jsonRow = result.value("clients").toArray().at(0).toObject();
    QCOMPARE(jsonRow.value("name").toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(static_cast<qulonglong>(jsonRow.value("ntpPackets").toInteger()), packets);

    // One client fits easily: the log forgot nobody.
    const s1test::RunResult serverstats = f.ctl({"serverstats"});
    QCOMPARE(s1test::lineStartingWith(serverstats.out, "Client log records dropped : "),
             QStringLiteral("Client log records dropped : 0"));
}

void TestControl::noDaemon()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("nothing.sock");
    const s1test::RunResult r = s1test::runProgram(s1test::ourBinary("stratumctl"), {"-s", path, "tracking"}, 10s);
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, QStringLiteral("stratumctl: cannot connect to %1: No such file or directory "
                                   "(is stratumone --service running?)\n")
                        .arg(path));
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.elapsedMs < kNoDaemonMaxMs, qPrintable(QString::number(r.elapsedMs)));

    // An unknown command: chronyc's message and exit code.
    const s1test::RunResult usage = s1test::runProgram(s1test::ourBinary("stratumctl"), {"frobnicate"}, 10s);
    QCOMPARE(usage.exitCode, 1);
    QCOMPARE(usage.err, QStringLiteral("Unrecognized command\n"));
}

void TestControl::remoteTcpAccess()
{
    ServiceFixture f;
    QVERIFY(f.dir.isValid());
    f.servicePort = s1test::freeUdpPort();
    f.socketPath = f.dir.filePath("run/stratumone.sock");
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QString cmdPort = QString::number(probe.serverPort());
    probe.close();

    f.configPath = s1test::writeFile(
        f.dir, "service.conf",
        f.configText(3, false)
            + QStringLiteral("bindcmdaddress 127.0.0.1\ncmdport %1\ncmdallow 127.0.0.1\n").arg(cmdPort));
    f.service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    f.service.start(s1test::ourBinary("stratumone"),
                    {"--service", "-f", f.configPath, "-x", "--bind", "127.0.0.1", "--control-socket", f.socketPath});
    QVERIFY(f.service.waitForStarted());

    const auto remote = [&](const QStringList &command) {
        return s1test::runProgram(s1test::ourBinary("stratumctl"),
                                  QStringList{"-h", "127.0.0.1", "-p", cmdPort} + command, kCtlTimeout);
    };
    s1test::RunResult tracking;
    const bool answered = s1test::waitFor(
        [&] {
            tracking = remote({"tracking"});
            return tracking.exitCode == 0 && tracking.out.contains(QLatin1String("Stratum         : 3"));
        },
        kSnapshotWait);
    QVERIFY2(answered, qPrintable(tracking.out + tracking.err));

    const s1test::RunResult reload = remote({"reload"});
    QCOMPARE(reload.exitCode, 1);
    QVERIFY2(reload.err.startsWith(QLatin1String("stratumctl: reload changes the service's state and needs the local "
                                                 "control socket")),
             qPrintable(reload.err));
    // The same request over the Unix socket is served.
    QCOMPARE(f.ctl({"reload"}).exitCode, 0);

    // Nothing listens on the port once the service has gone: a clear error, quickly.
    s1test::stopProcess(f.service, SIGTERM, 10s);
    const s1test::RunResult gone = remote({"tracking"});
    QCOMPARE(gone.exitCode, 1);
    QVERIFY2(gone.err.startsWith(
                 QStringLiteral("stratumctl: cannot connect to 127.0.0.1 port %1: Connection refused").arg(cmdPort)),
             qPrintable(gone.err));
    QVERIFY2(gone.elapsedMs < kNoDaemonMaxMs, qPrintable(QString::number(gone.elapsedMs)));
}

void TestControl::checkAndPrintConfig()
{
    QTemporaryDir dir;
    const QString good =
        s1test::writeFile(dir, "good.conf", "# a comment\nserver   127.0.0.1  iburst\n\nlocal stratum 3\n");
    s1test::RunResult r = s1test::runProgram(s1test::ourBinary("stratumone"), {"--check-config", good}, 10s);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, good + ": OK\n");

    const QString bad = s1test::writeFile(dir, "bad.conf", "server\nlocal stratum 99\n");
    r = s1test::runProgram(s1test::ourBinary("stratumone"), {"--check-config", bad}, 10s);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(bad + ":1:1: error: "), qPrintable(r.err));
    QVERIFY2(r.err.contains(bad + ":2:"), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());

    r = s1test::runProgram(s1test::ourBinary("stratumone"), {"-p", "-f", good}, 10s);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, "# " + good + "\nserver 127.0.0.1 iburst\nlocal stratum 3\n");

    // Read but not in effect: still OK, but said, in both.
    const QString noEffect =
        s1test::writeFile(dir, "noeffect.conf", "rtcfile /var/lib/chrony/rtc\nserver 127.0.0.1 nts\n");
    const QString expectedWarnings =
        noEffect + ":1:1: warning: 'rtcfile' has no effect yet\n" + noEffect
        + ":2:18: warning: option 'nts' of 'server' has no effect yet: NTS is not supported, so this source "
          "will never be selected\n";
    r = s1test::runProgram(s1test::ourBinary("stratumone"), {"--check-config", noEffect}, 10s);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, noEffect + ": OK\n");
    QCOMPARE(r.err, expectedWarnings);
    r = s1test::runProgram(s1test::ourBinary("stratumone"), {"-p", "-f", noEffect}, 10s);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.err, expectedWarnings);

    // The keyfile is checked as the engine reads it: its bad lines are warnings, never quoting
    // a key, and the configuration is still OK.
    const QString keys = s1test::writeFile(dir, "test.keys", "1 SHA1 HEX:00112233445566778899\n2 md5 secretsecret\n");
    QFile::setPermissions(keys, QFile::ReadOwner | QFile::WriteOwner);
    const QString keyed = s1test::writeFile(dir, "keyed.conf", "keyfile " + keys + "\nserver 127.0.0.1 key 1\n");
    r = s1test::runProgram(s1test::ourBinary("stratumone"), {"--check-config", keyed}, 10s);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, keyed + ": OK\n");
    QCOMPARE(r.err, keys
                        + ":2:3: warning: unknown key type 'md5' (expected MD5, SHA1, SHA256, SHA384, SHA512, SHA3-224, "
                          "SHA3-256, SHA3-384, SHA3-512, AES128 or AES256), key 2 left out\n");
}

void TestControl::bindAddressIsWhereTheServerListens_data()
{
    QTest::addColumn<QString>("lines");
    QTest::addColumn<QStringList>("expected");
    // chronyd's rule: a socket per family that some `allow` can let in, on that family's
    // bindaddress or else its any address. Before, the service ignored bindaddress and listened
    // on 0.0.0.0 and [::] whatever the configuration said.
    const QString any4 = QStringLiteral("00000000");
    const QString loopback4 = QStringLiteral("0100007F");
    const QString any6 = QString(32, QLatin1Char('0'));
    const QString loopback6 = QStringLiteral("00000000000000000000000001000000");
    const QString both = QStringLiteral("allow ::1\n");
    QTest::newRow("no bindaddress") << both << QStringList{any4, any6};
    QTest::newRow("IPv4") << both + "bindaddress 127.0.0.1\n" << QStringList{loopback4, any6};
    QTest::newRow("IPv6") << both + "bindaddress ::1\n" << QStringList{any4, loopback6};
    QTest::newRow("both") << both + "bindaddress ::1\nbindaddress 127.0.0.1\n" << QStringList{loopback4, loopback6};
    // Only 127.0.0.1 allowed: no IPv6 socket at all, as chronyd 4.3 does.
    QTest::newRow("IPv4 only allowed") << QStringLiteral("bindaddress 127.0.0.1\n") << QStringList{loopback4};
}

void TestControl::bindAddressIsWhereTheServerListens()
{
    QFETCH(QString, lines);
    QFETCH(QStringList, expected);
    expected.sort();

    ServiceFixture f;
    QVERIFY(f.dir.isValid());
    f.servicePort = s1test::freeUdpPort();
    f.socketPath = f.dir.filePath("run/stratumone.sock");
    f.configPath = s1test::writeFile(f.dir, "service.conf", f.configText(3, false) + lines);
    f.service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    f.service.start(s1test::ourBinary("stratumone"),
                    {"--service", "-f", f.configPath, "-x", "--control-socket", f.socketPath});
    QVERIFY(f.service.waitForStarted());
    QStringList bound;
    const bool listening = s1test::waitFor(
        [&] {
            bound = boundUdpAddresses(f.servicePort, f.service.processId());
            return bound.size() >= expected.size();
        },
        10s);
    QVERIFY2(listening, qPrintable(bound.join(QLatin1Char(' '))));
    QCOMPARE(bound, expected);

    // The server answers on 127.0.0.1, which every case covers.
    const s1test::RunResult query = s1test::runProgram(
        s1test::ourBinary("stratumctl"), {"query", "127.0.0.1", QString::number(f.servicePort)}, kCtlTimeout);
    QVERIFY2(query.exitCode == 0, qPrintable(query.out + query.err));
}

QTEST_GUILESS_MAIN(TestControl)
#include "tst_control.moc"
