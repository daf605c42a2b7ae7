#include "HintLabel.h"

#include <QEvent>
#include <QResizeEvent>

namespace footfall {

HintLabel::HintLabel(const QString& objectName, QWidget* parent)
    : QLabel(parent)
{
    setObjectName(objectName);
    setWordWrap(true);
    // A word-wrapped label asks for a narrow width; let it take the whole field column instead,
    // and keep telling layouts that its height follows its width (a new policy would drop that,
    // and the form would reserve the height of the narrow guess).
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
    updateColour();
}

bool HintLabel::setProblem(const std::optional<QString>& problem)
{
    setText(problem.value_or(QString()));
    setAccessibleDescription(problem.value_or(QString()));
    setVisible(problem.has_value());
    return !problem.has_value();
}

QSize HintLabel::sizeHint() const
{
    const QSize guess = QLabel::sizeHint();
    if (width() <= guess.width())
        return guess;
    return {width(), heightForWidth(width())};
}

void HintLabel::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        updateGeometry(); // the size hint follows the width
}

void HintLabel::changeEvent(QEvent* event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColour();
}

void HintLabel::updateColour()
{
    // A red that reads on both light and dark window backgrounds.
    const bool darkBackground = palette().color(QPalette::Window).lightness() < 128;
    QPalette colours = palette();
    colours.setColor(QPalette::WindowText,
                     darkBackground ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c));
    setPalette(colours);
}

} // namespace footfall
