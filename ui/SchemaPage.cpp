#include "SchemaPage.h"

#include "AvroSchema.h"
#include "DetailsForm.h"
#include "SchemaFieldsTable.h"
#include "SchemaService.h"
#include "Workspace.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace footfall {

SchemaPage::SchemaPage(QWidget* parent)
    : ResourcePage(QStringLiteral("schemaPage"), parent)
    , m_fields(new SchemaFieldsTable(this))
    , m_definition(new QPlainTextEdit(this))
{
    auto* details = new DetailsForm;
    m_arnLabel = details->addDetail(tr("ARN:"), QStringLiteral("arnValue"));
    m_domainLabel = details->addDetail(tr("Domain:"), QStringLiteral("domainValue"));
    m_createdLabel = details->addDetail(tr("Created:"), QStringLiteral("createdValue"));
    pageLayout()->addLayout(details);
    pageLayout()->addWidget(m_fields, 1);
    m_definition->setObjectName(QStringLiteral("schemaDefinition"));
    m_definition->setReadOnly(true);
    m_definition->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_definition->setAccessibleName(tr("Avro schema (schemas cannot be changed after creation)"));
    pageLayout()->addWidget(m_definition, 1);

    auto* deleteButton = new QPushButton(tr("De&lete Schema…"), this);
    deleteButton->setObjectName(QStringLiteral("deleteSchemaButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(deleteButton);
    pageLayout()->addLayout(buttons);
    connect(deleteButton, &QPushButton::clicked, this, [this] { emit deleteRequested(arn()); });
}

bool SchemaPage::load()
{
    const auto schema = workspace()->schemas().findByArn(arn());
    if (!schema)
        return false;
    setHeading(tr("Schema %1").arg(schema->name));
    m_arnLabel->setText(schema->arn);
    m_domainLabel->setText(schema->domain.isEmpty() ? tr("Custom") : schema->domain);
    m_createdLabel->setText(formatTime(schema->createdMs));
    const AvroSchema parsed = AvroSchema::parse(schema->definition);
    m_fields->setSchema(parsed, parsed.declaredType());
    m_definition->setPlainText(schema->definition);
    return true;
}

} // namespace footfall
