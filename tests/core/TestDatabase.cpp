#include "Database.h"
#include "DatabaseOpenError.h"
#include "Migrations.h"
#include "ServiceError.h"
#include "SqliteStatement.h"
#include "TransactionGuard.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace footfall;
using Reason = DatabaseOpenError::Reason;

namespace {

QByteArray fingerprint(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// Runs SQL on a plain connection of its own, outside Footfall.
void rawSql(const QString& path, const QStringList& statements)
{
    const QString name = QStringLiteral("raw-%1").arg(quintptr(&path));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        for (const QString& statement : statements) {
            QSqlQuery query(db);
            QVERIFY2(query.exec(statement), qPrintable(statement));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private slots:
    void createsFreshDatabase();
    void reopensExistingDatabase();
    void upgradesOlderVersion();
    void refusesUntouched_data();
    void refusesUntouched();
    void refusesLockedFile();
    void refusesReadOnlyFile();
    void refusesReadOnlyFileSystem();
    void refusesFolder();
    void createsPrivateFiles();
    void boundsTheWal();
    void transactionGuardRollsBackOnException();
    void nestedGuardsAreSavepoints();
    void durabilityIsFullUnlessRelaxed();
    void sqliteStatementBindsAndReads();
    void sqliteStatementRefusals_data();
    void sqliteStatementRefusals();

private:
    QTemporaryDir m_dir;
};

void TestDatabase::createsFreshDatabase()
{
    const QString path = m_dir.filePath(QStringLiteral("nested/folder/fresh.db"));
    const auto database = Database::open(path);
    QCOMPARE(database->schemaVersion(), Migrations::latestVersion());
    QSqlQuery query(database->connection());
    QVERIFY(query.exec(QStringLiteral("PRAGMA application_id")) && query.next());
    QCOMPARE(query.value(0).toInt(), Database::kApplicationId);
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_keys")) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void TestDatabase::reopensExistingDatabase()
{
    const QString path = m_dir.filePath(QStringLiteral("reopen.db"));
    {
        const auto database = Database::open(path);
        database->setMetaValue(QStringLiteral("marker"), QStringLiteral("kept"));
    }
    const auto database = Database::open(path);
    QCOMPARE(database->metaValue(QStringLiteral("marker")), QStringLiteral("kept"));
}

void TestDatabase::upgradesOlderVersion()
{
    const QString path = m_dir.filePath(QStringLiteral("older.db"));
    for (int older = 0; older < Migrations::latestVersion(); ++older) {
        QFile::remove(path);
        {
            DatabaseOptions options;
            options.targetVersion = older;
            const auto database = Database::open(path, options);
            QCOMPARE(database->schemaVersion(), older);
        }
        const auto database = Database::open(path);
        QCOMPARE(database->schemaVersion(), Migrations::latestVersion());
        QSqlQuery query(database->connection());
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM event_tracker")));
    }
}

void TestDatabase::refusesUntouched_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<int>("reason");
    QTest::addColumn<QString>("messagePart");

    const QString newer = m_dir.filePath(QStringLiteral("newer.db"));
    {
        const auto database = Database::open(newer);
    }
    rawSql(newer, {QStringLiteral("PRAGMA user_version = %1").arg(Migrations::latestVersion() + 1)});
    QTest::newRow("newer version") << newer << int(Reason::NewerVersion)
                                   << QStringLiteral(
                                          "was written by a newer version of Footfall (database version %1; "
                                          "this Footfall reads up to version %2)")
                                          .arg(Migrations::latestVersion() + 1)
                                          .arg(Migrations::latestVersion());

    const QString foreign = m_dir.filePath(QStringLiteral("foreign.db"));
    rawSql(foreign, {QStringLiteral("CREATE TABLE invoices (id INTEGER)"),
                     QStringLiteral("CREATE TABLE clients (id)")});
    QTest::newRow("another program's SQLite")
        << foreign << int(Reason::ForeignDatabase)
        << QStringLiteral("is an SQLite database of another program (tables: "
                          "clients, invoices), not a Footfall database");

    const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile textFile(text);
    QVERIFY(textFile.open(QIODevice::WriteOnly));
    textFile.write("these are not the rows you are looking for\n");
    textFile.close();
    QTest::newRow("text file") << text << int(Reason::NotSqlite)
                               << QStringLiteral("is not a Footfall database: it is not an SQLite file");

    const QString corrupt = m_dir.filePath(QStringLiteral("corrupt.db"));
    {
        const auto database = Database::open(corrupt);
        TransactionGuard transaction(*database);
        for (int i = 0; i < 400; ++i)
            database->setMetaValue(QStringLiteral("key%1").arg(i), QString(200, QLatin1Char('x')));
        transaction.commit();
        QSqlQuery(database->connection()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    QFile corruptFile(corrupt);
    QVERIFY(corruptFile.open(QIODevice::ReadWrite));
    QVERIFY(corruptFile.size() > 8192);
    for (qint64 page = 1; page * 4096 < corruptFile.size(); ++page) {
        corruptFile.seek(page * 4096);
        corruptFile.write(QByteArray(16, '\xA5')); // an invalid b-tree page header
    }
    corruptFile.close();
    QTest::newRow("damaged pages") << corrupt << int(Reason::Corrupt) << QStringLiteral("is damaged");

    const QString truncated = m_dir.filePath(QStringLiteral("truncated.db"));
    {
        const auto database = Database::open(truncated);
        TransactionGuard transaction(*database);
        for (int i = 0; i < 400; ++i)
            database->setMetaValue(QStringLiteral("key%1").arg(i), QString(200, QLatin1Char('y')));
        transaction.commit();
    }
    QVERIFY(QFile::resize(truncated, 3 * 4096));
    QTest::newRow("truncated") << truncated << int(Reason::Corrupt) << QStringLiteral("is damaged");
}

void TestDatabase::refusesUntouched()
{
    QFETCH(QString, fileName);
    QFETCH(int, reason);
    QFETCH(QString, messagePart);
    const QByteArray before = fingerprint(fileName);
    const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files);
    try {
        Database::open(fileName);
        QFAIL("opened a file it should refuse");
    } catch (const DatabaseOpenError& error) {
        QCOMPARE(int(error.reason()), reason);
        QVERIFY2(error.message().contains(messagePart), qPrintable(error.message()));
        QVERIFY2(error.message().contains(QDir::toNativeSeparators(fileName)), qPrintable(error.message()));
    }
    QCOMPARE(fingerprint(fileName), before);
    // Not even SQLite's -wal or -shm appears beside a refused file.
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), filesBefore);
}

void TestDatabase::refusesLockedFile()
{
    const QString path = m_dir.filePath(QStringLiteral("locked.db"));
    {
        const auto database = Database::open(path);
    }
    const QString name = QStringLiteral("locker");
    {
        QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        locker.setDatabaseName(path);
        QVERIFY(locker.open());
        QSqlQuery lock(locker);
        QVERIFY(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        DatabaseOptions options;
        options.lockTimeoutMs = 200;
        try {
            Database::open(path, options);
            QFAIL("opened a locked file");
        } catch (const DatabaseOpenError& error) {
            QCOMPARE(error.reason(), Reason::Locked);
            QVERIFY2(error.message().contains(QStringLiteral("is locked by another program")),
                     qPrintable(error.message()));
        }
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        locker.close();
    }
    QSqlDatabase::removeDatabase(name);
    const auto database = Database::open(path); // usable again once the lock is gone
    QCOMPARE(database->schemaVersion(), Migrations::latestVersion());
}

void TestDatabase::refusesReadOnlyFile()
{
    const QString path = m_dir.filePath(QStringLiteral("ro.db"));
    {
        const auto database = Database::open(path);
    }
    // The mode bits count even for root, whom the kernel lets write to the file anyway.
    QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadUser | QFile::ReadGroup | QFile::ReadOther);
    const QByteArray before = fingerprint(path);
    const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files);
    try {
        Database::open(path);
        QFAIL("opened a read-only file");
    } catch (const DatabaseOpenError& error) {
        QCOMPARE(error.reason(), Reason::ReadOnly);
        QVERIFY2(error.message().contains(QStringLiteral("is read-only")), qPrintable(error.message()));
    }
    QCOMPARE(fingerprint(path), before);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), filesBefore);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

