#include "RequestLogPage.h"

#include "DatasetGroupService.h"
#include "Plural.h"
#include "RequestLogService.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace footfall {

RequestLogPage::RequestLogPage(QWidget* parent)
    : ResourcePage(QStringLiteral("requestLogPage"), parent)
    , m_outcomeFilter(new QComboBox(this))
    , m_channelFilter(new QComboBox(this))
    , m_textFilter(new QLineEdit(this))
    , m_table(new QTableWidget(0, 8, this))
    , m_detail(new QPlainTextEdit(this))
    , m_moreButton(new QPushButton(tr("Load &More"), this))
    , m_filterTimer(new QTimer(this))
    , m_refusals(new QLabel(this))
    , m_retentionDays(new QSpinBox(this))
    , m_maxSizeMib(new QSpinBox(this))
    , m_applyRetention(new QPushButton(tr("&Apply"), this))
    , m_usage(new QLabel(this))
{
    m_outcomeFilter->setObjectName(QStringLiteral("outcomeFilter"));
    m_outcomeFilter->setAccessibleName(tr("Outcome"));
    m_outcomeFilter->addItem(tr("Any outcome"), QString());
    for (const QString& outcome : RequestLogEntry::outcomes())
        m_outcomeFilter->addItem(outcome, outcome);
    m_channelFilter->setObjectName(QStringLiteral("channelFilter"));
    m_channelFilter->setAccessibleName(tr("Channel"));
    m_channelFilter->addItem(tr("Any channel"), QString());
    for (const QString& channel : RequestLogEntry::channels())
        m_channelFilter->addItem(channel, channel);
    m_textFilter->setObjectName(QStringLiteral("requestTextFilter"));
    m_textFilter->setPlaceholderText(tr("Search errors, bodies and tracking IDs"));
    m_textFilter->setAccessibleName(m_textFilter->placeholderText());
    m_textFilter->setClearButtonEnabled(true);
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_outcomeFilter);
    filters->addWidget(m_channelFilter);
    filters->addWidget(m_textFilter, 1);
    pageLayout()->addLayout(filters);

    m_table->setObjectName(QStringLiteral("requestTable"));
    m_table->setHorizontalHeaderLabels({tr("Received (UTC)"), tr("Channel"), tr("Operation"), tr("Outcome"),
                                        tr("Events"), tr("Recorded"), tr("Duplicates"),
                                        tr("Error or warnings")});
    m_table->setAccessibleName(tr("Requests"));
    m_detail->setObjectName(QStringLiteral("requestDetail"));
    m_detail->setAccessibleName(tr("The selected request"));
    m_detail->setPlaceholderText(tr("Select a request to see its body."));
    addTableWithDetail(m_table, m_detail);
    setFindField(m_textFilter);
    // An error reads from its start: cut at its end, in full in its tooltip (IDs elide in the middle).
    m_table->setTextElideMode(Qt::ElideRight);
    m_moreButton->setObjectName(QStringLiteral("loadMoreButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_moreButton);
    pageLayout()->addLayout(buttons);

    m_refusals->setObjectName(QStringLiteral("refusalCounts"));
    m_refusals->setWordWrap(true);
    m_refusals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pageLayout()->addWidget(m_refusals);
    m_retentionDays->setObjectName(QStringLiteral("retentionDays"));
    m_retentionDays->setAccessibleName(tr("Retention in days"));
    m_retentionDays->setRange(1, RequestLogSettings::kMaxRetentionDays);
    m_retentionDays->setSuffix(tr(" days"));
    m_maxSizeMib->setObjectName(QStringLiteral("maxSizeMib"));
    m_maxSizeMib->setAccessibleName(tr("Largest size in MiB"));
    m_maxSizeMib->setRange(1, RequestLogSettings::kMaxSizeMib);
    m_maxSizeMib->setSuffix(tr(" MiB"));
    m_applyRetention->setObjectName(QStringLiteral("applyRetention"));
    m_applyRetention->setToolTip(tr("Store the retention policy in this database and apply it now"));
    m_usage->setObjectName(QStringLiteral("requestLogUsage"));
    auto* retention = new QHBoxLayout;
    retention->addWidget(new QLabel(tr("Keep requests for"), this));
    retention->addWidget(m_retentionDays);
    retention->addWidget(new QLabel(tr("and at most"), this));
    retention->addWidget(m_maxSizeMib);
    retention->addWidget(m_applyRetention);
    retention->addWidget(m_usage, 1);
    pageLayout()->addLayout(retention);
    connect(m_applyRetention, &QPushButton::clicked, this, &RequestLogPage::applyRetentionSettings);

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(250);
    connect(m_filterTimer, &QTimer::timeout, this, &RequestLogPage::reload);
    connect(m_outcomeFilter, &QComboBox::currentIndexChanged, this, &RequestLogPage::reload);
    connect(m_channelFilter, &QComboBox::currentIndexChanged, this, &RequestLogPage::reload);
    connect(m_textFilter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_moreButton, &QPushButton::clicked, this, &RequestLogPage::loadMore);
    connect(m_table, &QTableWidget::currentCellChanged, this, &RequestLogPage::showDetail);
}

bool RequestLogPage::load()
{
    if (arn().isEmpty()) {
        setHeading(tr("All requests, of every dataset group and those that named no known tracker"));
        m_groupId = 0;
        reload();
        return true;
    }
    const auto group = workspace()->datasetGroups().findByArn(arn());
    if (!group)
        return false;
    setHeading(tr("Request log of %1").arg(group->name));
    m_groupId = group->id;
    reload();
    return true;
}

void RequestLogPage::reload()
{
    if (!workspace())
        return;
    const qint64 selected = m_table->currentRow() >= 0 && m_table->currentRow() < m_entries.size()
                                ? m_entries.at(m_table->currentRow()).id
                                : 0;
    m_entries.clear();
    m_table->setRowCount(0);
    loadMore();
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).id == selected)
            m_table->selectRow(row);
    }
    showRetention();
}

