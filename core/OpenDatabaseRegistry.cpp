#include "OpenDatabaseRegistry.h"

#include "DatabaseFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>
#include <atomic>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace footfall {

namespace {

// A registration's file name: the pid, and a serial for further windows of the same process.
const QRegularExpression kRegistrationName(QStringLiteral("^([0-9]+)(?:-[0-9]+)?$"));

std::atomic<int> g_serial{0};

} // namespace

QString OpenDatabaseRegistry::runtimeFolder()
{
    // QStandardPaths warns when XDG_RUNTIME_DIR is unset, and a console has nothing to say about it.
    const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!xdg.isEmpty())
        return xdg + QStringLiteral("/footfall/open");
#ifdef Q_OS_UNIX
    return QDir::tempPath() + QStringLiteral("/footfall-%1/open").arg(::getuid());
#else
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return (runtime.isEmpty() ? QDir::tempPath() : runtime) + QStringLiteral("/footfall/open");
#endif
}

OpenDatabaseRegistry::OpenDatabaseRegistry(const QString& databasePath)
{
    const std::optional<DatabaseFiles::FileIdentity> identity = DatabaseFiles::identityOf(databasePath);
    if (!identity)
        return;
    const QString root = runtimeFolder();
    m_folder = root + QStringLiteral("/%1-%2").arg(identity->device).arg(identity->inode);
    const QString pid = QString::number(QCoreApplication::applicationPid());
    // Another process may remove the folder as it leaves, just before the lock is made: try again.
    for (int attempt = 0; attempt < 2 && !m_lock; ++attempt) {
        if (!QDir().mkpath(m_folder))
            return;
        // Which files one has open is one's own business: the folders Footfall made are the user's
        // alone (in the shared temporary folder too).
        const QString base = QFileInfo(root).path(); // …/footfall or …/footfall-<uid>
        for (const QString& folder : {base, root})
            QFile::setPermissions(folder,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        // A further window of this same process finds its pid taken, and adds a serial.
        for (const QString& name : {pid, QStringLiteral("%1-%2").arg(pid).arg(++g_serial)}) {
            auto lock = std::make_unique<QLockFile>(m_folder + QLatin1Char('/') + name);
            lock->setStaleLockTime(0); // a live window's lock stays valid however old it is
            if (lock->tryLock(0)) {
                m_lock = std::move(lock);
                break;
            }
        }
    }
}

OpenDatabaseRegistry::~OpenDatabaseRegistry()
{
    if (!m_lock)
        return;
    m_lock->unlock();
    QDir().rmdir(m_folder); // fails, as it should, while others are registered
}

bool OpenDatabaseRegistry::isRegistered() const
{
    return m_lock != nullptr;
}

QList<qint64> OpenDatabaseRegistry::otherProcesses() const
{
    QList<qint64> pids;
    if (m_folder.isEmpty())
        return pids;
    const qint64 own = QCoreApplication::applicationPid();
    const QStringList names = QDir(m_folder).entryList(QDir::Files | QDir::Hidden);
    for (const QString& name : names) {
        const QRegularExpressionMatch match = kRegistrationName.match(name);
        if (!match.hasMatch())
            continue;
        const qint64 pid = match.captured(1).toLongLong();
        if (pid == own || pids.contains(pid))
            continue;
        // Taking the lock succeeds only when its process is gone; it is then removed.
        QLockFile other(m_folder + QLatin1Char('/') + name);
        other.setStaleLockTime(0);
        if (other.tryLock(0)) {
            other.unlock();
            continue;
        }
        if (other.error() == QLockFile::LockFailedError)
            pids.append(pid);
    }
    std::sort(pids.begin(), pids.end());
    return pids;
}

} // namespace footfall
