// What the window claims about the state must be true (issue 11, "The window"): the header
// follows the engine's selection and leap state, old GPS data is not shown as live, a stale
// window shows no green anywhere, offsets carry chronyc's sign in "µs", an action that cannot
// work is disabled with its reason in view, the step confirmation says how far the clock jumps,
// a tap on a source opens its detail, a missing PPS device and an unresolvable name say so;
// the configuration's warnings are counted and listed, and a source that needs authentication
// we cannot provide says it is never selected and why (item 12).
#include "ConfigWarningsDialog.h"
#include "GpsPanel.h"
#include "MainWindow.h"
#include "SourceDetailDialog.h"
#include "SourcesTableModel.h"
#include "StatusColors.h"
#include "WidgetTestSupport.h"
#include "charts/ChartCanvas.h"
#include "charts/ChartsPage.h"

#include <QAbstractItemView>
#include <QAction>
#include <QChartView>
#include <QDir>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QValueAxis>

using namespace s1;
using s1::test::openBox;
using s1::test::screenshotPath;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t kSnapshotNanos = 1'714'566'896'000'000'000; // 2024-05-01 12:34:56 UTC
const QSize kTouchScreenSize(800, 480);
constexpr int kTouchTargetPx = 44;

SourceSnapshot gpsSource(SourceState state, RealTime now)
{
    SourceSnapshot source;
    source.id = 7;
    source.name = "NMEA";
    source.kind = SourceKind::RefClock;
    source.state = state;
    source.selectionLetter = state == SourceState::Selected ? '*' : '?';
    source.stratum = 0;
    source.reach = state == SourceState::Selected ? 0377 : 0;
    source.leap = LeapIndicator::None;
    source.lastRx = now - 240s;
    source.lastSample = SourceSample{*source.lastRx, -13e-6, 0, 1e-6, 0, -13e-6};
    source.recentSamples = {*source.lastSample};
    return source;
}

// The feed stopped four minutes ago: the engine holds over (reference still "synchronised",
// leap normal) but has nothing selected, and the receiver's last message is that old.
EngineSnapshot gpsFeedStopped()
{
    EngineSnapshot s;
    s.time = realTimeFromNanos(kSnapshotNanos);
    s.hostTime = s.time - 3600s; // the virtual clock is an hour ahead of the host's
    s.reference.synchronised = true;
    s.reference.stratum = 1;
    s.reference.referenceId = 0x4E4D4541; // "NMEA"
    s.reference.referenceName = "NMEA";
    s.reference.leap = LeapIndicator::None;
    s.sources = {gpsSource(SourceState::Unusable, s.time)};
    GpsStatus gps;
    gps.fixMode = GpsFixMode::Fix3D;
    gps.epochTime = *s.hostTime - 240s;
    gps.epochTimeValid = true;
    gps.latitude = 52.52;
    gps.longitude = 13.405;
    gps.altitude = 34;
    gps.pdop = 1.6;
    gps.lastSentenceTime = *s.hostTime - 240s;
    s.gps = gps;
    return s;
}

EngineSnapshot synchronisedToGps()
{
    EngineSnapshot s = gpsFeedStopped();
    s.sources = {gpsSource(SourceState::Selected, s.time)};
    s.sources.front().lastRx = s.time - 1s;
    s.gps->lastSentenceTime = *s.hostTime - 1s;
    s.gps->epochTime = *s.hostTime - 1s;
    return s;
}

QLabel *label(const QWidget &parent, const char *name)
{
    return parent.findChild<QLabel *>(QLatin1String(name));
}

QString text(const QWidget &parent, const char *name)
{
    const QLabel *l = label(parent, name);
    return l ? l->text() : QStringLiteral("<missing %1>").arg(QLatin1String(name));
}

// Every label and every table cell whose colour says "good": none may claim a live state.
QStringList greenThings(const MainWindow &window)
{
    QStringList green;
    for (const QLabel *l : window.findChildren<QLabel *>()) {
        if (l->palette().color(QPalette::WindowText) == StatusColors::kGood && !l->text().isEmpty())
            green << l->objectName() + QLatin1Char('=') + l->text();
    }
    const auto *view = window.findChild<QTableView *>();
    const QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row)
        for (int column = 0; column < model->columnCount(); ++column) {
            const QVariant color = model->index(row, column).data(Qt::ForegroundRole);
            if (color.isValid() && color.value<QColor>() == StatusColors::kGood)
                green << QStringLiteral("cell %1,%2").arg(row).arg(column);
        }
    return green;
}

} // namespace

