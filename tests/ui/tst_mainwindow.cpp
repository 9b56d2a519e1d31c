// MainWindow against hand-built snapshots: contents, touch-screen fit, and screenshots.
//
// Screenshots go to S1_SCREENSHOT_DIR if set, else to the build directory.
#include "DisplayFormat.h"
#include "GpsPanel.h"
#include "MainWindow.h"
#include "SourcesTableModel.h"
#include "WidgetTestSupport.h"
#include "charts/ChartsPage.h"
#include "sim/SimGpsReceiver.h"

#include <QChart>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QScrollBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace s1;
using s1::test::screenshotPath;

namespace {

constexpr std::int64_t kSnapshotNanos = 1'714'566'896'000'000'000; // 2024-05-01 12:34:56 UTC
const RealTime kNow = realTimeFromNanos(kSnapshotNanos);
const QSize kTouchScreenSize(800, 480);
const QSize kDesktopSize(1280, 800);
constexpr int kMinTouchRowPx = 40;
constexpr qreal kMinFontPt = 11;
// Least room a cell keeps beside its text, so that adjacent columns never touch.
constexpr int kMinCellAirPx = 12;

SourceSnapshot makeSource(std::uint32_t id, const std::string &name, SourceState state, double offset, double delay)
{
    SourceSnapshot source;
    source.id = id;
    source.name = name;
    source.address = SocketAddress{IpAddress::v4(0xC0000200 + id), 123};
    source.state = state;
    source.stratum = 2;
    source.poll = 6;
    source.reach = 0377;
    source.referenceId = 0xC0A8018C;
    source.leap = LeapIndicator::None;
    source.lastRx = kNow - std::chrono::seconds(10 + id);
    source.lastSample = SourceSample{*source.lastRx, offset, delay, 30e-6, 2};
    source.requestsSent = 120;
    source.repliesAccepted = 118;
    return source;
}

EngineSnapshot makeSnapshot()
{
    EngineSnapshot snapshot;
    snapshot.time = kNow;
    snapshot.ntpPort = 11123;
    snapshot.server.packetsReceived = 1234;
    snapshot.server.repliesSent = 1200;
    snapshot.server.droppedMalformed = 11;
    snapshot.server.droppedBadVersion = 3;
    snapshot.server.droppedBadMode = 7;
    snapshot.server.droppedDenied = 12;
    snapshot.server.droppedOther = 1;
    snapshot.server.droppedRateLimited = 40;
    snapshot.server.kissOfDeathSent = 5;
    snapshot.server.droppedAuth = 2;
    snapshot.server.authenticatedRequests = 9;
    snapshot.reference.synchronised = true;
    snapshot.reference.stratum = 3;
    snapshot.reference.referenceId = 0xC0000201;
    snapshot.reference.referenceName = "ntp1.example.net";
    snapshot.reference.leap = LeapIndicator::None;
    snapshot.reference.referenceTime = kNow - std::chrono::seconds(40);
    snapshot.reference.rootDelay = 23.4e-3;
    snapshot.reference.rootDispersion = 1.5e-3;
    snapshot.reference.precision = -23;
    snapshot.sources = {
        makeSource(1, "ntp1.example.net", SourceState::Selected, -13e-6, 1.2e-3),
        makeSource(2, "ntp2.example.net", SourceState::Combined, 600e-9, 845e-6),
        makeSource(3, "192.0.2.33", SourceState::Falseticker, 0.2512, 31.9e-3),
    };
    return snapshot;
}

// Three more sources in the states the first three do not show, for the screenshots.
EngineSnapshot makeBusySnapshot()
{
    EngineSnapshot snapshot = makeSnapshot();
    SourceSnapshot pool = makeSource(4, "2.debian.pool.ntp.org", SourceState::NotCombined, -2.345e-3, 48.1e-3);
    pool.poolName = "2.debian.pool.ntp.org";
    pool.poll = 10;
    pool.reach = 0357;
    SourceSnapshot kissed = makeSource(5, "time.example.org", SourceState::Unusable, 0, 0);
    kissed.kissCode = "RATE";
    kissed.reach = 0370;
    kissed.lastSample.reset();
    kissed.lastRx = kNow - std::chrono::seconds(4000);
    SourceSnapshot silent = makeSource(6, "ntp.unreachable.example", SourceState::Unusable, 0, 0);
    silent.reach = 0;
    silent.stratum = 0;
    silent.lastRx.reset();
    silent.lastSample.reset();
    snapshot.sources.push_back(pool);
    snapshot.sources.push_back(kissed);
    snapshot.sources.push_back(silent);
    return snapshot;
}

// Tracking numbers as chronyc would print them, and a sample history for the chart.
constexpr int kRecentSamples = 12;
constexpr int kSampleSpacingS = 16;

EngineSnapshot makeTrackingSnapshot()
{
    EngineSnapshot snapshot = makeBusySnapshot();
    ReferenceSnapshot &reference = snapshot.reference;
    reference.systemTimeOffset = 2.105e-6;
    reference.lastOffset = -1.234e-6;
    reference.rmsOffset = 3.5e-6;
    reference.frequencyPpm = -1.916;
    reference.residualFrequencyPpm = 0.001;
    reference.skewPpm = 0.046;
    reference.updateInterval = 64.2;
    for (SourceSnapshot &source : snapshot.sources) {
        if (source.state != SourceState::Selected && source.state != SourceState::Combined)
            continue;
        const double base = source.lastSample ? source.lastSample->offset : 0;
        for (int i = kRecentSamples; i > 0; --i) {
            const RealTime time = kNow - std::chrono::seconds(i * kSampleSpacingS);
            const double wobble = ((i % 3) - 1) * 2e-6; // -2, 0, +2 us
            source.recentSamples.push_back(SourceSample{time, base + wobble, 1e-3, 30e-6, 2});
        }
    }
    // A third plotted source with fewer samples, to tell the series apart.
    snapshot.sources[3].state = SourceState::Combined;
    snapshot.sources[3].recentSamples = {SourceSample{kNow - std::chrono::seconds(100), 5e-6, 1e-3, 30e-6, 2},
                                         SourceSample{kNow - std::chrono::seconds(30), 8e-6, 1e-3, 30e-6, 2}};
    return snapshot;
}

QString labelText(const QWidget &window, const char *objectName)
{
    const auto *label = window.findChild<QLabel *>(QLatin1String(objectName));
    return label ? label->text() : QStringLiteral("<missing %1>").arg(QLatin1String(objectName));
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void fitsTouchScreen();
    void showsSnapshot();
    void showsConnectionDescription();
    void selectionSurvivesUpdates();
    void sortsByRawValues();
    void touchScreenScreenshot();
    void manySourcesScrollOnlyVertically();
    void desktopScreenshot();
    void showsTracking();
    void trackingScreenshot();
    void gpsTabShowsTheReceiver();
};

void TestMainWindow::fitsTouchScreen()
{
    MainWindow window;
    const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
    QVERIFY2(minimum.width() <= kTouchScreenSize.width() && minimum.height() <= kTouchScreenSize.height(),
             qPrintable(QStringLiteral("minimum %1x%2").arg(minimum.width()).arg(minimum.height())));
    QVERIFY(window.font().pointSizeF() >= kMinFontPt);
    for (const QWidget *child : window.findChildren<QWidget *>()) {
        QVERIFY2(child->font().pointSizeF() >= kMinFontPt,
                 qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(child->metaObject()->className()),
                                                        child->objectName())));
    }
    QVERIFY(!window.windowTitle().isEmpty());
}

