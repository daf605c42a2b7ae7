#pragma once

#include "Interaction.h"

#include <QJsonObject>
#include <QList>

namespace footfall {

class AvroSchema;

struct RequestWarning
{
    QString path;
    QString message;
};

// A PutEvents request that passed every check: the events as they will be stored.
struct ValidatedPutEvents
{
    QString trackingId;
    QString sessionId;
    QString userId;
    QList<Interaction> events;
    QList<RequestWarning> warnings;
};

// Every rule of PutEvents (personalize-api.md §2), in botocore's words with the parameter path.
// checkRequest() needs nothing but the request; applySchema() then maps each event's properties
// onto the Interactions schema. Both throw ServiceError(InvalidInput).
class PutEventsValidator
{
public:
    static ValidatedPutEvents checkRequest(const QJsonObject& request, qint64 nowMs);
    static void applySchema(ValidatedPutEvents& validated, const QJsonObject& request,
                            const AvroSchema& schema);

    // sentAt as epoch milliseconds from a JSON number (epoch seconds, fractions allowed) or an
    // ISO 8601 string; nullopt if it is neither.
    static std::optional<qint64> parseSentAt(const QJsonValue& value);
    static QString generateEventId();
    static QList<RequestWarning> sentAtWarnings(const QString& path, qint64 sentAtMs, qint64 nowMs);

    static constexpr int kMaxEvents = 10;
    static constexpr int kMaxImpressions = 25;
    static constexpr int kMaxEventBytes = 10 * 1024;
};

} // namespace footfall
