// The service's control socket (docs/CONTROL_PROTOCOL.md): a QLocalServer on a Unix socket,
// living in the service's main thread. It keeps the latest engine snapshot (publishSnapshot,
// connected to EngineThread::snapshotReady), answers queries from it, streams it to subscribers
// and hands state-changing commands (reload, makestep, applyconfig) to whoever connected the
// matching signal, which answers through completeRequest(). `configtext` it answers itself.
//
// Access control on the Unix socket is the socket file's permissions (ControlSocketFile.h):
// whoever can connect may use every command. Remote access over TCP is off unless the
// configuration names both an address (bindcmdaddress) and at least one cmdallow rule; its peers
// are checked against cmdallow/cmddeny and may only query and subscribe, since only the socket's
// permissions say who may change the service's state; the configuration text (`configtext`) is
// served on the local socket only as well. Malformed input never ends the service: bad JSON or an unknown command
// gets an error response, an over-long line an error and the connection closed.
#pragma once

#include "chronyc/SnapshotReports.h"
#include "config/EngineConfig.h"
#include "history/HistoryStore.h"
#include "net/AccessFilter.h"
#include "report/EngineSnapshot.h"
#include "transport/ControlSocketFile.h"
#include "json/ControlProtocol.h"

#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

class QLocalServer;
class QTcpServer;

namespace s1 {

class ControlConnection;

// The addresses the remote (TCP) control port listens on: the configured bindcmdaddress IP
// addresses, but none at all unless cmdport is non-zero and at least one cmdallow rule exists.
std::vector<IpAddress> remoteControlAddresses(const CommandConfig &config);

class ControlServer : public QObject
{
    Q_OBJECT
public:
    // At most this many clients at once, so that a local user cannot exhaust the service's
    // descriptors. A new client always gets in: when the limit is reached, the peer holding the
    // most connections loses its least recently active one (idle before subscribed ones).
    static constexpr int kMaxConnections = 64;
    // One peer (a uid on the Unix socket, an address over TCP) holds at most this many; its
    // next connection replaces its least recently active one.
    static constexpr int kMaxConnectionsPerPeer = 16;
    // A client that neither subscribed nor sent a line for this long is closed (stratumctl
    // sends its request at once; a request in progress, such as a reload, keeps it open).
    static constexpr std::chrono::milliseconds kDefaultIdleTimeout{10'000};
    // A subscriber this far behind (bytes queued to it) is disconnected rather than buffered.
    static constexpr qint64 kMaxPendingBytes = 8 * 1024 * 1024;

    explicit ControlServer(QObject *parent = nullptr);
    ~ControlServer() override;

    // Binds `path` (creating its directory, replacing a stale socket), mode 0660, group
    // `group` when given. False with `error` set ("no such group: ntpadm", ...).
    bool listen(const std::string &path, const std::string &group, QString &error);
    // Opens the remote TCP port on remoteControlAddresses(config), port config.port; does
    // nothing (and succeeds) when that is empty. False with `error` set when a bind fails.
    bool listenRemote(const CommandConfig &config, QString &error);
    // Closes the Unix socket and the TCP port.
    void close();
    bool isListening() const;
    // For tests: a shorter idle timeout, for connections accepted from now on.
    void setIdleTimeout(std::chrono::milliseconds timeout) { m_idleTimeout = timeout; }
    bool isListeningRemote() const { return !m_tcpServers.empty(); }
    const std::string &socketPath() const { return m_path; }

    CommandCounters counters() const { return m_counters; }
    int connectionCount() const { return static_cast<int>(m_connections.size()); }
    const std::optional<EngineSnapshot> &latestSnapshot() const { return m_snapshot; }
    // What the `configuration` query answers: the file a reload reads (`builtIn`: it does not
    // exist yet and the built-in configuration runs). Not set: the query is an error.
    void setConfigurationPath(const QString &path, bool builtIn);
    // What `history` and `historySeries` answer from (kept by the owner of the engine thread,
    // which outlives this server's use of it); null: they are an error.
    void setHistory(const HistoryStore *history) { m_history = history; }

public slots:
    void publishSnapshot(const s1::EngineSnapshot &snapshot);
    // Answers a request handed out by reloadRequested/makeStepRequested; ignored when its
    // client has gone.
    void completeRequest(quint64 ticket, bool ok, const QJsonValue &result, const QString &error);

signals:
    void reloadRequested(quint64 ticket);
    void makeStepRequested(quint64 ticket);
    // `applyconfig`: replace the main configuration file by `text` if it is still `revision`;
    // answered with completeRequest(ticket, true, applyResultToJson(...)) whatever the outcome.
    void applyConfigurationRequested(quint64 ticket, const QString &text, const QString &revision);
    // One of chronyc's runtime commands (control::isRuntimeCommand): `command` is chronyc's
    // name ("add", "burst", ...), `arguments` the rest of its line. Answered with
    // completeRequest: result {"status": "200 OK", "warnings": [...]}, or chronyc's error line.
    void runtimeCommandRequested(quint64 ticket, const QString &command, const QString &arguments);

private:
    struct Pending
    {
        QPointer<ControlConnection> connection;
        qint64 requestId = 0;
    };

    void onNewConnection();
    void onNewRemoteConnection(QTcpServer *server);
    void accept(ControlConnection *connection);
    // Closes connections as the limits above require to let `peer` in.
    void makeRoomFor(const QString &peer);
    void evict(ControlConnection *connection, const QString &reason);
    void onIdle(ControlConnection *connection);
    bool hasPendingRequest(const ControlConnection *connection) const;
    void closeRemote();
    void onLine(ControlConnection *connection, const QByteArray &line);
    void onOverflow(ControlConnection *connection);
    void onClosed(ControlConnection *connection);
    void handOver(ControlConnection *connection, const control::ControlRequest &request);
    void answerConfigurationText(ControlConnection *connection, const control::ControlRequest &request);
    void handOverApply(ControlConnection *connection, const control::ControlRequest &request);
    void answerHistoryRequest(ControlConnection *connection, const control::ControlRequest &request);
    void handOverRuntimeCommand(ControlConnection *connection, const control::ControlRequest &request);

    QLocalServer *m_server;
    std::vector<QTcpServer *> m_tcpServers; // children of this
    AccessFilter m_remoteAccess;
    std::string m_path;
    std::optional<SocketFileId> m_socketFile;
    std::map<quint64, ControlConnection *> m_connections; // by connection id
    std::map<quint64, quint64> m_lastActivity;            // by connection id: activity sequence
    quint64 m_activity = 0;
    std::chrono::milliseconds m_idleTimeout = kDefaultIdleTimeout;
    std::map<quint64, Pending> m_pending; // by ticket
    std::optional<EngineSnapshot> m_snapshot;
    QString m_configurationPath;
    bool m_configurationBuiltIn = false;
    const HistoryStore *m_history = nullptr;
    CommandCounters m_counters;
    quint64 m_nextConnectionId = 1;
    quint64 m_nextTicket = 1;
};

} // namespace s1
