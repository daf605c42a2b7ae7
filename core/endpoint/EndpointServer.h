#pragma once

#include "ConnectionLimits.h"
#include "Database.h"
#include "EndpointRouter.h"

#include <QAbstractHttpServer>

namespace footfall {

class Workspace;

// The HTTP side of the local endpoint: every request goes to an EndpointRouter, and its reply is
// written back as is (status, headers, body). Lives in the thread of its Workspace.
class EndpointServer final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit EndpointServer(Workspace& workspace, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(EndpointServer)

    // How the endpoint's connection opens the database: it waits this long for another writer (a
    // bulk import, a model being stored, the console) before a request fails as "locked", where
    // the console's own connections give up after 3 s. A client would rather wait than lose events.
    // FOOTFALL_LOCK_WAIT_MS sets another wait (tests use a short one).
    static DatabaseOptions databaseOptions();

    static constexpr int kRetentionIntervalMs = 10 * 60 * 1000;

    qint64 requestCount() const { return m_requestCount; }
    // Listens like QAbstractHttpServer::listen(), through a BodyLimitTcpServer that enforces `limits`
    // (its body limit is the router's); returns the port or 0. Web pages from the origins `cors`
    // allows may call it.
    quint16 listenLimited(const QHostAddress& address, quint16 port, const CorsPolicy& cors,
                          ConnectionLimits limits = {});
    // The path the router answers: the request target as the client sent it when it is known
    // (`target`), since QUrl reads one that begins with "//" as an authority ("//events" has host
    // "events" and no path); runs of slashes count as one.
    static QString routedPath(const QUrl& url, const QByteArray& target);
    EndpointRouter& router() { return m_router; }

signals:
    void requestHandled(qint64 requestCount);
    // A request failed because of the storage (the disk is full, the file stayed locked); the text
    // is for the person running the endpoint.
    void storageProblem(const QString& message);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    // 500 InternalFailure, with the CORS headers, for a request the router could not answer.
    EndpointReply internalFailure(const QHttpServerRequest& request) const;

    EndpointRouter m_router;
    CorsPolicy m_cors;
    qint64 m_requestCount = 0;
};

} // namespace footfall
