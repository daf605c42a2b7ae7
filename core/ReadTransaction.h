#pragma once

#include <QtGlobal>

namespace footfall {

class Database;

// RAII read transaction: the queries made while it lives read one snapshot of the file, and no
// write lock is taken, so other connections go on writing. Inside a transaction the caller has
// already opened it does nothing (that one is the snapshot).
class ReadTransaction
{
public:
    // Throws StorageError when the transaction cannot be started.
    explicit ReadTransaction(Database& database);
    ~ReadTransaction();
    Q_DISABLE_COPY_MOVE(ReadTransaction)

private:
    Database& m_database;
    bool m_own = false;
};

} // namespace footfall
