// The Qt host: runs the engine inside a Qt event loop (normally a worker QThread) with a
// QSocketNotifier per UDP socket, one precise QTimer for the engine's wake-ups and QHostInfo
// for names. It publishes value snapshots by signal; nothing else leaves it.
#pragma once

#include "host/EngineRuntime.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

class QSocketNotifier;

namespace s1 {

class QtEngineHost : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultSnapshotIntervalMs = 1000;

    QtEngineHost(EngineConfig config, HostOptions options, QObject *parent = nullptr);
    ~QtEngineHost() override;

    void setSnapshotInterval(int milliseconds);
    // Calls `beat` every `interval` from this host's thread while the engine runs: a liveness
    // sign (systemd's watchdog) that stops when the engine's event loop hangs. Before start().
    void setHeartbeat(std::chrono::milliseconds interval, std::function<void()> beat);

public slots:
    void start();
    void stop();
    // Publishes a snapshot now instead of at the next interval.
    void publishSnapshot();
    // The `makestep` command; answers with makeStepDone(ticket, ...).
    void makeStep(quint64 ticket);
    // One of chronyc's runtime commands; answers with commandDone(ticket, ...).
    void runCommand(quint64 ticket, const QString &name, const QString &arguments);

signals:
    void started(bool ok, const QString &error, quint16 serverPort);
    void snapshotReady(const s1::EngineSnapshot &snapshot);
    void makeStepDone(quint64 ticket, bool ok, double stepped, const QString &error);
    // `reply`: chronyc's status line ("200 OK", "503 No such source") or, for a line chronyc
    // itself would refuse, its message; `warnings` about what was accepted.
    void commandDone(quint64 ticket, bool ok, const QString &reply, const QStringList &warnings);

private:
    void onWakeTimer();
    void reschedule();
    void resolve(const ResolveRequest &request);
    // (Re)creates the notifiers for the runtime's current fds.
    void watchFds();

    EngineRuntime m_runtime;
    std::vector<QSocketNotifier *> m_notifiers;
    std::uint64_t m_fdGeneration = 0;
    QTimer m_wakeTimer;
    QTimer m_snapshotTimer;
    QTimer m_heartbeatTimer;
    std::function<void()> m_heartbeat;
    bool m_running = false;
};

} // namespace s1
