// Fault drills against the running service (issue 17 part 3): what a real machine does to a
// daemon, done on purpose. Each drill is bounded in rounds and time.
//  - kill -9 while `stratumctl config apply` writes a 1 MB configuration: the file is the old or
//    the new text, never a mixture, and the service starts again on it;
//  - kill -9 a few milliseconds after SIGTERM, while the service saves its drift file and its
//    history and its sources' dumps: each file reads back whole, or is the previous one;
//  - 1,000 control connections opened and left idle: stratumctl is still answered and the
//    service holds a bounded number of descriptors;
//  - 1 MB lines flooding the control socket: refused, memory bounded, others answered;
//  - the disk full under `logdir` (a 16 kB tmpfs in a mount namespace of its own): the service
//    says so once per log and keeps serving;
//  - every server gone: the service keeps serving from its own clock (holdover), its root
//    dispersion growing, and says no source is selected;
//  - the system clock stepped under the service (through the test seam that shifts the
//    service's view of it, see systemClockSteppedUnderService): detected, logged once, alarmed,
//    and the time served does not move;
//  - one of three servers jumps by a second: it is marked a falseticker and not followed.
#include "ProcessHelpers.h"
#include "ServiceProcesses.h"

#include "clock/DriftFile.h"
#include "history/HistoryFile.h"
#include "ntp/NtpPacket.h"
#include "sources/SourceDump.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLocalSocket>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QUdpSocket>
#include <QtTest>

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <memory>

using namespace std::chrono_literals;

namespace {

constexpr auto kCtlTimeout = 20s;
constexpr auto kStartTimeout = 10s;
constexpr auto kStopTimeout = 10s;
constexpr auto kReplyTimeout = 2s;
// The served root dispersion grows by the clock's error bound, a few microseconds a second, and
// travels in units of 2^-16 s (15 us): a second apart it may not have moved by one unit yet.
constexpr auto kDispersionGrowthTimeout = 30s;
constexpr int kFastPoll = -2; // 0.25 s between polls of the local server

constexpr int kApplyRounds = 20;
// The kill lands anywhere in an uninterrupted apply's duration (parse, check, write, fsync,
// reload), measured first, and a little after.
constexpr double kApplyKillSpread = 1.2;
constexpr int kPaddingLines = 20000; // about 1 MB of comment lines
constexpr int kShutdownRounds = 8;
constexpr int kRunMinMs = 1200; // long enough for a drift file write (interval 1 s)
constexpr int kRunMaxMs = 2000;
constexpr int kShutdownKillMaxDelayMs = 40;
constexpr auto kFirstSaveTimeout = std::chrono::seconds(30);

constexpr int kIdleConnections = 1000;
constexpr int kDescriptorAllowance = 100; // the service's own files, sockets, Qt's
constexpr int kIdleConnectTimeoutMs = 20;
constexpr qint64 kIdleConnectBudgetMs = 20000;
// ControlServer::kMaxConnections: past it the service closes idle clients to let new ones in.
constexpr std::size_t kServiceConnectionLimit = 64;
constexpr int kFloodConnections = 20;
constexpr qsizetype kFloodLineBytes = 1024 * 1024;
constexpr int kFloodLinesPerConnection = 8;
constexpr qint64 kFloodMemoryAllowanceKb = 64 * 1024; // peak RSS growth allowed by the flood
// 16 kB of tmpfs (four pages) with three of them taken: the logs fill the last within seconds.
constexpr int kTinyFileSystemBytes = 16 * 1024;
constexpr int kTinyFileSystemFill = 12 * 1024;
constexpr auto kDiskFillTimeout = 30s;
constexpr int kQuietPeriodMs = 2000;

class Drill : public s1test::ServiceProcesses
{
public:
    QString stateDir() const { return dir.filePath(QStringLiteral("state")); }
    QString driftPath() const { return stateDir() + QStringLiteral("/drift"); }
    QString historyPath() const { return stateDir() + QStringLiteral("/") + QLatin1String(s1::kHistoryFileName); }
    QString dumpPath() const { return stateDir() + QStringLiteral("/127.0.0.1.dat"); }
    QByteArray log;

