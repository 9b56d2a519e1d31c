// The service's history end to end: `stratumone --service` polling a loopback server records
// tracking and source series; `stratumctl history` lists them and prints one as a table; the
// history is saved in `dumpdir` when the service stops and is there again after a restart; a
// damaged file is set aside and the service starts a new history.
#include "ProcessHelpers.h"
#include "ServiceProcesses.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

#include <csignal>

using namespace std::chrono_literals;

namespace {

constexpr auto kCtlTimeout = 20s;
constexpr auto kStartTimeout = 10s;
constexpr auto kStopTimeout = 10s;
constexpr auto kHistoryTimeout = 30s; // polls at 0.25 s, a snapshot a second
constexpr int kFastPoll = -2;
constexpr qint64 kEnoughPoints = 5;

class HistoryFixture : public s1test::ServiceProcesses
{
public:
    QString stateDir() const { return dir.filePath(QStringLiteral("state")); }
    QString historyFile() const { return stateDir() + QStringLiteral("/stratumone.history"); }

    bool startServer()
    {
        serverPort = s1test::freeUdpPort();
        servicePort = s1test::freeUdpPort();
        socketPath = dir.filePath(QStringLiteral("run/stratumone.sock"));
        const QString conf = s1test::writeFile(
            dir, "server.conf", QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\n").arg(serverPort));
        server.start(s1test::ourBinary("stratumone-core-host"), {"-f", conf, "-x", "--bind", "127.0.0.1"});
        return server.waitForStarted();
    }

    bool startService()
    {
        QDir().mkpath(stateDir());
        configPath = s1test::writeFile(dir, "service.conf",
                                       QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 3\n"
                                                      "server 127.0.0.1 port %2 minpoll %3 maxpoll %3\n"
                                                      "dumpdir %4\n")
                                           .arg(servicePort)
                                           .arg(serverPort)
                                           .arg(kFastPoll)
                                           .arg(stateDir()));
        QFile::remove(socketPath);
        service.setProcessChannelMode(QProcess::SeparateChannels);
        service.start(s1test::ourBinary("stratumone"),
                      {"--service", "-f", configPath, "-x", "--bind", "127.0.0.1", "--control-socket", socketPath});
        return service.waitForStarted()
               && s1test::waitFor([&] { return QFileInfo::exists(socketPath); }, kStartTimeout);
    }

    s1test::RunResult ctl(QStringList arguments) const
    {
        arguments.prepend(socketPath);
        arguments.prepend(QStringLiteral("-s"));
        return s1test::runProgram(s1test::ourBinary("stratumctl"), arguments, kCtlTimeout);
    }

    std::map<QString, double> seriesFirst() const
    {
        std::map<QString, double> first;
        const s1test::RunResult r = ctl({"--json", "history"});
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            first[v.toObject().value("series").toString()] = v.toObject().value("first").toDouble();
        return first;
    }

    // The series list as the service gives it: name -> points.
    std::map<QString, qint64> seriesPoints() const
    {
        std::map<QString, qint64> points;
        const s1test::RunResult r = ctl({"--json", "history"});
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            points[v.toObject().value("series").toString()] = v.toObject().value("points").toInteger();
        return points;
    }
};

} // namespace

class TestHistoryService : public QObject
{
    Q_OBJECT
private slots:
    void historyAccumulatesAndSurvivesRestart();
    void damagedFileIsSetAside();
};

