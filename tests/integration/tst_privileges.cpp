// `user NAME` / `-u NAME` for real: a service started as root serves on a port below 1024 as
// `nobody`, with exactly CAP_NET_BIND_SERVICE (it runs with -x, so not CAP_SYS_TIME), in every
// thread that has any; a reload starts a new engine thread that binds the port again; the history
// is written as that user, all of it under the system call filter the packaged unit uses (-F 1)
// when the build has one. And, for everyone, a user that does not exist stops the start.
#include "ProcessHelpers.h"

#include "ntp/NtpPacket.h"
#include "process/SyscallFilter.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/capability.h>

using namespace std::chrono_literals;

namespace {

constexpr auto kStartTimeout = 10s;
constexpr auto kCtlTimeout = 20s;
constexpr auto kReplyTimeout = 3s;
constexpr const char *kUser = "nobody";
// Below 1024, so that binding needs root or CAP_NET_BIND_SERVICE; chosen among free ones.
constexpr quint16 kFirstPrivilegedPort = 900;
constexpr quint16 kLastPrivilegedPort = 1000;
constexpr quint64 kNetBindServiceMask = quint64(1) << CAP_NET_BIND_SERVICE;

quint16 freePrivilegedUdpPort()
{
    for (quint16 port = kFirstPrivilegedPort; port <= kLastPrivilegedPort; ++port) {
        QUdpSocket probe;
        if (probe.bind(QHostAddress::LocalHost, port))
            return port;
    }
    return 0;
}

quint64 capabilityMask(const QMap<QString, QString> &status, const char *key)
{
    bool ok = false;
    const quint64 mask = status.value(QLatin1String(key)).toULongLong(&ok, 16);
    return ok ? mask : ~quint64(0);
}

bool answersNtp(quint16 port)
{
    return s1test::ntpReplyStratum(port, kReplyTimeout) == 1;
}

bool waitForLog(QProcess &process, const QString &needle, QByteArray &seen)
{
    const bool found = s1test::waitFor(
        [&] {
            seen += process.readAllStandardError();
            return seen.contains(needle.toUtf8()) || process.state() == QProcess::NotRunning;
        },
        kStartTimeout);
    return found && seen.contains(needle.toUtf8());
}

} // namespace

class TestPrivileges : public QObject
{
    Q_OBJECT
private slots:
    void unknownUserStopsTheStart();
    void dropsRootKeepingOnlyWhatItNeeds();
    void startUpCapabilitiesEndOnceTheDevicesAreOpen();
};

void TestPrivileges::unknownUserStopsTheStart()
{
    QTemporaryDir dir;
    const QString conf = s1test::writeFile(
        dir, QStringLiteral("s1.conf"), QStringLiteral("port %1\nuser s1-no-such-user\n").arg(s1test::freeUdpPort()));
    const s1test::RunResult r = s1test::runProgram(
        s1test::ourBinary(QStringLiteral("stratumone")),
        {"--service", "-f", conf, "-x", "--control-socket", dir.filePath(QStringLiteral("c.sock"))}, kStartTimeout);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("user s1-no-such-user: there is no user 's1-no-such-user'"), qPrintable(r.err));
    QVERIFY2(!r.err.contains("serving NTP"), qPrintable(r.err));

    // -u names the user instead of the file, and is refused without --service.
    const s1test::RunResult u = s1test::runProgram(s1test::ourBinary(QStringLiteral("stratumone")),
                                                   {"-u", "root", "--check-config", conf}, kStartTimeout);
    QCOMPARE(u.exitCode, 2); // a usage error
    QVERIFY2(u.err.contains("-u is for --service"), qPrintable(u.err));
}

