#include "DatasetGroupService.h"
#include "FieldRule.h"
#include "ServiceError.h"

#include <QTest>

using namespace footfall;

class TestFieldRule : public QObject
{
    Q_OBJECT

private slots:
    void resourceName_data();
    void resourceName();
    void arn_data();
    void arn();
    void enforceThrowsInvalidInputNamingTheParameter();
    void lengthCountsCodePoints();
};

void TestFieldRule::resourceName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expectedError"); // empty: valid

    const QString pattern = QStringLiteral("valid pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*$ (a letter or digit "
                                           "first, then letters, digits, '-' or '_')");
    QTest::newRow("one char") << QStringLiteral("a") << QString();
    QTest::newRow("63 chars") << QString(63, QLatin1Char('n')) << QString();
    QTest::newRow("64 chars") << QString(64, QLatin1Char('n'))
                              << QStringLiteral(
                                     "Invalid length for parameter name, value: 64, valid max length: 63");
    QTest::newRow("empty") << QString()
                           << QStringLiteral(
                                  "Invalid length for parameter name, value: 0, valid min length: 1");
    QTest::newRow("digit first") << QStringLiteral("1shop") << QString();
    QTest::newRow("hyphen and underscore") << QStringLiteral("my-shop_2") << QString();
    QTest::newRow("leading hyphen") << QStringLiteral("-shop")
                                    << QStringLiteral(
                                           "Invalid value for parameter name, value: \"-shop\", ") +
                                           pattern;
    QTest::newRow("leading underscore")
        << QStringLiteral("_shop")
        << QStringLiteral("Invalid value for parameter name, value: \"_shop\", ") + pattern;
    QTest::newRow("space") << QStringLiteral("my shop")
                           << QStringLiteral("Invalid value for parameter name, value: \"my shop\", ") +
                                  pattern;
    QTest::newRow("dot") << QStringLiteral("my.shop")
                         << QStringLiteral("Invalid value for parameter name, value: \"my.shop\", ") +
                                pattern;
    QTest::newRow("non-ASCII letter")
        << QStringLiteral("caf\u00e9")
        << QStringLiteral("Invalid value for parameter name, value: \"caf\u00e9\", ") + pattern;
    QTest::newRow("trailing newline")
        << QStringLiteral("shop\n")
        << QStringLiteral("Invalid value for parameter name, value: \"shop\n\", ") + pattern;
}

void TestFieldRule::resourceName()
{
    QFETCH(QString, name);
    QFETCH(QString, expectedError);
    const auto problem = DatasetGroupService::checkName(name);
    QCOMPARE(problem.value_or(QString()), expectedError);
}

void TestFieldRule::arn_data()
{
    QTest::addColumn<QString>("arn");
    QTest::addColumn<bool>("valid");
    QTest::newRow("dataset group") << QStringLiteral(
                                          "arn:aws:personalize:us-east-1:000000000000:dataset-group/g")
                                   << true;
    QTest::newRow("other partition") << QStringLiteral("arn:aws-cn:personalize:cn-north-1:1:schema/s")
                                     << true;
    QTest::newRow("other service") << QStringLiteral("arn:aws:s3:::bucket") << false;
    QTest::newRow("no resource") << QStringLiteral("arn:aws:personalize:us-east-1:000000000000:") << false;
    QTest::newRow("plain name") << QStringLiteral("shop") << false;
    QTest::newRow("256 chars") << QStringLiteral("arn:aws:personalize:r:a:x/") +
                                      QString(230, QLatin1Char('a'))
                               << true;
    QTest::newRow("257 chars") << QStringLiteral("arn:aws:personalize:r:a:x/") +
                                      QString(231, QLatin1Char('a'))
                               << false;
}

void TestFieldRule::arn()
{
    QFETCH(QString, arn);
    QFETCH(bool, valid);
    QCOMPARE(!FieldRule::arn().check(QStringLiteral("datasetGroupArn"), arn).has_value(), valid);
}

void TestFieldRule::enforceThrowsInvalidInputNamingTheParameter()
{
    try {
        FieldRule::resourceName().enforce(QStringLiteral("name"), QString());
        QFAIL("no exception");
    } catch (const ServiceError& error) {
        QCOMPARE(error.code(), ErrorCode::InvalidInput);
        QCOMPARE(error.typeName(), QStringLiteral("InvalidInputException"));
        QCOMPARE(error.parameter(), QStringLiteral("name"));
    }
}

void TestFieldRule::lengthCountsCodePoints()
{
    QCOMPARE(FieldRule::lengthOf(QStringLiteral("abc")), 3);
    QCOMPARE(FieldRule::lengthOf(QString::fromUtf8("\xF0\x9F\x91\xA3")), 1); // one emoji, two UTF-16 units
    QCOMPARE(FieldRule::lengthOf(QString()), 0);
}

QTEST_GUILESS_MAIN(TestFieldRule)
#include "TestFieldRule.moc"
