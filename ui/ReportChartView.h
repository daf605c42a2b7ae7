#pragma once

#include <QChartView>

namespace footfall {

// A report chart on screen: hovering shows the exact values under the pointer
// (ReportCharts::valuesAt) in a tooltip.
class ReportChartView final : public QChartView
{
    Q_OBJECT

public:
    explicit ReportChartView(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ReportChartView)

    // What hovering `position` (in the viewport's coordinates) shows; empty where there is no value.
    QString valuesAt(const QPoint& position) const;

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    bool m_showingValues = false;
};

} // namespace footfall
