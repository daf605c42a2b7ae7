#include "SignatureVerifier.h"

#include <QCryptographicHash>
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

} // namespace

SignatureVerifier::SignatureVerifier(QHash<QString, QString> secretsByAccessKeyId)
    : m_secrets(std::move(secretsByAccessKeyId))
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

std::optional<SignatureVerifier::Failure> SignatureVerifier::verify(const EndpointRequest& request) const
{
    const QByteArray authorization = request.header("authorization");
    if (authorization.isEmpty()) {
        return Failure{
            QStringLiteral("MissingAuthenticationTokenException"),
            QStringLiteral("Missing Authentication Token: this endpoint requires AWS Signature Version 4")};
    }
    static const QRegularExpression pattern(
        QStringLiteral("^AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, "
                       "?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$"));
    const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(authorization).trimmed());
    if (!match.hasMatch()) {
        return Failure{QStringLiteral("IncompleteSignatureException"),
                       QStringLiteral("The Authorization header is not an AWS Signature Version 4 header")};
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
    const QByteArray amzDate = request.header("x-amz-date");
    if (amzDate.isEmpty()) {
        return Failure{QStringLiteral("IncompleteSignatureException"),
                       QStringLiteral("The request has no X-Amz-Date header")};
    }

    QByteArray canonicalHeaders;
    const QList<QByteArray> signedHeaders = match.captured(5).toLatin1().split(';');
    for (const QByteArray& name : signedHeaders)
        canonicalHeaders += name + ':' + canonicalHeaderValue(request.header(name)) + '\n';
    const QByteArray canonicalRequest = request.method + '\n' + QUrl::toPercentEncoding(request.path, "/~") +
                                        '\n' + QByteArray() + '\n' + canonicalHeaders + '\n' +
                                        match.captured(5).toLatin1() + '\n' + sha256Hex(request.body);
    const QByteArray scope = match.captured(2).toLatin1() + '/' + match.captured(3).toLatin1() + '/' +
                             match.captured(4).toLatin1() + "/aws4_request";
    const QByteArray stringToSign =
        "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
    const QByteArray expected =
        signature(secret->toUtf8(), match.captured(2).toLatin1(), match.captured(3).toLatin1(),
                  match.captured(4).toLatin1(), stringToSign);
    if (expected != match.captured(6).toLatin1()) {
        return Failure{
            QStringLiteral("InvalidSignatureException"),
            QStringLiteral("The request signature we calculated does not match the signature you provided. "
                           "Check your AWS Secret Access Key and signing method.")};
    }
    return std::nullopt;
}

} // namespace footfall
