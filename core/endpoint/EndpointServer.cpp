#include "EndpointServer.h"

#include "BodyLimitTcpServer.h"
#include "ConnectionGuard.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>

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

quint16 EndpointServer::listenLimited(const QHostAddress& address, quint16 port, const CorsPolicy& cors,
                                      ConnectionLimits limits)
{
    m_cors = cors;
    m_router.setCorsPolicy(cors);
    limits.maxBodyBytes = EndpointRouter::kMaxBodyBytes;
    auto* server = new BodyLimitTcpServer(limits, cors, this);
    if (!server->listen(address, port)) {
        delete server;
        return 0;
    }
    bind(server);
    return server->serverPort();
}

QString EndpointServer::routedPath(const QUrl& url, const QByteArray& target)
{
    QString path = url.path();
    if (target.startsWith('/')) {
        qsizetype end = target.size();
        for (const char delimiter : {'?', '#'}) {
            const qsizetype at = target.indexOf(delimiter);
            if (at >= 0)
                end = std::min(end, at);
        }
        path = QUrl::fromPercentEncoding(target.left(end));
    }
    QString collapsed;
    collapsed.reserve(path.size());
    for (const QChar c : std::as_const(path)) {
        if (c != QLatin1Char('/') || !collapsed.endsWith(QLatin1Char('/')))
            collapsed.append(c);
    }
    return collapsed;
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
    // Hook: the request leaves its connection here; ConnectionGuard does not time out a connection
    // that is owed a reply, until replyWritten() below (a reply written later must call it then).
    auto* guard = qobject_cast<ConnectionGuard*>(socket);
    const QByteArray target = guard ? guard->requestDispatched() : QByteArray();
    EndpointReply reply;
    try {
        EndpointRequest endpointRequest;
        endpointRequest.method = methodName(request.method());
        endpointRequest.path = routedPath(request.url(), target);
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
    if (guard)
        guard->replyWritten();
    return true;
}

void EndpointServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    // handleRequest() answers every request; this is only here because the base class requires it.
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace footfall
