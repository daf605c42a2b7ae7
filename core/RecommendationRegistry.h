#pragma once

#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <optional>

namespace footfall {

class Database;

// Every recommendation list Footfall issues, by its recommendationId: which campaign or recommender
// produced it (attribution reports that ARN) and which items it showed (the implicit impressions of
// later events that carry the ID).
class RecommendationRegistry
{
public:
    struct Issued
    {
        QString recommendationId;
        qint64 datasetGroupId = 0;
        QString producerArn;
        QStringList items;
        qint64 issuedMs = 0;
    };

    explicit RecommendationRegistry(const QSqlDatabase& connection);
    Q_DISABLE_COPY_MOVE(RecommendationRegistry)

    // Inside the caller's transaction.
    void record(const Issued& issued);
    std::optional<Issued> find(qint64 datasetGroupId, const QString& recommendationId);

private:
    QSqlQuery m_insert;
    QSqlQuery m_find;
};

} // namespace footfall
