#include "Migrations.h"

#include "ServiceError.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace footfall {

namespace {

// Each entry is one version's DDL. Never edit a released step: add a new one.
const QList<QStringList>& steps()
{
    static const QList<QStringList> all = {
        // 1: resources of the control plane.
        {
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE dataset_group ("
                           " id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL UNIQUE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " domain TEXT,"
                           " role_arn TEXT,"
                           " kms_key_arn TEXT,"
                           " tags TEXT,"
                           " created_ms INTEGER NOT NULL,"
                           " delete_requested_ms INTEGER)"),
            QStringLiteral("CREATE TABLE schema_def ("
                           " id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL UNIQUE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " domain TEXT,"
                           " definition TEXT NOT NULL,"
                           " created_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE dataset ("
                           " id INTEGER PRIMARY KEY,"
                           " dataset_group_id INTEGER NOT NULL REFERENCES dataset_group(id),"
                           " schema_id INTEGER NOT NULL REFERENCES schema_def(id),"
                           " name TEXT NOT NULL UNIQUE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " dataset_type TEXT NOT NULL,"
                           " tags TEXT,"
                           " created_ms INTEGER NOT NULL,"
                           " delete_requested_ms INTEGER,"
                           " UNIQUE (dataset_group_id, dataset_type))"),
            QStringLiteral("CREATE TABLE event_tracker ("
                           " id INTEGER PRIMARY KEY,"
                           " dataset_group_id INTEGER NOT NULL UNIQUE REFERENCES dataset_group(id),"
                           " name TEXT NOT NULL UNIQUE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " tracking_id TEXT NOT NULL UNIQUE,"
                           " tags TEXT,"
                           " created_ms INTEGER NOT NULL,"
                           " delete_requested_ms INTEGER)"),
        },
    };
    return all;
}

void run(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        throw StorageError(QStringLiteral("Migration failed: %1 (%2)").arg(query.lastError().text(), sql));
}

} // namespace

int Migrations::latestVersion()
{
    return int(steps().size());
}

void Migrations::upgrade(QSqlDatabase& db, int fromVersion, int toVersion)
{
    for (int version = fromVersion + 1; version <= toVersion; ++version) {
        run(db, QStringLiteral("BEGIN IMMEDIATE"));
        try {
            for (const QString& statement : steps().at(version - 1))
                run(db, statement);
            run(db, QStringLiteral("PRAGMA user_version = %1").arg(version));
            run(db, QStringLiteral("COMMIT"));
        } catch (...) {
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            throw;
        }
    }
}

} // namespace footfall
