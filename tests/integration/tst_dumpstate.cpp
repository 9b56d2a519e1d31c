// State across restarts (issue 18 part 4), against the real service and a chronyd server on
// loopback (chronyd runs with -x: it never touches this machine's clock):
//  - `stratumctl dump` writes each source's file in `dumpdir`; a stop writes it again; a restart
//    with -r shows the restored samples in `sourcestats` at once, before any new poll;
//  - -r without `dumpdir` says so;
//  - kill -9 while dumps are being written never leaves a partial file: each read is a whole
//    dump, the previous one or the new one;
//  - the packaged logrotate file, run by Debian's logrotate (unpacked by fetch-peers.sh) on the
//    test's log directory, moves the logs and its `stratumctl cyclelogs` makes the service write
//    new ones.
#include "ProcessHelpers.h"
#include "ServiceProcesses.h"

#include "sources/SourceDump.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

#include <signal.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

constexpr auto kCtlTimeout = 20s;
constexpr auto kStartTimeout = 10s;
constexpr auto kStopTimeout = 10s;
constexpr auto kSampleTimeout = 30s;
constexpr int kFastPoll = -2;     // 0.25 s between polls of the local chronyd
constexpr int kWantedSamples = 8; // before the first dump
constexpr int kKillRounds = 8;
// The kill lands anywhere in the time a few dumps in a row take (measured with one first).
constexpr int kKillSpread = 4;
constexpr auto kLogTimeout = 15s;

using s1test::currentUser;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

class Fixture : public s1test::ServiceProcesses
{
public:
    QString stateDir() const { return dir.filePath(QStringLiteral("state")); }
    QString logDir() const { return dir.filePath(QStringLiteral("logs")); }
    QString dumpPath() const { return stateDir() + QStringLiteral("/127.0.0.1.dat"); }
    QByteArray log;
    QByteArray serverLog;

    // chronyd as a stratum-1 server on loopback, from its own clock (`local`).
    bool startChronyd()
    {
        serverPort = s1test::freeUdpPort();
        const QString conf = s1test::writeFile(dir, "chrony.conf",
                                               QStringLiteral("local stratum 1\nallow 127.0.0.1\nport %1\n"
                                                              "bindaddress 127.0.0.1\ncmdport 0\npidfile %2\n")
                                                   .arg(serverPort)
                                                   .arg(dir.filePath("chronyd.pid")));
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(s1test::chronydPath(), {"-x", "-d", "-u", currentUser(), "-F", "0", "-f", conf});
        return s1test::waitFor(
                   [&] {
                       serverLog += server.readAll();
                       return serverLog.contains("chronyd version") || server.state() == QProcess::NotRunning;
                   },
                   kStartTimeout)
               && server.state() == QProcess::Running;
    }

    // `extra`: lines after the source; `dumpdir` unless `withDumpDir` is false.
    bool writeConfig(const QString &sourceOptions = {}, bool withDumpDir = true)
    {
        if (servicePort == 0)
            servicePort = s1test::freeUdpPort();
        socketPath = dir.filePath(QStringLiteral("run/stratumone.sock"));
        configPath = dir.filePath(QStringLiteral("service.conf"));
        QString text = QStringLiteral("port %1\nallow 127.0.0.1\nserver 127.0.0.1 port %2 minpoll %3 maxpoll %3 %4\n"
                                      "logdir %5\nlog measurements statistics\n")
                           .arg(servicePort)
                           .arg(serverPort)
                           .arg(kFastPoll)
                           .arg(sourceOptions, logDir());
        if (withDumpDir)
            text += QStringLiteral("dumpdir %1\n").arg(stateDir());
        QFile file(configPath);
        const QByteArray bytes = text.toUtf8();
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
    }

    bool startService(const QStringList &extra = {})
    {
        log.clear();
        QFile::remove(socketPath);
        service.setProcessChannelMode(QProcess::SeparateChannels);
        service.start(s1test::ourBinary("stratumone"), QStringList{"--service", "-f", configPath, "-x", "--bind",
                                                                   "127.0.0.1", "--control-socket", socketPath}
                                                           + extra);
        return service.waitForStarted()
               && s1test::waitFor(
                   [&] {
                       log += service.readAllStandardError();
                       return log.contains("serving NTP on UDP port");
                   },
                   kStartTimeout);
    }

    bool stopService(int signal = SIGTERM)
    {
        const bool stopped = s1test::stopProcess(service, signal, kStopTimeout);
        log += service.readAllStandardError();
        return stopped;
    }

    s1test::RunResult ctl(QStringList arguments) const
    {
        arguments.prepend(socketPath);
        arguments.prepend(QStringLiteral("-s"));
        return s1test::runProgram(s1test::ourBinary("stratumctl"), arguments, kCtlTimeout);
    }

