#include "ReadTransaction.h"

#include "Database.h"
#include "ServiceError.h"
#include "SqliteStatement.h"

#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

namespace footfall {

ReadTransaction::ReadTransaction(Database& database)
    : m_database(database)
{
    if (sqlite3_get_autocommit(SqliteStatement::handleOf(database.connection())) == 0)
        return; // inside the caller's transaction
    QSqlQuery begin(m_database.connection());
    if (!begin.exec(QStringLiteral("BEGIN DEFERRED")))
        throw StorageError(QStringLiteral("Cannot start reading: %1").arg(begin.lastError().text()));
    m_own = true;
}

ReadTransaction::~ReadTransaction()
{
    // Nothing was written: ending it only lets the snapshot go.
    if (m_own)
        QSqlQuery(m_database.connection()).exec(QStringLiteral("COMMIT"));
}

} // namespace footfall
