#include "CsvWriter.h"

#include <QRegularExpression>

namespace footfall {

QString CsvWriter::forSpreadsheet(const QString& cell)
{
    if (cell.isEmpty())
        return cell;
    const QChar first = cell.front();
    const bool formulaStart = first == QLatin1Char('=') || first == QLatin1Char('+') ||
                              first == QLatin1Char('-') || first == QLatin1Char('@') ||
                              first == QLatin1Char('\t') || first == QLatin1Char('\r');
    if (!formulaStart)
        return cell;
    static const QRegularExpression number(
        QStringLiteral("\\A-(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?\\z"));
    if (first == QLatin1Char('-') && number.match(cell).hasMatch())
        return cell;
    return QLatin1Char('\'') + cell;
}

QByteArray CsvWriter::record(const QStringList& fields, Cells cells)
{
    QByteArray line;
    for (int i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += ',';
        bool neutralised = false;
        QByteArray value;
        if (cells == Cells::ForSpreadsheets) {
            const QString safe = forSpreadsheet(fields.at(i));
            neutralised = safe.size() != fields.at(i).size();
            value = safe.toUtf8();
        } else {
            value = fields.at(i).toUtf8();
        }
        const bool needsQuotes = neutralised || value.contains(',') || value.contains('"') ||
                                 value.contains('\n') || value.contains('\r') || value.startsWith(' ') ||
                                 value.endsWith(' ');
        if (needsQuotes) {
            QByteArray escaped = value;
            escaped.replace("\"", "\"\"");
            line += '"' + escaped + '"';
        } else {
            line += value;
        }
    }
    return line + '\n';
}

} // namespace footfall
