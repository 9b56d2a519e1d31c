// Runs a QtEngineHost in its own worker QThread, so that the packet path never waits for the
// UI. Lives in the caller's thread; everything it forwards arrives by queued connection.
#pragma once

#include "host/QtEngineHost.h"

#include <QObject>
#include <QThread>

namespace s1 {

class EngineThread : public QObject
{
    Q_OBJECT
public:
    EngineThread(EngineConfig config, HostOptions options, QObject *parent = nullptr);
    ~EngineThread() override;

    void setSnapshotInterval(int milliseconds);
    // QtEngineHost::setHeartbeat: `beat` runs in the engine thread. Before start().
    void setHeartbeat(std::chrono::milliseconds interval, std::function<void()> beat);
    void start();
    // Stops the engine and joins the thread; safe to call twice.
    void stop();
    bool isRunning() const { return m_thread.isRunning(); }

signals:
    void started(bool ok, const QString &error, quint16 serverPort);
    void snapshotReady(const s1::EngineSnapshot &snapshot);
    void makeStepDone(quint64 ticket, bool ok, double stepped, const QString &error);
    void commandDone(quint64 ticket, bool ok, const QString &reply, const QStringList &warnings);

public slots:
    void requestSnapshot();
    void makeStep(quint64 ticket);
    // One of chronyc's runtime commands, run in the engine's thread (QtEngineHost::runCommand).
    void runCommand(quint64 ticket, const QString &name, const QString &arguments);

private:
    QThread m_thread;
    QtEngineHost *m_host; // owned by m_thread's lifetime: deleted when the thread finishes
};

} // namespace s1