    bool startServer()
    {
        serverPort = s1test::freeUdpPort();
        servicePort = s1test::freeUdpPort();
        socketPath = dir.filePath(QStringLiteral("run/stratumone.sock"));
        configPath = dir.filePath(QStringLiteral("service.conf"));
        QDir().mkpath(stateDir());
        const QString conf = s1test::writeFile(
            dir, "server.conf", QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\n").arg(serverPort));
        server.start(s1test::ourBinary("stratumone-core-host"), {"-f", conf, "-x", "--bind", "127.0.0.1"});
        return server.waitForStarted();
    }

    // The configuration every drill starts from; `version` and `padding` make it big and distinct.
    QByteArray configText(int version, int padding = 0) const
    {
        QByteArray text = QStringLiteral("# version %1\nport %2\nallow 127.0.0.1\n"
                                         "server 127.0.0.1 port %3 minpoll %4 maxpoll %4 iburst\n"
                                         "dumpdir %5\ndriftfile %6 interval 1\n")
                              .arg(version)
                              .arg(servicePort)
                              .arg(serverPort)
                              .arg(kFastPoll)
                              .arg(stateDir(), driftPath())
                              .toUtf8();
        for (int i = 0; i < padding; ++i)
            text += "# padding of version " + QByteArray::number(version) + ", line " + QByteArray::number(i) + "\n";
        return text;
    }

    // The local server and the service on the plain configuration.
    bool startBoth() { return startServer() && writeConfig(configText(0)) && startService(); }

    // The test seam of the clock drill: the service reads it at each wake-up (HostOptions::
    // testClockShiftFile), and adds its seconds to every reading of the system clock it takes.
    QString clockShiftPath() const { return dir.filePath(QStringLiteral("clock-shift")); }
    bool shiftServiceClock(double seconds) const
    {
        QFile file(clockShiftPath());
        const QByteArray text = QByteArray::number(seconds, 'f', 6) + "\n";
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
    }
    void useClockShiftFile(QProcess &process) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("S1_TEST_CLOCK_SHIFT_FILE"), clockShiftPath());
        process.setProcessEnvironment(env);
    }

    bool writeConfig(const QByteArray &text) const
    {
        QFile file(configPath);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
    }

    bool startService()
    {
        log.clear();
        QFile::remove(socketPath);
        service.setProcessChannelMode(QProcess::SeparateChannels);
        service.start(s1test::ourBinary("stratumone"),
                      {"--service", "-f", configPath, "-x", "--bind", "127.0.0.1", "--control-socket", socketPath});
        return service.waitForStarted()
               && s1test::waitFor(
                   [&] {
                       log += service.readAllStandardError();
                       return log.contains("serving NTP on UDP port");
                   },
                   kStartTimeout);
    }

    s1test::RunResult ctl(QStringList arguments) const
    {
        arguments.prepend(socketPath);
        arguments.prepend(QStringLiteral("-s"));
        return s1test::runProgram(s1test::ourBinary("stratumctl"), arguments, kCtlTimeout);
    }

    bool killService()
    {
        if (!s1test::stopProcess(service, SIGKILL, kStopTimeout))
            return false;
        log += service.readAllStandardError();
        return true;
    }

    // Lines of /proc/PID/status, e.g. "VmHWM" -> kB.
    qint64 statusValue(const char *key) const
    {
        QFile file(QStringLiteral("/proc/%1/status").arg(service.processId()));
        if (!file.open(QIODevice::ReadOnly))
            return -1;
        const QRegularExpression re(QStringLiteral("^%1:\\s+(\\d+)").arg(QLatin1String(key)),
                                    QRegularExpression::MultilineOption);
        return re.match(QString::fromLatin1(file.readAll())).captured(1).toLongLong();
    }

