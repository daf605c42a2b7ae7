#pragma once

#include <QPair>
#include <QSqlDatabase>
#include <QStringList>

namespace footfall {

// Bulk loading: drops some indexes inside the caller's transaction and creates them again, from
// the SQL SQLite stored for them, before the transaction commits. Building an index once over
// sorted keys costs a fraction of inserting a million keys one by one into it. A rollback brings
// the indexes back with everything else, so a cancelled or failed load changes nothing.
class DeferredIndexes
{
public:
    DeferredIndexes(const QSqlDatabase& connection, const QStringList& indexNames);
    Q_DISABLE_COPY_MOVE(DeferredIndexes)

    // Drops the indexes (those that exist); throws StorageError.
    void drop();
    // Creates the dropped indexes again; throws StorageError.
    void restore();
    bool isDropped() const { return !m_dropped.isEmpty(); }

private:
    QSqlDatabase m_connection;
    QStringList m_names;
    QList<QPair<QString, QString>> m_dropped; // name, CREATE INDEX statement
};

} // namespace footfall