    // NP of 127.0.0.1 in `sourcestats` (chronyc's CSV), -1 when it is not listed.
    int samples() const
    {
        const s1test::RunResult r = ctl({"-c", "sourcestats"});
        const QString line = s1test::lineStartingWith(r.out, QStringLiteral("127.0.0.1,"));
        return line.isEmpty() ? -1 : line.section(QLatin1Char(','), 1, 1).toInt();
    }

    std::optional<s1::SourceDump> readDump(std::string &error) const
    {
        const QByteArray bytes = readAll(dumpPath());
        s1::SourceDumpParse parsed = s1::parseSourceDump(std::string_view(bytes.constData(), bytes.size()));
        error = parsed.error;
        return parsed.dump;
    }
};

} // namespace

class TestDumpState : public QObject
{
    Q_OBJECT
private slots:
    void dumpStopAndRestoreWithR();
    void restoreWithoutDumpDirWarns();
    void killDuringDumpsLeavesWholeFiles();
    void cyclelogsAfterLogrotate();
};

void TestDumpState::dumpStopAndRestoreWithR()
{
    S1_REQUIRE_PEER(s1test::chronydPath(), "chronyd");
    Fixture f;
    QVERIFY2(f.startChronyd(), f.serverLog.constData());
    QVERIFY(f.writeConfig());
    QVERIFY2(f.startService(), f.log.constData());
    QVERIFY2(s1test::waitFor([&] { return f.samples() >= kWantedSamples; }, kSampleTimeout),
             qPrintable(f.ctl({"sourcestats"}).out));

    // chronyc's answer, and the file.
    const s1test::RunResult dump = f.ctl({"dump"});
    QCOMPARE(dump.out, QStringLiteral("200 OK\n"));
    QCOMPARE(dump.exitCode, 0);
    std::string error;
    auto dumped = f.readDump(error);
    QVERIFY2(dumped, error.c_str());
    QCOMPARE(dumped->source.text(), std::string("127.0.0.1"));
    QVERIFY(static_cast<int>(dumped->samples.size()) >= kWantedSamples);
    QCOMPARE(dumped->stratum, 1); // the source's: chronyd's `local stratum 1`
    // Absolute times of this clock: the newest sample is from the last few seconds.
    const auto now = std::chrono::system_clock::now();
    QVERIFY(now - dumped->samples.back().time < 10s);
    QVERIFY(now - dumped->samples.back().time > -1s);
    // Nothing else in the state directory but the history file, and no temporary file.
    const QStringList files =
        QDir(f.stateDir()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY2(files.contains(QStringLiteral("127.0.0.1.dat")), qPrintable(files.join(' ')));
    for (const QString &file : files)
        QVERIFY2(!file.startsWith(QLatin1Char('.')), qPrintable(file));

    // A stop writes it again, with the samples of the time since.
    QVERIFY(f.stopService());
    auto stopped = f.readDump(error);
    QVERIFY2(stopped, error.c_str());
    QVERIFY(stopped->dumpedAt > dumped->dumpedAt);
    const int restoredCount = stopped->regressionSamples;
    QVERIFY(restoredCount >= kWantedSamples / 2);

    // Restarted with -r and the source offline: the samples are back before any poll.
    QVERIFY(f.writeConfig(QStringLiteral("offline")));
    QVERIFY2(f.startService({"-r"}), f.log.constData());
    QCOMPARE(f.samples(), restoredCount);
    QVERIFY2(
        f.log.contains(
            QStringLiteral("restored %1 samples of 127.0.0.1 from its dump").arg(stopped->samples.size()).toUtf8()),
        f.log.constData());
    // Online again: selected at the first replies.
    QCOMPARE(f.ctl({"online"}).out, QStringLiteral("200 OK\n"));
    QVERIFY2(s1test::waitFor(
                 [&] {
                     return s1test::lineStartingWith(f.ctl({"-n", "sources"}).out, QStringLiteral("^*")).size() > 0;
                 },
                 5s),
             qPrintable(f.ctl({"sources"}).out));
    QVERIFY(f.stopService());
}

void TestDumpState::restoreWithoutDumpDirWarns()
{
    S1_REQUIRE_PEER(s1test::chronydPath(), "chronyd");
    Fixture f;
    QVERIFY2(f.startChronyd(), f.serverLog.constData());
    QVERIFY(f.writeConfig({}, false));
    QVERIFY2(f.startService({"-r"}), f.log.constData());
    QVERIFY2(f.log.contains("-r given but no dumpdir in the configuration"), f.log.constData());
    // dump answers as chronyd does, and says why nothing was written.
    const s1test::RunResult dump = f.ctl({"dump"});
    QCOMPARE(dump.out, QStringLiteral("200 OK\n"));
    QVERIFY2(dump.err.contains(QStringLiteral("no dumpdir")), qPrintable(dump.err));
    QVERIFY(!QFileInfo::exists(f.stateDir()));
    QVERIFY(f.stopService());
}

void TestDumpState::killDuringDumpsLeavesWholeFiles()
{
    S1_REQUIRE_PEER(s1test::chronydPath(), "chronyd");
    Fixture f;
    QVERIFY2(f.startChronyd(), f.serverLog.constData());
    QVERIFY(f.writeConfig());
    int changed = 0;
    QByteArray previous;
    for (int round = 0; round < kKillRounds; ++round) {
        QVERIFY2(f.startService(round > 0 ? QStringList{"-r"} : QStringList{}), f.log.constData());
        QVERIFY(s1test::waitFor([&] { return f.samples() >= 2; }, kSampleTimeout));
        // One dump to time, then dumps in a row and a kill among them.
        const s1test::RunResult timed = f.ctl({"dump"});
        QCOMPARE(timed.out, QStringLiteral("200 OK\n"));
        QProcess dumper;
        dumper.start(s1test::ourBinary("stratumctl"), {"-s", f.socketPath, "-m", "dump", "dump", "dump", "dump"});
        QVERIFY(dumper.waitForStarted());
        QTest::qWait(
            static_cast<int>(QRandomGenerator::global()->bounded(static_cast<int>(kKillSpread * timed.elapsedMs) + 1)));
        QVERIFY(f.stopService(SIGKILL));
        QVERIFY(s1test::stopProcess(dumper, SIGTERM, kStopTimeout));

        const QByteArray bytes = readAll(f.dumpPath());
        QVERIFY2(!bytes.isEmpty(), "the dump file disappeared");
        std::string error;
        QVERIFY2(f.readDump(error), qPrintable(QStringLiteral("round %1: %2").arg(round).arg(error.c_str())));
        if (bytes != previous)
            ++changed;
        previous = bytes;
    }
    // Each round's file is whole; most rounds replaced it (the timed dump did at least).
    qInfo("%d kills during dumps: the file read back whole every time, new in %d rounds", kKillRounds, changed);
    QCOMPARE(changed, kKillRounds);
    // A kill between a temporary file and its rename may leave the temporary file behind; the
    // next start never reads it (its name starts with a dot).
}

void TestDumpState::cyclelogsAfterLogrotate()
{
    S1_REQUIRE_PEER(s1test::chronydPath(), "chronyd");
    S1_REQUIRE_PEER(s1test::logrotatePath(), "logrotate");
    Fixture f;
    QVERIFY2(f.startChronyd(), f.serverLog.constData());
    QVERIFY(f.writeConfig());
    QVERIFY2(f.startService(), f.log.constData());
    const QString logPath = f.logDir() + QStringLiteral("/measurements.log");
    const QString rotated = logPath + QStringLiteral(".1");
    QVERIFY(s1test::waitFor([&] { return readAll(logPath).count('\n') > 3; }, kLogTimeout));

    // The packaged file with this test's directory and control socket for the installed ones.
    QString rules =
        QString::fromUtf8(readAll(QStringLiteral(S1_TEST_DATA_DIR "/../../resources/stratumone.logrotate")));
    QVERIFY(rules.contains(QStringLiteral("/var/log/stratumone/*.log")));
    QVERIFY(rules.contains(QStringLiteral("/usr/bin/stratumctl cyclelogs")));
    rules.replace(QStringLiteral("/var/log/stratumone"), f.logDir());
    rules.replace(QStringLiteral("/usr/bin/stratumctl"),
                  s1test::ourBinary(QStringLiteral("stratumctl")) + QStringLiteral(" -s ") + f.socketPath);
    const QString conf = s1test::writeFile(f.dir, QStringLiteral("logrotate.conf"), rules);
    // -f: rotate now rather than after a day; -s: its own state file, not the system's.
    const s1test::RunResult rotation = s1test::runProgram(
        s1test::logrotatePath(), {"-f", "-s", f.dir.filePath(QStringLiteral("logrotate.state")), conf}, kCtlTimeout);
    QVERIFY2(rotation.finished && rotation.exitCode == 0, qPrintable(rotation.out + rotation.err));
    QVERIFY(QFile::exists(rotated)); // delaycompress: the newest rotation stays plain
    QVERIFY2(s1test::waitFor([&] { return readAll(logPath).contains("127.0.0.1"); }, kLogTimeout),
             "no new measurements.log after cyclelogs");
    // The new file starts with chronyd's banner; the moved one gets nothing more.
    QVERIFY(readAll(logPath).startsWith("===="));
    const QByteArray old = readAll(rotated);
    QTest::qWait(1000); // four polls
    QCOMPARE(readAll(rotated), old);
    QVERIFY(f.stopService());
}

QTEST_GUILESS_MAIN(TestDumpState)
#include "tst_dumpstate.moc"
