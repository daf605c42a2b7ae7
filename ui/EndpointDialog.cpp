#include "EndpointDialog.h"

#include "CorsPolicy.h"
#include "LocalEndpoint.h"
#include "Plural.h"
#include "ServeCommand.h"
#include "SignatureVerifier.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace footfall {

namespace {
const QString kPortKey = QStringLiteral("endpoint/port");
const QString kAddressKey = QStringLiteral("endpoint/address");
const QString kSignatureKey = QStringLiteral("endpoint/requireSignature");
const QString kAccessKeysKey = QStringLiteral("endpoint/accessKeys");
const QString kCorsOriginsKey = QStringLiteral("endpoint/corsOrigins");
} // namespace

EndpointDialog::EndpointDialog(LocalEndpoint& endpoint, QWidget* parent)
    : QDialog(parent)
    , m_endpoint(endpoint)
    , m_portSpin(new QSpinBox(this))
    , m_signatureCheck(new QCheckBox(tr("Require AWS Signature &Version 4"), this))
    , m_allowUnsignedCheck(new QCheckBox(tr("Allow &unsigned requests from other machines"), this))
    , m_accessKeysEdit(new QLineEdit(this))
    , m_corsOriginsEdit(new QLineEdit(this))
    , m_addressCombo(new QComboBox(this))
    , m_warning(new QLabel(this))
    , m_status(new QLabel(this))
    , m_usage(new QPlainTextEdit(this))
    , m_startStopButton(new QPushButton(this))
    , m_form(new QFormLayout)
{
    setObjectName(QStringLiteral("endpointDialog"));
    setWindowTitle(tr("Local endpoint"));
    QSettings settings;
    m_portSpin->setObjectName(QStringLiteral("portSpin"));
    m_portSpin->setRange(0, 65535);
    m_portSpin->setSpecialValueText(tr("any free port"));
    m_portSpin->setValue(settings.value(kPortKey, ServeCommand::kDefaultPort).toInt());
    m_portSpin->setAccessibleName(tr("Port"));
    m_addressCombo->setObjectName(QStringLiteral("addressCombo"));
    m_addressCombo->setAccessibleName(tr("Listen on"));
    m_addressCombo->addItem(tr("127.0.0.1 (this machine only)"), QStringLiteral("127.0.0.1"));
    m_addressCombo->addItem(tr("0.0.0.0 (every network interface)"), QStringLiteral("0.0.0.0"));
    m_addressCombo->setCurrentIndex(std::max(0, m_addressCombo->findData(settings.value(kAddressKey))));
    m_signatureCheck->setObjectName(QStringLiteral("requireSignatureCheck"));
    m_signatureCheck->setToolTip(tr("Refuse (403) requests not signed by one of the access keys below"));
    m_signatureCheck->setChecked(settings.value(kSignatureKey, false).toBool());
    // Not remembered: letting the network in without credentials is chosen afresh each time.
    m_allowUnsignedCheck->setObjectName(QStringLiteral("allowUnsignedCheck"));
    m_allowUnsignedCheck->setToolTip(
        tr("Serve other machines without requiring signatures: anyone who can reach the port can read "
           "and change this database"));
    m_accessKeysEdit->setObjectName(QStringLiteral("accessKeysEdit"));
    m_accessKeysEdit->setAccessibleName(tr("Access keys"));
    m_accessKeysEdit->setPlaceholderText(tr("ACCESS_KEY_ID:SECRET, more separated by commas"));
    m_accessKeysEdit->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_accessKeysEdit->setText(settings.value(kAccessKeysKey).toString());
    m_corsOriginsEdit->setObjectName(QStringLiteral("corsOriginsEdit"));
    m_corsOriginsEdit->setAccessibleName(tr("Web page origins"));
    m_corsOriginsEdit->setPlaceholderText(
        tr("https://shop.example.com, more separated by commas; * for any"));
    m_corsOriginsEdit->setToolTip(
        tr("Web pages from these origins may call the endpoint from a browser (CORS); on 127.0.0.1 pages "
           "from any origin may"));
    m_corsOriginsEdit->setText(settings.value(kCorsOriginsKey).toString());
    m_warning->setObjectName(QStringLiteral("listenWarning"));
    m_warning->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("endpointStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_usage->setObjectName(QStringLiteral("endpointUsage"));
    m_usage->setReadOnly(true);
    m_usage->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_usage->setMaximumHeight(130);
    m_usage->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_startStopButton->setObjectName(QStringLiteral("startStopButton"));

    m_form->addRow(tr("&Port:"), m_portSpin);
    m_form->addRow(tr("&Listen on:"), m_addressCombo);
    m_form->addRow(QString(), m_warning);
    m_form->addRow(QString(), m_signatureCheck);
    m_form->addRow(QString(), m_allowUnsignedCheck);
    m_form->addRow(tr("Access &keys:"), m_accessKeysEdit);
    m_form->addRow(tr("Web page &origins:"), m_corsOriginsEdit);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_startStopButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_status);
    layout->addWidget(m_usage);
    layout->addWidget(buttons);

    connect(m_addressCombo, &QComboBox::currentIndexChanged, this, &EndpointDialog::updateState);
    connect(m_signatureCheck, &QCheckBox::toggled, this, &EndpointDialog::updateState);
    connect(m_allowUnsignedCheck, &QCheckBox::toggled, this, &EndpointDialog::updateState);
    connect(m_startStopButton, &QPushButton::clicked, this, [this] {
        if (m_endpoint.isRunning()) {
            m_endpoint.stop();
            return;
        }
        const QHash<QString, QString> keys = SignatureVerifier::parseKeys(m_accessKeysEdit->text());
        if (m_signatureCheck->isChecked() && keys.isEmpty()) {
            m_status->setText(
                tr("Not started: requiring signatures needs at least one access key as ID:SECRET."));
            return;
        }
        const bool allowUnsigned = listensBeyondLoopback() && m_allowUnsignedCheck->isChecked();
        if (listensBeyondLoopback() && !m_signatureCheck->isChecked() && !allowUnsigned) {
            m_status->setText(tr("Not started: other machines could read and change this database without "
                                 "credentials. Require signatures, or tick “Allow unsigned requests from "
                                 "other machines”."));
            return;
        }
        QStringList origins;
        if (listensBeyondLoopback()) {
            for (const QString& origin :
                 m_corsOriginsEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                if (CorsPolicy::normalizedOrigin(origin).isEmpty()) {
                    m_status->setText(
                        tr("Not started: “%1” is not a web page origin (scheme://host[:port], or *).")
                            .arg(origin.trimmed()));
                    return;
                }
                origins.append(origin.trimmed());
            }
        }
        QSettings chosen;
        chosen.setValue(kPortKey, m_portSpin->value());
        chosen.setValue(kAddressKey, m_addressCombo->currentData());
        chosen.setValue(kSignatureKey, m_signatureCheck->isChecked());
        chosen.setValue(kAccessKeysKey, m_accessKeysEdit->text());
        chosen.setValue(kCorsOriginsKey, m_corsOriginsEdit->text());
        m_status->setText(tr("Starting…"));
        emit startRequested(m_addressCombo->currentData().toString(), quint16(m_portSpin->value()),
                            m_signatureCheck->isChecked() ? keys : QHash<QString, QString>(), allowUnsigned,
                            origins);
    });
    connect(&m_endpoint, &LocalEndpoint::started, this, &EndpointDialog::updateState);
    connect(&m_endpoint, &LocalEndpoint::stopped, this, &EndpointDialog::updateState);
    connect(&m_endpoint, &LocalEndpoint::requestCountChanged, this, &EndpointDialog::updateState);
    connect(&m_endpoint, &LocalEndpoint::failed, this, [this](const QString& message) {
        updateState();
        m_status->setText(tr("Not started: %1").arg(message));
    });
    resize(560, sizeHint().height());
    updateState();
}

