#include "Database.h"

#include "DatabaseFileLostError.h"
#include "DatabaseFiles.h"
#include "DatabaseOpenError.h"
#include "DecimalSqlFunctions.h"
#include "Migrations.h"
#include "ServiceError.h"
#include "SqliteStatement.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QUrl>
#include <QVariant>

#include <algorithm>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace footfall {

namespace {

using Reason = DatabaseOpenError::Reason;

constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteFull = 13;
constexpr int kSqliteNotADatabase = 26;

QString nextConnectionName(const QString& purpose)
{
    static QAtomicInt counter;
    return QStringLiteral("footfall-%1-%2").arg(purpose).arg(counter.fetchAndAddRelaxed(1));
}

int sqliteCode(const QSqlError& error)
{
    return error.nativeErrorCode().toInt() & 0xff;
}

QString displayPath(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

// Removes a named QSqlDatabase connection when it goes out of scope.
class ScopedConnection
{
public:
    ScopedConnection(const QString& path, const QString& connectOptions)
        : m_name(nextConnectionName(QStringLiteral("inspect")))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(connectOptions);
    }
    ~ScopedConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(ScopedConnection)

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

// The connect options of a connection that only looks at an existing file. While no -wal exists
// beside it, nobody has the database open in WAL mode, and an immutable connection reads it
// without creating a -wal or -shm: a file that is then refused is left exactly as it was. With a
// -wal present, SQLite must read it too, through an ordinary read-only connection.
QString inspectionOptions(const DatabaseOptions& options, bool immutable)
{
    QString connect =
        QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1").arg(options.lockTimeoutMs);
    if (immutable)
        connect += QStringLiteral(";QSQLITE_OPEN_URI");
    return connect;
}

QString inspectionName(const QString& path, bool immutable)
{
    if (!immutable)
        return path;
    QUrl url = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    url.setQuery(QStringLiteral("immutable=1"));
    return url.toString(QUrl::FullyEncoded);
}

bool exists(const QString& path)
{
    return DatabaseFiles::identityOf(path).has_value();
}

struct Inspection
{
    bool fresh = false; // no Footfall tables yet: initialise it
    int version = 0;
};

QVariant scalar(QSqlDatabase db, const QString& sql, QSqlError* error)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        *error = query.lastError();
        return {};
    }
    return query.value(0);
}

[[noreturn]] void failFromSqlError(const QString& path, const QSqlError& error)
{
    const int code = sqliteCode(error);
    if (code == kSqliteBusy || code == kSqliteLocked) {
        throw DatabaseOpenError(
            Reason::Locked, path,
            QStringLiteral("%1 is locked by another program that is writing to it. Close that "
                           "program, or wait and try again.")
                .arg(displayPath(path)));
    }
    // A full disk often shows as an I/O error (SQLite cannot grow the -shm file), not SQLITE_FULL.
    if (code == kSqliteFull ||
        (code == kSqliteIoErr && QStorageInfo(QFileInfo(path).absolutePath()).bytesAvailable() < 64 * 1024)) {
        throw DatabaseOpenError(
            Reason::CannotCreate, path,
            QStringLiteral("The disk holding the Footfall database %1 is full: free some space and try "
                           "again. It was left untouched.")
                .arg(displayPath(path)));
    }
    if (code == kSqliteNotADatabase) {
        throw DatabaseOpenError(
            Reason::NotSqlite, path,
            QStringLiteral("%1 is not a Footfall database: it is not an SQLite file. It was left "
                           "untouched.")
                .arg(displayPath(path)));
    }
    throw DatabaseOpenError(
        Reason::Corrupt, path,
        QStringLiteral("%1 is damaged: SQLite reports \"%2\". It was left untouched; restore it "
                       "from a backup or open another file.")
            .arg(displayPath(path), error.databaseText()));
}

