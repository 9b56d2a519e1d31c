#include "transport/ServiceConnection.h"

#include "logging/LogCategories.h"
#include "transport/ControlClient.h"
#include "json/SnapshotJson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <vector>

namespace s1 {

namespace {

constexpr long kMillisPerSecond = 1000;

// "the socket is root:ntpadm mode 0660; run as a member of group ntpadm or as root": the
// blocking client's explanation, so that stratumctl and the window say the same thing.
QString permissionMessage(const QString &path)
{
    const std::string full = describeConnectError(path.toStdString(), EACCES);
    const std::string prefix = "cannot connect to " + path.toStdString() + ": ";
    const std::size_t hint = full.find(" (", prefix.size());
    return QStringLiteral("permission denied: %1%2")
        .arg(path, hint == std::string::npos ? QString() : QString::fromStdString(full.substr(hint)));
}

QString connectErrorMessage(const QString &path, QLocalSocket::LocalSocketError error, const QString &systemText)
{
    switch (error) {
    case QLocalSocket::ServerNotFoundError:
        return QStringLiteral("no service at %1 (is stratumone --service running?)").arg(path);
    case QLocalSocket::ConnectionRefusedError:
        return QStringLiteral("no service at %1: the socket is there but nobody answers (is stratumone --service "
                              "running?)")
            .arg(path);
    case QLocalSocket::SocketAccessError:
        return permissionMessage(path);
    case QLocalSocket::SocketTimeoutError:
        return QStringLiteral("the service at %1 does not accept connections (is it hung?)").arg(path);
    default:
        return QStringLiteral("cannot connect to %1: %2").arg(path, systemText);
    }
}

QString versionText(const QJsonValue &version)
{
    return version.isDouble() ? QString::number(version.toDouble()) : QStringLiteral("(not a number)");
}

} // namespace

ServiceConnection::ServiceConnection(QObject *parent, qsizetype maxLineBytes)
    : QObject(parent)
    , m_socket(new QLocalSocket(this))
    , m_retryTimer(new QTimer(this))
    , m_connectTimer(new QTimer(this))
    , m_maxLineBytes(maxLineBytes)
    , m_framer(maxLineBytes)
{
    m_retryTimer->setSingleShot(true);
    m_connectTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &ServiceConnection::attempt);
    connect(m_connectTimer, &QTimer::timeout, this,
            [this] { lose(connectErrorMessage(m_path, QLocalSocket::SocketTimeoutError, {})); });
    connect(m_socket, &QLocalSocket::connected, this, &ServiceConnection::onConnected);
    connect(m_socket, &QLocalSocket::readyRead, this, &ServiceConnection::onReadyRead);
    connect(m_socket, &QLocalSocket::disconnected, this, &ServiceConnection::onDisconnected);
    connect(m_socket, &QLocalSocket::errorOccurred, this,
            [this](QLocalSocket::LocalSocketError error) { onSocketError(error); });
}

ServiceConnection::~ServiceConnection()
{
    // No callbacks into a half-destroyed object while the socket closes.
    m_socket->disconnect(this);
    m_socket->abort();
}

void ServiceConnection::connectTo(const QString &path)
{
    disconnectFromService();
    m_path = path;
    m_backoff = kFirstRetryDelay;
    m_retryDelay = kFirstRetryDelay;
    if (!path.startsWith(QLatin1Char('/'))) {
        // Qt would look for a relative name in the temporary directory: never what was meant.
        setState(State::Disconnected,
                 QStringLiteral("cannot attach to \"%1\": the socket path must be absolute").arg(path));
        return;
    }
    m_wanted = true;
    setState(State::Connecting, QStringLiteral("connecting to %1").arg(path));
    attempt();
}

void ServiceConnection::disconnectFromService()
{
    const bool wasWanted = m_wanted;
    m_wanted = false;
    m_retryTimer->stop();
    if (m_attemptActive)
        lose(QStringLiteral("disconnected from %1").arg(m_path));
    else if (wasWanted)
        setState(State::Disconnected, QStringLiteral("disconnected from %1").arg(m_path));
}

void ServiceConnection::subscribe()
{
    m_subscribeWanted = true;
    if (m_socketUp && m_subscribeId == 0)
        sendSubscribe();
}

qint64 ServiceConnection::requestReload()
{
    return sendRequest(control::Command::Reload);
}

