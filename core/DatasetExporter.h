#pragma once

#include <QString>

#include <functional>

class QIODevice;

namespace footfall {

class Workspace;

enum class ExportFormat
{
    Csv,
    Json
};

// Writes an Interactions dataset back out in the bulk-import layout: a header of the schema's
// columns in schema order, one row per stored interaction, oldest first. Importing the file again
// gives the same rows (a round trip). JSON writes the same columns as an array of objects.
class DatasetExporter
{
public:
    using Progress = std::function<bool(qint64 done)>;

    explicit DatasetExporter(Workspace& workspace);
    Q_DISABLE_COPY_MOVE(DatasetExporter)

    // Returns the number of rows written; throws ServiceError for an unknown dataset group or one
    // without an Interactions dataset.
    qint64 exportInteractions(const QString& datasetGroupArn, QIODevice& output, ExportFormat format,
                              const Progress& progress = {});

private:
    Workspace& m_workspace;
};

} // namespace footfall
