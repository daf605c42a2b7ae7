#pragma once

#include <QJsonObject>
#include <QString>

namespace footfall {

// The nextToken of Footfall's own list commands (events, request log): the row id a page stopped
// at, for one kind of list, so a token from another list or an edited one is refused, not misread.
namespace KeysetToken {
constexpr int kMaxResults = 100;

QString encode(const QString& kind, qint64 boundId);
// The row id in `input`'s nextToken (0 when there is none); throws ServiceError(InvalidNextToken).
qint64 boundIdOf(const QString& kind, const QJsonObject& input);
// `input`'s maxResults (kMaxResults when absent); throws ServiceError(InvalidInput) outside 1-100.
int maxResultsOf(const QJsonObject& input);
} // namespace KeysetToken

} // namespace footfall
