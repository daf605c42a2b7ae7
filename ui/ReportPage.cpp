#include "ReportPage.h"

#include "OutputFile.h"
#include "ReportChartView.h"
#include "ReportRangeBar.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QChartView>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <QTimer>
#include <QToolButton>

namespace footfall {

ReportPage::ReportPage(const QString& objectName, QWidget* parent)
    : ResourcePage(objectName, parent)
    , m_rangeBar(new ReportRangeBar(this))
    , m_exportButton(new QToolButton(this))
    , m_status(new QLabel(this))
    , m_computeTimer(new QTimer(this))
{
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setText(tr("Export"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_exportButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_status->setObjectName(QStringLiteral("reportStatus"));
    m_status->setWordWrap(true);
    m_computeTimer->setSingleShot(true);
    m_computeTimer->setInterval(400);
    connect(m_computeTimer, &QTimer::timeout, this, [this] { compute(); });
    connect(m_rangeBar, &ReportRangeBar::changed, this, [this] { compute(); });
}

void ReportPage::setExportFormats(const QList<std::pair<QString, QString>>& formats)
{
    auto* menu = new QMenu(m_exportButton);
    for (const auto& [format, label] : formats) {
        QAction* action = menu->addAction(label);
        action->setObjectName(QStringLiteral("export%1Action").arg(format.at(0).toUpper() + format.mid(1)));
        connect(action, &QAction::triggered, this, [this, format = format] { askAndExport(format); });
    }
    m_exportButton->setMenu(menu);
}

void ReportPage::scheduleCompute()
{
    m_computeTimer->start();
}

void ReportPage::cancelScheduledCompute()
{
    m_computeTimer->stop();
}

QString ReportPage::writeFile(const QString& path, const std::function<void(QIODevice&)>& write) const
{
    return failureOf([&] {
        OutputFile file(path, workspace() ? workspace()->path() : QString(), QString());
        write(file.open());
        file.commit();
    });
}

QChartView* ReportPage::makeChartView(const QString& objectName, const QString& accessibleName,
                                      QWidget* parent)
{
    auto* view = new ReportChartView(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

void ReportPage::setUpTable(QTableView* table, const QString& objectName)
{
    table->setObjectName(objectName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setTextElideMode(Qt::ElideMiddle); // ARNs and sources keep both ends; the tooltip has all
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
}

void ReportPage::askAndExport(const QString& format)
{
    QFileDialog dialog(this, tr("Export %1").arg(format.toUpper()));
    dialog.setObjectName(QStringLiteral("exportFileDialog"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(format);
    dialog.setNameFilter(tr("%1 files (*.%2)").arg(format.toUpper(), format));
    dialog.selectFile(exportFileName(format));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    const QString path = dialog.selectedFiles().first();
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const QString error = exportTo(format, path);
    QGuiApplication::restoreOverrideCursor();
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export"), error);
    else
        emit statusMessage(tr("Wrote %1").arg(path));
}

} // namespace footfall
