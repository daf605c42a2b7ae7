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
    QSqlQuery begin(m_database.connection());
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        throw StorageError(QStringLiteral("Cannot start a transaction: %1").arg(begin.lastError().text()),
                           StorageError::kindOf(begin.lastError()));
    m_open = true;
}

TransactionGuard::~TransactionGuard()
{
    if (m_open)
        QSqlQuery(m_database.connection()).exec(QStringLiteral("ROLLBACK"));
}

void TransactionGuard::rollback()
{
    if (m_open)
        QSqlQuery(m_database.connection()).exec(QStringLiteral("ROLLBACK"));
    m_open = false;
}

void TransactionGuard::commit()
{
    // A file found moved or replaced now rolls the transaction back (the destructor does): nothing
    // is stored where a client was told it was refused.
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
    m_open = false;
    // Checked again: the commit is acknowledged only if it is in the file at the database's path.
    m_database.requireFileInPlace();
    m_database.notifyCommitted();
}

} // namespace footfall
