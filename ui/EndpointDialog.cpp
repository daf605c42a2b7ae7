#include "EndpointDialog.h"

#include "CorsPolicy.h"
#include "DialogFocus.h"
#include "HintLabel.h"
#include "LocalEndpoint.h"
#include "Plural.h"
#include "ServeCommand.h"
#include "SignatureVerifier.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QTextBlock>
#include <QVBoxLayout>

#include <cmath>

namespace footfall {

namespace {
const QString kPortKey = QStringLiteral("endpoint/port");
const QString kAddressKey = QStringLiteral("endpoint/address");
const QString kSignatureKey = QStringLiteral("endpoint/requireSignature");
const QString kAccessKeysKey = QStringLiteral("endpoint/accessKeys");
const QString kCorsOriginsKey = QStringLiteral("endpoint/corsOrigins");
constexpr int kHeadlineLength = 160;

// The first line of `message`, and of that its first sentence when the line is long: what a
// person reads first. The rest stays behind "Show details".
QString headlineOf(const QString& message)
{
    QString line = message.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (line.size() <= kHeadlineLength)
        return line;
    const qsizetype sentenceEnd = line.indexOf(QLatin1String(". "));
    if (sentenceEnd > 0 && sentenceEnd < kHeadlineLength)
        return line.left(sentenceEnd + 1);
    return line.left(kHeadlineLength - 1) + QChar(0x2026);
}
} // namespace

EndpointDialog::EndpointDialog(LocalEndpoint& endpoint, QWidget* parent)
    : QDialog(parent)
    , m_endpoint(endpoint)
    , m_portSpin(new QSpinBox(this))
    , m_signatureCheck(new QCheckBox(tr("Require AWS Signature &Version 4"), this))
    , m_allowUnsignedCheck(new QCheckBox(tr("Allow &unsigned requests from other machines"), this))
    , m_accessKeysEdit(new QLineEdit(this))
    , m_accessKeysHint(new HintLabel(QStringLiteral("accessKeysHint"), this))
    , m_corsOriginsEdit(new QLineEdit(this))
    , m_corsOriginsHint(new HintLabel(QStringLiteral("corsOriginsHint"), this))
    , m_addressCombo(new QComboBox(this))
    , m_warning(new QLabel(this))
    , m_status(new QLabel(this))
    , m_detailsButton(new QPushButton(tr("Show &details"), this))
    , m_details(new QPlainTextEdit(this))
    , m_usage(new QPlainTextEdit(this))
    , m_notes(new QLabel(this))
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
    m_detailsButton->setObjectName(QStringLiteral("showDetailsButton"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setVisible(false);
    m_details->setObjectName(QStringLiteral("endpointErrorDetails"));
    m_details->setAccessibleName(tr("Error details"));
    m_details->setReadOnly(true);
    m_details->setVisible(false);
    m_details->setMaximumHeight(m_details->fontMetrics().lineSpacing() * 8);
    m_usage->setObjectName(QStringLiteral("endpointUsage"));
    m_usage->setAccessibleName(tr("How to call the endpoint"));
    m_usage->setReadOnly(true);
    m_usage->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_usage->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_usage->setVisible(false);
    m_notes->setObjectName(QStringLiteral("endpointNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setVisible(false);
    m_startStopButton->setObjectName(QStringLiteral("startStopButton"));

    m_form->addRow(tr("&Port:"), m_portSpin);
    m_form->addRow(tr("&Listen on:"), m_addressCombo);
    m_form->addRow(QString(), m_warning);
    m_form->addRow(QString(), m_signatureCheck);
    m_form->addRow(QString(), m_allowUnsignedCheck);
    m_form->addRow(tr("Access &keys:"), m_accessKeysEdit);
    m_form->addRow(QString(), m_accessKeysHint);
    m_form->addRow(tr("Web page &origins:"), m_corsOriginsEdit);
    m_form->addRow(QString(), m_corsOriginsHint);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_startStopButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_detailsButton, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addLayout(statusRow);
    layout->addWidget(m_details);
    layout->addWidget(m_usage);
    layout->addWidget(m_notes);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_addressCombo, &QComboBox::currentIndexChanged, this, &EndpointDialog::updateState);
    connect(m_signatureCheck, &QCheckBox::toggled, this, [this](bool required) {
        // Signed requests only: there is nothing unsigned left to allow.
        if (required)
            m_allowUnsignedCheck->setChecked(false);
        updateState();
    });
    connect(m_allowUnsignedCheck, &QCheckBox::toggled, this, &EndpointDialog::updateState);
    connect(m_accessKeysEdit, &QLineEdit::textChanged, this, &EndpointDialog::updateState);
    connect(m_corsOriginsEdit, &QLineEdit::textChanged, this, &EndpointDialog::updateState);
    connect(m_detailsButton, &QPushButton::toggled, this, [this](bool shown) {
        m_details->setVisible(shown);
        m_detailsButton->setText(shown ? tr("Hide &details") : tr("Show &details"));
        growToFit(); // room for the details, within the screen (the box scrolls beyond)
    });
    connect(m_startStopButton, &QPushButton::clicked, this, [this] {
        if (m_endpoint.isRunning())
            m_endpoint.stop();
        else
            start();
    });
    connect(&m_endpoint, &LocalEndpoint::started, this, &EndpointDialog::updateState);
    connect(&m_endpoint, &LocalEndpoint::stopped, this, &EndpointDialog::updateState);
    // A request changes only the count: the form, its details and the snippets (perhaps being
    // selected for copying) stay as they are.
    connect(&m_endpoint, &LocalEndpoint::requestCountChanged, this, &EndpointDialog::showRunningStatus);
    connect(&m_endpoint, &LocalEndpoint::failed, this, &EndpointDialog::showFailure);
    updateState();
    resize(600, sizeHint().height());
    DialogFocus::orderAndFocus(this);
}

bool EndpointDialog::listensBeyondLoopback() const
{
    return !QHostAddress(m_addressCombo->currentData().toString()).isLoopback();
}

QStringList EndpointDialog::typedOrigins(QString* invalid) const
{
    QStringList origins;
    for (const QString& origin : m_corsOriginsEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (CorsPolicy::normalizedOrigin(origin).isEmpty()) {
            if (invalid)
                *invalid = origin.trimmed();
            return {};
        }
        origins.append(origin.trimmed());
    }
    return origins;
}

std::optional<QString> EndpointDialog::accessKeysProblem() const
{
    if (m_signatureCheck->isChecked() && SignatureVerifier::parseKeys(m_accessKeysEdit->text()).isEmpty())
        return tr("Requiring signatures needs at least one access key as ID:SECRET.");
    return std::nullopt;
}

std::optional<QString> EndpointDialog::consentProblem() const
{
    if (listensBeyondLoopback() && !m_signatureCheck->isChecked() && !m_allowUnsignedCheck->isChecked())
        return tr("To serve other machines, require signatures, or tick “Allow unsigned requests from "
                  "other machines”.");
    return std::nullopt;
}

std::optional<QString> EndpointDialog::originsProblem() const
{
    QString invalid;
    if (listensBeyondLoopback() && typedOrigins(&invalid).isEmpty() && !invalid.isEmpty())
        return tr("“%1” is not a web page origin (scheme://host[:port], or *).").arg(invalid);
    return std::nullopt;
}

std::optional<QString> EndpointDialog::startProblem() const
{
    if (auto problem = accessKeysProblem())
        return problem;
    if (auto problem = consentProblem())
        return problem;
    return originsProblem();
}

void EndpointDialog::start()
{
    if (startProblem())
        return;
    const QHash<QString, QString> keys = SignatureVerifier::parseKeys(m_accessKeysEdit->text());
    const bool beyondLoopback = listensBeyondLoopback();
    QSettings chosen;
    chosen.setValue(kPortKey, m_portSpin->value());
    chosen.setValue(kAddressKey, m_addressCombo->currentData());
    chosen.setValue(kSignatureKey, m_signatureCheck->isChecked());
    chosen.setValue(kAccessKeysKey, m_accessKeysEdit->text());
    chosen.setValue(kCorsOriginsKey, m_corsOriginsEdit->text());
    m_detailsButton->setChecked(false);
    m_detailsButton->setVisible(false);
    m_status->setText(tr("Starting…"));
    emit startRequested(m_addressCombo->currentData().toString(), quint16(m_portSpin->value()),
                        m_signatureCheck->isChecked() ? keys : QHash<QString, QString>(),
                        beyondLoopback && m_allowUnsignedCheck->isChecked(),
                        beyondLoopback ? typedOrigins() : QStringList());
}

void EndpointDialog::showFailure(const QString& message)
{
    updateState();
    const QString headline = headlineOf(message);
    m_status->setText(tr("Not started: %1").arg(headline));
    const bool hasMore = headline != message.trimmed();
    m_details->setPlainText(message);
    m_detailsButton->setChecked(false);
    m_details->setVisible(false);
    m_detailsButton->setVisible(hasMore);
    growToFit();
}

void EndpointDialog::updateState()
{
    const bool running = m_endpoint.isRunning();
    const bool beyondLoopback = listensBeyondLoopback();
    const bool signatures = m_signatureCheck->isChecked();
    m_startStopButton->setText(running ? tr("&Stop") : tr("&Start"));
    m_portSpin->setEnabled(!running);
    m_addressCombo->setEnabled(!running);
    m_signatureCheck->setEnabled(!running);
    m_accessKeysEdit->setEnabled(!running);
    m_allowUnsignedCheck->setVisible(beyondLoopback);
    m_allowUnsignedCheck->setEnabled(!running && !signatures);
    // On loopback pages from any origin may call; only beyond it are they named.
    m_form->setRowVisible(m_corsOriginsEdit, beyondLoopback);
    m_form->setRowVisible(m_corsOriginsHint, beyondLoopback);
    m_corsOriginsEdit->setEnabled(!running);
    m_warning->setVisible(beyondLoopback);
    const std::optional<QString> consent = consentProblem();
    m_warning->setText(signatures
                           ? tr("Other machines on the network can then send requests to this database; "
                                "only signed ones are served, over plain HTTP.")
                       : consent ? *consent
                                 : tr("Other machines on the network could then read and change this "
                                      "database without any credentials."));
    const std::optional<QString> problem = running ? std::nullopt : startProblem();
    m_accessKeysHint->setProblem(running ? std::nullopt : accessKeysProblem());
    m_corsOriginsHint->setProblem(running ? std::nullopt : originsProblem());
    growToFit();
    m_startStopButton->setEnabled(running || !problem);
    m_startStopButton->setToolTip(problem.value_or(QString()));
    m_detailsButton->setVisible(false);
    m_details->setVisible(false);
    if (!running) {
        m_status->setText(tr("The endpoint is off."));
        m_usage->clear();
        m_usage->setVisible(false);
        m_notes->setVisible(false);
        return;
    }
    showRunningStatus();
    showUsage();
}

void EndpointDialog::showRunningStatus()
{
    if (!m_endpoint.isRunning())
        return;
    QString status =
        tr("Serving %1 · %2 so far")
            .arg(m_endpoint.url(), plural(m_endpoint.requestCount(), tr("request"), tr("requests")));
    if (m_endpoint.servesUnsignedToNetwork())
        status += QLatin1Char('\n') +
                  tr("Warning: unsigned requests from other machines are served; anyone who can reach "
                     "this port can read and change this database.");
    m_status->setText(status);
}

void EndpointDialog::showUsage()
{
    const bool shownBefore = m_usage->isVisible();
    m_usage->setPlainText(tr("boto3:   boto3.client('personalize-events', endpoint_url='%1')\n"
                             "AWS CLI: aws personalize-events put-events --endpoint-url %1 ...")
                              .arg(m_endpoint.url()));
    const CorsPolicy& cors = m_endpoint.corsPolicy();
    m_notes->setText(
        tr("A region must still be set (AWS_DEFAULT_REGION). %1\n%2")
            .arg(m_endpoint.requiresSignature() ? tr("Requests must be signed with a configured access key.")
                                                : tr("Unsigned requests are accepted."),
                 cors.allowsAnyOrigin()     ? tr("Web pages from any origin may call it (CORS).")
                 : cors.origins().isEmpty() ? tr("No web page may call it from a browser (CORS).")
                                            : tr("Web pages from %1 may call it (CORS).")
                                                  .arg(cors.origins().join(QStringLiteral(", ")))));
    // The snippets are shown whole, not cut: the box is as wide and as tall as its lines, as far as
    // the screen allows (beyond that it scrolls).
    int widest = 0;
    int lines = 0;
    for (QTextBlock block = m_usage->document()->begin(); block.isValid(); block = block.next(), ++lines)
        widest = std::max(widest, m_usage->fontMetrics().horizontalAdvance(block.text()));
    // The frame, the document's margins on both sides, and the cursor's room at a line's end.
    const int chrome = 2 * m_usage->frameWidth() + 2 * int(std::ceil(m_usage->document()->documentMargin())) +
                       m_usage->cursorWidth() + 2 * m_usage->fontMetrics().averageCharWidth();
    const QRect screenArea = screen() ? screen()->availableGeometry() : QRect(0, 0, 1024, 700);
    const int margins = layout()->contentsMargins().left() + layout()->contentsMargins().right();
    m_usage->setMinimumWidth(std::min(widest + chrome, screenArea.width() - margins - 40));
    m_usage->setFixedHeight(lines * m_usage->fontMetrics().lineSpacing() + chrome +
                            (widest + chrome > m_usage->minimumWidth()
                                 ? m_usage->horizontalScrollBar()->sizeHint().height()
                                 : 0));
    m_usage->setVisible(true);
    m_notes->setVisible(true);
    if (!shownBefore)
        growToFit();
}

void EndpointDialog::growToFit()
{
    // Wrapped labels (the warning, the status) need more height as their text grows; a dialog's
    // minimum size does not follow height-for-width, so it is grown here, never past the screen.
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalSizeHint().height();
    const int screenHeight = screen() ? screen()->availableGeometry().height() : needed;
    const int frame = frameGeometry().height() - height();
    const int fitted = std::min(needed, screenHeight - frame);
    if (fitted > height())
        resize(width(), fitted);
}

} // namespace footfall
