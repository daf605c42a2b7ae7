#pragma once

#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

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
};

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

signals:
    void committed();

private:
    Database(const QString& path, const QString& connectionName);

    QString m_path;
    QString m_connectionName;
};

} // namespace footfall
