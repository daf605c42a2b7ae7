#include "ImportRowParser.h"

#include "FieldRule.h"
#include "JsonInput.h"
#include "PropertyMapper.h"
#include "ServiceError.h"

#include <QJsonDocument>
#include <QJsonObject>

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

// Turns a CSV field into the typed value of a schema column; empty means null.
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

ImportRowParser::ImportRowParser(DatasetType type, qint64 datasetGroupId, const AvroSchema& schema,
                                 const QStringList& header)
    : m_type(type)
    , m_datasetGroupId(datasetGroupId)
    , m_headerSize(header.size())
{
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed();
        const auto field = schema.field(name);
        if (!field) {
            QStringList known;
            for (const SchemaField& candidate : schema.fields())
                known << candidate.name;
            throw ServiceError::invalidInput(
                QStringLiteral("Column \"%1\" of the header is not in the %2 schema (%3)")
                    .arg(name, DatasetTypes::name(type), known.join(QStringLiteral(", "))),
                QStringLiteral("file"));
        }
        if (m_columnIndex.contains(name))
            throw ServiceError::invalidInput(
                QStringLiteral("Column %1 appears twice in the header").arg(name), QStringLiteral("file"));
        m_columnIndex.insert(name, i);
        m_columns << *field;
    }
    for (const QString& required : AvroSchema::requiredFieldNames(type)) {
        if (!m_columnIndex.contains(required)) {
            throw ServiceError::invalidInput(
                QStringLiteral("The header has no %1 column; the %2 schema requires it")
                    .arg(required, DatasetTypes::name(type)),
                QStringLiteral("file"));
        }
    }
    QStringList schemaOrder;
    for (const SchemaField& field : schema.fields()) {
        if (m_columnIndex.contains(field.name))
            schemaOrder << field.name;
    }
    QStringList fileOrder;
    for (const SchemaField& field : std::as_const(m_columns))
        fileOrder << field.name;
    if (fileOrder != schemaOrder) {
        m_notes << QStringLiteral("The columns are not in schema order (%1). Amazon Personalize requires "
                                  "schema order for bulk imports; Footfall accepted this order.")
                       .arg(schemaOrder.join(QStringLiteral(", ")));
    }
    const QStringList reserved = AvroSchema::reservedFieldNames(type);
    for (int i = 0; i < m_columns.size(); ++i) {
        if (!reserved.contains(m_columns.at(i).name))
            m_metadataColumns << i;
    }
    const auto indexOf = [this](const char* name) { return m_columnIndex.value(QLatin1String(name), -1); };
    m_userColumn = indexOf("USER_ID");
    m_itemColumn = indexOf("ITEM_ID");
    m_timestampColumn = indexOf("TIMESTAMP");
    m_eventTypeColumn = indexOf("EVENT_TYPE");
    m_eventValueColumn = indexOf("EVENT_VALUE");
    m_impressionColumn = indexOf("IMPRESSION");
    m_recommendationColumn = indexOf("RECOMMENDATION_ID");
    m_sourceColumn = indexOf("EVENT_ATTRIBUTION_SOURCE");
}

QString ImportRowParser::column(const QStringList& record, int index) const
{
    return index >= 0 && index < record.size() ? record.at(index) : QString();
}

ImportRow ImportRowParser::parse(const QStringList& record, qint64 line, bool malformed,
                                 int invalidTextField) const
{
    ImportRow row;
    row.line = line;
    try {
        check(record, malformed, invalidTextField, row);
    } catch (const RowError& error) {
        row.problem = error.reason;
    }
    return row;
}

