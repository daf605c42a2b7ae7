#pragma once

#include "DatasetType.h"

#include <QJsonObject>
#include <QString>

namespace footfall {

struct Dataset
{
    qint64 id = 0;
    qint64 datasetGroupId = 0;
    QString name;
    QString arn;
    QString datasetGroupArn;
    QString schemaArn;
    DatasetType type = DatasetType::Interactions;
    QString status;
    qint64 createdMs = 0;
    qint64 lastUpdatedMs = 0;

    QJsonObject toJson() const;
    QJsonObject toSummaryJson() const;
};

} // namespace footfall
