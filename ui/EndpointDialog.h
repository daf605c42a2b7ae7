#pragma once

#include <QDialog>
#include <QHash>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace footfall {

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
    void updateState();
    bool listensBeyondLoopback() const;

    LocalEndpoint& m_endpoint;
    QSpinBox* m_portSpin;
    QCheckBox* m_signatureCheck;
    QCheckBox* m_allowUnsignedCheck;
    QLineEdit* m_accessKeysEdit;
    QLineEdit* m_corsOriginsEdit;
    QComboBox* m_addressCombo;
    QLabel* m_warning;
    QLabel* m_status;
    QPlainTextEdit* m_usage;
    QPushButton* m_startStopButton;
    QFormLayout* m_form;
};

} // namespace footfall