void TestMainWindow::showsSnapshot()
{
    MainWindow window;
    window.showSnapshot(makeSnapshot());

    auto *table = window.findChild<QTableView *>();
    QVERIFY(table);
    QCOMPARE(table->model()->rowCount(), 3);
    QCOMPARE(table->model()->index(0, SourcesTableModel::NameColumn).data().toString(),
             QStringLiteral("ntp1.example.net"));

    QCOMPARE(labelText(window, "packetsReceivedValue"), formatCount(1234));
    QCOMPARE(labelText(window, "repliesSentValue"), formatCount(1200));
    // The detail rows add up to the total, the rate limit's drops among them.
    QCOMPARE(labelText(window, "droppedTotalValue"), formatCount(76));
    QCOMPARE(labelText(window, "droppedRateLimitedValue"), formatCount(40));
    QCOMPARE(labelText(window, "kissOfDeathSentValue"), formatCount(5));
    QCOMPARE(labelText(window, "droppedMalformedValue"), formatCount(11));
    QCOMPARE(labelText(window, "droppedBadVersionValue"), formatCount(3));
    QCOMPARE(labelText(window, "droppedBadModeValue"), formatCount(7));
    QCOMPARE(labelText(window, "droppedDeniedValue"), formatCount(12));
    QCOMPARE(labelText(window, "droppedOtherValue"), formatCount(1));
    QCOMPARE(labelText(window, "droppedAuthValue"), formatCount(2));
    QCOMPARE(labelText(window, "authenticatedValue"), formatCount(9));
    QVERIFY(labelText(window, "servingPortValue").contains(QStringLiteral("11123")));

    QCOMPARE(labelText(window, "synchronisedValue"), QStringLiteral("Yes"));
    QCOMPARE(labelText(window, "stratumValue"), QStringLiteral("3"));
    QCOMPARE(labelText(window, "referenceIdValue"), QStringLiteral("C0000201 (ntp1.example.net)"));
    QCOMPARE(labelText(window, "leapValue"), QStringLiteral("Normal"));
    QCOMPARE(labelText(window, "rootDelayValue"), QStringLiteral("23.4 ms"));
    QCOMPARE(labelText(window, "rootDispersionValue"), QStringLiteral("1.5 ms"));
    QVERIFY(labelText(window, "syncSummary").contains(QStringLiteral("ntp1.example.net")));
    QVERIFY(labelText(window, "snapshotTime").contains(QStringLiteral("2024-05-01 12:34:56")));

    auto *tabs = window.findChild<QTabWidget *>();
    QVERIFY(tabs);
    QVERIFY(tabs->tabText(0).contains(QStringLiteral("3")));

    // Losing synchronisation shows at once.
    EngineSnapshot lost = makeSnapshot();
    lost.reference.synchronised = false;
    lost.reference.leap = LeapIndicator::Unsynchronised;
    lost.ntpPort = 0;
    window.showSnapshot(lost);
    QCOMPARE(labelText(window, "synchronisedValue"), QStringLiteral("No"));
    QCOMPARE(labelText(window, "leapValue"), QStringLiteral("Not synchronised"));
    QCOMPARE(labelText(window, "syncSummary"), QStringLiteral("Not synchronised"));
    QCOMPARE(labelText(window, "servingPortValue"), QStringLiteral("Not serving"));
}

