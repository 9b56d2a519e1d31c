// `stratumone --service` as systemd runs a Type=notify unit: NOTIFY_SOCKET names a datagram
// socket this test owns and WATCHDOG_USEC asks for pings. The service must say READY=1 once its
// sockets are bound, STATUS= in words (synchronised to the loopback server, clients/s),
// WATCHDOG=1 at half the timeout, RELOADING=1 with MONOTONIC_USEC then READY=1 on SIGHUP and on
// `stratumctl reload`, and STOPPING=1 on SIGTERM. Without WATCHDOG_USEC it sends no pings.
// The ping comes from the engine's own thread (EngineThread's heartbeat), and only while it runs.
#include "ProcessHelpers.h"
#include "ServiceProcesses.h"

#include "config/ConfigReader.h"
#include "host/EngineThread.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QtTest>

#include <chrono>
#include <ctime>
#include <mutex>

#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

constexpr auto kReadyTimeout = 10s;
constexpr auto kSyncTimeout = 30s; // 8 polls at 0.25 s, selection, then two snapshots for a rate
constexpr auto kCtlTimeout = 20s;
constexpr auto kWatchdogTimeout = 400ms; // WATCHDOG_USEC: pings every 200 ms
constexpr auto kWatchdogSpan = 2s;
constexpr int kMinPings = 5; // of the 10 the span holds, leaving room for a busy machine
constexpr auto kStopTimeout = 10s;
constexpr std::size_t kMaxDatagram = 4096;
constexpr qint64 kMonotonicToleranceUs = 10'000'000;

// systemd's end of NOTIFY_SOCKET: a unix datagram socket, read without blocking.
class NotifySocket
{
public:
    explicit NotifySocket(const QString &path)
        : m_path(path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray bytes = QFile::encodeName(path);
        if (m_fd < 0 || static_cast<std::size_t>(bytes.size()) >= sizeof(address.sun_path))
            return;
        std::copy(bytes.begin(), bytes.end(), address.sun_path);
        m_bound = ::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0;
    }
    ~NotifySocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    NotifySocket(const NotifySocket &) = delete;
    NotifySocket &operator=(const NotifySocket &) = delete;

    bool isBound() const { return m_bound; }
    const QString &path() const { return m_path; }

    // Every datagram not consumed yet: those that arrived since the last call, and those a
    // waitForMatch() read after its match.
    QStringList read()
    {
        receive();
        QStringList datagrams = m_pending;
        m_pending.clear();
        return datagrams;
    }
    // Waits (bounded) for a datagram that matches and consumes it with those before it.
    std::optional<QString> waitForMatch(const QRegularExpression &pattern, std::chrono::milliseconds timeout)
    {
        std::optional<QString> found;
        s1test::waitFor(
            [&] {
                receive();
                while (!m_pending.isEmpty() && !found) {
                    const QString datagram = m_pending.takeFirst();
                    if (pattern.match(datagram).hasMatch())
                        found = datagram;
                }
                return found.has_value();
            },
            timeout);
        return found;
    }
    const QStringList &all() const { return m_all; }

private:
    QString m_path;
    int m_fd = -1;
    bool m_bound = false;
    QStringList m_all;     // everything received, for failure messages
    QStringList m_pending; // received, not consumed yet

    void receive()
    {
        char buffer[kMaxDatagram];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), MSG_DONTWAIT);
            if (n < 0)
                break;
            const QString datagram = QString::fromUtf8(buffer, static_cast<qsizetype>(n));
            m_pending << datagram;
            m_all << datagram;
        }
    }
};

qint64 monotonicMicroseconds()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<qint64>(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000;
}