Inspection inspectWith(const QString& path, const DatabaseOptions& options, bool immutable)
{
    ScopedConnection inspect(inspectionName(path, immutable), inspectionOptions(options, immutable));
    QSqlDatabase db = inspect.db();
    if (!db.open())
        failFromSqlError(path, db.lastError());

    QSqlError error;
    const QVariant tableCount = scalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master"), &error);
    if (!tableCount.isValid())
        failFromSqlError(path, error);
    const int applicationId = scalar(db, QStringLiteral("PRAGMA application_id"), &error).toInt();
    const int version = scalar(db, QStringLiteral("PRAGMA user_version"), &error).toInt();

    if (applicationId != Database::kApplicationId) {
        if (tableCount.toInt() == 0)
            return {true, 0};
        QStringList tables;
        QSqlQuery names(db);
        names.exec(
            QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name LIMIT 5"));
        while (names.next())
            tables << names.value(0).toString();
        throw DatabaseOpenError(
            Reason::ForeignDatabase, path,
            QStringLiteral("%1 is an SQLite database of another program (tables: %2), not a "
                           "Footfall database. It was left untouched.")
                .arg(displayPath(path), tables.join(QStringLiteral(", "))));
    }

    if (QFileInfo(path).size() <= options.integrityCheckMaxBytes) {
        QSqlQuery check(db);
        if (!check.exec(QStringLiteral("PRAGMA quick_check")))
            failFromSqlError(path, check.lastError());
        QStringList problems;
        while (check.next()) {
            const QString line = check.value(0).toString();
            if (line != QLatin1String("ok"))
                problems << line;
        }
        if (check.lastError().isValid()) // the check itself stopped on damage it could not read past
            failFromSqlError(path, check.lastError());
        if (!problems.isEmpty()) {
            throw DatabaseOpenError(
                Reason::Corrupt, path,
                QStringLiteral("%1 is damaged: SQLite's integrity check reports \"%2\". It was "
                               "left untouched; restore it from a backup or open another file.")
                    .arg(displayPath(path), problems.first()));
        }
    }

    if (version > Migrations::latestVersion()) {
        throw DatabaseOpenError(
            Reason::NewerVersion, path,
            QStringLiteral("%1 was written by a newer version of Footfall (database version %2; "
                           "this Footfall reads up to version %3). It was left untouched; open "
                           "it with a newer Footfall.")
                .arg(displayPath(path))
                .arg(version)
                .arg(Migrations::latestVersion()));
    }
    return {false, version};
}

// Looks at an existing file through a read-only connection, so nothing is written to it. Only
// SQLite opens the file: a descriptor of ours closed on it would drop the POSIX locks that this
// process's other connections hold on it.
Inspection inspectExisting(const QString& path, const DatabaseOptions& options)
{
    const bool immutable = !exists(path + QStringLiteral("-wal"));
    try {
        return inspectWith(path, options, immutable);
    } catch (const DatabaseOpenError& error) {
        // Another process may have begun writing while the immutable connection read: look again
        // through SQLite's locks before calling the file damaged.
        if (!immutable || error.reason() == Reason::NewerVersion ||
            error.reason() == Reason::ForeignDatabase || !exists(path + QStringLiteral("-wal")))
            throw;
        return inspectWith(path, options, false);
    }
}

bool hasWriteBit(const QFileInfo& info)
{
    // Not WriteUser: Qt computes it with access(), which says yes to root for any file.
    return info.permissions() & (QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther);
}

// Refuses a file Footfall could not write to, before SQLite opens it for writing. The mode bits
// count even for root, whom access() lets write anywhere: a file made read-only stays unwritten.
void requireWritable(const QString& path)
{
    const QFileInfo file(path);
    const QFileInfo folder(file.absolutePath());
    const QStorageInfo volume(folder.absoluteFilePath());
    if (volume.isValid() && volume.isReadOnly()) {
        throw DatabaseOpenError(
            Reason::ReadOnly, path,
            QStringLiteral("%1 is on a read-only file system (%2): Footfall needs to write to the file "
                           "and to its folder. It was left untouched.")
                .arg(displayPath(path), displayPath(volume.rootPath())));
    }
    if ((file.exists() && (!file.isWritable() || !hasWriteBit(file))) || !folder.isWritable() ||
        !hasWriteBit(folder)) {
        throw DatabaseOpenError(
            Reason::ReadOnly, path,
            QStringLiteral("%1 is read-only: Footfall needs to write to the file and to its "
                           "folder (%2). It was left untouched.")
                .arg(displayPath(path), displayPath(folder.absoluteFilePath())));
    }
}

// A new database is made readable by its owner only (SQLite gives the -wal and -shm the mode of
// the database file): it holds user IDs, request bodies and user agents. The file does not exist
// yet, so no SQLite connection of this process can have it open.
void createPrivateFile(const QString& path)
{
    const int descriptor =
        ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (descriptor >= 0) {
        ::close(descriptor);
        return;
    }
    if (errno != EEXIST) {
        throw DatabaseOpenError(Reason::CannotCreate, path,
                                QStringLiteral("Cannot create %1: %2")
                                    .arg(displayPath(path), QString::fromLocal8Bit(strerror(errno))));
    }
}

// Footfall's own SQL functions, which the rollups and reports use on every connection.
void registerFunctions(const QSqlDatabase& db, const QString& path)
{
    try {
        DecimalSqlFunctions::registerOn(SqliteStatement::handleOf(db));
    } catch (const StorageError& error) {
        throw DatabaseOpenError(Reason::CannotCreate, path, error.message());
    }
}

void exec(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        failFromSqlError(db.databaseName(), query.lastError());
}

} // namespace