    int openDescriptors() const
    {
        return static_cast<int>(QDir(QStringLiteral("/proc/%1/fd").arg(service.processId()))
                                    .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System)
                                    .size());
    }

    QStringList temporaryFiles(const QString &directory) const
    {
        return QDir(directory).entryList({QStringLiteral(".*.tmp.*")}, QDir::Files | QDir::Hidden);
    }
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One NTP exchange with the service: the reply's header, or nullopt.
std::optional<s1::NtpHeader> ask(quint16 port)
{
    QUdpSocket socket;
    if (!socket.bind(QHostAddress::LocalHost, 0))
        return std::nullopt;
    s1::NtpHeader h;
    h.mode = s1::NtpMode::Client;
    h.transmitTime = s1::NtpTimestamp::fromRaw(QRandomGenerator::global()->generate64());
    const auto raw = s1::serializeNtpHeader(h);
    socket.writeDatagram(reinterpret_cast<const char *>(raw.data()), static_cast<qint64>(raw.size()),
                         QHostAddress::LocalHost, port);
    if (!socket.waitForReadyRead(static_cast<int>(std::chrono::milliseconds(kReplyTimeout).count())))
        return std::nullopt;
    QByteArray datagram(static_cast<int>(socket.pendingDatagramSize()), '\0');
    socket.readDatagram(datagram.data(), datagram.size());
    const auto parsed = s1::parseNtpPacket(std::span(reinterpret_cast<const std::uint8_t *>(datagram.constData()),
                                                     static_cast<std::size_t>(datagram.size())));
    if (!parsed.ok())
        return std::nullopt;
    return parsed.packet.header;
}

int randomBelow(int bound)
{
    return static_cast<int>(QRandomGenerator::global()->bounded(bound));
}

} // namespace

class TestFaultDrills : public QObject
{
    Q_OBJECT
private slots:
    void killDuringConfigurationApply();
    void killDuringShutdownSaves();
    void idleControlConnections();
    void floodOfLongControlLines();
    void diskFullWhileLogging();
    void everyServerUnreachable();
    void systemClockSteppedUnderService();
    void serverJumpingOneSecond();
};

void TestFaultDrills::killDuringConfigurationApply()
{
    Drill d;
    QVERIFY(d.startServer());
    int version = 0;
    QByteArray current = d.configText(version, kPaddingLines);
    QVERIFY(d.writeConfig(current));
    QVERIFY2(d.startService(), d.log.constData());

    // One apply left alone: how long the whole thing takes here.
    ++version;
    current = d.configText(version, kPaddingLines);
    const QString firstPath = d.dir.filePath(QStringLiteral("first.conf"));
    {
        QFile file(firstPath);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(current) == current.size());
    }
    QElapsedTimer timer;
    timer.start();
    const s1test::RunResult first = d.ctl({"config", "apply", firstPath});
    const qint64 applyMs = timer.elapsed();
    QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
    QCOMPARE(readAll(d.configPath), current);
    qInfo("an apply of %lld bytes takes %lld ms", static_cast<long long>(current.size()),
          static_cast<long long>(applyMs));

    int applied = 0;
    for (int round = 0; round < kApplyRounds; ++round) {
        const QByteArray next = d.configText(version + 1, kPaddingLines);
        const QString nextPath = d.dir.filePath(QStringLiteral("next.conf"));
        {
            QFile file(nextPath);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(next) == next.size());
        }
        QProcess apply;
        apply.start(s1test::ourBinary("stratumctl"), {"-s", d.socketPath, "config", "apply", nextPath});
        QVERIFY(apply.waitForStarted());
        QTest::qWait(randomBelow(static_cast<int>(static_cast<double>(applyMs) * kApplyKillSpread) + 1));
        QVERIFY(d.killService());
        // It may have finished during the wait (an apply left whole).
        QVERIFY(apply.state() == QProcess::NotRunning
                || apply.waitForFinished(static_cast<int>(std::chrono::milliseconds(kCtlTimeout).count())));

        const QByteArray onDisk = readAll(d.configPath);
        QVERIFY2(onDisk == current || onDisk == next,
                 qPrintable(QStringLiteral("round %1: the configuration is neither version %2 nor %3 (%4 bytes)")
                                .arg(round)
                                .arg(version)
                                .arg(version + 1)
                                .arg(onDisk.size())));
        if (onDisk == next) {
            ++applied;
            ++version;
            current = next;
        }
        const QByteArray backup = readAll(d.configPath + QStringLiteral(".bak"));
        QVERIFY2(backup.isEmpty() || (backup.startsWith("# version ") && backup.endsWith("\n")),
                 qPrintable(QStringLiteral("round %1: a partial .bak (%2 bytes)").arg(round).arg(backup.size())));
        // Whatever the kill left, the service starts on it.
        QVERIFY2(d.startService(), d.log.constData());
    }
    qInfo("%d of %d applies were complete when the service was killed", applied, kApplyRounds);
    // A kill between the temporary file and the rename leaves the temporary file; bounded by
    // the rounds, and never mistaken for the configuration.
    const QStringList left = d.temporaryFiles(d.dir.path());
    qInfo("temporary files left by the kills: %lld", static_cast<long long>(left.size()));
    QVERIFY(left.size() <= kApplyRounds);
}

