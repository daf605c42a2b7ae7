#pragma once

#include "ApiOperation.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace footfall {

// The maxResults and nextToken of every List operation Footfall serves: the control plane's lists
// (the token holds an offset) and its own events and request-log lists (the row id a page stopped
// at). One token format for all: the list's name, the position, and a checksum over both and the
// request's other members, so that a token of another list, of other filters or an edited one is
// refused (InvalidNextTokenException) instead of being misread.
namespace KeysetToken {
constexpr int kMaxResults = 100;

struct Page
{
    int limit = kMaxResults;
    qint64 position = 0; // 0: the first page
};

// `input`'s maxResults and nextToken for `list` (an operation name: "ListDatasets", "events").
// Throws ServiceError: InvalidInput for maxResults outside 1-100, InvalidNextToken for a bad token.
Page pageOf(const QString& list, const QJsonObject& input);
// The nextToken of the page after `position`, for the same list and the same members as `input`.
QString encode(const QString& list, const QJsonObject& input, qint64 position);
// The nextToken and maxResults members (the model's order) of a list of `noun` ("events").
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
