// The top-level window: live engine state, readable on an 800x480 touchscreen and on a desktop,
// and the two things a user may ask of the engine (chronyc's `reload` and `makestep`). The window
// only asks, by signal, and shows the answer it is given: whoever feeds it (an in-process engine
// or a service) decides what the request means.
#pragma once

#include "dashboard/ScreenSaverInhibitor.h"
#include "report/EngineSnapshot.h"

#include <QMainWindow>
#include <QPointer>
#include <QSizePolicy>
#include <QStyle>

#include <memory>
#include <optional>

class QAction;
class QDialog;
class QLabel;
class QMessageBox;
class QModelIndex;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QToolBar;
class QTimer;

namespace s1 {

class AlarmBanner;
class AlarmListDialog;
class ConfigWarningsDialog;
class ConfigurationPage;
class CalibrationApplier;
class DashboardPage;
class GpsPanel;
class ChartsPage;
class ReferencePanel;
class ServerStatsPanel;
class SnapshotFeed;
class SourceDetailDialog;
class SourcesTableModel;
class SourcesView;
class TrackingPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    // The window's one link to where its state comes from (the engine thread, the simulation or
    // a service): shows what `feed` publishes and sends it the user's requests. A request the
    // feed cannot serve is disabled with the feed's reason.
    void setFeed(SnapshotFeed *feed);

    bool isSnapshotStale() const { return m_stale; }
    // The configuration page and the window it opens in (the Config action).
    ConfigurationPage *configurationPage() const { return m_configPage; }
    QDialog *configurationDialog() const { return m_configDialog; }
    // The configuration file the GPS set-up wizard edits (the one the engine or service reads).
    void setConfigurationPath(const QString &path) { m_configurationPath = path; }
    const QString &configurationPath() const { return m_configurationPath; }
    // A request is out and its answer not shown yet: both actions wait for it.
    bool isActionPending() const { return m_actionPending; }
    // Actions that cannot work where the snapshots come from (the simulation has no file to
    // reload and no clock to step) are disabled with `reason` shown in the status line, not
    // only in a tooltip a touchscreen cannot show. Empty: available.
    void setReloadUnavailable(const QString &reason);
    void setMakeStepUnavailable(const QString &reason);

