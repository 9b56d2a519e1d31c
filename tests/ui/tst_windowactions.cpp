// MainWindow's actions (reload, step clock now): they ask by signal only when the state is
// current, the step asks for confirmation first, and the answer shows in the status bar (a
// failure also in a dialog). Also the in-process wiring's honest "not available" and the
// 800x480 screenshot docs/screenshots/actions.png (to S1_SCREENSHOT_DIR if set, else the build
// directory).
#include "MainWindow.h"
#include "ServiceViewer.h"
#include "WidgetTestSupport.h"
#include "wizard/GpsSetupWizard.h"

#include <QAction>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

using namespace s1;
using s1::test::labelText;
using s1::test::openBox;
using s1::test::screenshotPath;
using s1::test::snapshotSynchronisedToOneServer;

namespace {

const QSize kTouchScreenSize(800, 480);
constexpr int kTouchTargetPx = 44;
constexpr double kStepped = -0.0123; // s

QAction *action(const MainWindow &window, const char *name)
{
    return window.findChild<QAction *>(QLatin1String(name));
}

bool labelShown(const QWidget &window, const char *name)
{
    const auto *label = window.findChild<QLabel *>(QLatin1String(name));
    return label && label->isVisibleTo(&window);
}

} // namespace

class TestWindowActions : public QObject
{
    Q_OBJECT

private slots:
    void actionsWaitForAFreshState();
    void reloadAsksAndShowsTheAnswer();
    void stepAsksFirstAndCanBeCancelled();
    void stepConfirmedIsRequestedOnce();
    void failureIsShownClearly();
    void staleStateClosesTheQuestion();
    void outcomesAreWorded();
    void touchTargetsAndScreenshot();
    void gpsSetupOpensTheWizardOnTheConfiguration();
};

void TestWindowActions::actionsWaitForAFreshState()
{
    MainWindow window;
    QAction *reload = action(window, "reloadAction");
    QAction *step = action(window, "makeStepAction");
    QVERIFY(reload && step);
    QVERIFY(!reload->shortcut().isEmpty());
    QVERIFY(!step->shortcut().isEmpty());
    // Nothing to act on before the first state.
    QVERIFY(!reload->isEnabled());
    QVERIFY(!step->isEnabled());
    QSignalSpy reloads(&window, &MainWindow::reloadRequested);
    reload->trigger();
    QCOMPARE(reloads.count(), 0);

    window.showSnapshot(snapshotSynchronisedToOneServer());
    QVERIFY(reload->isEnabled());
    QVERIFY(step->isEnabled());

    // The shortcuts are the actions'.
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(reloads.count(), 1);
    window.showActionResult(true, QStringLiteral("Configuration reloaded"));
    QTest::keyClick(&window, Qt::Key_M, Qt::ControlModifier);
    QVERIFY(openBox(window, "stepConfirmation"));
    openBox(window, "stepConfirmation")->reject();
    reloads.clear();

    window.markSnapshotStale();
    QVERIFY(!reload->isEnabled());
    QVERIFY(!step->isEnabled());
    reload->trigger();
    step->trigger();
    QCOMPARE(reloads.count(), 0);
    QVERIFY(!openBox(window, "stepConfirmation"));

    window.showSnapshot(snapshotSynchronisedToOneServer());
    QVERIFY(reload->isEnabled());
}

void TestWindowActions::reloadAsksAndShowsTheAnswer()
{
    MainWindow window;
    window.setConnectionDescription(QStringLiteral("Service at /run/s1.sock: connected"));
    window.showSnapshot(snapshotSynchronisedToOneServer());
    window.show();
    QSignalSpy reloads(&window, &MainWindow::reloadRequested);
    QSignalSpy steps(&window, &MainWindow::makeStepRequested);

    action(window, "reloadAction")->trigger();
    QCOMPARE(reloads.count(), 1);
    QCOMPARE(steps.count(), 0);
    // Waiting for the answer: no second request meanwhile, and it says what it is doing.
    QVERIFY(window.isActionPending());
    QVERIFY(!action(window, "reloadAction")->isEnabled());
    QVERIFY(!action(window, "makeStepAction")->isEnabled());
    action(window, "reloadAction")->trigger();
    QCOMPARE(reloads.count(), 1);
    QCOMPARE(labelText(window, "actionResult"), QStringLiteral("Reloading the configuration…"));

    window.showActionResult(true, QStringLiteral("Configuration reloaded"));
    QVERIFY(!window.isActionPending());
    QVERIFY(action(window, "reloadAction")->isEnabled());
    QCOMPARE(labelText(window, "actionResult"), QStringLiteral("Configuration reloaded"));
    QVERIFY(labelShown(window, "actionResult"));
    // The answer takes the connection's place for a while; the connection is still known.
    QVERIFY(!labelShown(window, "connectionDescription"));
    QCOMPARE(labelText(window, "connectionDescription"), QStringLiteral("Service at /run/s1.sock: connected"));
    QVERIFY(!openBox(window, "actionFailure"));
}