class Fixture : public s1test::ServiceProcesses
{
public:
    // Starts the loopback server and the service with NOTIFY_SOCKET (and WATCHDOG_USEC when given).
    bool start(const QString &notifyPath, std::optional<std::chrono::microseconds> watchdog)
    {
        serverPort = s1test::freeUdpPort();
        servicePort = s1test::freeUdpPort();
        if (serverPort == servicePort)
            return false;
        socketPath = dir.filePath("stratumone.sock");
        const QString serverConf = s1test::writeFile(
            dir, "server.conf", QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\n").arg(serverPort));
        server.start(s1test::ourBinary("stratumone-core-host"), {"-f", serverConf, "-x", "--bind", "127.0.0.1"});
        if (!server.waitForStarted())
            return false;
        configPath = s1test::writeFile(dir, "service.conf",
                                       QStringLiteral("port %1\nallow 127.0.0.1\n"
                                                      "server 127.0.0.1 port %2 minpoll -2 maxpoll -2\n")
                                           .arg(servicePort)
                                           .arg(serverPort));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("NOTIFY_SOCKET"), notifyPath);
        environment.remove(QStringLiteral("WATCHDOG_PID"));
        if (watchdog)
            environment.insert(QStringLiteral("WATCHDOG_USEC"), QString::number(watchdog->count()));
        else
            environment.remove(QStringLiteral("WATCHDOG_USEC"));
        service.setProcessEnvironment(environment);
        service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        service.start(s1test::ourBinary("stratumone"),
                      {"--service", "-f", configPath, "-x", "--bind", "127.0.0.1", "--control-socket", socketPath});
        return service.waitForStarted();
    }
};

// The index of the first datagram from `from` on that starts with `prefix`; -1 if none.
qsizetype indexStartingWith(const QStringList &datagrams, const QString &prefix, qsizetype from = 0)
{
    for (qsizetype i = from; i < datagrams.size(); ++i) {
        if (datagrams[i].startsWith(prefix))
            return i;
    }
    return -1;
}

int count(const QStringList &datagrams, const QString &text)
{
    return static_cast<int>(std::count(datagrams.begin(), datagrams.end(), text));
}

} // namespace

class TestSystemdNotify : public QObject
{
    Q_OBJECT
private slots:
    void readyStatusWatchdogReloadStop();
    void noWatchdogWithoutWatchdogUsec();
    void heartbeatFromTheEngineThread();
};

void TestSystemdNotify::readyStatusWatchdogReloadStop()
{
    Fixture f;
    QVERIFY(f.dir.isValid());
    NotifySocket notify(f.dir.filePath("notify"));
    QVERIFY(notify.isBound());
    QVERIFY(f.start(notify.path(), std::chrono::duration_cast<std::chrono::microseconds>(kWatchdogTimeout)));

    // READY=1 with the first status, once the sockets are bound.
    const auto ready = notify.waitForMatch(QRegularExpression("^READY=1\nSTATUS=[^\n]+$"), kReadyTimeout);
    QVERIFY2(ready, qPrintable(notify.all().join(" | ")));
    QVERIFY2(QFileInfo::exists(f.socketPath), "READY=1 before the control socket was bound");
    QCOMPARE(notify.all().filter(QStringLiteral("READY=1")).size(), 1);

    // The state in words: synchronised to the loopback server at stratum 1, and the clients' rate.
    const auto synchronised = notify.waitForMatch(
        QRegularExpression("^STATUS=Synchronised to 127\\.0\\.0\\.1, stratum 2, \\d+(\\.\\d)? clients/s$"),
        kSyncTimeout);
    QVERIFY2(synchronised, qPrintable(notify.all().join(" | ")));

    // The engine thread pings at half of WATCHDOG_USEC.
    notify.read();
    QTest::qWait(static_cast<int>(std::chrono::milliseconds(kWatchdogSpan).count()));
    const int pings = count(notify.read(), QStringLiteral("WATCHDOG=1"));
    QVERIFY2(pings >= kMinPings, qPrintable(QString::number(pings)));

    // SIGHUP: RELOADING=1 with systemd's monotonic clock, then READY=1 again.
    const qint64 before = monotonicMicroseconds();
    QCOMPARE(::kill(static_cast<pid_t>(f.service.processId()), SIGHUP), 0);
    const QRegularExpression reloading("^RELOADING=1\nMONOTONIC_USEC=(\\d+)\nSTATUS=");
    const auto reloadMessage = notify.waitForMatch(reloading, kReadyTimeout);
    QVERIFY2(reloadMessage, qPrintable(notify.all().join(" | ")));
    const qint64 stamp = reloading.match(*reloadMessage).captured(1).toLongLong();
    QVERIFY2(stamp >= before && stamp - before < kMonotonicToleranceUs, qPrintable(*reloadMessage));
    QVERIFY2(notify.waitForMatch(QRegularExpression("^READY=1\n"), kReadyTimeout), "no READY=1 after SIGHUP");

    // stratumctl reload: the same.
    const s1test::RunResult reload =
        s1test::runProgram(s1test::ourBinary("stratumctl"), {"-s", f.socketPath, "reload"}, kCtlTimeout);
    QVERIFY2(reload.exitCode == 0, qPrintable(reload.out + reload.err));
    const QStringList afterCtl = notify.read();
    const qsizetype reloadIndex = indexStartingWith(afterCtl, QStringLiteral("RELOADING=1\n"));
    QVERIFY2(reloadIndex >= 0, qPrintable(afterCtl.join(" | ")));
    QVERIFY2(indexStartingWith(afterCtl, QStringLiteral("READY=1\n"), reloadIndex) > reloadIndex,
             qPrintable(afterCtl.join(" | ")));

    // The new engine thread pings too.
    QTest::qWait(static_cast<int>(std::chrono::milliseconds(kWatchdogSpan).count()));
    QVERIFY(count(notify.read(), QStringLiteral("WATCHDOG=1")) >= kMinPings);

    // SIGTERM: STOPPING=1 and a clean exit.
    QVERIFY(s1test::stopProcess(f.service, SIGTERM, kStopTimeout));
    QCOMPARE(f.service.exitStatus(), QProcess::NormalExit);
    QCOMPARE(f.service.exitCode(), 0);
    QVERIFY2(notify.read().contains(QStringLiteral("STOPPING=1\nSTATUS=Stopping")),
             qPrintable(notify.all().join(" | ")));
}

