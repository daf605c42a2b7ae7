#include "AvroSchema.h"

#include "FieldRule.h"
#include "ServiceError.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace footfall {

namespace {

const QStringList kPrimitiveTypes = {
    QStringLiteral("float"),  QStringLiteral("double"),  QStringLiteral("int"),  QStringLiteral("long"),
    QStringLiteral("string"), QStringLiteral("boolean"), QStringLiteral("null"),
};

[[noreturn]] void fail(const QString& message)
{
    throw ServiceError::invalidInput(QStringLiteral("Invalid schema: ") + message, QStringLiteral("schema"));
}

QString describeJsonType(const QJsonValue& value)
{
    if (value.isArray())
        return QStringLiteral("a union or array");
    if (value.isObject()) {
        const QString nested = value.toObject().value(QStringLiteral("type")).toString();
        return nested.isEmpty() ? QStringLiteral("a nested type") : nested;
    }
    return value.toVariant().toString();
}

SchemaField parseField(const QJsonValue& value, int index)
{
    if (!value.isObject())
        fail(QStringLiteral("fields[%1] is not an object").arg(index));
    const QJsonObject object = value.toObject();
    SchemaField field;
    field.name = object.value(QStringLiteral("name")).toString();
    if (field.name.isEmpty())
        fail(QStringLiteral("fields[%1] has no \"name\"").arg(index));
    static const QRegularExpression avroName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (!avroName.match(field.name).hasMatch()) {
        fail(QStringLiteral("field name \"%1\" is not a valid Avro name (letters, digits and '_', not "
                            "starting with a digit)")
                 .arg(field.name));
    }

    const QString allowed = QStringLiteral("Personalize schemas are flat and allow only float, double, int, "
                                           "long, string, boolean and null, or a nullable union such as "
                                           "[\"null\", \"string\"]");
    const QJsonValue type = object.value(QStringLiteral("type"));
    if (type.isString()) {
        field.type = type.toString();
        if (!kPrimitiveTypes.contains(field.type))
            fail(QStringLiteral("field %1 has type %2; %3").arg(field.name, field.type, allowed));
    } else if (type.isArray()) {
        const QJsonArray members = type.toArray();
        QStringList names;
        for (const QJsonValue& member : members)
            names << (member.isString() ? member.toString() : describeJsonType(member));
        const bool nullableUnion = names.size() == 2 && names.contains(QStringLiteral("null")) &&
                                   kPrimitiveTypes.contains(names.at(0)) &&
                                   kPrimitiveTypes.contains(names.at(1)) && names.at(0) != names.at(1);
        if (!nullableUnion) {
            fail(
                QStringLiteral("field %1 has the union [%2]; only a nullable union of \"null\" and one other "
                               "type is allowed")
                    .arg(field.name, names.join(QStringLiteral(", "))));
        }
        field.nullable = true;
        field.type = names.at(0) == QLatin1String("null") ? names.at(1) : names.at(0);
    } else if (type.isUndefined()) {
        fail(QStringLiteral("field %1 has no \"type\"").arg(field.name));
    } else {
        fail(QStringLiteral("field %1 has type %2; %3").arg(field.name, describeJsonType(type), allowed));
    }
    if (field.type == QLatin1String("null"))
        field.nullable = true;

    const QJsonValue categorical = object.value(QStringLiteral("categorical"));
    if (!categorical.isUndefined()) {
        if (!categorical.isBool())
            fail(QStringLiteral("field %1: \"categorical\" must be true or false").arg(field.name));
        field.categorical = categorical.toBool();
        if (field.categorical && field.type != QLatin1String("string")) {
            fail(QStringLiteral("field %1 is %2; only string fields can be categorical")
                     .arg(field.name, field.type));
        }
    }
    return field;
}

QString normalizedName(const QString& name)
{
    QString normalized = name.toLower();
    normalized.remove(QLatin1Char('_'));
    return normalized;
}

struct FieldRequirement
{
    QString name;
    QString type;
    bool required;
    bool nullableAllowed;
};

QList<FieldRequirement> requirementsFor(DatasetType type)
{
    switch (type) {
    case DatasetType::Interactions:
        return {
            {QStringLiteral("USER_ID"), QStringLiteral("string"), true, false},
            {QStringLiteral("ITEM_ID"), QStringLiteral("string"), true, false},
            {QStringLiteral("TIMESTAMP"), QStringLiteral("long"), true, false},
            {QStringLiteral("EVENT_TYPE"), QStringLiteral("string"), false, false},
            {QStringLiteral("EVENT_VALUE"), QStringLiteral("float"), false, true},
            {QStringLiteral("IMPRESSION"), QStringLiteral("string"), false, true},
            {QStringLiteral("RECOMMENDATION_ID"), QStringLiteral("string"), false, true},
            {QStringLiteral("EVENT_ATTRIBUTION_SOURCE"), QStringLiteral("string"), false, true},
        };
    case DatasetType::Items:
        return {
            {QStringLiteral("ITEM_ID"), QStringLiteral("string"), true, false},
            {QStringLiteral("CREATION_TIMESTAMP"), QStringLiteral("long"), false, true},
        };
    case DatasetType::Users:
        return {{QStringLiteral("USER_ID"), QStringLiteral("string"), true, false}};
    }
    return {};
}

} // namespace

bool SchemaField::isNumeric() const
{
    return type == QLatin1String("float") || type == QLatin1String("double") ||
           type == QLatin1String("int") || type == QLatin1String("long");
}

