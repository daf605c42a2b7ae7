#include "EventsPage.h"

#include "AttributionSource.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "EventTableModel.h"
#include "Plural.h"
#include "PutEventsValidator.h"
#include "RequestLogService.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace footfall {

namespace {

QLineEdit* filterEdit(const QString& objectName, const QString& placeholder, QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setAccessibleName(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

QString utcText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'"));
}

qint64 parseTime(const QString& text)
{
    if (text.trimmed().isEmpty())
        return 0;
    return PutEventsValidator::parseSentAt(QJsonValue(text.trimmed())).value_or(0);
}

} // namespace

EventsPage::EventsPage(QWidget* parent)
    : ResourcePage(QStringLiteral("eventsPage"), parent)
    , m_model(new EventTableModel(this))
    , m_table(new QTableView(this))
    , m_detail(new QPlainTextEdit(this))
    , m_userFilter(filterEdit(QStringLiteral("userFilter"), tr("User"), this))
    , m_sessionFilter(filterEdit(QStringLiteral("sessionFilter"), tr("Session"), this))
    , m_itemFilter(filterEdit(QStringLiteral("itemFilter"), tr("Item"), this))
    , m_typeFilter(new QComboBox(this))
    , m_sourceFilter(filterEdit(QStringLiteral("sourceFilter"), tr("Source"), this))
    , m_fromFilter(filterEdit(QStringLiteral("fromFilter"), tr("From (ISO 8601 or epoch)"), this))
    , m_toFilter(filterEdit(QStringLiteral("toFilter"), tr("Before (ISO 8601 or epoch)"), this))
    , m_textFilter(filterEdit(QStringLiteral("textFilter"), tr("Search text"), this))
    , m_pageLabel(new QLabel(this))
    , m_firstButton(new QPushButton(tr("Newest"), this))
    , m_previousButton(new QPushButton(tr("◀ Newer"), this))
    , m_nextButton(new QPushButton(tr("Older ▶"), this))
    , m_lastButton(new QPushButton(tr("Oldest"), this))
    , m_filterTimer(new QTimer(this))
{
    m_typeFilter->setObjectName(QStringLiteral("typeFilter"));
    m_typeFilter->setEditable(true);
    m_typeFilter->setAccessibleName(tr("Event type"));
    m_typeFilter->lineEdit()->setPlaceholderText(tr("Event type"));
    auto* filters = new QGridLayout;
    const QList<QWidget*> fields = {m_userFilter,   m_sessionFilter, m_itemFilter, m_typeFilter,
                                    m_sourceFilter, m_fromFilter,    m_toFilter,   m_textFilter};
    for (int i = 0; i < fields.size(); ++i)
        filters->addWidget(fields.at(i), i / 4, i % 4);
    pageLayout()->addLayout(filters);

    m_table->setObjectName(QStringLiteral("eventsTable"));
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Recorded events"));
    m_detail->setObjectName(QStringLiteral("eventDetail"));
    m_detail->setAccessibleName(tr("How the selected event was stored"));
    m_detail->setPlaceholderText(tr("Select an event to see how it was stored."));
    addTableWithDetail(m_table, m_detail);
    setFindField(m_textFilter);
    // The one order the rows run in is named on the column that holds it; no header sorts.
    m_table->horizontalHeader()->setSectionsClickable(false);

    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    m_firstButton->setObjectName(QStringLiteral("newestButton"));
    m_previousButton->setObjectName(QStringLiteral("newerButton"));
    m_nextButton->setObjectName(QStringLiteral("olderButton"));
    m_lastButton->setObjectName(QStringLiteral("oldestButton"));
    auto* pager = new QHBoxLayout;
    pager->addWidget(m_pageLabel, 1);
    for (QPushButton* button : {m_firstButton, m_previousButton, m_nextButton, m_lastButton})
        pager->addWidget(button);
    pageLayout()->addLayout(pager);

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(250);
    connect(m_filterTimer, &QTimer::timeout, this, &EventsPage::showFirstPage);
    for (QLineEdit* edit : {m_userFilter, m_sessionFilter, m_itemFilter, m_sourceFilter, m_fromFilter,
                            m_toFilter, m_textFilter})
        connect(edit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_typeFilter, &QComboBox::currentTextChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_firstButton, &QPushButton::clicked, this, &EventsPage::showFirstPage);
    connect(m_lastButton, &QPushButton::clicked, this, &EventsPage::showLastPage);
    connect(m_nextButton, &QPushButton::clicked, this, &EventsPage::showNextPage);
    connect(m_previousButton, &QPushButton::clicked, this, &EventsPage::showPreviousPage);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventsPage::showDetail);
    connect(&m_countWatcher, &QFutureWatcher<PageCount>::finished, this, [this] {
        m_count = m_countWatcher.future().isValid() && m_countWatcher.future().resultCount() > 0
                      ? m_countWatcher.result()
                      : PageCount();
        updatePager();
    });
}

