#include "SolutionVersion.h"

#include "JsonTime.h"

namespace footfall {

QJsonObject SolutionVersion::toJson() const
{
    QJsonObject object = toSummaryJson();
    object.insert(QStringLiteral("solutionArn"), solutionArn);
    object.insert(QStringLiteral("datasetGroupArn"), datasetGroupArn);
    object.insert(QStringLiteral("recipeArn"), recipeArn);
    object.insert(QStringLiteral("trainingMode"), trainingMode);
    object.insert(QStringLiteral("trainingHours"), double(trainingMs) / 3600000.0);
    return object;
}

QJsonObject SolutionVersion::toSummaryJson() const
{
    QJsonObject object{{QStringLiteral("solutionVersionArn"), arn},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("creationDateTime"), JsonTime::fromMs(createdMs)},
                       {QStringLiteral("lastUpdatedDateTime"), JsonTime::fromMs(lastUpdatedMs)}};
    if (!failureReason.isEmpty())
        object.insert(QStringLiteral("failureReason"), failureReason);
    return object;
}

} // namespace footfall
