#pragma once

#include <QJsonObject>
#include <QString>

namespace footfall {

struct DatasetGroup
{
    qint64 id = 0;
    QString name;
    QString arn;
    QString domain; // empty for a custom dataset group
    QString roleArn;
    QString kmsKeyArn;
    QString status;
    qint64 createdMs = 0;
    qint64 lastUpdatedMs = 0;

    bool isDomain() const { return !domain.isEmpty(); }
    QJsonObject toJson() const;        // DescribeDatasetGroup's datasetGroup
    QJsonObject toSummaryJson() const; // ListDatasetGroups' entries
};

} // namespace footfall
