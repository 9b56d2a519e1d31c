// The alarm banner over the main window's pages and the list it opens: shown only while an
// alarm is active, the most urgent first, in its severity's colour (grey when stale), a touch
// target; a tap opens the list with the alarm's text, its fix and its times. Screenshots at
// 800x480 (docs/screenshots/alarms-*.png with S1_SCREENSHOT_DIR).
#include "MainWindow.h"
#include "StatusColors.h"
#include "TouchStyle.h"
#include "WidgetTestSupport.h"
#include "alarms/AlarmBanner.h"
#include "alarms/AlarmListDialog.h"

#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

using namespace s1;
using s1::test::screenshotPath;

namespace {

const QSize kTouchScreenSize(800, 480);

Alarm makeAlarm(std::uint64_t id, AlarmKind kind, AlarmSeverity severity, RealTime raised, std::string subject,
                std::string text, std::string fix)
{
    Alarm a;
    a.id = id;
    a.kind = kind;
    a.severity = severity;
    a.raised = raised;
    a.subject = std::move(subject);
    a.text = std::move(text);
    a.fix = std::move(fix);
    return a;
}

EngineSnapshot snapshotWithAlarms()
{
    EngineSnapshot s = test::snapshotSynchronisedToOneServer();
    Alarm stepped = makeAlarm(1, AlarmKind::ClockStepped, AlarmSeverity::Warning, s.time - std::chrono::minutes(40), {},
                              "The clock was stepped by 0.250000 s.", "A step at start is what `makestep` is for.");
    stepped.cleared = s.time - std::chrono::minutes(30);
    s.alarms = {
        makeAlarm(3, AlarmKind::StratumChanged, AlarmSeverity::Info, s.time - std::chrono::minutes(2), {},
                  "The stratum served changed from 1 to 2 (reference ntp1.example.net).",
                  "Usually the primary source (GPS/PPS) stopped or started being selected."),
        makeAlarm(2, AlarmKind::PpsLost, AlarmSeverity::Critical, s.time - std::chrono::minutes(3), "PPS",
                  "PPS refclock PPS stopped delivering pulses (no sample in its last 3 polls).",
                  "Check the PPS wire from the receiver's 1PPS/TIMEPULSE pin and that the receiver has a fix: most "
                  "receivers send no pulses without one. `ppstest /dev/ppsN` must print a line each second."),
        stepped,
    };
    return s;
}

} // namespace

class TestAlarmBanner : public QObject
{
    Q_OBJECT
private slots:
    void hiddenWithoutActiveAlarms();
    void showsTheMostUrgentInItsColour();
    void staleBannerIsGrey();
    void tapOpensListWithDetailAndFix();
    void listFollowsSnapshots();
};

