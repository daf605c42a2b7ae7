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

QByteArray loadRequestBody(const QString& trackingId, int events, qint64& sequence, double baseSentAt,
                           int threadIndex)
{
    const qint64 user = sequence % 20000;
    QByteArray eventList;
    for (int i = 0; i < events; ++i) {
        const qint64 n = sequence++;
        if (i > 0)
            eventList += ',';
        eventList += QString::asprintf(
                         R"({"eventType":"%s","sentAt":%.3f,"itemId":"item-%lld","eventId":"w%d-%lld"})",
                         n % 3 == 0 ? "purchase" : "click", baseSentAt + double(n) / 1000,
                         static_cast<long long>((n * 7919) % 100000), threadIndex, static_cast<long long>(n))
                         .toUtf8();
    }
    const QByteArray head =
        QString::asprintf(
            R"({"trackingId":"%s","userId":"user-%lld","sessionId":"session-%lld","eventList":[)",
            trackingId.toUtf8().constData(), static_cast<long long>(user), static_cast<long long>(user))
            .toUtf8();
    return head + eventList + "]}";
}

QByteArray loadRequestUserAgent()
{
    return "Boto3/1.26.27 Python/3.11.2 Linux/6.1.0 Botocore/1.29.27 wrk";
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
