#include "Clock.h"
#include "SignatureVerifier.h"

#include <QDateTime>
#include <QTest>

using namespace footfall;

namespace {

// A PutUsers request exactly as Debian's boto3 1.26.27 sent it to a local endpoint, signed with the
// key pair test/test: the signature is botocore's, not one this test computed.
const QByteArray kAmzDate = "20261129T131124Z";
const QByteArray kAuthorization =
    "AWS4-HMAC-SHA256 Credential=test/20261129/us-east-1/personalize/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date, "
    "Signature=6d21c6598f39187a1ee89803ea2d6dba7dd1de05a386b4539a11d72bdb8b5791";
const QByteArray kBody = "{\"datasetArn\": \"arn:aws:personalize:us-east-1:000000000000:dataset/dg1/USERS\", "
                         "\"users\": [{\"userId\": \"u1\", \"properties\": "
                         "\"{\\\"age\\\": 30, \\\"gender\\\": \\\"F\\\"}\"}]}";
const qint64 kSignedAtMs = QDateTime(QDate(2026, 11, 29), QTime(13, 11, 24), Qt::UTC).toMSecsSinceEpoch();

QByteArray replaced(QByteArray text, const QByteArray& before, const QByteArray& after)
{
    return text.replace(before, after);
}

} // namespace

// SigV4 as AWS checks it: every refusal with the exception type and message AWS answers with.
class TestSignatureVerifier : public QObject
{
    Q_OBJECT

private slots:
    void verify_data();
    void verify();
    void followsTheClock();
    void constantTimeEquals_data();
    void constantTimeEquals();
};

