#include "AvroSchema.h"
#include "PutEventsValidator.h"
#include "SchemaTemplate.h"
#include "ServiceError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace footfall;

namespace {

constexpr qint64 kNowMs = 1795900000000; // 2026-11-28T21:06:40Z

QJsonObject baseEvent()
{
    return {{QStringLiteral("eventType"), QStringLiteral("click")}, {QStringLiteral("sentAt"), 1795890000}};
}

QJsonObject request(const QJsonArray& events, const QJsonObject& extra = {})
{
    QJsonObject object{{QStringLiteral("trackingId"), QStringLiteral("tid")},
                       {QStringLiteral("sessionId"), QStringLiteral("s1")},
                       {QStringLiteral("userId"), QStringLiteral("u1")},
                       {QStringLiteral("eventList"), events}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonObject withEvent(const QJsonObject& fields)
{
    QJsonObject event = baseEvent();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        event.insert(it.key(), it.value());
    return request({event});
}

QJsonArray events(int count)
{
    QJsonArray list;
    for (int i = 0; i < count; ++i)
        list.append(baseEvent());
    return list;
}

QJsonArray items(int count, int length, QChar fill = QLatin1Char('i'))
{
    QJsonArray list;
    for (int i = 0; i < count; ++i)
        list.append(QString(length, fill));
    return list;
}

QJsonObject source(const QString& name)
{
    return {{QStringLiteral("eventAttributionSource"), name}};
}

QString propertiesOfLength(int length)
{
    const QString start = QStringLiteral("{\"numRatings\": 3");
    return start + QString(length - start.size() - 1, QLatin1Char(' ')) + QLatin1Char('}');
}

AvroSchema contextSchema()
{
    for (const SchemaTemplate& schemaTemplate : SchemaTemplate::all()) {
        if (schemaTemplate.id == QLatin1String("interactions-context"))
            return AvroSchema::parse(schemaTemplate.definition);
    }
    qFatal("no interactions-context template");
}

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TestPutEventsValidator : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void properties_data();
    void properties();
    void sentAtForms_data();
    void sentAtForms();
    void warnings_data();
    void warnings();
    void generatesEventIdWhenMissing();
};

void TestPutEventsValidator::rules_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("expectedError"); // empty: valid

    QTest::newRow("valid") << withEvent({}) << QString();
    QTest::newRow("10 events") << request(events(10)) << QString();
    QTest::newRow("11 events")
        << request(events(11))
        << s("Invalid length for parameter eventList, value: 11, valid max length: 10");
    QTest::newRow("0 events") << request(events(0))
                              << s("Invalid length for parameter eventList, value: 0, valid min length: 1");
    QTest::newRow("eventList not a list")
        << request({}, {{QStringLiteral("eventList"), QStringLiteral("x")}})
        << s("Invalid type for parameter eventList, value: x, valid type: list");
    QTest::newRow("missing trackingId") << QJsonObject{{QStringLiteral("sessionId"), QStringLiteral("s")},
                                                       {QStringLiteral("eventList"), events(1)}}
                                        << s("Missing required parameter in input: \"trackingId\"");
    QTest::newRow("missing sessionId") << QJsonObject{{QStringLiteral("trackingId"), QStringLiteral("t")},
                                                      {QStringLiteral("eventList"), events(1)}}
                                       << s("Missing required parameter in input: \"sessionId\"");
    QTest::newRow("unknown top-level")
        << request(events(1), {{QStringLiteral("eventsList"), 1}})
        << s("Unknown parameter in input: \"eventsList\", must be one of: trackingId, "
             "userId, sessionId, eventList");
    QTest::newRow("trackingId 256") << request(events(1), {{QStringLiteral("trackingId"),
                                                            QString(256, QLatin1Char('t'))}})
                                    << QString();
    QTest::newRow("trackingId 257")
        << request(events(1), {{QStringLiteral("trackingId"), QString(257, QLatin1Char('t'))}})
        << s("Invalid length for parameter trackingId, value: 257, valid max length: 256");
    QTest::newRow("empty sessionId")
        << request(events(1), {{QStringLiteral("sessionId"), QString()}})
        << s("Invalid length for parameter sessionId, value: 0, valid min length: 1");
    QTest::newRow("userId 257")
        << request(events(1), {{QStringLiteral("userId"), QString(257, QLatin1Char('u'))}})
        << s("Invalid length for parameter userId, value: 257, valid max length: 256");
    QTest::newRow("userId number") << request(events(1), {{QStringLiteral("userId"), 42}})
                                   << s("Invalid type for parameter userId, value: 42, valid type: string");
    QTest::newRow("missing eventType") << request({QJsonObject{{QStringLiteral("sentAt"), 1795890000}}})
                                       << s("Missing required parameter in eventList[0]: \"eventType\"");
    QTest::newRow("missing sentAt") << request({QJsonObject{
                                           {QStringLiteral("eventType"), QStringLiteral("click")}}})
                                    << s("Missing required parameter in eventList[0]: \"sentAt\"");
    QTest::newRow("unknown event field")
        << withEvent({{QStringLiteral("foo"), 1}})
        << s("Unknown parameter in eventList[0]: \"foo\", must be one of: eventId, "
             "eventType, eventValue, itemId, properties, sentAt, recommendationId, "
             "impression, metricAttribution");
    QTest::newRow("eventType 256") << withEvent(
                                          {{QStringLiteral("eventType"), QString(256, QLatin1Char('e'))}})
                                   << QString();
    QTest::newRow("eventType 257")
        << withEvent({{QStringLiteral("eventType"), QString(257, QLatin1Char('e'))}})
        << s("Invalid length for parameter eventList[0].eventType, value: 257, valid max length: 256");
    QTest::newRow("empty eventId")
        << withEvent({{QStringLiteral("eventId"), QString()}})
        << s("Invalid length for parameter eventList[0].eventId, value: 0, valid min length: 1");
    QTest::newRow("itemId 256") << withEvent({{QStringLiteral("itemId"), QString(256, QLatin1Char('i'))}})
                                << QString();
    QTest::newRow("itemId 257")
        << withEvent({{QStringLiteral("itemId"), QString(257, QLatin1Char('i'))}})
        << s("Invalid length for parameter eventList[0].itemId, value: 257, valid max length: 256");
    const QString loneHigh(QChar(0xD800));
    const QString nul(QChar(0));
    QTest::newRow("itemId lone surrogate")
        << withEvent({{QStringLiteral("itemId"), QString(QStringLiteral("ab") + loneHigh)}})
        << s("Invalid value for parameter eventList[0].itemId: it has an unpaired surrogate (\\ud800) at "
             "character 3, which is not Unicode text");
    QTest::newRow("sessionId lone low surrogate")
        << request(events(1),
                   {{QStringLiteral("sessionId"), QString(QString(QChar(0xDC00)) + QStringLiteral("x"))}})
        << s("Invalid value for parameter sessionId: it has an unpaired surrogate (\\udc00) at character 1, "
             "which is not Unicode text");
    QTest::newRow("userId NUL")
        << request(events(1),
                   {{QStringLiteral("userId"), QString(QStringLiteral("u") + nul + QStringLiteral("1"))}})
        << s("Invalid value for parameter userId: it has a NUL character (\\u0000) at character 2");
    QTest::newRow("eventType NUL at the end")
        << withEvent({{QStringLiteral("eventType"), QString(QStringLiteral("click") + nul)}})
        << s("Invalid value for parameter eventList[0].eventType: it has a NUL character (\\u0000) at "
             "character 6");
    QTest::newRow("attribution source lone surrogate")
        << withEvent(
               {{QStringLiteral("metricAttribution"), source(QString(QStringLiteral("email") + loneHigh))}})
        << s("Invalid value for parameter eventList[0].metricAttribution.eventAttributionSource: it has an "
             "unpaired surrogate (\\ud800) at character 6, which is not Unicode text");
    QTest::newRow("impression item lone surrogate")
        << withEvent({{QStringLiteral("impression"), QJsonArray{QStringLiteral("i1"), loneHigh}}})
        << s("Invalid value for parameter eventList[0].impression[1]: it has an unpaired surrogate "
             "(\\ud800) at character 1, which is not Unicode text");
    QTest::newRow("paired surrogates are Unicode")
        << withEvent({{QStringLiteral("itemId"), QString::fromUtf8("\xF0\x9F\x8E\xAC")}}) << QString();
    QTest::newRow("eventValue string")
        << withEvent({{QStringLiteral("eventValue"), QStringLiteral("3")}})
        << s("Invalid type for parameter eventList[0].eventValue, value: 3, valid type: float");
    QTest::newRow("eventValue float") << withEvent({{QStringLiteral("eventValue"), 3.5}}) << QString();
    QTest::newRow("properties 1024") << withEvent({{QStringLiteral("properties"), propertiesOfLength(1024)}})
                                     << QString();
    QTest::newRow("properties 1025")
        << withEvent({{QStringLiteral("properties"), propertiesOfLength(1025)}})
        << s("Invalid length for parameter eventList[0].properties, value: 1025, valid max length: 1024");
    QTest::newRow("properties empty")
        << withEvent({{QStringLiteral("properties"), QString()}})
        << s("Invalid length for parameter eventList[0].properties, value: 0, valid min length: 1");
    QTest::newRow("properties object")
        << withEvent({{QStringLiteral("properties"), QJsonObject{{QStringLiteral("a"), 1}}}})
        << s("Invalid type for parameter eventList[0].properties, value: {\"a\":1}, valid type: string");
    QTest::newRow("recommendationId 40")
        << withEvent({{QStringLiteral("recommendationId"), QString(40, QLatin1Char('r'))}}) << QString();
    QTest::newRow("recommendationId 41")
        << withEvent({{QStringLiteral("recommendationId"), QString(41, QLatin1Char('r'))}})
        << s("Invalid length for parameter eventList[0].recommendationId, value: 41, valid max length: 40");
    QTest::newRow("25 impressions") << withEvent({{QStringLiteral("impression"), items(25, 10)}})
                                    << QString();
    QTest::newRow("26 impressions")
        << withEvent({{QStringLiteral("impression"), items(26, 10)}})
        << s("Invalid length for parameter eventList[0].impression, value: 26, valid max length: 25");
    QTest::newRow("no impressions")
        << withEvent({{QStringLiteral("impression"), QJsonArray()}})
        << s("Invalid length for parameter eventList[0].impression, value: 0, valid min length: 1");
    QTest::newRow("impression 256") << withEvent({{QStringLiteral("impression"), items(1, 256)}})
                                    << QString();
    QTest::newRow("impression 257")
        << withEvent({{QStringLiteral("impression"), items(2, 257)}})
        << s("Invalid length for parameter eventList[0].impression[0], value: 257, valid max length: 256");
    QTest::newRow("impression number")
        << withEvent({{QStringLiteral("impression"), QJsonArray{1}}})
        << s("Invalid type for parameter eventList[0].impression[0], value: 1, valid type: string");
    QTest::newRow("source") << withEvent(
                                   {{QStringLiteral("metricAttribution"), source(QStringLiteral("email"))}})
                            << QString();
    QTest::newRow("source with spaces")
        << withEvent({{QStringLiteral("metricAttribution"), source(QStringLiteral(" home page "))}})
        << QString();
    const QString sourcePattern =
        s(", valid pattern: ^[\\x20-\\x7E]*[\\x21-\\x7E]+[\\x20-\\x7E]*$ (printable ASCII with at "
          "least one non-space character)");
    QTest::newRow("blank source")
        << withEvent({{QStringLiteral("metricAttribution"), source(QStringLiteral("   "))}})
        << s("Invalid value for parameter eventList[0].metricAttribution.eventAttributionSource, "
             "value: \"   \"") +
               sourcePattern;
    QTest::newRow("empty source")
        << withEvent({{QStringLiteral("metricAttribution"), source(QString())}})
        << s("Invalid value for parameter eventList[0].metricAttribution.eventAttributionSource, "
             "value: \"\"") +
               sourcePattern;
    QTest::newRow("non-ASCII source")
        << withEvent({{QStringLiteral("metricAttribution"), source(s("caf\xC3\xA9"))}})
        << s("Invalid value for parameter eventList[0].metricAttribution.eventAttributionSource, "
             "value: \"caf\xC3\xA9\"") +
               sourcePattern;
    QTest::newRow("source 1024") << withEvent({{QStringLiteral("metricAttribution"),
                                                source(QString(1024, QLatin1Char('s')))}})
                                 << QString();
    QTest::newRow("source 1025")
        << withEvent({{QStringLiteral("metricAttribution"), source(QString(1025, QLatin1Char('s')))}})
        << s("Invalid length for parameter eventList[0].metricAttribution.eventAttributionSource, "
             "value: 1025, valid max length: 1024");
    QTest::newRow("metricAttribution without source")
        << withEvent({{QStringLiteral("metricAttribution"), QJsonObject()}})
        << s("Missing required parameter in eventList[0].metricAttribution: "
             "\"eventAttributionSource\"");
    QTest::newRow("event over 10 KB")
        << withEvent({{QStringLiteral("impression"), items(25, 256, QChar(0x20AC))}})
        << s("Invalid length for parameter eventList[0], value: 19331 bytes, valid max length: 10240 bytes "
             "(the size of one event)");
    QTest::newRow("sentAt word")
        << withEvent({{QStringLiteral("sentAt"), QStringLiteral("yesterday")}})
        << s("Invalid type for parameter eventList[0].sentAt, value: yesterday, valid types: number "
             "(epoch seconds) or ISO 8601 string (2024-01-02T03:04:05Z)");
    QTest::newRow("error in third event")
        << request({baseEvent(), baseEvent(),
                    QJsonObject{{QStringLiteral("eventType"), 1}, {QStringLiteral("sentAt"), 1}}})
        << s("Invalid type for parameter eventList[2].eventType, value: 1, valid type: string");
}

void TestPutEventsValidator::rules()
{
    QFETCH(QJsonObject, input);
    QFETCH(QString, expectedError);
    QString actual;
    try {
        const ValidatedPutEvents validated = PutEventsValidator::checkRequest(input, kNowMs);
        QCOMPARE(validated.events.size(), input.value(QStringLiteral("eventList")).toArray().size());
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), QStringLiteral("InvalidInputException"));
        actual = error.message();
    }
    QCOMPARE(actual, expectedError);
}

