#include "Dataset.h"

#include "JsonTime.h"

namespace footfall {

QJsonObject Dataset::toJson() const
{
    QJsonObject object = toSummaryJson();
    object.insert(QStringLiteral("datasetGroupArn"), datasetGroupArn);
    object.insert(QStringLiteral("schemaArn"), schemaArn);
    return object;
}

QJsonObject Dataset::toSummaryJson() const
{
    return {
        {QStringLiteral("name"), name},
        {QStringLiteral("datasetArn"), arn},
        {QStringLiteral("datasetType"), DatasetTypes::name(type)},
        {QStringLiteral("status"), status},
        {QStringLiteral("creationDateTime"), JsonTime::fromMs(createdMs)},
        {QStringLiteral("lastUpdatedDateTime"), JsonTime::fromMs(lastUpdatedMs)},
    };
}

} // namespace footfall
