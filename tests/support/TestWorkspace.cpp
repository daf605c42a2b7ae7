#include "TestWorkspace.h"

#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "SchemaService.h"
#include "SchemaTemplate.h"

#include <QSqlQuery>

namespace footfall::test {

const char* TestWorkspace::kGroupArn = "arn:aws:personalize:us-east-1:000000000000:dataset-group/shop";
const char* TestWorkspace::kTrackerArn =
    "arn:aws:personalize:us-east-1:000000000000:event-tracker/shop-tracker";

TestWorkspace::TestWorkspace(qint64 provisioningMs)
    : m_clock(1795900000000) // 2026-11-28T21:06:40Z
{
    m_config.clock = &m_clock;
    m_config.provisioningMs = provisioningMs;
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

QString TestWorkspace::interactionsSchema()
{
    for (const SchemaTemplate& schemaTemplate : SchemaTemplate::all()) {
        if (schemaTemplate.id == QLatin1String("interactions-events"))
            return schemaTemplate.definition;
    }
    return {};
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
