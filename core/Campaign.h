#pragma once

#include "Recipe.h"

#include <QJsonObject>
#include <QString>

namespace footfall {

// A campaign serves recommendations from one solution version.
struct Campaign
{
    qint64 id = 0;
    qint64 solutionVersionId = 0;
    qint64 datasetGroupId = 0;
    QString name;
    QString arn;
    QString solutionVersionArn;
    Recipe recipe = Recipe::PopularityCount;
    int minProvisionedTps = 1;
    QString status;
    qint64 createdMs = 0;
    qint64 lastUpdatedMs = 0;

    QJsonObject toJson() const;        // DescribeCampaign's campaign
    QJsonObject toSummaryJson() const; // ListCampaigns' entries
};

} // namespace footfall