void TestWindowActions::stepAsksFirstAndCanBeCancelled()
{
    MainWindow window;
    window.showSnapshot(snapshotSynchronisedToOneServer());
    window.show();
    QSignalSpy steps(&window, &MainWindow::makeStepRequested);

    action(window, "makeStepAction")->trigger();
    QMessageBox *box = openBox(window, "stepConfirmation");
    QVERIFY(box);
    QCOMPARE(steps.count(), 0);
    // Cancel is the default: Enter does not step.
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!openBox(window, "stepConfirmation"));
    QCOMPARE(steps.count(), 0);
    QVERIFY(!window.isActionPending());
    QVERIFY(action(window, "makeStepAction")->isEnabled());

    // Escape cancels too.
    action(window, "makeStepAction")->trigger();
    box = openBox(window, "stepConfirmation");
    QVERIFY(box);
    QTest::keyClick(box, Qt::Key_Escape);
    QTRY_VERIFY(!openBox(window, "stepConfirmation"));
    QCOMPARE(steps.count(), 0);
}

void TestWindowActions::stepConfirmedIsRequestedOnce()
{
    MainWindow window;
    window.showSnapshot(snapshotSynchronisedToOneServer());
    window.show();
    QSignalSpy steps(&window, &MainWindow::makeStepRequested);

    action(window, "makeStepAction")->trigger();
    // A second trigger while asking does not stack a second question.
    action(window, "makeStepAction")->trigger();
    QCOMPARE(window.findChildren<QMessageBox *>(QStringLiteral("stepConfirmation")).size(), 1);
    QMessageBox *box = openBox(window, "stepConfirmation");
    QVERIFY(box);
    auto *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmStepButton"));
    QVERIFY(confirm);
    QVERIFY(confirm->height() >= kTouchTargetPx);
    QTest::mouseClick(confirm, Qt::LeftButton);
    QCOMPARE(steps.count(), 1);
    QVERIFY(window.isActionPending());
    QCOMPARE(labelText(window, "actionResult"), QStringLiteral("Stepping the clock…"));

    const QString message = ServiceViewer::describeMakeStep(true, kStepped, {});
    window.showActionResult(true, message);
    QCOMPARE(labelText(window, "actionResult"), QStringLiteral("Clock stepped by -12.3 ms"));
    QVERIFY(!window.isActionPending());
}

void TestWindowActions::failureIsShownClearly()
{
    MainWindow window;
    window.showSnapshot(snapshotSynchronisedToOneServer());
    window.show();
    action(window, "reloadAction")->trigger();
    const QString error = QStringLiteral("Reload failed: /etc/s1.conf has errors; the running configuration is kept\n"
                                         "/etc/s1.conf:3:1: unknown directive 'sever'");
    window.showActionResult(false, error);

    // The first line in the status bar, in bold; all of it in a dialog that waits to be read.
    QCOMPARE(labelText(window, "actionResult"),
             QStringLiteral("Reload failed: /etc/s1.conf has errors; the running configuration is kept"));
    const auto *label = window.findChild<QLabel *>(QStringLiteral("actionResult"));
    QVERIFY(label->font().bold());
    QCOMPARE(label->toolTip(), error);
    QMessageBox *box = openBox(window, "actionFailure");
    QVERIFY(box);
    QCOMPARE(box->text(), QStringLiteral("Reload failed: /etc/s1.conf has errors; the running configuration is kept"));
    QCOMPARE(box->detailedText(), error);
    QVERIFY(action(window, "reloadAction")->isEnabled());

    // A success afterwards is neither bold nor in a dialog.
    box->accept();
    QTRY_VERIFY(!openBox(window, "actionFailure"));
    action(window, "reloadAction")->trigger();
    window.showActionResult(true, QStringLiteral("Configuration reloaded"));
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("actionResult"))->font().bold());
    QVERIFY(!openBox(window, "actionFailure"));
}

void TestWindowActions::staleStateClosesTheQuestion()
{
    MainWindow window;
    window.showSnapshot(snapshotSynchronisedToOneServer());
    window.show();
    QSignalSpy steps(&window, &MainWindow::makeStepRequested);
    action(window, "makeStepAction")->trigger();
    QVERIFY(openBox(window, "stepConfirmation"));
    // The service goes away while the user reads the question: it no longer applies.
    window.markSnapshotStale();
    QTRY_VERIFY(!openBox(window, "stepConfirmation"));
    QCOMPARE(steps.count(), 0);
    QVERIFY(!action(window, "makeStepAction")->isEnabled());
}

