#pragma once

#include "MetricAttributionService.h"
#include "ResourceDialog.h"

class QLineEdit;
class QPushButton;
class QTableWidget;

namespace footfall {

class DatasetGroupComboBox;
class HintLabel;

// Creates a dataset group's metric attribution: its metrics in a table (event type, metric name,
// expression), the output role and an optional S3 path, all checked as one types by the service.
class CreateMetricAttributionDialog final : public ResourceDialog
{
    Q_OBJECT

public:
    CreateMetricAttributionDialog(Workspace& workspace, const QString& datasetGroupArn,
                                  QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(CreateMetricAttributionDialog)

    // Adds a metric row; the table starts with one counting the group's most common event type.
    void addMetric(const QString& eventType, const QString& metricName, const QString& expression);

protected:
    bool validate() override;
    QString submit() override;

private:
    CreateMetricAttributionInput input() const;
    void suggestName();

    DatasetGroupComboBox* m_groupCombo;
    HintLabel* m_groupHint;
    QLineEdit* m_nameEdit;
    HintLabel* m_nameHint;
    QTableWidget* m_metricsTable;
    QPushButton* m_addButton;
    QPushButton* m_removeButton;
    HintLabel* m_metricsHint;
    QLineEdit* m_roleEdit;
    QLineEdit* m_s3Edit;
    HintLabel* m_outputHint;
    bool m_nameEdited = false;
};

} // namespace footfall
