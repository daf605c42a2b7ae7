#pragma once

#include "ConnectionLimits.h"
#include "CorsPolicy.h"
#include "EndpointJob.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>

class QTcpSocket;
class QUrl;

namespace footfall {

// The HTTP side of the endpoint, on a thread of its own: it reads requests, hands each to `dispatch`
// as an EndpointJob and, whenever the job's reply comes back (from any thread), writes it to the
// connection — in request order per connection, whatever order replies come in. Nothing here waits
// for the database.
class HttpFrontend final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    using Dispatch = std::function<void(EndpointJob)>;
    explicit HttpFrontend(Dispatch dispatch, QObject* parent = nullptr);
    ~HttpFrontend() override;
    Q_DISABLE_COPY_MOVE(HttpFrontend)

    // Listens like QAbstractHttpServer::listen(), through a BodyLimitTcpServer that enforces `limits`
    // (its body limit is the router's); returns the port or 0. Web pages from the origins `cors`
    // allows may call it.
    quint16 listenLimited(const QHostAddress& address, quint16 port, const CorsPolicy& cors,
                          ConnectionLimits limits);
    // The path the router answers: the request target as the client sent it when it is known
    // (`target`), since QUrl reads one that begins with "//" as an authority ("//events" has host
    // "events" and no path); runs of slashes count as one.
    static QString routedPath(const QUrl& url, const QByteArray& target);

    // Closes the listening sockets: no new connections; those open are still answered.
    void stopListening();

signals:
    void requestHandled(qint64 requestCount);
    void storageProblem(const QString& message);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    struct ReplyChannel;
    struct Connection
    {
        QPointer<QTcpSocket> socket;
        quint64 nextSequence = 0; // of the next request read
        quint64 nextToWrite = 0;  // of the next reply the client is waiting for
        std::map<quint64, EndpointReply> ready;
    };

    quint64 connectionOf(QTcpSocket* socket);
    void deliver(quint64 connection, quint64 sequence, EndpointReply reply);
    void writeReady(quint64 connection, quint64 sequence, EndpointReply reply);
    // 500 InternalFailure, with the CORS headers, for a request that could not be handed on.
    EndpointReply internalFailure(const QByteArray& origin) const;

    Dispatch m_dispatch;
    CorsPolicy m_cors;
    std::shared_ptr<ReplyChannel> m_channel;
    QHash<QTcpSocket*, quint64> m_connectionIds;
    QHash<quint64, Connection> m_connections;
    quint64 m_nextConnection = 1;
    qint64 m_requestCount = 0;
};

} // namespace footfall
