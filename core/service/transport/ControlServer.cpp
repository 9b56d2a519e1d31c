#include "transport/ControlServer.h"

#include "logging/LogCategories.h"

#include "config/ConfigurationEditor.h"
#include "control/ControlQueries.h"
#include "control/HistoryQueries.h"
#include "transport/ControlConnection.h"
#include "json/ConfigurationJson.h"
#include "json/SnapshotJson.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

#include <vector>

#include <sys/socket.h>
#include <unistd.h>

namespace s1 {

namespace {

// Who is on the other end, for the debug log (the kernel's word, not the peer's).
QString describePeer(const QLocalSocket *socket)
{
    ucred cred{};
    socklen_t length = sizeof(cred);
    if (::getsockopt(static_cast<int>(socket->socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0)
        return QStringLiteral("unknown peer");
    return QStringLiteral("pid %1 uid %2 gid %3").arg(cred.pid).arg(cred.uid).arg(cred.gid);
}

IpAddress fromHostAddress(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv4Protocol)
        return IpAddress::v4(address.toIPv4Address());
    const Q_IPV6ADDR raw = address.toIPv6Address();
    std::array<std::uint8_t, 16> bytes{};
    std::copy(std::begin(raw.c), std::end(raw.c), bytes.begin());
    return IpAddress::v6(bytes);
}

QHostAddress toHostAddress(const IpAddress &address)
{
    if (address.isV4())
        return QHostAddress(address.v4Value());
    return QHostAddress(address.bytes().data());
}

} // namespace

std::vector<IpAddress> remoteControlAddresses(const CommandConfig &config)
{
    const bool anyAllow =
        std::any_of(config.access.begin(), config.access.end(), [](const AccessRule &rule) { return rule.allow; });
    if (config.port == 0 || !anyAllow)
        return {};
    std::vector<IpAddress> addresses;
    if (config.bindAddressV4)
        addresses.push_back(*config.bindAddressV4);
    if (config.bindAddressV6)
        addresses.push_back(*config.bindAddressV6);
    return addresses;
}

ControlServer::ControlServer(QObject *parent)
    : QObject(parent)
    , m_server(new QLocalServer(this))
{
    connect(m_server, &QLocalServer::newConnection, this, &ControlServer::onNewConnection);
}

ControlServer::~ControlServer()
{
    close();
}

bool ControlServer::listen(const std::string &path, const std::string &group, QString &error)
{
    close();
    std::string message;
    std::optional<gid_t> gid;
    if (!group.empty()) {
        gid = lookupGroup(group, message);
        if (!gid) {
            error = QStringLiteral("control group: %1").arg(QString::fromStdString(message));
            return false;
        }
    }
    const int fd = bindControlSocket(path, gid, message);
    if (fd < 0) {
        error = QString::fromStdString(message);
        return false;
    }
    // QLocalServer takes the descriptor over (and closes it in close()).
    if (!m_server->listen(static_cast<qintptr>(fd))) {
        error = QStringLiteral("%1: %2").arg(QString::fromStdString(path), m_server->errorString());
        ::close(fd);
        ::unlink(path.c_str());
        return false;
    }
    m_path = path;
    m_socketFile = socketFileId(path);
    if (group.empty())
        qCInfo(lcControl).noquote() << "control socket listening on" << QString::fromStdString(path);
    else
        qCInfo(lcControl).noquote() << "control socket listening on" << QString::fromStdString(path)
                                    << QStringLiteral("(group %1)").arg(QString::fromStdString(group));
    return true;
}

bool ControlServer::listenRemote(const CommandConfig &config, QString &error)
{
    closeRemote();
    m_remoteAccess = AccessFilter(config.access);
    for (const IpAddress &address : remoteControlAddresses(config)) {
        auto *server = new QTcpServer(this);
        server->setMaxPendingConnections(kMaxConnections);
        if (!server->listen(toHostAddress(address), config.port)) {
            error = QStringLiteral("remote control port %1 port %2: %3")
                        .arg(QString::fromStdString(address.toString()))
                        .arg(config.port)
                        .arg(server->errorString());
            delete server;
            closeRemote();
            return false;
        }
        connect(server, &QTcpServer::newConnection, this, [this, server] { onNewRemoteConnection(server); });
        m_tcpServers.push_back(server);
        qCInfo(lcControl).noquote() << "remote control (queries only) listening on"
                                    << QString::fromStdString(address.toString()) << "port" << config.port;
    }
    return true;
}

void ControlServer::closeRemote()
{
    for (QTcpServer *server : m_tcpServers) {
        server->close();
        server->deleteLater();
    }
    m_tcpServers.clear();
}

void ControlServer::close()
{
    closeRemote();
    if (!m_server->isListening())
        return;
    m_server->close();
    // Clients already connected keep their connection; only the name goes.
    if (m_socketFile)
        removeSocketFileIfOurs(m_path, *m_socketFile);
    m_socketFile.reset();
}

bool ControlServer::isListening() const
{
    return m_server->isListening();
}

void ControlServer::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        const quint64 id = m_nextConnectionId++;
        auto *connection = new ControlConnection(socket, id, this);
        qCDebug(lcControl).noquote() << "client" << id << "connected:" << describePeer(socket);
        accept(connection);
    }
}

