#pragma once

#include <QJsonArray>
#include <QString>

namespace footfall {

// AWS resource tags: a list of {tagKey, tagValue}, at most 200, each checked against the model.
namespace TagList {
// Throws ServiceError(InvalidInput) naming the offending path, e.g. tags[3].tagKey.
void validate(const QJsonArray& tags);
QString toStorage(const QJsonArray& tags);
} // namespace TagList

} // namespace footfall