Database::Database(const QString& path, const QString& connectionName)
    : m_path(path)
    , m_connectionName(connectionName)
{}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::unique_ptr<Database> Database::open(const QString& path, const DatabaseOptions& options)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        throw DatabaseOpenError(
            Reason::CannotCreate, path,
            QStringLiteral("%1 is a folder, not a database file.").arg(displayPath(path)));
    }
    Inspection inspection{true, 0};
    if (info.exists() && info.size() > 0)
        inspection = inspectExisting(path, options);
    if (!info.exists() && !QDir().mkpath(info.absolutePath())) {
        throw DatabaseOpenError(Reason::CannotCreate, path,
                                QStringLiteral("Cannot create the folder %1 for the database.")
                                    .arg(displayPath(info.absolutePath())));
    }
    requireWritable(path);
    if (!info.exists())
        createPrivateFile(info.absoluteFilePath());

    const QString name = nextConnectionName(QStringLiteral("main"));
    std::unique_ptr<Database> database(new Database(info.absoluteFilePath(), name));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(info.absoluteFilePath());
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.lockTimeoutMs));
    if (!db.open()) {
        throw DatabaseOpenError(
            Reason::CannotCreate, path,
            QStringLiteral("Cannot open %1: %2").arg(displayPath(path), db.lastError().text()));
    }
    registerFunctions(db, path);

    // Take the write lock once, so a file another program is writing to is reported now.
    exec(db, QStringLiteral("BEGIN IMMEDIATE"));
    exec(db, QStringLiteral("ROLLBACK"));
    exec(db, QStringLiteral("PRAGMA journal_mode = WAL"));
    exec(db, QStringLiteral("PRAGMA foreign_keys = ON"));
    exec(db, options.durability == DatabaseOptions::Durability::Full
                 ? QStringLiteral("PRAGMA synchronous = FULL")
                 : QStringLiteral("PRAGMA synchronous = NORMAL"));
    // 64 MiB of page cache: index updates of big imports stay in memory instead of re-reading pages.
    exec(db, QStringLiteral("PRAGMA cache_size = -65536"));
    // Checkpoint every 10000 pages (40 MiB) rather than SQLite's 1000: pages written again and again
    // (the indexes' hot pages) are copied back to the database file once per checkpoint.
    exec(db, QStringLiteral("PRAGMA wal_autocheckpoint = 10000"));
    exec(db, QStringLiteral("PRAGMA journal_size_limit = %1").arg(kWalSizeLimitBytes));
    if (inspection.fresh)
        exec(db, QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId));
    // A test hook: a page limit makes "the disk is full" (SQLITE_FULL) happen on demand.
    if (const int maxPages = qEnvironmentVariableIntValue("FOOTFALL_MAX_PAGE_COUNT"); maxPages > 0)
        exec(db, QStringLiteral("PRAGMA max_page_count = %1").arg(maxPages));

    const int target = options.targetVersion >= 0 ? options.targetVersion : Migrations::latestVersion();
    try {
        Migrations::upgrade(db, inspection.version, target);
    } catch (const StorageError& error) {
        throw DatabaseOpenError(
            Reason::CannotCreate, path,
            QStringLiteral("Cannot upgrade %1: %2").arg(displayPath(path), error.message()));
    }
    if (options.trimWal)
        database->trimWal();
    database->rememberFileIdentity();
    return database;
}

