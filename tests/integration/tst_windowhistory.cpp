// The window's own engine keeps its history in `dumpdir` as the service does (HistoryKeeper):
// points recorded, the engine stopped, a new engine with the same configuration has them at once
// and answers the window's history request with them; a reload that moves `dumpdir` takes the
// history along; a `dumpdir` it cannot use keeps the history in memory and says so in the log
// and the status line. Loopback only, virtual clock (the window never steers the clock).
#include "InProcessEngine.h"

#include "config/ConfigReader.h"
#include "history/HistoryFile.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <numeric>

#include <sys/stat.h>
#include <unistd.h>

using namespace s1;

namespace {

constexpr int kWaitMs = 20'000;
// Tracking points come once a second: a few are enough to tell them from none.
constexpr std::size_t kEnoughPoints = 3;
// Recorded whether or not the engine is synchronised.
constexpr const char *kSeries = "tracking.frequency";
constexpr mode_t kReadOnlyDirectory = 0555;
constexpr mode_t kOwnDirectory = 0755;

void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(text), text.size());
}

// The configuration file the window was started with (-f), with `dumpdir`.
QString writeConfig(const QTemporaryDir &dir, const QString &dumpDir)
{
    const QString path = dir.filePath(QStringLiteral("s1.conf"));
    writeFile(path, QStringLiteral("port 0\nlocal stratum 8\ndumpdir %1\n").arg(dumpDir).toUtf8());
    return path;
}

std::unique_ptr<InProcessEngine> makeEngine(const QString &configPath)
{
    LaunchOptions options;
    options.configPath = configPath.toStdString();
    const ConfigReadResult read = readConfigFile(options.configPath);
    if (!read.ok())
        return nullptr;
    HostOptions host;
    host.serverAddresses = {IpAddress::v4(0x7F000001)};
    host.seed = 1;
    return std::make_unique<InProcessEngine>(options, read.config, host);
}

std::size_t pointsOf(const InProcessEngine &engine)
{
    const HistorySeries *series = engine.history().store().series(kSeries);
    return series ? series->pointCount() : 0;
}

std::int64_t firstTimeOf(const InProcessEngine &engine)
{
    const HistorySeries *series = engine.history().store().series(kSeries);
    return series ? series->firstTime() : 0;
}

} // namespace

class TestWindowHistory : public QObject
{
    Q_OBJECT

private slots:
    void historySurvivesRestart();
    void reloadMovesTheHistory();
    void unusableDirectoryKeepsItInMemory();
    void unwritableDirectoryKeepsItInMemory();
};

void TestWindowHistory::historySurvivesRestart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Not there yet: created, as chronyd creates its dumpdir.
    const QString state = dir.filePath(QStringLiteral("state"));
    const QString config = writeConfig(dir, state);

    auto first = makeEngine(config);
    QVERIFY(first);
    first->start();
    QTRY_VERIFY_WITH_TIMEOUT(pointsOf(*first) >= kEnoughPoints, kWaitMs);
    QVERIFY(first->history().savingProblem().empty());
    first->stop();
    const std::size_t recorded = pointsOf(*first);
    const std::int64_t since = firstTimeOf(*first);
    const std::int64_t until = first->history().store().series(kSeries)->lastTime();
    first.reset();
    QVERIFY(QFileInfo::exists(state + QLatin1Char('/') + QLatin1String(kHistoryFileName)));

    // A new window with the same configuration: the earlier points are there from the start.
    auto second = makeEngine(config);
    QVERIFY(second);
    HistoryRange answered;
    connect(second.get(), &SnapshotFeed::historyReady, this,
            [&](quint64, const HistoryRange &range) { answered = range; });
    second->start();
    QVERIFY2(pointsOf(*second) >= recorded, qPrintable(QString::number(pointsOf(*second))));
    QCOMPARE(firstTimeOf(*second), since);

    // And the window's chart gets them through the feed, as it asks for them.
    HistoryRangeRequest request;
    request.series = kSeries;
    request.from = since;
    request.to = until;
    request.buckets = static_cast<std::uint32_t>(recorded);
    second->requestHistory(request);
    QTRY_VERIFY_WITH_TIMEOUT(answered.ok, kWaitMs);
    const std::size_t counted =
        std::accumulate(answered.buckets.begin(), answered.buckets.end(), std::size_t{0},
                        [](std::size_t sum, const HistoryRangeBucket &b) { return sum + b.count; });
    QCOMPARE(counted, recorded);
    second->stop();
}

