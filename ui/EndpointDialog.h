#pragma once

#include <QDialog>
#include <QHash>
#include <QStringList>

#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace footfall {

class HintLabel;
class LocalEndpoint;

// Tools ▸ Local Endpoint: start or stop the AWS-compatible endpoint on a port, and see how to
// point boto3, the AWS CLI or a web page at it.
class EndpointDialog final : public QDialog
{
    Q_OBJECT

public:
    EndpointDialog(LocalEndpoint& endpoint, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(EndpointDialog)

signals:
    // The user asked to start on this address and port; the main window knows the database.
    // `allowUnsigned`: the user ticked that other machines may send unsigned requests.
    // `corsOrigins`: the web page origins that may call it (empty on loopback: any may).
    void startRequested(const QString& address, quint16 port, const QHash<QString, QString>& accessKeys,
                        bool allowUnsigned, const QStringList& corsOrigins);

private:
    // What in the form keeps Start disabled, if anything: one of the three below.
    std::optional<QString> startProblem() const;
    std::optional<QString> accessKeysProblem() const;
    std::optional<QString> consentProblem() const;
    std::optional<QString> originsProblem() const;
    void start();
    void updateState();
    void showUsage();
    void showRunningStatus();
    void showFailure(const QString& message);
    void growToFit();
    bool listensBeyondLoopback() const;
    // The origins typed, or the first that is not one (in `invalid`).
    QStringList typedOrigins(QString* invalid = nullptr) const;

    LocalEndpoint& m_endpoint;
    QSpinBox* m_portSpin;
    QCheckBox* m_signatureCheck;
    QCheckBox* m_allowUnsignedCheck;
    QLineEdit* m_accessKeysEdit;
    HintLabel* m_accessKeysHint;
    QLineEdit* m_corsOriginsEdit;
    HintLabel* m_corsOriginsHint;
    QComboBox* m_addressCombo;
    QLabel* m_warning;
    QLabel* m_status;
    QPushButton* m_detailsButton;
    QPlainTextEdit* m_details; // the whole text of the last failure, behind "Show details"
    QPlainTextEdit* m_usage;   // code to paste: boto3 and the AWS CLI pointed at the endpoint
    QLabel* m_notes;
    QPushButton* m_startStopButton;
    QFormLayout* m_form;
};

} // namespace footfall
