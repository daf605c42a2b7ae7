#include "DatasetExporter.h"

#include "AvroSchema.h"
#include "CsvWriter.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "InteractionQuery.h"
#include "RecordingService.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <cmath>

namespace footfall {

namespace {

QJsonValue columnValue(const Interaction& interaction, const SchemaField& field)
{
    const QString& name = field.name;
    const auto orNull = [](const QString& text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    if (name == QLatin1String("USER_ID"))
        return interaction.userId;
    if (name == QLatin1String("ITEM_ID"))
        return interaction.itemId;
    if (name == QLatin1String("TIMESTAMP"))
        return double(qint64(std::floor(double(interaction.sentAtMs) / 1000.0)));
    if (name == QLatin1String("EVENT_TYPE"))
        return interaction.eventType;
    if (name == QLatin1String("EVENT_VALUE"))
        return interaction.eventValue ? QJsonValue(*interaction.eventValue) : QJsonValue();
    if (name == QLatin1String("IMPRESSION"))
        return orNull(interaction.impression.join(QLatin1Char('|')));
    if (name == QLatin1String("RECOMMENDATION_ID"))
        return orNull(interaction.recommendationId);
    if (name == QLatin1String("EVENT_ATTRIBUTION_SOURCE"))
        return orNull(interaction.attributionSource);
    return interaction.properties.value(name);
}

QString csvText(const QJsonValue& value, const SchemaField& field)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        if (field.type == QLatin1String("int") || field.type == QLatin1String("long"))
            return QString::number(qint64(value.toDouble()));
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    default:
        return value.toString();
    }
}

} // namespace

DatasetExporter::DatasetExporter(Workspace& workspace)
    : m_workspace(workspace)
{}

qint64 DatasetExporter::exportInteractions(const QString& datasetGroupArn, QIODevice& output,
                                           ExportFormat format, const Progress& progress)
{
    const DatasetGroup group = m_workspace.datasetGroups().require(datasetGroupArn);
    const auto dataset = m_workspace.datasets().findForGroup(group.id, DatasetType::Interactions);
    if (!dataset) {
        throw ServiceError::notFound(
            QStringLiteral("Dataset group %1 has no Interactions dataset to export").arg(group.name));
    }
    const QList<SchemaField> fields = m_workspace.recording().schemaOf(*dataset).fields();
    QStringList header;
    for (const SchemaField& field : fields)
        header << field.name;
    if (format == ExportFormat::Csv)
        output.write(CsvWriter::record(header));
    else
        output.write("[");

    qint64 written = 0;
    qint64 after = 0;
    constexpr int kBatch = 5000;
    while (true) {
        const QList<InteractionRow> rows = m_workspace.interactions().oldest(group.id, {}, kBatch, after);
        for (const InteractionRow& row : rows) {
            if (format == ExportFormat::Csv) {
                QStringList cells;
                for (const SchemaField& field : fields)
                    cells << csvText(columnValue(row.interaction, field), field);
                output.write(CsvWriter::record(cells));
            } else {
                QJsonObject object;
                for (const SchemaField& field : fields)
                    object.insert(field.name, columnValue(row.interaction, field));
                output.write(written == 0 ? "\n  " : ",\n  ");
                output.write(QJsonDocument(object).toJson(QJsonDocument::Compact));
            }
            ++written;
        }
        if (rows.size() < kBatch)
            break;
        after = rows.last().interaction.id;
        if (progress && !progress(written))
            break;
    }
    if (format == ExportFormat::Json)
        output.write(written == 0 ? "]\n" : "\n]\n");
    return written;
}

} // namespace footfall
