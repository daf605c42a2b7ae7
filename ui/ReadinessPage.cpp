#include "ReadinessPage.h"

#include "Database.h"
#include "DatasetGroupService.h"
#include "Plural.h"
#include "ReadinessService.h"
#include "Workspace.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QRegularExpression>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace footfall {

ReadinessPage::ReadinessPage(QWidget* parent)
    : ResourcePage(QStringLiteral("readinessPage"), parent)
    , m_interactionsBar(new QProgressBar(this))
    , m_usersBar(new QProgressBar(this))
    , m_verdict(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_eventTypesFilter(new QLineEdit(this))
    , m_minValueFilter(new QLineEdit(this))
    , m_filterHint(new QLabel(this))
    , m_filterTimer(new QTimer(this))
{
    m_interactionsBar->setObjectName(QStringLiteral("interactionsBar"));
    m_interactionsBar->setAccessibleName(tr("Interactions toward the minimum of 1000"));
    m_interactionsBar->setRange(0, Readiness::kMinInteractions);
    m_usersBar->setObjectName(QStringLiteral("usersBar"));
    m_usersBar->setAccessibleName(tr("Users with at least 2 interactions toward the minimum of 25"));
    m_usersBar->setRange(0, Readiness::kMinUsersWithTwo);
    m_eventTypesFilter->setObjectName(QStringLiteral("eventTypesFilter"));
    m_eventTypesFilter->setPlaceholderText(tr("all event types (or e.g. click, purchase)"));
    m_eventTypesFilter->setAccessibleName(tr("Training filter: event types"));
    m_minValueFilter->setObjectName(QStringLiteral("minValueFilter"));
    m_minValueFilter->setPlaceholderText(tr("no minimum"));
    m_minValueFilter->setAccessibleName(tr("Training filter: minimum event value"));
    m_filterHint->setObjectName(QStringLiteral("filterHint"));
    m_verdict->setObjectName(QStringLiteral("readinessVerdict"));
    m_verdict->setWordWrap(true);
    QFont verdictFont = m_verdict->font();
    verdictFont.setBold(true);
    m_verdict->setFont(verdictFont);
    m_explanation->setObjectName(QStringLiteral("readinessExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("Interactions:"), m_interactionsBar);
    form->addRow(tr("Users with ≥ 2:"), m_usersBar);
    form->addRow(tr("Event types:"), m_eventTypesFilter);
    form->addRow(tr("Minimum event value:"), m_minValueFilter);
    form->addRow(QString(), m_filterHint);
    pageLayout()->addLayout(form);
    pageLayout()->addWidget(m_verdict);
    pageLayout()->addWidget(m_explanation);
    pageLayout()->addStretch(1);

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(250);
    connect(m_filterTimer, &QTimer::timeout, this, &ReadinessPage::compute);
    connect(m_eventTypesFilter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_minValueFilter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFutureWatcher<Readiness>::finished, this, [this] {
        if (m_watcher.future().resultCount() > 0)
            showReadiness(m_watcher.result());
    });
}

ReadinessPage::~ReadinessPage()
{
    m_watcher.waitForFinished();
}

bool ReadinessPage::load()
{
    const auto group = workspace()->datasetGroups().findByArn(arn());
    if (!group)
        return false;
    setHeading(tr("Readiness of %1 for training").arg(group->name));
    m_groupId = group->id;
    compute();
    return true;
}

void ReadinessPage::compute()
{
    if (!workspace() || m_groupId == 0)
        return;
    ReadinessFilter filter;
    filter.eventTypes =
        m_eventTypesFilter->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    const QString minimum = m_minValueFilter->text().trimmed();
    m_filterHint->clear();
    if (!minimum.isEmpty()) {
        bool ok = false;
        const double value = minimum.toDouble(&ok);
        if (!ok) {
            m_filterHint->setText(tr("The minimum event value must be a number."));
            return;
        }
        filter.minEventValue = value;
    }
    m_watcher.waitForFinished();
    const QString path = workspace()->path();
    const qint64 groupId = m_groupId;
    m_verdict->setText(tr("Counting…"));
    m_watcher.setFuture(QtConcurrent::run([path, groupId, filter]() {
        try {
            const auto reader = Database::openReader(path);
            return ReadinessService(*reader).compute(groupId, filter);
        } catch (const std::exception&) {
            return Readiness{};
        }
    }));
}

void ReadinessPage::showReadiness(const Readiness& readiness)
{
    m_readiness = readiness;
    const QLocale locale;
    m_interactionsBar->setValue(int(std::min<qint64>(readiness.interactions, Readiness::kMinInteractions)));
    m_interactionsBar->setFormat(
        tr("%1 of %2")
            .arg(locale.toString(readiness.interactions), locale.toString(Readiness::kMinInteractions)));
    m_usersBar->setValue(int(std::min<qint64>(readiness.usersWithTwoOrMore, Readiness::kMinUsersWithTwo)));
    m_usersBar->setFormat(tr("%1 of %2")
                              .arg(locale.toString(readiness.usersWithTwoOrMore),
                                   locale.toString(Readiness::kMinUsersWithTwo)));
    if (readiness.isReady()) {
        m_verdict->setText(tr("Ready: enough data to train a solution version."));
    } else {
        QStringList missing;
        if (readiness.interactions < Readiness::kMinInteractions)
            missing << plural(Readiness::kMinInteractions - readiness.interactions, tr("more interaction"),
                              tr("more interactions"));
        if (readiness.usersWithTwoOrMore < Readiness::kMinUsersWithTwo)
            missing << tr("%1 with at least 2 interactions")
                           .arg(plural(Readiness::kMinUsersWithTwo - readiness.usersWithTwoOrMore,
                                       tr("more user"), tr("more users")));
        m_verdict->setText(tr("Not ready yet: needs %1.").arg(missing.join(tr(" and "))));
    }
    m_explanation->setText(
        tr("Counted: interactions of known users (%1 in all), including %2 whose session was later linked "
           "to a user.\n"
           "Not counted: %3 whose session is not linked to a user yet (send one event with both the "
           "sessionId and the userId to link them); %4 whose eventId had been used before (AWS does not "
           "train on them); %5 left out by the filters above.\n"
           "Kept once: %6 identical to a stored event (same sentAt and content) were not stored again.\n"
           "Amazon Personalize needs at least %7 interactions and %8 users with at least 2 interactions "
           "each, counted "
           "after the event-type and event-value filters of the solution.")
            .arg(plural(readiness.users, tr("user"), tr("users")),
                 plural(readiness.anonymousLinked, tr("anonymous event"), tr("anonymous events")),
                 plural(readiness.anonymousPending, tr("anonymous event"), tr("anonymous events")),
                 plural(readiness.notForTraining, tr("event"), tr("events")),
                 plural(readiness.filteredOut, tr("event"), tr("events")),
                 plural(readiness.duplicatesCollapsed, tr("arrival"), tr("arrivals")))
            .arg(locale.toString(Readiness::kMinInteractions), locale.toString(Readiness::kMinUsersWithTwo)));
    emit computed();
}

} // namespace footfall
