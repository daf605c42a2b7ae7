#pragma once

#include "RequestLogEntry.h"

#include <QList>
#include <QSqlQuery>

#include <memory>
#include <optional>

namespace footfall {

class Database;
class SqliteStatement;
struct ServiceConfig;

struct RequestLogFilter
{
    qint64 datasetGroupId = 0; // 0: every group, and requests that named no known tracker
    QString outcome;           // empty: any
    QString channel;           // empty: any
    QString text;              // searched in the error, the body and the tracking ID
};

// How long, and up to what size, the request log keeps its rows; set per database.
struct RequestLogSettings
{
    int retentionDays = 7;
    int maxSizeMib = 256;

    static constexpr int kMaxRetentionDays = 3650;
    static constexpr int kMaxSizeMib = 1024 * 1024;
};

struct RequestLogUsage
{
    qint64 rows = 0;
    // The UTF-8 bytes of each row's text columns plus 64 per row (see Migrations, step 5); not the
    // file's size, which adds indexes, free pages and page slack.
    qint64 bytes = 0;
    qint64 oldestMs = 0; // 0: no rows
};

// Requests refused before authentication in one minute, for one reason (the error type).
struct RequestRefusalCount
{
    qint64 minuteMs = 0;
    QString reason;
    qint64 count = 0;
};

// What one pass of retention or a purge did.
struct RequestLogTrim
{
    qint64 removed = 0;       // rows deleted
    qint64 bodiesRemoved = 0; // rows kept, without body and user agent: their events were stored
    qint64 refusalMinutesRemoved = 0;
};

// Every request that arrived, from any channel, accepted or not. Entries are written inside the
// caller's transaction (an accepted request together with its events) or on their own (a rejected one).
// Rows go, oldest first, once older than the retention or while the log is over its size; a row whose
// events were stored (interactions refer to it) is kept without its body and user agent instead.
class RequestLogService
{
public:
    // Applies the retention policy at once (failures are logged, never thrown).
    RequestLogService(Database& database, const ServiceConfig& config);
    ~RequestLogService();
    Q_DISABLE_COPY_MOVE(RequestLogService)

    static constexpr int kMaxBodyBytes = 16 * 1024;
    static constexpr int kMaxUserAgentChars = 256;
    static constexpr int kMaxAccessKeyIdChars = 128;
    // Requests refused before authentication: the first ones of each minute and reason are stored
    // as rows (without body), all of them are counted.
    static constexpr int kRefusalRowsPerMinute = 5;
    // Retention runs after this many appends made in transactions of their own, and in batches of
    // kRetentionBatchRows rows, each its own short transaction.
    static constexpr int kRetentionEveryAppends = 1000;
    static constexpr int kRetentionBatchRows = 500;

    qint64 append(const RequestLogEntry& entry);
    // Appends in a transaction of its own: for requests that stored nothing else (rejected ones).
    qint64 appendAlone(const RequestLogEntry& entry);
    // Counts a request refused before authentication (bad signature, too large, unknown route), in a
    // transaction of its own, and stores it, without body, if it is among the first of its minute.
    // Returns whether it was stored as a row.
    bool recordRefusal(RequestLogEntry entry);
    // Newest minute first.
    QList<RequestRefusalCount> refusals(int limit);

    RequestLogSettings settings() const;
    // Throws ServiceError(InvalidInput) for values out of range, storing nothing.
    void configure(const RequestLogSettings& settings);
    static QString problemWith(const RequestLogSettings& settings);
    RequestLogUsage usage() const;

    // Removes what the retention policy says must go. Throws StorageError.
    RequestLogTrim applyRetention();
    // Removes every row received before `beforeMs` (every row when it is max()), and the refusal
    // counts of those minutes.
    RequestLogTrim purge(qint64 beforeMs);

    void updateCounts(qint64 id, const QString& outcome, int recorded, int duplicates);
    // Newest first, entries with an id below `beforeId` (0: from the newest).
    QList<RequestLogEntry> list(const RequestLogFilter& filter, int limit, qint64 beforeId = 0);
    std::optional<RequestLogEntry> find(qint64 id);

private:
    // Trims the oldest rows: those received before `beforeMs`, then more while the log is over
    // `maxBytes`.
    RequestLogTrim trim(qint64 beforeMs, qint64 maxBytes);
    void noteAppendAlone();

    Database& m_database;
    const ServiceConfig& m_config;
    std::unique_ptr<SqliteStatement> m_insert; // prepared once, reused: it runs for every request
    std::optional<QSqlQuery> m_updateCounts;
    int m_appendsSinceRetention = 0;
};

} // namespace footfall
