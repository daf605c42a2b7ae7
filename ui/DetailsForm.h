#pragma once

#include <QFormLayout>

class QLabel;

namespace footfall {

// A form of read-only, selectable "label: value" rows used by the resource pages.
class DetailsForm final : public QFormLayout
{
public:
    DetailsForm() = default;
    Q_DISABLE_COPY_MOVE(DetailsForm)

    // Adds a row whose value label has `objectName`, and returns that label.
    QLabel* addDetail(const QString& label, const QString& objectName);
};

} // namespace footfall