void RequestLogPage::showRetention()
{
    try {
        RequestLogService& log = workspace()->requestLog();
        const RequestLogSettings settings = log.settings();
        m_retentionDays->setValue(settings.retentionDays);
        m_maxSizeMib->setValue(settings.maxSizeMib);
        const RequestLogUsage usage = log.usage();
        m_usage->setText(tr("The log holds %1, %2 KiB of text (whole database).")
                             .arg(plural(usage.rows, tr("request"), tr("requests")),
                                  QLocale().toString((usage.bytes + 1023) / 1024)));
        QStringList lines;
        for (const RequestRefusalCount& count : log.refusals(kRefusalMinutesShown)) {
            lines << tr("%1 UTC: %2 × %3")
                         .arg(QDateTime::fromMSecsSinceEpoch(count.minuteMs, QTimeZone::utc())
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                              count.reason)
                         .arg(count.count);
        }
        m_refusals->setText(
            lines.isEmpty()
                ? tr("No requests were refused before authentication.")
                : tr("Refused before authentication or routing (counted; only the first %1 of each minute "
                     "are listed above):\n%2")
                      .arg(RequestLogService::kRefusalRowsPerMinute)
                      .arg(lines.join(QLatin1Char('\n'))));
    } catch (const StorageError& error) {
        m_usage->setText(error.message());
    }
}

void RequestLogPage::applyRetentionSettings()
{
    if (!workspace())
        return;
    RequestLogSettings settings;
    settings.retentionDays = m_retentionDays->value();
    settings.maxSizeMib = m_maxSizeMib->value();
    const QString failure = failureOf([&] {
        workspace()->requestLog().configure(settings);
        const RequestLogTrim trim = workspace()->requestLog().applyRetention();
        emit statusMessage(tr("Request log: kept for %1 and up to %2 MiB; %3 removed")
                               .arg(plural(settings.retentionDays, tr("day"), tr("days")))
                               .arg(settings.maxSizeMib)
                               .arg(plural(trim.removed, tr("request"), tr("requests"))));
    });
    if (!failure.isEmpty())
        m_usage->setText(failure);
    reload();
}

