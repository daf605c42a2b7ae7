#include "ControlPlane.h"
#include "KeysetToken.h"
#include "ServiceError.h"
#include "TestWorkspace.h"

#include <QJsonArray>
#include <QTest>

using namespace footfall;
using footfall::test::TestWorkspace;

class TestControlPlane : public QObject
{
    Q_OBJECT

private slots:
    void shapeErrors_data();
    void shapeErrors();
    void createAndDescribeTracker();
    void pagination();
    void badPagingInput_data();
    void badPagingInput();
    void everyOperationHasAHandler();
};

void TestControlPlane::shapeErrors_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("expectedMessage");

    QTest::newRow("missing name") << QStringLiteral("CreateDatasetGroup") << QJsonObject()
                                  << QStringLiteral("Missing required parameter in input: \"name\"");
    QTest::newRow("unknown member") << QStringLiteral("CreateEventTracker")
                                    << QJsonObject{{QStringLiteral("name"), QStringLiteral("t")},
                                                   {QStringLiteral("datasetGroupArn"),
                                                    QStringLiteral("arn:x")},
                                                   {QStringLiteral("colour"), QStringLiteral("red")}}
                                    << QStringLiteral(
                                           "Unknown parameter in input: \"colour\", must be one of: name, "
                                           "datasetGroupArn, tags");
    QTest::newRow("name as number") << QStringLiteral("CreateDatasetGroup")
                                    << QJsonObject{{QStringLiteral("name"), 5}}
                                    << QStringLiteral(
                                           "Invalid type for parameter name, value: 5, valid type: string");
    QTest::newRow("tags as object") << QStringLiteral("CreateDatasetGroup")
                                    << QJsonObject{{QStringLiteral("name"), QStringLiteral("g")},
                                                   {QStringLiteral("tags"), QJsonObject()}}
                                    << QStringLiteral(
                                           "Invalid type for parameter tags, value: {}, valid type: list");
    QTest::newRow("maxResults fraction")
        << QStringLiteral("ListDatasetGroups") << QJsonObject{{QStringLiteral("maxResults"), 1.5}}
        << QStringLiteral("Invalid type for parameter maxResults, value: 1.5, valid type: integer");
    QTest::newRow("unknown operation") << QStringLiteral("CreateFilter") << QJsonObject()
                                       << QStringLiteral("Unknown operation CreateFilter");
}

void TestControlPlane::shapeErrors()
{
    QFETCH(QString, operation);
    QFETCH(QJsonObject, input);
    QFETCH(QString, expectedMessage);
    TestWorkspace workspace;
    try {
        workspace->controlPlane().invoke(operation, input);
        QFAIL("no error");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), QStringLiteral("InvalidInputException"));
        QCOMPARE(error.message(), expectedMessage);
    }
    QCOMPARE(workspace.count("dataset_group"), 0);
    QCOMPARE(workspace.count("event_tracker"), 0);
}

void TestControlPlane::createAndDescribeTracker()
{
    TestWorkspace workspace;
    workspace.createShop(false);
    const QJsonObject created = workspace->controlPlane().invoke(
        QStringLiteral("CreateEventTracker"),
        {{QStringLiteral("name"), QStringLiteral("t")},
         {QStringLiteral("datasetGroupArn"), QLatin1String(TestWorkspace::kGroupArn)}});
    QCOMPARE(created.keys(), (QStringList{QStringLiteral("eventTrackerArn"), QStringLiteral("trackingId")}));
    const QJsonObject described = workspace->controlPlane().invoke(
        QStringLiteral("DescribeEventTracker"),
        {{QStringLiteral("eventTrackerArn"), created.value(QStringLiteral("eventTrackerArn"))}});
    const QJsonObject tracker = described.value(QStringLiteral("eventTracker")).toObject();
    QCOMPARE(tracker.value(QStringLiteral("trackingId")), created.value(QStringLiteral("trackingId")));
    QCOMPARE(tracker.value(QStringLiteral("status")).toString(), QStringLiteral("ACTIVE"));
    const QJsonObject deleted = workspace->controlPlane().invoke(
        QStringLiteral("DeleteEventTracker"),
        {{QStringLiteral("eventTrackerArn"), created.value(QStringLiteral("eventTrackerArn"))}});
    QVERIFY(deleted.isEmpty());
}