void TestMainWindow::showsConnectionDescription()
{
    MainWindow window;
    const QString description = QStringLiteral("In-process engine, serving on UDP port 11123");
    window.setConnectionDescription(description);
    QCOMPARE(labelText(window, "connectionDescription"), description);
}

void TestMainWindow::selectionSurvivesUpdates()
{
    MainWindow window;
    window.showSnapshot(makeSnapshot());
    auto *table = window.findChild<QTableView *>();
    QVERIFY(table);
    table->selectRow(1);
    const auto selectedId = [&] {
        const QModelIndexList rows = table->selectionModel()->selectedRows();
        return rows.size() == 1 ? rows[0].data(SourcesTableModel::SourceIdRole).toUInt() : 0u;
    };
    QCOMPARE(selectedId(), 2u);

    EngineSnapshot next = makeSnapshot();
    next.time += std::chrono::seconds(1);
    next.sources[1].lastSample->offset = -1e-3;
    next.sources.erase(next.sources.begin()); // the row above the selection goes away
    window.showSnapshot(next);

    QCOMPARE(table->model()->rowCount(), 2);
    QCOMPARE(selectedId(), 2u);
}

void TestMainWindow::sortsByRawValues()
{
    MainWindow window;
    window.showSnapshot(makeBusySnapshot());
    auto *table = window.findChild<QTableView *>();
    QVERIFY(table);
    const auto idAt = [&](int row) {
        return table->model()->index(row, 0).data(SourcesTableModel::SourceIdRole).toUInt();
    };
    // Unsorted: the engine's order.
    QCOMPARE(idAt(0), 1u);

    table->sortByColumn(SourcesTableModel::OffsetColumn, Qt::AscendingOrder);
    // chronyc's sign: -251.2 ms, -600 ns, +13 us, +2.345 ms, then the two without a sample.
    QCOMPARE(idAt(0), 3u);
    QCOMPARE(idAt(1), 2u);
    QCOMPARE(idAt(2), 1u);
    QCOMPARE(idAt(3), 4u);

    table->sortByColumn(SourcesTableModel::StateColumn, Qt::AscendingOrder);
    QCOMPARE(idAt(0), 1u); // selected first

    // Live updates keep the order.
    EngineSnapshot next = makeBusySnapshot();
    next.time += std::chrono::seconds(1);
    next.sources[0].state = SourceState::Combined;
    next.sources[1].state = SourceState::Selected;
    window.showSnapshot(next);
    QCOMPARE(idAt(0), 2u);
}

