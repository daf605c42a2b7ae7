#pragma once

#include <QComboBox>

#include <functional>

namespace footfall {

struct DatasetGroup;
class Workspace;

// A combo box of the workspace's dataset groups (text: a label, data: the ARN), used by every
// dialog that asks "which dataset group?".
class DatasetGroupComboBox final : public QComboBox
{
    Q_OBJECT

public:
    explicit DatasetGroupComboBox(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(DatasetGroupComboBox)

    using Label = std::function<QString(const DatasetGroup&)>;
    // Lists the groups, labelled by `label` (the name when none), and selects `selectedArn` if present.
    void load(Workspace& workspace, const QString& selectedArn, const Label& label = {});
    QString currentArn() const { return currentData().toString(); }
};

} // namespace footfall
