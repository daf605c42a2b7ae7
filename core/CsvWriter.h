#pragma once

#include <QByteArray>
#include <QStringList>

namespace footfall {

// Writes RFC 4180 CSV, quoting only the fields that need it.
class CsvWriter
{
public:
    enum class Cells
    {
        // Every cell exactly as given: files meant to be read back (the dataset export, import reports).
        AsTheyAre,
        // Cells a spreadsheet would run as a formula are neutralised (forSpreadsheet): reports that
        // analysts open, whose text comes from whoever sent the events.
        ForSpreadsheets,
    };

    // One record, ending in "\n".
    static QByteArray record(const QStringList& fields, Cells cells = Cells::AsTheyAre);

    // OWASP's advice against CSV injection: text starting with =, +, -, @, a tab or a carriage
    // return gets a leading ' so that a spreadsheet shows it instead of running it. A number,
    // negative ones included, stays as it is. record() also quotes each cell this changes.
    static QString forSpreadsheet(const QString& cell);
};

} // namespace footfall