void TestMainWindow::touchScreenScreenshot()
{
    MainWindow window;
    window.setConnectionDescription(QStringLiteral("In-process engine, serving on UDP port 11123"));
    window.showSnapshot(makeBusySnapshot());
    window.resize(kTouchScreenSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.size(), kTouchScreenSize);

    auto *table = window.findChild<QTableView *>();
    QVERIFY(table);
    QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
    QVERIFY(table->rowHeight(0) >= kMinTouchRowPx);
    QVERIFY(table->horizontalHeader()->height() >= kMinTouchRowPx);
    // Every fixed-width column shows its text and title unclipped. (The status column is fixed
    // too, but elides long reject reasons on purpose.)
    for (int column = 0; column < SourcesTableModel::ColumnCount; ++column) {
        if (column == SourcesTableModel::NameColumn || column == SourcesTableModel::StatusColumn)
            continue;
        const QString title = table->model()->headerData(column, Qt::Horizontal).toString();
        const int width = table->columnWidth(column);
        // A title may have two lines (the offset's sign convention), each drawn whole.
        for (const QString &line : title.split(QLatin1Char('\n')))
            QVERIFY2(QFontMetricsF(table->font()).horizontalAdvance(line) + kMinCellAirPx <= width, qPrintable(line));
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QModelIndex index = table->model()->index(row, column);
            const QFont font = index.data(Qt::FontRole).value<QFont>().resolve(table->font());
            const QString text = index.data().toString();
            QVERIFY2(QFontMetricsF(font).horizontalAdvance(text) + kMinCellAirPx <= width,
                     qPrintable(QStringLiteral("column %1: %2").arg(column).arg(text)));
        }
    }

    const QPixmap sources = window.grab();
    QVERIFY(!sources.isNull());
    QCOMPARE(sources.size(), kTouchScreenSize);
    QVERIFY(sources.save(screenshotPath(QStringLiteral("mainwindow-800x480.png"))));

    auto *tabs = window.findChild<QTabWidget *>();
    QVERIFY(tabs);
    tabs->setCurrentIndex(1);
    QCoreApplication::processEvents(); // let the newly shown page lay itself out
    const QPixmap server = window.grab();
    QCOMPARE(server.size(), kTouchScreenSize);
    QVERIFY(server.save(screenshotPath(QStringLiteral("mainwindow-server-800x480.png"))));
}

