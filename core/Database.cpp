#include "Database.h"

#include "DatabaseOpenError.h"
#include "Migrations.h"
#include "ServiceError.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QStandardPaths>
#include <QVariant>

namespace footfall {

namespace {

using Reason = DatabaseOpenError::Reason;

constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteCorrupt = 11;
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

bool hasSqliteHeader(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return file.read(16) == QByteArray("SQLite format 3\0", 16);
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
    if (code == kSqliteNotADatabase) {
        throw DatabaseOpenError(
            Reason::NotSqlite, path,
            QStringLiteral("%1 is not a Footfall database: SQLite cannot read it (%2). It was "
                           "left untouched.")
                .arg(displayPath(path), error.databaseText()));
    }
    throw DatabaseOpenError(
        Reason::Corrupt, path,
        QStringLiteral("%1 is damaged: SQLite reports \"%2\". It was left untouched; restore it "
                       "from a backup or open another file.")
            .arg(displayPath(path), error.databaseText()));
}

// Looks at an existing file through a read-only connection, so nothing is written to it.
Inspection inspectExisting(const QString& path, const DatabaseOptions& options)
{
    if (!hasSqliteHeader(path)) {
        throw DatabaseOpenError(
            Reason::NotSqlite, path,
            QStringLiteral("%1 is not a Footfall database: it is not an SQLite file. It was left "
                           "untouched.")
                .arg(displayPath(path)));
    }
    ScopedConnection inspect(
        path, QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1").arg(options.lockTimeoutMs));
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

void requireWritable(const QString& path)
{
    const QFileInfo file(path);
    const QFileInfo folder(file.absolutePath());
    if ((file.exists() && !file.isWritable()) || !folder.isWritable()) {
        throw DatabaseOpenError(
            Reason::ReadOnly, path,
            QStringLiteral("%1 is read-only: Footfall needs to write to the file and to its "
                           "folder (%2). It was left untouched.")
                .arg(displayPath(path), displayPath(folder.absoluteFilePath())));
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

    // Take the write lock once, so a file another program is writing to is reported now.
    exec(db, QStringLiteral("BEGIN IMMEDIATE"));
    exec(db, QStringLiteral("ROLLBACK"));
    exec(db, QStringLiteral("PRAGMA journal_mode = WAL"));
    exec(db, QStringLiteral("PRAGMA foreign_keys = ON"));
    exec(db, QStringLiteral("PRAGMA synchronous = NORMAL"));
    // 64 MiB of page cache: index updates of big imports stay in memory instead of re-reading pages.
    exec(db, QStringLiteral("PRAGMA cache_size = -65536"));
    // Checkpoint every 10000 pages (40 MiB) rather than SQLite's 1000: pages written again and again
    // (the indexes' hot pages) are copied back to the database file once per checkpoint.
    exec(db, QStringLiteral("PRAGMA wal_autocheckpoint = 10000"));
    if (inspection.fresh)
        exec(db, QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId));

    const int target = options.targetVersion >= 0 ? options.targetVersion : Migrations::latestVersion();
    try {
        Migrations::upgrade(db, inspection.version, target);
    } catch (const StorageError& error) {
        throw DatabaseOpenError(
            Reason::CannotCreate, path,
            QStringLiteral("Cannot upgrade %1: %2").arg(displayPath(path), error.message()));
    }
    return database;
}

std::unique_ptr<Database> Database::openReader(const QString& path)
{
    const QString name = nextConnectionName(QStringLiteral("reader"));
    std::unique_ptr<Database> database(new Database(path, name));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        throw DatabaseOpenError(
            Reason::CannotCreate, path,
            QStringLiteral("Cannot read %1: %2").arg(displayPath(path), db.lastError().text()));
    }
    return database;
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
        throw StorageError(QStringLiteral("Cannot prepare a statement: %1").arg(query.lastError().text()));
    return query;
}

void Database::execute(QSqlQuery& query)
{
    if (!query.exec())
        throw StorageError(
            QStringLiteral("The database refused a statement: %1").arg(query.lastError().text()));
}

bool Database::nextRow(QSqlQuery& query)
{
    if (query.next())
        return true;
    if (query.lastError().isValid())
        throw StorageError(QStringLiteral("Reading the database failed: %1").arg(query.lastError().text()));
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

} // namespace footfall
