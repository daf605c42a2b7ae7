#include "ResourceDialog.h"

#include "DialogFocus.h"
#include "FieldRule.h"
#include "HintLabel.h"
#include "ServiceError.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace footfall {

ResourceDialog::ResourceDialog(Workspace& workspace, const QString& title, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_form(new QFormLayout)
    , m_errorBanner(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    setModal(true);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_errorBanner->setObjectName(QStringLiteral("errorBanner"));
    m_errorBanner->setWordWrap(true);
    m_errorBanner->setVisible(false);
    m_errorBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorBanner->setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; color: #8a1c1c; border: 1px solid "
                       "#f5c2c0; border-radius: 4px; padding: 6px; }"));
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    okButton()->setObjectName(QStringLiteral("okButton"));
    okButton()->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ResourceDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ResourceDialog::reject);
}

void ResourceDialog::finishLayout(QLayout* extra)
{
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    if (extra)
        layout->addLayout(extra);
    layout->addWidget(m_errorBanner);
    layout->addWidget(m_buttons);
    revalidate();
    DialogFocus::orderAndFocus(this);
}

QPushButton* ResourceDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void ResourceDialog::revalidate()
{
    m_errorBanner->setVisible(false);
    okButton()->setEnabled(validate());
    fitHeight();
}

bool ResourceDialog::showProblemIn(std::initializer_list<HintLabel*> hints, HintLabel* target,
                                   const std::optional<QString>& problem)
{
    for (HintLabel* hint : hints)
        hint->setProblem(hint == target ? problem : std::nullopt);
    return !problem;
}

bool ResourceDialog::event(QEvent* event)
{
    const bool handled = QDialog::event(event);
    // A hint that wrapped anew (the dialog got its width, say) asks for another layout.
    if (event->type() == QEvent::LayoutRequest)
        fitHeight();
    return handled;
}

QString ResourceDialog::unusedName(const QString& base, const QStringList& taken)
{
    const int maxLength = FieldRule::resourceName().maxLength();
    QString name = base.left(maxLength);
    for (int suffix = 2; taken.contains(name); ++suffix) {
        const QString tail = QStringLiteral("-%1").arg(suffix);
        name = base.left(maxLength - int(tail.size())) + tail;
    }
    return name;
}

void ResourceDialog::setFormWidth(int width)
{
    resize(width, height());
    m_fittedHeight = height();
    fitHeight();
}

void ResourceDialog::fitHeight()
{
    if (!layout())
        return;
    // A new height can move where hints wrap, so fit until the layout agrees (twice is usual).
    for (int pass = 0; pass < 3; ++pass) {
        layout()->activate();
        const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                         : layout()->totalSizeHint().height();
        if (needed == height() || (needed < height() && height() != m_fittedHeight))
            return;
        resize(width(), needed);
        m_fittedHeight = height();
    }
}

void ResourceDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    fitHeight(); // the hints know their real width only now
}

void ResourceDialog::accept()
{
    if (!okButton()->isEnabled())
        return;
    try {
        m_createdArn = submit();
    } catch (const ServiceError& error) {
        m_errorBanner->setText(QStringLiteral("%1: %2").arg(error.typeName(), error.message()));
        m_errorBanner->setVisible(true);
        fitHeight();
        return;
    } catch (const StorageError& error) {
        m_errorBanner->setText(error.message());
        m_errorBanner->setVisible(true);
        fitHeight();
        return;
    }
    QDialog::accept();
}

} // namespace footfall
