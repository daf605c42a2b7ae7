#include "Lifecycle.h"

#include "Database.h"
#include "ServiceConfig.h"

namespace footfall {

Lifecycle Lifecycle::at(qint64 createdMs, qint64 deleteRequestedMs, qint64 nowMs, qint64 provisioningMs)
{
    if (deleteRequestedMs > 0)
        return {deletePendingStatus(), deleteRequestedMs};
    const qint64 age = nowMs - createdMs;
    if (age >= provisioningMs)
        return {activeStatus(), createdMs + provisioningMs};
    if (age >= provisioningMs / 2)
        return {QStringLiteral("CREATE IN_PROGRESS"), createdMs + provisioningMs / 2};
    return {QStringLiteral("CREATE PENDING"), createdMs};
}

Lifecycle Lifecycle::at(qint64 createdMs, qint64 deleteRequestedMs, const ServiceConfig& config)
{
    return at(createdMs, deleteRequestedMs, config.nowMs(), config.provisioningMs);
}

QString Lifecycle::activeStatus()
{
    return QStringLiteral("ACTIVE");
}

QString Lifecycle::deletePendingStatus()
{
    return QStringLiteral("DELETE PENDING");
}

bool Lifecycle::isFinal(const QString& status)
{
    return status == activeStatus() || status.endsWith(QLatin1String("FAILED"));
}

QString Lifecycle::visibleCondition(const QString& alias)
{
    return QStringLiteral("(%1.delete_requested_ms IS NULL OR %1.delete_requested_ms > ?)").arg(alias);
}

qint64 Lifecycle::visibleCutoff(const ServiceConfig& config)
{
    return config.nowMs() - config.provisioningMs;
}

void Lifecycle::purgeExpired(Database& database, const char* table, const ServiceConfig& config)
{
    QSqlQuery query = database.prepare(
        QStringLiteral(
            "DELETE FROM %1 WHERE delete_requested_ms IS NOT NULL AND delete_requested_ms + ? <= ?")
            .arg(QLatin1String(table)));
    query.addBindValue(config.provisioningMs);
    query.addBindValue(config.nowMs());
    Database::execute(query);
}

void Lifecycle::requestDelete(Database& database, const char* table, qint64 id, const ServiceConfig& config)
{
    QSqlQuery query = database.prepare(
        QStringLiteral("UPDATE %1 SET delete_requested_ms = ? WHERE id = ?").arg(QLatin1String(table)));
    query.addBindValue(config.nowMs());
    query.addBindValue(id);
    Database::execute(query);
}

} // namespace footfall
