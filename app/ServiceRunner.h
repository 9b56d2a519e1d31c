// The headless service (`stratumone --service`): the engine thread, the control socket that
// stratumctl talks to, and configuration reloads (stratumctl reload, SIGHUP).
//
// A reload re-reads the configuration file. With errors, the running configuration stays and
// the caller gets every file:line:col message. Without, the engine thread is stopped and a new
// one started with the new configuration: simple and honest, at the price of the sources'
// history (their samples and statistics start again). Should the new configuration fail to
// start (e.g. its port is taken), the previous one is started again and the reload reported
// as failed. The control socket and the remote control port stay as they are until the next
// start; the Prometheus endpoint (`metricsaddress`) follows the configuration that runs after
// the reload, moving when its address or port changed.
#pragma once

#include "LaunchOptions.h"
#include "ReloadAttempt.h"
#include "SystemdReporter.h"

#include "config/ConfigurationEdit.h"
#include "host/AlarmNotifier.h"
#include "host/EngineThread.h"
#include "host/HistoryKeeper.h"
#include "metrics/MetricsEndpoint.h"
#include "process/PrivilegeDrop.h"
#include "refclock/RetainedDeviceApi.h"
#include "transport/ControlServer.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

namespace s1 {

class ServiceRunner : public QObject
{
    Q_OBJECT
public:
    ServiceRunner(LaunchOptions options, EngineConfig config, QObject *parent = nullptr);
    ~ServiceRunner() override;

    // Opens the control socket and starts the engine. False (logged) when a socket the user
    // asked for cannot be opened; the default socket failing is only a warning.
    bool start();
    // Stops the engine thread (joins it) and closes the control socket.
    void stop();

    const ControlServer &controlServer() const { return m_control; }
    const HistoryKeeper &history() const { return m_history; }
    const MetricsEndpoint &metrics() const { return m_metrics; }

signals:
    // The engine could not start at all: the service should exit with this code.
    void fatal(int exitCode);

public slots:
    // SIGHUP: the same reload as `stratumctl reload`, reported in the log only.
    void reload();

private:
    // A reload that follows an applyconfig: what was written, to answer with or to undo.
    struct AppliedEdit
    {
        ConfigurationApplyResult result;
        std::string previousRevision;
    };
    struct PendingReload
    {
        std::optional<quint64> ticket; // the control request to answer, none for SIGHUP
        ReloadAttempt attempt;
        std::optional<AppliedEdit> edit;
    };

    bool openControlSocket();
    // `user`/-u: stops being root before the engine thread starts, so that every engine thread
    // (a reload starts a new one) inherits the capabilities kept. False (logged) when it failed.
    // Before dropPrivileges: what chronyd opens as root (PrivilegedDevices).
    void openPrivilegedDevices();
    bool dropPrivileges();
    // -F: the system call filter, after the drop (setuid, setgroups and libcap's calls are not in
    // its list) and before the engine thread starts. False (logged) when it cannot be installed.
    bool installSyscallFilter();
    QString alarmCommandForbiddenMessage() const;
    void warnAboutUnwritableDirectories() const;
    // Tells the control server which file this service reads, for the `configuration` query.
    void publishConfigurationPath();
    void startEngine();
    void onEngineStarted(bool ok, const QString &error, quint16 port);
    void beginReload(std::optional<quint64> ticket, std::optional<AppliedEdit> edit = std::nullopt);
    void finishReload(bool ok, const QJsonValue &result, const QString &error);
    void onMakeStep(quint64 ticket);
    // The file this service reads and reloads (-f, else the default path).
    std::string configurationPath() const;
    void onApplyConfiguration(quint64 ticket, const QString &text, const QString &revision);
    // Answers an applyconfig whose reload ended: applied, or the previous file put back.
    void finishEdit(quint64 ticket, AppliedEdit edit, bool ok, const QJsonValue &result, const QString &error);
    // chronyc's runtime commands (add, delete, allow, burst, ...), run by the engine thread.
    void onRuntimeCommand(quint64 ticket, const QString &command, const QString &arguments);
    void onRuntimeCommandDone(quint64 ticket, bool ok, const QString &reply, const QStringList &warnings);

    LaunchOptions m_options;
    EngineConfig m_config;
    // The refclocks' and hwtimestamp's devices, opened before the privilege drop and kept for
    // every engine (reloads); declared before the engine, so that they outlive it.
    SystemDeviceApi m_systemDevices;
    RetainedDeviceApi m_devices{m_systemDevices};
    std::unique_ptr<EngineThread> m_engine;
    // Outlives the engine threads (reloads) and is saved when the service stops.
    HistoryKeeper m_history;
    // Logs alarms and runs `alarmcommand`; outlives reloads, which hand it the new command.
    AlarmNotifier m_alarms;
    std::vector<Alarm> m_lastAlarms; // the running engine's, for the next one after a reload
    ControlServer m_control;
    // `metricsaddress`: /metrics from the latest snapshot, in this (the main) thread.
    MetricsEndpoint m_metrics;
    std::optional<PendingReload> m_reload;
    // Type=notify: readiness, status words, reloads and the engine thread's watchdog.
    SystemdReporter m_systemd{SystemdNotifier::fromEnvironment()};
    bool m_firstStart = true;
    PrivilegeDropResult m_privileges;
};

} // namespace s1