void TestControlPlane::pagination()
{
    TestWorkspace workspace;
    for (int i = 0; i < 5; ++i)
        workspace->controlPlane().invoke(QStringLiteral("CreateDatasetGroup"),
                                         {{QStringLiteral("name"), QStringLiteral("g%1").arg(i)}});
    QStringList seen;
    QJsonObject input{{QStringLiteral("maxResults"), 2}};
    int pages = 0;
    while (true) {
        const QJsonObject page = workspace->controlPlane().invoke(QStringLiteral("ListDatasetGroups"), input);
        ++pages;
        for (const QJsonValue& group : page.value(QStringLiteral("datasetGroups")).toArray())
            seen << group.toObject().value(QStringLiteral("name")).toString();
        if (!page.contains(QStringLiteral("nextToken")))
            break;
        input.insert(QStringLiteral("nextToken"), page.value(QStringLiteral("nextToken")));
        input.insert(QStringLiteral("maxResults"), 3); // a token does not bind the page size
    }
    QCOMPARE(pages, 2);
    QCOMPARE(seen, (QStringList{QStringLiteral("g0"), QStringLiteral("g1"), QStringLiteral("g2"),
                                QStringLiteral("g3"), QStringLiteral("g4")}));

    // The same request gives the same token: the AWS CLI's tokens and Footfall's are alike.
    const QJsonObject first{{QStringLiteral("maxResults"), 2}};
    QCOMPARE(workspace->controlPlane().invoke(QStringLiteral("ListDatasetGroups"), first),
             workspace->controlPlane().invoke(QStringLiteral("ListDatasetGroups"), first));
    // A token past the end (the groups after it were deleted meanwhile) is an empty last page.
    const QJsonObject past = workspace->controlPlane().invoke(
        QStringLiteral("ListDatasetGroups"),
        {{QStringLiteral("nextToken"), KeysetToken::encode(QStringLiteral("ListDatasetGroups"), {}, 9)}});
    QCOMPARE(past, (QJsonObject{{QStringLiteral("datasetGroups"), QJsonArray()}}));
    // An empty token is no token: the first page.
    QCOMPARE(workspace->controlPlane()
                 .invoke(QStringLiteral("ListDatasetGroups"), {{QStringLiteral("nextToken"), QString()}})
                 .value(QStringLiteral("datasetGroups"))
                 .toArray()
                 .size(),
             5);
}

void TestControlPlane::badPagingInput_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("expectedType");
    QTest::addColumn<QString>("expectedMessage");
    const QString schemas = QStringLiteral("ListSchemas");
    const QString datasets = QStringLiteral("ListDatasets");
    const QString invalidInput = QStringLiteral("InvalidInputException");
    const QString invalidToken = QStringLiteral("InvalidNextTokenException");
    const QString notValid = QStringLiteral("The token is not valid.");
    const auto withToken = [](const QString& token, QJsonObject input = {}) {
        input.insert(QStringLiteral("nextToken"), token);
        return input;
    };
    QTest::newRow("maxResults 0")
        << schemas << QJsonObject{{QStringLiteral("maxResults"), 0}} << invalidInput
        << QStringLiteral("Invalid value for parameter maxResults, value: 0, valid min value: 1");
    QTest::newRow("maxResults -5")
        << schemas << QJsonObject{{QStringLiteral("maxResults"), -5}} << invalidInput
        << QStringLiteral("Invalid value for parameter maxResults, value: -5, valid min value: 1");
    QTest::newRow("maxResults 101")
        << schemas << QJsonObject{{QStringLiteral("maxResults"), 101}} << invalidInput
        << QStringLiteral("Invalid value for parameter maxResults, value: 101, valid max value: 100");
    QTest::newRow("maxResults a string")
        << schemas << QJsonObject{{QStringLiteral("maxResults"), QStringLiteral("ten")}} << invalidInput
        << QStringLiteral("Invalid type for parameter maxResults, value: ten, valid type: integer");
    QTest::newRow("nextToken a number")
        << schemas << QJsonObject{{QStringLiteral("nextToken"), 2}} << invalidInput
        << QStringLiteral("Invalid type for parameter nextToken, value: 2, valid type: string");
    QTest::newRow("forged token") << schemas << withToken(QStringLiteral("bm9wZQ==")) << invalidToken
                                  << notValid;
    QTest::newRow("not base64") << schemas << withToken(QStringLiteral("***")) << invalidToken << notValid;
    QTest::newRow("another list's token")
        << schemas << withToken(KeysetToken::encode(QStringLiteral("ListDatasetGroups"), {}, 1))
        << invalidToken << notValid;
    const QByteArray good = QByteArray::fromBase64(KeysetToken::encode(schemas, {}, 1).toLatin1());
    QByteArray edited = good;
    edited.replace(":1:", ":2:");
    QTest::newRow("edited position") << schemas << withToken(QString::fromLatin1(edited.toBase64()))
                                     << invalidToken << notValid;
    QTest::newRow("position 0") << schemas << withToken(KeysetToken::encode(schemas, {}, 0)) << invalidToken
                                << notValid;
    const QJsonObject shop{{QStringLiteral("datasetGroupArn"),
                            QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/shop")}};
    QTest::newRow("a token of other filters")
        << datasets << withToken(KeysetToken::encode(datasets, shop, 1)) << invalidToken << notValid;
    QTest::newRow("longer than 1500")
        << schemas << withToken(QString(1501, QLatin1Char('A'))) << invalidToken << notValid;
    QTest::newRow("not ASCII") << schemas << withToken(QStringLiteral("T\u00e9")) << invalidToken << notValid;
}

void TestControlPlane::badPagingInput()
{
    QFETCH(QString, operation);
    QFETCH(QJsonObject, input);
    QFETCH(QString, expectedType);
    QFETCH(QString, expectedMessage);
    TestWorkspace workspace;
    try {
        workspace->controlPlane().invoke(operation, input);
        QFAIL("no error");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), expectedType);
        QCOMPARE(error.message(), expectedMessage);
    }
}

void TestControlPlane::everyOperationHasAHandler()
{
    TestWorkspace workspace;
    for (const ApiOperation& operation : ControlPlane::operations()) {
        try {
            workspace->controlPlane().invoke(operation.name, {});
        } catch (const ServiceError& error) {
            QVERIFY2(!error.message().startsWith(QLatin1String("Unknown operation")),
                     qPrintable(operation.name));
        }
    }
}

QTEST_GUILESS_MAIN(TestControlPlane)
#include "TestControlPlane.moc"
