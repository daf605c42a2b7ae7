#pragma once

#include "Recipe.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace footfall {

// A solution: a recipe and training filters for a dataset group; trained into solution versions.
struct Solution
{
    qint64 id = 0;
    qint64 datasetGroupId = 0;
    QString name;
    QString arn;
    QString datasetGroupArn;
    QString recipeArn;
    Recipe recipe = Recipe::PopularityCount;
    QString eventType;                         // training filter: only this type, when set
    std::optional<double> eventValueThreshold; // training filter: only events with at least this value
    QString status;
    qint64 createdMs = 0;
    qint64 lastUpdatedMs = 0;
    QString latestVersionArn;
    bool hidden = false; // a recommender's own solution

    QJsonObject toJson() const;        // DescribeSolution's solution
    QJsonObject toSummaryJson() const; // ListSolutions' entries
};

} // namespace footfall
