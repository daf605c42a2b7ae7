#include "Solution.h"

#include "JsonTime.h"

namespace footfall {

QJsonObject Solution::toJson() const
{
    QJsonObject object = toSummaryJson();
    object.insert(QStringLiteral("datasetGroupArn"), datasetGroupArn);
    object.insert(QStringLiteral("performHPO"), false);
    object.insert(QStringLiteral("performAutoML"), false);
    if (!eventType.isEmpty())
        object.insert(QStringLiteral("eventType"), eventType);
    QJsonObject config;
    if (eventValueThreshold)
        config.insert(QStringLiteral("eventValueThreshold"), QString::number(*eventValueThreshold));
    object.insert(QStringLiteral("solutionConfig"), config);
    if (!latestVersionArn.isEmpty())
        object.insert(QStringLiteral("latestSolutionVersion"),
                      QJsonObject{{QStringLiteral("solutionVersionArn"), latestVersionArn}});
    return object;
}

QJsonObject Solution::toSummaryJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("solutionArn"), arn},
            {QStringLiteral("status"), status},
            {QStringLiteral("recipeArn"), recipeArn},
            {QStringLiteral("creationDateTime"), JsonTime::fromMs(createdMs)},
            {QStringLiteral("lastUpdatedDateTime"), JsonTime::fromMs(lastUpdatedMs)}};
}

} // namespace footfall
