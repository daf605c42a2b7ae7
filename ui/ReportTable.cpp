#include "ReportTable.h"

#include <QFontMetrics>
#include <QPainter>
#include <QTextBoundaryFinder>

#include <algorithm>
#include <numeric>

namespace footfall {

namespace {

// Where a line may break, best first: after these characters, and last between two characters.
const QStringList kBreakAfter = {QStringLiteral(":/ "), QStringLiteral("-_.,")};

// The smallest width a wrapping column is given before every column shrinks instead.
constexpr int kMinimumWrapWidth = 60;

QString withoutTrailingSpace(const QString& text)
{
    qsizetype end = text.size();
    while (end > 0 && text.at(end - 1).isSpace())
        --end;
    return text.left(end);
}

bool fits(const QFontMetrics& metrics, const QString& text, int width)
{
    return metrics.horizontalAdvance(withoutTrailingSpace(text)) <= width;
}

// `text` cut after each of `separators` (the last piece may end without one).
QStringList piecesOf(const QString& text, const QString& separators)
{
    QStringList pieces;
    QString current;
    for (const QChar c : text) {
        current += c;
        if (separators.contains(c)) {
            pieces << current;
            current.clear();
        }
    }
    if (!current.isEmpty())
        pieces << current;
    return pieces;
}

// Adds `text` to the line being filled (`current`), moving full lines to `lines`, breaking it at
// the separators of `level` and, for a piece too wide for a line, at those of the next level.
void wrapInto(const QString& text, const QFontMetrics& metrics, int width, int level, QStringList& lines,
              QString& current)
{
    if (level == kBreakAfter.size()) {
        QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, text);
        qsizetype start = 0;
        for (qsizetype end = graphemes.toNextBoundary(); end > 0; end = graphemes.toNextBoundary()) {
            const QString character = text.mid(start, end - start);
            if (!current.isEmpty() && !fits(metrics, current + character, width)) {
                lines << current;
                current.clear();
            }
            current += character;
            start = end;
        }
        return;
    }
    for (const QString& piece : piecesOf(text, kBreakAfter.at(level))) {
        if (fits(metrics, current + piece, width)) {
            current += piece;
            continue;
        }
        if (!current.isEmpty()) {
            lines << current;
            current.clear();
        }
        if (fits(metrics, piece, width))
            current = piece;
        else
            wrapInto(piece, metrics, width, level + 1, lines, current);
    }
}

} // namespace

ReportTable::ReportTable(const QList<Column>& columns)
    : m_columns(columns)
{}

void ReportTable::addRow(const QStringList& cells)
{
    m_rows.append(cells);
}

QStringList ReportTable::wrap(const QString& text, const QFontMetrics& metrics, int width)
{
    QStringList lines;
    QString current;
    wrapInto(text, metrics, std::max(width, 1), 0, lines, current);
    if (!current.isEmpty() || lines.isEmpty())
        lines << current;
    for (QString& line : lines)
        line = withoutTrailingSpace(line);
    return lines;
}

