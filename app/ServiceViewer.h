// The window's feed from a running `stratumone --service` instead of an in-process engine: the
// ServiceConnection's snapshots, its state in words ("Service at PATH: connected"), and a lost
// connection or a silent service as stale snapshots until the service is back. The window's
// requests become the service's `reload` and `makestep`, and their answers its action results.
// The configuration path is the one the service reports (`configuration`); the configuration
// editor's requests become `configtext` and `applyconfig`, which the service serves to members
// of its control group (whoever can connect to the socket).
#pragma once

#include "SnapshotFeed.h"

#include "transport/ServiceConnection.h"

#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QTimer>

#include <map>

namespace s1 {

class MainWindow;

class ServiceViewer : public SnapshotFeed
{
    Q_OBJECT
public:
    // The service publishes once a second: a connection this long without a snapshot shows a
    // service that has stopped working, and the window must not keep looking live.
    static constexpr int kSnapshotTimeoutMs = 5000;

    // Feeds `window` (when given) from the service at `socketPath`.
    ServiceViewer(MainWindow *window, QString socketPath, QObject *parent = nullptr);
    // Tests shorten the wait.
    void setSnapshotTimeout(int milliseconds);

    // Connects (and keeps reconnecting) and subscribes to the snapshot stream.
    void start() override;
    void requestReload() override;
    void requestMakeStep() override;
    QString configurationEditUnavailableReason() const override;
    void requestConfigurationText() override;
    void applyConfiguration(const std::string &text, const std::string &revision) override;
    // The service's `history`; unavailable while not connected.
    QString historyUnavailableReason() const override;
    quint64 requestHistory(const HistoryRangeRequest &request) override;
    ServiceConnection &connection() { return *m_connection; }

    // The status bar's text for a connection state.
    static QString describe(ServiceConnection::State state, const QString &socketPath, const QString &message);
    // What the window says about an answer to `reload` (its result: warnings, the NTP port) and
    // to `makestep` (how far the clock was stepped); shared with the in-process engine.
    static QString describeReload(bool ok, const QJsonValue &result, const QString &error);
    static QString describeMakeStep(bool ok, double steppedSeconds, const QString &error);

private:
    void onStateChanged(ServiceConnection::State state, const QString &message);
    void onSnapshot();
    void onSnapshotsStopped();
    void onRequestFinished(qint64 requestId, bool ok, const QJsonValue &result, const QString &error);
    // The answers to configtext and applyconfig; false when `requestId` is neither.
    bool finishConfigurationRequest(qint64 requestId, bool ok, const QJsonValue &result, const QString &error);

    ServiceConnection *m_connection;
    QString m_path;
    QTimer *m_snapshotWatchdog;
    bool m_silent = false; // connected, but the snapshots stopped
    // The one request the window waits for (it sends no second one before the answer); 0: none.
    qint64 m_reloadRequest = 0;
    qint64 m_makeStepRequest = 0;
    // The service's configuration file, asked for on every connect (it may have been restarted
    // with another -f): the GPS wizard must edit the file the service reads.
    qint64 m_configurationRequest = 0;
    qint64 m_textRequest = 0;
    qint64 m_applyRequest = 0;
    // History requests under way: the window's ticket and request, by request id.
    std::map<qint64, std::pair<quint64, HistoryRangeRequest>> m_historyRequests;
};

} // namespace s1
