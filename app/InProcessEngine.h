// The window's own engine (`stratumone` without a service): an EngineThread that the window's
// Reload can restart with the configuration file read again, as the service does for its own.
//
// A reload re-reads the file the window started with (-f FILE, else the default path, else the
// built-in configuration). With errors the running engine stays and the answer lists every
// file:line:col message; otherwise the engine thread is stopped and a new one started with the
// new configuration (the sources' history starts again). Should the new one fail to start (its
// port taken), the previous configuration is started again and the reload reported as failed.
// It is the window's feed for its own engine: snapshots, the engine's start in words, and the
// answers to the window's requests.
//
// The configuration editor writes that file itself (ConfigurationEditor: checked, conflict
// refused, atomic with a .bak) when this process may write it, then reloads; a written
// configuration that does not start is undone from the .bak. When the file (or its directory,
// for the temporary file and the .bak) is not writable by this user, editing is unavailable
// and says so: the service edits it for members of its control group.
//
// With `metricsaddress` it serves /metrics as the service does, following each configuration
// that starts.
#pragma once

#include "LaunchOptions.h"
#include "ReloadAttempt.h"
#include "SnapshotFeed.h"

#include "config/ConfigurationEdit.h"
#include "host/AlarmNotifier.h"
#include "host/EngineThread.h"
#include "host/HistoryKeeper.h"
#include "metrics/MetricsEndpoint.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

namespace s1 {

class MainWindow;

class InProcessEngine : public SnapshotFeed
{
    Q_OBJECT
public:
    InProcessEngine(LaunchOptions options, EngineConfig config, HostOptions host, QObject *parent = nullptr);
    ~InProcessEngine() override;

    void start() override;
    // Stops the engine, joins its thread and saves the history; safe to call twice.
    void stop() override;
    void requestReload() override { reload(); }
    void requestMakeStep() override;
    bool isReloading() const { return m_reload.has_value(); }
    QString configurationEditUnavailableReason() const override;
    void requestConfigurationText() override;
    void applyConfiguration(const std::string &text, const std::string &revision) override;
    // The engine's history across reloads, kept in `dumpdir` as the service keeps its own
    // (HistoryKeeper: read at start, saved every 10 minutes and by stop()); in memory only
    // without `dumpdir` or when this user cannot write it, which the log and the status say.
    QString historyUnavailableReason() const override { return {}; }
    quint64 requestHistory(const HistoryRangeRequest &request) override;
    const HistoryKeeper &history() const { return *m_history; }
    // The file a reload reads and the editor writes (-f, else the default path).
    std::string configurationPath() const;

public slots:
    void reload();
    void makeStep(quint64 ticket);

signals:
    // Every start, the reloads' too.
    void started(bool ok, const QString &error, quint16 serverPort);
    void makeStepDone(quint64 ticket, bool ok, double stepped, const QString &error);
    // The reload's outcome in words for the window (its warnings, or why it failed).
    void reloadDone(bool ok, const QString &message);

private:
    void startEngine();
    void onEngineStarted(bool ok, const QString &error, quint16 port);
    void finishReload(bool ok, const QString &message);
    // Answers an applyConfiguration whose reload ended (undoing the write when it failed).
    void finishEdit(bool ok, const QString &message);

    LaunchOptions m_options;
    EngineConfig m_config;
    HostOptions m_host;
    std::unique_ptr<EngineThread> m_engine;
    HistoryKeeper *m_history;        // a child
    AlarmNotifier *m_alarms;         // a child: logs alarms and runs `alarmcommand`
    std::vector<Alarm> m_lastAlarms; // the running engine's, for the next one after a reload
    // A child: `metricsaddress`, as the service serves it (no control channel: its counters are 0).
    MetricsEndpoint *m_metrics;
    std::optional<ReloadAttempt> m_reload;
    // One request at a time (the window waits for each answer), so the ticket is only a label.
    quint64 m_makeStepTicket = 0;
    // An applied edit whose reload is under way: its result so far and the revision it replaced.
    struct PendingEdit
    {
        ConfigurationApplyResult result;
        std::string previousRevision;
    };
    std::optional<PendingEdit> m_edit;
};

// The window's status line for an engine start: "In-process engine, serving NTP on UDP port 123",
// "Simulation, not serving NTP", "Engine failed: ...".
QString describeEngineStart(bool ok, const QString &error, quint16 port, const QString &what);

// Only the window's actions on its in-process engine (MainWindow::setFeed connects everything):
// Reload reads the file again and restarts the engine with it, Step clock is the engine's
// makestep; the answers go to showActionResult.
void connectWindowActions(MainWindow &window, InProcessEngine &engine);

} // namespace s1
