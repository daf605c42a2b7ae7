#include "DatasetImporter.h"

#include "AttributionRollup.h"
#include "AttributionSourceLedger.h"
#include "AvroSchema.h"
#include "CsvReader.h"
#include "CsvWriter.h"
#include "Database.h"
#include "DatasetService.h"
#include "DeferredIndexes.h"
#include "ImportRowParser.h"
#include "ImportRowReader.h"
#include "InteractionWriter.h"
#include "OutputFile.h"
#include "RecordingService.h"
#include "RequestLogService.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "SqliteStatement.h"
#include "TransactionGuard.h"
#include "Workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace footfall {

namespace {

// The indexes on interaction that readers need but the import's own statements do not (the
// deduplication index stays: the import relies on it). A large import drops them and builds
// them again at the end.
const QStringList& readerIndexes()
{
    static const QStringList names{QStringLiteral("interaction_group"), QStringLiteral("interaction_user"),
                                   QStringLiteral("interaction_session"), QStringLiteral("interaction_item")};
    return names;
}

QString describeMode(ImportMode mode)
{
    return mode == ImportMode::Full ? QStringLiteral("FULL") : QStringLiteral("INCREMENTAL");
}

} // namespace

void ImportReport::writeProblemsCsv(QIODevice& device) const
{
    device.write(
        CsvWriter::record({QStringLiteral("line"), QStringLiteral("status"), QStringLiteral("reason")}));
    for (const ImportRowProblem& problem : problems)
        device.write(CsvWriter::record({QString::number(problem.line), problem.status, problem.reason}));
}

QString ImportReport::summary(const QLocale& locale) const
{
    const auto count = [&locale](qint64 number, const char* singular, const char* pluralForm) {
        return QStringLiteral("%1 %2").arg(locale.toString(number),
                                           QLatin1String(number == 1 ? singular : pluralForm));
    };
    // What a cancelled import had read is gone with its transaction: only that nothing changed counts.
    if (cancelled)
        return QStringLiteral("Cancelled after %1: nothing was stored").arg(count(rows, "row", "rows"));
    return QStringLiteral("%1: %2 accepted, %3 rejected, %4%5")
        .arg(count(rows, "row", "rows"), locale.toString(accepted), locale.toString(rejected),
             count(duplicates, "duplicate", "duplicates"),
             replaced > 0 ? QStringLiteral(", %1 replaced")
                                .arg(count(replaced, "earlier bulk row", "earlier bulk rows"))
                          : QString());
}

DatasetImporter::DatasetImporter(Workspace& workspace)
    : m_workspace(workspace)
{}