qint64 ServiceConnection::requestMakeStep()
{
    return sendRequest(control::Command::MakeStep);
}

qint64 ServiceConnection::requestConfiguration()
{
    return sendRequest(control::Command::Configuration);
}

qint64 ServiceConnection::requestConfigurationText()
{
    return sendRequest(control::Command::ConfigurationText);
}

qint64 ServiceConnection::applyConfiguration(const QString &text, const QString &revision)
{
    return sendRequest(control::Command::ApplyConfiguration, QJsonObject{{"text", text}, {"revision", revision}});
}

qint64 ServiceConnection::requestHistory(const QJsonObject &args)
{
    return sendRequest(control::Command::History, args);
}

void ServiceConnection::attempt()
{
    m_retryTimer->stop();
    if (!m_wanted)
        return;
    if (m_socket->state() != QLocalSocket::UnconnectedState)
        m_socket->abort();
    m_framer = LineFramer(m_maxLineBytes);
    m_serviceComplaint.clear();
    m_droppedThisConnection = 0;
    m_subscribeId = 0;
    m_socketUp = false;
    m_attemptActive = true;
    m_connectTimer->start(kConnectTimeout);
    // May report a failure (errorOccurred) before it returns.
    m_socket->connectToServer(m_path);
}

void ServiceConnection::onConnected()
{
    if (!m_attemptActive)
        return;
    m_connectTimer->stop();
    m_socketUp = true;
    setState(State::Connected, QStringLiteral("connected to %1").arg(m_path));
    if (m_subscribeWanted)
        sendSubscribe();
}

void ServiceConnection::onReadyRead()
{
    if (!m_socketUp)
        return;
    m_framer.append(m_socket->readAll());
    // Each line may end the connection (a version mismatch); stop reading then.
    while (m_socketUp) {
        const auto line = m_framer.next();
        if (!line)
            break;
        handleLine(*line);
    }
    if (m_socketUp && m_framer.overflowed())
        lose(QStringLiteral("protocol error: the service at %1 sent a line longer than %2 bytes")
                 .arg(m_path)
                 .arg(m_maxLineBytes));
}

void ServiceConnection::onSocketError(int error)
{
    const auto socketError = static_cast<QLocalSocket::LocalSocketError>(error);
    if (m_socketUp) {
        if (socketError == QLocalSocket::PeerClosedError)
            onDisconnected();
        else
            lose(QStringLiteral("connection to the service at %1 failed: %2").arg(m_path, m_socket->errorString()));
        return;
    }
    lose(connectErrorMessage(m_path, socketError, m_socket->errorString()));
}

void ServiceConnection::onDisconnected()
{
    if (m_socketUp)
        lose(QStringLiteral("service stopped: %1 closed the connection").arg(m_path));
}

void ServiceConnection::lose(const QString &reason, bool backOffFully)
{
    if (!m_attemptActive)
        return;
    // First, so that the signals abort() emits find nothing left to do.
    m_attemptActive = false;
    m_socketUp = false;
    m_subscribeId = 0;
    m_connectTimer->stop();
    if (m_socket->state() != QLocalSocket::UnconnectedState)
        m_socket->abort();
    const QString message =
        m_serviceComplaint.isEmpty() ? reason : QStringLiteral("%1 (it said: %2)").arg(reason, m_serviceComplaint);
    failAllRequests(QStringLiteral("no answer: %1").arg(message));
    setState(State::Disconnected, message);
    if (!m_wanted)
        return;
    m_retryDelay = backOffFully ? kMaxRetryDelay : m_backoff;
    m_backoff = std::min(m_backoff * 2, kMaxRetryDelay);
    m_retryTimer->start(m_retryDelay);
}

void ServiceConnection::handleLine(const QByteArray &line)
{
    QString parseError;
    const auto message = control::parseMessage(line, &parseError);
    if (!message) {
        // A JSON object with another "v" is a service of another version, not noise: say so
        // and stop listening to it (retrying slowly: it may be upgraded and restarted).
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        const QJsonValue version =
            doc.isObject() ? doc.object().value(QStringLiteral("v")) : QJsonValue(QJsonValue::Undefined);
        if (!version.isUndefined() && version.toInteger(-1) != control::kProtocolVersion) {
            lose(QStringLiteral("protocol mismatch: the service at %1 speaks version %2, this program version %3")
                     .arg(m_path, versionText(version))
                     .arg(control::kProtocolVersion),
                 true);
            return;
        }
        dropLine(parseError);
        return;
    }
    // A readable message: the peer is a service we understand, so a later loss may retry fast.
    m_backoff = kFirstRetryDelay;
    if (message->kind == control::ControlMessage::Kind::Response)
        handleResponse(*message);
    else
        handleEvent(*message);
}

