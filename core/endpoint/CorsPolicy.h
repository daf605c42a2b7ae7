#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace footfall {

// Which web pages may call the endpoint (CORS), and the headers that tell a browser so. A server
// on loopback lets any origin in, unless origins are named; beyond loopback only named origins
// are let in. "*" among the names lets any origin in. Browsers do not sign preflights, so the
// router answers them before any signature check.
class CorsPolicy
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    static constexpr int kMaxAgeSeconds = 7200; // Chromium caches a preflight for at most 2 hours

    CorsPolicy() = default; // lets no origin in
    static CorsPolicy forAddress(bool loopback, const QStringList& origins);

    // `origin` as a browser sends it in an Origin header (scheme://host[:port], lower case, no
    // default port, no path), or "*"; empty when it is not an origin.
    static QString normalizedOrigin(const QString& origin);

    bool allowsAnyOrigin() const { return m_anyOrigin; }
    QStringList origins() const { return m_origins; }
    bool allows(const QByteArray& origin) const;

    // What every reply to a request with this Origin header (possibly empty) carries.
    Headers replyHeaders(const QByteArray& origin) const;
    // What a preflight from an allowed origin gets besides replyHeaders(), with status 204.
    static Headers preflightHeaders();

private:
    bool m_anyOrigin = false;
    QStringList m_origins; // normalized
};

} // namespace footfall