class TestWindowState : public QObject
{
    Q_OBJECT

private slots:
    void headerFollowsTheSelection();
    void gpsPageAgesOut();
    void staleWindowShowsNothingGreen();
    void offsetsHaveChronycsSign();
    void unavailableActionsSayWhy();
    void stepConfirmationSaysHowFar();
    void tappingASourceShowsItsDetail();
    void missingDeviceAndUnresolvedNameAreListed();
    void configurationWarningsAreListed();
    void sourceNeedingAuthenticationSaysWhy();
};

void TestWindowState::headerFollowsTheSelection()
{
    MainWindow window;
    window.showSnapshot(gpsFeedStopped());
    QVERIFY2(!text(window, "syncSummary").contains(QStringLiteral("Synchronised")),
             qPrintable(text(window, "syncSummary")));
    QVERIFY(label(window, "syncSummary")->palette().color(QPalette::WindowText) != StatusColors::kGood);
    QCOMPARE(text(window, "synchronisedValue"), QStringLiteral("No"));

    EngineSnapshot leap3 = synchronisedToGps();
    leap3.reference.leap = LeapIndicator::Unsynchronised;
    window.showSnapshot(leap3);
    QCOMPARE(text(window, "syncSummary"), QStringLiteral("Not synchronised"));

    window.showSnapshot(synchronisedToGps());
    QCOMPARE(text(window, "syncSummary"), QStringLiteral("Synchronised to NMEA, stratum 1"));
    QCOMPARE(label(window, "syncSummary")->palette().color(QPalette::WindowText), StatusColors::kGood);
}

void TestWindowState::gpsPageAgesOut()
{
    MainWindow window;
    window.showSnapshot(gpsFeedStopped());
    const auto *panel = window.findChild<GpsPanel *>();
    QVERIFY(panel);
    // Measured on the host clock (hostTime), not on the engine's an hour ahead.
    QCOMPARE(text(*panel, "gpsLastMessageValue"), QStringLiteral("4 min ago"));
    QCOMPARE(text(*panel, "gpsFixValue"), QStringLiteral("Unknown"));
    QCOMPARE(text(*panel, "gpsTimeValidValue"), QStringLiteral("Unknown"));
    QCOMPARE(text(*panel, "gpsUtcValue"), QStringLiteral("-"));
    QCOMPARE(text(*panel, "gpsLatitudeValue"), QStringLiteral("-"));
    QCOMPARE(text(*panel, "gpsDopValue"), QStringLiteral("- / - / -"));
    QVERIFY2(greenThings(window).isEmpty(), qPrintable(greenThings(window).join(QLatin1Char(' '))));

    // A receiver that talks is shown as it is.
    window.showSnapshot(synchronisedToGps());
    QCOMPARE(text(*panel, "gpsLastMessageValue"), QStringLiteral("1 s ago"));
    QCOMPARE(text(*panel, "gpsFixValue"), QStringLiteral("3D"));
    QCOMPARE(text(*panel, "gpsTimeValidValue"), QStringLiteral("Yes"));

    window.resize(kTouchScreenSize);
    window.showSnapshot(gpsFeedStopped());
    window.findChild<QTabWidget *>()->setCurrentIndex(4);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.grab().save(screenshotPath(QStringLiteral("gps-aged-out.png"))));
}

void TestWindowState::staleWindowShowsNothingGreen()
{
    MainWindow window;
    window.showSnapshot(synchronisedToGps());
    QVERIFY(!greenThings(window).isEmpty()); // live and selected: green is right
    window.markSnapshotStale();
    QVERIFY2(greenThings(window).isEmpty(), qPrintable(greenThings(window).join(QLatin1Char(' '))));
    QVERIFY(text(window, "syncSummary").startsWith(QStringLiteral("Last known")));
}

void TestWindowState::offsetsHaveChronycsSign()
{
    MainWindow window;
    window.showSnapshot(synchronisedToGps()); // the source is 13 us behind us
    const auto *model = window.findChild<SourcesTableModel *>();
    QVERIFY(model);
    const QString header = model->headerData(SourcesTableModel::OffsetColumn, Qt::Horizontal).toString();
    QVERIFY2(header.contains(QStringLiteral("local")), qPrintable(header));
    QCOMPARE(model->index(0, SourcesTableModel::OffsetColumn).data().toString(), QStringLiteral("+13 \u00b5s"));
    QCOMPARE(model->index(0, SourcesTableModel::OffsetColumn).data(SourcesTableModel::RawValueRole).toDouble(), 13e-6);
    // The chart draws the same sign and says which.
    auto *charts = window.findChild<ChartsPage *>();
    QVERIFY(charts);
    charts->setKind(ChartsPage::Kind::SourceOffsets);
    bool labelled = false;
    for (const QAbstractAxis *axis : charts->canvas()->chart()->axes(Qt::Vertical))
        labelled = labelled || axis->titleText().contains(QStringLiteral("local"));
    QVERIFY(labelled);
    // The recorded offset is "source ahead"; the chart shows it negated, as the table does.
    QCOMPARE(charts->lines().size(), std::size_t(1));
    QCOMPARE(charts->lines().front().sign, -1.0);
}

