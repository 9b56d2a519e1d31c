#include "MainWindow.h"

#include "alarms/AlarmBanner.h"
#include "alarms/AlarmListDialog.h"
#include "charts/ChartsPage.h"

#include "ConfigWarningsDialog.h"
#include "DisplayFormat.h"
#include "GpsPanel.h"
#include "ReferencePanel.h"
#include "ServerStatsPanel.h"
#include "SnapshotFeed.h"
#include "SourceDetailDialog.h"
#include "SourcesTableModel.h"
#include "SourcesView.h"
#include "StatusColors.h"
#include "TextColor.h"
#include "TouchStyle.h"
#include "TrackingPanel.h"
#include "config/CalibrationApplier.h"
#include "config/ConfigurationDialog.h"
#include "config/ConfigurationPage.h"
#include "dashboard/DashboardPage.h"
#include "wizard/GpsSetupWizard.h"

#include <QAction>
#include <QDialog>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>
#include <cmath>

Q_LOGGING_CATEGORY(lcKiosk, "s1.kiosk")

namespace s1 {

namespace {

constexpr int kTabMinWidthPx = 64;
constexpr int kPageMarginPx = 8;
constexpr int kPanelSpacingPx = 12;
constexpr int kStatusMarginPx = 6;
// The status bar's own margins and spacing, and a little more: a line too many beats a cut one.
constexpr int kStatusReservePx = 24;
// A comfortable desktop size; smaller screens get their available area instead.
constexpr QSize kDefaultWindowSize(1024, 640);
// Dialog buttons a finger can hit, and wide enough that "Step clock" is not a sliver.
constexpr int kDialogButtonMinWidthPx = 120;
// A success is news for a moment; a failure also has its dialog, but the status bar keeps it
// long enough to be read by someone who dismissed that too quickly.
constexpr std::chrono::milliseconds kSuccessShownFor{10'000};
constexpr std::chrono::milliseconds kFailureShownFor{60'000};

enum Tab { SourcesTab, ServerTab, TrackingTab, ChartTab };

// The corner summary: as wide as its text on one line, at most `room` (what the tabs leave),
// wrapping within that. QTabWidget gives a corner widget its size hint and squeezes the tabs
// behind scroll arrows for it; QLabel's own hint neither knows the room nor follows it.
class SyncSummaryLabel : public QLabel
{
public:
    using QLabel::QLabel;

    void setRoom(int room)
    {
        if (room == m_room)
            return;
        m_room = room;
        updateGeometry();
    }

    QSize sizeHint() const override
    {
        const QMargins margins = contentsMargins();
        const int oneLine = fontMetrics().horizontalAdvance(text()) + margins.left() + margins.right() + 1;
        const int width = std::max(0, std::min(oneLine, m_room));
        return {width, std::max(heightForWidth(width), minimumHeight())};
    }
    QSize minimumSizeHint() const override { return sizeHint(); }

private:
    int m_room = QWIDGETSIZE_MAX;
};

// For every question and message box the window opens.
QString dialogButtonStyleSheet()
{
    return QStringLiteral("QPushButton { min-height: %1px; min-width: %2px; }")
        .arg(kTouchTargetPx)
        .arg(kDialogButtonMinWidthPx);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    // Small text is the first thing that fails on a 7" touchscreen held at arm's length: the
    // window and every dialog it opens (windows of their own, which inherit nothing from it).
    : QMainWindow(withTouchStyle(parent))
    , m_sourcesModel(new SourcesTableModel(this))
    , m_sortedSources(new QSortFilterProxyModel(this))
    , m_tabs(new QTabWidget(this))
    , m_sourcesView(new SourcesView(m_tabs))
    , m_syncSummary(new SyncSummaryLabel(m_tabs))
{
    setWindowTitle(tr("Stratum One"));
    // The icon the desktop file names, also on the title bar and the task switcher.
    setWindowIcon(QIcon(QStringLiteral(":/icons/stratumone.svg")));

    m_sortedSources->setSourceModel(m_sourcesModel);
    m_sortedSources->setSortRole(SourcesTableModel::SortRole);
    m_sortedSources->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_sourcesView->setModel(m_sortedSources);
    // A tap on a source shows all there is to know about it, reasons included.
    connect(m_sourcesView, &QAbstractItemView::clicked, this, &MainWindow::openSourceDetail);

    m_tabs->setDocumentMode(true);
    // The base line would stop short under the corner summary; the pages have their own edge.
    m_tabs->tabBar()->setDrawBase(false);
    // Style sheet only for sizes; Fusion still draws the tabs.
    m_tabs->tabBar()->setStyleSheet(
        QStringLiteral("QTabBar::tab { min-height: %1px; min-width: %2px; }").arg(kTouchTargetPx).arg(kTabMinWidthPx));
    m_tabs->addTab(m_sourcesView, tr("Sources"));
    m_tabs->addTab(createServerPage(), tr("Server"));
    m_tabs->addTab(createTrackingPage(), tr("Tracking"));
    // At 800x480 the chart needs the whole page to stay readable.
    m_chartsPage = new ChartsPage(m_tabs);
    m_chartsPage->setObjectName(QStringLiteral("chartsPage"));
    m_tabs->addTab(m_chartsPage, tr("Chart"));
    // Not in a scroll area: the panel fits the page (its sections take turns), and a scroll
    // area would size it by its preferred height instead, taller than an 800x416 page.
    m_gpsPanel = new GpsPanel(m_tabs);
    m_gpsPanel->setObjectName(QStringLiteral("gpsPanel"));
    m_tabs->addTab(m_gpsPanel, tr("GPS"));

    m_syncSummary->setObjectName(QStringLiteral("syncSummary"));
    m_syncSummary->setContentsMargins(kPageMarginPx, 0, kPageMarginPx, 0);
    // As tall as the tabs, so that the text centres on theirs.
    m_syncSummary->setMinimumHeight(kTouchTargetPx);
    // Two lines rather than pushing the tabs behind scroll arrows; see fitSyncSummary().
    m_syncSummary->setWordWrap(true);
    m_tabs->setCornerWidget(m_syncSummary, Qt::TopRightCorner);
    m_tabs->installEventFilter(this);
    // The dashboard takes the tabs' place rather than a tab of its own: the tab bar has no room
    // for another tab beside the summary at 800 px.
    m_central = new QStackedWidget(this);
    m_tabsPolicy = m_tabs->sizePolicy();
    m_central->addWidget(m_tabs);
    m_dashboard = new DashboardPage(m_central);
    m_central->addWidget(m_dashboard);
    connect(m_dashboard, &DashboardPage::longPressed, this, [this] { setKioskMode(false); });
    // The alarm banner above the pages (and the dashboard): seen whatever page is shown.
    m_alarmBanner = new AlarmBanner(this);
    connect(m_alarmBanner, &AlarmBanner::clicked, this, &MainWindow::openAlarmList);
    auto *body = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->setSpacing(0);
    bodyLayout->addWidget(m_alarmBanner);
    bodyLayout->addWidget(m_central, 1);
    setCentralWidget(body);

    createConfigurationDialog();
    createStatusBar();
    createActions();
    showSyncSummary(ReferenceSnapshot{}, {});

    const QScreen *screen = QGuiApplication::primaryScreen();
    resize(screen ? kDefaultWindowSize.boundedTo(screen->availableGeometry().size()) : kDefaultWindowSize);
}

void MainWindow::showSnapshot(const s1::EngineSnapshot &snapshot)
{
    m_sourcesModel->setSources(snapshot.sources, snapshot.time, snapshot.unresolved);
    m_sourcesModel->setStale(false);
    m_serverStats->showStats(snapshot.server, snapshot.ntpPort, snapshot.serverError);
    const bool synchronised = syncState(snapshot.reference, snapshot.sources) == SyncState::Synchronised;
    m_reference->showReference(snapshot.reference, synchronised, false);
    m_tracking->showTracking(snapshot.reference);
    m_chartsPage->showSnapshot(snapshot);
    m_dashboard->showSnapshot(snapshot);
    // GPS times are on the host clock's scale; older services do not say where that was.
    m_gpsPanel->setStatus(snapshot.gps, snapshot.hostTime.value_or(snapshot.time));
    m_gpsPanel->setStale(false);
    m_stale = false;
    m_lastReference = snapshot.reference;
    m_lastSources = snapshot.sources;
    m_lastSnapshotTime = snapshot.time;
    showSyncSummary(snapshot.reference, snapshot.sources);
    m_tabs->setTabText(SourcesTab, tr("Sources (%1)").arg(m_sourcesModel->rowCount()));
    showSnapshotAge();
    showConfigWarnings(snapshot.configWarnings);
    m_alarms = snapshot.alarms;
    m_alarmBanner->setAlarms(m_alarms);
    m_alarmBanner->setStale(false);
    if (m_alarmList)
        m_alarmList->setAlarms(m_alarms);
    updateActions();
    updateSourceDetail();
}

void MainWindow::openAlarmList()
{
    if (!m_alarmList) {
        auto *dialog = new AlarmListDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        // Never larger than the window: on the touchscreen it covers it.
        dialog->resize(dialog->size().boundedTo(size()));
        m_alarmList = dialog;
    }
    m_alarmList->setAlarms(m_alarms);
    m_alarmList->open();
}

void MainWindow::showConfigWarnings(const std::vector<std::string> &warnings)
{
    QStringList list;
    for (const std::string &warning : warnings)
        list << QString::fromStdString(warning);
    m_configWarnings = list;
    // Counted where it is seen at a glance, listed a tap away.
    // No English translation resolves tr()'s plural forms: the two forms English and German have.
    const bool one = list.size() == 1;
    m_configWarningsAction->setText(one ? tr("1 configuration warning")
                                        : tr("%1 configuration warnings").arg(list.size()));
    // On the tool bar the warning sign and the count, like a badge: "Warnungen" beside the
    // other buttons is more than 800 px hold.
    m_configWarningsAction->setIconText(QString::number(list.size()));
    m_configWarningsAction->setVisible(!list.isEmpty());
    if (m_configWarningsDialog)
        m_configWarningsDialog->setWarnings(list);
}

void MainWindow::openConfigWarnings()
{
    if (!m_configWarningsDialog) {
        auto *dialog = new ConfigWarningsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        // Never larger than the window: on the touchscreen it covers it.
        dialog->resize(dialog->size().boundedTo(size()));
        m_configWarningsDialog = dialog;
    }
    m_configWarningsDialog->setWarnings(m_configWarnings);
    m_configWarningsDialog->open();
}

void MainWindow::setFeed(SnapshotFeed *feed)
{
    connect(feed, &SnapshotFeed::snapshotReady, this, &MainWindow::showSnapshot);
    connect(feed, &SnapshotFeed::connectionChanged, this, &MainWindow::setConnectionDescription);
    connect(feed, &SnapshotFeed::snapshotsStale, this, &MainWindow::markSnapshotStale);
    connect(feed, &SnapshotFeed::actionFinished, this, &MainWindow::showActionResult);
    connect(feed, &SnapshotFeed::configurationPathChanged, this, &MainWindow::setConfigurationPath);
    connect(this, &MainWindow::reloadRequested, feed, &SnapshotFeed::requestReload);
    connect(this, &MainWindow::makeStepRequested, feed, &SnapshotFeed::requestMakeStep);
    m_configPage->setFeed(feed);
    m_calibrationApplier->setFeed(feed);
    m_chartsPage->setFeed(feed);
    // A feed that cannot edit the file may still show it (read-only): the action appears once
    // it has served the text. One with no file at all (the simulation) gets no button, which
    // also keeps the tool bar within 800 px beside the note that says what it cannot do.
    m_configurationAction->setVisible(feed->configurationEditUnavailableReason().isEmpty());
    if (!m_configurationAction->isVisible()) {
        connect(feed, &SnapshotFeed::configurationTextReady, m_configurationAction,
                [this] { m_configurationAction->setVisible(true); });
        m_configPage->requestText();
    }
    if (const QString reason = feed->reloadUnavailableReason(); !reason.isEmpty())
        setReloadUnavailable(reason);
    if (const QString reason = feed->makeStepUnavailableReason(); !reason.isEmpty())
        setMakeStepUnavailable(reason);
}

void MainWindow::setConnectionDescription(const QString &description)
{
    m_connection->setText(description);
    // Reasons can be long ("permission denied: ... run as a member of group ntpadm"): the
    // tooltip keeps all of it when the status bar cannot.
    m_connection->setToolTip(description);
}

void MainWindow::setReloadUnavailable(const QString &reason)
{
    m_reloadUnavailable = reason;
    updateActions();
    showActionsNote();
}

void MainWindow::setMakeStepUnavailable(const QString &reason)
{
    m_makeStepUnavailable = reason;
    updateActions();
    showActionsNote();
}

void MainWindow::showActionsNote()
{
    // Why an action is disabled, beside it, where it can be read without hovering.
    QStringList parts;
    // One reason for both: the two greyed buttons beside it say what it is about, and the
    // room between the buttons holds two short lines, not three.
    if (!m_reloadUnavailable.isEmpty() && m_reloadUnavailable == m_makeStepUnavailable) {
        QString reason = m_reloadUnavailable;
        reason[0] = reason[0].toUpper();
        parts << reason;
    } else {
        if (!m_reloadUnavailable.isEmpty())
            parts << tr("Reload: %1").arg(m_reloadUnavailable);
        if (!m_makeStepUnavailable.isEmpty())
            parts << tr("Step clock: %1").arg(m_makeStepUnavailable);
    }
    m_actionsNote->setText(parts.join(QLatin1Char('\n')));
    m_actionsNoteAction->setVisible(!parts.isEmpty());
}

void MainWindow::markSnapshotStale()
{
    if (!m_lastReference || m_stale)
        return;
    m_stale = true;
    // Nothing may look live any more: no green anywhere.
    m_sourcesModel->setStale(true);
    m_reference->showReference(*m_lastReference, syncState(*m_lastReference, m_lastSources) == SyncState::Synchronised,
                               true);
    m_gpsPanel->setStale(true);
    m_alarmBanner->setStale(true);
    m_dashboard->markStale();
    showSyncSummary(*m_lastReference, m_lastSources);
    showSnapshotAge();
    updateActions();
    updateSourceDetail();
}

void MainWindow::openSourceDetail(const QModelIndex &index)
{
    const QVariant id = index.data(SourcesTableModel::SourceIdRole);
    if (!id.isValid())
        return;
    if (!m_sourceDetail) {
        auto *dialog = new SourceDetailDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &SourceDetailDialog::calibrationRequested, this,
                [this](const QString &refId, double offset, double delay) {
                    if (!m_calibrationApplier->unavailableReason().isEmpty())
                        return;
                    // Before the call: a feed may answer within it.
                    showResultText(tr("Applying the calibration of %1…").arg(refId),
                                   palette().color(QPalette::WindowText), false);
                    m_calibrationApplier->apply(refId, offset, delay);
                    if (m_sourceDetail)
                        m_sourceDetail->setCalibrationUnavailable(m_calibrationApplier->unavailableReason());
                });
        // Never larger than the window: on the touchscreen it covers it.
        dialog->resize(dialog->size().boundedTo(size()));
        m_sourceDetail = dialog;
    }
    const int row = m_sourcesModel->rowOfSource(id.value<std::uint32_t>());
    if (row < 0)
        return;
    m_sourceDetail->setCalibrationUnavailable(m_calibrationApplier->unavailableReason());
    m_sourceDetail->showSource(m_sourcesModel->sourceAt(row), m_lastSnapshotTime, m_stale);
    m_sourceDetail->open();
}

void MainWindow::updateSourceDetail()
{
    if (!m_sourceDetail || !m_sourceDetail->isVisible())
        return;
    const int row = m_sourcesModel->rowOfSource(m_sourceDetail->sourceId());
    if (row < 0)
        m_sourceDetail->showGone();
    else
        m_sourceDetail->showSource(m_sourcesModel->sourceAt(row), m_lastSnapshotTime, m_stale);
}

void MainWindow::showActionResult(bool ok, const QString &message)
{
    m_actionPending = false;
    updateActions();
    if (ok) {
        showResultText(message, StatusColors::kGood, false);
        m_resultTimer->start(kSuccessShownFor);
        return;
    }
    // The dialog has room for all of it (a reload's diagnostics run over several lines); the
    // status bar shows the first line, the tooltip the rest.
    showResultText(message.section(QLatin1Char('\n'), 0, 0), StatusColors::kBad, true);
    m_actionResult->setToolTip(message);
    m_resultTimer->start(kFailureShownFor);
    showFailureDialog(message);
}

QAction *MainWindow::createAction(QStyle::StandardPixmap icon, const QString &text, const QString &name,
                                  const QKeySequence &shortcut, const QString &toolTip)
{
    auto *action = new QAction(style()->standardIcon(icon), text, this);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    // %1 in the tooltip: the shortcut as this desktop writes it.
    action->setToolTip(toolTip.arg(shortcut.toString(QKeySequence::NativeText)));
    return action;
}

void MainWindow::createActions()
{
    m_reloadAction = createAction(QStyle::SP_BrowserReload, tr("Reload configuration"), QStringLiteral("reloadAction"),
                                  QKeySequence(Qt::CTRL | Qt::Key_R),
                                  tr("Read the configuration file again and restart the engine with it (%1)"));
    connect(m_reloadAction, &QAction::triggered, this, &MainWindow::requestReload);

    m_makeStepAction = createAction(QStyle::SP_MediaSkipForward, tr("Step clock now"), QStringLiteral("makeStepAction"),
                                    QKeySequence(Qt::CTRL | Qt::Key_M),
                                    tr("Correct the whole remaining offset at once instead of slewing it (%1)"));
    connect(m_makeStepAction, &QAction::triggered, this, &MainWindow::confirmMakeStep);

    // Not tied to a live state: setting up a receiver only edits the configuration file.
    m_gpsSetupAction = createAction(QStyle::SP_DriveNetIcon, tr("GPS set-up…"), QStringLiteral("gpsSetupAction"),
                                    QKeySequence(Qt::CTRL | Qt::Key_G),
                                    tr("Find a GPS receiver on a serial port and add it to the configuration (%1)"));
    connect(m_gpsSetupAction, &QAction::triggered, this, &MainWindow::openGpsSetup);

    m_configurationAction =
        createAction(QStyle::SP_FileDialogDetailedView, tr("Configuration…"), QStringLiteral("configurationAction"),
                     QKeySequence(Qt::CTRL | Qt::Key_E), tr("Edit the configuration file, review and apply it (%1)"));
    connect(m_configurationAction, &QAction::triggered, this, &MainWindow::openConfiguration);
    // Without a feed there is no configuration to show; setFeed() decides.
    m_configurationAction->setVisible(false);

    // A kiosk has no title bar to close it or leave full screen with.
    m_fullScreenAction =
        createAction(QStyle::SP_TitleBarMaxButton, tr("Full screen"), QStringLiteral("fullScreenAction"),
                     QKeySequence(Qt::Key_F11), tr("Use the whole screen, without title bar (%1)"));
    m_fullScreenAction->setCheckable(true);
    connect(m_fullScreenAction, &QAction::toggled, this, &MainWindow::setFullScreen);
    m_quitAction = createAction(QStyle::SP_DialogCloseButton, tr("Quit"), QStringLiteral("quitAction"),
                                QKeySequence(Qt::CTRL | Qt::Key_Q), tr("Close the window (%1)"));
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_dashboardAction =
        createAction(QStyle::SP_ComputerIcon, tr("Dashboard"), QStringLiteral("dashboardAction"),
                     QKeySequence(Qt::CTRL | Qt::Key_D), tr("The state at a glance, in place of the tabs (%1)"));
    m_dashboardAction->setCheckable(true);
    connect(m_dashboardAction, &QAction::toggled, this, &MainWindow::showDashboard);
    // The tool bar is hidden in kiosk mode: the window itself holds the way out.
    m_leaveKioskAction =
        createAction(QStyle::SP_DialogCancelButton, tr("Leave kiosk mode"), QStringLiteral("leaveKioskAction"),
                     QKeySequence(Qt::Key_Escape), tr("Show the whole window (%1)"));
    m_leaveKioskAction->setEnabled(false);
    connect(m_leaveKioskAction, &QAction::triggered, this, [this] { setKioskMode(false); });
    addAction(m_leaveKioskAction);
    // Short words on the buttons, so that all five fit 800 px in any language; the tooltips and
    // the menus keep the full text.
    // Counted on the tool bar, listed a tap away (a touchscreen cannot hover for a tooltip);
    // texts set by showConfigWarnings().
    m_configWarningsAction = new QAction(style()->standardIcon(QStyle::SP_MessageBoxWarning), QString(), this);
    m_configWarningsAction->setObjectName(QStringLiteral("configWarningsAction"));
    m_configWarningsAction->setVisible(false);
    connect(m_configWarningsAction, &QAction::triggered, this, &MainWindow::openConfigWarnings);
    m_reloadAction->setIconText(tr("Reload"));
    m_makeStepAction->setIconText(tr("Step clock"));
    m_gpsSetupAction->setIconText(tr("GPS set-up"));

    auto *toolBar = new QToolBar(tr("Actions"), this);
    toolBar->setObjectName(QStringLiteral("actionsToolBar"));
    // Fixed in place: a kiosk user must not drag it away or hide it by a stray long press.
    toolBar->setMovable(false);
    toolBar->setFloatable(false);
    toolBar->setContextMenuPolicy(Qt::PreventContextMenu);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_reloadAction);
    toolBar->addAction(m_makeStepAction);
    toolBar->addAction(m_gpsSetupAction);
    toolBar->addAction(m_configurationAction);
    toolBar->addAction(m_configWarningsAction);
    m_actionsNote = new QLabel(toolBar);
    m_actionsNote->setObjectName(QStringLiteral("actionsNote"));
    m_actionsNote->setContentsMargins(kPageMarginPx, 0, kPageMarginPx, 0);
    // Two short lines fit beside the buttons on an 800 px screen.
    m_actionsNote->setWordWrap(true);
    m_actionsNote->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_actionsNote->setForegroundRole(QPalette::PlaceholderText);
    // Shown and hidden through its action: the tool bar owns the label's visibility.
    m_actionsNoteAction = toolBar->addWidget(m_actionsNote);
    m_actionsNoteAction->setVisible(false);
    // The window's own actions at the far end, away from the engine's.
    auto *gap = new QWidget(toolBar);
    gap->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(gap);
    toolBar->addAction(m_dashboardAction);
    toolBar->addAction(m_fullScreenAction);
    toolBar->addAction(m_quitAction);
    for (QAction *action : {m_reloadAction, m_makeStepAction, m_gpsSetupAction, m_configurationAction,
                            m_configWarningsAction, m_dashboardAction, m_fullScreenAction, m_quitAction}) {
        auto *button = qobject_cast<QToolButton *>(toolBar->widgetForAction(action));
        if (!button)
            continue;
        button->setMinimumHeight(kTouchTargetPx);
        // Framed: a touchscreen has no hover to reveal that flat text is a button.
        button->setAutoRaise(false);
    }
    // An icon only: with its words the tool bar needs more than 800 px in German, and the
    // note beside the buttons more lines than it has; the tooltip and the dialog's title say it.
    if (auto *button = qobject_cast<QToolButton *>(toolBar->widgetForAction(m_configurationAction))) {
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        button->setFixedWidth(kTouchTargetPx);
    }
    // Icons only, like the configuration's: with the dashboard's button beside it, "Vollbild"
    // and the simulation's note need more than 800 px. The window-frame glyph says full screen.
    for (QAction *action : {m_dashboardAction, m_fullScreenAction}) {
        if (auto *button = qobject_cast<QToolButton *>(toolBar->widgetForAction(action))) {
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
            button->setFixedWidth(kTouchTargetPx);
        }
    }
    addToolBar(Qt::TopToolBarArea, toolBar);
    m_toolBar = toolBar;
    updateActions();
}

bool MainWindow::isDashboardShown() const
{
    return m_central->currentWidget() == m_dashboard;
}

void MainWindow::showDashboard(bool shown)
{
    m_central->setCurrentWidget(shown ? static_cast<QWidget *>(m_dashboard) : m_tabs);
    // A stack is as large as its largest page: the hidden tabs must not keep the window taller
    // than the dashboard needs (the dashboard itself takes any size, see DashboardPage).
    QSizePolicy policy = m_tabsPolicy;
    if (shown)
        policy = QSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_tabs->setSizePolicy(policy);
    m_dashboardAction->setChecked(shown);
}

void MainWindow::setScreenSaverInhibitor(std::unique_ptr<ScreenSaverInhibitor> inhibitor)
{
    if (m_inhibitor && m_screenSaverInhibited)
        m_inhibitor->release();
    m_screenSaverInhibited = false;
    m_inhibitor = std::move(inhibitor);
    if (m_kiosk)
        setKioskMode(true);
}

void MainWindow::setKioskMode(bool on)
{
    if (on) {
        showDashboard(true);
        m_toolBar->hide();
        statusBar()->hide();
        setFullScreen(true);
        m_leaveKioskAction->setEnabled(true);
        if (!m_screenSaverInhibited) {
            // Said in the log either way: a blank screen later must not be a mystery.
            const ScreenSaverInhibitor::Result result =
                m_inhibitor ? m_inhibitor->inhibit(tr("Stratum One dashboard"))
                            : ScreenSaverInhibitor::Result{false, QStringLiteral("no inhibitor")};
            m_screenSaverInhibited = result.inhibited;
            if (result.inhibited)
                qCInfo(lcKiosk).noquote() << "kiosk mode: screen saver inhibited through" << result.detail;
            else
                qCWarning(lcKiosk).noquote() << "kiosk mode: nothing can inhibit the screen saver:" << result.detail
                                             << "- the screen may blank; turn blanking off in the desktop's settings";
        }
        m_kiosk = true;
        return;
    }
    if (!m_kiosk)
        return;
    m_kiosk = false;
    m_leaveKioskAction->setEnabled(false);
    m_toolBar->show();
    statusBar()->show();
    if (m_screenSaverInhibited && m_inhibitor) {
        m_inhibitor->release();
        qCInfo(lcKiosk) << "left kiosk mode: screen saver released";
    }
    m_screenSaverInhibited = false;
}

void MainWindow::requestReload()
{
    if (!m_reloadAction->isEnabled())
        return;
    beginAction(tr("Reloading the configuration…"));
    emit reloadRequested();
}

void MainWindow::confirmMakeStep()
{
    if (!m_makeStepAction->isEnabled() || m_stepConfirmation)
        return;
    // Asked every time: a step jumps the time this server hands out, which its clients notice.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Step clock now"), tr("Step the clock now?"),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("stepConfirmation"));
    // How far: the correction still being slewed (positive offset: our time is fast, so it
    // jumps back), as of the state on screen.
    const double offset = m_lastReference ? m_lastReference->systemTimeOffset : 0.0;
    const QString jump = offset == 0 ? tr("No correction is pending: the clock will not move.")
                                     : tr("The time served jumps by %1 (it is now %2 %3 of NTP time).")
                                           .arg(formatSignedSeconds(-offset), formatSeconds(std::fabs(offset)),
                                                offset > 0 ? tr("fast") : tr("slow"));
    box->setInformativeText(tr("The whole remaining offset is corrected at once instead of gradually.")
                            + QLatin1Char(' ') + jump);
    QPushButton *step = box->addButton(tr("Step clock"), QMessageBox::AcceptRole);
    step->setObjectName(QStringLiteral("confirmStepButton"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    // A stray tap or Enter must not step the clock.
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    box->setStyleSheet(dialogButtonStyleSheet());
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QDialog::finished, this, [this, box, step] {
        m_stepConfirmation = nullptr; // the box itself goes later, by deleteLater
        // Still allowed? The state may have gone stale while the question was open.
        if (box->clickedButton() != step || !m_makeStepAction->isEnabled())
            return;
        beginAction(tr("Stepping the clock…"));
        emit makeStepRequested();
    });
    m_stepConfirmation = box;
    box->open();
}

void MainWindow::createConfigurationDialog()
{
    // A window of its own over the main one, like the GPS wizard: at 800x480 the main window's
    // tab bar has no room for another tab beside the sync summary, and the page needs the
    // height. Kept when closed, so that edits not applied yet are still there next time.
    auto *dialog = new ConfigurationDialog(this); // asks before edits not applied are lost
    m_configDialog = dialog;
    m_configPage = dialog->page();
    m_calibrationApplier = new CalibrationApplier(this);
    connect(m_calibrationApplier, &CalibrationApplier::finished, this, [this](bool ok, const QString &message) {
        showActionResult(ok, message);
        if (m_sourceDetail)
            m_sourceDetail->setCalibrationUnavailable(m_calibrationApplier->unavailableReason());
    });
}

void MainWindow::openConfiguration()
{
    // On the touchscreen it covers the window; on a desktop it is as large as the window.
    m_configDialog->resize(size());
    m_configDialog->open();
}

void MainWindow::openGpsSetup()
{
    const QString path = m_configurationPath.isEmpty() ? QString::fromLatin1(kDefaultConfigPath) : m_configurationPath;
    GpsSetupWizard *wizard = openGpsWizard(this, path);
    connect(wizard, &GpsSetupWizard::configurationWritten, this, &MainWindow::offerReloadAfterGpsSetup);
}

void MainWindow::offerReloadAfterGpsSetup(const QString &writtenPath)
{
    // Only where a reload can be sent now; otherwise the status line says what to do.
    if (!m_reloadAction->isEnabled()) {
        showActionResult(true,
                         m_reloadUnavailable.isEmpty()
                             ? tr("GPS receiver added to %1: reload the configuration to use it.").arg(writtenPath)
                             : tr("GPS receiver added to %1 (reload: %2).").arg(writtenPath, m_reloadUnavailable));
        return;
    }
    showActionResult(true, tr("GPS receiver added to %1.").arg(writtenPath));
    auto *box = new QMessageBox(QMessageBox::Question, tr("GPS set-up"), tr("Reload the configuration now?"),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("reloadAfterGpsSetup"));
    box->setInformativeText(tr("The receiver is used once the configuration is read again."));
    QPushButton *reload = box->addButton(tr("Reload now"), QMessageBox::AcceptRole);
    reload->setObjectName(QStringLiteral("reloadNowButton"));
    QPushButton *later = box->addButton(tr("Later"), QMessageBox::RejectRole);
    box->setDefaultButton(reload);
    box->setEscapeButton(later);
    box->setStyleSheet(dialogButtonStyleSheet());
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QDialog::finished, this, [this, box, reload, writtenPath] {
        if (box->clickedButton() == reload)
            requestReload();
        else
            showActionResult(true,
                             tr("GPS receiver added to %1: reload the configuration to use it.").arg(writtenPath));
    });
    box->open();
}

void MainWindow::beginAction(const QString &progress)
{
    m_actionPending = true;
    updateActions();
    m_resultTimer->stop();
    m_actionResult->setToolTip(QString());
    showResultText(progress, palette().color(QPalette::WindowText), false);
}

void MainWindow::updateActions()
{
    const bool live = m_lastReference.has_value() && !m_stale;
    const bool enabled = live && !m_actionPending;
    m_reloadAction->setEnabled(enabled && m_reloadUnavailable.isEmpty());
    m_makeStepAction->setEnabled(enabled && m_makeStepUnavailable.isEmpty());
    // The question was asked about a state that is no longer current.
    if (!live && m_stepConfirmation)
        m_stepConfirmation->reject();
}

void MainWindow::showResultText(const QString &text, const QColor &color, bool bold)
{
    m_actionResult->setText(text);
    setTextColor(m_actionResult, color);
    QFont font = m_actionResult->font();
    font.setBold(bold);
    m_actionResult->setFont(font);
    // In the connection description's place, like a temporary status bar message, so that
    // neither is squeezed on an 800 px screen; the whole width, so that a long failure takes two
    // lines, not four (the corner still says when the state is stale).
    m_connection->hide();
    m_snapshotTime->hide();
    m_actionResult->show();
}

void MainWindow::hideResultText()
{
    m_actionResult->hide();
    m_actionResult->clear();
    m_actionResult->setToolTip(QString());
    m_connection->show();
    m_snapshotTime->show();
}

void MainWindow::showFailureDialog(const QString &message)
{
    if (!m_failureDialog) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Action failed"), QString(), QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("actionFailure"));
        box->setStyleSheet(dialogButtonStyleSheet());
        box->setAttribute(Qt::WA_DeleteOnClose);
        m_failureDialog = box;
    }
    // A reload's diagnostics can be many lines: behind "Show Details", so the box stays on screen.
    const QString first = message.section(QLatin1Char('\n'), 0, 0);
    m_failureDialog->setText(first);
    m_failureDialog->setDetailedText(first == message ? QString() : message);
    m_failureDialog->open();
}

QWidget *MainWindow::createServerPage()
{
    auto *scrollArea = new QScrollArea(m_tabs);
    scrollArea->setObjectName(QStringLiteral("serverPage"));
    scrollArea->setFrameShape(QFrame::NoFrame);
    scrollArea->setWidgetResizable(true);
    enableKineticScrolling(scrollArea);

    auto *page = new QWidget(scrollArea);
    m_serverStats = new ServerStatsPanel(page);
    m_reference = new ReferencePanel(page);
    auto *layout = new QHBoxLayout(page);
    layout->setContentsMargins(kPageMarginPx, kPageMarginPx, kPageMarginPx, kPageMarginPx);
    layout->setSpacing(kPanelSpacingPx);
    // Counters keep their natural width; the reference's long names get the rest.
    layout->addWidget(m_serverStats, 0);
    layout->addWidget(m_reference, 1);
    scrollArea->setWidget(page);
    return scrollArea;
}

QWidget *MainWindow::createTrackingPage()
{
    auto *scrollArea = new QScrollArea(m_tabs);
    scrollArea->setObjectName(QStringLiteral("trackingPage"));
    scrollArea->setFrameShape(QFrame::NoFrame);
    scrollArea->setWidgetResizable(true);
    enableKineticScrolling(scrollArea);

    auto *page = new QWidget(scrollArea);
    m_tracking = new TrackingPanel(page);
    auto *layout = new QHBoxLayout(page);
    layout->setContentsMargins(kPageMarginPx, kPageMarginPx, kPageMarginPx, kPageMarginPx);
    layout->addWidget(m_tracking);
    scrollArea->setWidget(page);
    return scrollArea;
}

void MainWindow::createStatusBar()
{
    // A kiosk has no window edge to drag.
    statusBar()->setSizeGripEnabled(false);
    m_connection = new QLabel(statusBar());
    m_connection->setObjectName(QStringLiteral("connectionDescription"));
    m_connection->setContentsMargins(kStatusMarginPx, kStatusMarginPx, 0, kStatusMarginPx);
    // A long description wraps, never allowed to widen the window beyond an 800 px screen nor
    // cut mid-word.
    m_connection->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_connection->setWordWrap(true);
    m_snapshotTime = new QLabel(tr("Waiting for the engine"), statusBar());
    m_snapshotTime->setObjectName(QStringLiteral("snapshotTime"));
    m_snapshotTime->setContentsMargins(0, kStatusMarginPx, kStatusMarginPx, kStatusMarginPx);
    m_actionResult = new QLabel(statusBar());
    m_actionResult->setObjectName(QStringLiteral("actionResult"));
    m_actionResult->setContentsMargins(kStatusMarginPx, kStatusMarginPx, 0, kStatusMarginPx);
    m_actionResult->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_actionResult->setWordWrap(true);
    m_actionResult->hide();
    m_resultTimer = new QTimer(this);
    m_resultTimer->setSingleShot(true);
    connect(m_resultTimer, &QTimer::timeout, this, &MainWindow::hideResultText);
    statusBar()->installEventFilter(this); // see fitStatusText()
    statusBar()->addWidget(m_connection, 1);
    statusBar()->addWidget(m_actionResult, 1);
    statusBar()->addPermanentWidget(m_snapshotTime);
}

void MainWindow::showSyncSummary(const ReferenceSnapshot &reference, const std::vector<SourceSnapshot> &sources)
{
    // What the engine selects now, not what its reference last held: after losing its only
    // source the engine holds over, still "synchronised", with nothing selected.
    const SyncState state = syncState(reference, sources);
    QString text;
    QColor color = StatusColors::kBad;
    switch (state) {
    case SyncState::Synchronised: {
        const QString name = reference.referenceName.empty() ? formatRefId(reference.referenceId, reference.stratum)
                                                             : QString::fromStdString(reference.referenceName);
        text = tr("Synchronised to %1, stratum %2").arg(name).arg(reference.stratum);
        color = StatusColors::kGood;
        break;
    }
    case SyncState::LocalClock:
        text = tr("Local clock, stratum %1").arg(reference.stratum);
        color = StatusColors::kWarning;
        break;
    case SyncState::NoSourceSelected:
        text = tr("No source selected");
        break;
    case SyncState::NotSynchronised:
        text = tr("Not synchronised");
        break;
    }
    if (m_stale)
        text = tr("Last known: %1").arg(text);
    m_syncSummary->setText(text);
    // A stale state is neither good nor bad news any more: it is not news.
    setTextColor(m_syncSummary, m_stale ? StatusColors::kWarning : color);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // The tab bar's or the summary's size changed (a new tab text, a new summary) or the window's.
    if (watched == m_tabs && (event->type() == QEvent::LayoutRequest || event->type() == QEvent::Resize))
        fitSyncSummary();
    else if (watched == statusBar() && (event->type() == QEvent::LayoutRequest || event->type() == QEvent::Resize))
        fitStatusText();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange && m_fullScreenAction)
        m_fullScreenAction->setChecked(isFullScreen()); // the window manager may change it too
}

void MainWindow::setFullScreen(bool on)
{
    if (on == isFullScreen())
        return;
    // Only the full-screen flag: a window maximised before is maximised again after.
    setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
}

void MainWindow::fitSyncSummary()
{
    static_cast<SyncSummaryLabel *>(m_syncSummary)->setRoom(m_tabs->width() - m_tabs->tabBar()->sizeHint().width());
}

void MainWindow::fitStatusText()
{
    // A wrapping label's size hint is a guess at a narrow width (QLabel cannot know the width
    // the status bar will give it): its height is set here from the width it gets instead, so
    // that the status bar is as many lines tall as the text needs at 800 px.
    const int width = statusBar()->width()
                      - (m_snapshotTime->isVisibleTo(this) ? m_snapshotTime->sizeHint().width() : 0) - kStatusReservePx;
    for (QLabel *label : {m_connection, m_actionResult}) {
        const int height =
            std::max(label->heightForWidth(std::max(width, 1)), label->fontMetrics().height() + 2 * kStatusMarginPx);
        if (label->minimumHeight() != height || label->maximumHeight() != height)
            label->setFixedHeight(height);
    }
}

void MainWindow::showSnapshotAge()
{
    if (m_stale) {
        QFont font = m_snapshotTime->font();
        font.setBold(true);
        m_snapshotTime->setFont(font);
        setTextColor(m_snapshotTime, StatusColors::kWarning);
    } else {
        // Empty font and palette: inherit the window's again.
        m_snapshotTime->setFont(QFont());
        m_snapshotTime->setPalette(QPalette());
    }
    const QString time = formatUtcTime(m_lastSnapshotTime);
    m_snapshotTime->setText(m_stale ? tr("Stale: last update %1").arg(time) : tr("Updated %1").arg(time));
}

} // namespace s1