void TestAlarmBanner::hiddenWithoutActiveAlarms()
{
    MainWindow window;
    EngineSnapshot s = test::snapshotSynchronisedToOneServer();
    window.showSnapshot(s);
    window.resize(kTouchScreenSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *banner = window.findChild<AlarmBanner *>(QStringLiteral("alarmBanner"));
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    // Only cleared alarms: still nothing to say at the top.
    s.alarms = snapshotWithAlarms().alarms;
    s.alarms.erase(s.alarms.begin(), s.alarms.begin() + 2);
    window.showSnapshot(s);
    QVERIFY(!banner->isVisible());
}

void TestAlarmBanner::showsTheMostUrgentInItsColour()
{
    MainWindow window;
    window.showSnapshot(snapshotWithAlarms());
    window.resize(kTouchScreenSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *banner = window.findChild<AlarmBanner *>(QStringLiteral("alarmBanner"));
    QVERIFY(banner && banner->isVisible());
    QVERIFY2(banner->text().startsWith(QStringLiteral("PPS lost: PPS refclock PPS stopped")),
             qPrintable(banner->text()));
    QCOMPARE(banner->activeCount(), 2);
    QCOMPARE(test::labelText(window, "alarmBannerMore"), QStringLiteral("+1 more ›"));
    QCOMPARE(banner->palette().color(QPalette::Window), StatusColors::kBad);
    // A finger hits it, it spans the window, and the pages are below it.
    QVERIFY(banner->height() >= kTouchTargetPx);
    QCOMPARE(banner->width(), window.centralWidget()->width());
    auto *tabs = window.findChild<QTabWidget *>();
    QVERIFY(tabs->mapTo(&window, QPoint(0, 0)).y() >= banner->mapTo(&window, QPoint(0, 0)).y() + banner->height());
    const QPixmap shot = window.grab();
    QCOMPARE(shot.size(), kTouchScreenSize);
    QVERIFY(shot.save(screenshotPath(QStringLiteral("alarms-banner-800x480.png"))));
}

void TestAlarmBanner::staleBannerIsGrey()
{
    MainWindow window;
    window.showSnapshot(snapshotWithAlarms());
    window.markSnapshotStale();
    auto *banner = window.findChild<AlarmBanner *>(QStringLiteral("alarmBanner"));
    QVERIFY(banner);
    const QColor colour = banner->palette().color(QPalette::Window);
    QVERIFY(colour != StatusColors::kBad && colour != StatusColors::kWarning && colour != StatusColors::kInUse);
    QCOMPARE(colour.hslSaturation(), 0);
}

void TestAlarmBanner::tapOpensListWithDetailAndFix()
{
    MainWindow window;
    window.showSnapshot(snapshotWithAlarms());
    window.resize(kTouchScreenSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *banner = window.findChild<AlarmBanner *>(QStringLiteral("alarmBanner"));
    QTest::mouseClick(banner, Qt::LeftButton, {}, banner->rect().center());
    auto *list = window.findChild<AlarmListDialog *>(QStringLiteral("alarmList"));
    QVERIFY(list);
    QTRY_VERIFY(list->isVisible());
    QVERIFY(list->width() <= window.width() && list->height() <= window.height());
    auto *rows = list->findChild<QListWidget *>(QStringLiteral("alarmListRows"));
    QCOMPARE(rows->count(), 3);
    // The snapshot's order: active ones, then the cleared.
    QVERIFY(rows->item(0)->text().contains(QStringLiteral("Stratum changed")));
    QVERIFY(rows->item(1)->text().contains(QStringLiteral("PPS lost — PPS")));
    QVERIFY(rows->item(2)->text().contains(QStringLiteral("cleared 2024-05-01 12:04:56 UTC")));
    QVERIFY(rows->sizeHintForRow(0) >= kTouchTargetPx);
    QCOMPARE(test::labelText(*list, "alarmListSummary"), QStringLiteral("2 alarms are active."));

    // Tapping a row shows its detail: text, fix and times.
    QTest::mouseClick(rows->viewport(), Qt::LeftButton, {}, rows->visualItemRect(rows->item(1)).center());
    QCOMPARE(rows->currentRow(), 1);
    const QString detail = list->detailText();
    QVERIFY2(detail.contains(QStringLiteral("stopped delivering pulses")), qPrintable(detail));
    QVERIFY(detail.contains(QStringLiteral("What to do: Check the PPS wire")));
    QVERIFY(detail.contains(QStringLiteral("Raised 2024-05-01 12:31:56 UTC")));
    QVERIFY(!detail.contains(QStringLiteral("Cleared")));
    QVERIFY(list->grab().save(screenshotPath(QStringLiteral("alarms-list-dialog.png"))));
    QPixmap over = window.grab();
    {
        // The dialog as it covers the window on the touchscreen.
        QPainter painter(&over);
        painter.drawPixmap(list->mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0)), list->grab());
    }
    QVERIFY(over.save(screenshotPath(QStringLiteral("alarms-list-800x480.png"))));

    auto *close = list->findChild<QPushButton *>(QStringLiteral("closeAlarmList"));
    QVERIFY(close && close->height() >= kTouchTargetPx);
    close->click();
    QTRY_VERIFY(!list->isVisible() || list->isHidden());
}

void TestAlarmBanner::listFollowsSnapshots()
{
    MainWindow window;
    EngineSnapshot s = snapshotWithAlarms();
    window.showSnapshot(s);
    window.resize(kTouchScreenSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *banner = window.findChild<AlarmBanner *>(QStringLiteral("alarmBanner"));
    emit banner->clicked();
    auto *list = window.findChild<AlarmListDialog *>(QStringLiteral("alarmList"));
    QVERIFY(list);
    auto *rows = list->findChild<QListWidget *>(QStringLiteral("alarmListRows"));
    rows->setCurrentRow(1);
    // The PPS comes back: its alarm is cleared; the selection stays on it.
    s.time += std::chrono::seconds(1);
    s.alarms[1].cleared = s.time;
    window.showSnapshot(s);
    QCOMPARE(rows->currentRow(), 1);
    QVERIFY(list->detailText().contains(QStringLiteral("Cleared 2024-05-01 12:34:57 UTC")));
    QCOMPARE(test::labelText(*list, "alarmListSummary"), QStringLiteral("1 alarm is active."));
    QVERIFY(banner->text().startsWith(QStringLiteral("Stratum changed:")));
    QCOMPARE(banner->palette().color(QPalette::Window), StatusColors::kInUse);
}

QTEST_MAIN(TestAlarmBanner)
#include "tst_alarmbanner.moc"
