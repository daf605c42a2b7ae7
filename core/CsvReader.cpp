#include "CsvReader.h"

#include <QIODevice>
#include <QStringDecoder>

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

void CsvReader::appendField(QStringList& fields, const QByteArray& field)
{
    bool plain = true; // ASCII without NUL: valid as it is
    for (const char c : field) {
        if (c == 0 || (uchar(c) & 0x80)) {
            plain = false;
            break;
        }
    }
    if (plain) {
        fields << QString::fromLatin1(field);
        return;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(field);
    if (m_invalidTextField < 0 && (decoder.hasError() || field.contains('\0')))
        m_invalidTextField = int(fields.size());
    fields << std::move(text);
}

bool CsvReader::readRecord(QStringList& fields)
{
    fields.clear();
    m_malformed = false;
    m_invalidTextField = -1;
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
            appendField(fields, field);
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
            appendField(fields, field);
            field.clear();
            afterQuote = false;
        } else if (c == '\n') {
            ++m_line;
            if (field.endsWith('\r') && !afterQuote)
                field.chop(1);
            appendField(fields, field);
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
