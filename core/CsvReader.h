#pragma once

#include <QByteArray>
#include <QStringList>

class QIODevice;

namespace footfall {

// Reads RFC 4180 CSV (comma separated, double-quoted fields with "" for a quote, CRLF or LF line
// ends, line breaks inside quoted fields) from a device, one record at a time, as UTF-8.
class CsvReader
{
public:
    explicit CsvReader(QIODevice& device);
    Q_DISABLE_COPY_MOVE(CsvReader)

    // Reads the next record into `fields`; false at the end of the input.
    bool readRecord(QStringList& fields);
    // The line on which the last record read started (1-based).
    qint64 recordLine() const { return m_recordLine; }
    // Bytes consumed so far, for progress.
    qint64 position() const { return m_consumed; }
    // Set when the last record had an unterminated quoted field.
    bool lastRecordMalformed() const { return m_malformed; }
    // The first field of the last record that is not UTF-8 text, or holds a NUL byte; -1 if none.
    int lastRecordInvalidTextField() const { return m_invalidTextField; }

private:
    bool fill();
    void appendField(QStringList& fields, const QByteArray& field);

    QIODevice& m_device;
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    qint64 m_consumed = 0;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    bool m_malformed = false;
    int m_invalidTextField = -1;
};

} // namespace footfall