void TestWindowHistory::reloadMovesTheHistory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString before = dir.filePath(QStringLiteral("before"));
    const QString after = dir.filePath(QStringLiteral("after"));
    const QString config = writeConfig(dir, before);

    auto engine = makeEngine(config);
    QVERIFY(engine);
    QSignalSpy reloads(engine.get(), &InProcessEngine::reloadDone);
    engine->start();
    QTRY_VERIFY_WITH_TIMEOUT(pointsOf(*engine) >= kEnoughPoints, kWaitMs);
    const std::int64_t since = firstTimeOf(*engine);

    // The reload moves dumpdir: the running history goes on and is saved in the new one.
    writeConfig(dir, after);
    engine->reload();
    QTRY_COMPARE_WITH_TIMEOUT(reloads.count(), 1, kWaitMs);
    QVERIFY2(reloads.front().at(0).toBool(), qPrintable(reloads.front().at(1).toString()));
    QCOMPARE(firstTimeOf(*engine), since);
    const std::size_t beforeStop = pointsOf(*engine);
    QTRY_VERIFY_WITH_TIMEOUT(pointsOf(*engine) > beforeStop, kWaitMs);
    engine->stop();
    engine.reset();
    const QString moved = after + QLatin1Char('/') + QLatin1String(kHistoryFileName);
    QVERIFY(QFileInfo::exists(moved));

    auto restarted = makeEngine(config);
    QVERIFY(restarted);
    restarted->start();
    QCOMPARE(firstTimeOf(*restarted), since);
    restarted->stop();
}

void TestWindowHistory::unusableDirectoryKeepsItInMemory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A file where the directory should be: even root cannot use it.
    const QString notDirectory = dir.filePath(QStringLiteral("notadir"));
    writeFile(notDirectory, "not a directory\n");
    const QString config = writeConfig(dir, notDirectory);

    auto engine = makeEngine(config);
    QVERIFY(engine);
    QString status;
    connect(engine.get(), &SnapshotFeed::connectionChanged, this, [&](const QString &s) { status = s; });
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("^history: cannot .*notadir.* kept in memory only")));
    engine->start();
    QVERIFY(!engine->history().savingProblem().empty());
    QTRY_VERIFY_WITH_TIMEOUT(!status.isEmpty(), kWaitMs);
    QVERIFY2(status.contains(QStringLiteral("history not saved")) && status.contains(notDirectory), qPrintable(status));
    // The history is still recorded and served, only not kept.
    QTRY_VERIFY_WITH_TIMEOUT(pointsOf(*engine) >= kEnoughPoints, kWaitMs);
    engine->stop();
    QFile file(notDirectory);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("not a directory\n"));
}

void TestWindowHistory::unwritableDirectoryKeepsItInMemory()
{
    if (::geteuid() == 0)
        QSKIP("root writes any directory; unusableDirectoryKeepsItInMemory covers the rule");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString state = dir.filePath(QStringLiteral("state"));
    QVERIFY(QDir().mkpath(state));
    QCOMPARE(::chmod(QFile::encodeName(state).constData(), kReadOnlyDirectory), 0);
    const QString config = writeConfig(dir, state);

    auto engine = makeEngine(config);
    QVERIFY(engine);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("^history: cannot write .*state.* kept in memory only")));
    engine->start();
    QVERIFY2(engine->history().savingProblem().find("Permission denied") != std::string::npos,
             engine->history().savingProblem().c_str());
    QTRY_VERIFY_WITH_TIMEOUT(pointsOf(*engine) >= kEnoughPoints, kWaitMs);
    engine->stop();
    QVERIFY(!QFileInfo::exists(state + QLatin1Char('/') + QLatin1String(kHistoryFileName)));
    ::chmod(QFile::encodeName(state).constData(), kOwnDirectory); // so that QTemporaryDir can remove it
}

QTEST_MAIN(TestWindowHistory)
#include "tst_windowhistory.moc"
