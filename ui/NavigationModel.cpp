#include "NavigationModel.h"

#include "CampaignService.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "Lifecycle.h"
#include "RecommenderService.h"
#include "SchemaService.h"
#include "SolutionService.h"
#include "Workspace.h"

#include <QIcon>

namespace footfall {

namespace {

QStandardItem* makeItem(const QString& text, NavigationModel::NodeKind kind, const QString& arn,
                        const QString& icon, const QString& status = {})
{
    const bool settled = status.isEmpty() || status == Lifecycle::activeStatus();
    const QString label = settled ? text : QStringLiteral("%1 (%2)").arg(text, status);
    auto* item = new QStandardItem(QIcon(QStringLiteral(":/footfall/icons/%1.svg").arg(icon)), label);
    item->setEditable(false);
    item->setData(int(kind), NavigationModel::KindRole);
    item->setData(arn, NavigationModel::ArnRole);
    item->setData(NavigationModel::keyOf(kind, arn), NavigationModel::KeyRole);
    // The whole label too: the tree elides long ones in the middle.
    item->setToolTip(arn.isEmpty() ? label : label + QLatin1Char('\n') + arn);
    return item;
}

} // namespace

NavigationModel::NavigationModel(QObject* parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Resources")});
}

void NavigationModel::rebuild(Workspace* workspace)
{
    clear();
    setHorizontalHeaderLabels({tr("Resources")});
    m_hasTransientStatus = false;
    if (!workspace)
        return;
    appendRow(makeItem(tr("Welcome"), NodeKind::Welcome, QString(), QStringLiteral("footfall")));
    auto noteStatus = [this](const QString& status) {
        if (!Lifecycle::isFinal(status))
            m_hasTransientStatus = true;
        return status;
    };

    const QList<Dataset> datasets = workspace->datasets().list();
    const QList<EventTracker> trackers = workspace->eventTrackers().list();
    const QList<Solution> solutions = workspace->solutions().list();
    const QList<Campaign> campaigns = workspace->campaigns().list();
    const QList<Recommender> recommenders = workspace->recommenders().list();
    for (const DatasetGroup& group : workspace->datasetGroups().list()) {
        QStandardItem* groupItem = makeItem(group.name, NodeKind::DatasetGroup, group.arn,
                                            QStringLiteral("dataset-group"), noteStatus(group.status));
        for (const Dataset& dataset : datasets) {
            if (dataset.datasetGroupId != group.id)
                continue;
            groupItem->appendRow(makeItem(tr("%1 dataset").arg(DatasetTypes::name(dataset.type)),
                                          NodeKind::Dataset, dataset.arn, QStringLiteral("dataset"),
                                          noteStatus(dataset.status)));
        }
        for (const EventTracker& tracker : trackers) {
            if (tracker.datasetGroupId != group.id)
                continue;
            QStandardItem* trackerItem =
                makeItem(tr("Event tracker: %1").arg(tracker.name), NodeKind::EventTracker, tracker.arn,
                         QStringLiteral("event-tracker"), noteStatus(tracker.status));
            trackerItem->appendRow(makeItem(tr("Event metrics"), NodeKind::EventMetrics, tracker.arn,
                                            QStringLiteral("event-metrics")));
            groupItem->appendRow(trackerItem);
        }
        for (const Solution& solution : solutions) {
            if (solution.datasetGroupId == group.id)
                groupItem->appendRow(makeItem(tr("Solution: %1").arg(solution.name), NodeKind::Solution,
                                              solution.arn, QStringLiteral("solution"),
                                              noteStatus(solution.status)));
        }
        for (const Campaign& campaign : campaigns) {
            if (campaign.datasetGroupId == group.id)
                groupItem->appendRow(makeItem(tr("Campaign: %1").arg(campaign.name), NodeKind::Campaign,
                                              campaign.arn, QStringLiteral("campaign"),
                                              noteStatus(campaign.status)));
        }
        for (const Recommender& recommender : recommenders) {
            if (recommender.datasetGroupId == group.id)
                groupItem->appendRow(makeItem(tr("Recommender: %1").arg(recommender.name),
                                              NodeKind::Recommender, recommender.arn,
                                              QStringLiteral("campaign"), noteStatus(recommender.status)));
        }
        groupItem->appendRow(makeItem(tr("Events"), NodeKind::Events, group.arn, QStringLiteral("events")));
        groupItem->appendRow(
            makeItem(tr("Request log"), NodeKind::RequestLog, group.arn, QStringLiteral("request-log")));
        groupItem->appendRow(
            makeItem(tr("Readiness"), NodeKind::Readiness, group.arn, QStringLiteral("readiness")));
        groupItem->appendRow(makeItem(tr("Attribution report"), NodeKind::Attribution, group.arn,
                                      QStringLiteral("attribution")));
        appendRow(groupItem);
    }

    appendRow(makeItem(tr("All requests"), NodeKind::RequestLog, QString(), QStringLiteral("request-log")));
    QStandardItem* schemaFolder =
        makeItem(tr("Schemas"), NodeKind::SchemaFolder, QString(), QStringLiteral("schema"));
    for (const DatasetSchema& schema : workspace->schemas().list())
        schemaFolder->appendRow(
            makeItem(schema.name, NodeKind::Schema, schema.arn, QStringLiteral("schema")));
    appendRow(schemaFolder);
}

QString NavigationModel::keyOf(NodeKind kind, const QString& arn)
{
    return QStringLiteral("%1|%2").arg(int(kind)).arg(arn);
}

bool NavigationModel::isResource(NodeKind kind)
{
    return kind == NodeKind::DatasetGroup || kind == NodeKind::Dataset || kind == NodeKind::EventTracker ||
           kind == NodeKind::Schema || kind == NodeKind::Solution || kind == NodeKind::Campaign ||
           kind == NodeKind::Recommender;
}

QModelIndex NavigationModel::indexOfKey(const QString& key) const
{
    if (key.isEmpty())
        return {};
    const QModelIndexList found =
        match(index(0, 0), KeyRole, key, 1, Qt::MatchExactly | Qt::MatchRecursive | Qt::MatchWrap);
    return found.isEmpty() ? QModelIndex() : found.first();
}

QModelIndex NavigationModel::indexOfArn(const QString& arn) const
{
    if (arn.isEmpty())
        return {};
    const QModelIndexList found =
        match(index(0, 0), ArnRole, arn, 1, Qt::MatchExactly | Qt::MatchRecursive | Qt::MatchWrap);
    return found.isEmpty() ? QModelIndex() : found.first();
}

} // namespace footfall
