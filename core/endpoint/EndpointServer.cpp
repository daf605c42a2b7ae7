#include "EndpointServer.h"

#include "BodyLimitTcpServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>

namespace footfall {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

} // namespace

EndpointServer::EndpointServer(Workspace& workspace, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_router(workspace)
{}

quint16 EndpointServer::listenLimited(const QHostAddress& address, quint16 port)
{
    auto* server = new BodyLimitTcpServer(EndpointRouter::kMaxBodyBytes, this);
    if (!server->listen(address, port)) {
        delete server;
        return 0;
    }
    bind(server);
    return server->serverPort();
}

bool EndpointServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    EndpointRequest endpointRequest;
    endpointRequest.method = methodName(request.method());
    endpointRequest.path = request.url().path();
    endpointRequest.headers = request.headers();
    endpointRequest.body = request.body();
    // The reply is written only after the router returns, that is after the events are committed.
    const EndpointReply reply = m_router.handle(endpointRequest);
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    for (const auto& [name, value] : reply.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    responder.writeBody(reply.body);
    emit requestHandled(++m_requestCount);
    return true;
}

void EndpointServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    // handleRequest() answers every request; this is only here because the base class requires it.
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace footfall
