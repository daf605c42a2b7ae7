#include "CliTableFormatter.h"

#include "CliTextFormatter.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <set>

namespace footfall {

namespace {

bool isScalar(const QJsonValue& value)
{
    return !value.isArray() && !value.isObject();
}

// Python's truth: the AWS CLI draws nothing for an empty or false result.
bool isEmptyResult(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Array:
        return value.toArray().isEmpty();
    case QJsonValue::Object:
        return value.toObject().isEmpty();
    case QJsonValue::String:
        return value.toString().isEmpty();
    case QJsonValue::Double:
        return value.toDouble() == 0;
    case QJsonValue::Bool:
        return !value.toBool();
    default:
        return true;
    }
}

QString spaces(int count)
{
    return count > 0 ? QString(count, QLatin1Char(' ')) : QString();
}

QString centered(const QString& text, int length, const QString& left, const QString& right)
{
    const int textLength = CliTableFormatter::textWidth(text);
    const int start = length / 2 - textLength / 2 - 1;
    QString line = left + spaces(start) + text;
    const int soFar =
        int(left.size()) + start + textLength; // a negative start widens the right side, as in the AWS CLI
    return line + spaces(length - int(right.size()) - soFar) + right;
}

QString leftAligned(const QString& text, int length, const QString& left, const QString& right)
{
    const int textLength = CliTableFormatter::textWidth(text);
    const int padding = length - (textLength + 2 + int(left.size()) + int(right.size())) >= 0 ? 2 : 0;
    const int soFar = int(left.size()) + padding + textLength;
    return left + spaces(padding) + text + spaces(length - soFar - int(right.size())) + right;
}

// The scalar keys of an object and the others, each sorted.
QPair<QStringList, QStringList> splitKeys(const QJsonObject& object)
{
    QStringList scalars;
    QStringList others;
    for (auto it = object.begin(); it != object.end(); ++it)
        (isScalar(it.value()) ? scalars : others) << it.key();
    return {scalars, others};
}

} // namespace

CliTableFormatter::CliTableFormatter(int terminalWidth)
    : m_terminalWidth(terminalWidth)
{}