namespace {

// Another connection to a database a Footfall process already opened (migrated, checked): a reader
// or the checkpointer. `failure` has %1 for the path and %2 for SQLite's reason.
void openExtraConnection(const QString& path, const QString& name, const QString& connectOptions,
                         const QString& failure)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(connectOptions);
    if (!db.open())
        throw DatabaseOpenError(Reason::CannotCreate, path,
                                failure.arg(displayPath(path), db.lastError().text()));
    registerFunctions(db, path);
}

} // namespace

std::unique_ptr<Database> Database::openReader(const QString& path)
{
    const QString name = nextConnectionName(QStringLiteral("reader"));
    std::unique_ptr<Database> database(new Database(path, name));
    openExtraConnection(path, name, QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"),
                        QStringLiteral("Cannot read %1: %2"));
    return database;
}

bool Database::inTransaction() const
{
    return sqlite3_get_autocommit(SqliteStatement::handleOf(connection())) == 0;
}

void Database::setLockWaitMs(int milliseconds)
{
    QSqlQuery pragma(connection());
    if (!pragma.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(std::max(0, milliseconds))))
        throw StorageError(QStringLiteral("Cannot set the lock wait: %1").arg(pragma.lastError().text()));
}

std::unique_ptr<Database> Database::openCheckpointer(const QString& path)
{
    const QString name = nextConnectionName(QStringLiteral("checkpointer"));
    std::unique_ptr<Database> database(new Database(path, name));
    openExtraConnection(path, name, QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"),
                        QStringLiteral("Cannot open %1: %2"));
    return database;
}

qint64 Database::checkpointPassive()
{
    QSqlQuery checkpoint(connection());
    if (!checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) || !checkpoint.next())
        throw StorageError(QStringLiteral("Cannot checkpoint: %1").arg(checkpoint.lastError().text()),
                           StorageError::kindOf(checkpoint.lastError()));
    // (busy, frames in the WAL, frames checkpointed)
    return checkpoint.value(1).toLongLong() - checkpoint.value(2).toLongLong();
}

void Database::setAutomaticCheckpoints(bool enabled)
{
    QSqlQuery pragma(connection());
    if (!pragma.exec(QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(enabled ? 10000 : 0)))
        throw StorageError(QStringLiteral("Cannot set checkpoints: %1").arg(pragma.lastError().text()));
}

QString Database::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("footfall.db"));
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const
{
    QSqlQuery query(connection());
    query.exec(QStringLiteral("PRAGMA user_version"));
    return query.next() ? query.value(0).toInt() : 0;
}

qint64 Database::dataVersion() const
{
    QSqlQuery query(connection());
    query.exec(QStringLiteral("PRAGMA data_version"));
    return query.next() ? query.value(0).toLongLong() : 0;
}

QSqlQuery Database::prepare(const QString& sql) const
{
    return prepareOn(connection(), sql);
}

QSqlQuery Database::prepareOn(const QSqlDatabase& connection, const QString& sql)
{
    QSqlQuery query(connection);
    if (!query.prepare(sql))
        throw StorageError(QStringLiteral("Cannot prepare a statement: %1").arg(query.lastError().text()),
                           StorageError::kindOf(query.lastError()));
    return query;
}

