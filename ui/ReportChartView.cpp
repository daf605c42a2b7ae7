#include "ReportChartView.h"

#include "ReportCharts.h"

#include <QMouseEvent>
#include <QToolTip>

namespace footfall {

ReportChartView::ReportChartView(QWidget* parent)
    : QChartView(parent)
{
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
}

QString ReportChartView::valuesAt(const QPoint& position) const
{
    QChart* shown = chart();
    if (!shown)
        return {};
    return ReportCharts::valuesAt(shown, shown->mapFromScene(mapToScene(position)));
}

void ReportChartView::mouseMoveEvent(QMouseEvent* event)
{
    QChartView::mouseMoveEvent(event);
    const QString text = valuesAt(event->position().toPoint());
    // Away from any value, only a tooltip of values goes: a legend entry's own stays.
    if (!text.isEmpty())
        QToolTip::showText(event->globalPosition().toPoint(), text, viewport());
    else if (m_showingValues)
        QToolTip::hideText();
    m_showingValues = !text.isEmpty();
}

void ReportChartView::leaveEvent(QEvent* event)
{
    QToolTip::hideText();
    m_showingValues = false;
    QChartView::leaveEvent(event);
}

} // namespace footfall
