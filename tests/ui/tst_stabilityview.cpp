// The Charts page's Stability choice over a feed holding synthetic history (as the in-process
// engine answers it): the PPS refclock chosen by default, its offsets' histogram and ADEV/TDEV
// with the numbers the synthetic noise must give, the system clock beside it, a server with too
// few samples and a source gone quiet said in words with no curve, the view following the
// window buttons; a PPS analysed from its edge offsets (1 Hz) with its jitter's histogram
// beside. Also its screenshots at 800x480 and 1920x1080.
#include "FeedHistory.h"
#include "MainWindow.h"
#include "SnapshotFeed.h"
#include "WidgetTestSupport.h"
#include "charts/ChartCanvas.h"
#include "charts/ChartsPage.h"
#include "charts/StabilityPlots.h"
#include "charts/StabilityView.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

#include <cmath>
#include <random>

using namespace s1;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
// The newest snapshot: 2026-12-06 12:00:00 UTC.
constexpr std::int64_t kNow = 1'796'558'400LL * kSecond;
constexpr double kPpsSigma = 20e-9; // white phase noise of the PPS against the system clock
constexpr double kPpsMean = 5e-9;
constexpr double kSystemSigma = 200e-9;
constexpr std::uint64_t kSeed = 20261206;

class StoreFeed : public SnapshotFeed
{
public:
    HistoryStore store;

    void start() override { }
    void requestReload() override { }
    void requestMakeStep() override { }
    QString historyUnavailableReason() const override { return {}; }
    quint64 requestHistory(const HistoryRangeRequest &request) override
    {
        return answerHistoryLater(queryHistoryRange(store, request));
    }

    // Two hours up to kNow: the PPS and the system clock at 1 Hz, a server every 64 s, and a
    // refclock that stopped half an hour ago.
    void recordTwoHours()
    {
        std::mt19937_64 random(kSeed);
        std::normal_distribution<double> pps(kPpsMean, kPpsSigma);
        std::normal_distribution<double> system(0, kSystemSigma);
        for (std::int64_t t = kNow - 2 * kHour; t <= kNow; t += kSecond) {
            store.add("source/PPS/offset", t, pps(random));
            store.add("tracking.offset", t, system(random));
            if (t % (64 * kSecond) == 0)
                store.add("source/ntp1.example.net/offset", t, 4e-4);
            if (t < kNow - 30 * kMinute)
                store.add("source/GONE/offset", t, pps(random));
        }
    }

    // Two hours of a PPS refclock as the service records it: an edge offset per pulse (1 Hz),
    // a filtered sample and a jitter figure per 16 s poll; and the server every 64 s.
    void recordPpsEdges()
    {
        std::mt19937_64 random(kSeed);
        std::normal_distribution<double> edge(kPpsMean, kPpsSigma);
        std::uniform_real_distribution<double> jitter(kJitterLow, kJitterHigh);
        for (std::int64_t t = kNow - 2 * kHour; t <= kNow; t += kSecond) {
            store.add("source/PPS/edge", t, edge(random));
            store.add("tracking.offset", t, 0.0);
            if (t % (16 * kSecond) == 0) {
                store.add("source/PPS/offset", t, kPpsMean);
                store.add("source/PPS/jitter", t, jitter(random));
            }
            if (t % (64 * kSecond) == 0)
                store.add("source/ntp1.example.net/offset", t, 4e-4);
        }
    }

    // The PPS's jitter per 16 s poll over the same two hours.
    void recordJitter()
    {
        std::mt19937_64 random(kSeed);
        std::uniform_real_distribution<double> jitter(kJitterLow, kJitterHigh);
        for (std::int64_t t = kNow - 2 * kHour; t <= kNow; t += 16 * kSecond)
            store.add("source/PPS/jitter", t, jitter(random));
    }

    static constexpr double kJitterLow = 20e-9;
    static constexpr double kJitterHigh = 40e-9;
};

