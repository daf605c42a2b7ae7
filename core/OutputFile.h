#pragma once

#include <QString>

#include <memory>

class QFileDevice;
class QIODevice;

namespace footfall {

// A file that a command or the console writes where the user said, by one rule:
// - a regular file, or one that does not exist yet, is written beside itself and renamed into place
//   by commit() (QSaveFile), so a failed or cancelled write leaves what was there;
// - "-" is standard output;
// - a FIFO, a character device or another non-regular file is opened as a stream, never truncated
//   or replaced (replacing it with a regular file would, run as root, replace /dev/full);
// - the open database and SQLite's files beside it, and folders, are refused before anything is
//   opened.
// Every failure throws ServiceError (InvalidInputException) naming the parameter; a write that
// failed anywhere (ENOSPC on /dev/full) fails commit().
class OutputFile
{
public:
    // `databasePath`: the database open in this process (empty when none is); `parameter`: the input
    // that named the file, for the error messages (the console passes none: its messages are shown
    // where the file was chosen).
    OutputFile(const QString& path, const QString& databasePath,
               const QString& parameter = QStringLiteral("output"));
    ~OutputFile();
    Q_DISABLE_COPY_MOVE(OutputFile)

    // Throws when `path` may not be written or read at all (the database's files, a folder); opens
    // nothing. For inputs, too: reading a database file with another descriptor and closing it drops
    // SQLite's locks.
    static void checkAllowed(const QString& path, const QString& databasePath, const QString& parameter);
    static bool isStandardOutput(const QString& path) { return path == QLatin1String("-"); }

    QIODevice& open();
    // After open().
    QIODevice& device();
    // Renames a regular file into place, or flushes a stream; throws when anything written failed.
    void commit();
    // Discards what was written to a regular file (a stream keeps what it was sent). The destructor
    // does the same for an output that was not committed.
    void cancel();

    QString path() const { return m_path; }
    // What to call the output in messages: the path, or "standard output".
    QString displayName() const;

private:
    [[noreturn]] void fail(const QString& reason) const;

    QString m_path;
    QString m_databasePath;
    QString m_parameter;
    std::unique_ptr<QFileDevice> m_device;
    bool m_replacesAtomically = false;
};

} // namespace footfall
