// The dashboard page and kiosk mode (issue 14 part 4): the page shows the state's words and
// figures, ticks each second, looks stale when the feed says so (no colour, a banner), leaves
// out what it has nothing true to say about; the window reaches it by its tool-bar button;
// `--kiosk` starts full screen on the dashboard alone with the screen saver inhibited (a fake
// inhibitor here), says in the log when nothing can inhibit, and Esc or a long press leaves it.
// Also saves the screenshots for docs/screenshots/ (dashboard-*.png).
#include "LaunchOptions.h"
#include "MainWindow.h"
#include "StatusColors.h"
#include "WidgetTestSupport.h"
#include "WindowStart.h"
#include "dashboard/DashboardPage.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTest>
#include <QToolBar>

using namespace s1;
using s1::test::screenshotPath;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t kSnapshotNanos = 1'714'566'896'000'000'000; // 2024-05-01 12:34:56 UTC
const RealTime kNow = realTimeFromNanos(kSnapshotNanos);

class FakeInhibitor : public ScreenSaverInhibitor
{
public:
    struct Calls
    {
        int inhibits = 0;
        int releases = 0;
        QString reason;
    };
    FakeInhibitor(Calls &calls, bool works)
        : m_calls(calls)
        , m_works(works)
    { }
    Result inhibit(const QString &reason) override
    {
        ++m_calls.inhibits;
        m_calls.reason = reason;
        return m_works ? Result{true, QStringLiteral("the fake")} : Result{false, QStringLiteral("no desktop here")};
    }
    void release() override { ++m_calls.releases; }

private:
    Calls &m_calls;
    bool m_works;
};

SourceSnapshot refclock(std::uint32_t id, const std::string &name, SourceState state)
{
    SourceSnapshot s;
    s.id = id;
    s.name = name;
    s.kind = SourceKind::RefClock;
    s.state = state;
    s.leap = LeapIndicator::None;
    return s;
}

EngineSnapshot ppsServer(RealTime now, std::uint64_t requests)
{
    EngineSnapshot snapshot;
    snapshot.time = now;
    snapshot.hostTime = now;
    snapshot.ntpPort = 123;
    snapshot.server.packetsReceived = requests;
    ReferenceSnapshot &ref = snapshot.reference;
    ref.synchronised = true;
    ref.stratum = 1;
    ref.referenceId = 0x50505300;
    ref.referenceName = "PPS";
    ref.leap = LeapIndicator::None;
    ref.referenceTime = now - 16s;
    ref.systemTimeOffset = -87e-9;
    ref.rootDelay = 1e-9;
    ref.rootDispersion = 4.2e-6;
    snapshot.sources = {refclock(1, "GPS", SourceState::NotCombined), refclock(2, "PPS", SourceState::Selected)};
    GpsStatus gps;
    gps.fixMode = GpsFixMode::Fix3D;
    gps.lastSentenceTime = now - 300ms;
    for (int i = 0; i < 14; ++i)
        gps.satellites.push_back(GpsSatellite{GnssSystem::Gps, i + 1, 45, 90, 40, i < 11});
    gps.pps.lastPulse = now - 200ms;
    gps.pps.pulseCount = 86'400;
    snapshot.gps = gps;
    return snapshot;
}

QString labelText(const QWidget &root, const char *name)
{
    auto *label = root.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no %1>").arg(QLatin1String(name));
}

bool labelShown(const QWidget &root, const char *name)
{
    auto *label = root.findChild<QLabel *>(QLatin1String(name));
    return label && label->isVisibleTo(root.window());
}

// A page on fake clocks, fed a minute of a PPS server's snapshots and a reference change.
struct FedPage
{
    DashboardPage page;
    DashboardState::Monotonic steady{};
    RealTime system = kNow;

    FedPage()
    {
        page.setClocks([this] { return steady; }, [this] { return system; });
    }
    void feed(const EngineSnapshot &snapshot)
    {
        system = snapshot.time;
        page.showSnapshot(snapshot);
    }
    void feedMinute()
    {
        EngineSnapshot first = ppsServer(kNow, 1000);
        first.reference.referenceName = "GPS";
        first.reference.referenceId = 0x47505300;
        feed(first);
        for (int second = 1; second <= 60; ++second) {
            steady += 1s;
            feed(ppsServer(kNow + std::chrono::seconds(second), 1000 + 37 * static_cast<std::uint64_t>(second)));
        }
    }
};

