#include "ImportDialog.h"

#include "DatabaseFiles.h"
#include "DatasetGroupComboBox.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "DialogFocus.h"
#include "HintLabel.h"
#include "OutputFile.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryFile>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace footfall {

ImportDialog::ImportDialog(Workspace& workspace, const ServiceConfig& config, const QString& datasetGroupArn,
                           QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_config(config)
    , m_groupCombo(new DatasetGroupComboBox(this))
    , m_typeCombo(new QComboBox(this))
    , m_fileEdit(new QLineEdit(this))
    , m_browseButton(new QPushButton(tr("&Browse…"), this))
    , m_fileHint(new HintLabel(QStringLiteral("fileHint"), this))
    , m_modeCombo(new QComboBox(this))
    , m_progress(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_problems(new QTableWidget(0, 3, this))
    , m_startButton(new QPushButton(tr("&Import"), this))
    , m_cancelButton(new QPushButton(tr("Cancel Import"), this))
    , m_saveReportButton(new QPushButton(tr("&Save Row Report…"), this))
    , m_closeButton(new QPushButton(tr("Close"), this))
    , m_progressTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import CSV"));
    m_groupCombo->load(workspace, datasetGroupArn);
    m_typeCombo->setObjectName(QStringLiteral("datasetTypeCombo"));
    m_typeCombo->setAccessibleName(tr("Dataset"));
    m_typeCombo->addItems(DatasetTypes::allNames());
    m_fileEdit->setObjectName(QStringLiteral("fileEdit"));
    m_fileEdit->setAccessibleName(tr("CSV file"));
    m_fileEdit->setPlaceholderText(tr("a CSV file with a header row of schema columns"));
    m_browseButton->setObjectName(QStringLiteral("browseButton"));
    connect(m_browseButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("CSV File to Import"), m_fileEdit->text(),
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            m_fileEdit->setText(path);
    });
    m_modeCombo->setObjectName(QStringLiteral("modeCombo"));
    m_modeCombo->setAccessibleName(tr("Import mode"));
    m_modeCombo->addItem(tr("INCREMENTAL: add to what is there"), int(ImportMode::Incremental));
    m_modeCombo->addItem(tr("FULL: replace earlier bulk-imported data"), int(ImportMode::Full));

    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileEdit, 1);
    fileRow->addWidget(m_browseButton);
    auto* form = new QFormLayout;
    form->addRow(tr("Dataset &group:"), m_groupCombo);
    form->addRow(tr("&Dataset:"), m_typeCombo);
    auto* fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_fileEdit); // a row holding a layout gets no buddy by itself
    form->addRow(fileLabel, fileRow);
    form->addRow(QString(), m_fileHint);
    form->addRow(tr("&Mode:"), m_modeCombo);

    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setAccessibleName(tr("Import progress"));
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setObjectName(QStringLiteral("problemsTable"));
    m_problems->setHorizontalHeaderLabels({tr("Line"), tr("Result"), tr("Reason")});
    m_problems->horizontalHeader()->setStretchLastSection(true);
    m_problems->verticalHeader()->setVisible(false);
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->setAccessibleName(tr("Rows that were not accepted"));

    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_startButton->setDefault(true);
    m_cancelButton->setObjectName(QStringLiteral("cancelImportButton"));
    m_cancelButton->setEnabled(false);
    m_saveReportButton->setObjectName(QStringLiteral("saveReportButton"));
    m_saveReportButton->setEnabled(false);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_saveReportButton);
    buttons->addStretch(1);
    buttons->addWidget(m_startButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_summary);
    layout->addWidget(m_problems, 1);
    layout->addLayout(buttons);

    connect(m_fileEdit, &QLineEdit::textChanged, this, &ImportDialog::validate);
    connect(m_groupCombo, &QComboBox::currentIndexChanged, this, &ImportDialog::validate);
    connect(m_typeCombo, &QComboBox::currentIndexChanged, this, &ImportDialog::validate);
    connect(m_startButton, &QPushButton::clicked, this, &ImportDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        m_cancel = true;
        m_cancelButton->setEnabled(false);
        m_summary->setText(tr("Cancelling…"));
    });
    connect(m_saveReportButton, &QPushButton::clicked, this, &ImportDialog::saveReport);
    connect(m_closeButton, &QPushButton::clicked, this, &ImportDialog::reject);
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, [this] {
        const qint64 total = m_total;
        if (total > 0)
            m_progress->setValue(int(1000 * m_done / total));
    });
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &ImportDialog::finish);
    resize(760, 560);
    validate();
    DialogFocus::orderAndFocus(this);
}

ImportDialog::~ImportDialog()
{
    m_cancel = true;
    m_watcher.waitForFinished();
}

void ImportDialog::validate()
{
    bool ok = true;
    const QString path = m_fileEdit->text().trimmed();
    if (m_groupCombo->count() == 0) {
        ok = m_fileHint->setProblem(tr("Create a dataset group first."));
    } else if (const auto group =
                   m_workspace.datasetGroups().findByArn(m_groupCombo->currentData().toString());
               group && !m_workspace.datasets().findForGroup(
                            group->id, *DatasetTypes::fromString(m_typeCombo->currentText()))) {
        ok = m_fileHint->setProblem(
            tr("Dataset group %1 has no %2 dataset yet.").arg(group->name, m_typeCombo->currentText()));
    } else if (path.isEmpty()) {
        ok = false;
        m_fileHint->setProblem(std::nullopt);
    } else if (DatabaseFiles::isDatabaseFile(path, m_workspace.path())) {
        ok = m_fileHint->setProblem(DatabaseFiles::refusal(path));
    } else if (!QFileInfo(path).isFile() || !QFileInfo(path).isReadable()) {
        ok = m_fileHint->setProblem(tr("%1 is not a readable file.").arg(path));
    } else {
        m_fileHint->setProblem(std::nullopt);
    }
    m_startButton->setEnabled(ok && !m_watcher.isRunning());
}

