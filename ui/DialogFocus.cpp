#include "DialogFocus.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLayout>
#include <QLineEdit>
#include <QSplitter>
#include <QWidget>

namespace footfall::DialogFocus {

namespace {

// Clears the focus proxy of a dialog's button boxes once the dialog has been shown (its children,
// the boxes, are shown first).
class ButtonBoxProxyRemover final : public QObject
{
public:
    explicit ButtonBoxProxyRemover(QObject* parent)
        : QObject(parent)
    {
        setObjectName(QLatin1String(kName));
    }
    Q_DISABLE_COPY_MOVE(ButtonBoxProxyRemover)

    static constexpr const char* kName = "buttonBoxProxyRemover";

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Show) {
            for (QDialogButtonBox* box : watched->findChildren<QDialogButtonBox*>())
                box->setFocusProxy(nullptr);
        }
        return false;
    }
};

void collectWidget(QWidget* widget, QList<QWidget*>& widgets)
{
    if (widget->focusPolicy() & Qt::TabFocus) {
        widgets.append(widget); // a compound widget (a combo box, a table) orders its own parts
        return;
    }
    if (const auto* splitter = qobject_cast<const QSplitter*>(widget)) {
        for (int i = 0; i < splitter->count(); ++i)
            collectWidget(splitter->widget(i), widgets);
        return;
    }
    if (widget->layout()) {
        collectInLayoutOrder(widget->layout(), widgets);
        return;
    }
    for (QWidget* child : widget->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
        collectWidget(child, widgets);
}

} // namespace

void collectInLayoutOrder(const QLayout* layout, QList<QWidget*>& widgets)
{
    for (int i = 0; i < layout->count(); ++i) {
        QLayoutItem* item = layout->itemAt(i);
        if (QWidget* widget = item->widget())
            collectWidget(widget, widgets);
        else if (const QLayout* inner = item->layout())
            collectInLayoutOrder(inner, widgets);
    }
}

void orderTabs(QWidget* container)
{
    if (!container->layout())
        return;
    QList<QWidget*> widgets;
    collectInLayoutOrder(container->layout(), widgets);
    for (qsizetype i = 1; i < widgets.size(); ++i)
        QWidget::setTabOrder(widgets.at(i - 1), widgets.at(i));
    // A compound control's parts that hand it their focus (an editable combo box's line edit) go
    // right after it: left where they were made, Shift+Tab would reach them, and so the control, out
    // of turn. (Only now: a part named as the first of a pair would take its control's place.)
    for (QWidget* widget : widgets) {
        for (QWidget* part : widget->findChildren<QWidget*>()) {
            if (part->focusProxy() == widget && part->focusPolicy() != Qt::NoFocus &&
                part->window() == widget->window())
                QWidget::setTabOrder(widget, part);
        }
    }
    for (QAbstractItemView* view : container->findChildren<QAbstractItemView*>())
        view->setTabKeyNavigation(false);
    // Qt makes a button box the focus proxy of its default button as it is shown: Tab then lands on
    // OK from wherever the box sits in the chain. The box's own buttons take the focus themselves.
    if (!container->findChild<QDialogButtonBox*>() ||
        container->findChild<QObject*>(QLatin1String(ButtonBoxProxyRemover::kName),
                                       Qt::FindDirectChildrenOnly))
        return;
    container->installEventFilter(new ButtonBoxProxyRemover(container));
}

void orderAndFocus(QWidget* dialog)
{
    if (!dialog->layout())
        return;
    orderTabs(dialog);
    QList<QWidget*> widgets;
    collectInLayoutOrder(dialog->layout(), widgets);
    for (QWidget* widget : widgets) {
        // Hidden rows and disabled fields are skipped; so are buttons, which Space would press.
        if (!widget->isEnabled() || !widget->isVisibleTo(dialog) || qobject_cast<QAbstractButton*>(widget))
            continue;
        widget->setFocus(Qt::TabFocusReason);
        if (auto* edit = qobject_cast<QLineEdit*>(widget))
            edit->selectAll();
        return;
    }
}

} // namespace footfall::DialogFocus