ImportReport DatasetImporter::importFile(const QString& datasetArn, const QString& filePath, ImportMode mode,
                                         const Progress& progress, QIODevice* rowReport)
{
    ImportReport report;
    report.datasetArn = datasetArn;
    report.mode = mode;
    const qint64 now = m_workspace.config().nowMs();
    RequestLogEntry entry;
    entry.receivedMs = now;
    entry.channel = QStringLiteral("import");
    const auto logBody = [&] {
        return QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("datasetArn"), datasetArn},
                                      {QStringLiteral("file"), QFileInfo(filePath).absoluteFilePath()},
                                      {QStringLiteral("mode"), describeMode(mode)},
                                      {QStringLiteral("result"), report.summary()}})
                .toJson(QJsonDocument::Compact));
    };

    try {
        const Dataset dataset = m_workspace.datasets().require(datasetArn);
        report.type = dataset.type;
        entry.datasetGroupId = dataset.datasetGroupId;
        entry.operation = QStringLiteral("Import%1").arg(DatasetTypes::name(dataset.type));
        // Reading the database through a descriptor of its own, and closing it, would drop SQLite's locks.
        OutputFile::checkAllowed(filePath, m_workspace.path(), QStringLiteral("file"));
        QFile file(filePath);
        if (!file.open(QIODevice::ReadOnly)) {
            throw ServiceError::invalidInput(
                QStringLiteral("Cannot read %1: %2")
                    .arg(QFileInfo(filePath).absoluteFilePath(), file.errorString()),
                QStringLiteral("file"));
        }
        const AvroSchema schema = m_workspace.recording().schemaOf(dataset);
        auto reader = std::make_unique<CsvReader>(file);
        QStringList header;
        if (!reader->readRecord(header) || (header.size() == 1 && header.first().isEmpty()))
            throw ServiceError::invalidInput(
                QStringLiteral("The file is empty: it needs a header row of schema columns"),
                QStringLiteral("file"));
        ImportRowParser parser(dataset.type, dataset.datasetGroupId, schema, header);
        report.notes << parser.notes();

        TransactionGuard transaction(m_workspace.database());
        entry.outcome = QStringLiteral("accepted");
        entry.body = logBody();
        report.requestId = m_workspace.requestLog().append(entry);
        parser.setRequestId(report.requestId);
        if (mode == ImportMode::Full) {
            QSqlQuery remove = m_workspace.database().prepare(
                dataset.type == DatasetType::Interactions
                    ? QStringLiteral(
                          "DELETE FROM interaction WHERE dataset_group_id = ? AND origin = 'import'")
                : dataset.type == DatasetType::Items
                    ? QStringLiteral("DELETE FROM item_record WHERE dataset_id = ?")
                    : QStringLiteral("DELETE FROM user_record WHERE dataset_id = ?"));
            remove.addBindValue(dataset.type == DatasetType::Interactions ? dataset.datasetGroupId
                                                                          : dataset.id);
            Database::execute(remove);
            report.replaced = remove.numRowsAffected();
        }
        InteractionWriter writer(m_workspace.database().connection());
        SqliteStatement upsert(
            m_workspace.database().connection(),
            QStringLiteral("INSERT INTO %1 (dataset_id, %2, properties, updated_ms) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (dataset_id, %2) DO UPDATE SET properties = excluded.properties, "
                           "updated_ms = excluded.updated_ms")
                .arg(dataset.type == DatasetType::Users ? QStringLiteral("user_record")
                                                        : QStringLiteral("item_record"),
                     dataset.type == DatasetType::Users ? QStringLiteral("user_id")
                                                        : QStringLiteral("item_id")));
        DeferredIndexes deferredIndexes(m_workspace.database().connection(), readerIndexes());
        const qint64 bulkRows = std::max<qint64>(1, m_workspace.config().bulkImportRows);
        const qint64 bulkDecisionRow = std::max<qint64>(1, bulkRows / 10);
        bool bulkDecided = dataset.type != DatasetType::Interactions;
        qint64 storedEvents = 0;
        if (!bulkDecided) {
            QSqlQuery highest =
                m_workspace.database().prepare(QStringLiteral("SELECT max(id) FROM interaction"));
            Database::execute(highest);
            storedEvents = Database::nextRow(highest) ? highest.value(0).toLongLong() : 0;
        }

        const qint64 total = file.size();
        const auto note = [&](qint64 line, const char* status, const QString& reason) {
            if (report.problems.size() < ImportReport::kMaxKeptProblems)
                report.problems.append({line, QLatin1String(status), reason});
            if (rowReport)
                rowReport->write(CsvWriter::record({QString::number(line), QLatin1String(status), reason}));
        };
        if (rowReport)
            rowReport->write(CsvWriter::record(
                {QStringLiteral("line"), QStringLiteral("status"), QStringLiteral("reason")}));

        // Reading and checking rows (CSV, field rules, content hash) runs on a thread of its own
        // while this one stores the rows checked before.
        ImportRowReader rowReader(std::move(reader), parser);
        while (const std::optional<ImportRowBatch> batch = rowReader.next()) {
            // Once a tenth of the threshold is read, the bytes per row tell how many rows to expect.
            if (!bulkDecided && batch->rowsRead >= bulkDecisionRow && batch->position > 0) {
                bulkDecided = true;
                const qint64 expectedRows = batch->rowsRead * total / batch->position;
                if (expectedRows >= bulkRows && expectedRows >= storedEvents)
                    deferredIndexes.drop();
            }
            for (const ImportRow& row : batch->rows) {
                ++report.rows;
                if (progress && report.rows % 2000 == 0 && !progress(batch->position, total)) {
                    report.cancelled = true;
                    break;
                }
                if (!row.problem.isEmpty()) {
                    ++report.rejected;
                    note(row.line, "rejected", row.problem);
                    continue;
                }
                if (dataset.type != DatasetType::Interactions) {
                    upsert.add(dataset.id).add(row.recordId).addNullable(row.recordProperties).add(now).run();
                    ++report.accepted;
                    continue;
                }
                try {
                    const InteractionWriter::Written written =
                        writer.write(row.interaction, report.requestId, now, row.contentHash);
                    if (written.outcome == InteractionWriter::Outcome::Duplicate) {
                        ++report.duplicates;
                        note(row.line, "duplicate",
                             QStringLiteral("same TIMESTAMP and content as stored interaction %1")
                                 .arg(written.interactionId));
                    } else {
                        ++report.accepted;
                    }
                } catch (const ServiceError& error) {
                    // The writer's own refusals (a source beyond the group's limit) reject the row alone.
                    ++report.rejected;
                    note(row.line, "rejected", error.message());
                }
            }
            if (report.cancelled)
                break;
        }
        if (report.cancelled) {
            transaction.rollback();
            entry.outcome = QStringLiteral("rejected");
            entry.errorMessage = report.summary();
            entry.eventCount = int(std::min<qint64>(report.rows, std::numeric_limits<int>::max()));
            entry.body = logBody();
            report.requestId = m_workspace.requestLog().appendAlone(entry);
            return report;
        }
        rowReader.finish();
        deferredIndexes.restore();
        if (progress)
            progress(total, total);
        // A FULL import removed earlier rows, and new item values move SUM(Items.*): recount the windows.
        if (mode == ImportMode::Full && dataset.type == DatasetType::Interactions)
            AttributionSourceLedger::rebuild(m_workspace.database().connection(), dataset.datasetGroupId);
        if ((mode == ImportMode::Full && dataset.type == DatasetType::Interactions) ||
            dataset.type == DatasetType::Items)
            AttributionRollup::rebuild(m_workspace.database().connection(), dataset.datasetGroupId);
        entry.recordedCount = int(std::min<qint64>(report.accepted, std::numeric_limits<int>::max()));
        entry.duplicateCount = int(std::min<qint64>(report.duplicates, std::numeric_limits<int>::max()));
        entry.eventCount = int(std::min<qint64>(report.rows, std::numeric_limits<int>::max()));
        QSqlQuery update = m_workspace.database().prepare(
            QStringLiteral("UPDATE request_log SET event_count = ?, recorded_count = ?, duplicate_count = ?, "
                           "body = ?, outcome = ? WHERE id = ?"));
        update.addBindValue(entry.eventCount);
        update.addBindValue(entry.recordedCount);
        update.addBindValue(entry.duplicateCount);
        update.addBindValue(logBody());
        update.addBindValue(RequestLogEntry::outcomeFor(entry.recordedCount, entry.duplicateCount));
        update.addBindValue(report.requestId);
        Database::execute(update);
        transaction.commit();
        // A large import leaves a WAL of its own size: give the space back now.
        m_workspace.database().trimWal();
        return report;
    } catch (const ServiceError& error) {
        entry.outcome = QStringLiteral("rejected");
        entry.errorType = error.typeName();
        entry.errorMessage = error.message();
        if (entry.operation.isEmpty())
            entry.operation = QStringLiteral("Import");
        entry.body = logBody();
        m_workspace.requestLog().appendAlone(entry);
        throw;
    }
}

} // namespace footfall
