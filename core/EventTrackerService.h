#pragma once

#include "EventTracker.h"

#include <QJsonArray>
#include <QList>
#include <QSqlQuery>

#include <optional>

namespace footfall {

class Database;
class DatasetGroupService;
struct ServiceConfig;

class EventTrackerService
{
public:
    EventTrackerService(Database& database, const ServiceConfig& config, DatasetGroupService& groups);
    Q_DISABLE_COPY_MOVE(EventTrackerService)

    // One tracker per dataset group: a second gets ResourceAlreadyExistsException naming the first.
    EventTracker create(const QString& name, const QString& datasetGroupArn, const QJsonArray& tags = {});
    // Every check create() makes, without creating anything; throws ServiceError.
    void validate(const QString& name, const QString& datasetGroupArn, const QJsonArray& tags = {});
    EventTracker describe(const QString& arn);
    QList<EventTracker> list(const QString& datasetGroupArn = {});
    // DELETE PENDING, then gone; the interactions it recorded stay in the dataset.
    void remove(const QString& arn);

    std::optional<EventTracker> findByArn(const QString& arn);
    std::optional<EventTracker> findByTrackingId(const QString& trackingId);
    std::optional<EventTracker> findForGroup(qint64 datasetGroupId);

    // The SELECT list readRow() reads (aliases t and g), for queries that join trackers.
    static const QString& columns();
    static EventTracker readRow(const QSqlQuery& query, int first, const ServiceConfig& config);

private:
    QList<EventTracker> select(const QString& where, const QVariantList& values);

    Database& m_database;
    const ServiceConfig& m_config;
    DatasetGroupService& m_groups;
};

} // namespace footfall
