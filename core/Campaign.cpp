#include "Campaign.h"

#include "JsonTime.h"

namespace footfall {

QJsonObject Campaign::toJson() const
{
    QJsonObject object = toSummaryJson();
    object.insert(QStringLiteral("solutionVersionArn"), solutionVersionArn);
    object.insert(QStringLiteral("minProvisionedTPS"), minProvisionedTps);
    return object;
}

QJsonObject Campaign::toSummaryJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("campaignArn"), arn},
            {QStringLiteral("status"), status},
            {QStringLiteral("creationDateTime"), JsonTime::fromMs(createdMs)},
            {QStringLiteral("lastUpdatedDateTime"), JsonTime::fromMs(lastUpdatedMs)}};
}

} // namespace footfall
