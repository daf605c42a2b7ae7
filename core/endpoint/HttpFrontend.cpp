#include "HttpFrontend.h"

#include "BodyLimitTcpServer.h"
#include "ConnectionGuard.h"

#include <QHttpServerRequest>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <algorithm>

namespace footfall {

// How replies find their way back: a reply that comes after the frontend is gone is dropped.
struct HttpFrontend::ReplyChannel
{
    QMutex mutex;
    HttpFrontend* frontend = nullptr;
};

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

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray serialized(const EndpointReply& reply)
{
    QByteArray bytes =
        "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    for (const auto& [name, value] : reply.headers)
        bytes += name + ": " + value + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n";
    bytes += reply.body;
    return bytes;
}

} // namespace

HttpFrontend::HttpFrontend(Dispatch dispatch, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_dispatch(std::move(dispatch))
    , m_channel(std::make_shared<ReplyChannel>())
{
    m_channel->frontend = this;
}

HttpFrontend::~HttpFrontend()
{
    {
        QMutexLocker lock(&m_channel->mutex);
        m_channel->frontend = nullptr;
    }
    // The last replies written go to the system before the sockets close with this object.
    for (const Connection& connection : std::as_const(m_connections)) {
        if (connection.socket)
            connection.socket->flush();
    }
}

void HttpFrontend::stopListening()
{
    for (QTcpServer* server : servers())
        server->close();
}

quint16 HttpFrontend::listenLimited(const QHostAddress& address, quint16 port, const CorsPolicy& cors,
                                    ConnectionLimits limits)
{
    m_cors = cors;
    limits.maxBodyBytes = EndpointRouter::kMaxBodyBytes;
    auto* server = new BodyLimitTcpServer(limits, cors, this);
    if (!server->listen(address, port)) {
        delete server;
        return 0;
    }
    bind(server);
    return server->serverPort();
}

QString HttpFrontend::routedPath(const QUrl& url, const QByteArray& target)
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

EndpointReply HttpFrontend::internalFailure(const QByteArray& origin) const
{
    EndpointReply reply = EndpointRouter::internalFailure();
    reply.headers.append(m_cors.replyHeaders(origin));
    return reply;
}

quint64 HttpFrontend::connectionOf(QTcpSocket* socket)
{
    if (const auto found = m_connectionIds.constFind(socket); found != m_connectionIds.constEnd())
        return found.value();
    const quint64 id = m_nextConnection++;
    m_connectionIds.insert(socket, id);
    m_connections.insert(id, Connection{socket, 0, 0, {}});
    connect(socket, &QObject::destroyed, this, [this, socket, id] {
        m_connectionIds.remove(socket);
        m_connections.remove(id); // replies still on their way to it are dropped
    });
    return id;
}

bool HttpFrontend::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    // Called from Qt's event loop, which an exception must never reach.
    quint64 connection = 0;
    quint64 sequence = 0;
    bool dispatched = false;
    try {
        connection = connectionOf(socket);
        sequence = m_connections[connection].nextSequence++;
        // The guard does not time out a connection that is owed a reply, until deliver() writes it.
        auto* guard = qobject_cast<ConnectionGuard*>(socket);
        const QByteArray target = guard ? guard->requestDispatched() : QByteArray();
        EndpointJob job;
        job.request.method = methodName(request.method());
        job.request.path = routedPath(request.url(), target);
        job.request.headers = request.headers();
        job.request.body = request.body();
        job.work = EndpointRouter::workOf(job.request);
        job.done = [channel = m_channel, connection, sequence](EndpointReply reply) {
            QMutexLocker lock(&channel->mutex);
            if (HttpFrontend* frontend = channel->frontend) {
                QMetaObject::invokeMethod(
                    frontend,
                    [frontend, connection, sequence, reply = std::move(reply)]() mutable {
                        frontend->deliver(connection, sequence, std::move(reply));
                    },
                    Qt::QueuedConnection);
            }
        };
        dispatched = true; // from here on the job answers, whatever happens
        m_dispatch(std::move(job));
    } catch (const std::exception& error) {
        qWarning("footfall endpoint: a request could not be handed on: %s", error.what());
        if (!dispatched && connection != 0) {
            try {
                deliver(connection, sequence, internalFailure(request.value("origin")));
            } catch (const std::exception&) {
                socket->abort(); // nothing can be answered: the client sees the connection fail
            }
        }
    }
    return true;
}

void HttpFrontend::deliver(quint64 connection, quint64 sequence, EndpointReply reply)
{
    try {
        writeReady(connection, sequence, std::move(reply));
    } catch (const std::exception& error) {
        // Invoked from the event loop: the connection cannot go on without the reply it is owed.
        qWarning("footfall endpoint: a reply could not be written: %s", error.what());
        if (const auto found = m_connections.constFind(connection);
            found != m_connections.constEnd() && found->socket)
            found->socket->abort();
    }
}

void HttpFrontend::writeReady(quint64 connection, quint64 sequence, EndpointReply reply)
{
    const auto found = m_connections.find(connection);
    if (found == m_connections.end())
        return; // the client went away
    Connection& state = found.value();
    if (!reply.storageProblem.isEmpty())
        emit storageProblem(reply.storageProblem);
    state.ready.emplace(sequence, std::move(reply));
    while (!state.ready.empty() && state.ready.begin()->first == state.nextToWrite) {
        if (state.socket) {
            state.socket->write(serialized(state.ready.begin()->second));
            if (auto* guard = qobject_cast<ConnectionGuard*>(state.socket.data()))
                guard->replyWritten();
        }
        state.ready.erase(state.ready.begin());
        ++state.nextToWrite;
        emit requestHandled(++m_requestCount);
    }
}

void HttpFrontend::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    // handleRequest() answers every request; this is only here because the base class requires it.
    Q_UNUSED(request);
    socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
}

} // namespace footfall