void TestWindowState::unavailableActionsSayWhy()
{
    MainWindow window;
    window.setConnectionDescription(QStringLiteral("Simulation, serving NTP on UDP port 11123"));
    window.setReloadUnavailable(QStringLiteral("not available in the simulation"));
    window.setMakeStepUnavailable(QStringLiteral("not available in the simulation"));
    window.showSnapshot(synchronisedToGps());
    auto *reload = window.findChild<QAction *>(QStringLiteral("reloadAction"));
    auto *step = window.findChild<QAction *>(QStringLiteral("makeStepAction"));
    QVERIFY(!reload->isEnabled());
    QVERIFY(!step->isEnabled());
    // Seen without hovering: beside the buttons.
    QVERIFY2(
        text(window, "actionsNote").contains(QStringLiteral("not available in the simulation"), Qt::CaseInsensitive),
        qPrintable(text(window, "actionsNote")));
    window.resize(kTouchScreenSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(label(window, "actionsNote")->isVisible());
    QVERIFY(window.grab().save(screenshotPath(QStringLiteral("actions-unavailable.png"))));
    // Triggered anyway (a shortcut): nothing is asked.
    step->trigger();
    QVERIFY(!openBox(window, "stepConfirmation"));
}

void TestWindowState::stepConfirmationSaysHowFar()
{
    MainWindow window;
    EngineSnapshot s = synchronisedToGps();
    s.reference.systemTimeOffset = 0.0123; // our time is 12.3 ms fast
    window.showSnapshot(s);
    window.findChild<QAction *>(QStringLiteral("makeStepAction"))->trigger();
    QMessageBox *box = openBox(window, "stepConfirmation");
    QVERIFY(box);
    QVERIFY2(box->informativeText().contains(QStringLiteral("-12.3 ms")), qPrintable(box->informativeText()));
    box->reject();
}

void TestWindowState::tappingASourceShowsItsDetail()
{
    MainWindow window;
    window.resize(kTouchScreenSize);
    window.showSnapshot(gpsFeedStopped());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *view = window.findChild<QTableView *>();
    const QRect cell = view->visualRect(view->model()->index(0, SourcesTableModel::NameColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    auto *detail = window.findChild<SourceDetailDialog *>();
    QVERIFY(detail);
    QTRY_VERIFY(detail->isVisible());
    // Why it is not selected, in words, not in a tooltip.
    QVERIFY2(text(*detail, "sourceDetailWhy").contains(QStringLiteral("Not reachable")),
             qPrintable(text(*detail, "sourceDetailWhy")));
    QCOMPARE(text(*detail, "detailOffset"), QStringLiteral("+13 \u00b5s"));
    auto *close = detail->findChild<QPushButton *>(QStringLiteral("closeSourceDetail"));
    QVERIFY(close);
    QVERIFY(close->height() >= kTouchTargetPx);
    QVERIFY(detail->grab().save(screenshotPath(QStringLiteral("source-detail.png"))));
    close->click();
    QTRY_VERIFY(!detail || !detail->isVisible());
}

void TestWindowState::missingDeviceAndUnresolvedNameAreListed()
{
    MainWindow window;
    EngineSnapshot s = gpsFeedStopped();
    SourceSnapshot pps;
    pps.id = 8;
    pps.name = "PPS";
    pps.kind = SourceKind::RefClock;
    pps.driverFault = true;
    pps.driverStatus = "/dev/pps0: no such device";
    s.sources.push_back(pps);
    s.unresolved = {UnresolvedName{"pool.invalid", true, true}};
    window.showSnapshot(s);
    const auto *model = window.findChild<SourcesTableModel *>();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(1, SourcesTableModel::StatusColumn).data().toString(),
             QStringLiteral("/dev/pps0: no such device"));
    QCOMPARE(model->index(2, SourcesTableModel::NameColumn).data().toString(), QStringLiteral("pool.invalid"));
    QCOMPARE(model->index(2, SourcesTableModel::StatusColumn).data().toString(),
             QStringLiteral("Cannot resolve pool.invalid"));
}

void TestWindowState::configurationWarningsAreListed()
{
    MainWindow window;
    window.resize(kTouchScreenSize);
    window.showSnapshot(synchronisedToGps());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *action = window.findChild<QAction *>(QStringLiteral("configWarningsAction"));
    QVERIFY(action);
    // No warnings, nothing to see.
    QVERIFY(!action->isVisible());

    EngineSnapshot s = synchronisedToGps();
    s.configWarnings = {"/etc/stratumone/stratumone.conf:3:1: warning: 'ratelimit' has no effect yet",
                        "/etc/stratumone/stratumone.conf:7:22: warning: 'xleave' has no effect yet"};
    window.showSnapshot(s);
    QVERIFY(action->isVisible());
    QCOMPARE(action->text(), QStringLiteral("2 configuration warnings"));
    // On the tool bar, as a button a finger can hit.
    auto *toolBar = window.findChild<QToolBar *>(QStringLiteral("actionsToolBar"));
    auto *button = qobject_cast<QToolButton *>(toolBar->widgetForAction(action));
    QVERIFY(button);
    QTRY_VERIFY(button->isVisible());
    QCOMPARE(button->text(), QStringLiteral("2"));
    QVERIFY(button->height() >= kTouchTargetPx);

    QTest::mouseClick(button, Qt::LeftButton);
    auto *dialog = window.findChild<ConfigWarningsDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    // Each warning in full, readable without hovering.
    QCOMPARE(text(*dialog, "configWarning0"), QString::fromStdString(s.configWarnings[0]));
    QCOMPARE(text(*dialog, "configWarning1"), QString::fromStdString(s.configWarnings[1]));
    QVERIFY(dialog->grab().save(screenshotPath(QStringLiteral("config-warnings.png"))));

    // Kept up to date while open: a reload that fixed one.
    s.configWarnings.pop_back();
    window.showSnapshot(s);
    QCOMPARE(action->text(), QStringLiteral("1 configuration warning"));
    QCOMPARE(text(*dialog, "configWarning0"), QString::fromStdString(s.configWarnings[0]));
    QVERIFY(!label(*dialog, "configWarning1"));

    auto *close = dialog->findChild<QPushButton *>(QStringLiteral("closeConfigWarnings"));
    QVERIFY(close);
    QVERIFY(close->height() >= kTouchTargetPx);
    close->click();
    QTRY_VERIFY(!dialog || !dialog->isVisible());

    s.configWarnings.clear();
    window.showSnapshot(s);
    QVERIFY(!action->isVisible());
}

void TestWindowState::sourceNeedingAuthenticationSaysWhy()
{
    MainWindow window;
    window.resize(kTouchScreenSize);
    EngineSnapshot s = synchronisedToGps();
    SourceSnapshot server;
    server.id = 9;
    server.name = "ntp.example.org";
    server.kind = SourceKind::Server;
    server.address = SocketAddress{IpAddress::v4(0xC0000209), 123};
    server.state = SourceState::Unusable;
    server.selectionLetter = 'N';
    server.stratum = 2;
    server.reach = 0377;
    server.requestsSent = 10;
    server.repliesAccepted = 10;
    server.lastRx = s.time - 5s;
    server.lastSample = SourceSample{*server.lastRx, 1e-3, 2e-3, 1e-6, 2, 1e-3};
    server.unselectableReason = "it requires authentication with key 1, which is not supported yet";
    s.sources.push_back(server);
    window.showSnapshot(s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *view = window.findChild<QTableView *>();
    const QAbstractItemModel *model = view->model();
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, SourcesTableModel::NameColumn).data().toString() == QLatin1String("ntp.example.org"))
            row = r;
    QVERIFY(row >= 0);
    QCOMPARE(model->index(row, SourcesTableModel::StatusColumn).data().toString(),
             QStringLiteral("Never selected: authentication"));

    const QRect cell = view->visualRect(model->index(row, SourcesTableModel::NameColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    auto *detail = window.findChild<SourceDetailDialog *>();
    QVERIFY(detail);
    QTRY_VERIFY(detail->isVisible());
    const QString why = text(*detail, "sourceDetailWhy");
    QVERIFY2(why.startsWith(
                 QStringLiteral("Never selected: it requires authentication with key 1, which is not supported yet")),
             qPrintable(why));
    // Not the noselect option: the user did not ask for it.
    QVERIFY2(!why.contains(QStringLiteral("noselect")), qPrintable(why));
    QVERIFY(detail->grab().save(screenshotPath(QStringLiteral("source-detail-authentication.png"))));
}

QTEST_MAIN(TestWindowState)
#include "tst_windowstate.moc"