    // The dashboard: in place of the tabs (the Dashboard button), or all there is in kiosk mode.
    DashboardPage *dashboard() const { return m_dashboard; }
    bool isDashboardShown() const;
    void showDashboard(bool shown);
    // What keeps the screen on in kiosk mode; without one, kiosk mode says that nothing does.
    void setScreenSaverInhibitor(std::unique_ptr<ScreenSaverInhibitor> inhibitor);
    // Kiosk mode (--kiosk): full screen, the dashboard alone (no tool bar, tabs or status bar),
    // the screen saver inhibited. Esc or a long press on the dashboard leaves it for the whole
    // window (still full screen), releasing the screen saver.
    void setKioskMode(bool on);
    bool isKioskMode() const { return m_kiosk; }
    bool isScreenSaverInhibited() const { return m_screenSaverInhibited; }

signals:
    // The user asked to re-read the configuration (chronyc's `reload`).
    void reloadRequested();
    // The user asked to step the clock now and confirmed it (chronyc's `makestep`).
    void makeStepRequested();

public slots:
    // Shows a new engine state; the snapshot is a self-contained copy, so nothing kept here
    // points back into the engine.
    void showSnapshot(const s1::EngineSnapshot &snapshot);
    // Where the state comes from, e.g. "In-process engine, serving on UDP port 11123" or
    // "Service at /run/stratumone/stratumone.sock: connected".
    void setConnectionDescription(const QString &description);
    // The source of the snapshots is gone (a service stopped, the connection lost): the last
    // snapshot stays on screen, marked as out of date, until showSnapshot brings a fresh one.
    void markSnapshotStale();
    // The answer to the last request: `message` in the status bar, and a failure also in a
    // dialog that stays until dismissed, since the status bar is easy to miss and may cut it.
    void showActionResult(bool ok, const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void setFullScreen(bool on);
    // Bounds the corner summary to the room the tabs leave; it wraps to two lines within it.
    void fitSyncSummary();
    // Sizes the wrapping status texts to the lines they need at the status bar's width.
    void fitStatusText();
    void createActions();
    QAction *createAction(QStyle::StandardPixmap icon, const QString &text, const QString &name,
                          const QKeySequence &shortcut, const QString &toolTip);
    void requestReload();
    void confirmMakeStep();
    void openGpsSetup();
    void createConfigurationDialog();
    void openConfiguration();
    // The wizard wrote `writtenPath`: says so, and offers a reload when one can be sent.
    void offerReloadAfterGpsSetup(const QString &writtenPath);
    void beginAction(const QString &progress);
    // Enables the actions when there is a fresh state and no request out.
    void updateActions();
    void showResultText(const QString &text, const QColor &color, bool bold);
    void hideResultText();
    void showFailureDialog(const QString &message);
    QWidget *createServerPage();
    QWidget *createTrackingPage();
    void createStatusBar();
    void showSyncSummary(const ReferenceSnapshot &reference, const std::vector<SourceSnapshot> &sources);
    void showSnapshotAge();
    void showActionsNote();
    void showConfigWarnings(const std::vector<std::string> &warnings);
    void openConfigWarnings();
    // The alarm list, with detail and fix for each (the banner's tap).
    void openAlarmList();
    void openSourceDetail(const QModelIndex &index);
    void updateSourceDetail();

    SourcesTableModel *m_sourcesModel;
    QSortFilterProxyModel *m_sortedSources;
    QTabWidget *m_tabs;
    QStackedWidget *m_central = nullptr;
    QSizePolicy m_tabsPolicy;
    DashboardPage *m_dashboard = nullptr;
    QToolBar *m_toolBar = nullptr;
    QAction *m_dashboardAction = nullptr;
    QAction *m_leaveKioskAction = nullptr;
    std::unique_ptr<ScreenSaverInhibitor> m_inhibitor;
    bool m_kiosk = false;
    bool m_screenSaverInhibited = false;
    SourcesView *m_sourcesView;
    ServerStatsPanel *m_serverStats = nullptr;
    ReferencePanel *m_reference = nullptr;
    TrackingPanel *m_tracking = nullptr;
    ChartsPage *m_chartsPage = nullptr;
    GpsPanel *m_gpsPanel = nullptr;
    ConfigurationPage *m_configPage = nullptr;
    // A source detail's Apply calibration, through the same feed as the configuration page.
    CalibrationApplier *m_calibrationApplier = nullptr;
    QLabel *m_syncSummary;
    QLabel *m_connection = nullptr;
    QLabel *m_snapshotTime = nullptr;
    QLabel *m_actionResult = nullptr;
    QLabel *m_actionsNote = nullptr;
    QAction *m_actionsNoteAction = nullptr;
    QTimer *m_resultTimer = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_makeStepAction = nullptr;
    QAction *m_gpsSetupAction = nullptr;
    QAction *m_configurationAction = nullptr;
    QDialog *m_configDialog = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_quitAction = nullptr;
    // Counts the configuration's warnings; hidden when there are none.
    QAction *m_configWarningsAction = nullptr;
    QString m_configurationPath;
    QPointer<QMessageBox> m_stepConfirmation;
    QPointer<QMessageBox> m_failureDialog;
    QPointer<SourceDetailDialog> m_sourceDetail;
    QPointer<ConfigWarningsDialog> m_configWarningsDialog;
    // Over the pages while an alarm is active; a tap opens the list.
    AlarmBanner *m_alarmBanner = nullptr;
    QPointer<AlarmListDialog> m_alarmList;
    std::vector<Alarm> m_alarms;
    QStringList m_configWarnings;
    QString m_reloadUnavailable;
    QString m_makeStepUnavailable;
    std::optional<ReferenceSnapshot> m_lastReference;
    std::vector<SourceSnapshot> m_lastSources;
    RealTime m_lastSnapshotTime{};
    bool m_stale = false;
    bool m_actionPending = false;
};

} // namespace s1
