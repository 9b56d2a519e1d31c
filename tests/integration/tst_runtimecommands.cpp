// chronyc's runtime commands end to end: `stratumone --service` on loopback and the real
// `stratumctl` changing it (add, delete, allow, deny, burst, offline, online, minpoll, local,
// reselect, refresh, waitsync, clients -k -p -r), with chronyc's syntax, its "200 OK" and
// numbered errors byte for byte, chronyc's -m, -a and commands from standard input, the effect
// in `sources` and the snapshot, and the refusal over the remote TCP port.
#include "ProcessHelpers.h"
#include "ServiceProcesses.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTcpServer>
#include <QtTest>

#include <pwd.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

constexpr auto kCtlTimeout = 20s;
constexpr auto kStartTimeout = 10s;
const QString kOk = QStringLiteral("200 OK\n");

class Fixture : public s1test::ServiceProcesses
{
public:
    QString cmdPort;

    s1test::RunResult ctl(QStringList arguments) const
    {
        arguments.prepend(socketPath);
        arguments.prepend(QStringLiteral("-s"));
        return s1test::runProgram(s1test::ourBinary("stratumctl"), arguments, kCtlTimeout);
    }

    // stratumctl without a command, `input` on its standard input.
    s1test::RunResult ctlStdin(const QByteArray &input) const
    {
        s1test::RunResult result;
        QProcess process;
        process.start(s1test::ourBinary("stratumctl"), {"-s", socketPath});
        process.write(input);
        process.closeWriteChannel();
        result.finished = process.waitForFinished(static_cast<int>(std::chrono::milliseconds(kCtlTimeout).count()));
        if (!result.finished) {
            process.kill();
            process.waitForFinished();
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    QJsonObject snapshot() const
    {
        const s1test::RunResult r = ctl({"snapshot"});
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

    QJsonObject sourceAt(const QString &address) const
    {
        for (const auto &value : snapshot().value("sources").toArray()) {
            const QJsonObject source = value.toObject();
            if (source.value("address").toString().startsWith(address))
                return source;
        }
        return {};
    }
};

#define EXPECT_RUN(result, code, stdoutText)                                                                           \
    do {                                                                                                               \
        const s1test::RunResult &r_ = (result);                                                                        \
        QVERIFY2(r_.finished, "stratumctl did not finish");                                                            \
        QVERIFY2(r_.exitCode == (code),                                                                                \
                 qPrintable(QStringLiteral("exit %1: %2%3").arg(r_.exitCode).arg(r_.out, r_.err)));                    \
        QCOMPARE(r_.out, QString(stdoutText));                                                                         \
    } while (false)

} // namespace

class TestRuntimeCommands : public QObject
{
    Q_OBJECT
private slots:
    void commandsChangeTheRunningService();
    void sameRepliesAsChronyc();
};

void TestRuntimeCommands::commandsChangeTheRunningService()
{
    Fixture f;
    QVERIFY(f.dir.isValid());
    f.servicePort = s1test::freeUdpPort();
    f.serverPort = s1test::freeUdpPort(); // nothing answers there: the added source stays unreachable
    f.socketPath = f.dir.filePath("run/stratumone.sock");
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    f.cmdPort = QString::number(probe.serverPort());
    probe.close();
    f.configPath = s1test::writeFile(f.dir, "service.conf",
                                     QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 3\n"
                                                    "bindcmdaddress 127.0.0.1\ncmdport %2\ncmdallow 127.0.0.1\n")
                                         .arg(f.servicePort)
                                         .arg(f.cmdPort));
    f.service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    f.service.start(s1test::ourBinary("stratumone"),
                    {"--service", "-f", f.configPath, "-x", "--bind", "127.0.0.1", "--control-socket", f.socketPath});
    QVERIFY(f.service.waitForStarted());
    QVERIFY2(s1test::waitFor([&] { return f.ctl({"tracking"}).exitCode == 0; }, kStartTimeout), "no service");

    // add: chronyc's syntax, the configuration's options; the source is marked as added at run time.
    const QString port = QString::number(f.serverPort);
    EXPECT_RUN(f.ctl({"add", "server", "127.0.0.1", "port", port, "iburst", "minpoll", "4"}), 0, kOk);
    QJsonObject added = f.sourceAt("127.0.0.1");
    QVERIFY2(added.value("addedAtRunTime").toBool(), qPrintable(QJsonDocument(added).toJson()));
    QCOMPARE(added.value("poll").toInt(), 4);
    QVERIFY(f.ctl({"-n", "sources"}).out.contains(QLatin1String("^? 127.0.0.1 ")));
    EXPECT_RUN(f.ctl({"add", "server", "127.0.0.1", "port", port}), 1, "511 Source already present\n");
    s1test::RunResult bad = f.ctl({"add", "server", "127.0.0.2", "bogus"});
    EXPECT_RUN(bad, 1, "");
    QVERIFY2(bad.err.startsWith(QLatin1String("Invalid option in add command\n")), qPrintable(bad.err));
    bad = f.ctl({"add", "refclock", "PPS", "/dev/pps0"});
    EXPECT_RUN(bad, 1, "");
    QCOMPARE(bad.err, QStringLiteral("Invalid syntax for add command\n"));

    // Per-source settings.
    EXPECT_RUN(f.ctl({"minpoll", "127.0.0.1", "6"}), 0, kOk);
    QCOMPARE(f.sourceAt("127.0.0.1").value("poll").toInt(), 6);
    EXPECT_RUN(f.ctl({"maxdelay", "127.0.0.1", "0.5"}), 0, kOk);
    EXPECT_RUN(f.ctl({"polltarget", "127.0.0.9", "6"}), 1, "503 No such source\n");
    bad = f.ctl({"maxpoll", "127.0.0.1"});
    EXPECT_RUN(bad, 1, "");
    QCOMPARE(bad.err, QStringLiteral("Invalid syntax for address value\n"));

    // burst, offline, online (and -m: several commands, stopping at the first failure).
    EXPECT_RUN(f.ctl({"burst", "4/8"}), 0, kOk);
    EXPECT_RUN(f.ctl({"burst", "4/8", "10.0.0.0/8"}), 1, "503 No such source\n");
    bad = f.ctl({"burst", "4"});
    EXPECT_RUN(bad, 1, "");
    QCOMPARE(bad.err, QStringLiteral("Invalid syntax for burst command\n"));
    EXPECT_RUN(f.ctl({"offline"}), 0, kOk);
    QVERIFY(f.sourceAt("127.0.0.1").value("offline").toBool());
    EXPECT_RUN(f.ctl({"-m", "online 127.0.0.1", "offline 10.0.0.0/8", "reselect"}), 1, kOk + "503 No such source\n");
    QVERIFY(!f.sourceAt("127.0.0.1").value("offline").toBool());

    // allow / deny.
    EXPECT_RUN(f.ctl({"allow", "10.0.0.0/8"}), 0, kOk);
    EXPECT_RUN(f.ctl({"deny", "all", "10.1.0.0/16"}), 0, kOk);
    // chronyd 4.3's answers, checked against chronyc: a prefix too long is the daemon's "Bad subnet".
    EXPECT_RUN(f.ctl({"allow", "10.0.0.0/99"}), 1, "507 Bad subnet\n");

    // local: the served stratum follows.
    EXPECT_RUN(f.ctl({"local", "stratum", "10"}), 0, kOk);
    QVERIFY(f.ctl({"tracking"}).out.contains(QLatin1String("Stratum         : 10\n")));
    // waitsync: the local reference is not synchronisation (chronyc's rule); two tries.
    const s1test::RunResult wait = f.ctl({"waitsync", "2", "0", "0", "0.1"});
    EXPECT_RUN(wait, 1,
               "try: 1, refid: 7F7F0101, correction: 0.000000000, skew: 0.000\n"
               "try: 2, refid: 7F7F0101, correction: 0.000000000, skew: 0.000\n");
    EXPECT_RUN(f.ctl({"local", "off"}), 0, kOk);
    QVERIFY(f.ctl({"tracking"}).out.contains(QLatin1String("Stratum         : 0\n")));

    // chronyc's habits: -a ignored, commands from standard input, unknown commands.
    EXPECT_RUN(f.ctl({"-a", "reselect"}), 0, kOk);
    EXPECT_RUN(f.ctlStdin("reselect\n\nrefresh\n"), 0, kOk + kOk);
    bad = f.ctl({"frobnicate"});
    EXPECT_RUN(bad, 1, "");
    QCOMPARE(bad.err, QStringLiteral("Unrecognized command\n"));

    // clients -k -p N -r: chronyc's NTS-KE header; -p 5 leaves out clients with fewer packets.
    const s1test::RunResult clients = f.ctl({"-n", "clients", "-k", "-p", "5", "-r"});
    EXPECT_RUN(clients, 0,
               "Hostname                      NTP   Drop Int IntL Last  NTS-KE   Drop Int  Last\n"
               "===============================================================================\n");

    // Changing commands are refused over TCP with chronyd's answer; queries are served.
    const auto remote = [&](const QStringList &command) {
        return s1test::runProgram(s1test::ourBinary("stratumctl"),
                                  QStringList{"-h", "127.0.0.1", "-p", f.cmdPort} + command, kCtlTimeout);
    };
    EXPECT_RUN(remote({"delete", "127.0.0.1"}), 1, "501 Not authorised\n");
    QCOMPARE(remote({"tracking"}).exitCode, 0);

    // delete: gone from sources; a second time there is no such source.
    EXPECT_RUN(f.ctl({"delete", "127.0.0.1"}), 0, kOk);
    QVERIFY(f.sourceAt("127.0.0.1").isEmpty());
    EXPECT_RUN(f.ctl({"delete", "127.0.0.1"}), 1, "503 No such source\n");

    // A reload goes back to the file: runtime changes last until then, as in chrony.
    EXPECT_RUN(f.ctl({"add", "server", "127.0.0.1", "port", port}), 0, kOk);
    QCOMPARE(f.ctl({"reload"}).exitCode, 0);
    QVERIFY(s1test::waitFor([&] { return f.sourceAt("127.0.0.1").isEmpty(); }, kStartTimeout));
}

// The same command lines to chronyd through the real chronyc and to the service through
// stratumctl: stdout, stderr and exit codes must be the same.
void TestRuntimeCommands::sameRepliesAsChronyc()
{
    const QString chronyd = s1test::chronydPath();
    S1_REQUIRE_PEER(chronyd, QStringLiteral("chronyd"));
    QString chronyc = chronyd;
    chronyc.replace(QLatin1String("sbin/chronyd"), QLatin1String("bin/chronyc"));
    QVERIFY2(QFileInfo::exists(chronyc), qPrintable(chronyc));

    Fixture f;
    QVERIFY(f.dir.isValid());
    // chronyd opens its socket only in a directory no one else may enter.
    QVERIFY(QFile::setPermissions(f.dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    f.servicePort = s1test::freeUdpPort();
    f.serverPort = s1test::freeUdpPort();
    const quint16 chronydPort = s1test::freeUdpPort();
    f.socketPath = f.dir.filePath("run/stratumone.sock");
    const QString chronydSocket = f.dir.filePath("chronyd.sock");
    f.configPath = s1test::writeFile(f.dir, "service.conf",
                                     QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 8\ndumpdir %2\n")
                                         .arg(f.servicePort)
                                         .arg(f.dir.filePath("state")));
    const QString chronydConf = s1test::writeFile(
        f.dir, "chronyd.conf",
        QStringLiteral("port %1\nbindcmdaddress %2\ncmdport 0\npidfile %3\nallow 127.0.0.1\nlocal stratum 8\n"
                       "dumpdir %4\n")
            .arg(chronydPort)
            .arg(chronydSocket, f.dir.filePath("chronyd.pid"), f.dir.filePath("chronyd-state")));
    f.service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    f.service.start(s1test::ourBinary("stratumone"),
                    {"--service", "-f", f.configPath, "-x", "--bind", "127.0.0.1", "--control-socket", f.socketPath});
    QVERIFY(f.service.waitForStarted());
    // chronyd drops root to the user it was built for, which an unpacked copy does not have.
    const passwd *pw = getpwuid(geteuid());
    QProcess daemon;
    daemon.setProcessChannelMode(QProcess::MergedChannels);
    daemon.start(chronyd, {"-x", "-d", "-u", pw ? QString::fromLocal8Bit(pw->pw_name) : QStringLiteral("root"), "-f",
                           chronydConf});
    QVERIFY(daemon.waitForStarted());
    const auto stopDaemon = qScopeGuard([&] {
        daemon.terminate();
        if (!daemon.waitForFinished(5000))
            daemon.kill();
        daemon.waitForFinished(2000);
    });
    QVERIFY2(s1test::waitFor([&] { return QFileInfo::exists(chronydSocket); }, kStartTimeout),
             daemon.readAll().constData());
    QVERIFY2(s1test::waitFor([&] { return f.ctl({"tracking"}).exitCode == 0; }, kStartTimeout), "no service");

    const QString port = QString::number(f.serverPort);
    const QStringList commands = {
        "add server 127.0.0.1 port " + port + " iburst minpoll 4",
        "add server 127.0.0.1 port " + port,
        "add refclock PPS /dev/pps0",
        "delete 127.0.0.9",
        "burst 4/8",
        "burst 4/8 10.0.0.0/8",
        "burst 4",
        "allow 10.0.0.0/8",
        "deny all 10.1.0.0/16",
        "allow 10.0.0.0/99",
        "minpoll 127.0.0.1 6",
        "minstratum 127.0.0.1 3",
        "minstratum 127.0.0.9 3",
        "minstratum 127.0.0.1",
        "polltarget 127.0.0.9 6",
        "maxpoll 127.0.0.1",
        "offline",
        "online 127.0.0.1",
        "offline 10.0.0.0/8",
        "local stratum 10",
        "local off",
        "reselect",
        "refresh",
        "dump",
        "cyclelogs",
        "frobnicate",
        "delete 127.0.0.1",
        "delete 127.0.0.1",
    };
    for (const QString &command : commands) {
        const QStringList words = command.split(QLatin1Char(' '));
        const s1test::RunResult theirs =
            s1test::runProgram(chronyc, QStringList{"-h", chronydSocket} + words, kCtlTimeout);
        if (theirs.out.startsWith(QLatin1String("506 ")) || theirs.err.contains(QLatin1String("Could not open")))
            QSKIP(qPrintable(QStringLiteral("chronyc cannot reach chronyd here: %1").arg(theirs.out + theirs.err)));
        const s1test::RunResult ours = f.ctl(words);
        QVERIFY2(ours.out == theirs.out && ours.err == theirs.err && ours.exitCode == theirs.exitCode,
                 qPrintable(QStringLiteral("%1\nchronyc (exit %2): %3%4\nstratumctl (exit %5): %6%7")
                                .arg(command)
                                .arg(theirs.exitCode)
                                .arg(theirs.out, theirs.err)
                                .arg(ours.exitCode)
                                .arg(ours.out, ours.err)));
    }
}

QTEST_GUILESS_MAIN(TestRuntimeCommands)
#include "tst_runtimecommands.moc"
