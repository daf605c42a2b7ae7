#include "DialogFocus.h"

#include <QAbstractButton>
#include <QLayout>
#include <QLineEdit>
#include <QSplitter>
#include <QWidget>

namespace footfall::DialogFocus {

namespace {

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

void orderAndFocus(QWidget* dialog)
{
    if (!dialog->layout())
        return;
    QList<QWidget*> widgets;
    collectInLayoutOrder(dialog->layout(), widgets);
    for (qsizetype i = 1; i < widgets.size(); ++i)
        QWidget::setTabOrder(widgets.at(i - 1), widgets.at(i));
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
