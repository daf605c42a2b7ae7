#pragma once

#include "PutEventsValidator.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace footfall {

// Where a request came from and what it carried, for the request log.
struct RequestContext
{
    QString channel; // "console", "cli", "import", "endpoint"
    QString body;    // the request as received (bounded when stored)
    QString userAgent;
    QString accessKeyId;
};

// One request as the request log keeps it: accepted or rejected, with its error or warnings.
struct RequestLogEntry
{
    qint64 id = 0;
    qint64 receivedMs = 0;
    QString channel;
    QString operation; // PutEvents, PutUsers, PutItems, ImportInteractions…
    qint64 datasetGroupId = 0;
    QString trackerArn;
    QString trackingId;
    QString outcome; // accepted, duplicate, partly duplicate, rejected
    QString errorType;
    QString errorMessage;
    QList<RequestWarning> warnings;
    int eventCount = 0;
    int recordedCount = 0;
    int duplicateCount = 0;
    QString body;
    bool bodyTruncated = false;
    bool bodyRemoved = false; // by the retention policy (the row stays: its events refer to it)
    QString userAgent;
    QString accessKeyId;

    static QString outcomeFor(int recorded, int duplicates);
    // Every outcome and every channel a row can have, as filters offer them.
    static const QStringList& outcomes();
    static const QStringList& channels();
    // An entry for a request that arrived now through `context`; the body is the context's, or the
    // request as compact JSON when the channel had no text of its own.
    static RequestLogEntry received(const RequestContext& context, const QString& operation, qint64 nowMs,
                                    const QJsonObject& request);
};

} // namespace footfall
