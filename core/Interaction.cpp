#include "Interaction.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace footfall {

QString Interaction::contentHash() const
{
    QStringList sortedImpression = impression;
    sortedImpression.sort();
    // QJsonObject keeps its keys sorted, so equal content gives equal text whatever the input order.
    const QJsonObject canonical{
        {QStringLiteral("who"), userId.isEmpty() ? QString(QStringLiteral("s:") + sessionId)
                                                 : QString(QStringLiteral("u:") + userId)},
        {QStringLiteral("item"), itemId},
        {QStringLiteral("type"), eventType},
        {QStringLiteral("value"), eventValue ? QJsonValue(*eventValue) : QJsonValue()},
        {QStringLiteral("properties"), properties},
        {QStringLiteral("impression"), QJsonArray::fromStringList(sortedImpression)},
        {QStringLiteral("recommendation"), recommendationId},
        {QStringLiteral("source"), attributionSource},
    };
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(canonical).toJson(QJsonDocument::Compact),
                                 QCryptographicHash::Sha1)
            .toHex());
}

} // namespace footfall
