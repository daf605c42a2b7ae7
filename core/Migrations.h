#pragma once

#include <QSqlDatabase>

namespace footfall {

// Stepwise schema migrations. Version N is reached by running steps 1..N in order, each step in
// its own transaction together with the PRAGMA user_version that records it.
class Migrations
{
public:
    static int latestVersion();
    // Runs the steps after `fromVersion` up to `toVersion`; throws StorageError if one fails,
    // leaving the database at the last step that succeeded.
    static void upgrade(QSqlDatabase& db, int fromVersion, int toVersion);
    // What a request_log row (`row` names it: NEW, OLD or an alias) counts towards the request
    // log's size: the UTF-8 bytes of its text columns, plus 64 for its numbers and the record's
    // own overhead. Step 5's triggers use it; changing it means a new step.
    static QString requestLogRowBytes(const char* row);
};

} // namespace footfall
