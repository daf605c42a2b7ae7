#include "AvroSchema.h"
#include "SchemaTemplate.h"
#include "ServiceError.h"

#include <QTest>

using namespace footfall;

namespace {

QString record(const QString& name, const QString& fields)
{
    return QStringLiteral(
               R"({"type": "record", "name": "%1", "namespace": "com.amazonaws.personalize.schema", )"
               R"("fields": [%2], "version": "1.0"})")
        .arg(name, fields);
}

QString field(const QString& name, const QString& type, const QString& extra = {})
{
    return QStringLiteral(R"({"name": "%1", "type": %2%3})").arg(name, type, extra);
}

const QString kUser = field(QStringLiteral("USER_ID"), QStringLiteral("\"string\""));
const QString kItem = field(QStringLiteral("ITEM_ID"), QStringLiteral("\"string\""));
const QString kTime = field(QStringLiteral("TIMESTAMP"), QStringLiteral("\"long\""));

QString interactions(const QStringList& extra)
{
    return record(QStringLiteral("Interactions"),
                  (QStringList{kUser, kItem, kTime} + extra).join(QStringLiteral(", ")));
}

QString metadata(int count, const QString& prefix = QStringLiteral("M"))
{
    QStringList fields;
    for (int i = 0; i < count; ++i)
        fields << field(prefix + QString::number(i), QStringLiteral("[\"null\", \"int\"]"));
    return fields.join(QStringLiteral(", "));
}

} // namespace

class TestAvroSchema : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void templatesAreValid();
    void fieldsAreDescribed();
    void tooLongIsRefused();
};

