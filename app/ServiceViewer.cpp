#include "ServiceViewer.h"

#include "DisplayFormat.h"
#include "FeedHistory.h"
#include "MainWindow.h"

#include "json/ConfigurationJson.h"

#include <QJsonArray>
#include <QJsonObject>

namespace s1 {

namespace {
constexpr int kMillisPerSecond = 1000;
} // namespace

ServiceViewer::ServiceViewer(MainWindow *window, QString socketPath, QObject *parent)
    : SnapshotFeed(parent)
    , m_connection(new ServiceConnection(this))
    , m_path(std::move(socketPath))
    , m_snapshotWatchdog(new QTimer(this))
{
    m_snapshotWatchdog->setSingleShot(true);
    m_snapshotWatchdog->setInterval(kSnapshotTimeoutMs);
    connect(m_snapshotWatchdog, &QTimer::timeout, this, &ServiceViewer::onSnapshotsStopped);
    connect(m_connection, &ServiceConnection::snapshotReceived, this, &SnapshotFeed::snapshotReady);
    connect(m_connection, &ServiceConnection::snapshotReceived, this, &ServiceViewer::onSnapshot);
    connect(m_connection, &ServiceConnection::connectionStateChanged, this, &ServiceViewer::onStateChanged);
    connect(m_connection, &ServiceConnection::requestFinished, this, &ServiceViewer::onRequestFinished);
    if (window)
        window->setFeed(this);
}

void ServiceViewer::requestReload()
{
    m_reloadRequest = m_connection->requestReload();
}

void ServiceViewer::requestMakeStep()
{
    m_makeStepRequest = m_connection->requestMakeStep();
}

QString ServiceViewer::configurationEditUnavailableReason() const
{
    if (m_connection->state() != ServiceConnection::State::Connected)
        return tr("Not connected to the service: %1").arg(m_connection->stateMessage());
    return {};
}

void ServiceViewer::requestConfigurationText()
{
    m_textRequest = m_connection->requestConfigurationText();
}

void ServiceViewer::applyConfiguration(const std::string &text, const std::string &revision)
{
    m_applyRequest = m_connection->applyConfiguration(QString::fromStdString(text), QString::fromStdString(revision));
}

QString ServiceViewer::historyUnavailableReason() const
{
    return configurationEditUnavailableReason();
}

quint64 ServiceViewer::requestHistory(const HistoryRangeRequest &request)
{
    const quint64 ticket = nextHistoryTicket();
    // Not connected: the connection answers with a failure from the event loop.
    m_historyRequests[m_connection->requestHistory(historyRequestArguments(request))] = {ticket, request};
    return ticket;
}

bool ServiceViewer::finishConfigurationRequest(qint64 requestId, bool ok, const QJsonValue &result,
                                               const QString &error)
{
    QString why = error;
    if (requestId == m_textRequest) {
        m_textRequest = 0;
        if (ok) {
            if (const auto text = configurationTextFromJson(result.toObject(), &why)) {
                emit configurationTextReady(*text);
                return true;
            }
        }
        emit configurationTextFailed(why);
        return true;
    }
    if (requestId != m_applyRequest)
        return false;
    m_applyRequest = 0;
    if (ok) {
        if (const auto answer = applyResultFromJson(result.toObject(), &why)) {
            emit configurationApplied(*answer);
            return true;
        }
    }
    // Refused before any attempt (not connected, an old service, busy reloading): nothing written.
    ConfigurationApplyResult failed;
    failed.outcome = ConfigurationApplyResult::Outcome::WriteFailed;
    failed.message = why.toStdString();
    emit configurationApplied(failed);
    return true;
}

void ServiceViewer::setSnapshotTimeout(int milliseconds)
{
    m_snapshotWatchdog->setInterval(milliseconds);
}

void ServiceViewer::onSnapshot()
{
    m_snapshotWatchdog->start();
    if (m_silent) {
        m_silent = false;
        emit connectionChanged(describe(ServiceConnection::State::Connected, m_path, {}));
    }
}

void ServiceViewer::onSnapshotsStopped()
{
    m_silent = true;
    emit connectionChanged(tr("Service at %1: no update for %n s", nullptr,
                              (m_snapshotWatchdog->interval() + kMillisPerSecond - 1) / kMillisPerSecond)
                               .arg(m_path));
    emit snapshotsStale();
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

QString ServiceViewer::describeReload(bool ok, const QJsonValue &result, const QString &error)
{
    if (!ok)
        return tr("Reload failed: %1").arg(error);
    const QJsonArray warnings = result.toObject().value(QStringLiteral("warnings")).toArray();
    if (warnings.isEmpty())
        return tr("Configuration reloaded");
    // The first warning is usually the one that matters; the service's log has them all.
    return tr("Configuration reloaded with %n warning(s): %1", nullptr, static_cast<int>(warnings.size()))
        .arg(warnings.first().toString());
}

QString ServiceViewer::describeMakeStep(bool ok, double steppedSeconds, const QString &error)
{
    if (!ok)
        return tr("Clock step failed: %1").arg(error);
    // As chronyc's makestep: success even when there was nothing to correct.
    if (steppedSeconds == 0)
        return tr("Clock step done: no correction was pending");
    return tr("Clock stepped by %1").arg(formatSignedSeconds(steppedSeconds));
}

void ServiceViewer::onRequestFinished(qint64 requestId, bool ok, const QJsonValue &result, const QString &error)
{
    if (requestId == 0 || finishConfigurationRequest(requestId, ok, result, error))
        return;
    if (const auto it = m_historyRequests.find(requestId); it != m_historyRequests.end()) {
        const auto [ticket, request] = it->second;
        m_historyRequests.erase(it);
        emit historyReady(ticket, historyRangeFromAnswer(request, ok, result.toObject(), error));
        return;
    }
    if (requestId == m_configurationRequest) {
        m_configurationRequest = 0;
        // An older service does not know the query: the window keeps its own guess.
        const QString path = result.toObject().value(QStringLiteral("path")).toString();
        if (ok && !path.isEmpty())
            emit configurationPathChanged(path);
    } else if (requestId == m_reloadRequest) {
        m_reloadRequest = 0;
        emit actionFinished(ok, describeReload(ok, result, error));
    } else if (requestId == m_makeStepRequest) {
        m_makeStepRequest = 0;
        const double stepped = result.toObject().value(QStringLiteral("stepped")).toDouble();
        emit actionFinished(ok, describeMakeStep(ok, stepped, error));
    }
}

void ServiceViewer::onStateChanged(ServiceConnection::State state, const QString &message)
{
    emit connectionChanged(describe(state, m_path, message));
    m_silent = false;
    if (state == ServiceConnection::State::Connected) {
        m_configurationRequest = m_connection->requestConfiguration();
        m_snapshotWatchdog->start(); // the first snapshot comes at once on subscribing
    } else {
        m_snapshotWatchdog->stop();
    }
    // Connected is not yet fresh: the service sends its current snapshot at once on subscribing,
    // and showSnapshot clears the mark then.
    if (state != ServiceConnection::State::Connected)
        emit snapshotsStale();
}

} // namespace s1
