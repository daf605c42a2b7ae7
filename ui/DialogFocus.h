#pragma once

#include <QList>

class QLayout;
class QWidget;

namespace footfall {

// Keyboard order for a dialog: Tab walks its fields as they are laid out, top to bottom, and the
// dialog opens with the focus in its first field, so typing types there and Space cannot press a
// button (Qt's default is the order the widgets were created in: the base dialog's buttons first).
namespace DialogFocus {

// Sets the tab order of `dialog` to follow its layout, and gives the first enabled field the focus
// (its text selected, so typing replaces a suggestion). Call once the layout is complete.
void orderAndFocus(QWidget* dialog);

// The tab order of `container` (a dialog, a page) as its layout shows it, tables and lists included
// once each: Tab leaves them for the next control (the arrow keys move inside them). A dialog's
// button box no longer hands its focus to the OK button, which made Tab go round OK and Cancel.
// Call again when the layout changes.
void orderTabs(QWidget* container);

// The widgets that take the focus by Tab, in the order `layout` shows them.
void collectInLayoutOrder(const QLayout* layout, QList<QWidget*>& widgets);

} // namespace DialogFocus
} // namespace footfall
