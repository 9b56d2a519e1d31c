// -F 1 for real: the service under chronyd's strictest filter level (and -x, so the clock calls
// are not even allowed) does everything a session asks of it: serves NTP on loopback, polls a
// server, reads a GPS's NMEA from a pseudo-terminal, writes its logs, drift, dumps and history,
// answers stratumctl and a Prometheus scrape, reloads (stratumctl and SIGHUP), has its
// configuration replaced (config apply), cycles its logs, dumps, and stops cleanly. Between the steps it is alive and /proc says every thread of it is filtered. And the
// errors: a level chronyd does not have, -F without --service, -F with `alarmcommand` (at start
// and on reload), -F in a build without libseccomp.
#include "ProcessHelpers.h"

#include "ntp/NtpPacket.h"
#include "process/SyscallFilter.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <thread>

using namespace std::chrono_literals;

namespace {

constexpr auto kStartTimeout = 10s;
constexpr auto kCtlTimeout = 20s;
constexpr auto kReachTimeout = 30s;
constexpr auto kReplyTimeout = 3s;
constexpr auto kStopTimeout = 10s;
constexpr int kFastPoll = -2; // four polls a second
// /proc/PID/status "Seccomp:": 2 is SECCOMP_MODE_FILTER.
constexpr const char *kSeccompFilterMode = "2";
constexpr auto kNmeaPeriod = 1s; // a receiver's burst per second

// Empty when the process and each of its threads run under a seccomp filter; else what is not.
QString unfilteredThreads(qint64 pid)
{
    const QString proc = QStringLiteral("/proc/%1").arg(pid);
    const QMap<QString, QString> status = s1test::procStatus(proc + QStringLiteral("/status"));
    if (status.value("Seccomp") != QLatin1String(kSeccompFilterMode) || status.value("Seccomp_filters").toInt() < 1)
        return QStringLiteral("process: Seccomp %1, Seccomp_filters %2")
            .arg(status.value("Seccomp"), status.value("Seccomp_filters"));
    const QStringList tasks = QDir(proc + QStringLiteral("/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &task : tasks) {
        const QMap<QString, QString> t =
            s1test::procStatus(proc + QStringLiteral("/task/") + task + QStringLiteral("/status"));
        if (!t.isEmpty() && t.value("Seccomp") != QLatin1String(kSeccompFilterMode))
            return QStringLiteral("thread %1 (%2): Seccomp %3").arg(task, t.value("Name"), t.value("Seccomp"));
    }
    return {};
}

bool answersNtp(quint16 port)
{
    return s1test::ntpReplyStratum(port, kReplyTimeout).has_value();
}

// GET /metrics from the Prometheus endpoint, the whole answer (headers and body).
QByteArray metrics(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    const int timeoutMs = static_cast<int>(std::chrono::milliseconds(kReplyTimeout).count());
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write("GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray answer;
    while (socket.waitForReadyRead(timeoutMs))
        answer += socket.readAll();
    return answer + socket.readAll();
}

QByteArray nmeaBurst(const QDateTime &t)
{
    const QString hms = t.toString(QStringLiteral("HHmmss")) + QStringLiteral(".00");
    const QString date = t.toString(QStringLiteral("ddMMyy"));
    QString out =
        s1test::nmeaChecksummed(QStringLiteral("GPRMC,%1,A,5231.1200,N,01324.3200,E,0.0,0.0,%2,,,A").arg(hms, date));
    out +=
        s1test::nmeaChecksummed(QStringLiteral("GPGGA,%1,5231.1200,N,01324.3200,E,1,09,0.9,34.0,M,40.0,M,,").arg(hms));
    return out.toLatin1();
}

// A GPS on a socat pseudo-terminal pair, fed from a thread of its own so that the blocking
// stratumctl runs of the test do not stop it.
class PtyGps
{
public:
    PtyGps(QString device, QString feed)
        : m_device(std::move(device))
        , m_feed(std::move(feed))
    { }
    ~PtyGps()
    {
        m_stop = true;
        if (m_writer.joinable())
            m_writer.join();
        s1test::stopProcess(m_socat, SIGTERM, 5s);
    }
    bool plug()
    {
        m_socat.start(QStringLiteral("socat"), {QStringLiteral("pty,raw,echo=0,link=%1").arg(m_device),
                                                QStringLiteral("pty,raw,echo=0,link=%1").arg(m_feed)});
        if (!m_socat.waitForStarted()
            || !s1test::waitFor([&] { return QFileInfo::exists(m_device) && QFileInfo::exists(m_feed); }, 5s))
            return false;
        const int fd = ::open(QFile::encodeName(m_feed).constData(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
            return false;
        m_writer = std::thread([this, fd] {
            while (!m_stop) {
                const QByteArray burst = nmeaBurst(QDateTime::currentDateTimeUtc());
                if (::write(fd, burst.constData(), static_cast<std::size_t>(burst.size())) < 0)
                    break;
                std::this_thread::sleep_for(kNmeaPeriod);
            }
            ::close(fd);
        });
        return true;
    }

private:
    QString m_device, m_feed;
    QProcess m_socat;
    std::thread m_writer;
    std::atomic<bool> m_stop{false};
};

} // namespace

class TestSeccompService : public QObject
{
    Q_OBJECT
private slots:
    void badLevelsAndCombinationsAreErrors();
    void filteredServiceDoesAWholeSession();

private:
    s1test::RunResult ctl(const QString &socket, const QStringList &arguments) const
    {
        return s1test::runProgram(s1test::ourBinary(QStringLiteral("stratumctl")),
                                  QStringList{"-s", socket} + arguments, kCtlTimeout);
    }
};

void TestSeccompService::badLevelsAndCombinationsAreErrors()
{
    QTemporaryDir dir;
    const QString stratumone = s1test::ourBinary(QStringLiteral("stratumone"));
    const QString socket = dir.filePath(QStringLiteral("c.sock"));
    const QString conf = s1test::writeFile(dir, QStringLiteral("s1.conf"),
                                           QStringLiteral("port %1\nallow 127.0.0.1\n").arg(s1test::freeUdpPort()));

    s1test::RunResult r = s1test::runProgram(
        stratumone, {"--service", "-F", "3", "-f", conf, "-x", "--control-socket", socket}, kStartTimeout);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("-F 3: the system call filter's level is 0 (off), 1"), qPrintable(r.err));
    r = s1test::runProgram(stratumone, {"--service", "-F", "strict", "-f", conf, "-x"}, kStartTimeout);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("-F needs a level (0, 1, 2, -1 or -2), not 'strict'"), qPrintable(r.err));
    r = s1test::runProgram(stratumone, {"-F", "1", "--check-config", conf}, kStartTimeout);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("-F is for --service"), qPrintable(r.err));

    if (!s1::SyscallFilter::available()) {
        r = s1test::runProgram(stratumone, {"--service", "-F", "1", "-f", conf, "-x", "--control-socket", socket},
                               kStartTimeout);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("-F: this build has no system call filter"), qPrintable(r.err));
        return;
    }
    // chronyd refuses -F with mailonchange: running a program is what the filter forbids.
    const QString withAlarm =
        s1test::writeFile(dir, QStringLiteral("alarm.conf"),
                          QStringLiteral("port %1\nalarmcommand /bin/true\n").arg(s1test::freeUdpPort()));
    r = s1test::runProgram(stratumone, {"--service", "-F", "2", "-f", withAlarm, "-x", "--control-socket", socket},
                           kStartTimeout);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("-F 2: alarmcommand runs a program, which the system call filter forbids"),
             qPrintable(r.err));
    QVERIFY2(!r.err.contains("serving NTP"), qPrintable(r.err));
}

