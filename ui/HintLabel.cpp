#include "HintLabel.h"

#include <QEvent>
#include <QRegularExpression>
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

QString HintLabel::readable(const QString& problem)
{
    // botocore's wording, which the command line and the endpoint keep, counts the characters of an
    // empty value; beside the field a person is told it is empty.
    static const QRegularExpression emptyValue(
        QStringLiteral("^Invalid length for parameter (\\S+), value: 0, valid min length: (\\d+)$"));
    const QRegularExpressionMatch match = emptyValue.match(problem);
    if (!match.hasMatch())
        return problem;
    return match.captured(2) == QLatin1String("1") ? tr("%1 is empty.").arg(match.captured(1))
                                                   : tr("%1 is empty; it needs at least %2 characters.")
                                                         .arg(match.captured(1), match.captured(2));
}

bool HintLabel::setProblem(const std::optional<QString>& problem)
{
    const QString text = problem ? readable(*problem) : QString();
    setText(text);
    setToolTip(text); // the whole text where the room for it is short
    setAccessibleDescription(text);
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
