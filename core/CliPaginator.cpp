#include "CliPaginator.h"

#include "ApiOperation.h"
#include "CliJsonWriter.h"
#include "JsonInput.h"
#include "PythonText.h"

#include <QJsonDocument>
#include <QStringDecoder>

#include <cmath>

namespace footfall {

namespace {

const QString kNextToken = QStringLiteral("nextToken");
const QString kMaxResults = QStringLiteral("maxResults");
const QString kTruncateAmount = QStringLiteral("boto_truncate_amount");

// The JSON value a botocore token holds: base64 (standard alphabet, padded, anything else in the
// text skipped as Python's decoder skips it) of UTF-8 JSON. Nothing when it is not one.
std::optional<QJsonValue> tokenJson(const QString& token)
{
    QByteArray alphabet;
    for (const QChar c : token) {
        const char16_t u = c.unicode();
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '+' ||
            u == '/' || u == '=')
            alphabet += char(u);
    }
    if (alphabet.size() % 4 != 0)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(alphabet, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(*decoded);
    if (utf8.hasError())
        return std::nullopt;
    return JsonInput::anyValue(text.toUtf8());
}

// items[from:], with Python's slice bounds.
QJsonArray sliceFrom(const QJsonArray& items, qint64 from)
{
    const qint64 size = items.size();
    const qint64 start = from < 0 ? qMax<qint64>(0, size + from) : qMin(from, size);
    QJsonArray sliced;
    for (qint64 i = start; i < size; ++i)
        sliced.append(items.at(i));
    return sliced;
}

// items[:to], with Python's slice bounds.
QJsonArray sliceTo(const QJsonArray& items, qint64 to)
{
    const qint64 size = items.size();
    const qint64 end = to < 0 ? qMax<qint64>(0, size + to) : qMin(to, size);
    QJsonArray sliced;
    for (qint64 i = 0; i < end; ++i)
        sliced.append(items.at(i));
    return sliced;
}

// The list a page of a List operation holds: its one array member.
QString resultKeyOf(const QJsonObject& page)
{
    for (auto it = page.begin(); it != page.end(); ++it) {
        if (it.value().isArray())
            return it.key();
    }
    return {};
}

} // namespace

CliPaginator::CliPaginator(const ApiOperation& operation, const QJsonObject& input, const Flags& flags)
    : m_flags(flags)
    , m_request(input)
{
    if (!operation.member(kNextToken))
        return;
    if (flags.maxItems && *flags.maxItems < 1) {
        fail(
            Problem::Kind::Usage,
            QStringLiteral("argument --max-items: invalid value: %1 (at least 1 item)").arg(*flags.maxItems));
        return;
    }
    // The operation's own paging members mean the caller pages by hand, as --no-paginate does.
    m_paginates = !flags.noPaginate && !input.contains(kNextToken) && !input.contains(kMaxResults);
    if (!m_paginates) {
        QStringList used;
        if (flags.startingToken && !flags.startingToken->isEmpty())
            used << QStringLiteral("--starting-token");
        if (flags.pageSize && *flags.pageSize != 0)
            used << QStringLiteral("--page-size");
        if (flags.maxItems)
            used << QStringLiteral("--max-items");
        if (!used.isEmpty()) {
            fail(Problem::Kind::Parameter,
                 QStringLiteral("Cannot specify --no-paginate along with pagination arguments: %1")
                     .arg(used.join(QStringLiteral(", "))));
        }
        return;
    }
    if (flags.startingToken) {
        readStartingToken(*flags.startingToken);
        if (m_problem.kind != Problem::Kind::None)
            return;
    }
    if (flags.pageSize)
        m_request.insert(kMaxResults, double(*flags.pageSize));
}

void CliPaginator::fail(Problem::Kind kind, const QString& message)
{
    m_problem = {kind, message};
    m_paginates = false;
}

void CliPaginator::readStartingToken(const QString& token)
{
    QJsonObject members;
    const std::optional<QJsonValue> json = tokenJson(token);
    if (json && json->isObject()) {
        members = json->toObject();
        members.remove(QStringLiteral("boto_encoded_keys"));
        if (members.contains(kTruncateAmount)) {
            const QJsonValue amount = members.take(kTruncateAmount);
            if (amount.isBool()) {
                m_startIndex = amount.toBool() ? 1 : 0;
            } else if (PythonText::isInt(amount)) {
                m_startIndex = qint64(amount.toDouble());
            } else if (!amount.isNull()) {
                fail(Problem::Kind::Failure,
                     QStringLiteral("slice indices must be integers or None or have an __index__ method"));
                return;
            }
        }
    } else if (json && !json->isArray()) {
        fail(Problem::Kind::Failure,
             QStringLiteral("'%1' object has no attribute 'pop'").arg(PythonText::className(*json)));
        return;
    } else {
        // Not botocore's format: an older CLI's "<token>___<index>", or the service's token itself.
        QString serviceToken = token;
        const QStringList parts = token.split(QStringLiteral("___"));
        if (parts.size() > 2) { // more parts than the one input token this CLI's lists have
            fail(Problem::Kind::Failure, QStringLiteral("Bad starting token: %1").arg(token));
            return;
        }
        if (parts.size() == 2) {
            bool ok = false;
            const qint64 index = parts.at(1).trimmed().toLongLong(&ok);
            if (ok) {
                serviceToken = parts.at(0);
                m_startIndex = index;
            }
        }
        members.insert(kNextToken,
                       serviceToken == QLatin1String("None") ? QJsonValue() : QJsonValue(serviceToken));
    }
    m_startToken = members.value(kNextToken);
    if (m_startToken.isUndefined())
        m_startToken = QJsonValue();
    // Its members go into the request as they are (botocore's own check of the request then
    // refuses what the operation does not take); None, in either spelling, is no member.
    for (auto it = members.begin(); it != members.end(); ++it) {
        if (it.value().isNull() || it.value() == QJsonValue(QStringLiteral("None")))
            m_request.remove(it.key());
        else
            m_request.insert(it.key(), it.value());
    }
}

CliPaginator::Pages CliPaginator::run(const Invoke& invoke) const
{
    Pages result;
    QJsonObject request = m_request;
    QJsonValue tokenUsed = m_startToken; // the service token of the page being read
    qint64 shownBefore = 0;              // items of the pages before
    for (bool first = true;; first = false) {
        const QJsonObject page = invoke(request);
        if (first)
            result.resultKey = resultKeyOf(page);
        QJsonArray items = page.value(result.resultKey).toArray();
        // The starting token may say that the first items of its page were shown already.
        const qint64 skipped = first && m_flags.startingToken ? m_startIndex : 0;
        if (skipped != 0)
            items = sliceFrom(items, skipped);
        const qint64 count = items.size();
        if (m_flags.maxItems && shownBefore + count > *m_flags.maxItems) {
            const qint64 kept = *m_flags.maxItems - shownBefore;
            result.pages.append(QJsonObject{{result.resultKey, sliceTo(items, kept)}});
            result.nextToken = encodeToken(tokenUsed, kept + skipped);
            return result;
        }
        result.pages.append(QJsonObject{{result.resultKey, items}});
        shownBefore += count;
        const QString next = page.value(kNextToken).toString();
        if (next.isEmpty())
            return result;
        if (m_flags.maxItems && shownBefore == *m_flags.maxItems) {
            result.nextToken = encodeToken(next);
            return result;
        }
        // botocore's guard: a service that hands back the token it was given would page forever.
        if (QJsonValue(next) == tokenUsed) {
            throw std::runtime_error(QStringLiteral("The same next token was received twice: %1")
                                         .arg(PythonText::repr(QJsonObject{{kNextToken, next}}))
                                         .toStdString());
        }
        request.insert(kNextToken, next);
        tokenUsed = next;
    }
}

QString CliPaginator::encodeToken(const QJsonValue& serviceToken, std::optional<qint64> truncateAmount)
{
    QString json = QStringLiteral("{\"nextToken\": ") +
                   (serviceToken.isString()
                        ? CliJsonWriter::quoted(serviceToken.toString(), CliJsonWriter::NonAscii::Escaped)
                        : QStringLiteral("null"));
    if (truncateAmount)
        json += QStringLiteral(", \"boto_truncate_amount\": %1").arg(*truncateAmount);
    return QString::fromLatin1((json + QLatin1Char('}')).toUtf8().toBase64());
}

} // namespace footfall
