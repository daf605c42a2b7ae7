#pragma once

#include "EndpointRouter.h"

#include <QHash>
#include <QString>

#include <optional>

namespace footfall {

class Clock;

// Checks AWS Signature Version 4 on a request, against access keys the user configured, as AWS
// checks it: the signed headers, the X-Amz-Date (its form, and within 15 minutes of `clock`), the
// credential scope (service personalize, the X-Amz-Date's day) and the signature itself.
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

    // How far an X-Amz-Date may be from `clock`, either way, as on AWS.
    static constexpr qint64 kMaxSkewSeconds = 15 * 60;

    // `clock` must outlive the verifier.
    SignatureVerifier(QHash<QString, QString> secretsByAccessKeyId, const Clock& clock);
    Q_DISABLE_COPY_MOVE(SignatureVerifier)

    std::optional<Failure> verify(const EndpointRequest& request) const;

    // "ID:SECRET,ID2:SECRET2" (as in FOOTFALL_ACCESS_KEYS) into a map; empty entries are skipped.
    static QHash<QString, QString> parseKeys(const QString& text);
    // The signature SigV4 gives these parts; exposed for tests.
    static QByteArray signature(const QByteArray& secret, const QByteArray& date, const QByteArray& region,
                                const QByteArray& service, const QByteArray& stringToSign);
    // Whether `a` equals `b`, in a time that does not depend on where they first differ.
    static bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

private:
    QHash<QString, QString> m_secrets;
    const Clock& m_clock;
};

} // namespace footfall
