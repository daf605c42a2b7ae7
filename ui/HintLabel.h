#pragma once

#include <QLabel>

#include <optional>

namespace footfall {

// The reason beside a field why its value cannot be used; hidden while the value is fine.
class HintLabel final : public QLabel
{
    Q_OBJECT

public:
    explicit HintLabel(const QString& objectName, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(HintLabel)

    // Shows `problem`, or hides the label when there is none. Returns whether the value is fine.
    bool setProblem(const std::optional<QString>& problem);
    // `problem` as a person beside the field reads it: an empty value is called empty.
    static QString readable(const QString& problem);
    // The height of the text wrapped at the label's own width once it has one: QLabel's guess
    // wraps at a narrow width, and a form that asks for the size hint would reserve that height.
    QSize sizeHint() const override;

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateColour();
};

} // namespace footfall
