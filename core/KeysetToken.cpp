#include "KeysetToken.h"

#include "ServiceError.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace footfall::KeysetToken {

namespace {

constexpr qsizetype kMaxTokenChars = 1500; // the service model's NextToken limit
const QString kMaxResultsKey = QStringLiteral("maxResults");
const QString kNextTokenKey = QStringLiteral("nextToken");

// What binds a token: the list, the position and every member of the request but the paging ones.
QByteArray checksum(const QString& list, qint64 position, const QJsonObject& input)
{
    QJsonObject filters = input;
    filters.remove(kMaxResultsKey);
    filters.remove(kNextTokenKey);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("footfall nextToken 1\n"));
    hash.addData(QByteArray(list.toUtf8() + '\n' + QByteArray::number(position) + '\n'));
    hash.addData(QJsonDocument(filters).toJson(QJsonDocument::Compact)); // members sorted by name
    return hash.result().left(8).toHex();
}

[[noreturn]] void refuseToken()
{
    throw ServiceError(ErrorCode::InvalidNextToken, QStringLiteral("The token is not valid."));
}

int maxResultsOf(const QJsonObject& input)
{
    if (!input.contains(kMaxResultsKey))
        return kMaxResults;
    const double value = input.value(kMaxResultsKey).toDouble();
    if (value < 1 || value > kMaxResults) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter maxResults, value: %1, valid %2 value: %3")
                .arg(qint64(value))
                .arg(value < 1 ? QStringLiteral("min") : QStringLiteral("max"))
                .arg(value < 1 ? 1 : kMaxResults),
            kMaxResultsKey);
    }
    return int(value);
}

qint64 positionOf(const QString& list, const QJsonObject& input)
{
    const QString token = input.value(kNextTokenKey).toString();
    if (token.isEmpty())
        return 0;
    if (token.size() > kMaxTokenChars)
        refuseToken();
    for (const QChar c : token) {
        if (c.unicode() > 0x7f)
            refuseToken();
    }
    const QByteArray decoded =
        QByteArray::fromBase64(token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const QList<QByteArray> parts = decoded.split(':');
    if (parts.size() != 3 || parts.at(0) != list.toUtf8())
        refuseToken();
    const QByteArray& digits = parts.at(1);
    bool ok = !digits.isEmpty() && digits.front() >= '1' && digits.front() <= '9';
    const qint64 position = ok ? digits.toLongLong(&ok) : 0;
    if (!ok || position <= 0 || parts.at(2) != checksum(list, position, input))
        refuseToken();
    return position;
}

} // namespace

Page pageOf(const QString& list, const QJsonObject& input)
{
    const int limit = maxResultsOf(input);
    return {limit, positionOf(list, input)};
}

QString encode(const QString& list, const QJsonObject& input, qint64 position)
{
    const QByteArray text =
        list.toUtf8() + ':' + QByteArray::number(position) + ':' + checksum(list, position, input);
    return QString::fromLatin1(text.toBase64());
}

QList<ApiMember> pagingMembers(const QString& noun)
{
    return {{kNextTokenKey, ApiType::String, false,
             QStringLiteral("A token from a previous call, for the next page.")},
            {kMaxResultsKey, ApiType::Integer, false,
             QStringLiteral("How many %1 a page holds (1-%2).").arg(noun).arg(kMaxResults)}};
}

} // namespace footfall::KeysetToken
