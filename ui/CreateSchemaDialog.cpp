#include "CreateSchemaDialog.h"

#include "AvroSchema.h"
#include "HintLabel.h"
#include "Plural.h"
#include "SchemaService.h"
#include "SchemaTemplate.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QTextEdit>

namespace footfall {

CreateSchemaDialog::CreateSchemaDialog(Workspace& workspace, QWidget* parent)
    : ResourceDialog(workspace, tr("Create schema"), parent)
    , m_nameEdit(new QLineEdit(this))
    , m_nameHint(new HintLabel(QStringLiteral("nameHint"), this))
    , m_domainCombo(new QComboBox(this))
    , m_templateCombo(new QComboBox(this))
    , m_templateDescription(new QLabel(this))
    , m_schemaEdit(new QPlainTextEdit(this))
    , m_schemaHint(new HintLabel(QStringLiteral("schemaHint"), this))
    , m_schemaSummary(new QLabel(this))
{
    setObjectName(QStringLiteral("createSchemaDialog"));
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setAccessibleName(tr("Schema name"));
    m_nameEdit->setPlaceholderText(tr("e.g. movie-interactions"));
    m_domainCombo->setObjectName(QStringLiteral("domainCombo"));
    m_domainCombo->setAccessibleName(tr("Domain"));
    m_domainCombo->addItem(tr("Custom"), QString());
    m_domainCombo->addItem(QStringLiteral("ECOMMERCE"), QStringLiteral("ECOMMERCE"));
    m_domainCombo->addItem(QStringLiteral("VIDEO_ON_DEMAND"), QStringLiteral("VIDEO_ON_DEMAND"));
    m_templateCombo->setObjectName(QStringLiteral("templateCombo"));
    m_templateCombo->setAccessibleName(tr("Start from template"));
    for (const SchemaTemplate& schemaTemplate : SchemaTemplate::all())
        m_templateCombo->addItem(schemaTemplate.title, schemaTemplate.id);
    m_templateDescription->setWordWrap(true);
    m_templateDescription->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_templateDescription->setObjectName(QStringLiteral("templateDescription"));
    m_schemaEdit->setObjectName(QStringLiteral("schemaEdit"));
    m_schemaEdit->setAccessibleName(tr("Avro schema"));
    m_schemaEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_schemaEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_schemaEdit->setTabChangesFocus(true);
    m_schemaEdit->setMinimumHeight(260);
    m_schemaSummary->setObjectName(QStringLiteral("schemaSummary"));
    m_schemaSummary->setWordWrap(true);
    m_schemaSummary->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    form()->addRow(tr("&Name:"), m_nameEdit);
    form()->addRow(QString(), m_nameHint);
    form()->addRow(tr("&Domain:"), m_domainCombo);
    form()->addRow(tr("&Template:"), m_templateCombo);
    form()->addRow(QString(), m_templateDescription);
    form()->addRow(tr("&Avro schema:"), m_schemaEdit);
    form()->addRow(QString(), m_schemaHint);
    form()->addRow(QString(), m_schemaSummary);

    connect(m_templateCombo, &QComboBox::currentIndexChanged, this, &CreateSchemaDialog::applyTemplate);
    connect(m_nameEdit, &QLineEdit::textChanged, this, &CreateSchemaDialog::revalidate);
    connect(m_domainCombo, &QComboBox::currentIndexChanged, this, &CreateSchemaDialog::revalidate);
    connect(m_schemaEdit, &QPlainTextEdit::textChanged, this, &CreateSchemaDialog::revalidate);
    applyTemplate(0);
    finishLayout();
    resize(680, 640);
}

void CreateSchemaDialog::applyTemplate(int index)
{
    const QList<SchemaTemplate> templates = SchemaTemplate::all();
    if (index < 0 || index >= templates.size())
        return;
    m_templateDescription->setText(templates.at(index).description);
    m_schemaEdit->setPlainText(templates.at(index).definition);
}

bool CreateSchemaDialog::validate()
{
    const QString name = m_nameEdit->text();
    const QString definition = m_schemaEdit->toPlainText();
    const QString domain = m_domainCombo->currentData().toString();
    std::optional<QString> nameProblem;
    std::optional<QString> schemaProblem;
    try {
        SchemaService::checkDefinition(definition, domain);
    } catch (const ServiceError& error) {
        schemaProblem = error.message();
    }
    try {
        workspace().schemas().validate(name, definition, domain);
    } catch (const ServiceError& error) {
        if (error.parameter() == QLatin1String("name"))
            nameProblem = error.message();
    }
    m_nameHint->setProblem(name.isEmpty() ? std::nullopt : nameProblem);
    m_schemaHint->setProblem(schemaProblem);
    markSyntaxError(definition);
    describeSchema();
    return !nameProblem && !schemaProblem;
}

void CreateSchemaDialog::markSyntaxError(const QString& definition)
{
    QList<QTextEdit::ExtraSelection> marks;
    if (const auto syntax = AvroSchema::jsonSyntaxError(definition)) {
        // The character where the JSON goes wrong; the last one when it ended too soon.
        const int at = int(std::min<qsizetype>(syntax->index, std::max<qsizetype>(0, definition.size() - 1)));
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_schemaEdit->document());
        mark.cursor.setPosition(at);
        mark.cursor.setPosition(std::min<int>(at + 1, int(definition.size())), QTextCursor::KeepAnchor);
        const bool dark = palette().color(QPalette::Base).lightness() < 128;
        mark.format.setBackground(dark ? QColor(0x8a, 0x1c, 0x1c) : QColor(0xf8, 0xc4, 0xc0));
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(QColor(0xd3, 0x2f, 0x2f));
        marks.append(mark);
        // A whole line, faintly, so the place is found in a long schema.
        QTextEdit::ExtraSelection line;
        line.cursor = QTextCursor(m_schemaEdit->document());
        line.cursor.setPosition(at);
        line.format.setBackground(dark ? QColor(0x4a, 0x20, 0x20) : QColor(0xfd, 0xec, 0xea));
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks.prepend(line);
    }
    m_schemaEdit->setExtraSelections(marks);
}

void CreateSchemaDialog::describeSchema()
{
    try {
        const AvroSchema schema = AvroSchema::parse(m_schemaEdit->toPlainText());
        QStringList names;
        for (const SchemaField& field : schema.fields())
            names << field.name;
        const auto type = schema.declaredType();
        m_schemaSummary->setText(tr("%1 schema with %2: %3")
                                     .arg(type ? DatasetTypes::name(*type)
                                               : tr("Untyped (record \"%1\")").arg(schema.recordName()),
                                          plural(names.size(), tr("field"), tr("fields")),
                                          names.join(QStringLiteral(", "))));
    } catch (const ServiceError&) {
        m_schemaSummary->clear();
    }
}

QString CreateSchemaDialog::submit()
{
    return workspace()
        .schemas()
        .create(m_nameEdit->text(), m_schemaEdit->toPlainText(), m_domainCombo->currentData().toString())
        .arn;
}

} // namespace footfall