SourceSnapshot source(int id, const char *name, SourceKind kind, SourceState state, std::int64_t t)
{
    SourceSnapshot s;
    s.id = id;
    s.name = name;
    s.kind = kind;
    s.state = state;
    s.lastSample = SourceSample{realTimeFromNanos(t), 3e-7, 0, 1e-9, 0, 3e-7};
    return s;
}

EngineSnapshot snapshotAt(std::int64_t t)
{
    EngineSnapshot snapshot;
    snapshot.time = realTimeFromNanos(t);
    snapshot.reference.synchronised = true;
    // The server first and selected: the PPS must still be the default choice.
    snapshot.sources = {source(2, "ntp1.example.net", SourceKind::Server, SourceState::Selected, t),
                        source(1, "PPS", SourceKind::RefClock, SourceState::Combined, t),
                        source(3, "GONE", SourceKind::RefClock, SourceState::Unusable, t)};
    return snapshot;
}

bool near(double actual, double expected, double relative)
{
    return std::fabs(actual - expected) <= relative * std::fabs(expected);
}

void choose(StabilityView *view, const QString &name)
{
    auto *box = view->findChild<QComboBox *>(QStringLiteral("stabilitySource"));
    const int index = box->findText(name);
    QVERIFY(index >= 0);
    box->setCurrentIndex(index);
    emit box->activated(index);
}

} // namespace

class TestStabilityView : public QObject
{
    Q_OBJECT
private slots:
    void showsThePpsAndTheSystemClock();
    void saysWhenThereIsTooLittleOrStaleData();
    void followsTheWindowButtons();
    void saysWhyThereIsNoHistory();
    void usesThePpsEdgesAndShowsTheJitter();
    void screenshots();

private:
    static StabilityView *prepare(ChartsPage &page, StoreFeed &feed, QSize size = QSize(800, 400));
};

StabilityView *TestStabilityView::prepare(ChartsPage &page, StoreFeed &feed, QSize size)
{
    page.resize(size);
    page.show();
    if (!QTest::qWaitForWindowExposed(&page))
        return nullptr;
    page.setFeed(&feed);
    page.showSnapshot(snapshotAt(kNow));
    page.setKind(ChartsPage::Kind::Stability);
    StabilityView *view = page.stabilityView();
    // (QTRY_VERIFY returns void on failure: a view that never finished is none.)
    const bool finished = QTest::qWaitFor(
        [view] { return view->sourceResult().done && view->systemResult().done && !view->busy(); }, 10000);
    return finished ? view : nullptr;
}

