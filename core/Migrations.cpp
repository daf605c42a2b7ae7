#include "Migrations.h"

#include "ServiceError.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace footfall {

namespace {} // namespace

QString Migrations::requestLogRowBytes(const char* row)
{
    QStringList terms{QStringLiteral("64")};
    for (const char* column : {"channel", "operation", "tracker_arn", "tracking_id", "outcome", "error_type",
                               "error_message", "warnings", "body", "user_agent", "access_key_id"}) {
        terms << QStringLiteral("coalesce(length(CAST(%1.%2 AS BLOB)), 0)")
                     .arg(QLatin1String(row), QLatin1String(column));
    }
    return terms.join(QStringLiteral(" + "));
}

namespace {

// Each entry is one version's DDL. Never edit a released step: add a new one.
const QList<QStringList>& steps()
{
    static const QList<QStringList> all = {
        // 1: resources of the control plane.
        {
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE dataset_group ("
                           " id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL UNIQUE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " domain TEXT,"
                           " role_arn TEXT,"
                           " kms_key_arn TEXT,"
                           " tags TEXT,"
                           " created_ms INTEGER NOT NULL,"
                           " delete_requested_ms INTEGER)"),
            QStringLiteral("CREATE TABLE schema_def ("
                           " id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL UNIQUE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " domain TEXT,"
                           " definition TEXT NOT NULL,"
                           " created_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE dataset ("
                           " id INTEGER PRIMARY KEY,"
                           " dataset_group_id INTEGER NOT NULL REFERENCES dataset_group(id),"
                           " schema_id INTEGER NOT NULL REFERENCES schema_def(id),"
                           " name TEXT NOT NULL UNIQUE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " dataset_type TEXT NOT NULL,"
                           " tags TEXT,"
                           " created_ms INTEGER NOT NULL,"
                           " delete_requested_ms INTEGER,"
                           " UNIQUE (dataset_group_id, dataset_type))"),
            QStringLiteral("CREATE TABLE event_tracker ("
                           " id INTEGER PRIMARY KEY,"
                           " dataset_group_id INTEGER NOT NULL UNIQUE REFERENCES dataset_group(id),"
                           " name TEXT NOT NULL UNIQUE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " tracking_id TEXT NOT NULL UNIQUE,"
                           " tags TEXT,"
                           " created_ms INTEGER NOT NULL,"
                           " delete_requested_ms INTEGER)"),
        },
        // 2: recorded data: the request log, interactions, their duplicates, session links, items and users.
        {
            QStringLiteral("CREATE TABLE request_log ("
                           " id INTEGER PRIMARY KEY,"
                           " received_ms INTEGER NOT NULL,"
                           " channel TEXT NOT NULL,"
                           " operation TEXT NOT NULL,"
                           " dataset_group_id INTEGER REFERENCES dataset_group(id) ON DELETE SET NULL,"
                           " tracker_arn TEXT,"
                           " tracking_id TEXT,"
                           " outcome TEXT NOT NULL,"
                           " error_type TEXT,"
                           " error_message TEXT,"
                           " warnings TEXT,"
                           " event_count INTEGER NOT NULL DEFAULT 0,"
                           " recorded_count INTEGER NOT NULL DEFAULT 0,"
                           " duplicate_count INTEGER NOT NULL DEFAULT 0,"
                           " body TEXT,"
                           " body_truncated INTEGER NOT NULL DEFAULT 0,"
                           " user_agent TEXT,"
                           " access_key_id TEXT)"),
            QStringLiteral("CREATE INDEX request_log_group ON request_log (dataset_group_id, id)"),
            QStringLiteral("CREATE TABLE interaction ("
                           " id INTEGER PRIMARY KEY,"
                           " dataset_group_id INTEGER NOT NULL REFERENCES dataset_group(id),"
                           " request_id INTEGER REFERENCES request_log(id),"
                           " origin TEXT NOT NULL,"
                           " event_id TEXT NOT NULL,"
                           " event_id_given INTEGER NOT NULL,"
                           " event_type TEXT NOT NULL,"
                           " sent_at_ms INTEGER NOT NULL,"
                           " user_id TEXT,"
                           " session_id TEXT,"
                           " item_id TEXT,"
                           " event_value REAL,"
                           " properties TEXT,"
                           " recommendation_id TEXT,"
                           " impression TEXT,"
                           " attribution_source TEXT,"
                           " content_hash TEXT NOT NULL,"
                           " duplicate_count INTEGER NOT NULL DEFAULT 0,"
                           " not_for_training INTEGER NOT NULL DEFAULT 0,"
                           " recorded_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE UNIQUE INDEX interaction_dedup ON interaction (dataset_group_id, "
                           "sent_at_ms, content_hash)"),
            // Only events that came with an eventId can reuse one: a partial index keeps the others out.
            QStringLiteral("CREATE INDEX interaction_event_id ON interaction (dataset_group_id, event_id) "
                           "WHERE event_id_given = 1"),
            // Carries the rowid, so "a group's events by id" is an index range, not a sort.
            QStringLiteral("CREATE INDEX interaction_group ON interaction (dataset_group_id)"),
            QStringLiteral("CREATE INDEX interaction_user ON interaction (dataset_group_id, user_id)"),
            QStringLiteral("CREATE INDEX interaction_session ON interaction (dataset_group_id, session_id)"),
            QStringLiteral("CREATE INDEX interaction_item ON interaction (dataset_group_id, item_id)"),
            QStringLiteral("CREATE TABLE interaction_duplicate ("
                           " id INTEGER PRIMARY KEY,"
                           " interaction_id INTEGER NOT NULL REFERENCES interaction(id) ON DELETE CASCADE,"
                           " request_id INTEGER REFERENCES request_log(id),"
                           " received_ms INTEGER NOT NULL)"),
            QStringLiteral(
                "CREATE INDEX interaction_duplicate_interaction ON interaction_duplicate (interaction_id)"),
            QStringLiteral("CREATE TABLE session_link ("
                           " dataset_group_id INTEGER NOT NULL REFERENCES dataset_group(id),"
                           " session_id TEXT NOT NULL,"
                           " user_id TEXT NOT NULL,"
                           " linked_ms INTEGER NOT NULL,"
                           " interaction_id INTEGER REFERENCES interaction(id) ON DELETE SET NULL,"
                           " PRIMARY KEY (dataset_group_id, session_id))"),
            QStringLiteral("CREATE TABLE item_record ("
                           " dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
                           " item_id TEXT NOT NULL,"
                           " properties TEXT,"
                           " updated_ms INTEGER NOT NULL,"
                           " PRIMARY KEY (dataset_id, item_id))"),
            QStringLiteral("CREATE TABLE user_record ("
                           " dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
                           " user_id TEXT NOT NULL,"
                           " properties TEXT,"
                           " updated_ms INTEGER NOT NULL,"
                           " PRIMARY KEY (dataset_id, user_id))"),
        },
        // 3: attribution: metric attributions and their metrics, 15-minute rollups kept with the events,
        // the sources each dataset group has seen, the registry of issued recommendation lists, each
        // event's resolved source, and the per-tracker rollups behind event metrics.
        {
            QStringLiteral("CREATE TABLE metric_attribution ("
                           " id INTEGER PRIMARY KEY,"
                           " dataset_group_id INTEGER NOT NULL UNIQUE REFERENCES dataset_group(id),"
                           " name TEXT NOT NULL UNIQUE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " output_config TEXT NOT NULL,"
                           " created_ms INTEGER NOT NULL,"
                           " updated_ms INTEGER NOT NULL,"
                           " delete_requested_ms INTEGER)"),
            QStringLiteral("CREATE TABLE attribution_metric ("
                           " id INTEGER PRIMARY KEY,"
                           " metric_attribution_id INTEGER NOT NULL REFERENCES metric_attribution(id)"
                           " ON DELETE CASCADE,"
                           " position INTEGER NOT NULL,"
                           " metric_name TEXT NOT NULL,"
                           " event_type TEXT NOT NULL,"
                           " expression TEXT NOT NULL,"
                           " added_ms INTEGER NOT NULL,"
                           " UNIQUE (metric_attribution_id, metric_name))"),
            QStringLiteral("CREATE TABLE attribution_rollup ("
                           " metric_id INTEGER NOT NULL REFERENCES attribution_metric(id) ON DELETE CASCADE,"
                           " window_start INTEGER NOT NULL,"
                           " source TEXT NOT NULL,"
                           " value REAL NOT NULL,"
                           " samples INTEGER NOT NULL,"
                           " PRIMARY KEY (metric_id, window_start, source)) WITHOUT ROWID"),
            QStringLiteral(
                "CREATE TABLE attribution_source ("
                " dataset_group_id INTEGER NOT NULL REFERENCES dataset_group(id) ON DELETE CASCADE,"
                " source TEXT NOT NULL,"
                " first_seen_ms INTEGER NOT NULL,"
                " PRIMARY KEY (dataset_group_id, source)) WITHOUT ROWID"),
            QStringLiteral(
                "CREATE TABLE recommendation ("
                " recommendation_id TEXT PRIMARY KEY,"
                " dataset_group_id INTEGER NOT NULL REFERENCES dataset_group(id) ON DELETE CASCADE,"
                " producer_arn TEXT NOT NULL,"
                " items TEXT NOT NULL,"
                " issued_ms INTEGER NOT NULL)"),
            // NULL: SOURCE_NAME_UNDEFINED.
            QStringLiteral("ALTER TABLE interaction ADD COLUMN resolved_source TEXT"),
            QStringLiteral("UPDATE interaction SET resolved_source = attribution_source"),
            QStringLiteral("INSERT INTO attribution_source (dataset_group_id, source, first_seen_ms)"
                           " SELECT dataset_group_id, resolved_source, MIN(recorded_ms) FROM interaction"
                           " WHERE resolved_source IS NOT NULL GROUP BY dataset_group_id, resolved_source"),
            QStringLiteral("CREATE TABLE tracker_request_rollup ("
                           " tracker_arn TEXT NOT NULL,"
                           " window_start INTEGER NOT NULL,"
                           " requests INTEGER NOT NULL DEFAULT 0,"
                           " errors_4xx INTEGER NOT NULL DEFAULT 0,"
                           " latency_ms_sum REAL NOT NULL DEFAULT 0,"
                           " latency_ms_max REAL NOT NULL DEFAULT 0,"
                           " PRIMARY KEY (tracker_arn, window_start)) WITHOUT ROWID"),
            QStringLiteral("CREATE TABLE tracker_event_rollup ("
                           " tracker_arn TEXT NOT NULL,"
                           " window_start INTEGER NOT NULL,"
                           " event_type TEXT NOT NULL,"
                           " events INTEGER NOT NULL,"
                           " PRIMARY KEY (tracker_arn, window_start, event_type)) WITHOUT ROWID"),
            // Requests logged before version 3 count too; their latency was not measured.
            QStringLiteral(
                "INSERT INTO tracker_request_rollup (tracker_arn, window_start, requests, errors_4xx)"
                " SELECT tracker_arn, received_ms / 900000 * 900,"
                " SUM(outcome <> 'rejected'), SUM(outcome = 'rejected') FROM request_log"
                " WHERE operation = 'PutEvents' AND tracker_arn IS NOT NULL"
                " GROUP BY tracker_arn, received_ms / 900000"),
            QStringLiteral("INSERT INTO tracker_event_rollup (tracker_arn, window_start, event_type, events)"
                           " SELECT r.tracker_arn, i.recorded_ms / 900000 * 900, i.event_type, COUNT(*)"
                           " FROM interaction i JOIN request_log r ON r.id = i.request_id"
                           " WHERE i.origin = 'event' AND r.tracker_arn IS NOT NULL"
                           " GROUP BY r.tracker_arn, i.recorded_ms / 900000, i.event_type"),
        },
        // 4: recommendations: solutions, their trained versions with the model (items and item pairs),
        // and campaigns that serve a version.
        {
            QStringLiteral("CREATE TABLE solution ("
                           " id INTEGER PRIMARY KEY,"
                           " dataset_group_id INTEGER NOT NULL REFERENCES dataset_group(id),"
                           " name TEXT NOT NULL UNIQUE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " recipe_arn TEXT NOT NULL,"
                           " event_type TEXT,"
                           " event_value_threshold REAL,"
                           " created_ms INTEGER NOT NULL,"
                           " delete_requested_ms INTEGER,"
                           " hidden INTEGER NOT NULL DEFAULT 0)"), // a recommender's own solution
            QStringLiteral("CREATE TABLE solution_version ("
                           " id INTEGER PRIMARY KEY,"
                           " solution_id INTEGER NOT NULL REFERENCES solution(id) ON DELETE CASCADE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " training_mode TEXT NOT NULL,"
                           " created_ms INTEGER NOT NULL,"
                           " failure_reason TEXT,"
                           " interactions INTEGER NOT NULL DEFAULT 0,"
                           " users INTEGER NOT NULL DEFAULT 0,"
                           " items INTEGER NOT NULL DEFAULT 0,"
                           " training_ms INTEGER NOT NULL DEFAULT 0,"
                           " model_updated_ms INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE model_item ("
                           " version_id INTEGER NOT NULL REFERENCES solution_version(id) ON DELETE CASCADE,"
                           " item_id TEXT NOT NULL,"
                           " chosen REAL NOT NULL,"
                           " shown INTEGER NOT NULL,"
                           " PRIMARY KEY (version_id, item_id)) WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX model_item_popularity ON model_item (version_id, chosen DESC)"),
            QStringLiteral("CREATE TABLE model_pair ("
                           " version_id INTEGER NOT NULL REFERENCES solution_version(id) ON DELETE CASCADE,"
                           " item_id TEXT NOT NULL,"
                           " other_item_id TEXT NOT NULL,"
                           " weight REAL NOT NULL,"
                           " PRIMARY KEY (version_id, item_id, other_item_id)) WITHOUT ROWID"),
            QStringLiteral("CREATE TABLE campaign ("
                           " id INTEGER PRIMARY KEY,"
                           " solution_version_id INTEGER NOT NULL REFERENCES solution_version(id),"
                           " name TEXT NOT NULL UNIQUE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " min_provisioned_tps INTEGER NOT NULL,"
                           " created_ms INTEGER NOT NULL,"
                           " delete_requested_ms INTEGER)"),
            QStringLiteral("CREATE TABLE recommender ("
                           " id INTEGER PRIMARY KEY,"
                           " dataset_group_id INTEGER NOT NULL REFERENCES dataset_group(id),"
                           " solution_id INTEGER NOT NULL REFERENCES solution(id),"
                           " name TEXT NOT NULL UNIQUE,"
                           " arn TEXT NOT NULL UNIQUE,"
                           " recipe_arn TEXT NOT NULL,"
                           " created_ms INTEGER NOT NULL,"
                           " delete_requested_ms INTEGER)"),
        },
        // 5: the request log's size, kept by triggers so that retention needs no scan, and requests
        // refused before authentication, counted per minute and reason instead of stored one by one.
        {
            QStringLiteral("CREATE TABLE request_log_usage ("
                           " id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " rows INTEGER NOT NULL,"
                           " bytes INTEGER NOT NULL)"),
            QStringLiteral("INSERT INTO request_log_usage (id, rows, bytes)"
                           " SELECT 1, count(*), coalesce(sum(%1), 0) FROM request_log r")
                .arg(Migrations::requestLogRowBytes("r")),
            QStringLiteral("CREATE TRIGGER request_log_usage_insert AFTER INSERT ON request_log BEGIN"
                           " UPDATE request_log_usage SET rows = rows + 1, bytes = bytes + %1 WHERE id = 1;"
                           " END")
                .arg(Migrations::requestLogRowBytes("NEW")),
            QStringLiteral("CREATE TRIGGER request_log_usage_update AFTER UPDATE ON request_log BEGIN"
                           " UPDATE request_log_usage SET bytes = bytes + (%1) - (%2) WHERE id = 1;"
                           " END")
                .arg(Migrations::requestLogRowBytes("NEW"), Migrations::requestLogRowBytes("OLD")),
            QStringLiteral("CREATE TRIGGER request_log_usage_delete AFTER DELETE ON request_log BEGIN"
                           " UPDATE request_log_usage SET rows = rows - 1, bytes = bytes - (%1) WHERE id = 1;"
                           " END")
                .arg(Migrations::requestLogRowBytes("OLD")),
            QStringLiteral("CREATE TABLE request_refusal ("
                           " minute_ms INTEGER NOT NULL,"
                           " reason TEXT NOT NULL,"
                           " count INTEGER NOT NULL,"
                           " PRIMARY KEY (minute_ms, reason)) WITHOUT ROWID"),
        },
        // 6: training off the request path. A version is inserted CREATE PENDING and trained by a worker;
        // training_status is NULL once it is trained or failed (every version before this step). trainer
        // names the process that trains it (boot id and pid), so that another process can tell a job
        // left behind by a killed one from one still running.
        {
            QStringLiteral("ALTER TABLE solution_version ADD COLUMN training_status TEXT"),
            QStringLiteral("ALTER TABLE solution_version ADD COLUMN trainer TEXT"),
            // A recommender created untrained by an earlier console, whose model its page was to train,
            // would wait for ever now that nothing trains from a page: it fails as interrupted work does
            // (SolutionService::interruptedReason()).
            QStringLiteral("INSERT INTO solution_version (solution_id, arn, training_mode, created_ms,"
                           " failure_reason, model_updated_ms)"
                           " SELECT r.solution_id, s.arn || '/interrupted', 'FULL', r.created_ms,"
                           " 'Training was interrupted when the process that ran it stopped', r.created_ms"
                           " FROM recommender r JOIN solution s ON s.id = r.solution_id WHERE NOT EXISTS"
                           " (SELECT 1 FROM solution_version v WHERE v.solution_id = r.solution_id)"),
        },
    };
    return all;
}

void run(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        throw StorageError(QStringLiteral("Migration failed: %1 (%2)").arg(query.lastError().text(), sql),
                           StorageError::kindOf(query.lastError()));
}

} // namespace

int Migrations::latestVersion()
{
    return int(steps().size());
}

void Migrations::upgrade(QSqlDatabase& db, int fromVersion, int toVersion)
{
    for (int version = fromVersion + 1; version <= toVersion; ++version) {
        run(db, QStringLiteral("BEGIN IMMEDIATE"));
        try {
            for (const QString& statement : steps().at(version - 1))
                run(db, statement);
            run(db, QStringLiteral("PRAGMA user_version = %1").arg(version));
            run(db, QStringLiteral("COMMIT"));
        } catch (...) {
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            throw;
        }
    }
}

} // namespace footfall
