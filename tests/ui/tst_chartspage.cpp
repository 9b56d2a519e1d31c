// The Charts page driven as a user would: the window buttons, follow/pause, wheel zoom, drag pan,
// a tap, the chart kinds and export, over a feed that answers history requests from a
// HistoryStore holding a day at 1 Hz (with a start-up step and an outage), as the in-process
// engine does. Also the page's screenshots at 800x480 and 1920x1080.
#include "FeedHistory.h"
#include "InProcessEngine.h"
#include "MainWindow.h"
#include "SnapshotFeed.h"
#include "TouchStyle.h"
#include "WidgetTestSupport.h"
#include "charts/ChartCanvas.h"
#include "charts/ChartsPage.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <cmath>

using namespace s1;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
// The newest snapshot: 2026-12-06 12:00:00 UTC.
constexpr std::int64_t kNow = 1'796'558'400LL * kSecond;
// The receiver was away for four minutes two hours ago.
constexpr std::int64_t kOutageStart = kNow - 2 * kHour;
constexpr std::int64_t kOutageEnd = kOutageStart + 4 * kMinute;
constexpr std::int64_t kPpsInterval = 16 * kSecond;

bool inOutage(std::int64_t t)
{
    return t >= kOutageStart && t < kOutageEnd;
}

double systemOffset(std::int64_t t)
{
    // The first three minutes: the -100 ms start-up step; then µs wander.
    if (t < kNow - kDay + 3 * kMinute)
        return -0.1;
    return 2e-6 * std::sin(static_cast<double>(t / kSecond) / 600.0);
}

// Answers history requests from its store, from the event loop, like the in-process engine.
class StoreFeed : public SnapshotFeed
{
public:
    HistoryStore store;
    int requests = 0;

    void start() override { }
    void requestReload() override { }
    void requestMakeStep() override { }
    QString historyUnavailableReason() const override { return {}; }
    quint64 requestHistory(const HistoryRangeRequest &request) override
    {
        ++requests;
        return answerHistoryLater(queryHistoryRange(store, request));
    }

    void record(std::int64_t t)
    {
        if (!inOutage(t)) {
            store.add("tracking.offset", t, systemOffset(t));
            store.add("tracking.errorBound", t, std::abs(systemOffset(t)) + 8e-6);
            store.add("tracking.frequency", t, -1.9 + 0.01 * std::sin(static_cast<double>(t / kSecond) / 3000.0));
            store.add("tracking.skew", t, 0.02);
        }
        if (t % kPpsInterval == 0 && !inOutage(t))
            store.add("source/PPS/offset", t, -3e-7 * std::cos(static_cast<double>(t / kSecond) / 900.0));
        if (t % (64 * kSecond) == 0)
            store.add("source/ntp1.example.net/offset", t, 4e-4 * std::sin(static_cast<double>(t / kSecond) / 5000.0));
    }

    // A day at 1 Hz up to and including kNow.
    void recordDay()
    {
        for (std::int64_t t = kNow - kDay; t <= kNow; t += kSecond)
            record(t);
    }
};

EngineSnapshot snapshotAt(std::int64_t t)
{
    EngineSnapshot snapshot;
    snapshot.time = realTimeFromNanos(t);
    snapshot.reference.synchronised = true;
    SourceSnapshot pps;
    pps.id = 1;
    pps.name = "PPS";
    pps.kind = SourceKind::RefClock;
    pps.state = SourceState::Selected;
    pps.lastSample = SourceSample{realTimeFromNanos(t), 3e-7, 0, 1e-9, 0, 3e-7};
    SourceSnapshot server;
    server.id = 2;
    server.name = "ntp1.example.net";
    server.state = SourceState::Combined;
    server.lastSample = SourceSample{realTimeFromNanos(t), -4e-4, 0.02, 1e-3, 2, -4e-4};
    snapshot.sources = {pps, server};
    return snapshot;
}

QPushButton *button(QWidget &page, const char *name)
{
    return page.findChild<QPushButton *>(QLatin1String(name));
}

void wheel(ChartCanvas *canvas, QPointF at, int delta)
{
    QWheelEvent event(at, canvas->viewport()->mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas->viewport(), &event);
}

// The chart's ground as painted: a pixel just above the plot's right end, where nothing is drawn.
QColor chartGround(ChartCanvas &canvas)
{
    constexpr int kProbeInsetPx = 3;
    const QRect plot = canvas.plotRect().toRect();
    return canvas.viewport()->grab().toImage().pixelColor(plot.right() - kProbeInsetPx, plot.top() - kProbeInsetPx);
}

} // namespace

