#include "TrainerProcess.h"

#include <QCoreApplication>
#include <QFile>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <signal.h>
#endif

namespace footfall {

namespace {

QString bootId()
{
    static const QString id = [] {
        QFile file(QStringLiteral("/proc/sys/kernel/random/boot_id"));
        return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()).trimmed() : QString();
    }();
    return id;
}

} // namespace

QString TrainerProcess::current()
{
    return QStringLiteral("%1/%2").arg(bootId()).arg(QCoreApplication::applicationPid());
}

bool TrainerProcess::isGone(const QString& token)
{
    const qsizetype slash = token.lastIndexOf(QLatin1Char('/'));
    if (slash < 0)
        return false;
    const QString boot = token.left(slash);
    bool ok = false;
    const qint64 pid = token.mid(slash + 1).toLongLong(&ok);
    if (!ok || pid <= 0)
        return false;
    if (boot != bootId())
        return !boot.isEmpty() && !bootId().isEmpty(); // this machine has restarted since
    if (pid == QCoreApplication::applicationPid())
        return false;
#ifdef Q_OS_UNIX
    return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
#else
    return false;
#endif
}

} // namespace footfall