EventsPage::~EventsPage()
{
    m_countWatcher.waitForFinished();
}

bool EventsPage::load()
{
    const auto group = workspace()->datasetGroups().findByArn(arn());
    if (!group)
        return false;
    setHeading(tr("Events of %1").arg(group->name));
    m_groupId = group->id;
    const QString currentType = m_typeFilter->currentText();
    {
        const QSignalBlocker blocker(m_typeFilter);
        m_typeFilter->clear();
        m_typeFilter->addItem(QString());
        m_typeFilter->addItems(workspace()->interactions().eventTypes(m_groupId));
        m_typeFilter->setCurrentText(currentType);
    }
    if (m_loadedArn != arn()) {
        m_loadedArn = arn();
        loadPage(Anchor::Newest, 0);
    } else if (m_anchor == Anchor::Newest) {
        loadPage(Anchor::Newest, 0); // new events appear at the top
    } else {
        loadPage(m_anchor, m_boundId);
    }
    return true;
}

InteractionFilter EventsPage::currentFilter() const
{
    InteractionFilter filter;
    filter.userId = m_userFilter->text().trimmed();
    filter.sessionId = m_sessionFilter->text().trimmed();
    filter.itemId = m_itemFilter->text().trimmed();
    filter.eventType = m_typeFilter->currentText().trimmed();
    filter.source = m_sourceFilter->text().trimmed();
    filter.fromMs = parseTime(m_fromFilter->text());
    filter.toMs = parseTime(m_toFilter->text());
    filter.text = m_textFilter->text().trimmed();
    return filter;
}

void EventsPage::loadPage(Anchor anchor, qint64 boundId)
{
    if (!workspace() || m_groupId == 0)
        return;
    const InteractionFilter filter = currentFilter();
    InteractionQuery& query = workspace()->interactions();
    const qint64 selected = m_model->rowAt(m_table->currentIndex().row())
                                ? m_model->rowAt(m_table->currentIndex().row())->interaction.id
                                : 0;
    QList<InteractionRow> rows;
    try {
        // One row more than a page tells whether there is anything beyond it.
        switch (anchor) {
        case Anchor::Newest:
        case Anchor::Before:
            rows = query.newest(m_groupId, filter, kPageSize + 1, anchor == Anchor::Before ? boundId : 0);
            m_hasOlder = rows.size() > kPageSize;
            m_hasNewer = anchor == Anchor::Before;
            break;
        case Anchor::Oldest:
        case Anchor::After:
            rows = query.oldest(m_groupId, filter, kPageSize + 1, anchor == Anchor::After ? boundId : 0);
            m_hasNewer = rows.size() > kPageSize;
            m_hasOlder = anchor == Anchor::After;
            break;
        }
    } catch (const StorageError& error) {
        m_detail->setPlainText(error.message());
        return;
    }
    if (rows.size() > kPageSize)
        rows.removeLast();
    if (anchor == Anchor::Oldest || anchor == Anchor::After)
        std::reverse(rows.begin(), rows.end());
    m_anchor = anchor;
    m_boundId = boundId;
    m_model->setRows(rows);
    for (int row = 0; row < rows.size(); ++row) {
        if (rows.at(row).interaction.id == selected)
            m_table->selectRow(row);
    }
    m_table->resizeColumnsToContents();
    // The detail pane shows the selected event or nothing: after paging or filtering the event it
    // showed may be gone from the table.
    showDetail();
    startCount();
    updatePager();
}

