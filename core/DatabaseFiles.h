#pragma once

#include <QString>

#include <optional>

namespace footfall {

// SQLite's files of one database: the file itself and the -wal, -shm and -journal beside it.
// Nothing but SQLite may open any of them while SQLite has the database open in this process:
// closing another descriptor on the file drops every POSIX lock the process holds on it, and
// another process then takes itself to be alone and deletes the WAL. Everything here uses stat(),
// never open().
namespace DatabaseFiles {

// True when `path` names the database at `databasePath` or one of SQLite's files beside it,
// compared by device and inode (so links and other spellings of the path count too) and, for files
// that do not exist yet, by their absolute path.
bool isDatabaseFile(const QString& path, const QString& databasePath);

// The message for refusing such a path, naming the parameter it came in.
QString refusal(const QString& path);

// A file as the kernel knows it, whatever its path is called.
struct FileIdentity
{
    quint64 device = 0;
    quint64 inode = 0;
    qint64 size = 0; // not part of the identity

    bool isSameFile(const FileIdentity& other) const
    {
        return device == other.device && inode == other.inode;
    }
};

// stat() of `path`; nullopt when nothing is there.
std::optional<FileIdentity> identityOf(const QString& path);

} // namespace DatabaseFiles

} // namespace footfall
