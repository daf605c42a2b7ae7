#include "KeysetToken.h"

#include "ServiceError.h"

namespace footfall::KeysetToken {

namespace {
constexpr qsizetype kMaxTokenChars = 1500; // the service model's nextToken limit
}

QString encode(const QString& kind, qint64 boundId)
{
    return QString::fromLatin1(QStringLiteral("footfall-%1:%2").arg(kind).arg(boundId).toUtf8().toBase64());
}

qint64 boundIdOf(const QString& kind, const QJsonObject& input)
{
    const QString token = input.value(QLatin1String("nextToken")).toString();
    if (!input.contains(QLatin1String("nextToken")))
        return 0;
    const QByteArray prefix = QStringLiteral("footfall-%1:").arg(kind).toUtf8();
    const QByteArray decoded =
        QByteArray::fromBase64(token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    bool ok = false;
    const qint64 id = decoded.startsWith(prefix) ? decoded.mid(prefix.size()).toLongLong(&ok) : 0;
    if (!ok || id <= 0 || token.size() > kMaxTokenChars)
        throw ServiceError(ErrorCode::InvalidNextToken, QStringLiteral("The token is not valid"));
    return id;
}

QList<ApiMember> pagingMembers(const QString& noun)
{
    return {{QStringLiteral("maxResults"), ApiType::Integer, false,
             QStringLiteral("How many %1 a page holds (1-%2).").arg(noun).arg(kMaxResults)},
            {QStringLiteral("nextToken"), ApiType::String, false,
             QStringLiteral("A token from a previous call, for the next page.")}};
}

int maxResultsOf(const QJsonObject& input)
{
    if (!input.contains(QLatin1String("maxResults")))
        return kMaxResults;
    const double value = input.value(QLatin1String("maxResults")).toDouble();
    if (value < 1 || value > kMaxResults) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter maxResults, value: %1, valid range: 1-%2")
                .arg(qint64(value))
                .arg(kMaxResults),
            QStringLiteral("maxResults"));
    }
    return int(value);
}

} // namespace footfall::KeysetToken
