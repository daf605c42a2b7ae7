#pragma once

#include "Recipe.h"

#include <QJsonObject>
#include <QString>

namespace footfall {

// A trained model of a solution. Training happens when it is created; a version that could not be
// trained (too little data) ends CREATE FAILED with the reason.
struct SolutionVersion
{
    qint64 id = 0;
    qint64 solutionId = 0;
    qint64 datasetGroupId = 0;
    QString arn;
    QString solutionArn;
    QString datasetGroupArn;
    QString recipeArn;
    Recipe recipe = Recipe::PopularityCount;
    QString trainingMode; // FULL or UPDATE
    QString status;
    QString failureReason;
    qint64 createdMs = 0;
    qint64 lastUpdatedMs = 0;
    qint64 interactions = 0; // the training data: events after the filters
    qint64 users = 0;
    qint64 items = 0;
    qint64 trainingMs = 0;
    qint64 modelUpdatedMs = 0; // the last training or automatic update of its model

    QJsonObject toJson() const;        // DescribeSolutionVersion's solutionVersion
    QJsonObject toSummaryJson() const; // ListSolutionVersions' entries
};

} // namespace footfall
