#include "BenchSupport.h"

#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "SchemaService.h"
#include "SchemaTemplate.h"

#include <QFile>
#include <QJsonArray>

namespace footfall::bench {

ShopWorkspace createShop(const QString& path, const ServiceConfig& config)
{
    ShopWorkspace shop;
    shop.workspace = Workspace::open(path, config);
    Workspace& workspace = *shop.workspace;
    QString definition;
    for (const SchemaTemplate& schemaTemplate : SchemaTemplate::all()) {
        if (schemaTemplate.id == QLatin1String("interactions-events"))
            definition = schemaTemplate.definition;
    }
    const DatasetGroup group = workspace.datasetGroups().create({QStringLiteral("shop"), {}, {}, {}, {}});
    const DatasetSchema schema = workspace.schemas().create(QStringLiteral("shop-interactions"), definition);
    workspace.datasets().create(
        {QStringLiteral("shop-interactions"), schema.arn, group.arn, QStringLiteral("Interactions"), {}});
    shop.trackingId = workspace.eventTrackers().create(QStringLiteral("shop-tracker"), group.arn).trackingId;
    shop.groupArn = group.arn;
    return shop;
}

QJsonObject putEventsRequest(const QString& trackingId, int user, qint64 firstSentAt)
{
    QJsonArray events;
    for (int i = 0; i < 10; ++i) {
        events.append(QJsonObject{
            {QStringLiteral("eventType"), i % 3 == 0 ? QStringLiteral("purchase") : QStringLiteral("click")},
            {QStringLiteral("sentAt"), double(firstSentAt + i)},
            {QStringLiteral("itemId"), QStringLiteral("item-%1").arg((user * 7 + i) % 5000)},
            {QStringLiteral("eventValue"), double(i)}});
    }
    return {{QStringLiteral("trackingId"), trackingId},
            {QStringLiteral("userId"), QStringLiteral("user-%1").arg(user)},
            {QStringLiteral("sessionId"), QStringLiteral("session-%1").arg(user)},
            {QStringLiteral("eventList"), events}};
}

double peakResidentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

} // namespace footfall::bench