// A file on a file system mounted read-only is said to be so, not to be damaged (needs root to
// mount one).
void TestDatabase::refusesReadOnlyFileSystem()
{
    if (::geteuid() != 0)
        QSKIP("mounting a read-only file system needs root");
    const QString mountPoint = m_dir.filePath(QStringLiteral("ro-mount"));
    QVERIFY(QDir().mkpath(mountPoint));
    if (QProcess::execute(QStringLiteral("mount"),
                          {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                           QStringLiteral("size=4m"), QStringLiteral("tmpfs"), mountPoint}) != 0)
        QSKIP("this machine does not let root mount a tmpfs");
    const auto unmount = qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), {mountPoint}); });
    const QString path = mountPoint + QStringLiteral("/on-ro.db");
    {
        const auto database = Database::open(path);
    }
    QCOMPARE(QProcess::execute(QStringLiteral("mount"),
                               {QStringLiteral("-o"), QStringLiteral("remount,ro"), mountPoint}),
             0);
    try {
        Database::open(path);
        QFAIL("opened a file on a read-only file system");
    } catch (const DatabaseOpenError& error) {
        QCOMPARE(error.reason(), Reason::ReadOnly);
        QVERIFY2(error.message().contains(QStringLiteral("is on a read-only file system")),
                 qPrintable(error.message()));
        QVERIFY2(!error.message().contains(QStringLiteral("damaged")), qPrintable(error.message()));
    }
}

