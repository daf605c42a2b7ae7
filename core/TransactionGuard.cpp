#include "TransactionGuard.h"

#include "Database.h"
#include "ServiceError.h"

#include <QSqlError>
#include <QSqlQuery>

namespace footfall {

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
    }
    QSqlQuery begin(m_database.connection());
    if (!begin.exec(m_savepoint.isEmpty() ? QStringLiteral("BEGIN IMMEDIATE")
                                          : QStringLiteral("SAVEPOINT ") + m_savepoint))
        throw StorageError(QStringLiteral("Cannot start a transaction: %1").arg(begin.lastError().text()),
                           StorageError::kindOf(begin.lastError()));
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
    QSqlQuery query(m_database.connection());
    if (m_savepoint.isEmpty()) {
        query.exec(QStringLiteral("ROLLBACK"));
    } else {
        // ROLLBACK TO keeps the savepoint open; RELEASE then ends it, leaving the outer transaction.
        query.exec(QStringLiteral("ROLLBACK TO ") + m_savepoint);
        query.exec(QStringLiteral("RELEASE ") + m_savepoint);
    }
    end();
}

void TransactionGuard::commit()
{
    if (!m_savepoint.isEmpty()) {
        QSqlQuery release(m_database.connection());
        if (!release.exec(QStringLiteral("RELEASE ") + m_savepoint))
            throw StorageError(QStringLiteral("Cannot commit: %1").arg(release.lastError().text()),
                               StorageError::kindOf(release.lastError()));
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