void ServiceConnection::handleResponse(const control::ControlMessage &message)
{
    if (message.id.isNull()) {
        // About no request of ours in particular, e.g. "too many clients" before it closes.
        if (!message.ok) {
            m_serviceComplaint = message.error;
            qCWarning(lcControl).noquote() << "the service at" << m_path << "says:" << message.error;
        }
        return;
    }
    const qint64 id = message.id.toInteger();
    if (id != 0 && id == m_subscribeId) {
        m_subscribeId = 0;
        if (!message.ok)
            lose(QStringLiteral("protocol mismatch: the service at %1 does not stream snapshots: %2")
                     .arg(m_path, message.error),
                 true);
        return;
    }
    if (m_pending.count(id) == 0) {
        dropLine(QStringLiteral("a response to no request of ours (id %1)").arg(id));
        return;
    }
    finishRequest(id, message.ok, message.result, message.error);
}

void ServiceConnection::handleEvent(const control::ControlMessage &message)
{
    if (message.event != QLatin1String("snapshot")) {
        // Newer services may send events this program does not know; they are not errors.
        qCDebug(lcControl).noquote() << "ignoring event" << message.event << "from" << m_path;
        return;
    }
    const QJsonValue body = message.body.value(QStringLiteral("snapshot"));
    if (!body.isObject()) {
        dropLine(QStringLiteral("a snapshot event without a snapshot object"));
        return;
    }
    QString error;
    auto snapshot = snapshotFromJson(body.toObject(), &error);
    if (!snapshot) {
        dropLine(QStringLiteral("unreadable snapshot: %1").arg(error));
        return;
    }
    m_snapshot = std::move(*snapshot);
    emit snapshotReceived(*m_snapshot);
}

void ServiceConnection::sendSubscribe()
{
    m_subscribeId = m_nextId++;
    m_socket->write(control::encodeRequest({m_subscribeId, control::Command::Subscribe, {}}));
}

qint64 ServiceConnection::sendRequest(control::Command command, const QJsonObject &args)
{
    const qint64 id = m_nextId++;
    if (!m_socketUp) {
        // Answered from the event loop, like every other answer, so callers see one order.
        const QString error = QStringLiteral("not connected to the service: %1").arg(m_stateMessage);
        QTimer::singleShot(0, this, [this, id, error] { emit requestFinished(id, false, QJsonValue(), error); });
        return id;
    }
    m_pending.emplace(id, command);
    m_socket->write(control::encodeRequest({id, command, args}));
    QTimer::singleShot(kRequestTimeout, this, [this, id] {
        if (m_pending.count(id) != 0)
            finishRequest(id, false, QJsonValue(),
                          QStringLiteral("no answer from the service within %1 s")
                              .arg(kRequestTimeout.count() / kMillisPerSecond));
    });
    return id;
}

void ServiceConnection::finishRequest(qint64 id, bool ok, const QJsonValue &result, const QString &error)
{
    m_pending.erase(id);
    emit requestFinished(id, ok, result, error);
}

void ServiceConnection::failAllRequests(const QString &error)
{
    std::vector<qint64> ids;
    ids.reserve(m_pending.size());
    for (const auto &[id, command] : m_pending)
        ids.push_back(id);
    m_pending.clear();
    for (const qint64 id : ids)
        emit requestFinished(id, false, QJsonValue(), error);
}

void ServiceConnection::setState(State state, const QString &message)
{
    if (state == m_state && message == m_stateMessage)
        return;
    m_state = state;
    m_stateMessage = message;
    qCInfo(lcControl).noquote() << message;
    emit connectionStateChanged(state, message);
}

void ServiceConnection::dropLine(const QString &why)
{
    ++m_droppedLines;
    // One warning per connection: a peer sending nothing but noise must not flood the log.
    if (m_droppedThisConnection++ == 0)
        qCWarning(lcControl).noquote() << "dropping a line from" << m_path << "that is not a protocol message:" << why;
    else
        qCDebug(lcControl).noquote() << "dropping a line from" << m_path << ":" << why;
}

} // namespace s1