void RequestLogPage::loadMore()
{
    RequestLogFilter filter;
    filter.datasetGroupId = m_groupId;
    filter.outcome = m_outcomeFilter->currentData().toString();
    filter.channel = m_channelFilter->currentData().toString();
    filter.text = m_textFilter->text().trimmed();
    try {
        const QList<RequestLogEntry> entries = workspace()->requestLog().list(
            filter, kPageSize + 1, m_entries.isEmpty() ? 0 : m_entries.last().id);
        m_moreButton->setEnabled(entries.size() > kPageSize);
        append(entries.mid(0, kPageSize));
    } catch (const StorageError& error) {
        m_detail->setPlainText(error.message());
    }
}

void RequestLogPage::append(const QList<RequestLogEntry>& entries)
{
    for (const RequestLogEntry& entry : entries) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        QStringList problems;
        if (!entry.errorType.isEmpty())
            problems << QStringLiteral("%1: %2").arg(entry.errorType, entry.errorMessage);
        for (const RequestWarning& warning : entry.warnings)
            problems << tr("warning %1: %2").arg(warning.path, warning.message);
        const QStringList cells = {QDateTime::fromMSecsSinceEpoch(entry.receivedMs, QTimeZone::utc())
                                       .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                   entry.channel,
                                   entry.operation,
                                   entry.outcome,
                                   QString::number(entry.eventCount),
                                   QString::number(entry.recordedCount),
                                   QString::number(entry.duplicateCount),
                                   problems.join(QStringLiteral("; "))};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            if (entry.outcome == QLatin1String("rejected"))
                item->setForeground(QColor(0xb7, 0x1c, 0x1c));
            if (column == kProblemColumn && !cells.at(column).isEmpty())
                item->setToolTip(cells.at(column)); // the whole text; the cell ends in "…"
            m_table->setItem(row, column, item);
        }
        m_entries.append(entry);
    }
    // The problem column takes the width that is left and ends its text in "…": fitted to its
    // longest error it would run past the view's edge, cut off mid-word.
    for (int column = 0; column < kProblemColumn; ++column)
        m_table->resizeColumnToContents(column);
}

void RequestLogPage::showDetail()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_entries.size()) {
        m_detail->clear();
        return;
    }
    const RequestLogEntry& entry = m_entries.at(row);
    QStringList lines;
    lines << tr("Request %1: %2 via %3, %4").arg(entry.id).arg(entry.operation, entry.channel, entry.outcome);
    if (!entry.trackerArn.isEmpty())
        lines << tr("Tracker: %1").arg(entry.trackerArn);
    if (!entry.trackingId.isEmpty())
        lines << tr("Tracking ID: %1").arg(entry.trackingId);
    if (!entry.userAgent.isEmpty())
        lines << tr("User agent: %1").arg(entry.userAgent);
    if (!entry.accessKeyId.isEmpty())
        lines << tr("Access key ID: %1").arg(entry.accessKeyId);
    if (!entry.errorType.isEmpty())
        lines << tr("Error: %1: %2").arg(entry.errorType, entry.errorMessage);
    for (const RequestWarning& warning : entry.warnings)
        lines << tr("Warning %1: %2").arg(warning.path, warning.message);
    if (entry.bodyRemoved) {
        lines << QString() << tr("Body: removed by the retention policy.");
        m_detail->setPlainText(lines.join(QLatin1Char('\n')));
        return;
    }
    lines << QString() << tr("Body%1:").arg(entry.bodyTruncated ? tr(" (first 16 KiB)") : QString());
    const QJsonDocument parsed = QJsonDocument::fromJson(entry.body.toUtf8());
    lines << (parsed.isNull() ? entry.body : QString::fromUtf8(parsed.toJson(QJsonDocument::Indented)));
    m_detail->setPlainText(lines.join(QLatin1Char('\n')));
}

} // namespace footfall