void ControlServer::onNewRemoteConnection(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        const quint64 id = m_nextConnectionId++;
        auto *connection = new ControlConnection(socket, id, this);
        const IpAddress peer = fromHostAddress(socket->peerAddress());
        if (!m_remoteAccess.allows(peer)) {
            qCWarning(lcControl).noquote() << "remote control: refusing" << QString::fromStdString(peer.toString())
                                           << "(not allowed by cmdallow/cmddeny)";
            connection->closeAfter(
                control::encodeError(QJsonValue(), QStringLiteral("access denied: %1 is not allowed by cmdallow")
                                                       .arg(QString::fromStdString(peer.toString()))));
            continue;
        }
        qCDebug(lcControl).noquote() << "client" << id << "connected over TCP from"
                                     << QString::fromStdString(peer.toString());
        accept(connection);
    }
}

void ControlServer::accept(ControlConnection *connection)
{
    makeRoomFor(connection->peer());
    m_connections.emplace(connection->id(), connection);
    m_lastActivity[connection->id()] = ++m_activity;
    connect(connection, &ControlConnection::lineReceived, this, &ControlServer::onLine);
    connect(connection, &ControlConnection::overflowed, this, &ControlServer::onOverflow);
    connect(connection, &ControlConnection::closed, this, &ControlServer::onClosed);
    connect(connection, &ControlConnection::idle, this, &ControlServer::onIdle);
    connection->setIdleTimeout(m_idleTimeout);
}

bool ControlServer::hasPendingRequest(const ControlConnection *connection) const
{
    return std::any_of(m_pending.begin(), m_pending.end(),
                       [connection](const auto &entry) { return entry.second.connection == connection; });
}

void ControlServer::makeRoomFor(const QString &peer)
{
    std::map<QString, int> perPeer;
    for (const auto &[id, connection] : m_connections)
        ++perPeer[connection->peer()];
    // The peer whose connection goes: the newcomer itself when it holds its share already,
    // else, when the server is full, whoever holds the most.
    QString victimPeer;
    QString reason;
    if (perPeer[peer] >= kMaxConnectionsPerPeer) {
        victimPeer = peer;
        reason = QStringLiteral("more than %1 connections from %2").arg(kMaxConnectionsPerPeer).arg(peer);
    } else if (static_cast<int>(m_connections.size()) >= kMaxConnections) {
        const auto most = std::max_element(perPeer.begin(), perPeer.end(),
                                           [](const auto &a, const auto &b) { return a.second < b.second; });
        victimPeer = most->first;
        reason = QStringLiteral("more than %1 clients").arg(kMaxConnections);
    } else {
        return;
    }
    // Its least valuable connection: idle ones before subscribers and requests in progress,
    // then the one whose last line is oldest.
    ControlConnection *victim = nullptr;
    auto rank = [this](ControlConnection *c) {
        const bool busy = c->isSubscribed() || hasPendingRequest(c);
        return std::pair(busy, m_lastActivity[c->id()]);
    };
    for (const auto &[id, connection] : m_connections) {
        if (connection->peer() == victimPeer && (!victim || rank(connection) < rank(victim)))
            victim = connection;
    }
    if (victim)
        evict(victim, QStringLiteral("closed to make room for a new client (%1)").arg(reason));
}

void ControlServer::evict(ControlConnection *connection, const QString &reason)
{
    qCWarning(lcControl).noquote() << "client" << connection->id() << QStringLiteral("(%1):").arg(connection->peer())
                                   << reason;
    m_connections.erase(connection->id());
    m_lastActivity.erase(connection->id());
    connection->closeAfter(control::encodeError(QJsonValue(), reason));
}

void ControlServer::onIdle(ControlConnection *connection)
{
    // Subscribers wait for events by design, and a reload may take a while.
    if (connection->isSubscribed() || hasPendingRequest(connection)) {
        connection->restartIdleTimer();
        return;
    }
    qCDebug(lcControl) << "client" << connection->id() << "idle; closing it";
    m_connections.erase(connection->id());
    m_lastActivity.erase(connection->id());
    const double seconds = std::chrono::duration<double>(m_idleTimeout).count();
    connection->closeAfter(
        control::encodeError(QJsonValue(), QStringLiteral("no request for %1 s; closing").arg(seconds)));
}