void TestHistoryService::historyAccumulatesAndSurvivesRestart()
{
    HistoryFixture f;
    QVERIFY(f.dir.isValid());
    QVERIFY(f.startServer());
    QVERIFY(f.startService());

    const QString offset = QStringLiteral("source/127.0.0.1/offset");
    std::map<QString, qint64> points;
    const bool accumulated = s1test::waitFor(
        [&] {
            points = f.seriesPoints();
            return points[offset] >= kEnoughPoints && points["tracking.offset"] >= kEnoughPoints;
        },
        kHistoryTimeout);
    QVERIFY2(accumulated, "no history accumulated");
    for (const char *name :
         {"tracking.frequency", "tracking.skew", "tracking.rootDelay", "tracking.rootDispersion", "tracking.errorBound",
          "tracking.lastOffset", "source/127.0.0.1/delay", "source/127.0.0.1/dispersion", "source/127.0.0.1/state"})
        QVERIFY2(points.count(QString::fromLatin1(name)), name);

    // The list as a table: header, rule, one line per series.
    const s1test::RunResult list = f.ctl({"history"});
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.startsWith("Series "), qPrintable(list.out));
    QVERIFY2(QRegularExpression("\\ntracking\\.offset +s +\\d+ +\\d+  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d")
                 .match(list.out)
                 .hasMatch(),
             qPrintable(list.out));

    // One series in buckets: every point counted once, values scaled with their unit.
    const s1test::RunResult json = f.ctl({"--json", "history", offset, "--since", "1h", "--buckets", "10"});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject answer = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(answer.value("unit").toString(), QStringLiteral("s"));
    const QJsonArray buckets = answer.value("buckets").toArray();
    QCOMPARE(buckets.size(), 10);
    qint64 counted = 0;
    for (const QJsonValue &b : buckets) {
        const QJsonObject o = b.toObject();
        counted += o.value("count").toInteger();
        if (o.value("count").toInteger() == 0) {
            QVERIFY(!o.contains("mean")); // a gap, not a value
            continue;
        }
        QVERIFY(o.value("min").toDouble() <= o.value("mean").toDouble());
        QVERIFY(o.value("mean").toDouble() <= o.value("max").toDouble());
        QVERIFY(std::abs(o.value("mean").toDouble()) < 0.01); // loopback: well under 10 ms
    }
    QVERIFY(counted >= kEnoughPoints);
    QCOMPARE(answer.value("to").toDouble() - answer.value("from").toDouble(), 3600.0);

    const s1test::RunResult table = f.ctl({"history", offset, "--since", "30s", "--buckets", "3"});
    QCOMPARE(table.exitCode, 0);
    const QStringList lines = table.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    QVERIFY2(lines[0].startsWith(offset + " (s), "), qPrintable(lines[0]));
    QVERIFY2(lines[1].startsWith("Time (UTC)"), qPrintable(lines[1]));
    QVERIFY2(QRegularExpression("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\d+ +([+-][\\d.]+[num]?s|-) ")
                 .match(lines[5])
                 .hasMatch(),
             qPrintable(lines[5]));

    // Bad requests: clear errors, exit codes 1 (the service said no) and 2 (usage).
    const s1test::RunResult unknown = f.ctl({"history", "no.such.series"});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains("no such series: no.such.series"), qPrintable(unknown.err));
    const s1test::RunResult badSince = f.ctl({"history", offset, "--since", "yesterday"});
    QCOMPARE(badSince.exitCode, 2);
    QVERIFY2(badSince.err.contains("--since"), qPrintable(badSince.err));
    const s1test::RunResult csv = f.ctl({"-c", "history", offset});
    QCOMPARE(csv.exitCode, 2);
    QVERIFY2(csv.err.contains("no CSV form"), qPrintable(csv.err));

    // Stopped, the service saves the history; started again, it has it back at once.
    const std::map<QString, double> firstBefore = f.seriesFirst();
    const std::map<QString, qint64> before = f.seriesPoints();
    QVERIFY(s1test::stopProcess(f.service, SIGTERM, kStopTimeout));
    QCOMPARE(f.service.exitCode(), 0);
    QVERIFY(QFileInfo::exists(f.historyFile()));
    QVERIFY(f.startService());
    std::map<QString, qint64> after;
    QVERIFY(s1test::waitFor(
        [&] {
            after = f.seriesPoints();
            return !after.empty();
        },
        kStartTimeout));
    QVERIFY2(after[offset] >= before.at(offset), qPrintable(QString::number(after[offset])));
    QVERIFY(after["tracking.offset"] >= before.at("tracking.offset"));
    QCOMPARE(f.seriesFirst().at("tracking.offset"), firstBefore.at("tracking.offset"));
}

void TestHistoryService::damagedFileIsSetAside()
{
    HistoryFixture f;
    QVERIFY(f.dir.isValid());
    QVERIFY(f.startServer());
    QDir().mkpath(f.stateDir());
    QByteArray damaged = "S1HISTORY\n";
    damaged += QByteArray(100, 'x');
    {
        QFile file(f.historyFile());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(damaged);
    }
    QVERIFY(f.startService());
    // It runs, and records a new history.
    QVERIFY(s1test::waitFor([&] { return f.seriesPoints()["tracking.frequency"] >= 2; }, kHistoryTimeout));
    QFile aside(f.historyFile() + ".damaged");
    QVERIFY(aside.open(QIODevice::ReadOnly));
    QCOMPARE(aside.readAll(), damaged);
    QVERIFY(s1test::stopProcess(f.service, SIGTERM, kStopTimeout));
    const QByteArray log = f.service.readAllStandardError();
    QVERIFY2(log.contains("ignored: history file version") || log.contains("ignored: history file is truncated"),
             log.constData());
    QVERIFY(QFileInfo::exists(f.historyFile())); // the new one
}

QTEST_GUILESS_MAIN(TestHistoryService)
#include "tst_historyservice.moc"
