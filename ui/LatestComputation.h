#pragma once

#include "ServiceError.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent>

#include <functional>

namespace footfall {

// Computes a report on a worker thread and hands it to `show` on the owner's thread — only the
// result of the latest run: a range changed twice quickly never shows the first answer last.
// The owner destroys it before anything `show` uses; destruction waits for a run in progress.
template <typename Report> class LatestComputation
{
public:
    using Show = std::function<void(const Report& report, const QString& error)>;

    LatestComputation(QObject* owner, Show show)
        : m_show(std::move(show))
    {
        QObject::connect(&m_watcher, &QFutureWatcherBase::finished, owner, [this] {
            if (m_watcher.future().resultCount() == 0)
                return;
            const Result result = m_watcher.result();
            if (result.generation == m_generation)
                m_show(result.report, result.error);
        });
    }
    ~LatestComputation() { m_watcher.waitForFinished(); }
    Q_DISABLE_COPY_MOVE(LatestComputation)

    // Runs `compute` on a worker thread; it may throw ServiceError or another std::exception,
    // whose message reaches `show` as the error.
    void run(std::function<Report()> compute)
    {
        const quint64 generation = ++m_generation;
        m_watcher.setFuture(QtConcurrent::run([compute = std::move(compute), generation]() {
            Result result;
            result.generation = generation;
            result.error = failureOf([&] { result.report = compute(); });
            return result;
        }));
    }

private:
    struct Result
    {
        Report report;
        QString error;
        quint64 generation = 0;
    };

    Show m_show;
    QFutureWatcher<Result> m_watcher;
    quint64 m_generation = 0;
};

} // namespace footfall
