#include "EndpointWriter.h"

#include "Database.h"
#include "RecordingService.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QScopeGuard>

#include <algorithm>

namespace footfall {

// QT_LOGGING_RULES="footfall.endpoint.writer.debug=true" shows every group as it is committed.
Q_LOGGING_CATEGORY(lcWriter, "footfall.endpoint.writer", QtWarningMsg)

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

EndpointWriter::EndpointWriter(Workspace& workspace, EndpointRouter& router, int lockWaitMs, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_router(router)
    , m_lockWaitMs(lockWaitMs)
{}

EndpointWriter::~EndpointWriter() = default;

bool EndpointWriter::enqueue(EndpointJob job)
{
    if (job.deadlineMs == 0)
        job.deadlineMs = nowMs() + m_lockWaitMs;
    QMutexLocker lock(&m_mutex);
    if (m_stopping || m_queuedRequests >= kMaxQueuedRequests)
        return false;
    m_queue.push_back({std::move(job), {}});
    ++m_queuedRequests;
    scheduleDrain();
    return true;
}

void EndpointWriter::enqueueDeferred(EndpointRouter::DeferredWrite write)
{
    EndpointJob job;
    job.deadlineMs = nowMs() + m_lockWaitMs;
    QMutexLocker lock(&m_mutex);
    m_queue.push_back({std::move(job), std::move(write)});
    scheduleDrain();
}

// With m_mutex held.
void EndpointWriter::scheduleDrain()
{
    if (m_drainScheduled)
        return;
    m_drainScheduled = true;
    QMetaObject::invokeMethod(this, &EndpointWriter::drain, Qt::QueuedConnection);
}

void EndpointWriter::drainAll()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        const qint64 last = nowMs() + kStopWaitMs;
        for (Item& item : m_queue)
            item.job.deadlineMs = std::min(item.job.deadlineMs, last);
    }
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            if (m_queue.empty())
                return;
        }
        drain();
    }
}

void EndpointWriter::drain()
{
    // Whatever queued up while the last group was written forms the next one.
    std::deque<Item> batch;
    {
        QMutexLocker lock(&m_mutex);
        m_drainScheduled = false;
        int requests = 0;
        while (!m_queue.empty() && requests < kMaxGroupRequests) {
            if (!m_queue.front().deferred)
                ++requests;
            batch.push_back(std::move(m_queue.front()));
            m_queue.pop_front();
        }
        m_queuedRequests -= requests;
        if (!m_queue.empty())
            scheduleDrain(); // after the timers and signals waiting on this thread
    }
    try {
        std::deque<Item> group;
        for (Item& item : batch) {
            if (!item.deferred && item.job.work == EndpointWork::Write) {
                if (!group.empty()) {
                    runGroup(group);
                    group.clear();
                }
                runAlone(item.job);
                continue;
            }
            group.push_back(std::move(item));
        }
        if (!group.empty())
            runGroup(group);
    } catch (const std::exception& error) {
        // runGroup() and runAlone() answer their requests whatever happens; this keeps anything
        // else (memory) from reaching the event loop.
        qWarning("footfall endpoint: the writer failed: %s", error.what());
    }
}

bool EndpointWriter::beginGroup(std::deque<Item>& group, std::optional<TransactionGuard>& transaction)
{
    Database& database = m_workspace.database();
    while (!group.empty()) {
        qint64 earliest = std::numeric_limits<qint64>::max();
        for (const Item& item : group)
            earliest = std::min(earliest, item.job.deadlineMs);
        try {
            database.setLockWaitMs(int(std::clamp<qint64>(earliest - nowMs(), 0, m_lockWaitMs)));
            transaction.emplace(database);
            database.setLockWaitMs(m_lockWaitMs);
            return true;
        } catch (const StorageError& error) {
            try {
                database.setLockWaitMs(m_lockWaitMs);
            } catch (const StorageError&) {
                // the next begin sets it again
            }
            // Another program holds the write lock: those that waited as long as they may are
            // answered 503 (SDKs retry that); the others wait on. Any other failure ends them all.
            // The writes handed over by readers belong to requests already answered: they wait on,
            // in their place before the requests that came after them (a PutEvents may carry the
            // recommendationId a reader's list handed over); with no request left waiting they go back
            // to the queue, and only a writer that stops drops them.
            const qint64 now = nowMs();
            const bool busy = error.kind() == StorageError::Kind::Busy;
            std::deque<Item> waiting;
            bool requestWaits = false;
            for (Item& item : group) {
                if (item.deferred) {
                    if (busy && !m_stopping)
                        waiting.push_back(std::move(item));
                    else
                        qWarning("footfall endpoint: a request-log row was not stored: %s", error.what());
                } else if (busy && item.job.deadlineMs > now) {
                    requestWaits = true;
                    waiting.push_back(std::move(item));
                } else {
                    item.job.done(m_router.failure(item.job.request, error));
                }
            }
            if (!requestWaits && !waiting.empty()) {
                QMutexLocker lock(&m_mutex);
                for (auto it = waiting.rbegin(); it != waiting.rend(); ++it) {
                    it->job.deadlineMs = now + m_lockWaitMs;
                    m_queue.push_front(std::move(*it));
                }
                scheduleDrain();
                waiting.clear();
            }
            group.swap(waiting);
        }
    }
    return false;
}

