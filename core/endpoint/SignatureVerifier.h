#pragma once

#include "EndpointRouter.h"

#include <QHash>
#include <QString>

#include <optional>

namespace footfall {

// Checks AWS Signature Version 4 on a request, against access keys the user configured.
// Returns nothing when the request is signed correctly; otherwise the AWS error type and message
// to answer with (HTTP 403).
class SignatureVerifier
{
public:
    struct Failure
    {
        QString type;
        QString message;
    };

    explicit SignatureVerifier(QHash<QString, QString> secretsByAccessKeyId);

    std::optional<Failure> verify(const EndpointRequest& request) const;

    // "ID:SECRET,ID2:SECRET2" (as in FOOTFALL_ACCESS_KEYS) into a map; empty entries are skipped.
    static QHash<QString, QString> parseKeys(const QString& text);
    // The signature SigV4 gives these parts; exposed for tests.
    static QByteArray signature(const QByteArray& secret, const QByteArray& date, const QByteArray& region,
                                const QByteArray& service, const QByteArray& stringToSign);

private:
    QHash<QString, QString> m_secrets;
};

} // namespace footfall
