#include "DetailsForm.h"

#include <QLabel>

namespace footfall {

QLabel* DetailsForm::addDetail(const QString& label, const QString& objectName)
{
    auto* value = new QLabel;
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(true);
    value->setAccessibleName(QString(label).remove(QLatin1Char(':')));
    addRow(label, value);
    return value;
}

} // namespace footfall
