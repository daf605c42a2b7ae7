#include "Interaction.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <cmath>

namespace footfall {

namespace {

// The text of an event value in the hash: QString::number(value, 'g', 17). Whole numbers below
// 10^15 print as their digits in that format, and the integer conversion costs far less.
QString valueText(double value)
{
    constexpr double kExactIntegerLimit = 1e15;
    if (std::abs(value) < kExactIntegerLimit && std::trunc(value) == value)
        return QString::number(qint64(value));
    return QString::number(value, 'g', 17);
}

} // namespace

QString Interaction::contentHash() const
{
    // Each part is fed with its length first, so no two different events give the same input.
    QCryptographicHash hash(QCryptographicHash::Sha1);
    const auto add = [&hash](QStringView part) {
        const QByteArray bytes = part.toUtf8();
        const qint32 size = qint32(bytes.size());
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(&size), sizeof size));
        hash.addData(bytes);
    };
    add(userId.isEmpty() ? u"s" : u"u");
    add(userId.isEmpty() ? sessionId : userId);
    add(itemId);
    add(eventType);
    add(eventValue ? valueText(*eventValue) : QString());
    // QJsonObject keeps its keys sorted, so equal properties give equal text whatever the input order.
    add(properties.isEmpty() ? QString()
                             : QString::fromUtf8(QJsonDocument(properties).toJson(QJsonDocument::Compact)));
    add(QString::number(impression.size()));
    if (!impression.isEmpty()) {
        QStringList sortedImpression = impression;
        sortedImpression.sort();
        for (const QString& item : std::as_const(sortedImpression))
            add(item);
    }
    add(recommendationId);
    add(attributionSource);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace footfall
