#pragma once

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
    static DatabaseOptions databaseOptions()
    {
        DatabaseOptions options;
        options.lockTimeoutMs = 30000;
        return options;
    }

    qint64 requestCount() const { return m_requestCount; }
    // Listens like QAbstractHttpServer::listen(), through a BodyLimitTcpServer; returns the port or 0.
    quint16 listenLimited(const QHostAddress& address, quint16 port);
    EndpointRouter& router() { return m_router; }

signals:
    void requestHandled(qint64 requestCount);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    EndpointRouter m_router;
    qint64 m_requestCount = 0;
};

} // namespace footfall
