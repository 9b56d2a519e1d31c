// The top-level window: live engine state, readable on an 800x480 touchscreen and on a desktop.
#pragma once

#include "engine/EngineSnapshot.h"

#include <QMainWindow>

#include <optional>

class QLabel;
class QSortFilterProxyModel;
class QTabWidget;

namespace s1 {

class GpsPanel;
class OffsetChart;
class ReferencePanel;
class ServerStatsPanel;
class SourcesTableModel;
class SourcesView;
class TrackingPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    bool isSnapshotStale() const { return m_stale; }

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

private:
    QWidget *createServerPage();
    QWidget *createTrackingPage();
    void createStatusBar();
    void applyTouchFriendlyFont();
    void showSyncSummary(const ReferenceSnapshot &reference);
    void showSnapshotAge();

    SourcesTableModel *m_sourcesModel;
    QSortFilterProxyModel *m_sortedSources;
    QTabWidget *m_tabs;
    SourcesView *m_sourcesView;
    ServerStatsPanel *m_serverStats = nullptr;
    ReferencePanel *m_reference = nullptr;
    TrackingPanel *m_tracking = nullptr;
    OffsetChart *m_offsetChart = nullptr;
    GpsPanel *m_gpsPanel = nullptr;
    QLabel *m_syncSummary;
    QLabel *m_connection = nullptr;
    QLabel *m_snapshotTime = nullptr;
    std::optional<ReferenceSnapshot> m_lastReference;
    RealTime m_lastSnapshotTime{};
    bool m_stale = false;
};

} // namespace s1
