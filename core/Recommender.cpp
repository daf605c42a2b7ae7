#include "Recommender.h"

#include "JsonTime.h"

namespace footfall {

QJsonObject Recommender::toJson() const
{
    return toSummaryJson();
}

QJsonObject Recommender::toSummaryJson() const
{
    QJsonObject object{{QStringLiteral("name"), name},
                       {QStringLiteral("recommenderArn"), arn},
                       {QStringLiteral("datasetGroupArn"), datasetGroupArn},
                       {QStringLiteral("recipeArn"), recipeArn},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("creationDateTime"), JsonTime::fromMs(createdMs)},
                       {QStringLiteral("lastUpdatedDateTime"), JsonTime::fromMs(lastUpdatedMs)}};
    if (!failureReason.isEmpty())
        object.insert(QStringLiteral("failureReason"), failureReason);
    return object;
}

} // namespace footfall
