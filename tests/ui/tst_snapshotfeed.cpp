// The window's one link to where its state comes from: MainWindow::setFeed shows what a
// SnapshotFeed publishes (snapshots, connection words, stale marks, action answers, the
// configuration path) and hands it the user's requests; a feed's "unavailable" reasons disable
// the actions. A fake feed stands in for the engine thread, the simulation and the service.
#include "MainWindow.h"
#include "SnapshotFeed.h"

#include <QAction>
#include <QLabel>
#include <QTest>

using namespace s1;

namespace {

constexpr std::int64_t kSnapshotNanos = 1'714'566'896'000'000'000; // 2024-05-01 12:34:56 UTC

class FakeFeed : public SnapshotFeed
{
public:
    explicit FakeFeed(QString unavailable = {})
        : m_unavailable(std::move(unavailable))
    { }
    void start() override { }
    QString reloadUnavailableReason() const override { return m_unavailable; }
    QString makeStepUnavailableReason() const override { return m_unavailable; }
    void requestReload() override { ++reloads; }
    void requestMakeStep() override { ++makeSteps; }

    int reloads = 0;
    int makeSteps = 0;

private:
    QString m_unavailable;
};

EngineSnapshot snapshot()
{
    EngineSnapshot s;
    s.time = realTimeFromNanos(kSnapshotNanos);
    s.reference.synchronised = true;
    s.reference.stratum = 3;
    return s;
}

QAction *action(const MainWindow &window, const char *name)
{
    return window.findChild<QAction *>(QLatin1String(name));
}

QString labelText(const MainWindow &window, const char *name)
{
    const auto *label = window.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

} // namespace

class TestSnapshotFeed : public QObject
{
    Q_OBJECT
private slots:
    void windowShowsWhatTheFeedPublishes();
    void requestsGoToTheFeed();
    void unavailableRequestsAreDisabled();
};

void TestSnapshotFeed::windowShowsWhatTheFeedPublishes()
{
    MainWindow window;
    FakeFeed feed;
    window.setFeed(&feed);
    emit feed.connectionChanged(QStringLiteral("Fake engine, serving NTP on UDP port 123"));
    QCOMPARE(labelText(window, "connectionDescription"), QStringLiteral("Fake engine, serving NTP on UDP port 123"));
    emit feed.snapshotReady(snapshot());
    QVERIFY(!window.isSnapshotStale());
    emit feed.snapshotsStale();
    QVERIFY(window.isSnapshotStale());
    emit feed.snapshotReady(snapshot());
    QVERIFY(!window.isSnapshotStale());
    emit feed.configurationPathChanged(QStringLiteral("/etc/fake.conf"));
    QCOMPARE(window.configurationPath(), QStringLiteral("/etc/fake.conf"));
}

void TestSnapshotFeed::requestsGoToTheFeed()
{
    MainWindow window;
    FakeFeed feed;
    window.setFeed(&feed);
    emit feed.snapshotReady(snapshot());
    QAction *reload = action(window, "reloadAction");
    QVERIFY(reload->isEnabled());
    reload->trigger();
    QCOMPARE(feed.reloads, 1);
    QVERIFY(window.isActionPending());
    emit feed.actionFinished(true, QStringLiteral("Configuration reloaded"));
    QVERIFY(!window.isActionPending());
    QCOMPARE(labelText(window, "actionResult"), QStringLiteral("Configuration reloaded"));
    QCOMPARE(feed.makeSteps, 0);
}

void TestSnapshotFeed::unavailableRequestsAreDisabled()
{
    MainWindow window;
    FakeFeed feed(QStringLiteral("not available here"));
    window.setFeed(&feed);
    emit feed.snapshotReady(snapshot());
    QVERIFY(!action(window, "reloadAction")->isEnabled());
    QVERIFY(!action(window, "makeStepAction")->isEnabled());
}

QTEST_MAIN(TestSnapshotFeed)
#include "tst_snapshotfeed.moc"
