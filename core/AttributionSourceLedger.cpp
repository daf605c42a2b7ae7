#include "AttributionSourceLedger.h"

#include "AttributionSource.h"
#include "Database.h"
#include "ServiceError.h"

#include <QVariant>

namespace footfall {

AttributionSourceLedger::AttributionSourceLedger(const QSqlDatabase& connection)
    : m_known(Database::prepareOn(
          connection,
          QStringLiteral("SELECT 1 FROM attribution_source WHERE dataset_group_id = ? AND source = ?")))
    , m_count(Database::prepareOn(
          connection, QStringLiteral("SELECT COUNT(*), (SELECT name FROM dataset_group WHERE id = ?)"
                                     " FROM attribution_source WHERE dataset_group_id = ?")))
    , m_insert(Database::prepareOn(connection,
                                   QStringLiteral("INSERT INTO attribution_source (dataset_group_id, source, "
                                                  "first_seen_ms) VALUES (?, ?, ?)")))
{}

void AttributionSourceLedger::admit(qint64 datasetGroupId, const QString& source, qint64 nowMs)
{
    m_known.addBindValue(datasetGroupId);
    m_known.addBindValue(source);
    Database::execute(m_known);
    const bool known = Database::nextRow(m_known);
    m_known.finish();
    if (known)
        return;
    m_count.addBindValue(datasetGroupId);
    m_count.addBindValue(datasetGroupId);
    Database::execute(m_count);
    Database::nextRow(m_count);
    const qint64 count = m_count.value(0).toLongLong();
    const QString groupName = m_count.value(1).toString();
    m_count.finish();
    if (count >= AttributionSource::kMaxSourcesPerDatasetGroup) {
        throw ServiceError::invalidInput(
            QStringLiteral("Dataset group %1 already has %2 distinct event attribution sources; \"%3\" would "
                           "make %4, and a dataset group can have at most %5")
                .arg(groupName)
                .arg(count)
                .arg(source)
                .arg(count + 1)
                .arg(AttributionSource::kMaxSourcesPerDatasetGroup),
            QStringLiteral("eventAttributionSource"));
    }
    m_insert.addBindValue(datasetGroupId);
    m_insert.addBindValue(source);
    m_insert.addBindValue(nowMs);
    Database::execute(m_insert);
}

void AttributionSourceLedger::rebuild(const QSqlDatabase& connection, qint64 datasetGroupId)
{
    QSqlQuery clear = Database::prepareOn(
        connection, QStringLiteral("DELETE FROM attribution_source WHERE dataset_group_id = ?"));
    clear.addBindValue(datasetGroupId);
    Database::execute(clear);
    QSqlQuery fill = Database::prepareOn(
        connection,
        QStringLiteral("INSERT INTO attribution_source (dataset_group_id, source, first_seen_ms)"
                       " SELECT dataset_group_id, resolved_source, MIN(recorded_ms) FROM interaction"
                       " WHERE dataset_group_id = ? AND resolved_source IS NOT NULL"
                       " GROUP BY resolved_source"));
    fill.addBindValue(datasetGroupId);
    Database::execute(fill);
}

} // namespace footfall
