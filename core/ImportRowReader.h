#pragma once

#include "BoundedQueue.h"
#include "ImportRowParser.h"

#include <QList>

#include <exception>
#include <memory>
#include <optional>

class QThread;

namespace footfall {

class CsvReader;

struct ImportRowBatch
{
    QList<ImportRow> rows;
    qint64 rowsRead = 0; // rows of the file up to the end of this batch (blank lines not counted)
    qint64 position = 0; // bytes of the file read up to the end of this batch
};

// Reads and checks the rows of an import file on a thread of its own, a batch ahead of the
// caller that stores them, so that parsing and SQLite run on two cores. Blank lines are skipped.
// Destroying it (or finish()) stops the thread and waits for it.
class ImportRowReader
{
public:
    ImportRowReader(std::unique_ptr<CsvReader> reader, const ImportRowParser& parser);
    ~ImportRowReader();
    Q_DISABLE_COPY_MOVE(ImportRowReader)

    // The next batch, or nothing at the end of the file. Rethrows what stopped the reading thread.
    std::optional<ImportRowBatch> next();
    // Stops reading and waits for the thread.
    void finish();

private:
    void run();

    static constexpr int kBatchRows = 1000;
    static constexpr int kBatchesAhead = 8;

    std::unique_ptr<CsvReader> m_reader;
    const ImportRowParser& m_parser;
    BoundedQueue<ImportRowBatch> m_queue{kBatchesAhead};
    std::exception_ptr m_failure;
    std::unique_ptr<QThread> m_thread;
};

} // namespace footfall