void ImportDialog::start()
{
    const auto group = m_workspace.datasetGroups().findByArn(m_groupCombo->currentData().toString());
    if (!group)
        return;
    const auto dataset =
        m_workspace.datasets().findForGroup(group->id, *DatasetTypes::fromString(m_typeCombo->currentText()));
    if (!dataset)
        return;
    m_cancel = false;
    m_done = 0;
    m_total = 0;
    m_problems->setRowCount(0);
    m_summary->setText(tr("Importing…"));
    m_progress->setValue(0);
    for (QWidget* widget :
         std::initializer_list<QWidget*>{m_startButton, m_groupCombo, m_typeCombo, m_fileEdit, m_browseButton,
                                         m_modeCombo, m_saveReportButton, m_closeButton})
        widget->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_progressTimer->start();

    m_rowReport = std::make_unique<QTemporaryFile>();
    if (!m_rowReport->open()) {
        m_rowReport.reset(); // the table and its first rows still tell; Save writes those
    }
    QIODevice* const rowReport = m_rowReport.get();
    const QString databasePath = m_workspace.path();
    const ServiceConfig config = m_config;
    const QString datasetArn = dataset->arn;
    const QString file = m_fileEdit->text().trimmed();
    const auto mode = ImportMode(m_modeCombo->currentData().toInt());
    // The worker alone writes the row report until it is done; the dialog reads it only afterwards.
    m_watcher.setFuture(QtConcurrent::run([this, databasePath, config, datasetArn, file, mode, rowReport]() {
        Outcome outcome;
        try {
            // A connection of this thread's own, as Qt SQL requires.
            const auto workspace = Workspace::open(databasePath, config);
            outcome.report = DatasetImporter(*workspace)
                                 .importFile(
                                     datasetArn, file, mode,
                                     [this](qint64 done, qint64 total) {
                                         m_done = done;
                                         m_total = total;
                                         return !m_cancel;
                                     },
                                     rowReport);
        } catch (const ServiceError& error) {
            outcome.error = QStringLiteral("%1: %2").arg(error.typeName(), error.message());
        } catch (const std::exception& error) {
            outcome.error = QString::fromUtf8(error.what());
        }
        return outcome;
    }));
}

void ImportDialog::finish()
{
    m_progressTimer->stop();
    const Outcome outcome = m_watcher.result();
    m_report = outcome.report;
    for (QWidget* widget : std::initializer_list<QWidget*>{m_groupCombo, m_typeCombo, m_fileEdit,
                                                           m_browseButton, m_modeCombo, m_closeButton})
        widget->setEnabled(true);
    m_cancelButton->setEnabled(false);
    validate();
    if (!outcome.error.isEmpty()) {
        m_progress->setValue(0);
        m_summary->setText(tr("Nothing was imported. %1").arg(outcome.error));
        return;
    }
    m_progress->setValue(m_report.cancelled ? 0 : 1000);
    const QLocale locale;
    QString summary = m_report.summary(locale) + QLatin1Char('.');
    for (const QString& note : m_report.notes)
        summary += QLatin1Char('\n') + note;
    if (m_report.problems.size() < m_report.rejected + m_report.duplicates) {
        summary += m_rowReport
                       ? tr("\nThe table lists the first %1 rows that were not accepted; the saved row "
                            "report has them all.")
                             .arg(locale.toString(m_report.problems.size()))
                       : tr("\nThe table lists the first %1 rows that were not accepted.")
                             .arg(locale.toString(m_report.problems.size()));
    }
    m_summary->setText(summary);
    m_problems->setRowCount(int(m_report.problems.size()));
    for (int row = 0; row < m_report.problems.size(); ++row) {
        const ImportRowProblem& problem = m_report.problems.at(row);
        m_problems->setItem(row, 0, new QTableWidgetItem(QString::number(problem.line)));
        m_problems->setItem(row, 1, new QTableWidgetItem(problem.status));
        m_problems->setItem(row, 2, new QTableWidgetItem(problem.reason));
    }
    m_problems->resizeColumnToContents(0);
    m_problems->resizeColumnToContents(1);
    m_saveReportButton->setEnabled(!m_report.problems.isEmpty());
    if (!m_report.cancelled)
        emit imported();
}

void ImportDialog::saveReport()
{
    QFileDialog dialog(this, tr("Save Row Report"));
    dialog.setObjectName(QStringLiteral("saveReportFileDialog"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("csv"));
    dialog.setNameFilter(tr("CSV files (*.csv)"));
    dialog.selectFile(QStringLiteral("import-report.csv"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    const QString path = dialog.selectedFiles().first();
    const QString problem = failureOf([&] {
        OutputFile file(path, m_workspace.path(), QString());
        QIODevice& device = file.open();
        if (m_rowReport && m_rowReport->seek(0)) {
            while (!m_rowReport->atEnd())
                device.write(m_rowReport->read(1 << 20));
        } else {
            m_report.writeProblemsCsv(device);
        }
        file.commit();
    });
    if (!problem.isEmpty())
        QMessageBox::warning(this, tr("Cannot save the report"), problem);
}

void ImportDialog::reject()
{
    if (m_watcher.isRunning()) {
        m_cancel = true; // close only once the worker has rolled back
        return;
    }
    QDialog::reject();
}

} // namespace footfall
