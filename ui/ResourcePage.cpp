#include "ResourcePage.h"

#include "DialogFocus.h"
#include "Lifecycle.h"
#include "ServiceError.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace footfall {

ResourcePage::ResourcePage(const QString& objectName, QWidget* parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
    , m_heading(new QLabel(this))
{
    setObjectName(objectName);
    m_heading->setObjectName(QStringLiteral("pageHeading"));
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_layout->addWidget(m_heading);
}

void ResourcePage::showResource(const QString& arn)
{
    m_arn = arn;
    m_showsChangingStatus = false;
    if (!m_workspace)
        return;
    try {
        if (!load())
            setHeading(tr("%1 no longer exists").arg(arn));
    } catch (const ServiceError& error) {
        setHeading(error.message());
    } catch (const StorageError& error) {
        setHeading(error.message());
    }
    // What load() showed or hid is walked by Tab as it is laid out.
    DialogFocus::orderTabs(this);
}

const QString& ResourcePage::noteStatus(const QString& status)
{
    if (!Lifecycle::isFinal(status))
        m_showsChangingStatus = true;
    return status;
}

void ResourcePage::setHeading(const QString& text)
{
    m_heading->setText(text);
}

void ResourcePage::addTableWithDetail(QTableView* table, QPlainTextEdit* detail)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several rows for Edit ▸ Copy; the detail pane follows the current one.
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideMiddle);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    detail->setReadOnly(true);
    detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    m_layout->addWidget(splitter, 1);
}

QString ResourcePage::formatTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QStringLiteral("yyyy-MM-dd HH:mm:ss t"));
}

} // namespace footfall
