#pragma once

#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <memory>

class QThread;

namespace footfall {

// Copies the WAL back into the database file on a thread and connection of its own, a few times a
// second, so that the endpoint's writer never waits for a checkpoint: a checkpoint syncs the database
// file, which can take a tenth of a second, and every request queued behind the writer would wait
// that long. The writer's connection stops checkpointing while one runs
// (Database::setAutomaticCheckpoints); PASSIVE checkpoints never wait for a lock, so neither the writer
// nor the readers ever wait for this one.
class WalCheckpointer final
{
public:
    explicit WalCheckpointer(const QString& databasePath, int intervalMs = 250);
    // Stops the thread and waits for it.
    ~WalCheckpointer();
    Q_DISABLE_COPY_MOVE(WalCheckpointer)

    // False when its connection could not be opened (the writer then keeps checkpointing itself).
    bool isRunning() const { return m_opened; }

private:
    void run();

    const QString m_databasePath;
    const int m_intervalMs;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_stopping = false;
    bool m_started = false;
    bool m_opened = false;
    std::unique_ptr<QThread> m_thread;
};

} // namespace footfall