void TestSignatureVerifier::verify_data()
{
    QTest::addColumn<QByteArray>("authorization"); // empty: no Authorization header
    QTest::addColumn<QByteArray>("amzDate");       // empty: no X-Amz-Date header
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("clockOffsetSeconds"); // the server's clock minus the signing time
    QTest::addColumn<QString>("type");              // empty: accepted
    QTest::addColumn<QString>("message");

    const QString incomplete = QStringLiteral("IncompleteSignatureException");
    const QString invalid = QStringLiteral("InvalidSignatureException");
    const QString mismatch =
        QStringLiteral("The request signature we calculated does not match the signature "
                       "you provided. Check your AWS Secret Access Key and signing method.");

    QTest::newRow("as boto3 signed it")
        << kAuthorization << kAmzDate << kBody << qint64(0) << QString() << QString();
    QTest::newRow("server 14 min later")
        << kAuthorization << kAmzDate << kBody << qint64(14 * 60) << QString() << QString();
    QTest::newRow("server 14 min earlier")
        << kAuthorization << kAmzDate << kBody << qint64(-14 * 60) << QString() << QString();
    QTest::newRow("server exactly 15 min later")
        << kAuthorization << kAmzDate << kBody << qint64(15 * 60) << QString() << QString();
    QTest::newRow("server exactly 15 min earlier")
        << kAuthorization << kAmzDate << kBody << qint64(-15 * 60) << QString() << QString();

    QTest::newRow("server 15 min 1 s later")
        << kAuthorization << kAmzDate << kBody << qint64(15 * 60 + 1) << invalid
        << QStringLiteral("Signature expired: 20261129T131124Z is now earlier than 20261129T131125Z "
                          "(20261129T132625Z - 15 min.)");
    QTest::newRow("server 16 min later")
        << kAuthorization << kAmzDate << kBody << qint64(16 * 60) << invalid
        << QStringLiteral("Signature expired: 20261129T131124Z is now earlier than 20261129T131224Z "
                          "(20261129T132724Z - 15 min.)");
    QTest::newRow("server a day later, bad signature too")
        << replaced(kAuthorization, "Signature=6d21", "Signature=0d21") << kAmzDate << kBody
        << qint64(24 * 3600) << invalid
        << QStringLiteral("Signature expired: 20261129T131124Z is now earlier than 20261130T125624Z "
                          "(20261130T131124Z - 15 min.)");
    QTest::newRow("server 15 min 1 s earlier")
        << kAuthorization << kAmzDate << kBody << qint64(-(15 * 60 + 1)) << invalid
        << QStringLiteral("Signature not yet current: 20261129T131124Z is still later than 20261129T131123Z "
                          "(20261129T125623Z + 15 min.)");
    QTest::newRow("server 16 min earlier")
        << kAuthorization << kAmzDate << kBody << qint64(-16 * 60) << invalid
        << QStringLiteral("Signature not yet current: 20261129T131124Z is still later than 20261129T131024Z "
                          "(20261129T125524Z + 15 min.)");

    const auto badDate = [&](const char* name, const QByteArray& date) {
        QTest::newRow(name) << kAuthorization << date << kBody << qint64(0) << incomplete
                            << QStringLiteral("Date must be in ISO-8601 'basic format'. Got '%1'. See "
                                              "http://en.wikipedia.org/wiki/ISO_8601")
                                   .arg(QString::fromLatin1(date));
    };
    badDate("date with separators", "2026-11-29T13:11:24Z");
    badDate("date without Z", "20261129T131124");
    badDate("date with fraction", "20261129T131124.5Z");
    badDate("date with offset", "20261129T131124+0000");
    badDate("date in HTTP format", "Sun, 29 Nov 2026 13:11:24 GMT");
    badDate("lower-case t", "20261129t131124Z");
    badDate("31 November", "20261131T131124Z");
    badDate("hour 24", "20261129T241124Z");
    badDate("second 60", "20261129T131160Z");
    badDate("unicode digits", "２0261129T131124Z");
    QTest::newRow("no X-Amz-Date") << kAuthorization << QByteArray() << kBody << qint64(0) << incomplete
                                   << QStringLiteral("The request has no X-Amz-Date header");

    QTest::newRow("scoped to personalize-events")
        << replaced(kAuthorization, "/personalize/", "/personalize-events/") << kAmzDate << kBody << qint64(0)
        << invalid << QStringLiteral("Credential should be scoped to correct service: 'personalize'.");
    QTest::newRow("scoped to s3") << replaced(kAuthorization, "/personalize/", "/s3/") << kAmzDate << kBody
                                  << qint64(0) << invalid
                                  << QStringLiteral("Credential should be scoped to correct service: "
                                                    "'personalize'.");
    QTest::newRow("scope a day earlier than X-Amz-Date")
        << replaced(kAuthorization, "/20261129/", "/20261128/") << kAmzDate << kBody << qint64(0) << invalid
        << QStringLiteral("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                          "from HTTP: '20261128' != '20261129', from '20261129T131124Z'.");
    QTest::newRow("X-Amz-Date a day after the scope")
        << kAuthorization << QByteArray("20261130T131124Z") << kBody << qint64(24 * 3600) << invalid
        << QStringLiteral("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                          "from HTTP: '20261129' != '20261130', from '20261130T131124Z'.");

    QTest::newRow("host not signed")
        << replaced(kAuthorization, "content-type;host;x-amz-date", "content-type;x-amz-date") << kAmzDate
        << kBody << qint64(0) << incomplete
        << QStringLiteral("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    QTest::newRow("x-amz-date not signed")
        << replaced(kAuthorization, "content-type;host;x-amz-date", "content-type;host") << kAmzDate << kBody
        << qint64(0) << incomplete
        << QStringLiteral("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
    QTest::newRow("only host signed")
        << replaced(kAuthorization, "content-type;host;x-amz-date", "host") << kAmzDate << kBody << qint64(0)
        << incomplete << QStringLiteral("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");

    QTest::newRow("signature's first digit wrong")
        << replaced(kAuthorization, "Signature=6d21", "Signature=7d21") << kAmzDate << kBody << qint64(0)
        << invalid << mismatch;
    QTest::newRow("signature's last digit wrong") << replaced(kAuthorization, "b5791", "b5792") << kAmzDate
                                                  << kBody << qint64(0) << invalid << mismatch;
    QTest::newRow("body changed after signing")
        << kAuthorization << kAmzDate << replaced(kBody, "\"u1\"", "\"u2\"") << qint64(0) << invalid
        << mismatch;
    QTest::newRow("X-Amz-Date changed after signing")
        << kAuthorization << QByteArray("20261129T131125Z") << kBody << qint64(0) << invalid << mismatch;
    QTest::newRow("region changed after signing") << replaced(kAuthorization, "/us-east-1/", "/eu-west-1/")
                                                  << kAmzDate << kBody << qint64(0) << invalid << mismatch;

    QTest::newRow("unknown access key")
        << replaced(kAuthorization, "Credential=test/", "Credential=other/") << kAmzDate << kBody << qint64(0)
        << QStringLiteral("UnrecognizedClientException")
        << QStringLiteral("The security token included in the request is invalid: access key other is not "
                          "configured for this endpoint");
    QTest::newRow("no Authorization")
        << QByteArray() << kAmzDate << kBody << qint64(0)
        << QStringLiteral("MissingAuthenticationTokenException")
        << QStringLiteral("Missing Authentication Token: this endpoint requires AWS Signature Version 4");
    QTest::newRow("not SigV4") << replaced(kAuthorization, "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512") << kAmzDate
                               << kBody << qint64(0) << incomplete
                               << QStringLiteral("The Authorization header is not an AWS Signature Version 4 "
                                                 "header");
}

void TestSignatureVerifier::verify()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QByteArray, amzDate);
    QFETCH(QByteArray, body);
    QFETCH(qint64, clockOffsetSeconds);
    QFETCH(QString, type);
    QFETCH(QString, message);

    EndpointRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/users");
    request.body = body;
    request.headers = {{"Accept-Encoding", "identity"},
                       {"Content-Type", "application/json"},
                       {"User-Agent", "Boto3/1.26.27 Python/3.11.2 Botocore/1.29.27"},
                       {"host", "127.0.0.1:43311"}};
    if (!amzDate.isEmpty())
        request.headers.append({"X-Amz-Date", amzDate});
    if (!authorization.isEmpty())
        request.headers.append({"Authorization", authorization});

    const ManualClock clock(kSignedAtMs + clockOffsetSeconds * 1000);
    const SignatureVerifier verifier({{QStringLiteral("test"), QStringLiteral("test")}}, clock);
    const auto failure = verifier.verify(request);
    if (type.isEmpty()) {
        QVERIFY2(!failure,
                 failure ? qPrintable(failure->type + QStringLiteral(": ") + failure->message) : "");
        return;
    }
    QVERIFY(failure);
    QCOMPARE(failure->type, type);
    QCOMPARE(failure->message, message);
}

void TestSignatureVerifier::followsTheClock()
{
    EndpointRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/users");
    request.body = kBody;
    request.headers = {{"Content-Type", "application/json"},
                       {"host", "127.0.0.1:43311"},
                       {"X-Amz-Date", kAmzDate},
                       {"Authorization", kAuthorization}};
    ManualClock clock(kSignedAtMs);
    const SignatureVerifier verifier({{QStringLiteral("test"), QStringLiteral("test")}}, clock);
    QVERIFY(!verifier.verify(request));
    // Milliseconds do not count: 15 min 0.999 s is still within the 15 minutes.
    clock.advanceMs(15 * 60 * 1000 + 999);
    QVERIFY(!verifier.verify(request));
    clock.advanceMs(1);
    const auto failure = verifier.verify(request);
    QVERIFY(failure);
    QCOMPARE(failure->type, QStringLiteral("InvalidSignatureException"));
    clock.setNowMs(kSignedAtMs);
    QVERIFY(!verifier.verify(request));
}

void TestSignatureVerifier::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    const QByteArray signature = "6d21c6598f39187a1ee89803ea2d6dba7dd1de05a386b4539a11d72bdb8b5791";
    QTest::newRow("same") << signature << QByteArray(signature) << true;
    QTest::newRow("first byte differs") << signature << replaced(signature, "6d21", "7d21") << false;
    QTest::newRow("last byte differs") << signature << replaced(signature, "5791", "5790") << false;
    QTest::newRow("only the high bit differs")
        << QByteArray("a") << QByteArray(1, char(uchar('a') | 0x80)) << false;
    QTest::newRow("prefix") << signature << signature.left(63) << false;
    QTest::newRow("longer") << signature << signature + '0' << false;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
}

void TestSignatureVerifier::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(SignatureVerifier::constantTimeEquals(a, b), equal);
    QCOMPARE(SignatureVerifier::constantTimeEquals(b, a), equal);
}

QTEST_GUILESS_MAIN(TestSignatureVerifier)
#include "TestSignatureVerifier.moc"
