#pragma once

#include "InteractionQuery.h"

#include <QAbstractTableModel>

namespace footfall {

// One page of interactions for the events table; the page itself is loaded by EventsPage.
class EventTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Rows run in arrival order, newest first: Recorded, the first column, says so. No column sorts:
    // over millions of events only the arrival order has an index to page by.
    enum Column
    {
        Recorded,
        SentAt,
        EventType,
        User,
        Session,
        Item,
        Value,
        Source,
        Recommendation,
        State,
        EventId,
        ColumnCount
    };

    explicit EventTableModel(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(EventTableModel)

    void setRows(const QList<InteractionRow>& rows);
    const InteractionRow* rowAt(int row) const;
    const QList<InteractionRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString stateText(const InteractionRow& row);

private:
    QList<InteractionRow> m_rows;
};

} // namespace footfall