void EventsPage::showFirstPage()
{
    loadPage(Anchor::Newest, 0);
}

void EventsPage::showLastPage()
{
    loadPage(Anchor::Oldest, 0);
}

void EventsPage::showNextPage()
{
    if (!m_model->rows().isEmpty())
        loadPage(Anchor::Before, m_model->rows().last().interaction.id);
}

void EventsPage::showPreviousPage()
{
    if (!m_model->rows().isEmpty())
        loadPage(Anchor::After, m_model->rows().first().interaction.id);
}

void EventsPage::startCount()
{
    // Counting every match can take a while on a big workspace: do it on a worker thread.
    m_countWatcher.waitForFinished();
    m_count = PageCount();
    const QString path = workspace()->path();
    const qint64 groupId = m_groupId;
    const InteractionFilter filter = currentFilter();
    const qint64 firstId = m_model->rows().isEmpty() ? 0 : m_model->rows().first().interaction.id;
    m_countWatcher.setFuture(QtConcurrent::run([path, groupId, filter, firstId]() -> PageCount {
        try {
            const auto reader = Database::openReader(path);
            InteractionQuery query(*reader);
            PageCount count;
            count.matching = query.count(groupId, filter);
            count.before = firstId > 0 ? query.count(groupId, filter, firstId) : 0;
            return count;
        } catch (const std::exception&) {
            return {};
        }
    }));
}

void EventsPage::updatePager()
{
    const QLocale locale;
    const qint64 shown = m_model->rows().size();
    const bool filtered = !currentFilter().isEmpty();
    if (shown == 0) {
        m_pageLabel->setText(filtered ? tr("No events match the filters") : tr("No events recorded yet"));
    } else {
        // "Events 201–400 of 1,500,000": the page's place among the matching rows, newest first.
        const QString order = tr("newest recorded first");
        if (m_count.matching < 0 || m_count.before < 0)
            m_pageLabel->setText(
                tr("%1 shown · counting… · %2").arg(plural(shown, tr("event"), tr("events")), order));
        else
            m_pageLabel->setText(
                (filtered ? tr("Matching events %1–%2 of %3 · %4") : tr("Events %1–%2 of %3 · %4"))
                    .arg(locale.toString(m_count.before + 1), locale.toString(m_count.before + shown),
                         locale.toString(m_count.matching), order));
    }
    m_firstButton->setEnabled(m_hasNewer);
    m_previousButton->setEnabled(m_hasNewer);
    m_nextButton->setEnabled(m_hasOlder);
    m_lastButton->setEnabled(m_hasOlder);
}

