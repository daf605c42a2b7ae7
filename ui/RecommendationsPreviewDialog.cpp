#include "RecommendationsPreviewDialog.h"

#include "CampaignService.h"
#include "DialogFocus.h"
#include "EventTrackerService.h"
#include "InteractionQuery.h"
#include "RecommenderService.h"
#include "RecordingService.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace footfall {

namespace {
QString recipeName(Recipe recipe)
{
    switch (recipe) {
    case Recipe::PopularityCount:
        return QStringLiteral("Popularity-Count");
    case Recipe::Sims:
        return QStringLiteral("SIMS");
    case Recipe::UserPersonalization:
        return QStringLiteral("User-Personalization");
    case Recipe::PersonalizedRanking:
        return QStringLiteral("Personalized-Ranking");
    }
    return {};
}
} // namespace

RecommendationsPreviewDialog::RecommendationsPreviewDialog(Workspace& workspace, const QString& campaignArn,
                                                           QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_campaignCombo(new QComboBox(this))
    , m_userEdit(new QLineEdit(this))
    , m_anonymousCheck(new QCheckBox(tr("&Anonymous: this is a sessionId"), this))
    , m_itemEdit(new QLineEdit(this))
    , m_inputListEdit(new QLineEdit(this))
    , m_countSpin(new QSpinBox(this))
    , m_getButton(new QPushButton(tr("&Get Recommendations"), this))
    , m_recommendationIdLabel(new QLabel(this))
    , m_results(new QTableWidget(0, 3, this))
    , m_eventTypeCombo(new QComboBox(this))
    , m_sourceEdit(new QLineEdit(this))
    , m_recordButton(new QPushButton(tr("Rec&ord Event for the Selected Item"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("recommendationsPreviewDialog"));
    setWindowTitle(tr("Recommendations preview"));
    m_campaignCombo->setObjectName(QStringLiteral("campaignCombo"));
    m_campaignCombo->setAccessibleName(tr("Campaign"));
    m_userEdit->setObjectName(QStringLiteral("userEdit"));
    m_userEdit->setAccessibleName(tr("User or session"));
    m_userEdit->setPlaceholderText(tr("a userId, or a sessionId for an anonymous user"));
    m_anonymousCheck->setObjectName(QStringLiteral("anonymousCheck"));
    m_itemEdit->setObjectName(QStringLiteral("itemEdit"));
    m_itemEdit->setAccessibleName(tr("Item"));
    m_itemEdit->setPlaceholderText(tr("for SIMS: items like this one"));
    m_inputListEdit->setObjectName(QStringLiteral("inputListEdit"));
    m_inputListEdit->setAccessibleName(tr("Items to rank"));
    m_inputListEdit->setPlaceholderText(tr("for Personalized-Ranking: item IDs, separated by commas"));
    m_countSpin->setObjectName(QStringLiteral("numResultsSpin"));
    m_countSpin->setRange(1, RecommendationService::kMaxResults);
    m_countSpin->setValue(10);
    m_getButton->setObjectName(QStringLiteral("getRecommendationsButton"));
    m_getButton->setDefault(true);
    m_recommendationIdLabel->setObjectName(QStringLiteral("recommendationIdLabel"));
    m_recommendationIdLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_results->setObjectName(QStringLiteral("resultsTable"));
    m_results->setAccessibleName(tr("Recommended items"));
    m_results->setHorizontalHeaderLabels({tr("#"), tr("Item"), tr("Score")});
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setMinimumHeight(220);
    m_eventTypeCombo->setObjectName(QStringLiteral("eventTypeCombo"));
    m_eventTypeCombo->setAccessibleName(tr("Event type"));
    m_eventTypeCombo->setEditable(true);
    m_eventTypeCombo->setInsertPolicy(QComboBox::NoInsert);
    m_sourceEdit->setObjectName(QStringLiteral("sourceEdit"));
    m_sourceEdit->setAccessibleName(tr("Attribution source"));
    m_sourceEdit->setPlaceholderText(tr("optional; without one the campaign is the source"));
    m_recordButton->setObjectName(QStringLiteral("recordButton"));
    m_recordButton->setEnabled(false);
    m_status->setObjectName(QStringLiteral("previewStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(m_status->fontMetrics().lineSpacing() * 4);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto* ask = new QFormLayout;
    ask->addRow(tr("&Campaign:"), m_campaignCombo);
    ask->addRow(tr("&User or session:"), m_userEdit);
    ask->addRow(QString(), m_anonymousCheck);
    ask->addRow(tr("&Item:"), m_itemEdit);
    ask->addRow(tr("Items to ran&k:"), m_inputListEdit);
    ask->addRow(tr("&Number of results:"), m_countSpin);
    auto* askButtons = new QHBoxLayout;
    askButtons->addStretch(1);
    askButtons->addWidget(m_getButton);
    auto* record = new QFormLayout;
    record->addRow(tr("Event &type:"), m_eventTypeCombo);
    record->addRow(tr("Attribution &source:"), m_sourceEdit);
    auto* recordButtons = new QHBoxLayout;
    recordButtons->addStretch(1);
    recordButtons->addWidget(m_recordButton);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(ask);
    layout->addLayout(askButtons);
    layout->addWidget(m_recommendationIdLabel);
    layout->addWidget(m_results, 1);
    layout->addLayout(record);
    layout->addLayout(recordButtons);
    layout->addWidget(m_status);
    layout->addWidget(close);

    connect(m_campaignCombo, &QComboBox::currentIndexChanged, this, [this] {
        loadEventTypes();
        updateInputs();
    });
    connect(m_userEdit, &QLineEdit::textChanged, this, &RecommendationsPreviewDialog::updateInputs);
    connect(m_itemEdit, &QLineEdit::textChanged, this, &RecommendationsPreviewDialog::updateInputs);
    connect(m_inputListEdit, &QLineEdit::textChanged, this, &RecommendationsPreviewDialog::updateInputs);
    connect(m_getButton, &QPushButton::clicked, this, &RecommendationsPreviewDialog::getRecommendations);
    connect(m_recordButton, &QPushButton::clicked, this, &RecommendationsPreviewDialog::recordSelected);
    connect(m_results, &QTableWidget::itemSelectionChanged, this,
            &RecommendationsPreviewDialog::updateInputs);
    connect(m_results, &QTableWidget::cellDoubleClicked, this, &RecommendationsPreviewDialog::recordSelected);
    loadCampaigns(campaignArn);
    loadEventTypes();
    const QRect screenArea = screen() ? screen()->availableGeometry() : QRect(0, 0, 660, 720);
    resize(660, std::min(720, screenArea.height() - 60));
    DialogFocus::orderAndFocus(this);
}

qint64 RecommendationsPreviewDialog::servedGroupId() const
{
    const QString served = m_campaignCombo->currentData().toString();
    if (const auto campaign = m_workspace.campaigns().findByArn(served))
        return campaign->datasetGroupId;
    if (const auto recommender = m_workspace.recommenders().findByArn(served))
        return recommender->datasetGroupId;
    return 0;
}

void RecommendationsPreviewDialog::loadEventTypes()
{
    // The types the group's events already have, the most recorded first: an event recorded here
    // should look like the others.
    QStringList types;
    try {
        if (const qint64 groupId = servedGroupId(); groupId != 0)
            types = m_workspace.interactions().eventTypesByUse(groupId);
    } catch (const StorageError&) {
        // An empty list: the default below still lets an event be recorded.
    }
    types.removeAll(QString());
    if (types.isEmpty())
        types << QStringLiteral("click");
    m_eventTypeCombo->clear();
    m_eventTypeCombo->addItems(types);
    m_eventTypeCombo->setCurrentIndex(0);
}

void RecommendationsPreviewDialog::loadCampaigns(const QString& campaignArn)
{
    for (const Campaign& campaign : m_workspace.campaigns().list()) {
        m_campaignCombo->addItem(
            tr("%1 (%2, %3)").arg(campaign.name, recipeName(campaign.recipe), campaign.status), campaign.arn);
        m_campaignCombo->setItemData(m_campaignCombo->count() - 1, int(campaign.recipe), Qt::UserRole + 1);
    }
    for (const Recommender& recommender : m_workspace.recommenders().list()) {
        m_campaignCombo->addItem(tr("%1 (recommender, %2)").arg(recommender.name, recommender.status),
                                 recommender.arn);
        m_campaignCombo->setItemData(m_campaignCombo->count() - 1, int(Recipe::UserPersonalization),
                                     Qt::UserRole + 1);
    }
    const int index = m_campaignCombo->findData(campaignArn);
    if (index >= 0)
        m_campaignCombo->setCurrentIndex(index);
    if (m_campaignCombo->count() == 0)
        showProblem(tr("No campaign yet: create a solution, train a version and deploy it as a campaign "
                       "(Personalize menu or `footfall personalize create-campaign`)."));
    updateInputs();
}

void RecommendationsPreviewDialog::updateInputs()
{
    const auto recipe = Recipe(m_campaignCombo->currentData(Qt::UserRole + 1).toInt());
    const bool sims = m_campaignCombo->count() > 0 && recipe == Recipe::Sims;
    const bool ranking = m_campaignCombo->count() > 0 && recipe == Recipe::PersonalizedRanking;
    m_itemEdit->setEnabled(sims);
    m_inputListEdit->setEnabled(ranking);
    m_countSpin->setEnabled(!ranking); // a ranking returns the whole list, reordered
    m_userEdit->setEnabled(!sims);
    m_anonymousCheck->setEnabled(!sims);
    m_getButton->setText(ranking ? tr("&Rank Items") : tr("&Get Recommendations"));
    const bool asked = sims ? !m_itemEdit->text().trimmed().isEmpty()
                            : !m_userEdit->text().trimmed().isEmpty() && (!ranking || !inputList().isEmpty());
    m_getButton->setEnabled(m_campaignCombo->count() > 0 && asked);
    m_recordButton->setEnabled(!m_results->selectedItems().isEmpty() &&
                               !m_userEdit->text().trimmed().isEmpty());
}

QStringList RecommendationsPreviewDialog::inputList() const
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return m_inputListEdit->text().split(separators, Qt::SkipEmptyParts);
}

void RecommendationsPreviewDialog::showProblem(const QString& problem)
{
    m_status->setText(problem);
    m_status->setStyleSheet(problem.isEmpty() ? QString() : QStringLiteral("color: palette(highlight);"));
}

void RecommendationsPreviewDialog::getRecommendations()
{
    const QString served = m_campaignCombo->currentData().toString();
    const bool recommender = served.section(QLatin1Char(':'), 5).startsWith(QLatin1String("recommender/"));
    const bool ranking = m_inputListEdit->isEnabled();
    QJsonObject request{
        {recommender ? QStringLiteral("recommenderArn") : QStringLiteral("campaignArn"), served}};
    if (ranking)
        request.insert(QStringLiteral("inputList"), QJsonArray::fromStringList(inputList()));
    else
        request.insert(QStringLiteral("numResults"), m_countSpin->value());
    if (m_itemEdit->isEnabled())
        request.insert(QStringLiteral("itemId"), m_itemEdit->text().trimmed());
    else
        request.insert(QStringLiteral("userId"), m_userEdit->text().trimmed());
    try {
        m_shown = ranking ? m_workspace.recommendations().getPersonalizedRanking(request)
                          : m_workspace.recommendations().getRecommendations(request);
    } catch (const ServiceError& error) {
        showProblem(error.message());
        return;
    } catch (const StorageError& error) {
        showProblem(error.message());
        return;
    }
    m_recommendationIdLabel->setText(tr("recommendationId: %1").arg(m_shown.recommendationId));
    m_results->setRowCount(int(m_shown.items.size()));
    const QLocale locale;
    for (int row = 0; row < m_shown.items.size(); ++row) {
        auto* rank = new QTableWidgetItem(QString::number(row + 1));
        rank->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto* score = new QTableWidgetItem(locale.toString(m_shown.items.at(row).score, 'f', 4));
        score->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_results->setItem(row, 0, rank);
        m_results->setItem(row, 1, new QTableWidgetItem(m_shown.items.at(row).itemId));
        m_results->setItem(row, 2, score);
    }
    m_results->clearSelection();
    m_results->resizeColumnToContents(0);
    m_results->resizeColumnToContents(2);
    showProblem(QString());
    updateInputs();
}

void RecommendationsPreviewDialog::recordSelected()
{
    const QList<QTableWidgetItem*> selected = m_results->selectedItems();
    if (selected.isEmpty() || m_shown.recommendationId.isEmpty())
        return;
    const QString itemId = m_results->item(selected.first()->row(), 1)->text();
    qint64 groupId = 0;
    if (const auto campaign = m_workspace.campaigns().findByArn(m_shown.campaignArn))
        groupId = campaign->datasetGroupId;
    else if (const auto recommender = m_workspace.recommenders().findByArn(m_shown.campaignArn))
        groupId = recommender->datasetGroupId;
    const auto tracker = groupId != 0 ? m_workspace.eventTrackers().findForGroup(groupId) : std::nullopt;
    if (!tracker) {
        showProblem(
            tr("The campaign's dataset group has no event tracker to record events with; create one first."));
        return;
    }
    QJsonObject event{{QStringLiteral("eventType"), m_eventTypeCombo->currentText().trimmed()},
                      {QStringLiteral("sentAt"), double(m_workspace.config().nowMs()) / 1000.0},
                      {QStringLiteral("itemId"), itemId},
                      {QStringLiteral("recommendationId"), m_shown.recommendationId}};
    if (!m_sourceEdit->text().trimmed().isEmpty())
        event.insert(QStringLiteral("metricAttribution"),
                     QJsonObject{{QStringLiteral("eventAttributionSource"), m_sourceEdit->text().trimmed()}});
    const QString who = m_userEdit->text().trimmed();
    QJsonObject request{{QStringLiteral("trackingId"), tracker->trackingId},
                        {QStringLiteral("eventList"), QJsonArray{event}}};
    if (m_anonymousCheck->isChecked()) {
        request.insert(QStringLiteral("sessionId"), who);
    } else {
        request.insert(QStringLiteral("userId"), who);
        request.insert(QStringLiteral("sessionId"), QString(QStringLiteral("preview-") + who));
    }
    try {
        m_workspace.recording().putEvents(request, {QStringLiteral("console"), {}, {}, {}});
    } catch (const ServiceError& error) {
        showProblem(error.message());
        return;
    }
    emit eventRecorded();
    const QString recorded =
        tr("Recorded %1 of %2, attributed to %3.\nrecommendationId: %4")
            .arg(m_eventTypeCombo->currentText().trimmed(), itemId,
                 m_sourceEdit->text().trimmed().isEmpty() ? m_shown.campaignArn
                                                          : m_sourceEdit->text().trimmed(),
                 m_shown.recommendationId);
    // The next list, as the user would now get it.
    getRecommendations();
    m_status->setText(recorded + QLatin1Char('\n') + tr("The list above is the next one."));
}

} // namespace footfall
