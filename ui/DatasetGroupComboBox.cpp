#include "DatasetGroupComboBox.h"

#include "DatasetGroupService.h"
#include "Workspace.h"

namespace footfall {

DatasetGroupComboBox::DatasetGroupComboBox(QWidget* parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("datasetGroupCombo"));
    setAccessibleName(tr("Dataset group"));
}

void DatasetGroupComboBox::load(Workspace& workspace, const QString& selectedArn, const Label& label)
{
    clear();
    for (const DatasetGroup& group : workspace.datasetGroups().list())
        addItem(label ? label(group) : group.name, group.arn);
    if (const int index = findData(selectedArn); index >= 0)
        setCurrentIndex(index);
}

} // namespace footfall