void TestWindowActions::outcomesAreWorded()
{
    QCOMPARE(ServiceViewer::describeMakeStep(true, 0, {}),
             QStringLiteral("Clock step done: no correction was pending"));
    QCOMPARE(ServiceViewer::describeMakeStep(true, 2.5e-6, {}), QStringLiteral("Clock stepped by +2.5 \u00b5s"));
    QCOMPARE(ServiceViewer::describeMakeStep(false, 0, QStringLiteral("makestep: the engine is not running")),
             QStringLiteral("Clock step failed: makestep: the engine is not running"));
    QCOMPARE(ServiceViewer::describeReload(true, QJsonObject{{"reloaded", true}, {"warnings", QJsonArray()}}, {}),
             QStringLiteral("Configuration reloaded"));
    const QJsonObject warned{{"reloaded", true},
                             {"warnings", QJsonArray{QStringLiteral("s1.conf:2:1: 'rtcsync' is ignored"),
                                                     QStringLiteral("s1.conf:4:1: 'dumpdir' is ignored")}}};
    QCOMPARE(ServiceViewer::describeReload(true, warned, {}),
             QStringLiteral("Configuration reloaded with 2 warning(s): s1.conf:2:1: 'rtcsync' is ignored"));
    QCOMPARE(ServiceViewer::describeReload(false, {}, QStringLiteral("a reload is already in progress")),
             QStringLiteral("Reload failed: a reload is already in progress"));
}

void TestWindowActions::touchTargetsAndScreenshot()
{
    MainWindow window;
    window.setConnectionDescription(QStringLiteral("Service at /run/stratumone/stratumone.sock: connected"));
    window.showSnapshot(snapshotSynchronisedToOneServer());
    window.resize(kTouchScreenSize);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.size(), kTouchScreenSize);

    auto *toolBar = window.findChild<QToolBar *>(QStringLiteral("actionsToolBar"));
    QVERIFY(toolBar);
    for (const char *name : {"reloadAction", "makeStepAction"}) {
        QWidget *button = toolBar->widgetForAction(action(window, name));
        QVERIFY2(button && button->isVisible(), name);
        QVERIFY2(button->height() >= kTouchTargetPx, name);
        // Whole, not behind the tool bar's overflow button.
        QVERIFY2(button->geometry().right() < toolBar->width(), name);
    }

    action(window, "makeStepAction")->trigger();
    QMessageBox *box = openBox(window, "stepConfirmation");
    QVERIFY(box);
    box->findChild<QPushButton *>(QStringLiteral("confirmStepButton"))->click();
    window.showActionResult(true, ServiceViewer::describeMakeStep(true, kStepped, {}));
    QCoreApplication::processEvents();
    const QPixmap shot = window.grab();
    QCOMPARE(shot.size(), kTouchScreenSize);
    QVERIFY(shot.save(screenshotPath(QStringLiteral("actions.png"))));

    action(window, "makeStepAction")->trigger();
    box = openBox(window, "stepConfirmation");
    QVERIFY(box);
    QVERIFY(box->grab().save(screenshotPath(QStringLiteral("actions-confirm.png"))));
    box->reject();
}

void TestWindowActions::gpsSetupOpensTheWizardOnTheConfiguration()
{
    MainWindow window;
    window.setConfigurationPath(QStringLiteral("/tmp/s1-test/chrony.conf"));
    QAction *gps = action(window, "gpsSetupAction");
    QVERIFY(gps);
    QVERIFY(!gps->shortcut().isEmpty());
    // Setting up a receiver only edits a file: no live state needed.
    QVERIFY(gps->isEnabled());
    gps->trigger();
    auto *wizard = window.findChild<GpsSetupWizard *>();
    QVERIFY(wizard);
    QCOMPARE(wizard->state().configPath, QStringLiteral("/tmp/s1-test/chrony.conf"));
    QCOMPARE(wizard->windowModality(), Qt::WindowModal);

    // Once the wizard wrote the file, the window says what to do next.
    emit wizard->configurationWritten(QStringLiteral("/tmp/s1-test/chrony.conf"));
    const QString shown = labelText(window, "actionResult");
    QVERIFY2(shown.contains(QStringLiteral("/tmp/s1-test/chrony.conf")) && shown.contains(QStringLiteral("reload")),
             qPrintable(shown));
    // No state yet, so no reload can go out: nothing is offered.
    QVERIFY(!openBox(window, "reloadAfterGpsSetup"));
    wizard->reject();

    // With a live state a reload is offered; "Later" sends nothing, "Reload now" sends one.
    window.showSnapshot(snapshotSynchronisedToOneServer());
    QSignalSpy reloads(&window, &MainWindow::reloadRequested);
    for (const char *button : {"Later", "reloadNowButton"}) {
        gps->trigger();
        auto *next = window.findChildren<GpsSetupWizard *>().constLast();
        emit next->configurationWritten(QStringLiteral("/tmp/s1-test/chrony.conf"));
        QMessageBox *offer = openBox(window, "reloadAfterGpsSetup");
        QVERIFY(offer);
        QAbstractButton *choice = QLatin1String(button) == QLatin1String("Later")
                                      ? offer->buttons().value(offer->buttons().indexOf(offer->escapeButton()))
                                      : offer->findChild<QPushButton *>(QLatin1String(button));
        QVERIFY(choice);
        choice->click();
        next->reject();
    }
    QCOMPARE(reloads.count(), 1);
}

QTEST_MAIN(TestWindowActions)
#include "tst_windowactions.moc"
