#pragma once

#include "CorsPolicy.h"
#include "EndpointJob.h"
#include "ServiceConfig.h"

#include <QHash>
#include <QMutex>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <memory>
#include <vector>

class QThread;

namespace footfall {

// The endpoint's readers: threads with a read-only connection each, which answer GetRecommendations,
// GetPersonalizedRanking, Describe… and List… from the last commit, so reads never wait behind the
// writer or another program's write lock. What a read must store (its request-log row, the list it
// issued) is handed to `deferredWrites` (the writer's queue).
class EndpointReaders final
{
public:
    struct Setup
    {
        QString databasePath;
        ServiceConfig config;
        CorsPolicy cors;
        QHash<QString, QString> accessKeys; // SigV4 secrets by access key id; empty: unsigned
        EndpointRouter::DeferredWriteSink deferredWrites;
    };

    EndpointReaders(const Setup& setup, int threads);
    ~EndpointReaders();
    Q_DISABLE_COPY_MOVE(EndpointReaders)

    static constexpr int kMaxQueuedRequests = 8192;

    // From any thread. False when no reader is running or kMaxQueuedRequests are waiting.
    bool enqueue(EndpointJob job);
    // Answers what is queued, then ends the threads and waits for them.
    void stop();

private:
    void serve();

    const Setup m_setup;
    QMutex m_mutex;
    QWaitCondition m_queued;
    std::deque<EndpointJob> m_queue;
    bool m_stopping = false;
    int m_opened = 0; // readers that opened their connection or failed to
    QWaitCondition m_openedChanged;
    std::atomic<int> m_running{0};
    std::vector<std::unique_ptr<QThread>> m_threads;
};

} // namespace footfall
