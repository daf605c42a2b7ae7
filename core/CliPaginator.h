#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace footfall {

struct ApiOperation;

// The AWS CLI's paging of a List operation, as botocore's paginator and the AWS CLI's paging flags
// do it: every page, unless --max-items stops earlier; --page-size as each request's maxResults;
// --starting-token to resume where a NextToken left off; and that NextToken, which is base64 of
// the JSON {"nextToken": <the service's token>} when the cut falls between pages, with
// "boto_truncate_amount": <how many of that page's items were shown> when it falls inside one.
// The operation's own --next-token or --max-results, or --no-paginate, mean one request and the
// service's nextToken as it came.
class CliPaginator
{
public:
    struct Flags
    {
        std::optional<qint64> maxItems;
        std::optional<qint64> pageSize;
        std::optional<QString> startingToken;
        bool noPaginate = false;
    };

    // Why the command stops before it sends anything.
    struct Problem
    {
        enum class Kind
        {
            None,
            Usage,     // a flag's value (exit 252, with the usage lines)
            Parameter, // paging flags beside --no-paginate (exit 252, the message alone)
            Failure    // where the AWS CLI fails on a token it cannot use (exit 255)
        };
        Kind kind = Kind::None;
        QString message;
    };

    struct Pages
    {
        QString resultKey;        // the list each page holds ("datasetGroups")
        QList<QJsonObject> pages; // each page as shown: {resultKey: its items}
        QString nextToken;        // the CLI's NextToken; empty when the list was shown to its end
    };

    using Invoke = std::function<QJsonObject(const QJsonObject& request)>;

    // `input`: the request as the flags make it. An operation without nextToken is never paged.
    CliPaginator(const ApiOperation& operation, const QJsonObject& input, const Flags& flags);
    Q_DISABLE_COPY_MOVE(CliPaginator)

    bool paginates() const { return m_paginates; }
    const Problem& problem() const { return m_problem; }
    // The first request, for botocore's own check before it is sent; the only one when the
    // command does not page.
    const QJsonObject& firstRequest() const { return m_request; }
    // Reads pages through `invoke` until the list ends or --max-items is reached.
    Pages run(const Invoke& invoke) const;

    // The NextToken the AWS CLI prints: base64 of Python's json.dumps of the token's members.
    static QString encodeToken(const QJsonValue& serviceToken, std::optional<qint64> truncateAmount = {});

private:
    // Puts the starting token's members into the first request.
    void readStartingToken(const QString& token);
    void fail(Problem::Kind kind, const QString& message);

    Flags m_flags;
    bool m_paginates = false;
    QJsonObject m_request;
    QJsonValue m_startToken; // the service token the first request carries (null: none)
    qint64 m_startIndex = 0; // items of the first page that the starting token says were shown
    Problem m_problem;
};

} // namespace footfall
