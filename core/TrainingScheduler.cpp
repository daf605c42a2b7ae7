#include "TrainingScheduler.h"

#include "ServiceError.h"
#include "SolutionService.h"
#include "Workspace.h"

#include <QFileInfo>

#include <memory>

namespace footfall {

namespace {

// Thrown from a training's progress report to stop it; its text becomes the version's failure reason.
class Stopped : public std::runtime_error
{
public:
    Stopped()
        : std::runtime_error(SolutionService::interruptedReason().toStdString())
    {}
};

} // namespace

TrainingScheduler::TrainingScheduler(const QString& databasePath, const ServiceConfig& config,
                                     const DatabaseOptions& options, QObject* parent)
    : QObject(parent)
    , m_databasePath(databasePath)
    , m_config(config)
    , m_options(options)
{
    // The process's own connection keeps the WAL short; a job must not wait for every connection to
    // truncate it before it can notice that it is asked to stop.
    m_options.trimWal = false;
    m_pool.setMaxThreadCount(kWorkers);
    m_pool.setObjectName(QStringLiteral("footfall-training"));
    m_timer.setInterval(int(qBound<qint64>(1, config.automaticUpdateCheckMs, qint64(24) * 3600 * 1000)));
    connect(&m_timer, &QTimer::timeout, this, &TrainingScheduler::checkForDueUpdates);
}

TrainingScheduler::~TrainingScheduler()
{
    shutdown();
}

void TrainingScheduler::enqueueVersion(const QString& versionArn)
{
    m_pool.start([this, versionArn] { train(versionArn); });
}

void TrainingScheduler::startAutomaticUpdates()
{
    if (m_stopping)
        return;
    m_timer.start();
    checkForDueUpdates(); // what fell due while no process had the file open
}

void TrainingScheduler::checkForDueUpdates()
{
    if (m_stopping || m_updateWaiting.exchange(true))
        return;
    m_pool.start([this] { updateDueModels(); });
}

void TrainingScheduler::shutdown()
{
    m_stopping = true;
    m_timer.stop();
    m_pool.waitForDone();
}

bool TrainingScheduler::waitForIdle(int timeoutMs)
{
    return m_pool.waitForDone(timeoutMs);
}

void TrainingScheduler::throwIfStopping() const
{
    if (m_stopping)
        throw Stopped();
}

void TrainingScheduler::train(const QString& versionArn)
{
    // On the worker thread: nothing may escape it.
    QString reason;
    std::unique_ptr<Workspace> workspace;
    QString failure = failureOf([&] {
        // Opening a path whose file is gone would create an empty database there.
        if (!QFileInfo::exists(m_databasePath))
            throw StorageError(QStringLiteral("The database file %1 is gone").arg(m_databasePath));
        workspace = Workspace::open(m_databasePath, m_config, m_options);
        throwIfStopping();
        emit trainingStarted(versionArn);
        const SolutionVersion version =
            workspace->solutions().trainVersion(versionArn, [this, versionArn](qint64 read, qint64 total) {
                throwIfStopping();
                emit trainingProgress(versionArn, read, total);
                throwIfStopping();
            });
        reason = version.failureReason;
    });
    if (!failure.isEmpty()) {
        // Best effort: where even this fails, the next process to open the file after this one fails it.
        failureOf([&] {
            if (!workspace && QFileInfo::exists(m_databasePath))
                workspace = Workspace::open(m_databasePath, m_config, m_options);
            if (workspace)
                workspace->solutions().failTraining(versionArn, failure);
        });
        reason = failure;
    }
    workspace.reset();
    emit trainingFinished(versionArn, reason);
}

void TrainingScheduler::updateDueModels()
{
    m_updateWaiting = false;
    int updated = 0;
    const QString failure = failureOf([&] {
        throwIfStopping();
        if (!QFileInfo::exists(m_databasePath))
            throw StorageError(QStringLiteral("The database file %1 is gone").arg(m_databasePath));
        const std::unique_ptr<Workspace> workspace = Workspace::open(m_databasePath, m_config, m_options);
        for (const QString& versionArn : workspace->solutions().dueForUpdate()) {
            throwIfStopping();
            if (workspace->solutions().updateModel(versionArn, false,
                                                   [this](qint64, qint64) { throwIfStopping(); })) {
                ++updated;
                emit modelUpdated(versionArn);
            }
        }
    });
    emit updatePassFinished(updated, m_stopping ? QString() : failure);
}

} // namespace footfall