int CliTableFormatter::textWidth(const QString& text)
{
    int width = 0;
    for (const uint c : text.toUcs4()) {
        const bool wide =
            (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3041 && c <= 0x33ff) ||
            (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
            (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
            (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
            (c >= 0x20000 && c <= 0x3fffd);
        width += wide ? 2 : 1;
    }
    return width;
}

void CliTableFormatter::Section::widen(const QStringList& row)
{
    if (maxWidths.isEmpty()) {
        for (const QString& cell : row)
            maxWidths << textWidth(cell);
        return;
    }
    for (qsizetype i = 0; i < row.size() && i < maxWidths.size(); ++i)
        maxWidths[i] = qMax(maxWidths.at(i), textWidth(row.at(i)));
}

void CliTableFormatter::Section::setHeaders(const QStringList& names)
{
    widen(names);
    if (columnCount < 0)
        columnCount = int(names.size());
    headers = names;
}

void CliTableFormatter::Section::addRow(const QStringList& row)
{
    if (columnCount < 0)
        columnCount = int(row.size());
    rows << row;
    widen(row);
}

QList<int> CliTableFormatter::Section::columnWidths(int padding, int maxWidth) const
{
    QList<int> widths;
    int sum = 0;
    for (const int width : maxWidths) {
        widths << width + padding;
        sum += width + padding;
    }
    if (maxWidth < 0 || widths.isEmpty())
        return widths;
    // Spread the table's width over the columns in proportion; Python's round() rounds half to even.
    const double scale = double(maxWidth) / double(sum);
    int total = 0;
    for (int& width : widths) {
        width = int(std::nearbyint(scale * width));
        total += width;
    }
    int offBy = total - maxWidth;
    while (offBy != 0) {
        for (qsizetype step = 0; step < widths.size() && offBy != 0; ++step) {
            const qsizetype i = offBy < 0 ? widths.size() - 1 - step : step;
            if (offBy > 0) {
                --widths[i];
                --offBy;
            } else {
                ++widths[i];
                ++offBy;
            }
        }
    }
    return widths;
}

int CliTableFormatter::Section::totalWidth() const
{
    int total = 0;
    for (const int width : maxWidths)
        total += width + 4;
    total += 2 + 2 * indent;
    return qMax(textWidth(title) + 2 + 2 * indent, total);
}

void CliTableFormatter::newSection(const QString& title, int indent)
{
    Section section;
    section.title = title;
    section.indent = indent;
    m_sections << section;
}

CliTableFormatter::Section& CliTableFormatter::current()
{
    if (m_sections.isEmpty())
        newSection({}, 0);
    return m_sections.last();
}

QString CliTableFormatter::format(const QString& title, const QJsonValue& value)
{
    m_sections.clear();
    if (!build(&title, value, 0))
        return {};
    int width = maxWidth();
    if (width > m_terminalWidth) {
        convertToVertical();
        width = maxWidth();
    }
    QString out = QString(width, QLatin1Char('-')) + QLatin1Char('\n');
    for (const Section& section : m_sections)
        render(section, width, out);
    return out;
}

bool CliTableFormatter::build(const QString* title, const QJsonValue& value, int indent)
{
    if (isEmptyResult(value))
        return false;
    if (title)
        newSection(*title, indent);
    if (value.isArray()) {
        const QJsonArray list = value.toArray();
        if (list.first().isObject()) {
            buildFromList(list, indent, title);
        } else {
            for (const QJsonValue& item : list) {
                if (isScalar(item)) {
                    current().addRow({CliTextFormatter::scalarText(item)});
                    continue;
                }
                const QJsonArray inner = item.toArray();
                const bool flat =
                    item.isArray() &&
                    std::all_of(inner.begin(), inner.end(), [](const QJsonValue& v) { return isScalar(v); });
                if (flat) {
                    QStringList row;
                    for (const QJsonValue& cell : inner)
                        row << CliTextFormatter::scalarText(cell);
                    current().addRow(row);
                } else if (item.isObject()) {
                    current().addRow(item.toObject().keys()); // as the AWS CLI does: an object's keys
                } else {
                    build(nullptr, item, 0);
                }
            }
        }
    }
    if (value.isObject())
        buildFromObject(value.toObject(), indent);
    return true;
}

void CliTableFormatter::buildFromObject(const QJsonObject& object, int indent)
{
    const auto [headers, more] = splitKeys(object);
    if (headers.size() == 1) {
        current().addRow({headers.first(), CliTextFormatter::scalarText(object.value(headers.first()))});
    } else if (!headers.isEmpty()) {
        current().setHeaders(headers);
        QStringList row;
        for (const QString& key : headers)
            row << CliTextFormatter::scalarText(object.value(key));
        current().addRow(row);
    }
    for (const QString& key : more)
        build(&key, object.value(key), indent + 1);
}

void CliTableFormatter::buildFromList(const QJsonArray& list, int indent, const QString* title)
{
    std::set<QString> headerSet;
    std::set<QString> moreSet;
    for (const QJsonValue& element : list) {
        const auto [headers, more] = splitKeys(element.toObject());
        headerSet.insert(headers.begin(), headers.end());
        moreSet.insert(more.begin(), more.end());
    }
    const QStringList headers(headerSet.begin(), headerSet.end());
    const QStringList more(moreSet.begin(), moreSet.end());
    current().setHeaders(headers);
    bool first = true;
    for (const QJsonValue& value : list) {
        const QJsonObject element = value.toObject();
        if (!first && !more.isEmpty()) {
            newSection(title ? *title : QString(), indent);
            current().setHeaders(headers);
        }
        first = false;
        QStringList row;
        for (const QString& header : headers)
            row << (element.contains(header) ? CliTextFormatter::scalarText(element.value(header))
                                             : QString());
        current().addRow(row);
        for (const QString& key : more) {
            if (element.contains(key))
                build(&key, element.value(key), indent + 1);
        }
    }
}

void CliTableFormatter::convertToVertical()
{
    for (Section& section : m_sections) {
        if (section.rows.size() != 1 || section.headers.isEmpty())
            continue;
        Section vertical;
        vertical.title = section.title;
        vertical.indent = section.indent;
        for (qsizetype i = 0; i < section.headers.size() && i < section.rows.first().size(); ++i)
            vertical.addRow({section.headers.at(i), section.rows.first().at(i)});
        section = vertical;
    }
}

int CliTableFormatter::maxWidth() const
{
    int width = 0;
    for (const Section& section : m_sections)
        width = qMax(width, section.totalWidth());
    return width;
}

QString CliTableFormatter::lineBreak(const QList<int>& widths)
{
    QString line;
    for (qsizetype i = 0; i < widths.size(); ++i) {
        if (i == 0)
            line +=
                QLatin1Char('+') + QString(qMax(widths.at(i) - 2, 0), QLatin1Char('-')) + QLatin1Char('+');
        else
            line += QString(qMax(widths.at(i) - 1, 0), QLatin1Char('-')) + QLatin1Char('+');
    }
    return line;
}

void CliTableFormatter::render(const Section& section, int width, QString& out) const
{
    // Nested sections are drawn inside one '|' a level on either side.
    const QString edge(section.indent, QLatin1Char('|'));
    auto line = [&](const QString& text) { out += edge + text + edge + QLatin1Char('\n'); };
    width -= 2 * section.indent;
    const QString bar = QStringLiteral("|");
    if (!section.title.isEmpty()) {
        line(centered(section.title, width, bar, bar));
        if (section.headers.isEmpty() && section.rows.isEmpty())
            line(QLatin1Char('+') + QString(qMax(width - 2, 0), QLatin1Char('-')) + QLatin1Char('+'));
    }
    if (!section.headers.isEmpty()) {
        const QList<int> widths = section.columnWidths(4, width);
        QString titles;
        for (qsizetype i = 0; i < widths.size() && i < section.headers.size(); ++i)
            titles += centered(section.headers.at(i), widths.at(i), i == 0 ? bar : QString(), bar);
        line(lineBreak(widths));
        line(titles);
    }
    if (section.rows.isEmpty())
        return;
    const QList<int> widths = section.columnWidths(4, width);
    if (widths.isEmpty())
        return;
    line(lineBreak(widths));
    for (const QStringList& row : section.rows) {
        QString cells;
        for (qsizetype i = 0; i < widths.size() && i < row.size(); ++i)
            cells += leftAligned(row.at(i), widths.at(i), i == 0 ? bar : QString(), bar);
        line(cells);
    }
    line(lineBreak(widths));
}

} // namespace footfall
