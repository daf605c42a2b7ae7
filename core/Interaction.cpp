#include "Interaction.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace footfall {

QString Interaction::contentHash() const
{
    // Each part is fed with its length first, so no two different events give the same input.
    QCryptographicHash hash(QCryptographicHash::Sha1);
    const auto add = [&hash](const QString& part) {
        const QByteArray bytes = part.toUtf8();
        const qint32 size = qint32(bytes.size());
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(&size), sizeof size));
        hash.addData(bytes);
    };
    add(userId.isEmpty() ? QStringLiteral("s") : QStringLiteral("u"));
    add(userId.isEmpty() ? sessionId : userId);
    add(itemId);
    add(eventType);
    add(eventValue ? QString::number(*eventValue, 'g', 17) : QString());
    // QJsonObject keeps its keys sorted, so equal properties give equal text whatever the input order.
    add(properties.isEmpty() ? QString()
                             : QString::fromUtf8(QJsonDocument(properties).toJson(QJsonDocument::Compact)));
    QStringList sortedImpression = impression;
    sortedImpression.sort();
    add(QString::number(sortedImpression.size()));
    for (const QString& item : sortedImpression)
        add(item);
    add(recommendationId);
    add(attributionSource);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace footfall
