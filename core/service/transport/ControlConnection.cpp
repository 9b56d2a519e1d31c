#include "transport/ControlConnection.h"

#include "json/ControlProtocol.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QLocalSocket>
#include <QTimer>

#include <sys/socket.h>

namespace s1 {

namespace {

QString localPeer(const QLocalSocket *socket)
{
    ucred cred{};
    socklen_t length = sizeof(cred);
    if (::getsockopt(static_cast<int>(socket->socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0)
        return QStringLiteral("unknown");
    return QStringLiteral("uid %1").arg(cred.uid);
}

} // namespace

ControlConnection::ControlConnection(QLocalSocket *socket, quint64 id, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_idleTimer(new QTimer(this))
    , m_peer(localPeer(socket))
    , m_local(socket)
    , m_id(id)
    , m_framer(control::kMaxRequestBytes)
{
    watch();
    connect(socket, &QLocalSocket::disconnected, this, &ControlConnection::onDisconnected);
    // A peer that resets the connection may never deliver `disconnected` on some paths.
    connect(socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError error) {
        if (error == QLocalSocket::PeerClosedError || m_local->state() == QLocalSocket::UnconnectedState)
            onDisconnected();
    });
}

ControlConnection::ControlConnection(QAbstractSocket *socket, quint64 id, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_idleTimer(new QTimer(this))
    , m_peer(socket->peerAddress().toString())
    , m_remote(socket)
    , m_id(id)
    , m_framer(control::kMaxRequestBytes)
{
    watch();
    connect(socket, &QAbstractSocket::disconnected, this, &ControlConnection::onDisconnected);
    connect(socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError || m_remote->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
}

void ControlConnection::watch()
{
    m_idleTimer->setSingleShot(true);
    connect(m_idleTimer, &QTimer::timeout, this, [this] {
        if (!m_closing)
            emit idle(this);
    });
    m_socket->setParent(this);
    connect(m_socket, &QIODevice::readyRead, this, &ControlConnection::onReadyRead);
}

bool ControlConnection::isOpen() const
{
    if (m_closing)
        return false;
    return m_local ? m_local->state() == QLocalSocket::ConnectedState
                   : m_remote->state() == QAbstractSocket::ConnectedState;
}

qint64 ControlConnection::pendingBytes() const
{
    return m_socket->bytesToWrite();
}

void ControlConnection::send(const QByteArray &line)
{
    if (isOpen())
        m_socket->write(line);
}

void ControlConnection::closeAfter(const QByteArray &line)
{
    if (!line.isEmpty())
        send(line);
    m_closing = true;
    m_idleTimer->stop();
    // Flushes what is queued, then closes; `disconnected` follows.
    if (m_local)
        m_local->disconnectFromServer();
    else
        m_remote->disconnectFromHost();
}

void ControlConnection::abort()
{
    m_closing = true;
    if (m_local)
        m_local->abort();
    else
        m_remote->abort();
    onDisconnected();
}

void ControlConnection::setIdleTimeout(std::chrono::milliseconds timeout)
{
    m_idleTimer->setInterval(timeout);
    m_idleTimer->start();
}

void ControlConnection::restartIdleTimer()
{
    if (m_idleTimer->interval() > 0 && !m_closing)
        m_idleTimer->start();
}

void ControlConnection::onReadyRead()
{
    m_framer.append(m_socket->readAll());
    while (!m_closing) {
        const auto line = m_framer.next();
        if (!line)
            break;
        restartIdleTimer();
        emit lineReceived(this, *line);
    }
    if (m_framer.overflowed() && !m_closing)
        emit overflowed(this);
}

void ControlConnection::onDisconnected()
{
    if (m_closedEmitted)
        return;
    m_closedEmitted = true;
    m_closing = true;
    m_idleTimer->stop();
    emit closed(this);
    deleteLater();
}

} // namespace s1