std::optional<AvroSchema::SyntaxError> AvroSchema::jsonSyntaxError(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError parseError;
    QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return std::nullopt;
    // The parser counts UTF-8 bytes; an editor counts characters, and people count lines.
    const QString before = QString::fromUtf8(utf8.left(parseError.offset));
    SyntaxError error;
    error.reason = parseError.errorString();
    error.index = before.size();
    error.line = int(before.count(QLatin1Char('\n'))) + 1;
    error.column = int(before.size() - (before.lastIndexOf(QLatin1Char('\n')) + 1)) + 1;
    return error;
}

AvroSchema AvroSchema::parse(const QString& text)
{
    FieldRule::avroSchema().enforce(QStringLiteral("schema"), text);
    if (const auto syntax = jsonSyntaxError(text))
        fail(QStringLiteral("not valid JSON: %1 at line %2, column %3")
                 .arg(syntax->reason)
                 .arg(syntax->line)
                 .arg(syntax->column));
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (!document.isObject())
        fail(QStringLiteral("the schema must be a JSON object describing an Avro record"));
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("type")).toString() != QLatin1String("record"))
        fail(QStringLiteral("the top-level \"type\" must be \"record\""));

    AvroSchema schema;
    schema.m_recordName = root.value(QStringLiteral("name")).toString();
    if (schema.m_recordName.isEmpty())
        fail(QStringLiteral("the record has no \"name\""));
    const QJsonValue fields = root.value(QStringLiteral("fields"));
    if (!fields.isArray() || fields.toArray().isEmpty())
        fail(QStringLiteral("\"fields\" must be a non-empty array"));

    QHash<QString, QString> seen;
    const QJsonArray fieldArray = fields.toArray();
    for (int i = 0; i < fieldArray.size(); ++i) {
        SchemaField field = parseField(fieldArray.at(i), i);
        const QString key = normalizedName(field.name);
        if (seen.contains(key)) {
            fail(QStringLiteral("field names \"%1\" and \"%2\" clash: names must be unique ignoring case and "
                                "underscores")
                     .arg(seen.value(key), field.name));
        }
        seen.insert(key, field.name);
        schema.m_fields.append(field);
    }
    if (const auto declared = schema.declaredType())
        schema.validateFor(*declared);
    return schema;
}

void AvroSchema::validateFor(DatasetType type, const QString& domain) const
{
    const QString typeName = DatasetTypes::name(type);
    if (const auto declared = declaredType(); declared && *declared != type) {
        fail(QStringLiteral("the record is named \"%1\" but the dataset type is %2")
                 .arg(m_recordName, typeName));
    }
    for (const FieldRequirement& requirement : requirementsFor(type)) {
        const auto present = field(requirement.name);
        const bool required =
            requirement.required || (type == DatasetType::Interactions && !domain.isEmpty() &&
                                     requirement.name == QLatin1String("EVENT_TYPE"));
        if (!present) {
            if (required) {
                fail(QStringLiteral("the %1 schema requires the field %2 of type %3")
                         .arg(typeName, requirement.name, requirement.type));
            }
            continue;
        }
        if (present->type != requirement.type || (present->nullable && !requirement.nullableAllowed)) {
            const QString found =
                present->nullable ? QStringLiteral("[\"null\", \"%1\"]").arg(present->type) : present->type;
            fail(QStringLiteral("field %1 must be of type %2%3, not %4")
                     .arg(requirement.name, requirement.type,
                          requirement.nullableAllowed ? QStringLiteral(" (nullable allowed)") : QString(),
                          found));
        }
        if (present->categorical && requirement.name == QLatin1String("EVENT_TYPE"))
            fail(QStringLiteral("EVENT_TYPE must not be categorical"));
    }

    const QStringList metadata = metadataFieldNames(type);
    if (type != DatasetType::Interactions && metadata.isEmpty())
        fail(QStringLiteral("the %1 schema needs at least one metadata field besides %2")
                 .arg(typeName, reservedFieldNames(type).join(QStringLiteral(" and "))));
    const int maxMetadata = maxMetadataFields(type);
    if (metadata.size() > maxMetadata) {
        fail(QStringLiteral("the %1 schema has %2 metadata fields (%3); at most %4 are allowed")
                 .arg(typeName)
                 .arg(metadata.size())
                 .arg(metadata.join(QStringLiteral(", ")))
                 .arg(maxMetadata));
    }
}

std::optional<DatasetType> AvroSchema::declaredType() const
{
    return DatasetTypes::fromString(m_recordName);
}

std::optional<SchemaField> AvroSchema::field(const QString& name) const
{
    for (const SchemaField& candidate : m_fields) {
        if (candidate.name == name)
            return candidate;
    }
    return std::nullopt;
}

QStringList AvroSchema::metadataFieldNames(DatasetType type) const
{
    const QStringList reserved = reservedFieldNames(type);
    QStringList names;
    for (const SchemaField& candidate : m_fields) {
        if (!reserved.contains(candidate.name))
            names << candidate.name;
    }
    return names;
}

QStringList AvroSchema::reservedFieldNames(DatasetType type)
{
    QStringList names;
    for (const FieldRequirement& requirement : requirementsFor(type))
        names << requirement.name;
    return names;
}

QStringList AvroSchema::requiredFieldNames(DatasetType type)
{
    QStringList names;
    for (const FieldRequirement& requirement : requirementsFor(type)) {
        if (requirement.required)
            names << requirement.name;
    }
    return names;
}

int AvroSchema::maxMetadataFields(DatasetType type)
{
    switch (type) {
    case DatasetType::Interactions:
        return 5;
    case DatasetType::Items:
        return 100;
    case DatasetType::Users:
        return 25;
    }
    return 0;
}

} // namespace footfall
