#pragma once

#include "EndpointJob.h"
#include "TransactionGuard.h"

#include <QMutex>
#include <QObject>

#include <deque>
#include <optional>

namespace footfall {

class Workspace;

// The one writer of the endpoint: it owns the write connection (its Workspace) and lives on that
// workspace's thread. Requests are queued from any thread; the writer takes what has queued up
// and commits the PutEvents, PutUsers and PutItems among them in groups — one transaction, one
// savepoint per request, so each keeps its own all-or-nothing and a refused one never touches its
// neighbours — and answers each only after the commit that holds it. Any other request that writes
// (Create…, Delete…, Update…) runs alone, in its own transactions, between groups. Writes handed over
// by the readers (request-log rows, issued recommendation lists) join the groups.
class EndpointWriter final : public QObject
{
    Q_OBJECT

public:
    // `router` answers on `workspace`'s connection; `lockWaitMs` bounds how long a request waits for
    // another program's write lock before it is answered 503 (EndpointServer::databaseOptions()).
    EndpointWriter(Workspace& workspace, EndpointRouter& router, int lockWaitMs, QObject* parent = nullptr);
    ~EndpointWriter() override;
    Q_DISABLE_COPY_MOVE(EndpointWriter)

    static constexpr int kMaxQueuedRequests = 8192;
    static constexpr int kMaxGroupRequests = 512;

    // From any thread. False when kMaxQueuedRequests are already waiting, or the writer stops: the
    // caller answers 503.
    bool enqueue(EndpointJob job);
    // From any thread; never refused (these are small and come from requests already answered).
    void enqueueDeferred(EndpointRouter::DeferredWrite write);
    // Answers whatever is still queued, on the writer's thread (before it stops), waiting at most
    // kStopWaitMs for another program's write lock; what is left then is answered 503 or dropped.
    void drainAll();
    static constexpr int kStopWaitMs = 2000;

private:
    // A request, or (with `deferred` set) a write handed over by a reader; both with a deadline.
    struct Item
    {
        EndpointJob job;
        EndpointRouter::DeferredWrite deferred;
    };
    void scheduleDrain();
    void drain();
    void runGroup(std::deque<Item>& group);
    void runAlone(EndpointJob& job);
    // Takes the write lock for a group, waiting no longer than its oldest request may; answers 503 to
    // the requests whose wait ran out. False when nothing is left to write.
    bool beginGroup(std::deque<Item>& group, std::optional<TransactionGuard>& transaction);

    Workspace& m_workspace;
    EndpointRouter& m_router;
    const int m_lockWaitMs;

    QMutex m_mutex;
    std::deque<Item> m_queue;
    int m_queuedRequests = 0;
    bool m_drainScheduled = false;
    bool m_stopping = false; // drainAll() runs: nothing is put back in the queue
};

} // namespace footfall