void TestFaultDrills::killDuringShutdownSaves()
{
    Drill d;
    QVERIFY(d.startServer());
    const QByteArray text = d.configText(0);
    QVERIFY(d.writeConfig(text));
    int driftPresent = 0;
    int historyPresent = 0;
    int dumpPresent = 0;
    for (int round = 0; round < kShutdownRounds; ++round) {
        QVERIFY2(d.startService(), d.log.constData());
        QVERIFY2(!d.log.contains("moved to"), d.log.constData()); // a damaged history is set aside
        if (round == 0) {
            // The first stop is a whole one, once synchronised (the drift file appears), so that
            // every kill after it has an old version of each file to keep or replace: on a busy
            // machine the kills alone might never land after a save.
            QVERIFY2(s1test::waitFor([&] { return QFileInfo::exists(d.driftPath()); }, kFirstSaveTimeout),
                     "the service never wrote its drift file");
            QVERIFY(s1test::stopProcess(d.service, SIGTERM, kStopTimeout));
            d.log += d.service.readAllStandardError();
        } else {
            QTest::qWait(kRunMinMs + randomBelow(kRunMaxMs - kRunMinMs));
            // SIGTERM makes it write both files; SIGKILL lands somewhere in or after that.
            ::kill(static_cast<pid_t>(d.service.processId()), SIGTERM);
            QTest::qWait(randomBelow(kShutdownKillMaxDelayMs));
            QVERIFY(d.killService());
        }

        std::string error;
        if (QFileInfo::exists(d.driftPath())) {
            ++driftPresent;
            QVERIFY2(s1::readDriftFile(d.driftPath().toStdString(), error), error.c_str());
        }
        if (QFileInfo::exists(d.historyPath())) {
            ++historyPresent;
            QVERIFY2(s1::readHistoryFile(d.historyPath().toStdString(), error), error.c_str());
        }
        if (const QByteArray dump = readAll(d.dumpPath()); !dump.isEmpty()) {
            ++dumpPresent;
            const s1::SourceDumpParse parsed = s1::parseSourceDump(std::string_view(dump.constData(), dump.size()));
            QVERIFY2(parsed.dump, parsed.error.c_str());
        }
    }
    qInfo("%d kills: a whole drift file after %d, a whole history after %d, a whole dump after %d", kShutdownRounds,
          driftPresent, historyPresent, dumpPresent);
    QVERIFY2(driftPresent > 0 && historyPresent > 0, "the drill never reached a save");
}

