#pragma once

#include <QJsonObject>
#include <QString>

namespace footfall {

struct EventTracker
{
    qint64 id = 0;
    qint64 datasetGroupId = 0;
    QString name;
    QString arn;
    QString accountId;
    QString trackingId;
    QString datasetGroupArn;
    QString status;
    qint64 createdMs = 0;
    qint64 lastUpdatedMs = 0;

    QJsonObject toJson() const;        // DescribeEventTracker's eventTracker
    QJsonObject toSummaryJson() const; // ListEventTrackers' entries: no trackingId, as on AWS
};

} // namespace footfall
