#include "HttpFrontend.h"

#include "BodyLimitTcpServer.h"

#include <QHttpServerRequest>
#include <QMutex>
#include <QTcpSocket>

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
    QMutexLocker lock(&m_channel->mutex);
    m_channel->frontend = nullptr;
}

quint16 HttpFrontend::listenLimited(const QHostAddress& address, quint16 port, const CorsPolicy& cors)
{
    m_cors = cors;
    auto* server = new BodyLimitTcpServer(EndpointRouter::kMaxBodyBytes, cors, this);
    if (!server->listen(address, port)) {
        delete server;
        return 0;
    }
    bind(server);
    return server->serverPort();
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
    const quint64 connection = connectionOf(socket);
    const quint64 sequence = m_connections[connection].nextSequence++;
    try {
        EndpointJob job;
        job.request.method = methodName(request.method());
        job.request.path = request.url().path();
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
        m_dispatch(std::move(job));
    } catch (const std::exception& error) {
        qWarning("footfall endpoint: a request could not be handed on: %s", error.what());
        deliver(connection, sequence, internalFailure(request.value("origin")));
    }
    return true;
}

void HttpFrontend::deliver(quint64 connection, quint64 sequence, EndpointReply reply)
{
    const auto found = m_connections.find(connection);
    if (found == m_connections.end())
        return; // the client went away
    Connection& state = found.value();
    if (!reply.storageProblem.isEmpty())
        emit storageProblem(reply.storageProblem);
    state.ready.emplace(sequence, std::move(reply));
    while (!state.ready.empty() && state.ready.begin()->first == state.nextToWrite) {
        if (state.socket)
            state.socket->write(serialized(state.ready.begin()->second));
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