class TestChartsPage : public QObject
{
    Q_OBJECT

private slots:
    void showsTheWholeDayWithItsOutage();
    void windowButtonsFollowAndPause();
    void wheelZoomsAndDragPans();
    void tapReadsAPoint();
    void followExtendsWithNewSnapshots();
    void kindsChooseTheirSeries();
    void exportsTheShownRange();
    void saysWhyThereIsNoHistory();
    void followsThePalette();
    void inProcessEngineKeepsHistory();
    void screenshots();

private:
    // A page fed from `feed`, shown at `size`, after kNow's snapshot and its answers.
    static void prepare(ChartsPage &page, StoreFeed &feed, QSize size = QSize(800, 400));
};

void TestChartsPage::prepare(ChartsPage &page, StoreFeed &feed, QSize size)
{
    page.resize(size);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setFeed(&feed);
    page.showSnapshot(snapshotAt(kNow));
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
}

void TestChartsPage::showsTheWholeDayWithItsOutage()
{
    StoreFeed feed;
    feed.recordDay();
    ChartsPage page;
    prepare(page, feed);
    if (QTest::currentTestFailed())
        return;
    QTest::mouseClick(button(page, "chartWindow24h"), Qt::LeftButton);
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    QCOMPARE(page.timeWindow().span(), kDay);
    QCOMPARE(page.timeWindow().to(), kNow);
    const ChartFrame &frame = page.frame();
    QVERIFY(frame.hasData);
    // Columns from the day's first minutes to its last: the whole day is drawn.
    const FrameLine &offset = frame.lines.at(0);
    QVERIFY(offset.segments.front().front().time < kNow - kDay + 5 * kMinute);
    QVERIFY(offset.segments.back().back().time > kNow - 5 * kMinute);
    QVERIFY(offset.segments.front().front().column <= 2);
    QVERIFY(offset.segments.back().back().column >= frame.columns - 3);
    // One point per column at most, however many points the day has.
    std::size_t columns = 0;
    for (const PlotSegment &s : offset.segments)
        columns += s.size();
    QVERIFY(columns <= std::size_t(frame.columns));
    // The start-up step fills a few columns of the day: the scale stays on the µs wander.
    QCOMPARE(frame.valueAxis.unit.symbol, std::string("\u00b5s"));
    QVERIFY(frame.valueAxis.low > -1e-4);
    // The error bound is drawn as a band.
    QVERIFY(!offset.band.empty());
    QVERIFY(page.canvas()->drawnBands() >= 1);

    // Six hours (a four-minute outage is some columns wide): the outage is a gap, two
    // segments, the first ending before it, the second starting after it.
    QTest::mouseClick(button(page, "chartWindow6h"), Qt::LeftButton);
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    const FrameLine &sixHours = page.frame().lines.at(0);
    QCOMPARE(sixHours.segments.size(), std::size_t(2));
    // (A column's time is the middle of its first bucket, half a minute wide here.)
    QVERIFY(sixHours.segments[0].back().time < kOutageStart + kMinute / 2);
    QVERIFY(sixHours.segments[1].front().time > kOutageEnd - kMinute / 2);
    QCOMPARE(page.canvas()->drawnSegments(0), 2);
}

void TestChartsPage::windowButtonsFollowAndPause()
{
    StoreFeed feed;
    feed.recordDay();
    ChartsPage page;
    prepare(page, feed);
    if (QTest::currentTestFailed())
        return;
    const std::pair<const char *, std::int64_t> windows[] = {{"chartWindow10min", 10 * kMinute},
                                                             {"chartWindow1h", kHour},
                                                             {"chartWindow6h", 6 * kHour},
                                                             {"chartWindow24h", kDay},
                                                             {"chartWindow7d", 7 * kDay}};
    for (const auto &[name, span] : windows) {
        QPushButton *b = button(page, name);
        QVERIFY2(b, name);
        QVERIFY(b->height() >= kTouchTargetPx);
        QTest::mouseClick(b, Qt::LeftButton);
        QCOMPARE(page.timeWindow().span(), span);
        QCOMPARE(page.timeWindow().from(), kNow - span);
        QVERIFY(b->isChecked());
        QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
        QVERIFY2(page.frame().hasData, name);
    }
    // Pause: a new snapshot no longer moves the range.
    QPushButton *follow = button(page, "chartFollow");
    QVERIFY(follow->isChecked());
    QTest::mouseClick(follow, Qt::LeftButton);
    QVERIFY(!page.timeWindow().following());
    QVERIFY(!follow->isChecked());
    feed.record(kNow + kSecond);
    page.showSnapshot(snapshotAt(kNow + kSecond));
    QCOMPARE(page.timeWindow().to(), kNow);
    QTest::mouseClick(follow, Qt::LeftButton);
    QVERIFY(page.timeWindow().following());
    QCOMPARE(page.timeWindow().to(), kNow + kSecond);
}

