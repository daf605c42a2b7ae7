#include "TestWorkspace.h"

#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "MetadataRecordService.h"
#include "SchemaService.h"
#include "SchemaTemplate.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace footfall::test {

const char* TestWorkspace::kGroupArn = "arn:aws:personalize:us-east-1:000000000000:dataset-group/shop";
const char* TestWorkspace::kTrackerArn =
    "arn:aws:personalize:us-east-1:000000000000:event-tracker/shop-tracker";

TestWorkspace::TestWorkspace(qint64 provisioningMs, qint64 bulkImportRows)
    : m_clock(1795900000000) // 2026-11-28T21:06:40Z
{
    m_config.clock = &m_clock;
    m_config.provisioningMs = provisioningMs;
    if (bulkImportRows > 0)
        m_config.bulkImportRows = bulkImportRows;
    m_workspace = Workspace::open(path(), m_config);
}

QString TestWorkspace::path() const
{
    return m_dir.filePath(QStringLiteral("test.db"));
}

int TestWorkspace::count(const char* table)
{
    QSqlQuery query(m_workspace->database().connection());
    query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)));
    return query.next() ? query.value(0).toInt() : -1;
}

QString TestWorkspace::schemaTemplate(const char* id)
{
    for (const SchemaTemplate& candidate : SchemaTemplate::all()) {
        if (candidate.id == QLatin1String(id))
            return candidate.definition;
    }
    return {};
}

QString TestWorkspace::interactionsSchema()
{
    return schemaTemplate("interactions-events");
}

QString TestWorkspace::createShopItems()
{
    const DatasetSchema schema =
        m_workspace->schemas().create(QStringLiteral("shop-items"), schemaTemplate("items-retail"));
    return m_workspace->datasets()
        .create(
            {QStringLiteral("shop-items"), schema.arn, QLatin1String(kGroupArn), QStringLiteral("Items"), {}})
        .arn;
}

QString TestWorkspace::trackingId()
{
    return m_workspace->eventTrackers().describe(QLatin1String(kTrackerArn)).trackingId;
}

PutEventsResult TestWorkspace::putEvents(const QJsonArray& events, const QString& userId,
                                         const QString& sessionId)
{
    QJsonObject request{{QStringLiteral("trackingId"), trackingId()},
                        {QStringLiteral("sessionId"), sessionId},
                        {QStringLiteral("eventList"), events}};
    if (!userId.isEmpty())
        request.insert(QStringLiteral("userId"), userId);
    return m_workspace->recording().putEvents(request, {QStringLiteral("console"), {}, {}, {}});
}

void TestWorkspace::putItem(const QString& itemId, double price)
{
    const auto dataset = m_workspace->datasets().list(QLatin1String(kGroupArn));
    QString itemsArn;
    for (const Dataset& candidate : dataset) {
        if (candidate.type == DatasetType::Items)
            itemsArn = candidate.arn;
    }
    const QJsonObject properties{{QStringLiteral("price"), price},
                                 {QStringLiteral("categoryL1"), QStringLiteral("shoes")},
                                 {QStringLiteral("creationTimestamp"), 1700000000}};
    m_workspace->metadataRecords().putItems(
        {{QStringLiteral("datasetArn"), itemsArn},
         {QStringLiteral("items"),
          QJsonArray{
              QJsonObject{{QStringLiteral("itemId"), itemId},
                          {QStringLiteral("properties"),
                           QString::fromUtf8(QJsonDocument(properties).toJson(QJsonDocument::Compact))}}}}},
        {QStringLiteral("console"), {}, {}, {}});
}

void TestWorkspace::createShop(bool withTracker)
{
    const DatasetGroup group = m_workspace->datasetGroups().create({QStringLiteral("shop"), {}, {}, {}, {}});
    const DatasetSchema schema =
        m_workspace->schemas().create(QStringLiteral("shop-interactions"), interactionsSchema());
    m_workspace->datasets().create(
        {QStringLiteral("shop-interactions"), schema.arn, group.arn, QStringLiteral("Interactions"), {}});
    if (withTracker)
        m_workspace->eventTrackers().create(QStringLiteral("shop-tracker"), group.arn);
}

} // namespace footfall::test
