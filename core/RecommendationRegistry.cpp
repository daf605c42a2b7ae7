#include "RecommendationRegistry.h"

#include "Database.h"
#include "ServiceError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace footfall {

RecommendationRegistry::RecommendationRegistry(const QSqlDatabase& connection)
    : m_insert(Database::prepareOn(
          connection, QStringLiteral("INSERT INTO recommendation (recommendation_id, dataset_group_id, "
                                     "producer_arn, items, issued_ms) VALUES (?, ?, ?, ?, ?)")))
    , m_find(Database::prepareOn(connection,
                                 QStringLiteral("SELECT producer_arn, items, issued_ms FROM recommendation "
                                                "WHERE recommendation_id = ? AND dataset_group_id = ?")))
{}

void RecommendationRegistry::record(const Issued& issued)
{
    m_insert.addBindValue(issued.recommendationId);
    m_insert.addBindValue(issued.datasetGroupId);
    m_insert.addBindValue(issued.producerArn);
    m_insert.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(issued.items)).toJson(QJsonDocument::Compact)));
    m_insert.addBindValue(issued.issuedMs);
    Database::execute(m_insert);
}

std::optional<RecommendationRegistry::Issued> RecommendationRegistry::find(qint64 datasetGroupId,
                                                                           const QString& recommendationId)
{
    m_find.addBindValue(recommendationId);
    m_find.addBindValue(datasetGroupId);
    Database::execute(m_find);
    if (!Database::nextRow(m_find)) {
        m_find.finish();
        return std::nullopt;
    }
    Issued issued;
    issued.recommendationId = recommendationId;
    issued.datasetGroupId = datasetGroupId;
    issued.producerArn = m_find.value(0).toString();
    for (const QJsonValue& item : QJsonDocument::fromJson(m_find.value(1).toString().toUtf8()).array())
        issued.items << item.toString();
    issued.issuedMs = m_find.value(2).toLongLong();
    m_find.finish();
    return issued;
}

} // namespace footfall
