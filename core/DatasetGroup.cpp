#include "DatasetGroup.h"

#include "JsonTime.h"

namespace footfall {

QJsonObject DatasetGroup::toJson() const
{
    QJsonObject object = toSummaryJson();
    if (!roleArn.isEmpty())
        object.insert(QStringLiteral("roleArn"), roleArn);
    if (!kmsKeyArn.isEmpty())
        object.insert(QStringLiteral("kmsKeyArn"), kmsKeyArn);
    return object;
}

QJsonObject DatasetGroup::toSummaryJson() const
{
    QJsonObject object{
        {QStringLiteral("name"), name},
        {QStringLiteral("datasetGroupArn"), arn},
        {QStringLiteral("status"), status},
        {QStringLiteral("creationDateTime"), JsonTime::fromMs(createdMs)},
        {QStringLiteral("lastUpdatedDateTime"), JsonTime::fromMs(lastUpdatedMs)},
    };
    if (!domain.isEmpty())
        object.insert(QStringLiteral("domain"), domain);
    return object;
}

} // namespace footfall