void TestStabilityView::showsThePpsAndTheSystemClock()
{
    StoreFeed feed;
    feed.recordTwoHours();
    ChartsPage page;
    StabilityView *view = prepare(page, feed);
    QVERIFY(view);
    QVERIFY(view->isVisible());
    QVERIFY(!page.canvas()->isVisible());
    QCOMPARE(view->chosenSource(), QStringLiteral("PPS"));

    // The last hour at 1 Hz: 3600 samples (3601 points, two share a bucket), found at 1 s.
    const StabilityView::Result &pps = view->sourceResult();
    QCOMPARE(pps.series, std::string("source/PPS/offset"));
    QVERIFY(pps.error.isEmpty());
    QVERIFY(std::llabs(pps.interval - kSecond) < kSecond / 100);
    QVERIFY(pps.histogram.samples >= 3599 && pps.histogram.samples <= 3601);
    // Shown with chronyc's sign: the recorded "PPS ahead" is negative.
    QVERIFY2(std::fabs(pps.histogram.median + kPpsMean) < 2e-9, qPrintable(QString::number(pps.histogram.median)));
    QVERIFY(near(pps.histogram.iqr, 1.349 * kPpsSigma, 0.1));
    QVERIFY(pps.histogram.counts.size() >= kMinHistogramBins);
    // White phase noise: ADEV = sqrt(3) sigma / tau, from tau0 = 1 s up while the hour holds
    // three independent 2-tau intervals (m = 512).
    QVERIFY(!pps.curve.empty());
    QVERIFY(near(pps.curve.front().tau, 1.0, 1e-6));
    QCOMPARE(pps.curve.back().m, std::size_t{512});
    for (const StabilityPoint &point : pps.curve) {
        if (point.m > 64)
            break;
        QVERIFY2(near(point.adev, std::sqrt(3.0) * kPpsSigma / point.tau, 0.15),
                 qPrintable(QStringLiteral("tau %1: %2").arg(point.tau).arg(point.adev)));
    }
    const StabilityView::Result &system = view->systemResult();
    QCOMPARE(system.series, std::string("tracking.offset"));
    QVERIFY(near(system.curve.front().adev, std::sqrt(3.0) * kSystemSigma, 0.1));

    // The numbers shown: the summaries, the plots' curves.
    const auto *sourceLabel = view->findChild<QLabel *>(QStringLiteral("stabilitySourceSummary"));
    const auto *systemLabel = view->findChild<QLabel *>(QStringLiteral("stabilitySystemSummary"));
    QCOMPARE(sourceLabel->text(), view->sourceSummary());
    QVERIFY2(sourceLabel->text().startsWith(QStringLiteral("PPS: ")), qPrintable(sourceLabel->text()));
    QVERIFY(sourceLabel->text().contains(QStringLiteral("every 1 s")));
    QVERIFY(sourceLabel->text().contains(QStringLiteral("median -")));
    QVERIFY(sourceLabel->text().contains(QStringLiteral(" ns")));
    QVERIFY(sourceLabel->text().contains(QStringLiteral("ADEV from 3")));
    QVERIFY(!sourceLabel->text().contains(QStringLiteral("STALE")));
    QVERIFY2(systemLabel->text().startsWith(QStringLiteral("System clock: ")), qPrintable(systemLabel->text()));
    const auto *adev = view->findChild<DeviationPlot *>(QStringLiteral("stabilityAdev"));
    const auto *tdev = view->findChild<DeviationPlot *>(QStringLiteral("stabilityTdev"));
    QCOMPARE(adev->curves().size(), std::size_t{2});
    QCOMPARE(adev->curves()[0].points.size(), pps.curve.size());
    QCOMPARE(adev->curves()[0].points[0].second, pps.curve[0].adev);
    QCOMPARE(tdev->curves()[1].points[0].second, system.curve[0].tdev);
    const auto *histogram = view->findChild<HistogramPlot *>(QStringLiteral("stabilitySourceHistogram"));
    QCOMPARE(histogram->histogram().samples, pps.histogram.samples);
    // Back to a chart: the canvas again.
    page.setKind(ChartsPage::Kind::SystemOffset);
    QVERIFY(page.canvas()->isVisible());
    QVERIFY(!view->isVisible());
}

void TestStabilityView::saysWhenThereIsTooLittleOrStaleData()
{
    StoreFeed feed;
    feed.recordTwoHours();
    ChartsPage page;
    StabilityView *view = prepare(page, feed);
    QVERIFY(view);
    page.showLast(10 * kMinute);
    // The server reports every 64 s: in 10 min, 9 or 10 samples, too few for a histogram.
    choose(view, QStringLiteral("ntp1.example.net"));
    QTRY_VERIFY(view->sourceResult().done && !view->busy());
    const StabilityView::Result &server = view->sourceResult();
    QCOMPARE(server.interval, 64 * kSecond);
    QVERIFY(server.histogram.counts.empty());
    const QString text = view->findChild<QLabel *>(QStringLiteral("stabilitySourceSummary"))->text();
    QVERIFY2(text.contains(QStringLiteral("needs at least 20 for the histogram")), qPrintable(text));
    const auto *histogram = view->findChild<HistogramPlot *>(QStringLiteral("stabilitySourceHistogram"));
    QVERIFY(histogram->histogram().counts.empty());

    // A refclock with nothing in the last 30 min: nothing in 10 min, so no curve and words.
    choose(view, QStringLiteral("GONE"));
    QTRY_VERIFY(view->sourceResult().done && !view->busy());
    QCOMPARE(view->sourceResult().histogram.samples, std::size_t{0});
    QVERIFY(view->sourceResult().curve.empty());
    const auto *adev = view->findChild<DeviationPlot *>(QStringLiteral("stabilityAdev"));
    QVERIFY(adev->curves()[0].points.empty());
    QCOMPARE(view->sourceSummary(), QStringLiteral("GONE: no samples in this range"));
    // Over the last hour it has 30 min of samples, the newest 30 min old: stale, said.
    page.showLast(kHour);
    QTRY_VERIFY(view->sourceResult().done && !view->busy());
    QVERIFY(!view->sourceResult().curve.empty());
    QVERIFY2(view->sourceSummary().contains(QStringLiteral("STALE: newest sample")), qPrintable(view->sourceSummary()));
}

