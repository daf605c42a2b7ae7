#include "WalCheckpointer.h"

#include "Database.h"
#include "ServiceError.h"

#include <QThread>

namespace footfall {

WalCheckpointer::WalCheckpointer(const QString& databasePath, int intervalMs)
    : m_databasePath(databasePath)
    , m_intervalMs(intervalMs)
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("endpoint checkpoints"));
    m_thread->start();
    QMutexLocker lock(&m_mutex);
    while (!m_started)
        m_wake.wait(&m_mutex);
}

WalCheckpointer::~WalCheckpointer()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
}

void WalCheckpointer::run()
{
    std::unique_ptr<Database> database;
    try {
        database = Database::openCheckpointer(m_databasePath);
    } catch (const std::exception& error) {
        qWarning("footfall endpoint: checkpoints stay with the writer: %s", error.what());
    }
    {
        QMutexLocker lock(&m_mutex);
        m_opened = database != nullptr;
        m_started = true;
        m_wake.wakeAll();
    }
    if (!database)
        return;
    QMutexLocker lock(&m_mutex);
    while (!m_stopping) {
        m_wake.wait(&m_mutex, m_intervalMs);
        if (m_stopping)
            break;
        lock.unlock();
        try {
            database->checkpointPassive();
        } catch (const StorageError& error) {
            qWarning("footfall endpoint: a checkpoint failed: %s", error.what());
        }
        lock.relock();
    }
    lock.unlock();
    database.reset();
}

} // namespace footfall