void TestAvroSchema::rules_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("datasetType"); // validated for this type after parsing; empty: parse only
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("expectedError"); // empty: valid

    const QString pre = QStringLiteral("Invalid schema: ");
    QTest::newRow("minimal interactions") << interactions({}) << QString() << QString() << QString();
    QTest::newRow("not JSON") << QStringLiteral("{\"type\": ") << QString() << QString()
                              << pre + QStringLiteral(
                                           "not valid JSON: unterminated object at line 1, column 10");
    QTest::newRow("not JSON, second line")
        << QStringLiteral("{\"type\": \"record\",\n  \"na\u00efme\" \"x\"}") << QString() << QString()
        << pre + QStringLiteral("not valid JSON: missing name separator at line 2, column 12");
    QTest::newRow("JSON array") << QStringLiteral("[]") << QString() << QString()
                                << pre + QStringLiteral(
                                             "the schema must be a JSON object describing an Avro record");
    QTest::newRow("not a record") << QStringLiteral(R"({"type": "enum", "name": "x", "fields": []})")
                                  << QString() << QString()
                                  << pre + QStringLiteral("the top-level \"type\" must be \"record\"");
    QTest::newRow("no fields") << record(QStringLiteral("Interactions"), QString()) << QString() << QString()
                               << pre + QStringLiteral("\"fields\" must be a non-empty array");
    QTest::newRow("missing USER_ID")
        << record(QStringLiteral("Interactions"), kItem + QStringLiteral(", ") + kTime) << QString()
        << QString()
        << pre + QStringLiteral("the Interactions schema requires the field USER_ID of type string");
    QTest::newRow("missing TIMESTAMP")
        << record(QStringLiteral("Interactions"), kUser + QStringLiteral(", ") + kItem) << QString()
        << QString()
        << pre + QStringLiteral("the Interactions schema requires the field TIMESTAMP of type long");
    QTest::newRow("TIMESTAMP as string")
        << record(QStringLiteral("Interactions"),
                  kUser + QStringLiteral(", ") + kItem + QStringLiteral(", ") +
                      field(QStringLiteral("TIMESTAMP"), QStringLiteral("\"string\"")))
        << QString() << QString() << pre + QStringLiteral("field TIMESTAMP must be of type long, not string");
    QTest::newRow("nullable USER_ID")
        << record(QStringLiteral("Interactions"),
                  field(QStringLiteral("USER_ID"), QStringLiteral("[\"null\", \"string\"]")) +
                      QStringLiteral(", ") + kItem + QStringLiteral(", ") + kTime)
        << QString() << QString()
        << pre + QStringLiteral("field USER_ID must be of type string, not [\"null\", \"string\"]");
    QTest::newRow("EVENT_VALUE nullable float")
        << interactions({field(QStringLiteral("EVENT_VALUE"), QStringLiteral("[\"null\", \"float\"]"))})
        << QString() << QString() << QString();
    QTest::newRow("EVENT_VALUE as double")
        << interactions({field(QStringLiteral("EVENT_VALUE"), QStringLiteral("\"double\""))}) << QString()
        << QString()
        << pre + QStringLiteral("field EVENT_VALUE must be of type float (nullable allowed), not double");
    QTest::newRow("categorical EVENT_TYPE")
        << interactions({field(QStringLiteral("EVENT_TYPE"), QStringLiteral("\"string\""),
                               QStringLiteral(", \"categorical\": true"))})
        << QString() << QString() << pre + QStringLiteral("EVENT_TYPE must not be categorical");
    QTest::newRow("categorical float")
        << interactions({field(QStringLiteral("PRICE"), QStringLiteral("\"float\""),
                               QStringLiteral(", \"categorical\": true"))})
        << QString() << QString()
        << pre + QStringLiteral("field PRICE is float; only string fields can be categorical");
    QTest::newRow("categorical not boolean")
        << interactions({field(QStringLiteral("DEVICE"), QStringLiteral("\"string\""),
                               QStringLiteral(", \"categorical\": 1"))})
        << QString() << QString()
        << pre + QStringLiteral("field DEVICE: \"categorical\" must be true or false");
    QTest::newRow("array type")
        << interactions({QStringLiteral(R"({"name": "TAGS", "type": {"type": "array", "items": "string"}})")})
        << QString() << QString()
        << pre +
               QStringLiteral(
                   "field TAGS has type array; Personalize schemas are flat and allow only float, double, "
                   "int, long, string, boolean and null, or a nullable union such as [\"null\", \"string\"]");
    QTest::newRow("bytes type")
        << interactions({field(QStringLiteral("BLOB"), QStringLiteral("\"bytes\""))}) << QString()
        << QString()
        << pre + QStringLiteral("field BLOB has type bytes; Personalize schemas are flat and allow "
                                "only float, double, int, long, string, boolean and null, or a "
                                "nullable union such as [\"null\", \"string\"]");
    QTest::newRow("three-way union")
        << interactions({field(QStringLiteral("X"), QStringLiteral("[\"null\", \"int\", \"string\"]"))})
        << QString() << QString()
        << pre + QStringLiteral(
                     "field X has the union [null, int, string]; only a nullable union of \"null\" and one "
                     "other type is allowed");
    QTest::newRow("union without null")
        << interactions({field(QStringLiteral("X"), QStringLiteral("[\"int\", \"string\"]"))}) << QString()
        << QString()
        << pre + QStringLiteral(
                     "field X has the union [int, string]; only a nullable union of \"null\" and one other "
                     "type is allowed");
    QTest::newRow("names clash ignoring case and underscores")
        << interactions({field(QStringLiteral("GENRES_FIELD_1"), QStringLiteral("\"string\"")),
                         field(QStringLiteral("GENRESFIELD1"), QStringLiteral("\"string\""))})
        << QString() << QString()
        << pre + QStringLiteral(
                     "field names \"GENRES_FIELD_1\" and \"GENRESFIELD1\" clash: names must be unique "
                     "ignoring case and underscores");
    QTest::newRow("bad Avro name") << interactions({field(QStringLiteral("1ABC"), QStringLiteral("\"int\""))})
                                   << QString() << QString()
                                   << pre +
                                          QStringLiteral(
                                              "field name \"1ABC\" is not a valid Avro name (letters, digits "
                                              "and '_', not starting with a digit)");
    QTest::newRow("field without type") << interactions({QStringLiteral(R"({"name": "X"})")}) << QString()
                                        << QString() << pre + QStringLiteral("field X has no \"type\"");
    QTest::newRow("5 metadata fields") << interactions({metadata(5)}) << QString() << QString() << QString();
    QTest::newRow("6 metadata fields")
        << interactions({metadata(6)}) << QString() << QString()
        << pre + QStringLiteral("the Interactions schema has 6 metadata fields (M0, M1, M2, M3, M4, M5); at "
                                "most 5 are allowed");
    QTest::newRow("reserved fields are not metadata")
        << interactions(
               {metadata(5), field(QStringLiteral("EVENT_TYPE"), QStringLiteral("\"string\"")),
                field(QStringLiteral("IMPRESSION"), QStringLiteral("[\"null\", \"string\"]")),
                field(QStringLiteral("RECOMMENDATION_ID"), QStringLiteral("[\"null\", \"string\"]")),
                field(QStringLiteral("EVENT_ATTRIBUTION_SOURCE"), QStringLiteral("[\"null\", \"string\"]"))})
        << QString() << QString() << QString();
    QTest::newRow("domain interactions need EVENT_TYPE")
        << record(QStringLiteral("Untyped"),
                  kUser + QStringLiteral(", ") + kItem + QStringLiteral(", ") + kTime)
        << QStringLiteral("Interactions") << QStringLiteral("ECOMMERCE")
        << pre + QStringLiteral("the Interactions schema requires the field EVENT_TYPE of type string");
    QTest::newRow("record named Users used for Interactions")
        << record(QStringLiteral("Users"), kUser + QStringLiteral(", ") + metadata(1))
        << QStringLiteral("Interactions") << QString()
        << pre + QStringLiteral("the record is named \"Users\" but the dataset type is Interactions");
    QTest::newRow("items with one metadata field")
        << record(QStringLiteral("Items"), kItem + QStringLiteral(", ") + metadata(1)) << QString()
        << QString() << QString();
    QTest::newRow("items without metadata")
        << record(QStringLiteral("Items"),
                  kItem + QStringLiteral(", ") +
                      field(QStringLiteral("CREATION_TIMESTAMP"), QStringLiteral("\"long\"")))
        << QString() << QString()
        << pre + QStringLiteral("the Items schema needs at least one metadata field besides ITEM_ID and "
                                "CREATION_TIMESTAMP");
    QTest::newRow("items CREATION_TIMESTAMP as int")
        << record(QStringLiteral("Items"),
                  kItem + QStringLiteral(", ") + metadata(1) + QStringLiteral(", ") +
                      field(QStringLiteral("CREATION_TIMESTAMP"), QStringLiteral("\"int\"")))
        << QString() << QString()
        << pre + QStringLiteral("field CREATION_TIMESTAMP must be of type long (nullable allowed), not int");
    QTest::newRow("items 100 metadata fields")
        << record(QStringLiteral("Items"), kItem + QStringLiteral(", ") + metadata(100)) << QString()
        << QString() << QString();
    QTest::newRow("items 101 metadata fields")
        << record(QStringLiteral("Items"), kItem + QStringLiteral(", ") + metadata(101)) << QString()
        << QString()
        << QStringLiteral("__prefix__") + pre + QStringLiteral("the Items schema has 101 metadata fields");
    QTest::newRow("users without metadata")
        << record(QStringLiteral("Users"), kUser) << QString() << QString()
        << pre + QStringLiteral("the Users schema needs at least one metadata field besides USER_ID");
    QTest::newRow("users 25 metadata fields")
        << record(QStringLiteral("Users"), kUser + QStringLiteral(", ") + metadata(25)) << QString()
        << QString() << QString();
    QTest::newRow("users 26 metadata fields")
        << record(QStringLiteral("Users"), kUser + QStringLiteral(", ") + metadata(26)) << QString()
        << QString()
        << QStringLiteral("__prefix__") + pre + QStringLiteral("the Users schema has 26 metadata fields");
    QTest::newRow("users missing USER_ID")
        << record(QStringLiteral("Users"), metadata(1)) << QString() << QString()
        << pre + QStringLiteral("the Users schema requires the field USER_ID of type string");
}