void EndpointWriter::runGroup(std::deque<Item>& group)
{
    std::vector<std::optional<EndpointReply>> replies(group.size());
    bool answering = false;
    // Invoked from the event loop, which an exception must never reach (handle() throws nothing;
    // this guards against what could still fail, such as memory): every request is answered once.
    try {
        std::optional<TransactionGuard> transaction;
        if (!beginGroup(group, transaction))
            return;
        RecordingService& recording = m_workspace.recording();
        recording.beginGroup();
        const auto groupEnds = qScopeGuard([&recording] { recording.endGroup(); });
        replies.resize(group.size());
        Database& database = m_workspace.database();
        // A request or handed-over write that failed rolled back its own savepoint and the group
        // goes on; only when SQLite rolled the whole transaction back by itself (a full disk, an I/O
        // error) is nothing of the group stored.
        bool lost = false;
        for (size_t i = 0; i < group.size() && !lost; ++i) {
            Item& item = group[i];
            if (!item.deferred) {
                replies[i] = m_router.handle(item.job.request);
            } else {
                try {
                    item.deferred(m_workspace);
                } catch (const std::exception& error) {
                    qWarning("footfall endpoint: a request-log row was not stored: %s", error.what());
                }
            }
            lost = !database.inTransaction();
        }
        std::optional<StorageError> commitFailure;
        if (!lost) {
            try {
                transaction->commit();
                qCDebug(lcWriter, "committed %d requests and %d handed-over writes in one transaction",
                        int(std::count_if(group.begin(), group.end(),
                                          [](const Item& item) { return !item.deferred; })),
                        int(std::count_if(group.begin(), group.end(),
                                          [](const Item& item) { return bool(item.deferred); })));
            } catch (const StorageError& error) {
                commitFailure = error;
                lost = true;
            }
        }
        if (lost) {
            // Nothing of the group is stored: every request in it that was not refused is answered as
            // not stored, and what the writer remembered of rows that are gone is forgotten.
            transaction.reset();
            m_workspace.recording().forgetUncommitted();
            for (size_t i = 0; i < group.size(); ++i) {
                if (group[i].deferred)
                    continue;
                const bool refused = replies[i] && replies[i]->status >= 400 && replies[i]->status < 500;
                if (refused)
                    continue;
                if (commitFailure)
                    replies[i] = m_router.failure(group[i].job.request, *commitFailure);
                else if (!replies[i] || !replies[i]->storageFailed)
                    replies[i] = m_router.unavailable(
                        group[i].job.request,
                        QStringLiteral(
                            "The Footfall database could not store a request sent at the same time "
                            "as this one, so none of them was stored. Try again."));
            }
        }
        answering = true;
        for (size_t i = 0; i < group.size(); ++i) {
            if (!group[i].deferred)
                group[i].job.done(std::move(*replies[i]));
        }
    } catch (const std::exception& error) {
        qWarning("footfall endpoint: the writer failed: %s", error.what());
        m_workspace.recording().forgetUncommitted();
        if (!answering) {
            for (Item& item : group) {
                if (!item.deferred)
                    item.job.done(EndpointRouter::internalFailure());
            }
        }
    }
}

void EndpointWriter::runAlone(EndpointJob& job)
{
    Database& database = m_workspace.database();
    try {
        database.setLockWaitMs(int(std::clamp<qint64>(job.deadlineMs - nowMs(), 0, m_lockWaitMs)));
    } catch (const StorageError& error) {
        job.done(m_router.failure(job.request, error));
        return;
    }
    EndpointReply reply = m_router.handle(job.request); // throws nothing
    try {
        database.setLockWaitMs(m_lockWaitMs);
    } catch (const StorageError& error) {
        qWarning("footfall endpoint: the lock wait could not be reset: %s", error.what());
    }
    job.done(std::move(reply));
}

} // namespace footfall