void TestSystemdNotify::noWatchdogWithoutWatchdogUsec()
{
    Fixture f;
    QVERIFY(f.dir.isValid());
    NotifySocket notify(f.dir.filePath("notify"));
    QVERIFY(notify.isBound());
    QVERIFY(f.start(notify.path(), std::nullopt));
    QVERIFY2(notify.waitForMatch(QRegularExpression("^READY=1\n"), kReadyTimeout),
             qPrintable(notify.all().join(" | ")));
    QTest::qWait(static_cast<int>(std::chrono::milliseconds(kWatchdogSpan).count()));
    notify.read();
    QCOMPARE(count(notify.all(), QStringLiteral("WATCHDOG=1")), 0);
    QVERIFY(s1test::stopProcess(f.service, SIGTERM, kStopTimeout));
}

void TestSystemdNotify::heartbeatFromTheEngineThread()
{
    constexpr auto kBeat = 20ms;
    constexpr int kMinBeats = 5;
    const quint16 port = s1test::freeUdpPort();
    const s1::ConfigReadResult read =
        s1::readConfigText(QStringLiteral("port %1\nallow 127.0.0.1\n").arg(port).toStdString(), "test.conf");
    QVERIFY(read.ok());
    s1::HostOptions options;
    options.serverAddresses = {s1::IpAddress::v4(0x7F000001)};
    options.seed = 1;
    s1::EngineThread engine(read.config, options);

    std::mutex mutex;
    QStringList threads; // the name of the thread each beat ran in
    engine.setHeartbeat(kBeat, [&] {
        const std::lock_guard lock(mutex);
        threads << QThread::currentThread()->objectName();
    });
    const auto beats = [&] {
        const std::lock_guard lock(mutex);
        return threads.size();
    };
    QCOMPARE(beats(), 0); // nothing before the engine runs
    engine.start();
    QVERIFY(s1test::waitFor([&] { return beats() >= kMinBeats; }, kReadyTimeout));
    engine.stop();
    const qsizetype afterStop = beats();
    {
        const std::lock_guard lock(mutex);
        QCOMPARE(threads.filter(QRegularExpression("^engine$")).size(), threads.size());
    }
    // A stopped engine (as a hung one) vouches for nothing.
    QTest::qWait(static_cast<int>((kBeat * kMinBeats).count()));
    QCOMPARE(beats(), afterStop);
}

QTEST_GUILESS_MAIN(TestSystemdNotify)
#include "tst_systemdnotify.moc"
