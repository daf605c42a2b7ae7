#include "ImportRowReader.h"

#include "CsvReader.h"

#include <QThread>

namespace footfall {

ImportRowReader::ImportRowReader(std::unique_ptr<CsvReader> reader, const ImportRowParser& parser)
    : m_reader(std::move(reader))
    , m_parser(parser)
    , m_thread(QThread::create([this] { run(); }))
{
    m_thread->setObjectName(QStringLiteral("footfall-import-reader"));
    m_thread->start();
}

ImportRowReader::~ImportRowReader()
{
    finish();
}

void ImportRowReader::run()
{
    try {
        ImportRowBatch batch;
        batch.rows.reserve(kBatchRows);
        qint64 rowsRead = 0;
        QStringList record;
        while (m_reader->readRecord(record)) {
            if (record.size() == 1 && record.first().isEmpty())
                continue; // a blank line
            ++rowsRead;
            batch.rows.append(m_parser.parse(record, m_reader->recordLine(), m_reader->lastRecordMalformed(),
                                             m_reader->lastRecordInvalidTextField()));
            if (batch.rows.size() == kBatchRows) {
                batch.rowsRead = rowsRead;
                batch.position = m_reader->position();
                if (!m_queue.push(std::exchange(batch, {})))
                    return; // the caller stopped reading
                batch.rows.reserve(kBatchRows);
            }
        }
        if (!batch.rows.isEmpty()) {
            batch.rowsRead = rowsRead;
            batch.position = m_reader->position();
            m_queue.push(std::move(batch));
        }
    } catch (...) {
        m_failure = std::current_exception();
    }
    m_queue.close();
}

std::optional<ImportRowBatch> ImportRowReader::next()
{
    std::optional<ImportRowBatch> batch = m_queue.pop();
    if (!batch) {
        finish();
        if (m_failure)
            std::rethrow_exception(m_failure);
    }
    return batch;
}

void ImportRowReader::finish()
{
    m_queue.close();
    m_thread->wait();
}

} // namespace footfall
