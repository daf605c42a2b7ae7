#pragma once

#include "RequestLogEntry.h"

#include <QList>
#include <QSqlQuery>

#include <optional>

namespace footfall {

class Database;

struct RequestLogFilter
{
    qint64 datasetGroupId = 0; // 0: every group, and requests that named no known tracker
    QString outcome;           // empty: any
    QString channel;           // empty: any
    QString text;              // searched in the error, the body and the tracking ID
};

// Every request that arrived, from any channel, accepted or not. Entries are written inside the
// caller's transaction (an accepted request together with its events) or on their own (a rejected one).
class RequestLogService
{
public:
    explicit RequestLogService(Database& database);
    Q_DISABLE_COPY_MOVE(RequestLogService)

    static constexpr int kMaxBodyBytes = 16 * 1024;

    qint64 append(const RequestLogEntry& entry);
    // Appends in a transaction of its own: for requests that stored nothing else (rejected ones).
    qint64 appendAlone(const RequestLogEntry& entry);
    void updateCounts(qint64 id, const QString& outcome, int recorded, int duplicates);
    // Newest first, entries with an id below `beforeId` (0: from the newest).
    QList<RequestLogEntry> list(const RequestLogFilter& filter, int limit, qint64 beforeId = 0);
    std::optional<RequestLogEntry> find(qint64 id);

private:
    Database& m_database;
    std::optional<QSqlQuery> m_insert; // prepared once, reused
};

} // namespace footfall
