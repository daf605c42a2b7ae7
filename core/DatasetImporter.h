#pragma once

#include "DatasetType.h"

#include <QList>
#include <QLocale>
#include <QStringList>

#include <functional>

class QIODevice;

namespace footfall {

class Workspace;

enum class ImportMode
{
    Full,
    Incremental
};

struct ImportRowProblem
{
    qint64 line = 0;
    QString status; // "rejected" or "duplicate"
    QString reason;
};

// What a bulk import did: every row is accepted, rejected (with the reason) or a duplicate.
struct ImportReport
{
    QString datasetArn;
    DatasetType type = DatasetType::Interactions;
    ImportMode mode = ImportMode::Incremental;
    qint64 rows = 0;
    qint64 accepted = 0;
    qint64 rejected = 0;
    qint64 duplicates = 0;
    qint64 replaced = 0; // FULL mode: earlier bulk rows removed
    QStringList notes;
    QList<ImportRowProblem> problems; // the first kMaxKeptProblems rows that were not accepted
    bool cancelled = false;
    qint64 requestId = 0;

    static constexpr int kMaxKeptProblems = 10000;
    // Writes "line,status,reason" for the problems kept.
    void writeProblemsCsv(QIODevice& device) const;
    // "4 rows: 2 accepted, 1 rejected, 1 duplicate"; numbers as `locale` writes them (the C locale
    // of the command line has no thousands separators).
    QString summary(const QLocale& locale = QLocale::c()) const;
};

// Bulk CSV import into a dataset, in one transaction: a cancelled or failed import leaves the
// dataset as it was. Columns are named by a header row of schema columns, in any order; each row
// gets the same checks as PutEvents (or PutUsers / PutItems). Runs on the calling thread; give it
// a Workspace opened on that thread.
class DatasetImporter
{
public:
    // Called now and then with the bytes read and the file size; return false to cancel.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    explicit DatasetImporter(Workspace& workspace);
    Q_DISABLE_COPY_MOVE(DatasetImporter)

    // Throws ServiceError when the whole file cannot be imported (unknown dataset, unreadable file,
    // bad header); row problems are in the report. `rowReport`, if given, receives a line per row
    // that was not accepted as the import goes.
    ImportReport importFile(const QString& datasetArn, const QString& filePath, ImportMode mode,
                            const Progress& progress = {}, QIODevice* rowReport = nullptr);

private:
    Workspace& m_workspace;
};

} // namespace footfall