void Database::execute(QSqlQuery& query)
{
    if (!query.exec())
        throw StorageError(
            QStringLiteral("The database refused a statement: %1").arg(query.lastError().text()),
            StorageError::kindOf(query.lastError()));
}

bool Database::nextRow(QSqlQuery& query)
{
    if (query.next())
        return true;
    if (query.lastError().isValid())
        throw StorageError(QStringLiteral("Reading the database failed: %1").arg(query.lastError().text()),
                           StorageError::kindOf(query.lastError()));
    return false;
}

QString Database::metaValue(const QString& key, const QString& fallback) const
{
    QSqlQuery query = prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(key);
    execute(query);
    return nextRow(query) ? query.value(0).toString() : fallback;
}

void Database::setMetaValue(const QString& key, const QString& value)
{
    QSqlQuery query = prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) "
                                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(key);
    query.addBindValue(value);
    execute(query);
}

void Database::notifyCommitted()
{
    emit committed();
}

void Database::rememberFileIdentity()
{
    m_walIdentity = DatabaseFiles::identityOf(walPath());
}

QString Database::fileLostMessage()
{
    if (!m_fileLost.isEmpty())
        return m_fileLost;
    sqlite3* const handle = SqliteStatement::handleOf(connection());
    int moved = 0;
    if (sqlite3_file_control(handle, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
        moved = 0;
    QString problem;
    if (moved) {
        problem = exists(m_path) ? QStringLiteral("was replaced by another file")
                                 : QStringLiteral("was deleted or moved");
    } else {
        const std::optional<DatabaseFiles::FileIdentity> wal = DatabaseFiles::identityOf(walPath());
        if (!m_walIdentity)
            m_walIdentity = wal; // no -wal yet when opened: the first one seen is this connection's
        else if (!wal)
            problem = QStringLiteral("lost its -wal file (it was deleted)");
        else if (!wal->isSameFile(*m_walIdentity))
            problem = QStringLiteral("had its -wal file replaced");
    }
    if (problem.isEmpty())
        return {};
    // No path: the message also goes to clients of the endpoint.
    m_fileLost = QStringLiteral("The Footfall database file %1 while Footfall had it open, so nothing "
                                "more can be written to it safely: Footfall accepts no more writes to it. "
                                "Everything acknowledged before was copied into the file Footfall had "
                                "open, which is no longer at that path (a moved file keeps it; a replaced "
                                "or deleted one loses it when the last program closes it). Find that file "
                                "before closing Footfall, then open a database again.")
                     .arg(problem);
    // What this connection committed is in its WAL, which SQLite still has open: move it into the
    // database file SQLite has open, and leave no frames for the file now at the path. Inside a
    // transaction that waits for its rollback (rescueLostFile()).
    m_rescuePending = true;
    if (sqlite3_get_autocommit(handle) != 0)
        rescueLostFile();
    emit fileLost(m_fileLost);
    return m_fileLost;
}

void Database::rescueLostFile()
{
    if (m_rescuePending && checkpointAndTruncateWal())
        m_rescuePending = false;
}

void Database::requireFileNotLost() const
{
    if (!m_fileLost.isEmpty())
        throw DatabaseFileLostError(m_fileLost);
}

void Database::requireFileInPlace()
{
    const QString message = fileLostMessage();
    if (!message.isEmpty())
        throw DatabaseFileLostError(message);
}

void Database::trimWal()
{
    const std::optional<DatabaseFiles::FileIdentity> wal = DatabaseFiles::identityOf(walPath());
    if (wal && wal->size > kWalSizeLimitBytes)
        checkpointAndTruncateWal();
}

bool Database::checkpointAndTruncateWal()
{
    QSqlQuery checkpoint(connection());
    if (!checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) || !checkpoint.next())
        return false;
    // busy, frames in the WAL, frames checkpointed
    return checkpoint.value(0).toInt() == 0;
}

} // namespace footfall