void TestPutEventsValidator::properties_data()
{
    QTest::addColumn<QJsonObject>("event");
    QTest::addColumn<QString>("expectedError");
    QTest::addColumn<QString>("expectedColumns"); // compact JSON of the stored columns
    QTest::addColumn<QString>("expectedItemId");

    const auto props = [](const char* text) { return QJsonObject{{QStringLiteral("properties"), s(text)}}; };
    const QString path = s("Invalid value for parameter eventList[0].properties");
    QTest::newRow("typed values") << props(R"({"numRatings": 4, "device": "ios"})") << QString()
                                  << s(R"({"DEVICE":"ios","NUM_RATINGS":4})") << QString();
    QTest::newRow("numeric string") << props(R"({"numRatings": "4"})") << QString()
                                    << s(R"({"NUM_RATINGS":4})") << QString();
    QTest::newRow("column name as key")
        << props(R"({"NUM_RATINGS": 2})") << QString() << s(R"({"NUM_RATINGS":2})") << QString();
    QTest::newRow("null for nullable")
        << props(R"({"device": null})") << QString() << s(R"({"DEVICE":null})") << QString();
    QTest::newRow("not a number")
        << props(R"({"numRatings": "many"})")
        << s("Invalid value for parameter eventList[0].properties.numRatings: \"many\" is not a "
             "valid int or null (column NUM_RATINGS)")
        << QString() << QString();
    QTest::newRow("fraction for int")
        << props(R"({"numRatings": 2.5})")
        << s("Invalid value for parameter eventList[0].properties.numRatings: 2.5 is not a "
             "valid int or null (column NUM_RATINGS)")
        << QString() << QString();
    QTest::newRow("number for string")
        << props(R"({"device": 7})")
        << s("Invalid value for parameter eventList[0].properties.device: 7 is not a valid "
             "string or null (column DEVICE)")
        << QString() << QString();
    QTest::newRow("unknown key")
        << props(R"({"colour": "red"})")
        << path + s(": unknown key \"colour\"; the Interactions schema's columns are: device "
                    "(DEVICE), location (LOCATION), numRatings (NUM_RATINGS)")
        << QString() << QString();
    for (const char* reserved :
         {"userId", "SESSIONID", "eventType", "timestamp", "recommendationId", "impression"}) {
        QTest::newRow(qPrintable(QStringLiteral("reserved %1").arg(QLatin1String(reserved))))
            << QJsonObject{{QStringLiteral("properties"),
                            QStringLiteral("{\"%1\": \"x\"}").arg(QLatin1String(reserved))}}
            << path + QStringLiteral(
                          ": the key \"%1\" is not allowed in properties (userId, sessionId, eventType, "
                          "timestamp, recommendationId and impression are fields of the request or the event "
                          "itself)")
                          .arg(QLatin1String(reserved))
            << QString() << QString();
    }
    QTest::newRow("not JSON") << props(R"({"numRatings": )")
                              << path +
                                     s(": Error parsing properties json: unterminated object at character 15")
                              << QString() << QString();
    QTest::newRow("JSON array")
        << props(R"([1, 2])")
        << path + s(": Error parsing properties json: it must be a JSON object such as {\"numRatings\": 3}")
        << QString() << QString();
    QTest::newRow("legacy itemId") << props(R"({"itemId": "i9", "eventValue": "2.5"})") << QString()
                                   << s("{}") << s("i9");
    QJsonObject same = props(R"({"itemId": "i9"})");
    same.insert(QStringLiteral("itemId"), QStringLiteral("i9"));
    QTest::newRow("legacy itemId given twice, same") << same << QString() << s("{}") << s("i9");
    QJsonObject conflicting = props(R"({"itemId": "i9"})");
    conflicting.insert(QStringLiteral("itemId"), QStringLiteral("i1"));
    QTest::newRow("legacy itemId conflicts")
        << conflicting
        << s("Invalid value for parameter eventList[0].properties: itemId \"i9\" differs from "
             "eventList[0].itemId \"i1\"; give it once")
        << QString() << QString();
    QJsonObject conflictingValue = props(R"({"eventValue": 3})");
    conflictingValue.insert(QStringLiteral("eventValue"), 4.0);
    QTest::newRow("legacy eventValue conflicts")
        << conflictingValue
        << s("Invalid value for parameter eventList[0].properties: eventValue 3 differs from "
             "eventList[0].eventValue 4; give it once")
        << QString() << QString();
}

