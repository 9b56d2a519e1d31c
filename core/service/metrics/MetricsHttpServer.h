// The HTTP side of `/metrics`, on Qt HttpServer (Debian's qt6-httpserver-dev): GET and HEAD of
// /metrics answer the text a function renders at that moment; any other path is 404, any other
// method on /metrics 405. The parsing of requests is Qt's.
#pragma once

#include <QAbstractHttpServer>

#include <functional>
#include <string>

namespace s1 {

class MetricsHttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using Render = std::function<std::string()>;

    explicit MetricsHttpServer(Render render, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Render m_render;
};

} // namespace s1
