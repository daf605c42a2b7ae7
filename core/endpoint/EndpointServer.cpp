#include "EndpointServer.h"

#include "EndpointReaders.h"
#include "EndpointWriter.h"
#include "HttpFrontend.h"
#include "ServiceError.h"
#include "WalCheckpointer.h"
#include "Workspace.h"

#include <QThread>
#include <QTimer>

namespace footfall {

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
    : QObject(parent)
    , m_workspace(workspace)
    , m_lockWaitMs(databaseOptions().lockTimeoutMs)
    , m_router(workspace)
    , m_writer(std::make_unique<EndpointWriter>(workspace, m_router, m_lockWaitMs))
{
    // Retention also runs every so many appends; the timer covers a quiet endpoint whose rows age.
    auto* retention = new QTimer(this);
    retention->setInterval(kRetentionIntervalMs);
    connect(retention, &QTimer::timeout, this, [this] { m_router.applyRetention(); });
    retention->start();
}

EndpointServer::~EndpointServer()
{
    stop();
}

void EndpointServer::requireSignature(const QHash<QString, QString>& secretsByAccessKeyId)
{
    m_accessKeys = secretsByAccessKeyId;
    m_router.requireSignature(secretsByAccessKeyId);
}

quint16 EndpointServer::listenLimited(const QHostAddress& address, quint16 port, const CorsPolicy& cors,
                                      ConnectionLimits limits)
{
    Q_ASSERT(!m_frontend); // once per server
    m_router.setCorsPolicy(cors);
    EndpointWriter* writer = m_writer.get();
    EndpointReaders::Setup setup;
    setup.databasePath = m_workspace.path();
    setup.config = m_workspace.config();
    setup.cors = cors;
    setup.accessKeys = m_accessKeys;
    setup.deferredWrites = [writer](EndpointRouter::DeferredWrite write) {
        writer->enqueueDeferred(std::move(write));
    };
    m_readers = std::make_unique<EndpointReaders>(setup, kReaderThreads);
    m_checkpointer = std::make_unique<WalCheckpointer>(m_workspace.path());
    if (m_checkpointer->isRunning()) {
        try {
            m_workspace.database().setAutomaticCheckpoints(false);
        } catch (const StorageError& error) {
            qWarning("footfall endpoint: the writer keeps checkpointing: %s", error.what());
        }
    }

    m_httpThread = new QThread(this);
    m_httpThread->setObjectName(QStringLiteral("endpoint http"));
    m_frontend = new HttpFrontend([this](EndpointJob job) { dispatch(std::move(job)); });
    m_frontend->moveToThread(m_httpThread);
    connect(m_frontend, &HttpFrontend::requestHandled, this, &EndpointServer::requestHandled);
    connect(m_frontend, &HttpFrontend::storageProblem, this, &EndpointServer::storageProblem);
    m_httpThread->start();
    quint16 bound = 0;
    QMetaObject::invokeMethod(
        m_frontend, [&] { bound = m_frontend->listenLimited(address, port, cors, limits); },
        Qt::BlockingQueuedConnection);
    if (bound == 0)
        stop();
    return bound;
}

void EndpointServer::dispatch(EndpointJob job)
{
    if (job.work == EndpointWork::Read && m_readers->enqueue(job))
        return;
    const EndpointRequest request = job.request;
    const auto done = job.done;
    if (!m_writer->enqueue(std::move(job))) {
        done(m_router.unavailable(
            request, QStringLiteral("The Footfall endpoint has %1 requests waiting to be stored. Try again.")
                         .arg(EndpointWriter::kMaxQueuedRequests)));
    }
}

void EndpointServer::stop()
{
    // New connections are refused first; what is queued is then answered (the readers' last
    // request-log rows go to the writer's queue), and the replies are written before the HTTP side
    // closes: a client is not left to retry a write that was stored.
    if (m_frontend) {
        HttpFrontend* frontend = m_frontend;
        QMetaObject::invokeMethod(
            frontend, [frontend] { frontend->stopListening(); }, Qt::BlockingQueuedConnection);
    }
    if (m_readers)
        m_readers->stop(); // from now on it refuses requests, and the writer gets them
    m_writer->drainAll();  // from now on it refuses requests: they are answered 503
    if (m_frontend) {
        // Queued after the replies, so they are written first.
        HttpFrontend* frontend = m_frontend;
        QMetaObject::invokeMethod(
            frontend, [frontend] { delete frontend; }, Qt::BlockingQueuedConnection);
        m_frontend = nullptr;
    }
    if (m_httpThread) {
        m_httpThread->quit();
        m_httpThread->wait();
        delete m_httpThread;
        m_httpThread = nullptr;
    }
    m_readers.reset(); // only once no HTTP thread can hand it a request
    if (m_checkpointer) {
        m_checkpointer.reset();
        try {
            m_workspace.database().setAutomaticCheckpoints(true);
        } catch (const StorageError& error) {
            qWarning("footfall endpoint: checkpoints could not be given back to the writer: %s",
                     error.what());
        }
    }
}

} // namespace footfall
