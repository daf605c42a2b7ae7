#include "SchemaTemplate.h"

#include <QFile>

namespace footfall {

namespace {
QString load(const QString& id)
{
    QFile file(QStringLiteral(":/footfall/schemas/%1.json").arg(id));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}
} // namespace

QList<SchemaTemplate> SchemaTemplate::all()
{
    struct Entry
    {
        const char* id;
        const char* title;
        const char* description;
        DatasetType type;
    };
    static const Entry entries[] = {
        {"interactions-events", "Interactions: events with attribution",
         "USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE, EVENT_VALUE and the reserved IMPRESSION, "
         "RECOMMENDATION_ID and "
         "EVENT_ATTRIBUTION_SOURCE fields: everything PutEvents can record.",
         DatasetType::Interactions},
        {"interactions-basic", "Interactions: minimal",
         "Only the three required fields USER_ID, ITEM_ID and TIMESTAMP.", DatasetType::Interactions},
        {"interactions-context", "Interactions: with context metadata",
         "Event type and value plus DEVICE, LOCATION and NUM_RATINGS (sent as numRatings in properties).",
         DatasetType::Interactions},
        {"items-retail", "Items: retail catalogue", "ITEM_ID, PRICE, CATEGORY_L1 and CREATION_TIMESTAMP.",
         DatasetType::Items},
        {"items-media", "Items: media catalogue", "ITEM_ID, GENRES, YEAR and CREATION_TIMESTAMP.",
         DatasetType::Items},
        {"users-basic", "Users: basic profile", "USER_ID, AGE and MEMBERSHIP.", DatasetType::Users},
    };
    QList<SchemaTemplate> templates;
    for (const Entry& entry : entries) {
        templates.append({QLatin1String(entry.id), QLatin1String(entry.title),
                          QLatin1String(entry.description), entry.type, load(QLatin1String(entry.id))});
    }
    return templates;
}

} // namespace footfall
