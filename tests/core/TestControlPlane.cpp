#include "ControlPlane.h"
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
    }
    QCOMPARE(pages, 3);
    QCOMPARE(seen, (QStringList{QStringLiteral("g0"), QStringLiteral("g1"), QStringLiteral("g2"),
                                QStringLiteral("g3"), QStringLiteral("g4")}));
}

void TestControlPlane::badPagingInput_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("expectedType");
    QTest::addColumn<QString>("expectedMessage");
    QTest::newRow("maxResults 0")
        << QJsonObject{{QStringLiteral("maxResults"), 0}} << QStringLiteral("InvalidInputException")
        << QStringLiteral("Invalid value for parameter maxResults, value: 0, valid range: 1-100");
    QTest::newRow("maxResults 101")
        << QJsonObject{{QStringLiteral("maxResults"), 101}} << QStringLiteral("InvalidInputException")
        << QStringLiteral("Invalid value for parameter maxResults, value: 101, valid range: 1-100");
    QTest::newRow("forged token") << QJsonObject{{QStringLiteral("nextToken"), QStringLiteral("bm9wZQ==")}}
                                  << QStringLiteral("InvalidNextTokenException")
                                  << QStringLiteral("The token is not valid");
    QTest::newRow("not base64") << QJsonObject{{QStringLiteral("nextToken"), QStringLiteral("***")}}
                                << QStringLiteral("InvalidNextTokenException")
                                << QStringLiteral("The token is not valid");
}

void TestControlPlane::badPagingInput()
{
    QFETCH(QJsonObject, input);
    QFETCH(QString, expectedType);
    QFETCH(QString, expectedMessage);
    TestWorkspace workspace;
    try {
        workspace->controlPlane().invoke(QStringLiteral("ListSchemas"), input);
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
