#include "control/ControlConnection.h"

#include "control/ControlProtocol.h"

#include <QLocalSocket>

namespace s1 {

ControlConnection::ControlConnection(QLocalSocket *socket, quint64 id, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_id(id)
    , m_framer(control::kMaxRequestBytes)
{
    m_socket->setParent(this);
    connect(m_socket, &QLocalSocket::readyRead, this, &ControlConnection::onReadyRead);
    connect(m_socket, &QLocalSocket::disconnected, this, &ControlConnection::onDisconnected);
    // A peer that resets the connection may never deliver `disconnected` on some paths.
    connect(m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError error) {
        if (error == QLocalSocket::PeerClosedError || m_socket->state() == QLocalSocket::UnconnectedState)
            onDisconnected();
    });
}

bool ControlConnection::isOpen() const
{
    return !m_closing && m_socket->state() == QLocalSocket::ConnectedState;
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
    // Flushes what is queued, then closes; `disconnected` follows.
    m_socket->disconnectFromServer();
}

void ControlConnection::abort()
{
    m_closing = true;
    m_socket->abort();
    onDisconnected();
}

void ControlConnection::onReadyRead()
{
    m_framer.append(m_socket->readAll());
    while (!m_closing) {
        const auto line = m_framer.next();
        if (!line)
            break;
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
    emit closed(this);
    deleteLater();
}

} // namespace s1
