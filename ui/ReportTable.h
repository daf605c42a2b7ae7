#pragma once

#include <QFont>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

QT_BEGIN_NAMESPACE
class QFontMetrics;
class QPainter;
QT_END_NAMESPACE

namespace footfall {

// A table of text for a paged document (the attribution report's PDF). Its columns fit the page:
// each is as wide as its widest cell where the page allows, and where it does not, the columns
// marked as wrapping share what the others leave. A cell that does not fit its column wraps onto
// more lines, at its separators first (an ARN after ':' and '/', a name after a space), never cut
// or elided. The header row is drawn again at the top of every page the table continues on.
class ReportTable
{
public:
    struct Column
    {
        QString title;
        Qt::Alignment alignment = Qt::AlignLeft;
        bool wraps = false; // gives up width when the page is too narrow for every column
    };

    // Starts a new page and returns the y at which drawing continues on it.
    using NewPage = std::function<int()>;

    explicit ReportTable(const QList<Column>& columns);

    void addRow(const QStringList& cells);
    qsizetype rowCount() const { return m_rows.size(); }

    // Draws the table from `top` in [0, width) on pages `pageHeight` high, with `font` (the header
    // in its bold); returns the y below the last row.
    int draw(QPainter& painter, const QFont& font, int top, int width, int pageHeight,
             const NewPage& newPage) const;

    // The width of each column (their sum is `width`), a gap to the next one included.
    QList<int> columnWidths(const QFontMetrics& body, const QFontMetrics& header, int width) const;

    // `text` in lines no wider than `width`: broken after ':', '/' and spaces where it can be, then
    // after '-', '_', '.' and ',', and only a word too long even for that between two characters.
    static QStringList wrap(const QString& text, const QFontMetrics& metrics, int width);

    static constexpr int kGap = 10;    // between two columns
    static constexpr int kPadding = 2; // above and below the text of a row

private:
    int rowHeight(const QStringList& cells, const QFontMetrics& metrics, const QList<int>& widths) const;
    void drawRow(QPainter& painter, const QStringList& cells, int y, const QList<int>& widths) const;

    QList<Column> m_columns;
    QList<QStringList> m_rows;
};

} // namespace footfall
