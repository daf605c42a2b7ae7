#include "DatabaseFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <sys/stat.h>

namespace footfall::DatabaseFiles {

std::optional<FileIdentity> identityOf(const QString& path)
{
    struct stat info
    {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return std::nullopt;
    return FileIdentity{quint64(info.st_dev), quint64(info.st_ino), qint64(info.st_size)};
}

bool isDatabaseFile(const QString& path, const QString& databasePath)
{
    if (path.isEmpty() || databasePath.isEmpty())
        return false;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString databaseAbsolute = QFileInfo(databasePath).absoluteFilePath();
    static const QStringList suffixes = {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"),
                                         QStringLiteral("-journal")};
    const std::optional<FileIdentity> identity = identityOf(absolute);
    for (const QString& suffix : suffixes) {
        const QString candidate = databaseAbsolute + suffix;
        if (QDir::cleanPath(absolute) == QDir::cleanPath(candidate))
            return true;
        if (identity) {
            const std::optional<FileIdentity> candidateIdentity = identityOf(candidate);
            if (candidateIdentity && candidateIdentity->isSameFile(*identity))
                return true;
        }
    }
    // The same files reached through another spelling of the folder (a link to it).
    const QString canonicalFolder = QFileInfo(QFileInfo(absolute).absolutePath()).canonicalFilePath();
    const QString databaseFolder = QFileInfo(QFileInfo(databaseAbsolute).absolutePath()).canonicalFilePath();
    if (!canonicalFolder.isEmpty() && canonicalFolder == databaseFolder) {
        const QString name = QFileInfo(absolute).fileName();
        const QString databaseName = QFileInfo(databaseAbsolute).fileName();
        for (const QString& suffix : suffixes) {
            if (name == databaseName + suffix)
                return true;
        }
    }
    return false;
}

QString refusal(const QString& path)
{
    return QStringLiteral("%1 is the open Footfall database or one of SQLite's files beside it; "
                          "nothing was read or written. Choose another file.")
        .arg(QDir::toNativeSeparators(path));
}

} // namespace footfall::DatabaseFiles
