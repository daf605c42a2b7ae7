#pragma once

#include "DatasetImporter.h"
#include "ServiceConfig.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTemporaryFile;
class QTimer;

namespace footfall {

class DatasetGroupComboBox;
class HintLabel;
class Workspace;

// Bulk CSV import into a dataset group's Interactions, Users or Items dataset. The import runs
// on a worker thread with its own connection; the dialog shows progress, can cancel (nothing is
// stored then), and lists every row that was not accepted, with the reason. The table holds the
// first ImportReport::kMaxKeptProblems of them; the saved row report has them all.
class ImportDialog final : public QDialog
{
    Q_OBJECT

public:
    ImportDialog(Workspace& workspace, const ServiceConfig& config, const QString& datasetGroupArn,
                 QWidget* parent = nullptr);
    ~ImportDialog() override;
    Q_DISABLE_COPY_MOVE(ImportDialog)

    bool isRunning() const { return m_watcher.isRunning(); }
    const ImportReport& report() const { return m_report; }

signals:
    void imported();

protected:
    void reject() override;

private:
    struct Outcome
    {
        ImportReport report;
        QString error;
    };

    void validate();
    void start();
    void finish();
    void saveReport();

    Workspace& m_workspace;
    ServiceConfig m_config;
    ImportReport m_report;
    // Every row that was not accepted, written by the import as it goes; what Save Row Report copies.
    std::unique_ptr<QTemporaryFile> m_rowReport;
    DatasetGroupComboBox* m_groupCombo;
    QComboBox* m_typeCombo;
    QLineEdit* m_fileEdit;
    QPushButton* m_browseButton;
    HintLabel* m_fileHint;
    QComboBox* m_modeCombo;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QTableWidget* m_problems;
    QPushButton* m_startButton;
    QPushButton* m_cancelButton;
    QPushButton* m_saveReportButton;
    QPushButton* m_closeButton;
    QTimer* m_progressTimer;
    QFutureWatcher<Outcome> m_watcher;
    std::atomic<bool> m_cancel{false};
    std::atomic<qint64> m_done{0};
    std::atomic<qint64> m_total{0};
};

} // namespace footfall
