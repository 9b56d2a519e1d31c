// One client of the control socket, as the server sees it: reads request lines (bounded in
// length), writes responses and events, and says when the peer has gone. Owned by
// ControlServer (its Qt parent); deletes itself later once disconnected. The peer is either on
// the local Unix socket or, when configured, on the remote TCP port (which serves queries only).
#pragma once

#include "transport/LineFramer.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>

class QAbstractSocket;
class QIODevice;
class QLocalSocket;
class QTimer;

namespace s1 {

class ControlConnection : public QObject
{
    Q_OBJECT
public:
    // Takes `socket` as a child.
    ControlConnection(QLocalSocket *socket, quint64 id, QObject *parent);
    // A remote peer over TCP; also takes `socket` as a child.
    ControlConnection(QAbstractSocket *socket, quint64 id, QObject *parent);

    quint64 id() const { return m_id; }
    // Who is on the other end, for per-peer limits: "uid N" (the kernel's word for a Unix
    // socket peer) or the TCP peer's address.
    const QString &peer() const { return m_peer; }
    // Starts (or restarts) the idle timer: idle() follows unless a line arrives within
    // `timeout`. Every line restarts it.
    void setIdleTimeout(std::chrono::milliseconds timeout);
    void restartIdleTimer();
    // True for a TCP peer: it may query but not change the service's state.
    bool isRemote() const { return m_local == nullptr; }
    bool isSubscribed() const { return m_subscribed; }
    void setSubscribed(bool on) { m_subscribed = on; }
    bool isOpen() const;
    // Bytes queued for the peer and not yet taken by the kernel.
    qint64 pendingBytes() const;

    void send(const QByteArray &line);
    // Sends `line` (if any), then closes once it is written.
    void closeAfter(const QByteArray &line = {});
    // Closes at once, dropping whatever is still queued (a peer that stopped reading).
    void abort();

signals:
    void lineReceived(s1::ControlConnection *connection, const QByteArray &line);
    // The peer sent a line longer than control::kMaxRequestBytes.
    void overflowed(s1::ControlConnection *connection);
    void closed(s1::ControlConnection *connection);
    // No line for the idle timeout.
    void idle(s1::ControlConnection *connection);

private:
    void onReadyRead();
    void onDisconnected();

    void watch();

    QIODevice *m_socket;
    QTimer *m_idleTimer;
    QString m_peer;
    QLocalSocket *m_local = nullptr;     // set for a Unix socket peer
    QAbstractSocket *m_remote = nullptr; // set for a TCP peer
    quint64 m_id;
    LineFramer m_framer;
    bool m_subscribed = false;
    bool m_closing = false;
    bool m_closedEmitted = false;
};

} // namespace s1