void TestPutEventsValidator::properties()
{
    QFETCH(QJsonObject, event);
    QFETCH(QString, expectedError);
    QFETCH(QString, expectedColumns);
    QFETCH(QString, expectedItemId);
    const QJsonObject input = withEvent(event);
    QString actual;
    try {
        ValidatedPutEvents validated = PutEventsValidator::checkRequest(input, kNowMs);
        PutEventsValidator::applySchema(validated, input, contextSchema());
        const Interaction& interaction = validated.events.first();
        QCOMPARE(QString::fromUtf8(QJsonDocument(interaction.properties).toJson(QJsonDocument::Compact)),
                 expectedColumns);
        QCOMPARE(interaction.itemId, expectedItemId);
    } catch (const ServiceError& error) {
        actual = error.message();
    }
    QCOMPARE(actual, expectedError);
}

void TestPutEventsValidator::sentAtForms_data()
{
    QTest::addColumn<QJsonValue>("sentAt");
    QTest::addColumn<qint64>("expectedMs");
    QTest::newRow("epoch seconds") << QJsonValue(1553631760) << qint64(1553631760000);
    QTest::newRow("fraction") << QJsonValue(1553631760.987) << qint64(1553631760987);
    QTest::newRow("numeric string") << QJsonValue(QStringLiteral("1553631760")) << qint64(1553631760000);
    QTest::newRow("ISO UTC") << QJsonValue(QStringLiteral("2019-03-26T20:22:40Z")) << qint64(1553631760000);
    QTest::newRow("ISO with ms") << QJsonValue(QStringLiteral("2019-03-26T20:22:40.123Z"))
                                 << qint64(1553631760123);
    QTest::newRow("ISO offset") << QJsonValue(QStringLiteral("2019-03-26T22:22:40+02:00"))
                                << qint64(1553631760000);
    QTest::newRow("ISO naive is UTC")
        << QJsonValue(QStringLiteral("2019-03-26T20:22:40")) << qint64(1553631760000);
}