QList<int> ReportTable::columnWidths(const QFontMetrics& body, const QFontMetrics& header, int width) const
{
    const qsizetype count = m_columns.size();
    QList<int> natural;
    for (qsizetype i = 0; i < count; ++i) {
        int widest = header.horizontalAdvance(m_columns.at(i).title);
        for (const QStringList& row : m_rows) {
            if (i < row.size())
                widest = std::max(widest, body.horizontalAdvance(row.at(i)));
        }
        natural << widest + (i + 1 < count ? kGap : 0);
    }
    QList<int> widths = natural;
    const int total = std::accumulate(natural.begin(), natural.end(), 0);
    if (total <= width) {
        // Room to spare: every column gets a share of it, so that the table spans the page.
        const int extra = width - total;
        for (qsizetype i = 0; i < count; ++i)
            widths[i] += extra / int(count) + (i + 1 == count ? extra % int(count) : 0);
        return widths;
    }
    QList<qsizetype> wrapping;
    int fixed = 0;
    for (qsizetype i = 0; i < count; ++i) {
        if (m_columns.at(i).wraps)
            wrapping << i;
        else
            fixed += natural.at(i);
    }
    const int remaining = width - fixed;
    if (wrapping.isEmpty() || remaining < kMinimumWrapWidth * int(wrapping.size())) {
        // Not even that: every column gives up width in proportion, and any cell may wrap.
        int used = 0;
        for (qsizetype i = 0; i < count; ++i) {
            widths[i] = int(qint64(natural.at(i)) * width / total);
            used += widths.at(i);
        }
        widths.last() += width - used;
        return widths;
    }
    // The wrapping columns share what is left: the narrowest take what they need, the others
    // split the rest evenly.
    std::sort(wrapping.begin(), wrapping.end(),
              [&natural](qsizetype a, qsizetype b) { return natural.at(a) < natural.at(b); });
    int left = remaining;
    for (qsizetype k = 0; k < wrapping.size(); ++k) {
        const qsizetype column = wrapping.at(k);
        widths[column] = std::min(natural.at(column), left / int(wrapping.size() - k));
        left -= widths.at(column);
    }
    widths[wrapping.last()] += left;
    return widths;
}

int ReportTable::rowHeight(const QStringList& cells, const QFontMetrics& metrics,
                           const QList<int>& widths) const
{
    qsizetype lines = 1;
    for (qsizetype i = 0; i < cells.size() && i < widths.size(); ++i) {
        const int inner = widths.at(i) - (i + 1 < widths.size() ? kGap : 0);
        lines = std::max(lines, wrap(cells.at(i), metrics, inner).size());
    }
    return int(lines) * metrics.lineSpacing() + 2 * kPadding;
}

void ReportTable::drawRow(QPainter& painter, const QStringList& cells, int y, const QList<int>& widths) const
{
    const QFontMetrics metrics = painter.fontMetrics();
    int x = 0;
    for (qsizetype i = 0; i < cells.size() && i < widths.size(); ++i) {
        const int inner = widths.at(i) - (i + 1 < widths.size() ? kGap : 0);
        const QStringList lines = wrap(cells.at(i), metrics, inner);
        for (qsizetype k = 0; k < lines.size(); ++k) {
            painter.drawText(
                QRect(x, y + kPadding + int(k) * metrics.lineSpacing(), inner, metrics.lineSpacing()),
                int(m_columns.at(i).alignment | Qt::AlignVCenter), lines.at(k));
        }
        x += widths.at(i);
    }
}

int ReportTable::draw(QPainter& painter, const QFont& font, int top, int width, int pageHeight,
                      const NewPage& newPage) const
{
    QFont bold = font;
    bold.setBold(true);
    painter.setFont(bold);
    const QFontMetrics headerMetrics = painter.fontMetrics();
    painter.setFont(font);
    const QFontMetrics bodyMetrics = painter.fontMetrics();
    const QList<int> widths = columnWidths(bodyMetrics, headerMetrics, width);

    QStringList titles;
    for (const Column& column : m_columns)
        titles << column.title;
    const int headerHeight = rowHeight(titles, headerMetrics, widths);
    int y = top;
    const auto drawHeader = [&] {
        painter.setFont(bold);
        drawRow(painter, titles, y, widths);
        y += headerHeight;
        painter.drawLine(0, y, width, y);
        y += 1;
        painter.setFont(font);
    };

    // The header never stands alone at the foot of a page.
    const int firstRow = m_rows.isEmpty() ? 0 : rowHeight(m_rows.first(), bodyMetrics, widths);
    if (y + headerHeight + 1 + firstRow > pageHeight)
        y = newPage();
    drawHeader();
    for (const QStringList& row : m_rows) {
        const int height = rowHeight(row, bodyMetrics, widths);
        if (y + height > pageHeight) {
            y = newPage();
            drawHeader();
        }
        drawRow(painter, row, y, widths);
        y += height;
    }
    return y;
}

} // namespace footfall
