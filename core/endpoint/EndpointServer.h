#pragma once

#include "ConnectionLimits.h"
#include "CorsPolicy.h"
#include "Database.h"
#include "EndpointJob.h"
#include "EndpointRouter.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <memory>

class QThread;

namespace footfall {

class EndpointReaders;
class EndpointWriter;
class HttpFrontend;
class WalCheckpointer;
class Workspace;

// The local endpoint: HTTP on a thread of its own (HttpFrontend), reads on reader threads with
// connections of their own (EndpointReaders), and every write by one writer on `workspace`'s
// connection and thread, the thread this object lives on (EndpointWriter: PutEvents, PutUsers and
// PutItems committed in groups), with the WAL checkpointed on a thread of its own
// (WalCheckpointer). A slow request — another program's write lock, a big delete —
// holds up only the writes queued behind it; reads and the HTTP side go on.
class EndpointServer final : public QObject
{
    Q_OBJECT

public:
    explicit EndpointServer(Workspace& workspace, QObject* parent = nullptr);
    // Stops the HTTP thread and the readers, then stores what the writer still holds.
    ~EndpointServer() override;
    Q_DISABLE_COPY_MOVE(EndpointServer)

    // How the endpoint's connection opens the database: it waits this long for another writer (a
    // bulk import, a model being stored, the console) before a request is answered 503, where
    // the console's own connections give up after 3 s. A client would rather wait than lose events.
    // FOOTFALL_LOCK_WAIT_MS sets another wait (tests use a short one).
    static DatabaseOptions databaseOptions();

    static constexpr int kRetentionIntervalMs = 10 * 60 * 1000;
    static constexpr int kReaderThreads = 2;

    // With keys (access key id -> secret), every request must carry a SigV4 signature by one of
    // them. Before listenLimited().
    void requireSignature(const QHash<QString, QString>& secretsByAccessKeyId);
    // Starts the readers and the HTTP thread and listens through a BodyLimitTcpServer that enforces
    // `limits` (its body limit is the router's); returns the port or 0. Web pages from the origins
    // `cors` allows may call it. Once per server.
    quint16 listenLimited(const QHostAddress& address, quint16 port, const CorsPolicy& cors,
                          ConnectionLimits limits = {});

signals:
    void requestHandled(qint64 requestCount);
    // A request failed because of the storage (the disk is full, the file stayed locked); the text
    // is for the person running the endpoint.
    void storageProblem(const QString& message);

private:
    // On the HTTP thread: to a reader, or to the writer; 503 when their queue is full.
    void dispatch(EndpointJob job);
    void stop();

    Workspace& m_workspace;
    const int m_lockWaitMs;
    EndpointRouter m_router; // the writer's
    std::unique_ptr<EndpointWriter> m_writer;
    std::unique_ptr<EndpointReaders> m_readers;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    QThread* m_httpThread = nullptr;
    HttpFrontend* m_frontend = nullptr; // lives on m_httpThread
    QHash<QString, QString> m_accessKeys;
};

} // namespace footfall
