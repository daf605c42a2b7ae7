#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace footfall {

// One row of an Interactions dataset: an event recorded through PutEvents or a bulk-import row.
struct Interaction
{
    enum class Origin
    {
        Event,
        Import
    };

    qint64 id = 0;
    qint64 datasetGroupId = 0;
    Origin origin = Origin::Event;
    QString eventId;
    bool eventIdGiven = false;
    QString eventType;
    qint64 sentAtMs = 0;
    QString userId;    // empty for an anonymous event
    QString sessionId; // empty for an imported row
    QString itemId;
    std::optional<double> eventValue;
    QJsonObject properties; // metadata COLUMN -> value, already typed
    QString recommendationId;
    QStringList impression;    // explicit impressions
    QString attributionSource; // metricAttribution.eventAttributionSource, as given

    bool isAnonymous() const { return userId.isEmpty(); }
    // What deduplication compares: everything but the eventId, at the same sentAt.
    QString contentHash() const;
};

} // namespace footfall