void TestChartsPage::wheelZoomsAndDragPans()
{
    StoreFeed feed;
    feed.recordDay();
    ChartsPage page;
    prepare(page, feed);
    if (QTest::currentTestFailed())
        return;
    QTest::mouseClick(button(page, "chartWindow1h"), Qt::LeftButton);
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    ChartCanvas *canvas = page.canvas();
    const QRectF plot = canvas->plotRect();
    QVERIFY(plot.width() > 300);

    // Following, the wheel zooms in about the right edge: still following, span shorter.
    wheel(canvas, plot.center(), 120);
    QCOMPARE(page.timeWindow().span(), std::llround(kHour / ChartCanvas::kWheelZoomStep));
    QCOMPARE(page.timeWindow().to(), kNow);
    QVERIFY(page.timeWindow().following());
    QVERIFY(!button(page, "chartWindow1h")->isChecked());

    // Drag right by a quarter of the plot: a quarter of the span earlier, paused.
    const std::int64_t span = page.timeWindow().span();
    const QPoint start = plot.center().toPoint();
    const QPoint end = start + QPoint(static_cast<int>(plot.width() / 4), 0);
    QTest::mousePress(canvas->viewport(), Qt::LeftButton, {}, start);
    for (int i = 1; i <= 4; ++i)
        QTest::mouseMove(canvas->viewport(), start + (end - start) * i / 4);
    QTest::mouseRelease(canvas->viewport(), Qt::LeftButton, {}, end);
    QVERIFY(!page.timeWindow().following());
    QVERIFY(!button(page, "chartFollow")->isChecked());
    const double moved = static_cast<double>(kNow - page.timeWindow().to()) / static_cast<double>(span);
    QVERIFY2(std::abs(moved - 0.25) < 0.02, qPrintable(QString::number(moved)));
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    QVERIFY(page.frame().hasData);

    // Paused, the wheel zooms about the pointer: the time under it stays put.
    const QPointF at(plot.left() + plot.width() / 4, plot.center().y());
    const std::int64_t before = page.timeWindow().from() + page.timeWindow().span() / 4;
    wheel(canvas, at, 240); // in, two notches
    const std::int64_t after = page.timeWindow().from() + page.timeWindow().span() / 4;
    QVERIFY2(std::llabs(after - before) < page.timeWindow().span() / 100, qPrintable(QString::number(after - before)));
    QCOMPARE(page.timeWindow().span(),
             std::llround(static_cast<double>(span) / ChartCanvas::kWheelZoomStep / ChartCanvas::kWheelZoomStep));
    // The finer history is fetched once the zoom pauses, for the new range.
    QTRY_VERIFY(page.pendingRequests() > 0 || page.frame().from == page.timeWindow().from());
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    QVERIFY(page.frame().hasData);
}

void TestChartsPage::tapReadsAPoint()
{
    StoreFeed feed;
    feed.recordDay();
    ChartsPage page;
    prepare(page, feed);
    if (QTest::currentTestFailed())
        return;
    page.setKind(ChartsPage::Kind::PpsOffset);
    QTest::mouseClick(button(page, "chartWindow1h"), Qt::LeftButton);
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    ChartCanvas *canvas = page.canvas();
    const QRectF plot = canvas->plotRect();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, plot.center().toPoint());
    const QString text = page.findChild<QLabel *>(QStringLiteral("chartReadout"))->text();
    // "11:30:08 UTC  PPS: +0.123 µs": the time, the line, the value in the axis' unit.
    QVERIFY2(text.contains(QStringLiteral("UTC")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("PPS")), qPrintable(text));
    QVERIFY2(text.contains(QString::fromStdString(page.frame().valueAxis.unit.symbol)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("11:")), qPrintable(text)); // about half an hour ago
}

