#pragma once

#include "Database.h"
#include "ServiceConfig.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>

namespace footfall {

// Long work off the request path, for a process that runs an event loop (`footfall serve`, the
// console's local endpoint, the console): solution versions (and recommenders' models) are trained on a
// pool of its own, and a timer starts the two-hourly automatic updates of User-Personalization models,
// so neither a CreateSolutionVersion nor a GetRecommendations ever waits for training. Each job opens a
// connection of its own on the worker thread. Jobs do not survive the process: shutdown() fails what
// has not finished, and a process that was killed leaves its jobs to be failed when the file is next
// opened (SolutionService::failInterruptedTraining).
//
// Lives in the thread that owns it; enqueueVersion() may be called from any thread.
class TrainingScheduler final : public QObject
{
    Q_OBJECT

public:
    // One worker: training reads every event, and a second at once would only halve each one's share of
    // a small machine.
    static constexpr int kWorkers = 1;

    TrainingScheduler(const QString& databasePath, const ServiceConfig& config,
                      const DatabaseOptions& options = {}, QObject* parent = nullptr);
    // Shuts down: see shutdown().
    ~TrainingScheduler() override;
    Q_DISABLE_COPY_MOVE(TrainingScheduler)

    // Trains this CREATE PENDING solution version on the worker, after the jobs before it.
    void enqueueVersion(const QString& versionArn);
    // Looks for due automatic updates now and then every ServiceConfig::automaticUpdateCheckMs.
    void startAutomaticUpdates();
    // Starts an update pass on the worker unless one is waiting already.
    void checkForDueUpdates();
    // Stops the timer, has a running training stop at its next progress report, fails the jobs that
    // had not started (SolutionService::interruptedReason()) and waits for the worker. Nothing is
    // started afterwards; what is enqueued then fails at once.
    void shutdown();
    // Waits until no job is running or waiting; false on timeout. For tests and for quitting.
    bool waitForIdle(int timeoutMs = -1);
    bool isStopping() const { return m_stopping; }

signals:
    // Emitted from the worker thread; connect with a context object to be called in its thread.
    void trainingStarted(const QString& versionArn);
    void trainingProgress(const QString& versionArn, qint64 eventsRead, qint64 eventsTotal);
    // `failureReason` is empty when the version is ACTIVE.
    void trainingFinished(const QString& versionArn, const QString& failureReason);
    void modelUpdated(const QString& versionArn);
    // After each update pass, with how many models it updated; `failure` when the pass itself failed.
    void updatePassFinished(int updated, const QString& failure);

private:
    void train(const QString& versionArn);
    void updateDueModels();
    void throwIfStopping() const;

    const QString m_databasePath;
    const ServiceConfig m_config;
    DatabaseOptions m_options;
    QThreadPool m_pool;
    QTimer m_timer;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_updateWaiting{false};
};

} // namespace footfall
