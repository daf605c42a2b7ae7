#include "CsvReader.h"

#include <QIODevice>

namespace footfall {

CsvReader::CsvReader(QIODevice& device)
    : m_device(device)
{}

bool CsvReader::fill()
{
    if (m_offset > 0) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    const QByteArray chunk = m_device.read(1 << 20);
    if (chunk.isEmpty())
        return false;
    m_buffer.append(chunk);
    return true;
}

bool CsvReader::readRecord(QStringList& fields)
{
    fields.clear();
    m_malformed = false;
    if (m_offset >= m_buffer.size() && !fill())
        return false;
    m_recordLine = m_line;
    if (m_line == 1 && m_offset == 0 && m_buffer.startsWith("\xEF\xBB\xBF")) {
        m_offset = 3; // a UTF-8 byte-order mark
        m_consumed += 3;
    }

    QByteArray field;
    bool quoted = false;
    bool afterQuote = false;
    while (true) {
        if (m_offset >= m_buffer.size() && !fill()) {
            m_malformed = quoted;
            fields << QString::fromUtf8(field);
            return true;
        }
        const char c = m_buffer.at(m_offset++);
        ++m_consumed;
        if (quoted) {
            if (c == '"') {
                if (m_offset >= m_buffer.size())
                    fill();
                if (m_offset < m_buffer.size() && m_buffer.at(m_offset) == '"') {
                    field += '"';
                    ++m_offset;
                    ++m_consumed;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == '\n')
                    ++m_line;
                field += c;
            }
            continue;
        }
        if (c == ',') {
            fields << QString::fromUtf8(field);
            field.clear();
            afterQuote = false;
        } else if (c == '\n') {
            ++m_line;
            if (field.endsWith('\r') && !afterQuote)
                field.chop(1);
            fields << QString::fromUtf8(field);
            return true;
        } else if (c == '"' && field.isEmpty() && !afterQuote) {
            quoted = true;
        } else if (c == '\r' && afterQuote) {
            // CR of a CRLF after a closing quote
        } else {
            field += c;
        }
    }
}

} // namespace footfall
