#include "CreateDatasetDialog.h"

#include "AvroSchema.h"
#include "DatasetGroupComboBox.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "HintLabel.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

namespace footfall {

CreateDatasetDialog::CreateDatasetDialog(Workspace& workspace, const QString& datasetGroupArn,
                                         QWidget* parent)
    : ResourceDialog(workspace, tr("Create dataset"), parent)
    , m_groupCombo(new DatasetGroupComboBox(this))
    , m_groupHint(new HintLabel(QStringLiteral("groupHint"), this))
    , m_typeCombo(new QComboBox(this))
    , m_typeHint(new HintLabel(QStringLiteral("typeHint"), this))
    , m_schemaCombo(new QComboBox(this))
    , m_schemaHint(new HintLabel(QStringLiteral("schemaHint"), this))
    , m_nameEdit(new QLineEdit(this))
    , m_nameHint(new HintLabel(QStringLiteral("nameHint"), this))
{
    setObjectName(QStringLiteral("createDatasetDialog"));
    m_groupCombo->load(workspace, datasetGroupArn);
    m_typeCombo->setObjectName(QStringLiteral("datasetTypeCombo"));
    m_typeCombo->setAccessibleName(tr("Dataset type"));
    m_typeCombo->addItems(DatasetTypes::allNames());
    m_schemaCombo->setObjectName(QStringLiteral("schemaCombo"));
    m_schemaCombo->setAccessibleName(tr("Schema"));
    for (const DatasetSchema& schema : workspace.schemas().list())
        m_schemaCombo->addItem(schema.name, schema.arn);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setAccessibleName(tr("Dataset name"));

    form()->addRow(tr("Dataset &group:"), m_groupCombo);
    form()->addRow(QString(), m_groupHint);
    form()->addRow(tr("&Type:"), m_typeCombo);
    form()->addRow(QString(), m_typeHint);
    form()->addRow(tr("&Schema:"), m_schemaCombo);
    form()->addRow(QString(), m_schemaHint);
    form()->addRow(tr("&Name:"), m_nameEdit);
    form()->addRow(QString(), m_nameHint);

    selectFittingSchema();
    suggestName();
    connect(m_groupCombo, &QComboBox::currentIndexChanged, this, [this] {
        suggestName();
        revalidate();
    });
    connect(m_typeCombo, &QComboBox::currentIndexChanged, this, [this] {
        selectFittingSchema();
        suggestName();
        revalidate();
    });
    connect(m_schemaCombo, &QComboBox::currentIndexChanged, this, &CreateDatasetDialog::revalidate);
    connect(m_nameEdit, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    connect(m_nameEdit, &QLineEdit::textChanged, this, &CreateDatasetDialog::revalidate);
    finishLayout();
    setFormWidth(560);
}

void CreateDatasetDialog::selectFittingSchema()
{
    const auto type = DatasetTypes::fromString(m_typeCombo->currentText());
    const QList<DatasetSchema> schemas = workspace().schemas().list();
    for (int i = 0; i < schemas.size(); ++i) {
        try {
            if (AvroSchema::parse(schemas.at(i).definition).declaredType() == type) {
                m_schemaCombo->setCurrentIndex(m_schemaCombo->findData(schemas.at(i).arn));
                return;
            }
        } catch (const ServiceError&) {
            continue;
        }
    }
}

void CreateDatasetDialog::suggestName()
{
    if (m_nameEdited || m_groupCombo->currentIndex() < 0)
        return;
    const QString groupName = m_groupCombo->currentData().toString().section(QLatin1Char('/'), -1);
    m_nameEdit->setText(groupName.left(48) + QLatin1Char('-') + m_typeCombo->currentText().toLower());
}

bool CreateDatasetDialog::validate()
{
    m_groupHint->setProblem(std::nullopt);
    m_typeHint->setProblem(std::nullopt);
    m_schemaHint->setProblem(std::nullopt);
    m_nameHint->setProblem(std::nullopt);
    if (m_groupCombo->count() == 0)
        return m_groupHint->setProblem(tr("Create a dataset group first."));
    if (m_schemaCombo->count() == 0)
        return m_schemaHint->setProblem(tr("Create a schema first (Personalize ▸ New Schema…)."));
    try {
        workspace().datasets().validate({m_nameEdit->text(),
                                         m_schemaCombo->currentData().toString(),
                                         m_groupCombo->currentData().toString(),
                                         m_typeCombo->currentText(),
                                         {}});
    } catch (const ServiceError& error) {
        const QString parameter = error.parameter();
        HintLabel* hint = m_groupHint;
        if (parameter == QLatin1String("name"))
            hint = m_nameHint;
        else if (parameter == QLatin1String("datasetType"))
            hint = m_typeHint;
        else if (parameter.startsWith(QLatin1String("schema")))
            hint = m_schemaHint;
        hint->setProblem(error.message());
        return false;
    }
    return true;
}

QString CreateDatasetDialog::submit()
{
    return workspace()
        .datasets()
        .create({m_nameEdit->text(),
                 m_schemaCombo->currentData().toString(),
                 m_groupCombo->currentData().toString(),
                 m_typeCombo->currentText(),
                 {}})
        .arn;
}

} // namespace footfall
