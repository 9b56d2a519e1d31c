// An asynchronous client of the service's control socket for the window: it connects, subscribes
// to the snapshot stream and hands every snapshot on by signal, so that a MainWindow can show a
// running `stratumone --service` exactly as it shows an in-process engine. Nothing here waits:
// connecting, reading and reconnecting all run on the owner thread's event loop.
//
// When the service is absent, refuses us, stops or restarts, the connection says why (with the
// socket's path) and tries again after a delay that doubles up to kMaxRetryDelay, until
// disconnectFromService(). Whatever the peer sends is bounded (a line longer than the limit ends
// the connection, since framing is lost) and checked: lines that are not protocol messages are
// counted and dropped, a peer speaking another protocol version is reported as such.
#pragma once

#include "report/EngineSnapshot.h"
#include "transport/LineFramer.h"
#include "json/ControlProtocol.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>

#include <chrono>
#include <map>
#include <optional>

class QLocalSocket;
class QTimer;

namespace s1 {

class ServiceConnection : public QObject
{
    Q_OBJECT
public:
    enum class State : std::uint8_t { Disconnected, Connecting, Connected };
    Q_ENUM(State)

    // The first retry comes quickly (a service restart takes a moment), later ones back off so
    // that a window left open without a service costs next to nothing.
    static constexpr std::chrono::milliseconds kFirstRetryDelay{250};
    static constexpr std::chrono::milliseconds kMaxRetryDelay{5000};
    // A Unix socket connects at once or not at all; this only catches a service too busy to
    // accept (full backlog).
    static constexpr std::chrono::milliseconds kConnectTimeout{3000};
    // A reload stops and restarts the engine thread; stratumctl allows it 15 s.
    static constexpr std::chrono::milliseconds kRequestTimeout{30000};

    // `maxLineBytes`: the longest line accepted from the service (tests lower it).
    explicit ServiceConnection(QObject *parent = nullptr, qsizetype maxLineBytes = control::kMaxMessageBytes);
    ~ServiceConnection() override;

    // Starts connecting to the socket at `path` (absolute) and keeps the connection up,
    // reconnecting whenever it is lost, until disconnectFromService().
    void connectTo(const QString &path);
    void disconnectFromService();
    // Streams snapshots (snapshotReceived), now if connected and after every reconnect.
    void subscribe();

    // Ask the service to re-read its configuration / step the clock. The answer comes by
    // requestFinished with the returned id (also when not connected: a failure at once).
    qint64 requestReload();
    qint64 requestMakeStep();
    // `configuration`: the file the service reads ({"path", "builtIn"}).
    qint64 requestConfiguration();
    // `configtext`: the main file's text, revision and includes; `applyconfig`: replace it (the
    // result is the apply outcome, also for a refused edit; see ConfigurationJson.h).
    qint64 requestConfigurationText();
    qint64 applyConfiguration(const QString &text, const QString &revision);
    // `history` with these arguments (HistoryQueries.h): one series over a range, in buckets.
    qint64 requestHistory(const QJsonObject &args);

    State state() const { return m_state; }
    // Why the state is what it is: "connected to PATH", "no service at PATH (...)", ...
    const QString &stateMessage() const { return m_stateMessage; }
    const QString &socketPath() const { return m_path; }
    // The wait before the next attempt while disconnected.
    std::chrono::milliseconds retryDelay() const { return m_retryDelay; }
    const std::optional<EngineSnapshot> &latestSnapshot() const { return m_snapshot; }
    // Lines dropped because they were not protocol messages or not readable snapshots.
    quint64 droppedLines() const { return m_droppedLines; }

signals:
    void snapshotReceived(const s1::EngineSnapshot &snapshot);
    void connectionStateChanged(s1::ServiceConnection::State state, const QString &message);
    // `result` when ok, else `error` (the service's text, or why no answer came).
    void requestFinished(qint64 requestId, bool ok, const QJsonValue &result, const QString &error);

private:
    void attempt();
    void onConnected();
    void onReadyRead();
    void onSocketError(int error);
    void onDisconnected();
    // Ends the current connection (if any) for `reason` and schedules the next attempt.
    void lose(const QString &reason, bool backOffFully = false);
    void handleLine(const QByteArray &line);
    void handleResponse(const control::ControlMessage &message);
    void handleEvent(const control::ControlMessage &message);
    void sendSubscribe();
    qint64 sendRequest(control::Command command, const QJsonObject &args = {});
    void finishRequest(qint64 id, bool ok, const QJsonValue &result, const QString &error);
    void failAllRequests(const QString &error);
    void setState(State state, const QString &message);
    void dropLine(const QString &why);

    QLocalSocket *m_socket;
    QTimer *m_retryTimer;
    QTimer *m_connectTimer;
    qsizetype m_maxLineBytes;
    LineFramer m_framer;
    QString m_path;
    bool m_wanted = false; // connectTo() without disconnectFromService() since
    bool m_subscribeWanted = false;
    bool m_attemptActive = false; // an attempt is under way or connected, and not lost yet
    bool m_socketUp = false;      // ... and it reached ConnectedState
    State m_state = State::Disconnected;
    QString m_stateMessage;
    QString m_serviceComplaint; // an error the service sent without an id, before closing
    std::chrono::milliseconds m_retryDelay = kFirstRetryDelay; // the wait scheduled last
    std::chrono::milliseconds m_backoff = kFirstRetryDelay;    // the wait after the next loss
    std::optional<EngineSnapshot> m_snapshot;
    std::map<qint64, control::Command> m_pending; // requests sent, by id
    qint64 m_subscribeId = 0;
    qint64 m_nextId = 1;
    quint64 m_droppedLines = 0;
    quint64 m_droppedThisConnection = 0;
};

} // namespace s1