void TestPutEventsValidator::sentAtForms()
{
    QFETCH(QJsonValue, sentAt);
    QFETCH(qint64, expectedMs);
    QCOMPARE(PutEventsValidator::parseSentAt(sentAt), std::optional<qint64>(expectedMs));
}

void TestPutEventsValidator::warnings_data()
{
    QTest::addColumn<double>("sentAt");
    QTest::addColumn<QString>("expectedWarning");
    QTest::newRow("now") << double(kNowMs / 1000) << QString();
    QTest::newRow("milliseconds")
        << 1795890000000.0
        << s("sentAt 1795890000000 looks like milliseconds; PutEvents takes epoch seconds (as "
             "milliseconds it would be 2026-11-28T18:20:00Z)");
    QTest::newRow("two days ahead")
        << double(kNowMs / 1000 + 2 * 86400)
        << s("sentAt 1796072800 (2026-11-30T21:06:40Z) is 2.0 days in the future");
    QTest::newRow("23 hours ahead") << double(kNowMs / 1000 + 23 * 3600) << QString();
    QTest::newRow("1999")
        << 946684799.0
        << s("sentAt 946684799 (1999-12-31T23:59:59Z) is before the year 2000; is it in the right "
             "unit (epoch seconds)?");
    QTest::newRow("2000") << 946684800.0 << QString();
}