void TestChartsPage::followExtendsWithNewSnapshots()
{
    StoreFeed feed;
    feed.recordDay();
    ChartsPage page;
    prepare(page, feed);
    if (QTest::currentTestFailed())
        return;
    QTest::mouseClick(button(page, "chartWindow10min"), Qt::LeftButton);
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    const int fullRequests = feed.requests;
    const std::int64_t lastBefore = page.frame().lines.at(0).segments.back().back().time;
    for (int i = 1; i <= 30; ++i) {
        feed.record(kNow + i * kSecond);
        page.showSnapshot(snapshotAt(kNow + i * kSecond));
        QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    }
    QCOMPARE(page.timeWindow().to(), kNow + 30 * kSecond);
    const std::int64_t lastAfter = page.frame().lines.at(0).segments.back().back().time;
    QVERIFY2(lastAfter >= lastBefore + 25 * kSecond, qPrintable(QString::number((lastAfter - lastBefore) / kSecond)));
    QVERIFY(lastAfter <= kNow + 30 * kSecond);
    // Only tails were asked for (two series a snapshot), never the whole range again.
    QCOMPARE(feed.requests - fullRequests, 30 * 2);
}

void TestChartsPage::kindsChooseTheirSeries()
{
    StoreFeed feed;
    feed.recordDay();
    ChartsPage page;
    prepare(page, feed);
    if (QTest::currentTestFailed())
        return;
    page.setKind(ChartsPage::Kind::Frequency);
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    QCOMPARE(page.frame().valueAxis.unit.symbol, std::string("ppm"));
    QVERIFY(page.frame().valueAxis.low < -1.9 && page.frame().valueAxis.high > -1.9);
    page.setKind(ChartsPage::Kind::SourceOffsets);
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    QCOMPARE(page.lines().size(), std::size_t(2));
    QVERIFY(page.frame().hasData);
    QCOMPARE(page.frame().valueAxis.unit.symbol, std::string("\u00b5s"));
    page.setKind(ChartsPage::Kind::PpsOffset);
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    QCOMPARE(page.lines().size(), std::size_t(1));
    QCOMPARE(page.lines()[0].series, std::string("source/PPS/offset"));
    QCOMPARE(page.frame().valueAxis.unit.symbol, std::string("ns"));
}

void TestChartsPage::exportsTheShownRange()
{
    StoreFeed feed;
    feed.recordDay();
    ChartsPage page;
    prepare(page, feed);
    if (QTest::currentTestFailed())
        return;
    QTest::mouseClick(button(page, "chartWindow10min"), Qt::LeftButton);
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("chart.png"));
    const QString csv = dir.filePath(QStringLiteral("chart.csv"));
    QCOMPARE(page.exportPng(png), QString());
    QCOMPARE(page.exportCsv(csv), QString());
    QImage image(png);
    QCOMPARE(image.size(), page.canvas()->size() * page.canvas()->devicePixelRatio());
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList rows = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(rows.first(), QStringLiteral("time_utc,unix_seconds,series,count,min,mean,max"));
    // Ten minutes at 1 Hz of two series (offset and bound) in buckets of one column or less.
    QVERIFY(rows.size() > 2 * 300);
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const double t = rows[i].section(QLatin1Char(','), 1, 1).toDouble() * 1e9;
        QVERIFY2(t >= double(kNow - 10 * kMinute - kSecond) && t <= double(kNow), qPrintable(rows[i]));
    }
    // Not writable: the reason, no file.
    QVERIFY(!page.exportCsv(dir.filePath(QStringLiteral("missing/dir/chart.csv"))).isEmpty());
}

void TestChartsPage::saysWhyThereIsNoHistory()
{
    // The base feed keeps no history: the page says so rather than showing an empty chart.
    StoreFeed empty;
    ChartsPage page;
    prepare(page, empty);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!page.frame().hasData);
    QVERIFY2(page.canvas()->chart()->title().contains(QStringLiteral("no such series")),
             qPrintable(page.canvas()->chart()->title()));
    // The series appears with the first sync: the next snapshot asks again and shows it.
    empty.recordDay();
    page.showSnapshot(snapshotAt(kNow + kSecond));
    QTRY_COMPARE(page.pendingRequests(), std::size_t(0));
    QVERIFY(page.frame().hasData);
    QVERIFY(page.canvas()->chart()->title().isEmpty());
}

