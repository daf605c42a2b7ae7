#include "EventTracker.h"

#include "JsonTime.h"

namespace footfall {

QJsonObject EventTracker::toJson() const
{
    QJsonObject object = toSummaryJson();
    object.insert(QStringLiteral("accountId"), accountId);
    object.insert(QStringLiteral("trackingId"), trackingId);
    object.insert(QStringLiteral("datasetGroupArn"), datasetGroupArn);
    return object;
}

QJsonObject EventTracker::toSummaryJson() const
{
    return {
        {QStringLiteral("name"), name},
        {QStringLiteral("eventTrackerArn"), arn},
        {QStringLiteral("status"), status},
        {QStringLiteral("creationDateTime"), JsonTime::fromMs(createdMs)},
        {QStringLiteral("lastUpdatedDateTime"), JsonTime::fromMs(lastUpdatedMs)},
    };
}

} // namespace footfall
