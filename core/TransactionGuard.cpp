#include "TransactionGuard.h"

#include "Database.h"
#include "ServiceError.h"
#include "SqliteStatement.h"

#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

namespace footfall {

namespace {

// Savepoints run once per request in an endpoint group: straight on the handle, without the
// QSqlQuery (and its result cache) that each statement would otherwise build and tear down.
void execSavepointStatement(Database& database, const QString& sql, const char* failure)
{
    sqlite3* handle = SqliteStatement::handleOf(database.connection());
    if (sqlite3_exec(handle, sql.toUtf8().constData(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        throw StorageError(
            QStringLiteral("%1: %2").arg(QLatin1String(failure), QString::fromUtf8(sqlite3_errmsg(handle))),
            StorageError::kindOf(sqlite3_extended_errcode(handle)));
    }
}

} // namespace

TransactionGuard::TransactionGuard(Database& database)
    : m_database(database)
{
    m_database.requireFileNotLost();
    const int depth = m_database.transactionDepth();
    if (depth > 0) {
        // A SAVEPOINT outside a transaction would begin one of its own, which its RELEASE commits:
        // after SQLite rolled the outer one back by itself, nothing more may be written in its name.
        if (!m_database.inTransaction())
            throw StorageError(QStringLiteral("The transaction this one belongs to was rolled back"));
        m_savepoint = QStringLiteral("request_%1").arg(depth);
        execSavepointStatement(m_database, QStringLiteral("SAVEPOINT ") + m_savepoint,
                               "Cannot start a transaction");
    } else {
        QSqlQuery begin(m_database.connection());
        if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
            throw StorageError(QStringLiteral("Cannot start a transaction: %1").arg(begin.lastError().text()),
                               StorageError::kindOf(begin.lastError()));
    }
    m_open = true;
    m_database.setTransactionDepth(depth + 1);
}

TransactionGuard::~TransactionGuard()
{
    rollback();
}

void TransactionGuard::end()
{
    m_open = false;
    m_database.setTransactionDepth(m_database.transactionDepth() - 1);
}

void TransactionGuard::rollback()
{
    if (!m_open)
        return;
    if (m_savepoint.isEmpty()) {
        QSqlQuery query(m_database.connection());
        query.exec(QStringLiteral("ROLLBACK"));
    } else {
        // ROLLBACK TO keeps the savepoint open; RELEASE then ends it, leaving the outer transaction.
        // A failure leaves nothing to do here: SQLite has then rolled the outer transaction back.
        sqlite3* handle = SqliteStatement::handleOf(m_database.connection());
        sqlite3_exec(handle, (QStringLiteral("ROLLBACK TO ") + m_savepoint).toUtf8().constData(), nullptr,
                     nullptr, nullptr);
        sqlite3_exec(handle, (QStringLiteral("RELEASE ") + m_savepoint).toUtf8().constData(), nullptr,
                     nullptr, nullptr);
    }
    end();
}

void TransactionGuard::commit()
{
    if (!m_savepoint.isEmpty()) {
        execSavepointStatement(m_database, QStringLiteral("RELEASE ") + m_savepoint, "Cannot commit");
        end();
        return;
    }
    // A file found moved or replaced now rolls the transaction back: nothing is stored where a
    // client was told it was refused.
    try {
        m_database.requireFileInPlace();
    } catch (const StorageError&) {
        rollback();
        m_database.rescueLostFile();
        throw;
    }
    QSqlQuery commitQuery(m_database.connection());
    if (!commitQuery.exec(QStringLiteral("COMMIT")))
        throw StorageError(QStringLiteral("Cannot commit: %1").arg(commitQuery.lastError().text()),
                           StorageError::kindOf(commitQuery.lastError()));
    end();
    // Checked again: the commit is acknowledged only if it is in the file at the database's path.
    m_database.requireFileInPlace();
    m_database.notifyCommitted();
}

} // namespace footfall