void TestStabilityView::followsTheWindowButtons()
{
    StoreFeed feed;
    feed.recordTwoHours();
    ChartsPage page;
    StabilityView *view = prepare(page, feed);
    QVERIFY(view);
    const std::size_t hour = view->sourceResult().histogram.samples;
    QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("chartWindow10min")), Qt::LeftButton);
    QTRY_VERIFY(view->sourceResult().done && !view->busy());
    QVERIFY(view->sourceResult().histogram.samples >= 599 && view->sourceResult().histogram.samples <= 601);
    QVERIFY(view->sourceResult().histogram.samples < hour);
    // A snapshot a second later within the refresh interval asks for nothing new.
    page.showSnapshot(snapshotAt(kNow + kSecond));
    QVERIFY(!view->busy());
    // Ten seconds later it does.
    page.showSnapshot(snapshotAt(kNow + StabilityView::kRefreshEvery));
    QVERIFY(view->busy());
    QTRY_VERIFY(!view->busy());
}

// A source with pulse edges is analysed at 1 Hz from them, not from its samples per poll; its
// jitter per poll gets a histogram beside; a server has neither and keeps its offsets.
void TestStabilityView::usesThePpsEdgesAndShowsTheJitter()
{
    StoreFeed feed;
    feed.recordPpsEdges();
    ChartsPage page;
    StabilityView *view = prepare(page, feed);
    QVERIFY(view);
    const StabilityView::Result &pps = view->sourceResult();
    QCOMPARE(pps.series, std::string("source/PPS/edge"));
    QVERIFY(std::llabs(pps.interval - kSecond) < kSecond / 100);
    QVERIFY(pps.histogram.samples >= 3599 && pps.histogram.samples <= 3601);
    // Shown with chronyc's sign: the recorded "PPS ahead" is negative.
    QVERIFY2(std::fabs(pps.histogram.median + kPpsMean) < 2e-9, qPrintable(QString::number(pps.histogram.median)));
    QVERIFY(near(pps.histogram.iqr, 1.349 * kPpsSigma, 0.1));
    QVERIFY(near(pps.curve.front().tau, 1.0, 1e-6));
    QVERIFY(near(pps.curve.front().adev, std::sqrt(3.0) * kPpsSigma, 0.15));
    const auto *edges = view->findChild<HistogramPlot *>(QStringLiteral("stabilitySourceHistogram"));
    QCOMPARE(edges->histogram().samples, pps.histogram.samples);
    QVERIFY(edges->histogram().counts.size() >= kMinHistogramBins);

    // The jitter: one a poll, 225 in the hour, spread evenly over 20..40 ns.
    const StabilityView::Result &jitter = view->jitterResult();
    QCOMPARE(jitter.series, std::string("source/PPS/jitter"));
    QVERIFY2(jitter.histogram.samples >= 224 && jitter.histogram.samples <= 226,
             qPrintable(QString::number(jitter.histogram.samples)));
    QVERIFY(near(jitter.histogram.median, 30e-9, 0.1));
    QVERIFY(jitter.histogram.low >= StoreFeed::kJitterLow - jitter.histogram.binWidth);
    QVERIFY(jitter.histogram.high() <= StoreFeed::kJitterHigh + jitter.histogram.binWidth);
    const auto *jitterPlot = view->findChild<HistogramPlot *>(QStringLiteral("stabilityJitterHistogram"));
    QVERIFY(jitterPlot->isVisible());
    QCOMPARE(jitterPlot->histogram().samples, jitter.histogram.samples);
    QVERIFY(jitterPlot->histogram().counts.size() >= kMinHistogramBins);
    // A refresh while following keeps it in place while it loads.
    page.showSnapshot(snapshotAt(kNow + StabilityView::kRefreshEvery));
    QVERIFY(view->busy());
    QVERIFY(jitterPlot->isVisible());
    QTRY_VERIFY(!view->busy());
    QVERIFY(jitterPlot->isVisible());

    // The server: its offsets, no jitter plot.
    choose(view, QStringLiteral("ntp1.example.net"));
    QTRY_VERIFY(view->sourceResult().done && view->jitterResult().done && !view->busy());
    QCOMPARE(view->sourceResult().series, std::string("source/ntp1.example.net/offset"));
    QCOMPARE(view->sourceResult().interval, 64 * kSecond);
    QVERIFY(!jitterPlot->isVisible());
}

