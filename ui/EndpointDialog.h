#pragma once

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace footfall {

class LocalEndpoint;

// Tools ▸ Local Endpoint: start or stop the AWS-compatible endpoint on a port, and see how to
// point boto3 or the AWS CLI at it.
class EndpointDialog final : public QDialog
{
    Q_OBJECT

public:
    EndpointDialog(LocalEndpoint& endpoint, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(EndpointDialog)

signals:
    // The user asked to start on this address and port; the main window knows the database.
    // `allowUnsigned`: the user ticked that other machines may send unsigned requests.
    void startRequested(const QString& address, quint16 port, const QHash<QString, QString>& accessKeys,
                        bool allowUnsigned);

private:
    void updateState();
    bool listensBeyondLoopback() const;

    LocalEndpoint& m_endpoint;
    QSpinBox* m_portSpin;
    QCheckBox* m_signatureCheck;
    QCheckBox* m_allowUnsignedCheck;
    QLineEdit* m_accessKeysEdit;
    QComboBox* m_addressCombo;
    QLabel* m_warning;
    QLabel* m_status;
    QPlainTextEdit* m_usage;
    QPushButton* m_startStopButton;
};

} // namespace footfall