void EventsPage::showDetail()
{
    const InteractionRow* row = m_model->rowAt(m_table->currentIndex().row());
    if (!row) {
        m_detail->clear();
        return;
    }
    const Interaction& event = row->interaction;
    QStringList lines;
    lines << tr("Event %1 (%2)")
                 .arg(event.eventId, event.eventIdGiven ? tr("eventId given") : tr("eventId generated"));
    lines << tr("  %1 of item %2 at %3 (sentAt %4)")
                 .arg(event.eventType, event.itemId.isEmpty() ? tr("(none)") : event.itemId,
                      utcText(event.sentAtMs))
                 .arg(double(event.sentAtMs) / 1000.0, 0, 'f', event.sentAtMs % 1000 ? 3 : 0);
    if (event.isAnonymous()) {
        lines << (row->linkedUserId.isEmpty()
                      ? tr("  Anonymous: session %1 is not linked to a user yet, so readiness does not count "
                           "it.")
                            .arg(event.sessionId)
                      : tr("  Anonymous, but session %1 is now linked to user %2: counted for that user.")
                            .arg(event.sessionId, row->linkedUserId));
    } else {
        lines << tr("  User %1, session %2")
                     .arg(event.userId, event.sessionId.isEmpty() ? tr("(none: imported)") : event.sessionId);
    }
    if (event.eventValue)
        lines << tr("  Event value: %1").arg(*event.eventValue);
    if (!event.properties.isEmpty())
        lines << tr("  Properties: %1")
                     .arg(QString::fromUtf8(QJsonDocument(event.properties).toJson(QJsonDocument::Compact)));
    if (!event.attributionSource.isEmpty())
        lines << tr("  Attribution source: %1 (its eventAttributionSource)").arg(row->source);
    else if (row->source != AttributionSource::undefinedLabel())
        lines << tr("  Attribution source: %1 (the producer of its recommendation ID)").arg(row->source);
    else
        lines << tr("  Attribution source: %1 (no eventAttributionSource, no recommendation ID issued here)")
                     .arg(row->source);
    if (!event.recommendationId.isEmpty())
        lines << tr("  Recommendation ID: %1").arg(event.recommendationId);
    const EffectiveImpressions impressions = workspace()->interactions().effectiveImpressions(event);
    switch (impressions.kind) {
    case EffectiveImpressions::Kind::Explicit:
        lines << tr("  Effective impressions (explicit, they win over any implicit ones): %1")
                     .arg(impressions.items.join(QStringLiteral(", ")));
        break;
    case EffectiveImpressions::Kind::Implicit:
        lines << tr("  Effective impressions (implicit, from recommendation %1): %2")
                     .arg(event.recommendationId, impressions.items.join(QStringLiteral(", ")));
        break;
    case EffectiveImpressions::Kind::Unresolved:
        lines << tr("  Effective impressions: none known; recommendation %1 was not issued by this workspace")
                     .arg(event.recommendationId);
        break;
    case EffectiveImpressions::Kind::None:
        lines << tr("  Effective impressions: none");
        break;
    }
    lines << (row->notForTraining
                  ? tr("  Training: NOT used: an earlier event already used eventId %1.").arg(event.eventId)
                  : tr("  Training: used."));
    if (row->duplicateCount > 0) {
        lines << tr("  Deduplication: %1 (same sentAt and content) kept as this one row:")
                     .arg(plural(row->duplicateCount, tr("later identical arrival"),
                                 tr("later identical arrivals")));
        for (const DuplicateArrival& arrival : workspace()->interactions().duplicateArrivals(event.id))
            lines << tr("    request %1 at %2").arg(arrival.requestId).arg(utcText(arrival.receivedMs));
    }
    if (!row->linkedUserId.isEmpty() || !event.isAnonymous()) {
        const qint64 anonymous =
            workspace()->interactions().anonymousEventsOfSession(event.datasetGroupId, event.sessionId);
        if (anonymous > 0 && !event.sessionId.isEmpty())
            lines << tr("  Session %1 has %2 that this link covers.")
                         .arg(event.sessionId,
                              plural(anonymous, tr("anonymous event"), tr("anonymous events")));
    }
    lines << QString();
    if (row->requestId > 0) {
        if (const auto request = workspace()->requestLog().find(row->requestId)) {
            lines << tr("Recorded by request %1 (%2, %3) at %4")
                         .arg(request->id)
                         .arg(request->channel, request->outcome, utcText(request->receivedMs));
            lines << request->body + (request->bodyTruncated ? tr(" … (truncated)") : QString());
        }
    } else {
        lines << tr("Imported in bulk, not through a request.");
    }
    m_detail->setPlainText(lines.join(QLatin1Char('\n')));
}

} // namespace footfall