void TestDatabase::refusesFolder()
{
    try {
        Database::open(m_dir.path());
        QFAIL("opened a folder");
    } catch (const DatabaseOpenError& error) {
        QCOMPARE(error.reason(), Reason::CannotCreate);
        QVERIFY(error.message().contains(QStringLiteral("is a folder")));
    }
}

// The database and SQLite's files beside it hold user IDs and request bodies: owner only, whatever
// the umask.
void TestDatabase::createsPrivateFiles()
{
    const mode_t previous = ::umask(022);
    const QString path = m_dir.filePath(QStringLiteral("private.db"));
    const auto database = Database::open(path);
    database->setMetaValue(QStringLiteral("k"), QStringLiteral("v"));
    ::umask(previous);
    for (const QString& file :
         QStringList{path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        struct stat info
        {};
        QVERIFY2(::stat(QFile::encodeName(file).constData(), &info) == 0, qPrintable(file));
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
    }
}

void TestDatabase::boundsTheWal()
{
    const auto database = Database::open(m_dir.filePath(QStringLiteral("bounded.db")));
    QSqlQuery query(database->connection());
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_size_limit")) && query.next());
    QCOMPARE(query.value(0).toLongLong(), kWalSizeLimitBytes);
}

void TestDatabase::transactionGuardRollsBackOnException()
{
    const auto database = Database::open(m_dir.filePath(QStringLiteral("guard.db")));
    try {
        TransactionGuard transaction(*database);
        database->setMetaValue(QStringLiteral("half"), QStringLiteral("written"));
        throw StorageError(QStringLiteral("simulated failure"));
    } catch (const StorageError&) {
    }
    QCOMPARE(database->metaValue(QStringLiteral("half"), QStringLiteral("absent")), QStringLiteral("absent"));
}

// A guard opened inside another is a savepoint: undoing it keeps what the outer one did, and
// nothing of either is stored unless the outer one commits.
void TestDatabase::nestedGuardsAreSavepoints()
{
    const auto database = Database::open(m_dir.filePath(QStringLiteral("nested.db")));
    const auto reader = Database::openReader(database->path());
    {
        TransactionGuard group(*database);
        database->setMetaValue(QStringLiteral("outer"), QStringLiteral("kept"));
        try {
            TransactionGuard request(*database);
            QCOMPARE(database->transactionDepth(), 2);
            database->setMetaValue(QStringLiteral("refused"), QStringLiteral("undone"));
            throw StorageError(QStringLiteral("simulated failure"));
        } catch (const StorageError&) {
        }
        {
            TransactionGuard request(*database);
            database->setMetaValue(QStringLiteral("accepted"), QStringLiteral("released"));
            request.commit();
        }
        QCOMPARE(database->transactionDepth(), 1);
        QCOMPARE(reader->metaValue(QStringLiteral("accepted"), QStringLiteral("absent")),
                 QStringLiteral("absent"));
        group.commit();
    }
    QCOMPARE(database->transactionDepth(), 0);
    QCOMPARE(reader->metaValue(QStringLiteral("outer")), QStringLiteral("kept"));
    QCOMPARE(reader->metaValue(QStringLiteral("accepted")), QStringLiteral("released"));
    QCOMPARE(reader->metaValue(QStringLiteral("refused"), QStringLiteral("absent")),
             QStringLiteral("absent"));

    // An outer rollback takes the released savepoints with it.
    {
        TransactionGuard group(*database);
        TransactionGuard request(*database);
        database->setMetaValue(QStringLiteral("group"), QStringLiteral("rolled back"));
        request.commit();
    }
    QCOMPARE(database->metaValue(QStringLiteral("group"), QStringLiteral("absent")),
             QStringLiteral("absent"));

    // When SQLite has rolled the outer transaction back by itself (as it may on a full disk), a
    // savepoint would begin a transaction of its own and its release would commit it: refused.
    {
        TransactionGuard group(*database);
        QVERIFY(QSqlQuery(database->connection()).exec(QStringLiteral("ROLLBACK"))); // what SQLite did
        QVERIFY(!database->inTransaction());
        QVERIFY_THROWS_EXCEPTION(StorageError, TransactionGuard request{*database});
        QVERIFY(!database->inTransaction());
    }
    QCOMPARE(database->transactionDepth(), 0);
}

void TestDatabase::durabilityIsFullUnlessRelaxed()
{
    const auto synchronous = [](Database& database) {
        QSqlQuery query(database.connection());
        return query.exec(QStringLiteral("PRAGMA synchronous")) && query.next() ? query.value(0).toInt() : -1;
    };
    QCOMPARE(synchronous(*Database::open(m_dir.filePath(QStringLiteral("full.db")))), 2); // FULL
    DatabaseOptions relaxed;
    relaxed.durability = DatabaseOptions::Durability::Normal;
    QCOMPARE(synchronous(*Database::open(m_dir.filePath(QStringLiteral("normal.db")), relaxed)), 1);
}

void TestDatabase::sqliteStatementBindsAndReads()
{
    const auto database = Database::open(m_dir.filePath(QStringLiteral("statement.db")));
    QSqlQuery create(database->connection());
    QVERIFY(create.exec(QStringLiteral("CREATE TEMP TABLE t (n INTEGER, s TEXT, r REAL, e TEXT)")));
    SqliteStatement insert(database->connection(), QStringLiteral("INSERT INTO t VALUES (?, ?, ?, ?)"));
    QCOMPARE(insert.add(qint64(1) << 40).add(u"caf\u00e9 \u4e2d").add(2.5).add(QString()).run(), 1);
    QCOMPARE(insert.lastInsertId(), 1);
    // addNullable: an empty text is NULL; add: it is ''.
    QCOMPARE(insert.add(2).addNullable(QString()).addNull().add(u"").run(), 1);
    QCOMPARE(insert.run(), 1); // no values added: the last ones again
    // A lone surrogate (JSON can carry one) is stored byte for byte as QSqlQuery stores it.
    const QString lone = QStringLiteral("u-") + QChar(0xD800);
    QCOMPARE(insert.add(3).add(lone).addNull().add(u"").run(), 1);
    QSqlQuery viaQt(database->connection());
    QVERIFY(viaQt.prepare(QStringLiteral("INSERT INTO t VALUES (4, ?, NULL, '')")));
    viaQt.addBindValue(lone);
    QVERIFY(viaQt.exec());
    QVERIFY(viaQt.exec(QStringLiteral("SELECT count(DISTINCT hex(s)) FROM t WHERE n IN (3, 4)")) &&
            viaQt.next());
    QCOMPARE(viaQt.value(0).toInt(), 1);
    QVERIFY(create.exec(QStringLiteral("DELETE FROM t WHERE n IN (3, 4)")));

    SqliteStatement select(database->connection(),
                           QStringLiteral("SELECT n, s, r, e FROM t WHERE n = ? ORDER BY rowid"));
    select.add(qint64(1) << 40);
    QVERIFY(select.next());
    QCOMPARE(select.int64At(0), qint64(1) << 40);
    QCOMPARE(select.textAt(1), QStringLiteral("caf\u00e9 \u4e2d"));
    QVERIFY(!select.isNullAt(3));
    QCOMPARE(select.textAt(3), QString());
    QVERIFY(!select.next());
    select.add(2);
    QVERIFY(select.next());
    QVERIFY(select.isNullAt(1));
    QVERIFY(select.isNullAt(2));
    QVERIFY(!select.isNullAt(3));
    // A new value while the query is half read starts it again.
    select.add(qint64(1) << 40);
    QVERIFY(select.next());
    QCOMPARE(select.int64At(0), qint64(1) << 40);
    QVERIFY(!select.next());

    QSqlQuery count(database->connection());
    QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM t WHERE s IS NULL AND r IS NULL AND e = ''")));
    QVERIFY(count.next());
    QCOMPARE(count.value(0).toInt(), 2);
}

void TestDatabase::sqliteStatementRefusals_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("values");
    QTest::addColumn<QString>("expected");
    QTest::newRow("syntax") << QStringLiteral("INSERT INTO u VALUE (?)") << 0
                            << QStringLiteral("SQLite could not prepare \"INSERT INTO u VALUE (?)\": near "
                                              "\"VALUE\": syntax error");
    QTest::newRow("too few values") << QStringLiteral("INSERT INTO u VALUES (?, ?)") << 1
                                    << QStringLiteral(
                                           "SQLite statement \"INSERT INTO u VALUES (?, ?)\" takes 2 "
                                           "values, 1 were given");
    QTest::newRow("too many values") << QStringLiteral("INSERT INTO u VALUES (?, ?)") << 3
                                     << QStringLiteral(
                                            "SQLite could not bind a value for \"INSERT INTO u VALUES "
                                            "(?, ?)\": column index out of range");
    QTest::newRow("constraint") << QStringLiteral("INSERT INTO u VALUES (?, ?)") << 2
                                << QStringLiteral(
                                       "SQLite could not run \"INSERT INTO u VALUES (?, ?)\": UNIQUE "
                                       "constraint failed: u.k");
}

void TestDatabase::sqliteStatementRefusals()
{
    QFETCH(QString, sql);
    QFETCH(int, values);
    QFETCH(QString, expected);
    const auto database = Database::open(m_dir.filePath(QStringLiteral("refusals.db")));
    QSqlQuery setup(database->connection());
    QVERIFY(setup.exec(QStringLiteral("CREATE TEMP TABLE u (k INTEGER UNIQUE, v TEXT)")));
    QVERIFY(setup.exec(QStringLiteral("INSERT INTO u VALUES (7, 'stored')")));
    QString message;
    try {
        SqliteStatement statement(database->connection(), sql);
        for (int i = 0; i < values; ++i)
            statement.add(7);
        statement.run();
    } catch (const StorageError& error) {
        message = error.message();
    }
    QCOMPARE(message, expected);
    QVERIFY(setup.exec(QStringLiteral("SELECT count(*) FROM u")) && setup.next());
    QCOMPARE(setup.value(0).toInt(), 1); // nothing stored
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