bool EndpointDialog::listensBeyondLoopback() const
{
    return !QHostAddress(m_addressCombo->currentData().toString()).isLoopback();
}

void EndpointDialog::updateState()
{
    const bool running = m_endpoint.isRunning();
    m_startStopButton->setText(running ? tr("&Stop") : tr("&Start"));
    m_portSpin->setEnabled(!running);
    m_addressCombo->setEnabled(!running);
    m_signatureCheck->setEnabled(!running);
    m_accessKeysEdit->setEnabled(!running);
    const bool beyondLoopback = listensBeyondLoopback();
    m_allowUnsignedCheck->setVisible(beyondLoopback);
    m_allowUnsignedCheck->setEnabled(!running && !m_signatureCheck->isChecked());
    m_warning->setVisible(beyondLoopback);
    // On loopback pages from any origin may call; only beyond it are they named.
    m_form->setRowVisible(m_corsOriginsEdit, beyondLoopback);
    m_corsOriginsEdit->setEnabled(!running);
    m_warning->setText(
        m_signatureCheck->isChecked()
            ? tr("Other machines on the network can then send requests to this database; only signed ones "
                 "are served, over plain HTTP.")
            : tr("Other machines on the network could then read and change this database without any "
                 "credentials."));
    if (!running) {
        m_status->setText(tr("The endpoint is off."));
        m_usage->clear();
        return;
    }
    QString status =
        tr("Serving %1 · %2 so far")
            .arg(m_endpoint.url(), plural(m_endpoint.requestCount(), tr("request"), tr("requests")));
    if (m_endpoint.servesUnsignedToNetwork())
        status += QLatin1Char('\n') +
                  tr("Warning: unsigned requests from other machines are served; anyone who can reach "
                     "this port can read and change this database.");
    m_status->setText(status);
    const CorsPolicy& cors = m_endpoint.corsPolicy();
    m_usage->setPlainText(
        tr("boto3:   boto3.client('personalize-events', endpoint_url='%1')\n"
           "AWS CLI: aws personalize-events put-events --endpoint-url %1 ...\n"
           "%2\nA region must still be set (AWS_DEFAULT_REGION).\n%3")
            .arg(m_endpoint.url(),
                 m_endpoint.requiresSignature() ? tr("Requests must be signed with a configured access key.")
                                                : tr("Unsigned requests are accepted."),
                 cors.allowsAnyOrigin()     ? tr("Web pages from any origin may call it (CORS).")
                 : cors.origins().isEmpty() ? tr("No web page may call it from a browser (CORS).")
                                            : tr("Web pages from %1 may call it (CORS).")
                                                  .arg(cors.origins().join(QStringLiteral(", ")))));
}

} // namespace footfall
