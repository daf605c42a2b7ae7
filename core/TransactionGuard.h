#pragma once

#include <QString>
#include <QtGlobal>

namespace footfall {

class Database;

// RAII write transaction (BEGIN IMMEDIATE): rolled back unless commit() was called, so an
// exception anywhere inside leaves the database as it was. Opened while another guard is open on the
// same connection, it is a savepoint inside that transaction: its commit() releases the savepoint,
// its rollback() undoes only what was done since it began, and nothing is durable until the
// outermost guard commits (the endpoint's writer commits many requests so, one savepoint each).
class TransactionGuard
{
public:
    explicit TransactionGuard(Database& database);
    ~TransactionGuard();
    Q_DISABLE_COPY_MOVE(TransactionGuard)

    void commit();
    // Ends the transaction (or savepoint) now, discarding its changes.
    void rollback();

private:
    void end();

    Database& m_database;
    QString m_savepoint; // empty for the outermost guard
    bool m_open = false;
};

} // namespace footfall
