#include "DatasetSchema.h"

#include "JsonTime.h"

namespace footfall {

QJsonObject DatasetSchema::toJson() const
{
    QJsonObject object = toSummaryJson();
    object.insert(QStringLiteral("schema"), definition);
    return object;
}

QJsonObject DatasetSchema::toSummaryJson() const
{
    QJsonObject object{
        {QStringLiteral("name"), name},
        {QStringLiteral("schemaArn"), arn},
        {QStringLiteral("creationDateTime"), JsonTime::fromMs(createdMs)},
        {QStringLiteral("lastUpdatedDateTime"), JsonTime::fromMs(createdMs)},
    };
    if (!domain.isEmpty())
        object.insert(QStringLiteral("domain"), domain);
    return object;
}

} // namespace footfall
