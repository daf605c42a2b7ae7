#include "SignatureVerifier.h"

#include "Clock.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QUrl>

namespace footfall {

namespace {

QByteArray hmac(const QByteArray& key, const QByteArray& message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray sha256Hex(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray canonicalHeaderValue(QByteArray value)
{
    return value.simplified();
}

constexpr QLatin1String kService("personalize");
const QString kAmzDateFormat = QStringLiteral("yyyyMMdd'T'HHmmss'Z'");

// An X-Amz-Date in ISO 8601 basic format (20240102T030405Z), or an invalid date-time.
QDateTime parseAmzDate(const QByteArray& value)
{
    static const QRegularExpression form(
        QStringLiteral("^([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z$"));
    const QRegularExpressionMatch match = form.match(QString::fromLatin1(value));
    if (!match.hasMatch())
        return {};
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    const QTime time(match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt());
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

QString amzDate(qint64 secondsSinceEpoch)
{
    return QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, Qt::UTC).toString(kAmzDateFormat);
}

SignatureVerifier::Failure incomplete(const QString& message)
{
    return {QStringLiteral("IncompleteSignatureException"), message};
}

SignatureVerifier::Failure invalid(const QString& message)
{
    return {QStringLiteral("InvalidSignatureException"), message};
}

} // namespace

SignatureVerifier::SignatureVerifier(QHash<QString, QString> secretsByAccessKeyId, const Clock& clock)
    : m_secrets(std::move(secretsByAccessKeyId))
    , m_clock(clock)
{}

QHash<QString, QString> SignatureVerifier::parseKeys(const QString& text)
{
    QHash<QString, QString> keys;
    for (const QString& entry : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const int colon = entry.indexOf(QLatin1Char(':'));
        if (colon > 0)
            keys.insert(entry.left(colon).trimmed(), entry.mid(colon + 1).trimmed());
    }
    return keys;
}

QByteArray SignatureVerifier::signature(const QByteArray& secret, const QByteArray& date,
                                        const QByteArray& region, const QByteArray& service,
                                        const QByteArray& stringToSign)
{
    const QByteArray dateKey = hmac("AWS4" + secret, date);
    const QByteArray regionKey = hmac(dateKey, region);
    const QByteArray serviceKey = hmac(regionKey, service);
    const QByteArray signingKey = hmac(serviceKey, "aws4_request");
    return hmac(signingKey, stringToSign).toHex();
}

bool SignatureVerifier::constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    // Every byte is looked at whatever the ones before were, so the time taken tells an attacker
    // nothing about how much of a guessed signature was right.
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

std::optional<SignatureVerifier::Failure> SignatureVerifier::verify(const EndpointRequest& request) const
{
    const QByteArray authorization = request.header("authorization");
    if (authorization.isEmpty()) {
        return Failure{
            QStringLiteral("MissingAuthenticationTokenException"),
            QStringLiteral("Missing Authentication Token: this endpoint requires AWS Signature Version 4")};
    }
    static const QRegularExpression pattern(
        QStringLiteral("^AWS4-HMAC-SHA256 Credential=([^/]+)/([0-9]{8})/([^/]+)/([^/]+)/aws4_request, "
                       "?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$"));
    const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(authorization).trimmed());
    if (!match.hasMatch())
        return incomplete(
            QStringLiteral("The Authorization header is not an AWS Signature Version 4 header"));
    const QByteArray signedHeaderList = match.captured(5).toLatin1();
    const QList<QByteArray> signedHeaders = signedHeaderList.split(';');
    if (!signedHeaders.contains("host")) {
        return incomplete(
            QStringLiteral("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
    }
    if (!signedHeaders.contains("x-amz-date"))
        return incomplete(QStringLiteral("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization."));
    const QByteArray amzDateHeader = request.header("x-amz-date");
    if (amzDateHeader.isEmpty())
        return incomplete(QStringLiteral("The request has no X-Amz-Date header"));
    const QDateTime signedAt = parseAmzDate(amzDateHeader);
    if (!signedAt.isValid()) {
        return incomplete(QStringLiteral("Date must be in ISO-8601 'basic format'. Got '%1'. See "
                                         "http://en.wikipedia.org/wiki/ISO_8601")
                              .arg(QString::fromLatin1(amzDateHeader)));
    }
    const QString scopeDate = match.captured(2);
    const QString scopeRegion = match.captured(3);
    const QString scopeService = match.captured(4);
    if (scopeService != kService)
        return invalid(QStringLiteral("Credential should be scoped to correct service: '%1'.").arg(kService));
    const QString headerDay = QString::fromLatin1(amzDateHeader.left(8));
    if (scopeDate != headerDay) {
        return invalid(
            QStringLiteral("Date in Credential scope does not match YYYYMMDD from ISO-8601 version "
                           "of date from HTTP: '%1' != '%2', from '%3'.")
                .arg(scopeDate, headerDay, QString::fromLatin1(amzDateHeader)));
    }
    const qint64 signedSeconds = signedAt.toSecsSinceEpoch();
    const qint64 nowSeconds = m_clock.nowMs() / 1000;
    if (signedSeconds < nowSeconds - kMaxSkewSeconds) {
        return invalid(QStringLiteral("Signature expired: %1 is now earlier than %2 (%3 - 15 min.)")
                           .arg(QString::fromLatin1(amzDateHeader), amzDate(nowSeconds - kMaxSkewSeconds),
                                amzDate(nowSeconds)));
    }
    if (signedSeconds > nowSeconds + kMaxSkewSeconds) {
        return invalid(QStringLiteral("Signature not yet current: %1 is still later than %2 (%3 + 15 min.)")
                           .arg(QString::fromLatin1(amzDateHeader), amzDate(nowSeconds + kMaxSkewSeconds),
                                amzDate(nowSeconds)));
    }
    const QString accessKeyId = match.captured(1);
    const auto secret = m_secrets.constFind(accessKeyId);
    if (secret == m_secrets.constEnd()) {
        return Failure{
            QStringLiteral("UnrecognizedClientException"),
            QStringLiteral("The security token included in the request is invalid: access key %1 is not "
                           "configured for this endpoint")
                .arg(accessKeyId)};
    }

    QByteArray canonicalHeaders;
    for (const QByteArray& name : signedHeaders)
        canonicalHeaders += name + ':' + canonicalHeaderValue(request.header(name)) + '\n';
    const QByteArray canonicalRequest = request.method + '\n' + QUrl::toPercentEncoding(request.path, "/~") +
                                        '\n' + QByteArray() + '\n' + canonicalHeaders + '\n' +
                                        signedHeaderList + '\n' + sha256Hex(request.body);
    const QByteArray scope =
        scopeDate.toLatin1() + '/' + scopeRegion.toLatin1() + '/' + scopeService.toLatin1() + "/aws4_request";
    const QByteArray stringToSign =
        "AWS4-HMAC-SHA256\n" + amzDateHeader + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
    const QByteArray expected = signature(secret->toUtf8(), scopeDate.toLatin1(), scopeRegion.toLatin1(),
                                          scopeService.toLatin1(), stringToSign);
    if (!constantTimeEquals(expected, match.captured(6).toLatin1())) {
        return invalid(QStringLiteral("The request signature we calculated does not match the signature you "
                                      "provided. Check your AWS Secret Access Key and signing method."));
    }
    return std::nullopt;
}

} // namespace footfall
