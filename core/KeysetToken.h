#pragma once

#include "ApiOperation.h"

#include <QJsonObject>
#include <QList>
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
// The maxResults and nextToken members of a list of `noun` ("events").
QList<ApiMember> pagingMembers(const QString& noun);
// `rows`, read with one row more than `limit`, cut to the page; whether another page follows.
template <typename Row> bool cutToPage(QList<Row>& rows, int limit)
{
    const bool more = rows.size() > limit;
    if (more)
        rows.resize(limit);
    return more;
}
} // namespace KeysetToken

} // namespace footfall
