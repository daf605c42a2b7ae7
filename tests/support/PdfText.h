#pragma once

#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>

namespace footfall::test {

// The text of a PDF as a reader would copy it, through poppler's pdftotext (package poppler-utils).
// Empty when pdftotext is missing or fails (a warning says why), so that a check of the text fails.
class PdfText
{
public:
    PdfText() = delete;

    // Every page's text laid out as on the page (pdftotext -layout): one string per page.
    static QStringList pages(const QString& pdfPath);

    struct Word
    {
        int page = 0; // from 1
        QString text;
        QRectF box;      // in points, from the page's top left
        QSizeF pageSize; // in points
    };
    // Every word with its box (pdftotext -bbox).
    static QList<Word> words(const QString& pdfPath);

    // The cells of one column in a page of pages() whose first line begins with `start`, each
    // joined with the lines it wraps onto (those below it that are empty left of the column).
    static QStringList wrappedCells(const QString& pageText, const QString& start);

private:
    static QString run(const QStringList& arguments);
};

} // namespace footfall::test
