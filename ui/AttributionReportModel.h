#pragma once

#include "AttributionReport.h"

#include <QAbstractTableModel>

namespace footfall {

// The rows of an attribution report for the table under the charts: the same report the charts
// are drawn from, optionally narrowed to one metric.
class AttributionReportModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Metric,
        EventType,
        Function,
        Source,
        Window,
        Value,
        Events,
        ColumnCount
    };

    explicit AttributionReportModel(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(AttributionReportModel)

    void setReport(const AttributionReport& report, const QString& metricName);
    const AttributionReport& report() const { return m_report; }
    QString metricName() const { return m_metricName; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    AttributionReport m_report;
    QString m_metricName;
    QList<AttributionReportRow> m_rows;
};

} // namespace footfall
