#include "ServiceViewer.h"

#include "MainWindow.h"

namespace s1 {

ServiceViewer::ServiceViewer(MainWindow *window, QString socketPath, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_connection(new ServiceConnection(this))
    , m_path(std::move(socketPath))
{
    connect(m_connection, &ServiceConnection::snapshotReceived, window, &MainWindow::showSnapshot);
    connect(m_connection, &ServiceConnection::connectionStateChanged, this, &ServiceViewer::onStateChanged);
}

void ServiceViewer::start()
{
    m_connection->subscribe();
    m_connection->connectTo(m_path);
}

QString ServiceViewer::describe(ServiceConnection::State state, const QString &socketPath, const QString &message)
{
    switch (state) {
    case ServiceConnection::State::Connecting:
        return tr("Service at %1: connecting").arg(socketPath);
    case ServiceConnection::State::Connected:
        return tr("Service at %1: connected").arg(socketPath);
    case ServiceConnection::State::Disconnected:
        break;
    }
    // The reason names the socket itself ("no service at PATH", "permission denied: PATH ..."),
    // and comes first: a narrow status bar cuts the end (the tooltip keeps all of it).
    return tr("Service disconnected: %1; reconnecting").arg(message);
}

void ServiceViewer::onStateChanged(ServiceConnection::State state, const QString &message)
{
    if (!m_window)
        return;
    m_window->setConnectionDescription(describe(state, m_path, message));
    // Connected is not yet fresh: the service sends its current snapshot at once on subscribing,
    // and showSnapshot clears the mark then.
    if (state != ServiceConnection::State::Connected)
        m_window->markSnapshotStale();
}

} // namespace s1
