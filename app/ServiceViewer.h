// Feeds a MainWindow from a running `stratumone --service` instead of an in-process engine: the
// ServiceConnection's snapshots go to the same MainWindow::showSnapshot slot the engine thread
// uses, its state to the status bar ("Service at PATH: connected"), and a lost connection marks
// the last snapshot stale until the service is back.
#pragma once

#include "control/ServiceConnection.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace s1 {

class MainWindow;

class ServiceViewer : public QObject
{
    Q_OBJECT
public:
    ServiceViewer(MainWindow *window, QString socketPath, QObject *parent = nullptr);

    // Connects (and keeps reconnecting) and subscribes to the snapshot stream.
    void start();
    ServiceConnection &connection() { return *m_connection; }

    // The status bar's text for a connection state.
    static QString describe(ServiceConnection::State state, const QString &socketPath, const QString &message);

private:
    void onStateChanged(ServiceConnection::State state, const QString &message);

    QPointer<MainWindow> m_window;
    ServiceConnection *m_connection;
    QString m_path;
};

} // namespace s1
