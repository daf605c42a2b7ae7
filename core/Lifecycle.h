#pragma once

#include <QString>

namespace footfall {

class Database;
struct ServiceConfig;

// The status AWS resources move through, derived from when they were created or deleted:
// CREATE PENDING and CREATE IN_PROGRESS for half the provisioning time each, then ACTIVE;
// after a delete, DELETE PENDING until the provisioning time has passed, then gone.
struct Lifecycle
{
    QString status;
    qint64 lastUpdatedMs = 0;

    static Lifecycle at(qint64 createdMs, qint64 deleteRequestedMs, qint64 nowMs, qint64 provisioningMs);
    static Lifecycle at(qint64 createdMs, qint64 deleteRequestedMs, const ServiceConfig& config);

    bool isActive() const { return status == activeStatus(); }
    bool isDeleting() const { return status == deletePendingStatus(); }

    static QString activeStatus();
    static QString deletePendingStatus();
    // ACTIVE, or a failure (CREATE FAILED): a status that no longer changes by itself. Any other
    // (CREATE PENDING, CREATE IN_PROGRESS, DELETE PENDING) moves on with time or training.
    static bool isFinal(const QString& status);

    // SQL that keeps rows of `alias` whose deletion has not run its course, with the one value to bind.
    static QString visibleCondition(const QString& alias);
    static qint64 visibleCutoff(const ServiceConfig& config);
    // Removes rows of `table` whose DELETE PENDING time is over; call inside a write transaction. `table` is
    // one of Footfall's own table names, never user input.
    static void purgeExpired(Database& database, const char* table, const ServiceConfig& config);
    // Marks row `id` of `table` DELETE PENDING from now; inside a write transaction, like purgeExpired.
    static void requestDelete(Database& database, const char* table, qint64 id, const ServiceConfig& config);
};

} // namespace footfall