void TestMainWindow::manySourcesScrollOnlyVertically()
{
    constexpr int kManySources = 20;
    EngineSnapshot snapshot = makeBusySnapshot();
    for (std::uint32_t id = 10; id < 10 + kManySources; ++id) {
        snapshot.sources.push_back(makeSource(id, "pool-" + std::to_string(id) + ".example.net",
                                              SourceState::NotCombined, -123.4e-3, 456.7e-3));
    }
    MainWindow window;
    window.showSnapshot(snapshot);
    window.resize(kTouchScreenSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCoreApplication::processEvents();

    auto *table = window.findChild<QTableView *>();
    QVERIFY(table);
    QVERIFY(table->verticalScrollBar()->maximum() > 0);
    QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
    // With the scroll bar showing, typical names and states still fit.
    const QFontMetricsF metrics(table->font());
    QVERIFY(metrics.horizontalAdvance(QStringLiteral("ntp1.example.net")) + kMinCellAirPx
            <= table->columnWidth(SourcesTableModel::NameColumn));
    QVERIFY(metrics.horizontalAdvance(QStringLiteral("Not combined")) + kMinCellAirPx
            <= table->columnWidth(SourcesTableModel::StatusColumn));
    QVERIFY(window.grab().save(screenshotPath(QStringLiteral("mainwindow-many-800x480.png"))));
}

void TestMainWindow::desktopScreenshot()
{
    MainWindow window;
    window.setConnectionDescription(QStringLiteral("In-process engine, serving on UDP port 11123"));
    window.showSnapshot(makeBusySnapshot());
    window.resize(kDesktopSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const QPixmap sources = window.grab();
    QCOMPARE(sources.size(), kDesktopSize);
    QVERIFY(sources.save(screenshotPath(QStringLiteral("mainwindow-1280x800.png"))));

    auto *tabs = window.findChild<QTabWidget *>();
    QVERIFY(tabs);
    tabs->setCurrentIndex(1);
    QCoreApplication::processEvents();
    QVERIFY(window.grab().save(screenshotPath(QStringLiteral("mainwindow-server-1280x800.png"))));
}

void TestMainWindow::showsTracking()
{
    MainWindow window;
    window.showSnapshot(makeTrackingSnapshot());

    QCOMPARE(labelText(window, "trackingReferenceValue"), QStringLiteral("C0000201 (ntp1.example.net)"));
    QCOMPARE(labelText(window, "trackingStratumValue"), QStringLiteral("3"));
    QCOMPARE(labelText(window, "trackingRefTimeValue"), QStringLiteral("2024-05-01 12:34:16 UTC"));
    QCOMPARE(labelText(window, "trackingSystemTimeValue"), QStringLiteral("0.000002105 s fast"));
    QCOMPARE(labelText(window, "trackingLastOffsetValue"), QStringLiteral("-0.000001234 s"));
    QCOMPARE(labelText(window, "trackingRmsOffsetValue"), QStringLiteral("0.000003500 s"));
    QCOMPARE(labelText(window, "trackingFrequencyValue"), QStringLiteral("1.916 ppm slow"));
    QCOMPARE(labelText(window, "trackingResidualFrequencyValue"), QStringLiteral("+0.001 ppm"));
    QCOMPARE(labelText(window, "trackingSkewValue"), QStringLiteral("0.046 ppm"));
    QCOMPARE(labelText(window, "trackingRootDelayValue"), QStringLiteral("23.4 ms"));
    QCOMPARE(labelText(window, "trackingRootDispersionValue"), QStringLiteral("1.5 ms"));
    QCOMPARE(labelText(window, "trackingUpdateIntervalValue"), QStringLiteral("64.2 s"));
    QCOMPARE(labelText(window, "trackingLeapValue"), QStringLiteral("Normal"));

    // The Charts page charts the snapshot's sources from the feed's history (none here: no
    // feed), the selected one first in chronyc's sign, and follows the snapshot's time.
    auto *charts = window.findChild<ChartsPage *>();
    QVERIFY(charts);
    charts->setKind(ChartsPage::Kind::SourceOffsets);
    QVERIFY(!charts->lines().empty());
    bool selectedCharted = false;
    for (const ChartLineSpec &line : charts->lines()) {
        QCOMPARE(line.sign, -1.0);
        selectedCharted = selectedCharted || line.series == "source/ntp1.example.net/offset";
    }
    QVERIFY(selectedCharted);
    QVERIFY(charts->timeWindow().following());
    QCOMPARE(charts->timeWindow().to(), nanosSinceEpoch(makeTrackingSnapshot().time));
    QVERIFY(!charts->frame().hasData);

    EngineSnapshot lost = makeTrackingSnapshot();
    lost.reference.synchronised = false;
    lost.reference.leap = LeapIndicator::Unsynchronised;
    lost.reference.systemTimeOffset = -0.5;
    lost.reference.frequencyPpm = 12.5;
    window.showSnapshot(lost);
    QCOMPARE(labelText(window, "trackingReferenceValue"), QStringLiteral("Not synchronised"));
    QCOMPARE(labelText(window, "trackingLeapValue"), QStringLiteral("Not synchronised"));
    QCOMPARE(labelText(window, "trackingSystemTimeValue"), QStringLiteral("0.500000000 s slow"));
    QCOMPARE(labelText(window, "trackingFrequencyValue"), QStringLiteral("12.500 ppm fast"));
}

void TestMainWindow::trackingScreenshot()
{
    MainWindow window;
    window.setConnectionDescription(QStringLiteral("In-process engine, serving on UDP port 11123"));
    window.showSnapshot(makeTrackingSnapshot());
    window.resize(kTouchScreenSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *tabs = window.findChild<QTabWidget *>();
    QVERIFY(tabs);
    const auto showTab = [&](const QString &title, const QString &file) {
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->tabText(i) == title)
                tabs->setCurrentIndex(i);
        }
        QCOMPARE(tabs->tabText(tabs->currentIndex()), title);
        QCoreApplication::processEvents();
        const QPixmap shot = window.grab();
        QCOMPARE(shot.size(), kTouchScreenSize);
        QVERIFY(shot.save(screenshotPath(file)));
    };
    showTab(QStringLiteral("Tracking"), QStringLiteral("mainwindow-tracking-800x480.png"));
    if (QTest::currentTestFailed())
        return;
    // Every value shows whole: nothing scrolls at the touchscreen's size.
    for (const char *name : {"trackingReferenceValue", "trackingSystemTimeValue", "trackingUpdateIntervalValue",
                             "trackingLeapValue", "trackingRootDispersionValue"}) {
        const auto *label = window.findChild<QLabel *>(QLatin1String(name));
        QVERIFY(label);
        QVERIFY2(label->visibleRegion().boundingRect().size() == label->size(), name);
    }
    showTab(QStringLiteral("Chart"), QStringLiteral("mainwindow-chart-800x480.png"));
}

void TestMainWindow::gpsTabShowsTheReceiver()
{
    MainWindow window;
    window.setConnectionDescription(QStringLiteral("Simulation"));
    EngineSnapshot snapshot = makeSnapshot();
    // The simulated receiver two hours in: a realistic sky with some satellites below the mask.
    constexpr double kElapsed = 7200;   // s
    constexpr double kPpsJitter = 1e-6; // s
    snapshot.gps = sim::SimGpsReceiver::status(kElapsed, kNow, kPpsJitter);
    window.showSnapshot(snapshot);
    window.resize(kTouchScreenSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *tabs = window.findChild<QTabWidget *>();
    QVERIFY(tabs);
    int gpsTab = -1;
    for (int i = 0; i < tabs->count(); ++i)
        if (tabs->tabText(i) == QStringLiteral("GPS"))
            gpsTab = i;
    QVERIFY(gpsTab >= 0);
    tabs->setCurrentIndex(gpsTab);
    QCoreApplication::processEvents();
    auto *panel = window.findChild<GpsPanel *>(QStringLiteral("gpsPanel"));
    QVERIFY(panel);
    QVERIFY(panel->isShowingStatus());
    QCOMPARE(labelText(window, "gpsFixValue"), QStringLiteral("3D"));
    const QPixmap shot = window.grab();
    QCOMPARE(shot.size(), kTouchScreenSize);
    QVERIFY(shot.save(screenshotPath(QStringLiteral("mainwindow-gps-800x480.png"))));

    // Without a receiver the tab says so instead of showing stale values.
    snapshot.gps.reset();
    window.showSnapshot(snapshot);
    QVERIFY(!panel->isShowingStatus());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