void ImportRowParser::check(const QStringList& record, bool malformed, int invalidTextField,
                            ImportRow& row) const
{
    if (malformed)
        rowFail(QStringLiteral("a quoted field is not closed"));
    if (record.size() != m_headerSize)
        rowFail(QStringLiteral("the row has %1 fields but the header has %2")
                    .arg(record.size())
                    .arg(m_headerSize));
    if (invalidTextField >= 0) {
        const QString problem = JsonInput::textProblem(record.at(invalidTextField));
        rowFail(QStringLiteral("column %1: %2")
                    .arg(m_columns.at(invalidTextField).name,
                         problem.isEmpty() ? QStringLiteral("the text is not valid UTF-8") : problem));
    }
    QJsonObject metadata;
    for (const int i : m_metadataColumns)
        metadata.insert(m_columns.at(i).name, typedValue(m_columns.at(i), record.at(i)));

    if (m_type != DatasetType::Interactions) {
        const bool users = m_type == DatasetType::Users;
        row.recordId = column(record, users ? m_userColumn : m_itemColumn);
        checkRule(idRule(), users ? QStringLiteral("USER_ID") : QStringLiteral("ITEM_ID"), row.recordId);
        if (!metadata.isEmpty())
            row.recordProperties = QString::fromUtf8(QJsonDocument(metadata).toJson(QJsonDocument::Compact));
        return;
    }

    Interaction& interaction = row.interaction;
    interaction.datasetGroupId = m_datasetGroupId;
    interaction.origin = Interaction::Origin::Import;
    interaction.eventId = QLatin1String("import-") + QString::number(m_requestId) + QLatin1Char('-') +
                          QString::number(row.line);
    interaction.userId = column(record, m_userColumn);
    checkRule(idRule(), QStringLiteral("USER_ID"), interaction.userId);
    interaction.itemId = column(record, m_itemColumn);
    checkRule(idRule(), QStringLiteral("ITEM_ID"), interaction.itemId);
    bool ok = false;
    const qint64 timestamp = column(record, m_timestampColumn).trimmed().toLongLong(&ok);
    if (!ok)
        rowFail(QStringLiteral("column TIMESTAMP: \"%1\" is not a long (epoch seconds)")
                    .arg(column(record, m_timestampColumn)));
    interaction.sentAtMs = timestamp * 1000;
    interaction.eventType = column(record, m_eventTypeColumn);
    if (m_eventTypeColumn >= 0)
        checkRule(idRule(), QStringLiteral("EVENT_TYPE"), interaction.eventType);
    const QString value = column(record, m_eventValueColumn).trimmed();
    if (!value.isEmpty()) {
        const double number = value.toDouble(&ok);
        if (!ok || !std::isfinite(number))
            rowFail(QStringLiteral("column EVENT_VALUE: \"%1\" is not a float").arg(value));
        interaction.eventValue = number;
    }
    const QString impression = column(record, m_impressionColumn);
    if (!impression.isEmpty()) {
        if (impression.size() > 1000) {
            rowFail(
                QStringLiteral("Invalid length for parameter IMPRESSION, value: %1, valid max length: 1000")
                    .arg(impression.size()));
        }
        interaction.impression = impression.split(QLatin1Char('|'));
        for (const QString& item : std::as_const(interaction.impression))
            checkRule(idRule(), QStringLiteral("IMPRESSION item"), item);
    }
    interaction.recommendationId = column(record, m_recommendationColumn);
    if (!interaction.recommendationId.isEmpty()) {
        static const FieldRule recommendationRule(1, 40);
        checkRule(recommendationRule, QStringLiteral("RECOMMENDATION_ID"), interaction.recommendationId);
    }
    interaction.attributionSource = column(record, m_sourceColumn);
    if (!interaction.attributionSource.isEmpty()) {
        static const FieldRule sourceRule(
            0, 1024, QStringLiteral("^[\\x20-\\x7E]*[\\x21-\\x7E]+[\\x20-\\x7E]*$"),
            QStringLiteral("printable ASCII with at least one non-space character"));
        checkRule(sourceRule, QStringLiteral("EVENT_ATTRIBUTION_SOURCE"), interaction.attributionSource);
    }
    for (auto it = metadata.begin(); it != metadata.end(); ++it) {
        if (!it.value().isNull())
            interaction.properties.insert(it.key(), it.value());
    }
    row.contentHash = interaction.contentHash();
}

} // namespace footfall
