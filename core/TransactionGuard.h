#pragma once

#include <QtGlobal>

namespace footfall {

class Database;

// RAII write transaction (BEGIN IMMEDIATE): rolled back unless commit() was called, so an
// exception anywhere inside leaves the database as it was.
class TransactionGuard
{
public:
    explicit TransactionGuard(Database& database);
    ~TransactionGuard();
    Q_DISABLE_COPY_MOVE(TransactionGuard)

    void commit();
    // Ends the transaction now, discarding its changes.
    void rollback();

private:
    Database& m_database;
    bool m_open = false;
};

} // namespace footfall