void ControlServer::onClosed(ControlConnection *connection)
{
    qCDebug(lcControl) << "client" << connection->id() << "disconnected";
    m_connections.erase(connection->id());
    m_lastActivity.erase(connection->id());
}

void ControlServer::onOverflow(ControlConnection *connection)
{
    ++m_counters.dropped;
    qCWarning(lcControl) << "client" << connection->id() << "sent a line longer than" << control::kMaxRequestBytes
                         << "bytes; closing it";
    connection->closeAfter(control::encodeError(
        QJsonValue(), QStringLiteral("request line longer than %1 bytes; closing").arg(control::kMaxRequestBytes)));
}

void ControlServer::onLine(ControlConnection *connection, const QByteArray &line)
{
    ++m_counters.received;
    m_lastActivity[connection->id()] = ++m_activity;
    const control::ParsedRequest parsed = control::parseRequest(line);
    if (!parsed.request) {
        ++m_counters.dropped;
        qCDebug(lcControl).noquote() << "client" << connection->id() << "bad request:" << parsed.error;
        connection->send(control::encodeError(parsed.id, parsed.error));
        return;
    }
    const control::ControlRequest &request = *parsed.request;
    qCDebug(lcControl) << "client" << connection->id() << "request" << request.id
                       << control::commandName(request.command);
    if (connection->isRemote() && control::needsLocalSocket(request.command)) {
        qCInfo(lcControl) << "client" << connection->id()
                          << "refused over TCP:" << control::commandName(request.command);
        // chronyc's runtime commands get chronyd's answer to a remote command it may not run.
        connection->send(control::encodeError(
            request.id, control::isRuntimeCommand(request.command)
                            ? QStringLiteral("501 Not authorised")
                            : QStringLiteral("%1 %2 and needs the local control socket; "
                                             "remote (TCP) access serves queries only")
                                  .arg(QLatin1String(control::commandName(request.command)),
                                       control::changesState(request.command)
                                           ? QStringLiteral("changes the service's state")
                                           : QStringLiteral("shows the configuration file"))));
        return;
    }
    using control::Command;
    switch (request.command) {
    case Command::Subscribe:
        connection->setSubscribed(true);
        connection->send(control::encodeResult(request.id, QJsonObject{{"subscribed", true}}));
        // Attach with the current state at once instead of waiting up to a snapshot interval.
        if (m_snapshot)
            connection->send(control::encodeSnapshotEvent(snapshotToJson(*m_snapshot)));
        return;
    case Command::Unsubscribe:
        connection->setSubscribed(false);
        connection->send(control::encodeResult(request.id, QJsonObject{{"subscribed", false}}));
        return;
    case Command::Reload:
    case Command::MakeStep:
        handOver(connection, request);
        return;
    case Command::Configuration:
        connection->send(m_configurationPath.isEmpty()
                             ? control::encodeError(request.id, QStringLiteral("configuration is not available here"))
                             : control::encodeResult(request.id, QJsonObject{{"path", m_configurationPath},
                                                                             {"builtIn", m_configurationBuiltIn}}));
        return;
    case Command::ConfigurationText:
        answerConfigurationText(connection, request);
        return;
    case Command::ApplyConfiguration:
        handOverApply(connection, request);
        return;
    case Command::History:
    case Command::HistorySeries:
        answerHistoryRequest(connection, request);
        return;
    default:
        if (control::isRuntimeCommand(request.command)) {
            handOverRuntimeCommand(connection, request);
            return;
        }
        break;
    }
    const ControlAnswer answer = answerQuery(request, m_snapshot ? &*m_snapshot : nullptr, m_counters);
    connection->send(answer.ok ? control::encodeResult(request.id, answer.result)
                               : control::encodeError(request.id, answer.error));
}

void ControlServer::handOver(ControlConnection *connection, const control::ControlRequest &request)
{
    const bool reload = request.command == control::Command::Reload;
    const QMetaMethod signal = reload ? QMetaMethod::fromSignal(&ControlServer::reloadRequested)
                                      : QMetaMethod::fromSignal(&ControlServer::makeStepRequested);
    if (!isSignalConnected(signal)) {
        connection->send(control::encodeError(
            request.id,
            QStringLiteral("%1 is not available here").arg(QLatin1String(control::commandName(request.command)))));
        return;
    }
    const quint64 ticket = m_nextTicket++;
    m_pending.emplace(ticket, Pending{connection, request.id});
    qCInfo(lcControl) << "client" << connection->id() << "requested" << control::commandName(request.command);
    if (reload)
        emit reloadRequested(ticket);
    else
        emit makeStepRequested(ticket);
}

