#pragma once

#include <QJsonObject>
#include <QString>

namespace footfall {

// A domain dataset group's recommender ("Recommended for you" for ECOMMERCE, "Top picks for you" for
// VIDEO_ON_DEMAND): trained when it is created and kept up to date like a User-Personalization
// campaign; GetRecommendations takes its ARN.
struct Recommender
{
    qint64 id = 0;
    qint64 datasetGroupId = 0;
    qint64 solutionId = 0;
    QString solutionArn; // its own (hidden) solution
    QString name;
    QString arn;
    QString datasetGroupArn;
    QString recipeArn;
    QString status;
    QString failureReason;
    QString solutionVersionArn; // the model it serves; empty until trained
    qint64 solutionVersionId = 0;
    qint64 createdMs = 0;
    qint64 lastUpdatedMs = 0;

    QJsonObject toJson() const;        // DescribeRecommender's recommender
    QJsonObject toSummaryJson() const; // ListRecommenders' entries
};

} // namespace footfall