void TestPrivileges::dropsRootKeepingOnlyWhatItNeeds()
{
    if (geteuid() != 0)
        QSKIP("the drop needs a service started as root; the logic is tested in tst_privilegedrop");
    const passwd *pw = getpwnam(kUser);
    if (!pw)
        QSKIP("no user 'nobody' on this machine");
    const uid_t uid = pw->pw_uid;
    const gid_t gid = pw->pw_gid;
    const quint16 port = freePrivilegedUdpPort();
    QVERIFY2(port != 0, "no free UDP port below 1024 on 127.0.0.1");

    QTemporaryDir dir;
    // The user must reach the state directory, as it must /var/lib/stratumone in the package.
    QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
    const QString state = dir.filePath(QStringLiteral("state"));
    QVERIFY(QDir().mkpath(state));
    QVERIFY(::chown(QFile::encodeName(state).constData(), uid, gid) == 0);
    const QString socketPath = dir.filePath(QStringLiteral("control.sock"));
    const QString conf =
        s1test::writeFile(dir, QStringLiteral("s1.conf"),
                          QStringLiteral("port %1\nallow 127.0.0.0/8\nlocal stratum 1\nuser %2\ndumpdir %3\n")
                              .arg(port)
                              .arg(kUser, state));

    // As the packaged unit runs it: the drop, then the filter.
    const bool filtered = s1::SyscallFilter::available();
    QStringList arguments{"--service", "-f", conf, "-x", "--bind", "127.0.0.1", "--control-socket", socketPath};
    if (filtered)
        arguments << "-F"
                  << "1";
    QProcess service;
    service.start(s1test::ourBinary(QStringLiteral("stratumone")), arguments);
    QByteArray log;
    QVERIFY2(waitForLog(service, QStringLiteral("serving NTP on UDP port %1").arg(port), log), log.constData());
    QVERIFY2(log.contains(QStringLiteral("running as user %1 (uid %2, gid %3) with CAP_NET_BIND_SERVICE")
                              .arg(kUser)
                              .arg(uid)
                              .arg(gid)
                              .toUtf8()),
             log.constData());
    QVERIFY(answersNtp(port));

    const QString proc = QStringLiteral("/proc/%1").arg(service.processId());
    const QString ids = QStringLiteral("%1 %1 %1 %1");
    const QMap<QString, QString> status = s1test::procStatus(proc + QStringLiteral("/status"));
    QCOMPARE(status.value("Uid"), ids.arg(uid));
    QCOMPARE(status.value("Gid"), ids.arg(gid));
    // The user's own groups (initgroups' rule), nothing of root's.
    int count = 64;
    std::vector<gid_t> groups(static_cast<std::size_t>(count));
    QVERIFY(getgrouplist(kUser, gid, groups.data(), &count) >= 0);
    QStringList expectedGroups;
    for (int i = 0; i < count; ++i)
        expectedGroups << QString::number(groups[static_cast<std::size_t>(i)]);
    QStringList seenGroups = status.value("Groups").split(QLatin1Char(' '), Qt::SkipEmptyParts);
    expectedGroups.sort();
    seenGroups.sort();
    expectedGroups.removeDuplicates();
    QCOMPARE(seenGroups, expectedGroups);
    QCOMPARE(capabilityMask(status, "CapPrm"), kNetBindServiceMask);
    QCOMPARE(capabilityMask(status, "CapEff"), kNetBindServiceMask);
    QCOMPARE(capabilityMask(status, "CapInh"), quint64(0));
    QCOMPARE(capabilityMask(status, "CapAmb"), quint64(0));
    if (filtered)
        QCOMPARE(status.value("Seccomp"), QStringLiteral("2")); // SECCOMP_MODE_FILTER

    // Every thread runs as the user; none has more than the one capability, the engine's has it.
    const auto checkThreads = [&] {
        bool engineSeen = false;
        const QStringList tasks = QDir(proc + QStringLiteral("/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &task : tasks) {
            const QString taskDir = proc + QStringLiteral("/task/") + task;
            const QMap<QString, QString> t = s1test::procStatus(taskDir + QStringLiteral("/status"));
            if (t.isEmpty())
                continue; // the thread ended meanwhile
            if (t.value("Uid") != ids.arg(uid) || (capabilityMask(t, "CapEff") & ~kNetBindServiceMask) != 0)
                return QStringLiteral("thread %1 (%2): Uid %3, CapEff %4")
                    .arg(task, t.value("Name"), t.value("Uid"), t.value("CapEff"));
            if (t.value("Name") == QLatin1String("engine")) {
                engineSeen = true;
                if (capabilityMask(t, "CapEff") != kNetBindServiceMask)
                    return QStringLiteral("engine thread without CAP_NET_BIND_SERVICE: %1").arg(t.value("CapEff"));
            }
        }
        return engineSeen ? QString() : QStringLiteral("no thread named engine among %1").arg(tasks.join(' '));
    };
    QString problem = checkThreads();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // A reload stops the engine thread and starts another, which binds port `port` again.
    const s1test::RunResult reload =
        s1test::runProgram(s1test::ourBinary(QStringLiteral("stratumctl")), {"-s", socketPath, "reload"}, kCtlTimeout);
    QVERIFY2(reload.exitCode == 0, qPrintable(reload.out + reload.err));
    QVERIFY(s1test::waitFor([&] { return answersNtp(port); }, kStartTimeout));
    problem = checkThreads();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // On stop the history goes to dumpdir, written by the user.
    QVERIFY(s1test::stopProcess(service, SIGTERM, 10s));
    log += service.readAllStandardError();
    const QFileInfo history(state + QStringLiteral("/stratumone.history"));
    QVERIFY2(history.exists(), log.constData());
    QCOMPARE(history.ownerId(), uid);
    QVERIFY2(!log.contains("cannot write"), log.constData());
}

void TestPrivileges::startUpCapabilitiesEndOnceTheDevicesAreOpen()
{
    // The packaged unit's way: started as its user with the capabilities the devices need
    // (setpriv here, AmbientCapabilities there), the service opens a device only root may read,
    // then keeps CAP_NET_BIND_SERVICE alone; the engine's driver gets the open descriptor (a
    // file is no PPS device: its PPS_GETCAP answer shows the descriptor reached the driver,
    // where the user's own open is refused).
    if (geteuid() != 0)
        QSKIP("giving the service capabilities needs root");
    const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    if (setpriv.isEmpty())
        QSKIP("no setpriv (util-linux) on this machine");
    const passwd *pw = getpwnam(kUser);
    if (!pw)
        QSKIP("no user 'nobody' on this machine");
    const quint16 port = freePrivilegedUdpPort();
    QVERIFY2(port != 0, "no free UDP port below 1024 on 127.0.0.1");

    QTemporaryDir dir;
    QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
    const QString run = dir.filePath(QStringLiteral("run"));
    QVERIFY(QDir().mkpath(run));
    QVERIFY(::chown(QFile::encodeName(run).constData(), pw->pw_uid, pw->pw_gid) == 0);
    const QString device = s1test::writeFile(dir, QStringLiteral("pps-root-only"), QStringLiteral("not a device\n"));
    QVERIFY(::chmod(QFile::encodeName(device).constData(), 0600) == 0);
    const QString conf = s1test::writeFile(
        dir, QStringLiteral("s1.conf"),
        QStringLiteral("port %1\nallow 127.0.0.0/8\nlocal stratum 1\nrefclock PPS %2\n").arg(port).arg(device));

    const QString caps = QStringLiteral("+net_bind_service,+net_admin,+dac_override");
    QProcess service;
    service.start(setpriv, {QStringLiteral("--reuid=%1").arg(pw->pw_uid), QStringLiteral("--regid=%1").arg(pw->pw_gid),
                            "--clear-groups", "--inh-caps=" + caps, "--ambient-caps=" + caps, "--",
                            s1test::ourBinary(QStringLiteral("stratumone")), "--service", "-f", conf, "-x", "--bind",
                            "127.0.0.1", "--control-socket", run + QStringLiteral("/control.sock")});
    QByteArray log;
    QVERIFY2(waitForLog(service, QStringLiteral("not a PPS device"), log), log.constData());
    QVERIFY2(log.contains(QStringLiteral("before giving up privileges: opened %1\n").arg(device).toUtf8()),
             log.constData());
    QVERIFY2(log.contains(QStringLiteral("not started as root: running as uid %1; gave up CAP_DAC_OVERRIDE, "
                                         "CAP_NET_ADMIN, running with CAP_NET_BIND_SERVICE")
                              .arg(pw->pw_uid)
                              .toUtf8()),
             log.constData());
    QVERIFY2(!log.contains("permission denied"), log.constData());
    QVERIFY2(waitForLog(service, QStringLiteral("serving NTP on UDP port %1").arg(port), log), log.constData());
    QVERIFY(answersNtp(port));

    const QMap<QString, QString> status =
        s1test::procStatus(QStringLiteral("/proc/%1/status").arg(service.processId()));
    QCOMPARE(status.value("Uid"), QStringLiteral("%1 %1 %1 %1").arg(pw->pw_uid));
    QCOMPARE(capabilityMask(status, "CapPrm"), kNetBindServiceMask);
    QCOMPARE(capabilityMask(status, "CapEff"), kNetBindServiceMask);
    QCOMPARE(capabilityMask(status, "CapInh"), quint64(0));
    QCOMPARE(capabilityMask(status, "CapAmb"), quint64(0));
    QVERIFY(s1test::stopProcess(service, SIGTERM, 10s));
}

QTEST_GUILESS_MAIN(TestPrivileges)
#include "tst_privileges.moc"
