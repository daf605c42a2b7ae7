#include "CorsPolicy.h"

#include <QUrl>

namespace footfall {

CorsPolicy CorsPolicy::forAddress(bool loopback, const QStringList& origins)
{
    CorsPolicy policy;
    for (const QString& origin : origins) {
        const QString normalized = normalizedOrigin(origin);
        if (normalized == QLatin1String("*"))
            policy.m_anyOrigin = true;
        else if (!normalized.isEmpty() && !policy.m_origins.contains(normalized))
            policy.m_origins.append(normalized);
    }
    if (origins.isEmpty() && loopback)
        policy.m_anyOrigin = true;
    return policy;
}

QString CorsPolicy::normalizedOrigin(const QString& origin)
{
    const QString trimmed = origin.trimmed();
    if (trimmed == QLatin1String("*"))
        return trimmed;
    const QUrl url(trimmed.endsWith(QLatin1Char('/')) ? trimmed.chopped(1) : trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty() || !url.userInfo().isEmpty() || !url.path().isEmpty() || url.hasQuery() ||
        url.hasFragment())
        return {};
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    QString host = url.host(QUrl::FullyEncoded).toLower();
    if (host.contains(QLatin1Char(':')))
        host = QStringLiteral("[%1]").arg(host);
    const int port = url.port(defaultPort);
    return port == defaultPort ? QStringLiteral("%1://%2").arg(scheme, host)
                               : QStringLiteral("%1://%2:%3").arg(scheme, host).arg(port);
}

bool CorsPolicy::allows(const QByteArray& origin) const
{
    return m_anyOrigin || m_origins.contains(QString::fromLatin1(origin));
}

CorsPolicy::Headers CorsPolicy::replyHeaders(const QByteArray& origin) const
{
    Headers headers;
    if (m_anyOrigin) {
        headers.emplaceBack("Access-Control-Allow-Origin", "*");
    } else {
        // The answer depends on the Origin header, so caches must keep one per origin.
        headers.emplaceBack("Vary", "Origin");
        if (origin.isEmpty() || !allows(origin))
            return headers;
        headers.emplaceBack("Access-Control-Allow-Origin", origin);
    }
    headers.emplaceBack("Access-Control-Expose-Headers", "x-amzn-RequestId, x-amzn-ErrorType");
    return headers;
}

CorsPolicy::Headers CorsPolicy::preflightHeaders()
{
    return {{"Access-Control-Allow-Methods", "POST, OPTIONS"},
            {"Access-Control-Allow-Headers",
             "amz-sdk-invocation-id, amz-sdk-request, authorization, content-type, x-amz-content-sha256, "
             "x-amz-date, x-amz-security-token, x-amz-target, x-amz-user-agent"},
            {"Access-Control-Max-Age", QByteArray::number(kMaxAgeSeconds)}};
}

} // namespace footfall