void TestStabilityView::saysWhyThereIsNoHistory()
{
    SnapshotFeed *plain = nullptr;
    class NoHistoryFeed : public SnapshotFeed
    {
    public:
        void start() override { }
        void requestReload() override { }
        void requestMakeStep() override { }
    } feed;
    plain = &feed;
    ChartsPage page;
    page.resize(800, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setFeed(plain);
    page.showSnapshot(snapshotAt(kNow));
    page.setKind(ChartsPage::Kind::Stability);
    StabilityView *view = page.stabilityView();
    QTRY_VERIFY(view->sourceResult().done && view->systemResult().done);
    QVERIFY2(view->systemSummary().contains(QStringLiteral("No history: This feed keeps no history")),
             qPrintable(view->systemSummary()));
    QVERIFY(view->systemResult().curve.empty());
    QVERIFY(!view->busy());
    // The sources' chooser still lists them; nothing claims to be loading.
    QCOMPARE(view->chosenSource(), QStringLiteral("PPS"));
    QVERIFY2(!view->sourceSummary().contains(QStringLiteral("Loading")), qPrintable(view->sourceSummary()));
}

void TestStabilityView::screenshots()
{
    StoreFeed feed;
    feed.recordTwoHours();
    feed.recordJitter();
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
        page->setKind(ChartsPage::Kind::Stability);
        StabilityView *view = page->stabilityView();
        QTRY_VERIFY_WITH_TIMEOUT(view->sourceResult().done && view->systemResult().done && !view->busy(), 10000);
        QCoreApplication::processEvents();
        QVERIFY(view->findChild<QWidget *>(QStringLiteral("stabilityJitterHistogram"))->isVisible());
        const QPixmap shot = window.grab();
        QCOMPARE(shot.size(), size);
        QVERIFY(shot.save(
            test::screenshotPath(QStringLiteral("stability-%1x%2.png").arg(size.width()).arg(size.height()))));
        // The plots have room to be read.
        for (const char *name :
             {"stabilitySourceHistogram", "stabilityJitterHistogram", "stabilityAdev", "stabilityTdev"}) {
            auto *plot = view->findChild<QWidget *>(QLatin1String(name));
            QVERIFY2(plot->height() >= 90 && plot->width() >= 200, name);
            QVERIFY2(plot->visibleRegion().boundingRect().size() == plot->size(), name);
        }
    }
}

QTEST_MAIN(TestStabilityView)
#include "tst_stabilityview.moc"