void TestAvroSchema::rules()
{
    QFETCH(QString, schema);
    QFETCH(QString, datasetType);
    QFETCH(QString, domain);
    QFETCH(QString, expectedError);
    QString actual;
    try {
        const AvroSchema parsed = AvroSchema::parse(schema);
        if (!datasetType.isEmpty())
            parsed.validateFor(*DatasetTypes::fromString(datasetType), domain);
    } catch (const ServiceError& error) {
        QCOMPARE(error.code(), ErrorCode::InvalidInput);
        QCOMPARE(error.parameter(), QStringLiteral("schema"));
        actual = error.message();
    }
    if (expectedError.startsWith(QLatin1String("__prefix__")))
        QVERIFY2(actual.startsWith(expectedError.mid(10)), qPrintable(actual));
    else
        QCOMPARE(actual, expectedError);
}

void TestAvroSchema::templatesAreValid()
{
    const QList<SchemaTemplate> templates = SchemaTemplate::all();
    QCOMPARE(templates.size(), 6);
    for (const SchemaTemplate& schemaTemplate : templates) {
        QVERIFY2(!schemaTemplate.definition.isEmpty(), qPrintable(schemaTemplate.id));
        const AvroSchema schema = AvroSchema::parse(schemaTemplate.definition);
        QCOMPARE(schema.declaredType(), std::optional<DatasetType>(schemaTemplate.type));
        schema.validateFor(schemaTemplate.type);
    }
}

void TestAvroSchema::fieldsAreDescribed()
{
    const AvroSchema schema = AvroSchema::parse(
        interactions({field(QStringLiteral("EVENT_VALUE"), QStringLiteral("[\"null\", \"float\"]")),
                      field(QStringLiteral("DEVICE"), QStringLiteral("\"string\""),
                            QStringLiteral(", \"categorical\": true"))}));
    QCOMPARE(schema.fields().size(), 5);
    const auto value = schema.field(QStringLiteral("EVENT_VALUE"));
    QVERIFY(value);
    QCOMPARE(value->type, QStringLiteral("float"));
    QVERIFY(value->nullable);
    QVERIFY(value->isNumeric());
    QVERIFY(schema.field(QStringLiteral("DEVICE"))->categorical);
    QCOMPARE(schema.metadataFieldNames(DatasetType::Interactions), QStringList{QStringLiteral("DEVICE")});
}

void TestAvroSchema::tooLongIsRefused()
{
    QString padded = interactions({});
    padded.append(QString(20000 - padded.size(), QLatin1Char(' ')));
    AvroSchema::parse(padded); // exactly 20000 characters: accepted
    try {
        AvroSchema::parse(padded + QLatin1Char(' '));
        QFAIL("no exception");
    } catch (const ServiceError& error) {
        QCOMPARE(
            error.message(),
            QStringLiteral("Invalid length for parameter schema, value: 20001, valid max length: 20000"));
    }
}

QTEST_GUILESS_MAIN(TestAvroSchema)
#include "TestAvroSchema.moc"
