#include "RequestLogEntry.h"

#include <QJsonDocument>

namespace footfall {

RequestLogEntry RequestLogEntry::received(const RequestContext& context, const QString& operation,
                                          qint64 nowMs, const QJsonObject& request)
{
    RequestLogEntry entry;
    entry.receivedMs = nowMs;
    entry.channel = context.channel;
    entry.operation = operation;
    entry.body = context.body.isEmpty()
                     ? QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact))
                     : context.body;
    entry.userAgent = context.userAgent;
    entry.accessKeyId = context.accessKeyId;
    return entry;
}

QString RequestLogEntry::outcomeFor(int recorded, int duplicates)
{
    if (duplicates == 0)
        return QStringLiteral("accepted");
    return recorded == 0 ? QStringLiteral("duplicate") : QStringLiteral("partly duplicate");
}

const QStringList& RequestLogEntry::outcomes()
{
    static const QStringList all = {QStringLiteral("accepted"), QStringLiteral("rejected"),
                                    QStringLiteral("duplicate"), QStringLiteral("partly duplicate")};
    return all;
}

const QStringList& RequestLogEntry::channels()
{
    static const QStringList all = {QStringLiteral("console"), QStringLiteral("cli"),
                                    QStringLiteral("endpoint"), QStringLiteral("import"),
                                    QStringLiteral("sample")};
    return all;
}

} // namespace footfall
