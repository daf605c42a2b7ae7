#include "EndpointServer.h"

#include "BodyLimitTcpServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QTimer>

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

DatabaseOptions EndpointServer::databaseOptions()
{
    DatabaseOptions options;
    options.lockTimeoutMs = 30000;
    bool ok = false;
    const int waitMs = qEnvironmentVariableIntValue("FOOTFALL_LOCK_WAIT_MS", &ok);
    if (ok && waitMs > 0)
        options.lockTimeoutMs = waitMs;
    return options;
}

EndpointServer::EndpointServer(Workspace& workspace, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_router(workspace)
{
    // Retention also runs every so many appends; the timer covers a quiet endpoint whose rows age.
    auto* retention = new QTimer(this);
    retention->setInterval(kRetentionIntervalMs);
    connect(retention, &QTimer::timeout, this, [this] { m_router.applyRetention(); });
    retention->start();
}

quint16 EndpointServer::listenLimited(const QHostAddress& address, quint16 port, const CorsPolicy& cors)
{
    m_cors = cors;
    m_router.setCorsPolicy(cors);
    auto* server = new BodyLimitTcpServer(EndpointRouter::kMaxBodyBytes, cors, this);
    if (!server->listen(address, port)) {
        delete server;
        return 0;
    }
    bind(server);
    return server->serverPort();
}

EndpointReply EndpointServer::internalFailure(const QHttpServerRequest& request) const
{
    EndpointReply reply = EndpointRouter::internalFailure();
    QByteArray origin;
    for (const auto& [name, value] : request.headers()) {
        if (name.toLower() == "origin")
            origin = value;
    }
    reply.headers.append(m_cors.replyHeaders(origin));
    return reply;
}

bool EndpointServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    // Called from Qt's event loop, which an exception must never reach.
    EndpointReply reply;
    try {
        EndpointRequest endpointRequest;
        endpointRequest.method = methodName(request.method());
        endpointRequest.path = request.url().path();
        endpointRequest.headers = request.headers();
        endpointRequest.body = request.body();
        // The reply is written only after the router returns, that is after the events are committed.
        reply = m_router.handle(endpointRequest);
    } catch (const std::exception& error) {
        qWarning("footfall endpoint: a request failed: %s", error.what());
        reply = internalFailure(request);
    } catch (...) {
        qWarning("footfall endpoint: a request failed");
        reply = internalFailure(request);
    }
    try {
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
        for (const auto& [name, value] : reply.headers)
            responder.writeHeader(name, value);
        responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
        responder.writeBody(reply.body);
        emit requestHandled(++m_requestCount);
        if (!reply.storageProblem.isEmpty())
            emit storageProblem(reply.storageProblem);
    } catch (const std::exception& error) {
        qWarning("footfall endpoint: a reply could not be written: %s", error.what());
    } catch (...) {
        qWarning("footfall endpoint: a reply could not be written");
    }
    return true;
}

void EndpointServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    // handleRequest() answers every request; this is only here because the base class requires it.
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace footfall