// A dark desktop: the application's palette, as a platform theme sets it (the touch style's style
// sheet keeps a widget's own palette from reaching its children).
QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    dark.setColor(QPalette::Button, QColor(0x30, 0x30, 0x30));
    dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    return dark;
}

} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void pageShowsTheState()
    {
        FedPage fed;
        fed.feedMinute();
        const QWidget &page = fed.page;
        QCOMPARE(labelText(page, "dashboardState"), QStringLiteral("Synchronised to PPS, stratum 1"));
        QVERIFY(fed.page.findChild<QLabel *>(QStringLiteral("dashboardState"))
                    ->styleSheet()
                    .contains(StatusColors::kGood.name()));
        QCOMPARE(labelText(page, "dashboardReferenceValue"), QStringLiteral("PPS"));
        QCOMPARE(labelText(page, "dashboardErrorBoundValue"), QStringLiteral("± 4.288 µs"));
        QCOMPARE(labelText(page, "dashboardClientsValue"), QStringLiteral("37.0 /s"));
        QCOMPARE(labelText(page, "dashboardGpsValue"), QStringLiteral("3D fix, 11 satellites"));
        QCOMPARE(labelText(page, "dashboardPpsValue"), QStringLiteral("Present"));
        QCOMPARE(labelText(page, "dashboardEventValue"), QStringLiteral("12:34:57 UTC: Reference changed to PPS"));
        // The time: the engine's at its last snapshot (12:35:56, 87 ns slow), whole seconds.
        QCOMPARE(labelText(page, "dashboardTime"), QStringLiteral("12:35:56"));
        QVERIFY(labelText(page, "dashboardClockSource").startsWith(QStringLiteral("2024-05-01")));
        QVERIFY(labelText(page, "dashboardClockSource").contains(QStringLiteral("engine's estimate")));
        QVERIFY(!labelShown(page, "dashboardStaleBanner"));
    }

    void pageLeavesOutWhatItCannotSay()
    {
        FedPage fed;
        EngineSnapshot snapshot = ppsServer(kNow, 0);
        snapshot.gps.reset();
        fed.page.show();
        fed.feed(snapshot);
        // No receiver, no event yet: no field pretending to have one.
        QVERIFY(!labelShown(fed.page, "dashboardGpsValue"));
        QVERIFY(!labelShown(fed.page, "dashboardPpsValue"));
        QVERIFY(!labelShown(fed.page, "dashboardEventValue"));
        QVERIFY(labelShown(fed.page, "dashboardReferenceValue"));
        QCOMPARE(labelText(fed.page, "dashboardClientsValue"), QStringLiteral("Measuring"));
    }

    void staleLooksStale()
    {
        FedPage fed;
        fed.feedMinute();
        fed.page.show();
        fed.page.markStale();
        QVERIFY(labelShown(fed.page, "dashboardStaleBanner"));
        QCOMPARE(labelText(fed.page, "dashboardStaleBanner"),
                 QStringLiteral("Not live: last update 2024-05-01 12:35:56 UTC"));
        QCOMPARE(labelText(fed.page, "dashboardState"), QStringLiteral("Last known: Synchronised to PPS, stratum 1"));
        // No green anywhere.
        const QString style = fed.page.findChild<QLabel *>(QStringLiteral("dashboardState"))->styleSheet();
        QVERIFY2(!style.contains(QStringLiteral("background")), qPrintable(style));
        for (const QLabel *label : fed.page.findChildren<QLabel *>())
            QVERIFY2(label->palette().color(QPalette::WindowText) != StatusColors::kGood,
                     qPrintable(label->objectName()));
        // The clock is this computer's now, and says so.
        fed.system = kNow + 90s;
        fed.page.refreshClock();
        QCOMPARE(labelText(fed.page, "dashboardTime"), QStringLiteral("12:36:26"));
        QVERIFY(labelText(fed.page, "dashboardClockSource").contains(QStringLiteral("this computer's clock")));
        // Fresh again.
        fed.steady += 1s;
        fed.feed(ppsServer(kNow + 91s, 9000));
        QVERIFY(!labelShown(fed.page, "dashboardStaleBanner"));
    }

    void clockTicksEachSecond()
    {
        DashboardPage page;
        QElapsedTimer elapsed;
        elapsed.start();
        // Half a second before the next one turns (room for a slow machine before the first
        // look), so that the tick must land on it.
        const RealTime start = kNow + 500ms;
        page.setClocks([] { return DashboardState::Monotonic{}; },
                       [&] { return start + std::chrono::milliseconds(elapsed.elapsed()); });
        QCOMPARE(labelText(page, "dashboardTime"), QStringLiteral("12:34:56"));
        QTRY_COMPARE_WITH_TIMEOUT(labelText(page, "dashboardTime"), QStringLiteral("12:34:57"), 1000);
        QTRY_COMPARE_WITH_TIMEOUT(labelText(page, "dashboardTime"), QStringLiteral("12:34:58"), 1500);
    }

    void longPressAsksToLeave()
    {
        DashboardPage page;
        page.resize(800, 480);
        page.show();
        QSignalSpy held(&page, &DashboardPage::longPressed);
        // A tap is not a long press.
        QTest::mousePress(&page, Qt::LeftButton, {}, QPoint(400, 240));
        QTest::mouseRelease(&page, Qt::LeftButton, {}, QPoint(400, 240), 200);
        QTest::qWait(200);
        QCOMPARE(held.count(), 0);
        QTest::mousePress(&page, Qt::LeftButton, {}, QPoint(400, 240));
        QVERIFY(held.wait(static_cast<int>(DashboardPage::kLongPress.count()) + 2000));
        QTest::mouseRelease(&page, Qt::LeftButton, {}, QPoint(400, 240));
    }

    // In the normal window the dashboard takes the tabs' place by the tool-bar button.
    void windowReachesTheDashboard()
    {
        MainWindow window;
        window.resize(800, 480);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *action = window.findChild<QAction *>(QStringLiteral("dashboardAction"));
        QVERIFY(action);
        auto *toolBar = window.findChild<QToolBar *>(QStringLiteral("actionsToolBar"));
        QVERIFY(toolBar && toolBar->widgetForAction(action) && toolBar->widgetForAction(action)->isVisible());
        QVERIFY(!window.isDashboardShown());
        action->trigger();
        QVERIFY(window.isDashboardShown());
        QVERIFY(window.dashboard()->isVisible());
        QVERIFY(!window.findChild<QTabWidget *>()->isVisible());
        window.showSnapshot(ppsServer(kNow, 10));
        QCOMPARE(window.dashboard()->state().sync(), DashboardState::Sync::Synchronised);
        // The window's stale mark reaches it.
        window.markSnapshotStale();
        QVERIFY(window.dashboard()->state().isStale());
        action->trigger();
        QVERIFY(!window.isDashboardShown());
        QVERIFY(window.findChild<QTabWidget *>()->isVisible());
        // Not kiosk mode: the screen saver was never touched.
        QVERIFY(!window.isKioskMode());
        QVERIFY(!window.isScreenSaverInhibited());
    }

    void kioskOptionParses()
    {
        const LaunchParse parse =
            parseLaunchOptions({QStringLiteral("stratumone"), QStringLiteral("--kiosk"), QStringLiteral("--simulate")},
                               LaunchProgram::Application);
        QVERIFY(parse.options);
        QVERIFY(parse.options->kiosk);
        QVERIFY(parse.options->simulate);
        const LaunchParse plain = parseLaunchOptions({QStringLiteral("stratumone")}, LaunchProgram::Application);
        QVERIFY(plain.options && !plain.options->kiosk);
        // The service has no window: refused, not ignored.
        const LaunchParse service =
            parseLaunchOptions({QStringLiteral("stratumone"), QStringLiteral("--kiosk"), QStringLiteral("--service")},
                               LaunchProgram::Application);
        QVERIFY(!service.options);
        QCOMPARE(service.exitCode, 2);
    }

    // `stratumone --kiosk` as main() starts it: full screen, the dashboard alone, the screen
    // saver inhibited; Esc gives the admin the whole window back and releases it.
    void kioskStartUp()
    {
        const LaunchParse parse =
            parseLaunchOptions({QStringLiteral("stratumone"), QStringLiteral("--kiosk")}, LaunchProgram::Application);
        QVERIFY(parse.options);
        FakeInhibitor::Calls calls;
        MainWindow window;
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("screen saver inhibited through the fake")));
        showWindow(*parse.options, window, std::make_unique<FakeInhibitor>(calls, true));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.isKioskMode());
        QVERIFY(window.windowState().testFlag(Qt::WindowFullScreen));
        QVERIFY(window.isDashboardShown());
        QVERIFY(window.dashboard()->isVisible());
        QVERIFY(!window.findChild<QToolBar *>(QStringLiteral("actionsToolBar"))->isVisible());
        QVERIFY(!window.statusBar()->isVisible());
        QCOMPARE(calls.inhibits, 1);
        QVERIFY(!calls.reason.isEmpty());
        QVERIFY(window.isScreenSaverInhibited());
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("screen saver released")));
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.isKioskMode());
        QCOMPARE(calls.releases, 1);
        QVERIFY(!window.isScreenSaverInhibited());
        QVERIFY(window.findChild<QToolBar *>(QStringLiteral("actionsToolBar"))->isVisible());
        QVERIFY(window.statusBar()->isVisible());
        // Esc means nothing outside kiosk mode.
        QTest::keyClick(&window, Qt::Key_Escape);
        QCOMPARE(calls.releases, 1);
    }

    void kioskSaysWhenNothingInhibits()
    {
        FakeInhibitor::Calls calls;
        MainWindow window;
        LaunchOptions options;
        options.kiosk = true;
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("nothing can inhibit the screen saver: no desktop here")));
        showWindow(options, window, std::make_unique<FakeInhibitor>(calls, false));
        QVERIFY(window.isKioskMode());
        QCOMPARE(calls.inhibits, 1);
        QVERIFY(!window.isScreenSaverInhibited());
        // A long press leaves too; nothing to release.
        QSignalSpy held(window.dashboard(), &DashboardPage::longPressed);
        emit window.dashboard()->longPressed();
        QVERIFY(!window.isKioskMode());
        QCOMPARE(calls.releases, 0);
    }

    // The desktop's inhibitor never claims success it did not get: here (no desktop, usually no
    // session bus) it says why; on a desktop that agrees it holds and releases a cookie.
    void desktopInhibitorSaysWhy()
    {
        std::unique_ptr<ScreenSaverInhibitor> inhibitor = makeDesktopScreenSaverInhibitor();
        QVERIFY(inhibitor);
        const ScreenSaverInhibitor::Result result = inhibitor->inhibit(QStringLiteral("tst_dashboard"));
        QVERIFY2(!result.detail.isEmpty(), "a result without a word on who holds the screen or why not");
        if (!result.inhibited)
            QVERIFY(!result.detail.contains(QStringLiteral("cookie")));
        inhibitor->release();
        inhibitor->release(); // harmless twice
    }

    void screenshots_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("mode");
        QTest::newRow("800x480") << QSize(800, 480) << QString();
        QTest::newRow("800x480 dark") << QSize(800, 480) << QStringLiteral("dark");
        QTest::newRow("800x480 holdover") << QSize(800, 480) << QStringLiteral("holdover");
        QTest::newRow("800x480 stale") << QSize(800, 480) << QStringLiteral("stale");
        QTest::newRow("1920x1080") << QSize(1920, 1080) << QString();
    }

    // What kiosk mode shows: the page is the whole window.
    void screenshots()
    {
        QFETCH(QSize, size);
        QFETCH(QString, mode);
        const QPalette light = QApplication::palette();
        if (mode == QLatin1String("dark"))
            QApplication::setPalette(darkPalette());
        const auto restore = qScopeGuard([&light] { QApplication::setPalette(light); });
        FedPage fed;
        fed.feedMinute();
        if (mode == QLatin1String("holdover")) {
            EngineSnapshot holdover = ppsServer(kNow + 61s, 1000 + 37 * 61);
            holdover.reference.referenceTime = kNow + 61s - 12min;
            for (SourceSnapshot &source : holdover.sources)
                source.state = SourceState::Unusable;
            holdover.gps->pps.lastPulse = kNow + 61s - 12min;
            fed.steady += 1s;
            fed.feed(holdover);
        }
        if (mode == QLatin1String("stale"))
            fed.page.markStale();
        fed.page.resize(size);
        fed.page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&fed.page));
        QCoreApplication::processEvents();
        const QString name = QStringLiteral("dashboard-%1x%2%3.png")
                                 .arg(size.width())
                                 .arg(size.height())
                                 .arg(mode.isEmpty() ? QString() : QLatin1Char('-') + mode);
        QVERIFY(fed.page.grab().save(screenshotPath(name)));
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