void TestPutEventsValidator::warnings()
{
    QFETCH(double, sentAt);
    QFETCH(QString, expectedWarning);
    const ValidatedPutEvents validated =
        PutEventsValidator::checkRequest(withEvent({{QStringLiteral("sentAt"), sentAt}}), kNowMs);
    if (expectedWarning.isEmpty()) {
        QVERIFY(validated.warnings.isEmpty());
    } else {
        QCOMPARE(validated.warnings.size(), 1);
        QCOMPARE(validated.warnings.first().path, s("eventList[0].sentAt"));
        QCOMPARE(validated.warnings.first().message, expectedWarning);
    }
}

void TestPutEventsValidator::generatesEventIdWhenMissing()
{
    const ValidatedPutEvents validated = PutEventsValidator::checkRequest(request(events(2)), kNowMs);
    QVERIFY(!validated.events.at(0).eventIdGiven);
    QCOMPARE(validated.events.at(0).eventId.size(), 36);
    QVERIFY(validated.events.at(0).eventId != validated.events.at(1).eventId);
    const ValidatedPutEvents given = PutEventsValidator::checkRequest(
        withEvent({{QStringLiteral("eventId"), QStringLiteral("e1")}}), kNowMs);
    QVERIFY(given.events.at(0).eventIdGiven);
    QCOMPARE(given.events.at(0).eventId, s("e1"));
}

QTEST_GUILESS_MAIN(TestPutEventsValidator)
#include "TestPutEventsValidator.moc"
