#include "AttributionReportModel.h"

#include "JsonTime.h"

#include <QLocale>

namespace footfall {

AttributionReportModel::AttributionReportModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void AttributionReportModel::setReport(const AttributionReport& report, const QString& metricName)
{
    beginResetModel();
    m_report = report;
    m_metricName = metricName;
    m_rows = metricName.isEmpty() ? report.rows : report.rowsOf(metricName);
    endResetModel();
}

int AttributionReportModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AttributionReportModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttributionReportModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const AttributionReportRow& row = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() >= Value ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Metric:
        return row.metricName;
    case EventType:
        return row.eventType;
    case Function:
        return row.mathFunction;
    case Source:
        return row.source;
    case Window:
        return JsonTime::isoSeconds(row.windowStart);
    case Value:
        return role == Qt::ToolTipRole ? AttributionReport::formatValue(row.value)
                                       : QLocale().toString(row.value, 'g', 12);
    case Events:
        return QLocale().toString(row.samples);
    default:
        return {};
    }
}

QVariant AttributionReportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Metric:
        return tr("Metric");
    case EventType:
        return tr("Event type");
    case Function:
        return tr("Function");
    case Source:
        return tr("Source");
    case Window:
        return tr("Window start (UTC)");
    case Value:
        return tr("Value");
    case Events:
        return tr("Events");
    default:
        return {};
    }
}

} // namespace footfall
