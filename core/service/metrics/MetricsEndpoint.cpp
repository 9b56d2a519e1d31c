#include "metrics/MetricsEndpoint.h"

#include "engine/Engine.h"
#include "logging/LogCategories.h"
#include "metrics/MetricsHttpServer.h"
#include "metrics/PrometheusFormat.h"

#include <QHostAddress>
#include <QTcpServer>

#include <algorithm>

namespace s1 {

namespace {

constexpr double kMillisPerSecond = 1000.0;

// "http://127.0.0.1:9123/metrics", "http://[::1]:9123/metrics"
QString endpointUrl(const MetricsEndpointConfig &endpoint)
{
    const QString address = QString::fromStdString(endpoint.address.toString());
    return QStringLiteral("http://%1:%2/metrics")
        .arg(endpoint.address.isV6() ? QStringLiteral("[%1]").arg(address) : address)
        .arg(endpoint.port);
}

QString directiveText(const MetricsEndpointConfig &endpoint)
{
    return QStringLiteral("metricsaddress %1 %2")
        .arg(QString::fromStdString(endpoint.address.toString()))
        .arg(endpoint.port);
}

} // namespace

std::vector<std::string> ppsRefClockNames(const EngineConfig &config)
{
    std::vector<std::string> names;
    for (std::size_t i = 0; i < config.refClocks.size(); ++i) {
        const RefClockConfig &clock = config.refClocks[i];
        if (clock.driver == RefClockDriver::Pps)
            names.push_back(clock.refId.empty() ? Engine::defaultRefId(clock, i) : clock.refId);
    }
    return names;
}

MetricsEndpoint::MetricsEndpoint(QObject *parent)
    : QObject(parent)
{ }

MetricsEndpoint::~MetricsEndpoint()
{
    close(); // before the members its requests render from
}

bool MetricsEndpoint::configure(const EngineConfig &config)
{
    m_ppsRefClocks = ppsRefClockNames(config);
    m_serialReceiver = std::any_of(config.refClocks.begin(), config.refClocks.end(),
                                   [](const RefClockConfig &clock) { return clock.driver == RefClockDriver::Nmea; });
    const std::optional<MetricsEndpointConfig> &wanted = config.metrics;
    if (wanted == m_endpoint && (isListening() || !wanted))
        return true; // unchanged (a reload that did not touch it keeps its connections)
    const bool moved = m_endpoint.has_value();
    close();
    m_error.clear();
    if (!wanted) {
        if (moved)
            qCInfo(lcMetrics) << "metricsaddress removed: /metrics is no longer served";
        return true;
    }
    m_endpoint = wanted;
    return listen(*wanted);
}

bool MetricsEndpoint::listen(const MetricsEndpointConfig &endpoint)
{
    auto *tcp = new QTcpServer(this);
    const QHostAddress address(QString::fromStdString(endpoint.address.toString()));
    if (!tcp->listen(address, endpoint.port)) {
        m_error = QStringLiteral("%1: cannot listen on %2: %3; Prometheus metrics are not served (the time service "
                                 "runs on)")
                      .arg(directiveText(endpoint), endpointUrl(endpoint), tcp->errorString());
        qCCritical(lcMetrics).noquote() << m_error;
        delete tcp;
        return false;
    }
    m_http = new MetricsHttpServer([this] { return render(); }, this);
    m_http->bind(tcp);
    tcp->setParent(m_http); // closed and deleted with it
    qCInfo(lcMetrics).noquote() << "serving Prometheus metrics on" << endpointUrl(endpoint);
    return true;
}

void MetricsEndpoint::close()
{
    // Deleting the server closes its listening socket and the connections it holds.
    delete m_http;
    m_http = nullptr;
    m_endpoint.reset();
}

bool MetricsEndpoint::isListening() const
{
    return m_http && !m_http->servers().isEmpty() && m_http->servers().front()->isListening();
}

quint16 MetricsEndpoint::port() const
{
    return isListening() ? m_http->servers().front()->serverPort() : 0;
}

void MetricsEndpoint::publishSnapshot(const s1::EngineSnapshot &snapshot)
{
    m_snapshot = snapshot;
    m_sinceSnapshot.start();
}

std::string MetricsEndpoint::render() const
{
    MetricsInput input;
    if (m_snapshot) {
        input.snapshot = &*m_snapshot;
        input.snapshotAge = static_cast<double>(m_sinceSnapshot.elapsed()) / kMillisPerSecond;
    }
    if (m_commandCounters)
        input.commands = m_commandCounters();
    input.ppsRefClocks = m_ppsRefClocks;
    input.serialReceiver = m_serialReceiver;
    input.version = m_version;
    return prometheusText(input);
}

} // namespace s1