void TestFaultDrills::idleControlConnections()
{
    // The test holds the connections: it needs more descriptors than the usual soft limit.
    rlimit limit{};
    QVERIFY(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
    constexpr rlim_t kWanted = kIdleConnections + 200;
    if (limit.rlim_cur < kWanted) {
        limit.rlim_cur = std::min(limit.rlim_max, kWanted);
        QVERIFY(::setrlimit(RLIMIT_NOFILE, &limit) == 0);
    }
    Drill d;
    QVERIFY2(d.startBoth(), d.log.constData());

    // The service closes the oldest idle ones to let new ones in, so a connect may wait for it.
    std::vector<std::unique_ptr<QLocalSocket>> idle;
    QElapsedTimer budget;
    budget.start();
    for (int i = 0; i < kIdleConnections && static_cast<rlim_t>(i) + 100 < limit.rlim_cur
                    && budget.elapsed() < kIdleConnectBudgetMs;
         ++i) {
        auto socket = std::make_unique<QLocalSocket>();
        socket->connectToServer(d.socketPath);
        if (socket->waitForConnected(kIdleConnectTimeoutMs))
            idle.push_back(std::move(socket));
    }
    // Those the kernel refused (the listen backlog full while the service works through it) a
    // real client would retry; the point is that more than the service's limit got in.
    qInfo("%zu of %d idle control connections opened", idle.size(), kIdleConnections);
    QVERIFY(idle.size() > kServiceConnectionLimit);
    QCoreApplication::processEvents();

    const s1test::RunResult tracking = d.ctl({"tracking"});
    QCOMPARE(tracking.exitCode, 0);
    QVERIFY2(tracking.out.contains("Reference ID"), qPrintable(tracking.out));
    const int descriptors = d.openDescriptors();
    QVERIFY2(descriptors < static_cast<int>(kServiceConnectionLimit) + kDescriptorAllowance,
             qPrintable(QString::number(descriptors)));
    QVERIFY(ask(d.servicePort).has_value());
}

void TestFaultDrills::floodOfLongControlLines()
{
    Drill d;
    QVERIFY2(d.startBoth(), d.log.constData());
    QVERIFY(d.ctl({"tracking"}).exitCode == 0);
    const qint64 peakBefore = d.statusValue("VmHWM");
    QVERIFY(peakBefore > 0);

    QByteArray line(kFloodLineBytes, 'x');
    line.back() = '\n';
    qint64 sent = 0;
    for (int c = 0; c < kFloodConnections; ++c) {
        QLocalSocket socket;
        socket.connectToServer(d.socketPath);
        QVERIFY(socket.waitForConnected(1000));
        for (int i = 0; i < kFloodLinesPerConnection && socket.state() == QLocalSocket::ConnectedState; ++i) {
            sent += socket.write(line);
            socket.waitForBytesWritten(200);
        }
        socket.abort();
    }
    qInfo("%lld MB sent in 1 MB lines", static_cast<long long>(sent / (1024 * 1024)));
    const s1test::RunResult tracking = d.ctl({"tracking"});
    QCOMPARE(tracking.exitCode, 0);
    const qint64 peakAfter = d.statusValue("VmHWM");
    qInfo("peak resident memory %lld kB before, %lld kB after", static_cast<long long>(peakBefore),
          static_cast<long long>(peakAfter));
    // Under ASan the freed lines stay resident in its quarantine until that is full.
    const qint64 allowance =
        kFloodMemoryAllowanceKb + (s1test::builtWithAddressSanitizer() ? s1test::kAddressSanitizerQuarantineKb : 0);
    QVERIFY2(peakAfter - peakBefore < allowance, qPrintable(QString::number(peakAfter - peakBefore)));
    QVERIFY(ask(d.servicePort).has_value());
}

void TestFaultDrills::diskFullWhileLogging()
{
    Drill d;
    QVERIFY(d.startServer());
    const QString logDir = d.dir.filePath(QStringLiteral("logs"));
    QVERIFY(QDir().mkpath(logDir));
    const QByteArray text = d.configText(0) + "logdir " + logDir.toUtf8() + "\nlog measurements statistics tracking\n";
    QVERIFY(d.writeConfig(text));
    // A file system of its own that is nearly full from the start, in a private mount namespace
    // (as root, or as a user through a user namespace), so nothing outside sees it.
    const QString script = QStringLiteral("mount -t tmpfs -o size=%1 s1-drill \"$0\" || exit 77; "
                                          "head -c %2 /dev/zero > \"$0/fill\"; exec \"$@\"")
                               .arg(kTinyFileSystemBytes)
                               .arg(kTinyFileSystemFill);
    QStringList arguments = {QStringLiteral("-m"), QStringLiteral("--propagation"), QStringLiteral("private")};
    if (::geteuid() != 0)
        arguments.prepend(QStringLiteral("-r"));
    arguments << QStringLiteral("sh") << QStringLiteral("-c") << script << logDir << s1test::ourBinary("stratumone")
              << QStringLiteral("--service") << QStringLiteral("-f") << d.configPath << QStringLiteral("-x")
              << QStringLiteral("--bind") << QStringLiteral("127.0.0.1") << QStringLiteral("--control-socket")
              << d.socketPath;
    d.service.start(QStringLiteral("unshare"), arguments);
    const bool started =
        d.service.waitForStarted()
        && s1test::waitFor(
            [&] {
                d.log += d.service.readAllStandardError();
                return d.log.contains("serving NTP on UDP port") || d.service.state() == QProcess::NotRunning;
            },
            kStartTimeout);
    if (d.service.state() == QProcess::NotRunning)
        QSKIP(qPrintable(QStringLiteral("no private mount namespace with a tmpfs here: %1").arg(QString(d.log))));
    QVERIFY2(started, d.log.constData());

    const QByteArray full = "Could not write to log file";
    QVERIFY2(s1test::waitFor(
                 [&] {
                     d.log += d.service.readAllStandardError();
                     return d.log.contains(full);
                 },
                 kDiskFillTimeout),
             d.log.constData());
    // Polls go on writing lines into the full disk: no more messages, and NTP still answered.
    QTest::qWait(kQuietPeriodMs);
    d.log += d.service.readAllStandardError();
    QVERIFY(ask(d.servicePort).has_value());
    for (const char *name : {"measurements.log", "statistics.log", "tracking.log"}) {
        const qsizetype said = d.log.count(full + " " + logDir.toUtf8() + "/" + name);
        QVERIFY2(said <= 1, d.log.constData());
    }
    QVERIFY2(d.log.count(full) >= 1, d.log.constData());
    const qsizetype before = d.log.count(full);
    QTest::qWait(kQuietPeriodMs);
    d.log += d.service.readAllStandardError();
    QCOMPARE(d.log.count(full), before);
    QCOMPARE(d.service.state(), QProcess::Running);
    for (const QByteArray &line : d.log.split('\n'))
        if (line.contains(full))
            qInfo("%s", line.constData());
}

void TestFaultDrills::everyServerUnreachable()
{
    Drill d;
    QVERIFY2(d.startBoth(), d.log.constData());
    // Synchronised to the server first, as the replies and the published snapshot (once a
    // second, what stratumctl reads) both say.
    std::optional<s1::NtpHeader> reply;
    QVERIFY(s1test::waitFor(
        [&] {
            reply = ask(d.servicePort);
            return reply && reply->stratum == 2 && d.ctl({"sources"}).out.contains("^*")
                   && d.ctl({"tracking"}).out.contains("Leap status     : Normal");
        },
        kStartTimeout));

    QVERIFY(s1test::stopProcess(d.server, SIGKILL, kStopTimeout));
    // The source is lost after its reach register empties (8 polls of 0.25 s) and more; it is
    // still listed, no longer selected.
    QVERIFY(s1test::waitFor(
        [&] {
            const QString sources = d.ctl({"-n", "sources"}).out;
            return sources.contains("127.0.0.1") && !sources.contains("^*");
        },
        kStartTimeout));
    const std::optional<s1::NtpHeader> first = ask(d.servicePort);
    QVERIFY(first);
    // Still serving, still stratum 2 with a normal leap indicator, but with a growing error.
    std::optional<s1::NtpHeader> second;
    const bool grew = s1test::waitFor(
        [&] {
            second = ask(d.servicePort);
            return second && second->rootDispersion.toSeconds() > first->rootDispersion.toSeconds();
        },
        kDispersionGrowthTimeout);
    QVERIFY(second);
    QVERIFY2(grew, qPrintable(QStringLiteral("%1 then %2")
                                  .arg(first->rootDispersion.toSeconds())
                                  .arg(second->rootDispersion.toSeconds())));
    QCOMPARE(second->stratum, 2);
    QVERIFY(second->leap != s1::LeapIndicator::Unsynchronised);
    const s1test::RunResult tracking = d.ctl({"tracking"});
    QVERIFY2(tracking.out.contains("Leap status     : Normal"), qPrintable(tracking.out));
    // And it says why nothing is selected.
    const s1test::RunResult why = d.ctl({"-n", "why"});
    QVERIFY2(why.out.contains("Unreachable: no usable reply for"), qPrintable(why.out));
}

// How far the service's time is from this machine's clock, as one exchange measures it (s).
std::optional<double> servedOffset(quint16 port)
{
    const s1::RealTime before = s1::RealTime(std::chrono::nanoseconds(QDateTime::currentMSecsSinceEpoch() * 1'000'000));
    const std::optional<s1::NtpHeader> reply = ask(port);
    const s1::RealTime after = s1::RealTime(std::chrono::nanoseconds(QDateTime::currentMSecsSinceEpoch() * 1'000'000));
    if (!reply || reply->stratum == 0 || reply->stratum >= 16)
        return std::nullopt;
    const s1::RealTime middle = before + (after - before) / 2;
    return s1::toSeconds(reply->transmitTime.toRealTime(middle) - middle);
}

// The drill for "the system clock stepped under the service". What it does: the service runs
// with -x (its virtual clock, as every service test does) and with S1_TEST_CLOCK_SHIFT_FILE,
// a seam in EngineRuntime that adds the file's seconds to every CLOCK_REALTIME reading the
// service takes (the kernel receive timestamps of its sockets included) while CLOCK_BOOTTIME
// stays as the kernel reads it. Writing the file is, for the service, exactly what `date -s`
// would look like: its view of the system clock jumps against the boot-time clock. It proves
// that the service's detector (ExternalStepDetector against CLOCK_BOOTTIME) sees the jump,
// that the engine takes it out of its raw clock (the time served does not jump, the source
// stays selected), logs it once and raises the clock-stepped alarm naming an external step.
// What it does not prove: the real kernel call (no test may set the machine's clock; libfaketime
// was no honest alternative, since the kernel's receive timestamps are not faked and every
// sample would then mix two clocks), the shift landing at a random moment between wake-ups
// (the seam applies it at a wake-up, just before the detector looks), and the steered clock
// (clock control, where the driver records the step and the engine steers the clock back:
// tst_clockfaults drives that on the simulated kernel clock).
void TestFaultDrills::systemClockSteppedUnderService()
{
    Drill d;
    d.useClockShiftFile(d.service);
    QVERIFY2(d.startBoth(), d.log.constData());
    QVERIFY(s1test::waitFor(
        [&] {
            const auto reply = ask(d.servicePort);
            return reply && reply->stratum == 2 && d.ctl({"-n", "sources"}).out.contains("^*");
        },
        kStartTimeout));
    const std::optional<double> offsetBefore = servedOffset(d.servicePort);
    QVERIFY(offsetBefore);
    qInfo("served time before the step: %+.6f s from this machine's clock", *offsetBefore);

    // The jump is measured between clock readings that the service takes microseconds apart
    // (more under a sanitizer or on a loaded machine): it is the shift to within this much.
    constexpr double kJumpTolerance = 1e-3; // s
    struct Step
    {
        double shift; // the file's value: the service's clock against the machine's
        double jump;  // s, what the service must report
        const char *direction;
    };
    for (const Step &step : {Step{1.5, 1.5, "forward"}, Step{-0.5, -2.0, "backward"}}) {
        QVERIFY(d.shiftServiceClock(step.shift));
        const QRegularExpression reported(
            QStringLiteral("%1 jump of the system clock by ([-+0-9.]+) s detected \\(an external step")
                .arg(QLatin1String(step.direction)));
        QRegularExpressionMatch match;
        QVERIFY2(s1test::waitFor(
                     [&] {
                         d.log += d.service.readAllStandardError();
                         match = reported.match(QString::fromUtf8(d.log));
                         return match.hasMatch();
                     },
                     kStartTimeout),
                 d.log.constData());
        qInfo("%s", qPrintable(match.captured(0)));
        QVERIFY2(std::abs(match.captured(1).toDouble() - step.jump) < kJumpTolerance, qPrintable(match.captured(0)));
        // The time served did not jump: the machine's clock never moved, and the service's time
        // is still the server's (within the loopback's noise and a clock reading's millisecond).
        const std::optional<double> offsetAfter = servedOffset(d.servicePort);
        QVERIFY(offsetAfter);
        qInfo("served time after the step: %+.6f s", *offsetAfter);
        QVERIFY2(std::abs(*offsetAfter) < 0.01, qPrintable(QString::number(*offsetAfter)));
    }
    // Logged once per step.
    d.log += d.service.readAllStandardError();
    QCOMPARE(d.log.count("jump of the system clock"), 2);
    // Still synchronised to the same source, tracking with a small offset; the alarm says what
    // happened.
    QVERIFY(s1test::waitFor([&] { return d.ctl({"-n", "sources"}).out.contains("^*"); }, kStartTimeout));
    const s1test::RunResult tracking = d.ctl({"tracking"});
    QVERIFY2(tracking.out.contains("Leap status     : Normal"), qPrintable(tracking.out));
    const QRegularExpressionMatch lastOffset =
        QRegularExpression(QStringLiteral("Last offset\\s+:\\s+([-+0-9.]+) seconds")).match(tracking.out);
    QVERIFY2(lastOffset.hasMatch(), qPrintable(tracking.out));
    QVERIFY2(std::abs(lastOffset.captured(1).toDouble()) < 0.01, qPrintable(tracking.out));
    // The snapshot stratumctl reads is published once a second: the alarm is in the next one.
    QString alarms;
    QVERIFY2(s1test::waitFor(
                 [&] {
                     alarms = d.ctl({"alarms"}).out;
                     return alarms.contains(QRegularExpression(QStringLiteral(
                         "stepped by -(1\\.999|2\\.000)[0-9]* s by something else \\(an external step")));
                 },
                 kStartTimeout),
             qPrintable(alarms));
    qInfo("%s", qPrintable(alarms));
}

// "A server that jumps by 1 s": three plain hosts serve the service; one of them is restarted
// on its port with its view of the clock a second ahead (the same seam as above, set before it
// starts, so it serves that time). The service marks it a falseticker ('x') within a few polls
// and keeps its time with the other two.
void TestFaultDrills::serverJumpingOneSecond()
{
    Drill d;
    QProcess second, third;
    const auto stop = qScopeGuard([&] {
        s1test::stopProcess(second, SIGTERM, kStopTimeout);
        s1test::stopProcess(third, SIGTERM, kStopTimeout);
    });
    QVERIFY(d.startServer());
    // The other two on loopback addresses of their own, so that `sources` tells them apart.
    const quint16 otherPort = s1test::freeUdpPort();
    const QString conf =
        s1test::writeFile(d.dir, QStringLiteral("others.conf"),
                          QStringLiteral("port %1\nallow 127.0.0.0/8\nlocal stratum 1\n").arg(otherPort));
    const QString plainHost = s1test::ourBinary("stratumone-core-host");
    const auto startOther = [&](QProcess &process, const char *address) {
        process.start(plainHost, {"-f", conf, "-x", "--bind", QString::fromLatin1(address)});
        return process.waitForStarted();
    };
    QVERIFY(startOther(second, "127.0.0.2") && startOther(third, "127.0.0.3"));
    QByteArray text = d.configText(0);
    for (const char *address : {"127.0.0.2", "127.0.0.3"})
        text += QStringLiteral("server %1 port %2 minpoll %3 maxpoll %3 iburst\n")
                    .arg(QLatin1String(address))
                    .arg(otherPort)
                    .arg(kFastPoll)
                    .toUtf8();
    QVERIFY(d.writeConfig(text));
    QVERIFY2(d.startService(), d.log.constData());
    // Sources selection holds good: selected, combined, or left out of the combination ('-')
    // only for being further off than the others, never for disagreeing.
    QString sources;
    const auto goodSources = [&] {
        sources = d.ctl({"-n", "sources"}).out;
        return sources.count(QRegularExpression(QStringLiteral("^\\^[*+-]"), QRegularExpression::MultilineOption));
    };
    QVERIFY2(s1test::waitFor([&] { return goodSources() == 3; }, kStartTimeout), qPrintable(sources));

    // The third server jumps a second ahead: restarted on its address with its view of the
    // clock shifted (set before it starts, so the time it serves is a second ahead).
    QVERIFY(s1test::stopProcess(third, SIGTERM, kStopTimeout));
    QVERIFY(d.shiftServiceClock(1.0));
    d.useClockShiftFile(third);
    QVERIFY(startOther(third, "127.0.0.3"));
    QVERIFY2(s1test::waitFor(
                 [&] {
                     sources = d.ctl({"-n", "sources"}).out;
                     return sources.contains(QRegularExpression(QStringLiteral("^\\^x\\s+127\\.0\\.0\\.3\\b"),
                                                                QRegularExpression::MultilineOption));
                 },
                 kStartTimeout),
             qPrintable(sources));
    qInfo("%s", qPrintable(sources));
    // Not followed: the time served is still the machine's (the good servers share its clock).
    const std::optional<double> offset = servedOffset(d.servicePort);
    QVERIFY(offset);
    qInfo("served time: %+.6f s from this machine's clock", *offset);
    QVERIFY2(std::abs(*offset) < 0.01, qPrintable(QString::number(*offset)));
    QVERIFY2(goodSources() == 2 && sources.contains("^*"), qPrintable(sources));
    const s1test::RunResult alarms = d.ctl({"alarms"});
    qInfo("%s", qPrintable(alarms.out));
    QVERIFY2(alarms.out.contains("127.0.0.3"), qPrintable(alarms.out));
}

QTEST_GUILESS_MAIN(TestFaultDrills)
#include "tst_faultdrills.moc"
