#include "metrics/MetricsHttpServer.h"

#include "metrics/PrometheusFormat.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QUrl>

namespace s1 {

namespace {

const QByteArray kMetricsPath = QByteArrayLiteral("/metrics");
const QByteArray kPlainText = QByteArrayLiteral("text/plain; charset=utf-8");

QByteArray contentType()
{
    return QByteArray(kPrometheusContentType.data(), static_cast<qsizetype>(kPrometheusContentType.size()));
}

} // namespace

MetricsHttpServer::MetricsHttpServer(Render render, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_render(std::move(render))
{ }

bool MetricsHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    if (request.url().path().toUtf8() != kMetricsPath) {
        responder.write(QByteArrayLiteral("Not found: the metrics are at /metrics\n"), kPlainText,
                        QHttpServerResponder::StatusCode::NotFound);
        return true;
    }
    const QHttpServerRequest::Method method = request.method();
    if (method != QHttpServerRequest::Method::Get && method != QHttpServerRequest::Method::Head) {
        responder.write(QByteArrayLiteral("Method not allowed: /metrics answers GET and HEAD\n"),
                        {{"Content-Type", kPlainText}, {"Allow", "GET, HEAD"}},
                        QHttpServerResponder::StatusCode::MethodNotAllowed);
        return true;
    }
    const std::string text = m_render();
    if (method == QHttpServerRequest::Method::Get) {
        responder.write(QByteArray::fromStdString(text), contentType());
        return true;
    }
    // HEAD: GET's headers, Content-Length included, and no body.
    responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder.writeHeader("Content-Type", contentType());
    responder.writeHeader("Content-Length", QByteArray::number(static_cast<qulonglong>(text.size())));
    responder.writeBody("", 0);
    return true;
}

void MetricsHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest answers every request; this is the base class's fallback.
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace s1
