#include "PdfText.h"

#include <QProcess>
#include <QRegularExpression>
#include <QtDebug>

namespace footfall::test {

namespace {

QString decoded(QString text)
{
    text.replace(QStringLiteral("&lt;"), QStringLiteral("<"));
    text.replace(QStringLiteral("&gt;"), QStringLiteral(">"));
    text.replace(QStringLiteral("&quot;"), QStringLiteral("\""));
    text.replace(QStringLiteral("&apos;"), QStringLiteral("'"));
    text.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    return text;
}

// The run of non-blank characters of `line` from `column`.
QString tokenAt(const QString& line, qsizetype column)
{
    qsizetype end = column;
    while (end < line.size() && !line.at(end).isSpace())
        ++end;
    return line.mid(column, end - column);
}

qsizetype firstNonBlank(const QString& line)
{
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (!line.at(i).isSpace())
            return i;
    }
    return -1;
}

} // namespace

QString PdfText::run(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral("pdftotext"), arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        qWarning() << "pdftotext" << arguments << "failed:" << process.errorString()
                   << process.readAllStandardError();
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

QStringList PdfText::pages(const QString& pdfPath)
{
    QStringList pages = run({QStringLiteral("-layout"), QStringLiteral("-enc"), QStringLiteral("UTF-8"),
                             pdfPath, QStringLiteral("-")})
                            .split(QLatin1Char('\f'));
    if (!pages.isEmpty() && pages.last().trimmed().isEmpty())
        pages.removeLast(); // after the last page's form feed
    return pages;
}

QList<PdfText::Word> PdfText::words(const QString& pdfPath)
{
    const QString html = run({QStringLiteral("-bbox"), QStringLiteral("-enc"), QStringLiteral("UTF-8"),
                              pdfPath, QStringLiteral("-")});
    static const QRegularExpression element(QStringLiteral(
        R"re(<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" )re"
        R"re(xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re"));
    QList<Word> words;
    int page = 0;
    QSizeF size;
    for (const QRegularExpressionMatch& match : element.globalMatch(html)) {
        if (match.capturedLength(1) > 0) {
            ++page;
            size = QSizeF(match.captured(1).toDouble(), match.captured(2).toDouble());
            continue;
        }
        const QPointF topLeft(match.captured(3).toDouble(), match.captured(4).toDouble());
        const QPointF bottomRight(match.captured(5).toDouble(), match.captured(6).toDouble());
        words.append({page, decoded(match.captured(7)), QRectF(topLeft, bottomRight), size});
    }
    return words;
}

QStringList PdfText::wrappedCells(const QString& pageText, const QString& start)
{
    const QStringList lines = pageText.split(QLatin1Char('\n'));
    QStringList cells;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const qsizetype column = lines.at(i).indexOf(start);
        if (column < 0)
            continue;
        QString cell = tokenAt(lines.at(i), column);
        // pdftotext places text at the nearest character column: a line's continuation may land one off.
        for (qsizetype next = i + 1; next < lines.size(); ++next) {
            const qsizetype first = firstNonBlank(lines.at(next));
            if (first < 0 || first < column - 1 || first > column + 1)
                break;
            cell += tokenAt(lines.at(next), first);
            i = next;
        }
        cells << cell;
    }
    return cells;
}

} // namespace footfall::test