void TestChartsPage::followsThePalette()
{
    StoreFeed feed;
    feed.recordDay();
    ChartsPage page;
    prepare(page, feed);
    if (QTest::currentTestFailed())
        return;
    const QColor lightLine = page.canvas()->lineColor(0);
    QCOMPARE(chartGround(*page.canvas()), page.palette().color(QPalette::Base));
    const QColor darkBase(0x20, 0x22, 0x24);
    QPalette dark = page.palette();
    dark.setColor(QPalette::Base, darkBase);
    dark.setColor(QPalette::Window, darkBase.lighter(130));
    dark.setColor(QPalette::Text, Qt::white);
    dark.setColor(QPalette::WindowText, Qt::white);
    dark.setColor(QPalette::Mid, QColor(0x70, 0x70, 0x70));
    page.setPalette(dark);
    QCoreApplication::processEvents();
    QCOMPARE(chartGround(*page.canvas()), darkBase);
    for (const QAbstractAxis *axis : page.canvas()->chart()->axes())
        QCOMPARE(axis->labelsBrush().color(), QColor(Qt::white));
    // The lines lighter on a dark ground, so that they keep their contrast.
    QVERIFY(page.canvas()->lineColor(0).lightness() > lightLine.lightness());
    QVERIFY(page.grab().save(test::screenshotPath(QStringLiteral("charts-dark-800x400.png"))));
}

void TestChartsPage::inProcessEngineKeepsHistory()
{
    // The window's own engine records its snapshots (not started here: they are handed to it as
    // its engine thread would) and answers history requests from them.
    InProcessEngine engine(LaunchOptions{}, EngineConfig{}, HostOptions{});
    QVERIFY(engine.historyUnavailableReason().isEmpty());
    std::vector<HistoryRange> answers;
    connect(&engine, &SnapshotFeed::historyReady, this,
            [&](quint64, const HistoryRange &range) { answers.push_back(range); });
    engine.requestHistory({"tracking.offset", kNow - kMinute, kNow, 6});
    QTRY_COMPARE(answers.size(), std::size_t(1));
    QVERIFY(!answers[0].ok);
    QCOMPARE(answers[0].error, std::string("no such series: tracking.offset"));
    for (int i = 0; i < 60; ++i) {
        EngineSnapshot snapshot = snapshotAt(kNow - kMinute + i * kSecond);
        snapshot.reference.systemTimeOffset = i * 1e-6;
        emit engine.snapshotReady(snapshot);
    }
    const quint64 ticket = engine.requestHistory({"tracking.offset", kNow - kMinute, kNow, 6});
    QTRY_COMPARE(answers.size(), std::size_t(2));
    QVERIFY(answers[1].ok);
    QCOMPARE(answers[1].unit, std::string("s"));
    QCOMPARE(answers[1].buckets.size(), std::size_t(6));
    // Buckets of 10 s + 1 ns (n buckets always cover `to`): the first holds the points of 0..10 s.
    QCOMPARE(answers[1].buckets[0].count, 11u);
    QCOMPARE(answers[1].buckets[0].min, 0.0);
    QCOMPARE(answers[1].buckets[5].max, static_cast<double>(static_cast<float>(59e-6))); // kept as a float
    QVERIFY(ticket > 0);
}

void TestChartsPage::screenshots()
{
    StoreFeed feed;
    feed.recordDay();
    for (const QSize size : {QSize(800, 480), QSize(1920, 1080)}) {
        MainWindow window;
        window.setFeed(&feed);
        window.setConnectionDescription(QStringLiteral("In-process engine, serving NTP on UDP port 123"));
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *tabs = window.findChild<QTabWidget *>();
        auto *page = window.findChild<ChartsPage *>();
        QVERIFY(tabs && page);
        tabs->setCurrentWidget(page);
        window.showSnapshot(snapshotAt(kNow));
        QTest::mouseClick(button(*page, "chartWindow24h"), Qt::LeftButton);
        QTRY_COMPARE(page->pendingRequests(), std::size_t(0));
        QVERIFY(page->frame().hasData);
        // A point read, as a user taps one.
        const QRectF plot = page->canvas()->plotRect();
        QTest::mouseClick(
            page->canvas()->viewport(), Qt::LeftButton, {},
            QPoint(static_cast<int>(plot.left() + plot.width() * 0.7), static_cast<int>(plot.center().y())));
        QCoreApplication::processEvents();
        const QPixmap shot = window.grab();
        QCOMPARE(shot.size(), size);
        QVERIFY(
            shot.save(test::screenshotPath(QStringLiteral("charts-%1x%2.png").arg(size.width()).arg(size.height()))));
        // Everything of the controls within the window.
        for (QPushButton *b : page->findChildren<QPushButton *>())
            QVERIFY2(b->visibleRegion().boundingRect().size() == b->size(), qPrintable(b->objectName()));
    }
}

QTEST_MAIN(TestChartsPage)
#include "tst_chartspage.moc"
