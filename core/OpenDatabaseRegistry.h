#pragma once

#include <QList>
#include <QString>

#include <memory>

class QLockFile;

namespace footfall {

// Which Footfall windows have a database file open, so that a second one can say so. Each keeps a
// lock file named after its process in a folder per database file, named after the file's device
// and inode (every path to the same file meets there), under the user's runtime folder. A lock left
// by a process that is gone is removed by the next one that looks. The database itself is only
// stat()ed: nothing but SQLite may open it or its -wal and -shm (see DatabaseFiles).
class OpenDatabaseRegistry final
{
public:
    // Registers this process for the database at `databasePath`; nothing is registered when the file
    // does not exist or the runtime folder cannot be written.
    explicit OpenDatabaseRegistry(const QString& databasePath);
    ~OpenDatabaseRegistry(); // unregisters
    Q_DISABLE_COPY_MOVE(OpenDatabaseRegistry)

    bool isRegistered() const;
    // The other live processes that registered the same file, lowest pid first.
    QList<qint64> otherProcesses() const;
    // The folder of this database's registrations; empty when the file does not exist.
    QString folder() const { return m_folder; }

    // $XDG_RUNTIME_DIR/footfall/open, or without it a folder of this user's in the temporary folder.
    static QString runtimeFolder();

private:
    QString m_folder;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace footfall
