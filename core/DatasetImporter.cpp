#include "DatasetImporter.h"

#include "AttributionRollup.h"
#include "AttributionSourceLedger.h"
#include "AvroSchema.h"
#include "CsvReader.h"
#include "Database.h"
#include "DatasetService.h"
#include "DeferredIndexes.h"
#include "FieldRule.h"
#include "InteractionWriter.h"
#include "PropertyMapper.h"
#include "RecordingService.h"
#include "RequestLogService.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "TransactionGuard.h"
#include "Workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

namespace footfall {

namespace {

struct RowError
{
    QString reason;
};

[[noreturn]] void rowFail(const QString& reason)
{
    throw RowError{reason};
}

void checkRule(const FieldRule& rule, const QString& column, const QString& value)
{
    if (const auto problem = rule.check(column, value))
        rowFail(*problem);
}

const FieldRule& idRule()
{
    static const FieldRule rule(1, 256);
    return rule;
}

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

// Turns a CSV row into typed values for one schema column; empty means null.
QJsonValue typedValue(const SchemaField& field, const QString& text)
{
    if (text.isEmpty()) {
        if (!field.nullable)
            rowFail(QStringLiteral("column %1 is empty but is not nullable").arg(field.name));
        return QJsonValue::Null;
    }
    const auto value = PropertyMapper::coerce(field, QJsonValue(text));
    if (!value)
        rowFail(QStringLiteral("column %1: \"%2\" is not a valid %3").arg(field.name, text, field.type));
    if (field.categorical && text.size() > 1000) {
        rowFail(QStringLiteral(
                    "Invalid length for parameter %1, value: %2, valid max length: 1000 (categorical values)")
                    .arg(field.name)
                    .arg(text.size()));
    }
    return *value;
}

} // namespace

void ImportReport::writeProblemsCsv(QIODevice& device) const
{
    device.write(
        CsvWriter::record({QStringLiteral("line"), QStringLiteral("status"), QStringLiteral("reason")}));
    for (const ImportRowProblem& problem : problems)
        device.write(CsvWriter::record({QString::number(problem.line), problem.status, problem.reason}));
}

QString ImportReport::summary() const
{
    return QStringLiteral("%1 %2: %3 accepted, %4 rejected, %5 %6%7%8")
        .arg(rows)
        .arg(rows == 1 ? QStringLiteral("row") : QStringLiteral("rows"))
        .arg(accepted)
        .arg(rejected)
        .arg(duplicates)
        .arg(duplicates == 1 ? QStringLiteral("duplicate") : QStringLiteral("duplicates"))
        .arg(replaced > 0 ? QStringLiteral(", %1 earlier bulk rows replaced").arg(replaced) : QString())
        .arg(cancelled ? QStringLiteral(" (cancelled: nothing was stored)") : QString());
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
        QFile file(filePath);
        if (!file.open(QIODevice::ReadOnly)) {
            throw ServiceError::invalidInput(
                QStringLiteral("Cannot read %1: %2")
                    .arg(QFileInfo(filePath).absoluteFilePath(), file.errorString()),
                QStringLiteral("file"));
        }
        const AvroSchema schema = m_workspace.recording().schemaOf(dataset);
        CsvReader reader(file);
        QStringList header;
        if (!reader.readRecord(header) || (header.size() == 1 && header.first().isEmpty()))
            throw ServiceError::invalidInput(
                QStringLiteral("The file is empty: it needs a header row of schema columns"),
                QStringLiteral("file"));

        // The header: schema columns only, each once, the required ones present.
        QHash<QString, int> columnIndex;
        QList<SchemaField> columns;
        for (int i = 0; i < header.size(); ++i) {
            const QString name = header.at(i).trimmed();
            const auto field = schema.field(name);
            if (!field) {
                QStringList known;
                for (const SchemaField& candidate : schema.fields())
                    known << candidate.name;
                throw ServiceError::invalidInput(
                    QStringLiteral("Column \"%1\" of the header is not in the %2 schema (%3)")
                        .arg(name, DatasetTypes::name(dataset.type), known.join(QStringLiteral(", "))),
                    QStringLiteral("file"));
            }
            if (columnIndex.contains(name))
                throw ServiceError::invalidInput(
                    QStringLiteral("Column %1 appears twice in the header").arg(name),
                    QStringLiteral("file"));
            columnIndex.insert(name, i);
            columns << *field;
        }
        for (const QString& required : AvroSchema::requiredFieldNames(dataset.type)) {
            if (!columnIndex.contains(required)) {
                throw ServiceError::invalidInput(
                    QStringLiteral("The header has no %1 column; the %2 schema requires it")
                        .arg(required, DatasetTypes::name(dataset.type)),
                    QStringLiteral("file"));
            }
        }
        QStringList schemaOrder;
        for (const SchemaField& field : schema.fields()) {
            if (columnIndex.contains(field.name))
                schemaOrder << field.name;
        }
        QStringList fileOrder;
        for (const SchemaField& field : columns)
            fileOrder << field.name;
        if (fileOrder != schemaOrder) {
            report.notes << QStringLiteral(
                                "The columns are not in schema order (%1). Amazon Personalize requires "
                                "schema order for bulk imports; Footfall accepted this order.")
                                .arg(schemaOrder.join(QStringLiteral(", ")));
        }
        const QStringList reserved = AvroSchema::reservedFieldNames(dataset.type);
        QList<int> metadataColumns;
        for (int i = 0; i < columns.size(); ++i) {
            if (!reserved.contains(columns.at(i).name))
                metadataColumns << i;
        }
        // Where each reserved column is in a row (-1: not in the file), looked up once.
        const auto indexOf = [&](const char* name) { return columnIndex.value(QLatin1String(name), -1); };
        const int userColumn = indexOf("USER_ID");
        const int itemColumn = indexOf("ITEM_ID");
        const int timestampColumn = indexOf("TIMESTAMP");
        const int eventTypeColumn = indexOf("EVENT_TYPE");
        const int eventValueColumn = indexOf("EVENT_VALUE");
        const int impressionColumn = indexOf("IMPRESSION");
        const int recommendationColumn = indexOf("RECOMMENDATION_ID");
        const int sourceColumn = indexOf("EVENT_ATTRIBUTION_SOURCE");
        const auto column = [](const QStringList& row, int index) -> QString {
            return index >= 0 && index < row.size() ? row.at(index) : QString();
        };
        const QString eventIdPrefix = QStringLiteral("import-");

        TransactionGuard transaction(m_workspace.database());
        entry.outcome = QStringLiteral("accepted");
        entry.body = logBody();
        report.requestId = m_workspace.requestLog().append(entry);
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
        DeferredIndexes deferredIndexes(m_workspace.database().connection(), readerIndexes());
        const qint64 bulkRows = std::max<qint64>(1, m_workspace.config().bulkImportRows);
        const qint64 bulkDecisionRow = std::max<qint64>(1, bulkRows / 10);
        qint64 storedEvents = 0;
        if (dataset.type == DatasetType::Interactions) {
            QSqlQuery highest =
                m_workspace.database().prepare(QStringLiteral("SELECT max(id) FROM interaction"));
            Database::execute(highest);
            storedEvents = highest.next() ? highest.value(0).toLongLong() : 0;
        }
        QSqlQuery upsert = m_workspace.database().prepare(
            QStringLiteral("INSERT INTO %1 (dataset_id, %2, properties, updated_ms) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (dataset_id, %2) DO UPDATE SET properties = excluded.properties, "
                           "updated_ms = excluded.updated_ms")
                .arg(dataset.type == DatasetType::Users ? QStringLiteral("user_record")
                                                        : QStringLiteral("item_record"),
                     dataset.type == DatasetType::Users ? QStringLiteral("user_id")
                                                        : QStringLiteral("item_id")));

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

        QStringList row;
        while (reader.readRecord(row)) {
            if (row.size() == 1 && row.first().isEmpty())
                continue; // a blank line
            ++report.rows;
            if (progress && report.rows % 2000 == 0 && !progress(reader.position(), total)) {
                report.cancelled = true;
                break;
            }
            // Once a tenth of the threshold is read, the bytes per row tell how many rows to expect.
            if (report.rows == bulkDecisionRow && dataset.type == DatasetType::Interactions &&
                reader.position() > 0) {
                const qint64 expectedRows = report.rows * total / reader.position();
                if (expectedRows >= bulkRows && expectedRows >= storedEvents)
                    deferredIndexes.drop();
            }
            try {
                if (reader.lastRecordMalformed())
                    rowFail(QStringLiteral("a quoted field is not closed"));
                if (row.size() != header.size())
                    rowFail(QStringLiteral("the row has %1 fields but the header has %2")
                                .arg(row.size())
                                .arg(header.size()));
                QJsonObject metadata;
                for (const int i : std::as_const(metadataColumns))
                    metadata.insert(columns.at(i).name, typedValue(columns.at(i), row.at(i)));
                if (dataset.type != DatasetType::Interactions) {
                    const QString id =
                        column(row, dataset.type == DatasetType::Users ? userColumn : itemColumn);
                    checkRule(idRule(),
                              dataset.type == DatasetType::Users ? QStringLiteral("USER_ID")
                                                                 : QStringLiteral("ITEM_ID"),
                              id);
                    upsert.addBindValue(dataset.id);
                    upsert.addBindValue(id);
                    upsert.addBindValue(metadata.isEmpty()
                                            ? QVariant()
                                            : QVariant(QString::fromUtf8(
                                                  QJsonDocument(metadata).toJson(QJsonDocument::Compact))));
                    upsert.addBindValue(now);
                    Database::execute(upsert);
                    ++report.accepted;
                    continue;
                }

                Interaction interaction;
                interaction.datasetGroupId = dataset.datasetGroupId;
                interaction.origin = Interaction::Origin::Import;
                interaction.eventId = eventIdPrefix + QString::number(report.requestId) + QLatin1Char('-') +
                                      QString::number(reader.recordLine());
                interaction.userId = column(row, userColumn);
                checkRule(idRule(), QStringLiteral("USER_ID"), interaction.userId);
                interaction.itemId = column(row, itemColumn);
                checkRule(idRule(), QStringLiteral("ITEM_ID"), interaction.itemId);
                bool ok = false;
                const qint64 timestamp = column(row, timestampColumn).trimmed().toLongLong(&ok);
                if (!ok)
                    rowFail(QStringLiteral("column TIMESTAMP: \"%1\" is not a long (epoch seconds)")
                                .arg(column(row, timestampColumn)));
                interaction.sentAtMs = timestamp * 1000;
                interaction.eventType = column(row, eventTypeColumn);
                if (eventTypeColumn >= 0)
                    checkRule(idRule(), QStringLiteral("EVENT_TYPE"), interaction.eventType);
                const QString value = column(row, eventValueColumn).trimmed();
                if (!value.isEmpty()) {
                    const double number = value.toDouble(&ok);
                    if (!ok || !std::isfinite(number))
                        rowFail(QStringLiteral("column EVENT_VALUE: \"%1\" is not a float").arg(value));
                    interaction.eventValue = number;
                }
                const QString impression = column(row, impressionColumn);
                if (!impression.isEmpty()) {
                    if (impression.size() > 1000) {
                        rowFail(
                            QStringLiteral(
                                "Invalid length for parameter IMPRESSION, value: %1, valid max length: 1000")
                                .arg(impression.size()));
                    }
                    interaction.impression = impression.split(QLatin1Char('|'));
                    for (const QString& item : interaction.impression)
                        checkRule(idRule(), QStringLiteral("IMPRESSION item"), item);
                }
                interaction.recommendationId = column(row, recommendationColumn);
                if (!interaction.recommendationId.isEmpty()) {
                    static const FieldRule recommendationRule(1, 40);
                    checkRule(recommendationRule, QStringLiteral("RECOMMENDATION_ID"),
                              interaction.recommendationId);
                }
                interaction.attributionSource = column(row, sourceColumn);
                if (!interaction.attributionSource.isEmpty()) {
                    static const FieldRule sourceRule(
                        0, 1024, QStringLiteral("^[\\x20-\\x7E]*[\\x21-\\x7E]+[\\x20-\\x7E]*$"),
                        QStringLiteral("printable ASCII with at least one non-space character"));
                    checkRule(sourceRule, QStringLiteral("EVENT_ATTRIBUTION_SOURCE"),
                              interaction.attributionSource);
                }
                for (auto it = metadata.begin(); it != metadata.end(); ++it) {
                    if (!it.value().isNull())
                        interaction.properties.insert(it.key(), it.value());
                }
                const InteractionWriter::Written written = writer.write(interaction, report.requestId, now);
                if (written.outcome == InteractionWriter::Outcome::Duplicate) {
                    ++report.duplicates;
                    note(reader.recordLine(), "duplicate",
                         QStringLiteral("same TIMESTAMP and content as stored interaction %1")
                             .arg(written.interactionId));
                } else {
                    ++report.accepted;
                }
            } catch (const RowError& error) {
                ++report.rejected;
                note(reader.recordLine(), "rejected", error.reason);
            } catch (const ServiceError& error) {
                // The writer's own refusals (a source beyond the group's limit) reject the row alone.
                ++report.rejected;
                note(reader.recordLine(), "rejected", error.message());
            }
        }
        if (report.cancelled) {
            transaction.rollback();
            entry.outcome = QStringLiteral("rejected");
            entry.errorMessage =
                QStringLiteral("Cancelled after %1 rows; nothing was stored").arg(report.rows);
            entry.eventCount = int(std::min<qint64>(report.rows, std::numeric_limits<int>::max()));
            entry.body = logBody();
            report.requestId = m_workspace.requestLog().appendAlone(entry);
            return report;
        }
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
