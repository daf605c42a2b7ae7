#include "TagList.h"

#include "FieldRule.h"
#include "ServiceError.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace footfall::TagList {

void validate(const QJsonArray& tags)
{
    if (tags.size() > 200) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid length for parameter tags, value: %1, valid max length: 200")
                .arg(tags.size()));
    }
    for (int i = 0; i < tags.size(); ++i) {
        const QString path = QStringLiteral("tags[%1]").arg(i);
        if (!tags.at(i).isObject())
            throw ServiceError::invalidInput(
                QStringLiteral("Invalid type for parameter %1, valid type: object").arg(path));
        const QJsonObject tag = tags.at(i).toObject();
        for (auto it = tag.begin(); it != tag.end(); ++it) {
            if (it.key() != QLatin1String("tagKey") && it.key() != QLatin1String("tagValue")) {
                throw ServiceError::invalidInput(
                    QStringLiteral("Unknown parameter in %1: \"%2\", must be one of: tagKey, tagValue")
                        .arg(path, it.key()));
            }
        }
        if (!tag.contains(QStringLiteral("tagKey")) || !tag.contains(QStringLiteral("tagValue"))) {
            throw ServiceError::invalidInput(QStringLiteral("Missing required parameter in %1: \"%2\"")
                                                 .arg(path, tag.contains(QStringLiteral("tagKey"))
                                                                ? QStringLiteral("tagValue")
                                                                : QStringLiteral("tagKey")));
        }
        FieldRule::tagKey().enforce(path + QStringLiteral(".tagKey"),
                                    tag.value(QStringLiteral("tagKey")).toString());
        FieldRule::tagValue().enforce(path + QStringLiteral(".tagValue"),
                                      tag.value(QStringLiteral("tagValue")).toString());
    }
}

QString toStorage(const QJsonArray& tags)
{
    return tags.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(tags).toJson(QJsonDocument::Compact));
}

} // namespace footfall::TagList
