#include "DatasetPage.h"

#include "AvroSchema.h"
#include "DatasetService.h"
#include "DetailsForm.h"
#include "SchemaFieldsTable.h"
#include "SchemaService.h"
#include "Workspace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace footfall {

DatasetPage::DatasetPage(QWidget* parent)
    : ResourcePage(QStringLiteral("datasetPage"), parent)
    , m_fields(new SchemaFieldsTable(this))
{
    auto* details = new DetailsForm;
    m_nameLabel = details->addDetail(tr("Name:"), QStringLiteral("nameValue"));
    m_arnLabel = details->addDetail(tr("ARN:"), QStringLiteral("arnValue"));
    m_typeLabel = details->addDetail(tr("Type:"), QStringLiteral("typeValue"));
    m_statusLabel = details->addDetail(tr("Status:"), QStringLiteral("statusValue"));
    m_schemaLabel = details->addDetail(tr("Schema:"), QStringLiteral("schemaValue"));
    m_createdLabel = details->addDetail(tr("Created:"), QStringLiteral("createdValue"));
    pageLayout()->addLayout(details);
    pageLayout()->addWidget(m_fields, 1);

    auto* deleteButton = new QPushButton(tr("De&lete Dataset…"), this);
    deleteButton->setObjectName(QStringLiteral("deleteDatasetButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(deleteButton);
    pageLayout()->addLayout(buttons);
    connect(deleteButton, &QPushButton::clicked, this, [this] { emit deleteRequested(arn()); });
}

bool DatasetPage::load()
{
    const auto dataset = workspace()->datasets().findByArn(arn());
    if (!dataset)
        return false;
    const DatasetSchema schema = workspace()->schemas().require(dataset->schemaArn);
    setHeading(tr("%1 dataset %2").arg(DatasetTypes::name(dataset->type), dataset->name));
    m_nameLabel->setText(dataset->name);
    m_arnLabel->setText(dataset->arn);
    m_typeLabel->setText(DatasetTypes::name(dataset->type));
    m_statusLabel->setText(noteStatus(dataset->status));
    m_schemaLabel->setText(QStringLiteral("%1 (%2)").arg(schema.name, schema.arn));
    m_createdLabel->setText(formatTime(dataset->createdMs));
    m_fields->setSchema(AvroSchema::parse(schema.definition), dataset->type);
    return true;
}

} // namespace footfall
