#pragma once

#include "AvroSchema.h"
#include "DatasetType.h"
#include "Interaction.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace footfall {

// One CSV row of a bulk import, checked and turned into what is stored.
struct ImportRow
{
    qint64 line = 0;
    QString problem;          // set: the row is rejected for this reason
    Interaction interaction;  // Interactions
    QString contentHash;      // Interactions: interaction.contentHash(), computed with the row
    QString recordId;         // Users and Items: USER_ID / ITEM_ID
    QString recordProperties; // Users and Items: the metadata columns as compact JSON, or empty
};

// The header of an import file, checked against the dataset's schema, and the checks each row
// gets: the same as PutEvents (or PutUsers / PutItems) applies. Holds no state between rows, so
// rows may be parsed on another thread than the one that stores them.
class ImportRowParser
{
public:
    // Throws ServiceError (InvalidInput) when the header is not made of the schema's columns, each
    // once, with the required ones present.
    ImportRowParser(DatasetType type, qint64 datasetGroupId, const AvroSchema& schema,
                    const QStringList& header);

    // Said about the file as a whole (columns not in schema order).
    const QStringList& notes() const { return m_notes; }
    // Imported events get the event ID "import-<request>-<line>".
    void setRequestId(qint64 requestId) { m_requestId = requestId; }

    // `invalidTextField`: the first field that is not UTF-8 text or holds a NUL (-1: none).
    ImportRow parse(const QStringList& record, qint64 line, bool malformed, int invalidTextField = -1) const;

private:
    void check(const QStringList& record, bool malformed, int invalidTextField, ImportRow& row) const;
    QString column(const QStringList& record, int index) const;

    DatasetType m_type;
    qint64 m_datasetGroupId = 0;
    qint64 m_requestId = 0;
    qsizetype m_headerSize = 0;
    QList<SchemaField> m_columns;
    QList<int> m_metadataColumns;
    QHash<QString, int> m_columnIndex;
    QStringList m_notes;
    int m_userColumn = -1;
    int m_itemColumn = -1;
    int m_timestampColumn = -1;
    int m_eventTypeColumn = -1;
    int m_eventValueColumn = -1;
    int m_impressionColumn = -1;
    int m_recommendationColumn = -1;
    int m_sourceColumn = -1;
};

} // namespace footfall