void TestSeccompService::filteredServiceDoesAWholeSession()
{
    if (!s1::SyscallFilter::available())
        QSKIP("built without libseccomp: -F is refused (badLevelsAndCombinationsAreErrors)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const quint16 serverPort = s1test::freeUdpPort();
    const quint16 servicePort = s1test::freeUdpPort();
    const quint16 metricsPort = s1test::freeTcpPort();
    QVERIFY(serverPort != servicePort);
    const QString socket = dir.filePath(QStringLiteral("run/stratumone.sock"));
    const QString state = dir.filePath(QStringLiteral("state"));
    const QString logs = dir.filePath(QStringLiteral("log"));
    QVERIFY(QDir().mkpath(state) && QDir().mkpath(logs));

    QProcess server;
    const auto stopServer = qScopeGuard([&] { s1test::stopProcess(server, SIGTERM, kStopTimeout); });
    const QString serverConf =
        s1test::writeFile(dir, QStringLiteral("server.conf"),
                          QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\n").arg(serverPort));
    server.start(s1test::ourBinary(QStringLiteral("stratumone-core-host")),
                 {"-f", serverConf, "-x", "--bind", "127.0.0.1"});
    QVERIFY(server.waitForStarted());

    // The GPS when socat is there (as tst_refclocks needs it).
    const bool withGps = !QStandardPaths::findExecutable(QStringLiteral("socat")).isEmpty();
    std::optional<PtyGps> gps;
    QString refclockLine;
    if (withGps) {
        gps.emplace(dir.filePath(QStringLiteral("gps")), dir.filePath(QStringLiteral("feed")));
        QVERIFY(gps->plug());
        refclockLine = QStringLiteral("refclock NMEA %1:115200 refid NMEA poll 1 offset 0.05 delay 0.2 noselect\n")
                           .arg(dir.filePath(QStringLiteral("gps")));
    } else {
        qWarning("socat is missing: the session runs without the NMEA refclock");
    }
    const QString configText = QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 8\n"
                                              "server 127.0.0.1 port %2 minpoll %3 maxpoll %3\n"
                                              "driftfile %4/drift\ndumpdir %4\nlogdir %5\n"
                                              "log measurements statistics tracking refclocks\n"
                                              "metricsaddress 127.0.0.1 %6\n")
                                   .arg(servicePort)
                                   .arg(serverPort)
                                   .arg(kFastPoll)
                                   .arg(state, logs)
                                   .arg(metricsPort)
                               + refclockLine;
    const QString conf = s1test::writeFile(dir, QStringLiteral("service.conf"), configText);

    QProcess service;
    const auto killService = qScopeGuard([&] { s1test::stopProcess(service, SIGKILL, kStopTimeout); });
    if (s1test::builtWithAddressSanitizer()) {
        // LeakSanitizer's check at exit stops the process's threads with ptrace from a clone()d
        // task, system calls the filter rightly kills the service for: here the service runs
        // without it. The other integration tests check the same service's leaks.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ASAN_OPTIONS"),
                   env.value(QStringLiteral("ASAN_OPTIONS")) + QStringLiteral(":detect_leaks=0"));
        service.setProcessEnvironment(env);
    }
    service.start(s1test::ourBinary(QStringLiteral("stratumone")),
                  {"--service", "-F", "1", "-f", conf, "-x", "--bind", "127.0.0.1", "--control-socket", socket});
    QVERIFY(service.waitForStarted());
    QByteArray log;
    const auto alive = [&] {
        log += service.readAllStandardError();
        return service.state() == QProcess::Running;
    };
    // What the service said, and how it ended if it did (a forbidden call: killed by SIGSYS).
    const auto why = [&] {
        alive();
        return QStringLiteral("%1\nstate %2, exit status %3, code %4")
            .arg(QString::fromLocal8Bit(log))
            .arg(service.state())
            .arg(service.exitStatus())
            .arg(service.exitCode());
    };
    QVERIFY2(s1test::waitFor([&] { return !alive() || log.contains("serving NTP"); }, kStartTimeout),
             qPrintable(why()));
    QVERIFY2(log.contains("system call filter level 1: only the calls the service makes; any other: killed"),
             qPrintable(why()));
    QString problem = unfilteredThreads(service.processId());
    QVERIFY2(problem.isEmpty(), qPrintable(problem + why()));
    QVERIFY2(answersNtp(servicePort), qPrintable(why()));

    // The server is polled and selected: packets out and in, stamps from the error queue.
    s1test::RunResult sources;
    QVERIFY2(s1test::waitFor(
                 [&] {
                     sources = ctl(socket, {"-n", "sources"});
                     return !alive() || s1test::lineStartingWith(sources.out, "^*").contains("127.0.0.1");
                 },
                 kReachTimeout),
             qPrintable(sources.out + why()));
    for (const QStringList &command :
         {QStringList{"tracking"}, QStringList{"sourcestats"}, QStringList{"serverstats"}, QStringList{"clients"},
          QStringList{"activity"}, QStringList{"-n", "ntpdata", "127.0.0.1"}}) {
        const s1test::RunResult r = ctl(socket, command);
        QVERIFY2(r.exitCode == 0, qPrintable(command.join(' ') + ": " + r.out + r.err + why()));
    }
    const QByteArray scraped = metrics(metricsPort);
    QVERIFY2(scraped.contains("chrony_up 1"), scraped.constData());
    if (withGps) {
        QVERIFY2(s1test::waitFor(
                     [&] {
                         sources = ctl(socket, {"-n", "sources"});
                         const QString nmea = s1test::lineStartingWith(sources.out, "#");
                         return !alive() || (nmea.contains("NMEA") && !nmea.contains(QRegularExpression(" 0 +- ")));
                     },
                     kReachTimeout),
                 qPrintable(sources.out + why()));
    }

    // Reload by stratumctl and by SIGHUP: the configuration re-read, a new engine thread, the
    // port bound again.
    s1test::RunResult r = ctl(socket, {"reload"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err + why()));
    QVERIFY2(s1test::waitFor([&] { return !alive() || answersNtp(servicePort); }, kStartTimeout), qPrintable(why()));
    ::kill(static_cast<pid_t>(service.processId()), SIGHUP);
    QVERIFY2(s1test::waitFor([&] { return !alive() || log.count("reload: done") >= 2; }, kStartTimeout),
             qPrintable(why()));
    QVERIFY2(answersNtp(servicePort), qPrintable(why()));

    // Log rotation's reopen and the dumps.
    r = ctl(socket, {"cyclelogs"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err + why()));
    r = ctl(socket, {"dump"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err + why()));
    QVERIFY2(
        s1test::waitFor([&] { return QFileInfo::exists(state + QStringLiteral("/127.0.0.1.dat")); }, kStartTimeout),
        qPrintable(QDir(state).entryList().join(' ') + why()));
    QVERIFY2(QFileInfo::exists(logs + QStringLiteral("/measurements.log")),
             qPrintable(QDir(logs).entryList().join(' ')));

    // The configuration replaced through the service (checked, a .bak, an atomic write, reloaded).
    const QString applied = s1test::writeFile(dir, QStringLiteral("applied.conf"), configText);
    r = ctl(socket, {"config", "apply", applied});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err + why()));
    QVERIFY(QFileInfo::exists(conf + QStringLiteral(".bak")));

    // A reload that would bring in a program to run is refused; the service goes on as it was.
    s1test::writeFile(dir, QStringLiteral("service.conf"), configText + QStringLiteral("alarmcommand /bin/true\n"));
    r = ctl(socket, {"reload"});
    QVERIFY2(r.exitCode != 0 && (r.out + r.err).contains("alarmcommand runs a program"), qPrintable(r.out + r.err));
    s1test::writeFile(dir, QStringLiteral("service.conf"), configText);

    QVERIFY2(alive(), qPrintable(why()));
    problem = unfilteredThreads(service.processId());
    QVERIFY2(problem.isEmpty(), qPrintable(problem + why()));
    QVERIFY2(answersNtp(servicePort), qPrintable(why()));

    // A clean stop under the filter: the history and the drift file written, exit code 0.
    QVERIFY(s1test::stopProcess(service, SIGTERM, kStopTimeout));
    alive();
    QVERIFY2(service.exitStatus() == QProcess::NormalExit && service.exitCode() == 0, qPrintable(why()));
    QVERIFY2(QFileInfo::exists(state + QStringLiteral("/stratumone.history")), qPrintable(why()));
}

QTEST_GUILESS_MAIN(TestSeccompService)
#include "tst_seccompservice.moc"
