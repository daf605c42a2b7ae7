#pragma once

#include "DatabaseFiles.h"

#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>
#include <optional>

namespace footfall {

struct DatabaseOptions
{
    // How long opening waits for another writer before reporting the file as locked.
    int lockTimeoutMs = 3000;
    // Files up to this size get a full PRAGMA quick_check when opened; larger ones only the
    // header and schema checks, so that a big workspace still opens at once.
    qint64 integrityCheckMaxBytes = 64 * 1024 * 1024;
    // The schema version to migrate to; tests use it to build older databases.
    int targetVersion = -1;
    // PRAGMA synchronous: FULL syncs the WAL at every commit, so a commit survives a power cut as
    // well as a killed process; NORMAL syncs only at checkpoints (a power cut may lose the last
    // commits, a killed process does not).
    enum class Durability
    {
        Full,
        Normal
    };
    Durability durability = Durability::Full;
    // Whether opening truncates a WAL left larger than kWalSizeLimitBytes. A truncating checkpoint
    // waits for every other connection; a process's second connection (a training job) leaves that
    // to its first one.
    bool trimWal = true;
};

// The most the -wal file keeps on disk after a checkpoint resets it (PRAGMA journal_size_limit); a
// WAL left larger (by a killed import, or while a long reader held an old snapshot) is checkpointed
// and truncated when the database is opened, and after each bulk import.
inline constexpr qint64 kWalSizeLimitBytes = 64 * 1024 * 1024;

// One Footfall SQLite file: WAL, foreign keys, migrated to the current version. open() refuses a
// file that is not a Footfall database, is damaged, newer, read-only or locked, and leaves it
// untouched (DatabaseOpenError says which). All SQL runs through prepared statements.
class Database final : public QObject
{
    Q_OBJECT

public:
    ~Database() override;
    Q_DISABLE_COPY_MOVE(Database)

    static std::unique_ptr<Database> open(const QString& path, const DatabaseOptions& options = {});
    static QString defaultPath();
    // A read-only connection to an existing Footfall database, for a worker thread: create, use and
    // destroy it on that thread. Throws DatabaseOpenError.
    static std::unique_ptr<Database> openReader(const QString& path);
    // A connection that only checkpoints (WalCheckpointer), on a thread of its own. Throws
    // DatabaseOpenError.
    static std::unique_ptr<Database> openCheckpointer(const QString& path);
    // Copies what it can of the WAL into the database file without waiting for anyone (PRAGMA
    // wal_checkpoint(PASSIVE)); returns how many WAL frames remain to be copied.
    qint64 checkpointPassive();
    // Whether commits on this connection checkpoint the WAL themselves (SQLite's default, every
    // 10,000 pages here) or leave it to another connection.
    void setAutomaticCheckpoints(bool enabled);
    static constexpr int kApplicationId = 0x466F6F74; // "Foot"

    QString path() const { return m_path; }
    QSqlDatabase connection() const;
    int schemaVersion() const;
    // SQLite's PRAGMA data_version: changes when another connection or process commits.
    qint64 dataVersion() const;

    // Prepares `sql`; throws StorageError if SQLite refuses it.
    QSqlQuery prepare(const QString& sql) const;
    // The same on a connection of the caller's (classes that hold one and reuse their statements).
    static QSqlQuery prepareOn(const QSqlDatabase& connection, const QString& sql);
    // Executes a prepared query; throws StorageError on failure.
    static void execute(QSqlQuery& query);
    // Steps an executed query to its next row: false after the last one. QSqlQuery::next() answers
    // false for a failed read as well (a damaged page, an I/O error); this throws StorageError
    // then, so that a failure is never taken for the end of the data. Every read uses it.
    static bool nextRow(QSqlQuery& query);

    QString metaValue(const QString& key, const QString& fallback = {}) const;
    void setMetaValue(const QString& key, const QString& value);

    // Called by TransactionGuard after a successful COMMIT.
    void notifyCommitted();
    // How many TransactionGuards are open on this connection: the outermost one is a transaction,
    // those inside it savepoints. Maintained by TransactionGuard.
    int transactionDepth() const { return m_transactionDepth; }
    // Whether SQLite has a transaction open on this connection: false after SQLite rolled one back by
    // itself (a full disk, an I/O error), whatever transactionDepth() says.
    bool inTransaction() const;
    void setTransactionDepth(int depth)
    {
        if (m_transactionDepth == 0 && depth > 0)
            ++m_transactionSerial;
        m_transactionDepth = depth;
    }
    // Changes whenever an outermost transaction begins. While one is open nobody else can write, so a
    // row read in it stays as read until this connection changes it: requests in one endpoint group
    // share what they look up (their tracker, their group's metrics) under this key.
    quint64 transactionSerial() const { return m_transactionSerial; }
    // How long the next lock wait may last (PRAGMA busy_timeout), for a writer with deadlines.
    void setLockWaitMs(int milliseconds);

    // Throws DatabaseFileLostError when the file SQLite has open is no longer the one at path() (it
    // was moved, replaced or deleted) or its -wal was deleted or replaced: a commit made now would
    // not be in the file others read, so nothing may be acknowledged. The first time, what this
    // connection committed is checkpointed into the file it has open, and fileLost() is emitted;
    // from then on every write transaction is refused.
    void requireFileInPlace();
    // Only whether the file was already found lost: what a write transaction checks before it begins
    // (the full check after its commit decides whether it is acknowledged).
    void requireFileNotLost() const;
    // Checkpoints what was committed into the lost file once no transaction is open any more.
    void rescueLostFile();
    // The same check without throwing: empty while the file is in place, else the message.
    QString fileLostMessage();

    // Copies the WAL back into the database file and truncates it (PRAGMA wal_checkpoint(TRUNCATE));
    // false when a reader's snapshot kept part of it (it is then done by a later checkpoint).
    bool checkpointAndTruncateWal();
    // The same, only when the -wal has grown past kWalSizeLimitBytes (after a bulk import, on open).
    void trimWal();

signals:
    void committed();
    void fileLost(const QString& message);

private:
    Database(const QString& path, const QString& connectionName);
    void rememberFileIdentity();

    QString m_path;
    QString m_connectionName;
    QString walPath() const { return m_path + QStringLiteral("-wal"); }

    // The -wal file's identity while this connection has the database open.
    std::optional<DatabaseFiles::FileIdentity> m_walIdentity;
    QString m_fileLost;
    bool m_rescuePending = false;
    int m_transactionDepth = 0;
    quint64 m_transactionSerial = 0;
};

} // namespace footfall
