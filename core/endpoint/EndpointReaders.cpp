#include "EndpointReaders.h"

#include "DatabaseOpenError.h"
#include "Workspace.h"

#include <QThread>

namespace footfall {

EndpointReaders::EndpointReaders(const Setup& setup, int threads)
    : m_setup(setup)
{
    for (int i = 0; i < threads; ++i) {
        m_threads.emplace_back(QThread::create([this] { serve(); }));
        m_threads.back()->setObjectName(QStringLiteral("endpoint reader %1").arg(i + 1));
        m_threads.back()->start();
    }
    // Every reader has opened its connection or given up before the first request comes.
    QMutexLocker lock(&m_mutex);
    while (m_opened < threads)
        m_openedChanged.wait(&m_mutex);
}

EndpointReaders::~EndpointReaders()
{
    stop();
}

bool EndpointReaders::enqueue(EndpointJob job)
{
    QMutexLocker lock(&m_mutex);
    if (m_stopping || m_running.load() == 0 || int(m_queue.size()) >= kMaxQueuedRequests)
        return false;
    m_queue.push_back(std::move(job));
    m_queued.wakeOne();
    return true;
}

void EndpointReaders::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_queued.wakeAll();
    }
    for (const auto& thread : m_threads)
        thread->wait();
    m_threads.clear();
}

void EndpointReaders::serve()
{
    // The connection and the services are this thread's own, from creation to destruction.
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<EndpointRouter> router;
    try {
        workspace = Workspace::openReader(m_setup.databasePath, m_setup.config);
        router = std::make_unique<EndpointRouter>(*workspace);
        router->setCorsPolicy(m_setup.cors);
        if (!m_setup.accessKeys.isEmpty())
            router->requireSignature(m_setup.accessKeys);
        router->setDeferredWrites(m_setup.deferredWrites);
        ++m_running;
    } catch (const std::exception& error) {
        // The writer answers reads too: with no reader running, enqueue() refuses and it gets them.
        qWarning("footfall endpoint: a reader could not open the database: %s", error.what());
    }
    {
        QMutexLocker lock(&m_mutex);
        ++m_opened;
        m_openedChanged.wakeAll();
    }
    if (!router)
        return;
    for (;;) {
        EndpointJob job;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && !m_stopping)
                m_queued.wait(&m_mutex);
            if (m_queue.empty())
                break;
            job = std::move(m_queue.front());
            m_queue.pop_front();
        }
        try {
            job.done(router->handle(job.request)); // handle() throws nothing
        } catch (const std::exception& error) {
            qWarning("footfall endpoint: a reader failed: %s", error.what());
        }
    }
    --m_running;
    router.reset();
    workspace.reset();
}

} // namespace footfall
