#include "AttributionReport.h"

#include "AttributionSource.h"
#include "CsvWriter.h"
#include "JsonTime.h"
#include "NumberText.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace footfall {

QStringList AttributionReport::sources() const
{
    QHash<QString, double> total;
    for (const AttributionReportRow& row : rows)
        total[row.source] += row.value;
    QStringList names = total.keys();
    std::sort(names.begin(), names.end(), [&total](const QString& a, const QString& b) {
        const double left = total.value(a);
        const double right = total.value(b);
        return left != right ? left > right : a < b;
    });
    return names;
}

QList<AttributionReportRow> AttributionReport::rowsOf(const QString& metricName) const
{
    QList<AttributionReportRow> selected;
    for (const AttributionReportRow& row : rows) {
        if (row.metricName == metricName)
            selected.append(row);
    }
    return selected;
}

int AttributionReport::placeOf(const QString& source) const
{
    if (source == AttributionSource::undefinedLabel())
        return -1;
    return int(sourceOrder.indexOf(source));
}

QString AttributionReport::formatValue(double value)
{
    return NumberText::shortestFloat(value);
}

QByteArray AttributionReport::toCsv() const
{
    QByteArray csv =
        CsvWriter::record({QStringLiteral("METRIC_NAME"), QStringLiteral("EVENT_TYPE"),
                           QStringLiteral("VALUE"), QStringLiteral("MATH_FUNCTION"),
                           QStringLiteral("EVENT_ATTRIBUTION_SOURCE"), QStringLiteral("TIMESTAMP")});
    // Sources and event types come from whoever sends events: a spreadsheet must not run them.
    for (const AttributionReportRow& row : rows) {
        csv += CsvWriter::record({row.metricName.toUpper(), row.eventType.toUpper(), formatValue(row.value),
                                  row.mathFunction, row.source, QString::number(row.windowStart)},
                                 CsvWriter::Cells::ForSpreadsheets);
    }
    return csv;
}

QByteArray AttributionReport::toJson() const
{
    QJsonArray metricList;
    for (const AttributionMetric& metric : metrics)
        metricList.append(metric.toJson());
    QJsonArray rowList;
    for (const AttributionReportRow& row : rows) {
        rowList.append(QJsonObject{{QStringLiteral("metricName"), row.metricName},
                                   {QStringLiteral("eventType"), row.eventType},
                                   {QStringLiteral("mathFunction"), row.mathFunction},
                                   {QStringLiteral("source"), row.source},
                                   {QStringLiteral("windowStart"), JsonTime::isoSeconds(row.windowStart)},
                                   {QStringLiteral("timestamp"), row.windowStart},
                                   {QStringLiteral("value"), row.value},
                                   {QStringLiteral("samples"), row.samples}});
    }
    QJsonArray totalList;
    for (const AttributionSourceTotal& total : totals) {
        totalList.append(QJsonObject{{QStringLiteral("metricName"), total.metricName},
                                     {QStringLiteral("source"), total.source},
                                     {QStringLiteral("value"), total.value},
                                     {QStringLiteral("samples"), total.samples}});
    }
    QJsonObject report{{QStringLiteral("datasetGroupArn"), datasetGroupArn},
                       {QStringLiteral("from"), JsonTime::isoSeconds(fromSeconds)},
                       {QStringLiteral("to"), JsonTime::isoSeconds(toSeconds)},
                       {QStringLiteral("bucket"), bucketName(bucketSeconds)},
                       {QStringLiteral("generatedAt"), JsonTime::isoSeconds(generatedMs / 1000)},
                       {QStringLiteral("metrics"), metricList},
                       {QStringLiteral("rows"), rowList},
                       {QStringLiteral("totals"), totalList}};
    if (!metricAttributionArn.isEmpty())
        report.insert(QStringLiteral("metricAttributionArn"), metricAttributionArn);
    if (!emptyReason.isEmpty())
        report.insert(QStringLiteral("emptyReason"), emptyReason);
    return QJsonDocument(QJsonObject{{QStringLiteral("attributionReport"), report}})
        .toJson(QJsonDocument::Indented);
}

std::optional<int> AttributionReport::parseBucket(const QString& text)
{
    const QString bucket = text.trimmed().toLower();
    if (bucket == QLatin1String("15m"))
        return 900;
    if (bucket == QLatin1String("1h"))
        return 3600;
    if (bucket == QLatin1String("6h"))
        return 21600;
    if (bucket == QLatin1String("1d"))
        return 86400;
    return std::nullopt;
}

QString AttributionReport::bucketName(int seconds)
{
    switch (seconds) {
    case 3600:
        return QStringLiteral("1h");
    case 21600:
        return QStringLiteral("6h");
    case 86400:
        return QStringLiteral("1d");
    default:
        return QStringLiteral("15m");
    }
}

const QList<int>& AttributionReport::bucketChoices()
{
    static const QList<int> choices = {900, 3600, 21600, 86400};
    return choices;
}

int AttributionReport::bucketFor(qint64 spanSeconds)
{
    for (const int bucket : bucketChoices()) {
        if ((std::max<qint64>(spanSeconds, 0) + bucket - 1) / bucket <= kMaxFittedWindows)
            return bucket;
    }
    return bucketChoices().last();
}

} // namespace footfall