void ControlServer::answerConfigurationText(ControlConnection *connection, const control::ControlRequest &request)
{
    if (m_configurationPath.isEmpty()) {
        connection->send(control::encodeError(request.id, QStringLiteral("configuration is not available here")));
        return;
    }
    // Only the main file and what it includes: never a keyfile or any other file by name.
    ConfigurationText text;
    std::string error;
    if (!ConfigurationEditor(m_configurationPath.toStdString()).read(text, error)) {
        connection->send(control::encodeError(request.id, QString::fromStdString(error)));
        return;
    }
    text.builtIn = m_configurationBuiltIn;
    connection->send(control::encodeResult(request.id, configurationTextToJson(text)));
}

void ControlServer::handOverApply(ControlConnection *connection, const control::ControlRequest &request)
{
    const QJsonValue text = request.args.value(QStringLiteral("text"));
    const QJsonValue revision = request.args.value(QStringLiteral("revision"));
    if (!text.isString() || !revision.isString()) {
        connection->send(control::encodeError(
            request.id, QStringLiteral("applyconfig needs the arguments \"text\" and \"revision\" (strings)")));
        return;
    }
    if (m_configurationPath.isEmpty()
        || !isSignalConnected(QMetaMethod::fromSignal(&ControlServer::applyConfigurationRequested))) {
        connection->send(control::encodeError(request.id, QStringLiteral("applyconfig is not available here")));
        return;
    }
    const quint64 ticket = m_nextTicket++;
    m_pending.emplace(ticket, Pending{connection, request.id});
    qCInfo(lcControl) << "client" << connection->id() << "requested applyconfig";
    emit applyConfigurationRequested(ticket, text.toString(), revision.toString());
}

void ControlServer::answerHistoryRequest(ControlConnection *connection, const control::ControlRequest &request)
{
    const std::int64_t now = m_snapshot ? nanosSinceEpoch(m_snapshot->time) : 0;
    const ControlAnswer answer = request.command == control::Command::History
                                     ? answerHistory(request.args, m_history, now)
                                     : answerHistorySeries(m_history);
    connection->send(answer.ok ? control::encodeResult(request.id, answer.result)
                               : control::encodeError(request.id, answer.error));
}

void ControlServer::handOverRuntimeCommand(ControlConnection *connection, const control::ControlRequest &request)
{
    const QJsonValue arguments = request.args.value(QStringLiteral("arguments"));
    if (!arguments.isUndefined() && !arguments.isString()) {
        connection->send(control::encodeError(request.id, QStringLiteral("\"arguments\" must be a string")));
        return;
    }
    if (!isSignalConnected(QMetaMethod::fromSignal(&ControlServer::runtimeCommandRequested))) {
        connection->send(control::encodeError(
            request.id,
            QStringLiteral("%1 is not available here").arg(QLatin1String(control::commandName(request.command)))));
        return;
    }
    const quint64 ticket = m_nextTicket++;
    m_pending.emplace(ticket, Pending{connection, request.id});
    const QString command = QLatin1String(control::runtimeCommandName(request.command));
    qCInfo(lcControl).noquote() << "client" << connection->id() << "requested" << command << arguments.toString();
    emit runtimeCommandRequested(ticket, command, arguments.toString());
}

void ControlServer::setConfigurationPath(const QString &path, bool builtIn)
{
    m_configurationPath = path;
    m_configurationBuiltIn = builtIn;
}

void ControlServer::completeRequest(quint64 ticket, bool ok, const QJsonValue &result, const QString &error)
{
    const auto it = m_pending.find(ticket);
    if (it == m_pending.end())
        return;
    const Pending pending = it->second;
    m_pending.erase(it);
    if (!pending.connection)
        return;
    pending.connection->send(ok ? control::encodeResult(pending.requestId, result)
                                : control::encodeError(pending.requestId, error));
}

void ControlServer::publishSnapshot(const EngineSnapshot &snapshot)
{
    m_snapshot = snapshot;
    QByteArray event;
    std::vector<ControlConnection *> stalled;
    for (const auto &[id, connection] : m_connections) {
        if (!connection->isSubscribed() || !connection->isOpen())
            continue;
        if (connection->pendingBytes() > kMaxPendingBytes) {
            stalled.push_back(connection);
            continue;
        }
        if (event.isEmpty())
            event = control::encodeSnapshotEvent(snapshotToJson(snapshot));
        connection->send(event);
    }
    // Outside the loop: aborting removes the connection from m_connections.
    for (ControlConnection *connection : stalled) {
        qCWarning(lcControl) << "client" << connection->id() << "does not read its snapshots; closing it";
        connection->abort();
    }
}

} // namespace s1
