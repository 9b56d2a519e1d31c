// The Prometheus endpoint of a running engine (`metricsaddress ADDRESS PORT`): keeps the latest
// snapshot (connect EngineThread::snapshotReady to publishSnapshot) and serves it on
// http://ADDRESS:PORT/metrics in the text format (PrometheusFormat), from the thread it lives in
// (the service's main thread, beside the control server; the engine thread never waits for a
// scrape).
//
// configure() follows the configuration: it opens the endpoint, moves it when the address or
// port changed (a reload), closes it when the directive is gone, and leaves it alone otherwise.
// When it cannot listen (port taken, an address this machine does not have) it says so in the
// log (s1.metrics) and error(); nothing else stops: the time service runs on without metrics.
#pragma once

#include "chronyc/SnapshotReports.h"
#include "config/EngineConfig.h"
#include "report/EngineSnapshot.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

class MetricsHttpServer;

// The refids of the configuration's PPS refclocks, as the engine names them.
std::vector<std::string> ppsRefClockNames(const EngineConfig &config);

class MetricsEndpoint : public QObject
{
    Q_OBJECT
public:
    explicit MetricsEndpoint(QObject *parent = nullptr);
    ~MetricsEndpoint() override;

    // False (logged, error() says why) when `metricsaddress` is set and cannot be listened on.
    bool configure(const EngineConfig &config);
    void close();

    // Where the control channel's counters come from (chrony_serverstats_command_*); unset: 0.
    void setCommandCounters(std::function<CommandCounters()> counters) { m_commandCounters = std::move(counters); }
    void setVersion(std::string version) { m_version = std::move(version); }

    bool isListening() const;
    // The port listened on; 0 when not listening.
    quint16 port() const;
    // Why the last configure() could not listen; empty when it could or had nothing to do.
    const QString &error() const { return m_error; }
    // What a scrape answers now.
    std::string render() const;

public slots:
    void publishSnapshot(const s1::EngineSnapshot &snapshot);

private:
    bool listen(const MetricsEndpointConfig &endpoint);

    MetricsHttpServer *m_http = nullptr; // a child; replaced when the endpoint moves
    std::optional<MetricsEndpointConfig> m_endpoint;
    QString m_error;
    std::optional<EngineSnapshot> m_snapshot;
    QElapsedTimer m_sinceSnapshot;
    std::vector<std::string> m_ppsRefClocks;
    bool m_serialReceiver = false;
    std::function<CommandCounters()> m_commandCounters;
    std::string m_version;
};

} // namespace s1
