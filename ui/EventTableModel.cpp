#include "EventTableModel.h"

#include "Plural.h"

#include <QDateTime>
#include <QTimeZone>

namespace footfall {

EventTableModel::EventTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void EventTableModel::setRows(const QList<InteractionRow>& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

const InteractionRow* EventTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int EventTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventTableModel::stateText(const InteractionRow& row)
{
    QStringList parts;
    if (row.interaction.isAnonymous())
        parts << (row.linkedUserId.isEmpty() ? tr("anonymous") : tr("linked to %1").arg(row.linkedUserId));
    if (row.duplicateCount > 0)
        parts << QStringLiteral("+") + plural(row.duplicateCount, tr("duplicate"), tr("duplicates"));
    if (row.notForTraining)
        parts << tr("not for training");
    if (row.interaction.origin == Interaction::Origin::Import)
        parts << tr("imported");
    return parts.join(QStringLiteral(", "));
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const
{
    const InteractionRow* row = rowAt(index.row());
    if (!row || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const Interaction& interaction = row->interaction;
    if (role == Qt::ToolTipRole && index.column() == Recorded)
        return tr("Recorded %1; sent at %2")
            .arg(QDateTime::fromMSecsSinceEpoch(row->recordedMs, QTimeZone::utc())
                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'")),
                 QDateTime::fromMSecsSinceEpoch(interaction.sentAtMs, QTimeZone::utc())
                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'")));
    switch (index.column()) {
    case Recorded:
        return QDateTime::fromMSecsSinceEpoch(row->recordedMs, QTimeZone::utc())
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case SentAt:
        return QDateTime::fromMSecsSinceEpoch(interaction.sentAtMs, QTimeZone::utc())
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case EventType:
        return interaction.eventType;
    case User:
        return interaction.userId;
    case Session:
        return interaction.sessionId;
    case Item:
        return interaction.itemId;
    case Value:
        return interaction.eventValue ? QVariant(*interaction.eventValue) : QVariant();
    case Source:
        return row->source;
    case Recommendation:
        return interaction.recommendationId;
    case State:
        return stateText(*row);
    case EventId:
        return interaction.eventId;
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole)
        return section == Recorded ? tr("Rows run in the order they were recorded, newest first; the "
                                        "pager's Older and Oldest go back in time")
                                   : tr("Columns do not sort: rows run in the order they were recorded, "
                                        "newest first (the only order indexed for paging through millions "
                                        "of events). Filter above to narrow them.");
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    // The first says the order the rows run in (a style's sort arrow reads either way).
    static const char* const titles[] = {"Recorded (UTC), newest first",
                                         "Sent at (UTC)",
                                         "Event type",
                                         "User",
                                         "Session",
                                         "Item",
                                         "Value",
                                         "Source",
                                         "Recommendation ID",
                                         "State",
                                         "Event ID"};
    return tr(titles[section]);
}

} // namespace footfall
