#include "ControlPlane.h"

#include "CampaignService.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "JsonInput.h"
#include "KeysetToken.h"
#include "MetricAttributionService.h"
#include "RecommenderService.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "Workspace.h"

#include <QJsonArray>

namespace footfall {

using JsonInput::text;

namespace {

const QString kPersonalize = QStringLiteral("personalize");

ApiMember required(const QString& name, const QString& help, ApiType type = ApiType::String)
{
    return {name, type, true, help};
}

ApiMember optional(const QString& name, const QString& help, ApiType type = ApiType::String)
{
    return {name, type, false, help};
}

ApiMember tagsMember()
{
    return optional(QStringLiteral("tags"),
                    QStringLiteral("A JSON list of {\"tagKey\": ..., \"tagValue\": ...}."), ApiType::List);
}

QList<ApiMember> pagingMembers()
{
    return KeysetToken::pagingMembers(QStringLiteral("results"));
}

// One page of `items` under `key`, with AWS's maxResults/nextToken contract; the token holds the
// offset of the page after it.
QJsonObject paginate(const QString& list, const QJsonArray& items, const QJsonObject& input,
                     const QString& key)
{
    const KeysetToken::Page page = KeysetToken::pageOf(list, input);
    QJsonArray shown;
    for (qint64 i = page.position; i < items.size() && shown.size() < page.limit; ++i)
        shown.append(items.at(i));
    QJsonObject output{{key, shown}};
    const qint64 end = page.position + shown.size();
    if (end < items.size())
        output.insert(QStringLiteral("nextToken"), KeysetToken::encode(list, input, end));
    return output;
}

template <typename T> QJsonArray summaries(const QList<T>& resources)
{
    QJsonArray array;
    for (const T& resource : resources)
        array.append(resource.toSummaryJson());
    return array;
}

} // namespace

const QList<ApiOperation>& ControlPlane::operations()
{
    const QString nameHelp =
        QStringLiteral("The name: 1-63 letters, digits, '-' or '_', starting with a letter or digit.");
    static const QList<ApiOperation> all = {
        {kPersonalize,
         QStringLiteral("CreateDatasetGroup"),
         QStringLiteral("Creates an empty dataset group."),
         {required(QStringLiteral("name"), nameHelp),
          optional(QStringLiteral("roleArn"), QStringLiteral("An IAM role ARN (stored, never used).")),
          optional(QStringLiteral("kmsKeyArn"), QStringLiteral("A KMS key ARN (stored, never used).")),
          optional(QStringLiteral("domain"),
                   QStringLiteral("ECOMMERCE or VIDEO_ON_DEMAND for a domain dataset group.")),
          tagsMember()}},
        {kPersonalize,
         QStringLiteral("DescribeDatasetGroup"),
         QStringLiteral("Describes a dataset group."),
         {required(QStringLiteral("datasetGroupArn"), QStringLiteral("The dataset group's ARN."))}},
        {kPersonalize, QStringLiteral("ListDatasetGroups"), QStringLiteral("Lists the dataset groups."),
         pagingMembers()},
        {kPersonalize,
         QStringLiteral("DeleteDatasetGroup"),
         QStringLiteral("Deletes a dataset group that has no event tracker and no datasets."),
         {required(QStringLiteral("datasetGroupArn"), QStringLiteral("The dataset group's ARN."))}},
        {kPersonalize,
         QStringLiteral("CreateSchema"),
         QStringLiteral("Creates a schema from Avro JSON."),
         {required(QStringLiteral("name"), nameHelp),
          required(QStringLiteral("schema"),
                   QStringLiteral("The Avro schema as JSON text (or file://path).")),
          optional(QStringLiteral("domain"),
                   QStringLiteral("ECOMMERCE or VIDEO_ON_DEMAND for a domain schema."))}},
        {kPersonalize,
         QStringLiteral("DescribeSchema"),
         QStringLiteral("Describes a schema."),
         {required(QStringLiteral("schemaArn"), QStringLiteral("The schema's ARN."))}},
        {kPersonalize, QStringLiteral("ListSchemas"), QStringLiteral("Lists the schemas."), pagingMembers()},
        {kPersonalize,
         QStringLiteral("DeleteSchema"),
         QStringLiteral("Deletes a schema no dataset uses."),
         {required(QStringLiteral("schemaArn"), QStringLiteral("The schema's ARN."))}},
        {kPersonalize,
         QStringLiteral("CreateDataset"),
         QStringLiteral("Creates a dataset in a dataset group."),
         {required(QStringLiteral("name"), nameHelp),
          required(QStringLiteral("schemaArn"), QStringLiteral("The ARN of the schema the dataset follows.")),
          required(QStringLiteral("datasetGroupArn"), QStringLiteral("The ARN of the dataset group.")),
          required(QStringLiteral("datasetType"), QStringLiteral("Interactions, Items or Users (any case).")),
          tagsMember()}},
        {kPersonalize,
         QStringLiteral("DescribeDataset"),
         QStringLiteral("Describes a dataset."),
         {required(QStringLiteral("datasetArn"), QStringLiteral("The dataset's ARN."))}},
        {kPersonalize, QStringLiteral("ListDatasets"),
         QStringLiteral("Lists datasets, of one dataset group if given."),
         QList<ApiMember>{
             optional(QStringLiteral("datasetGroupArn"), QStringLiteral("Only this dataset group's."))} +
             pagingMembers()},
        {kPersonalize,
         QStringLiteral("DeleteDataset"),
         QStringLiteral("Deletes a dataset."),
         {required(QStringLiteral("datasetArn"), QStringLiteral("The dataset's ARN."))}},
        {kPersonalize,
         QStringLiteral("CreateEventTracker"),
         QStringLiteral("Creates the event tracker of a dataset group (one per group)."),
         {required(QStringLiteral("name"), nameHelp),
          required(QStringLiteral("datasetGroupArn"), QStringLiteral("The ARN of the dataset group.")),
          tagsMember()}},
        {kPersonalize,
         QStringLiteral("DescribeEventTracker"),
         QStringLiteral("Describes an event tracker, with its tracking ID and status."),
         {required(QStringLiteral("eventTrackerArn"), QStringLiteral("The event tracker's ARN."))}},
        {kPersonalize, QStringLiteral("ListEventTrackers"),
         QStringLiteral("Lists event trackers (summaries, without tracking IDs)."),
         QList<ApiMember>{
             optional(QStringLiteral("datasetGroupArn"), QStringLiteral("Only this dataset group's."))} +
             pagingMembers()},
        {kPersonalize,
         QStringLiteral("DeleteEventTracker"),
         QStringLiteral("Deletes an event tracker; its recorded interactions stay."),
         {required(QStringLiteral("eventTrackerArn"), QStringLiteral("The event tracker's ARN."))}},
        {kPersonalize,
         QStringLiteral("CreateMetricAttribution"),
         QStringLiteral(
             "Creates the metric attribution of a dataset group (one per group, up to 10 metrics)."),
         {required(QStringLiteral("name"), nameHelp),
          required(QStringLiteral("datasetGroupArn"), QStringLiteral("The ARN of the dataset group.")),
          required(
              QStringLiteral("metrics"),
              QStringLiteral("A JSON list of {\"eventType\", \"metricName\", \"expression\"}; expression is "
                             "SAMPLECOUNT() or SUM(Interactions.COLUMN) or SUM(Items.COLUMN)."),
              ApiType::List),
          required(
              QStringLiteral("metricsOutputConfig"),
              QStringLiteral("{\"roleArn\": ..., \"s3DataDestination\": {\"path\": ...}} (stored; nothing is "
                             "sent anywhere)."),
              ApiType::Structure)}},
        {kPersonalize,
         QStringLiteral("DescribeMetricAttribution"),
         QStringLiteral("Describes a metric attribution."),
         {required(QStringLiteral("metricAttributionArn"), QStringLiteral("The metric attribution's ARN."))}},
        {kPersonalize, QStringLiteral("ListMetricAttributions"),
         QStringLiteral("Lists metric attributions, of one dataset group if given."),
         QList<ApiMember>{
             optional(QStringLiteral("datasetGroupArn"), QStringLiteral("Only this dataset group's."))} +
             pagingMembers()},
        {kPersonalize, QStringLiteral("ListMetricAttributionMetrics"),
         QStringLiteral("Lists the metrics of a metric attribution."),
         QList<ApiMember>{optional(QStringLiteral("metricAttributionArn"),
                                   QStringLiteral("The metric attribution's ARN."))} +
             pagingMembers()},
        {kPersonalize,
         QStringLiteral("UpdateMetricAttribution"),
         QStringLiteral("Adds or removes metrics, or replaces the output configuration."),
         {optional(QStringLiteral("addMetrics"), QStringLiteral("A JSON list of metrics to add."),
                   ApiType::List),
          optional(QStringLiteral("removeMetrics"), QStringLiteral("A JSON list of metric names to remove."),
                   ApiType::List),
          optional(QStringLiteral("metricsOutputConfig"), QStringLiteral("The new output configuration."),
                   ApiType::Structure),
          optional(QStringLiteral("metricAttributionArn"), QStringLiteral("The metric attribution's ARN."))}},
        {kPersonalize,
         QStringLiteral("DeleteMetricAttribution"),
         QStringLiteral("Deletes a metric attribution; its windows go with it."),
         {required(QStringLiteral("metricAttributionArn"), QStringLiteral("The metric attribution's ARN."))}},
        {kPersonalize,
         QStringLiteral("CreateSolution"),
         QStringLiteral("Creates a solution: a recipe and training filters for a dataset group."),
         {required(QStringLiteral("name"), nameHelp),
          required(QStringLiteral("datasetGroupArn"), QStringLiteral("The ARN of the dataset group.")),
          optional(QStringLiteral("recipeArn"),
                   QStringLiteral("arn:aws:personalize:::recipe/aws-popularity-count, aws-sims, "
                                  "aws-user-personalization or aws-personalized-ranking.")),
          optional(QStringLiteral("eventType"), QStringLiteral("Train only on events of this type.")),
          optional(QStringLiteral("solutionConfig"),
                   QStringLiteral(
                       "{\"eventValueThreshold\": \"0.5\"}: train only on events with at least this value."),
                   ApiType::Structure)}},
        {kPersonalize,
         QStringLiteral("DescribeSolution"),
         QStringLiteral("Describes a solution."),
         {required(QStringLiteral("solutionArn"), QStringLiteral("The solution's ARN."))}},
        {kPersonalize, QStringLiteral("ListSolutions"),
         QStringLiteral("Lists solutions, of one dataset group if given."),
         QList<ApiMember>{
             optional(QStringLiteral("datasetGroupArn"), QStringLiteral("Only this dataset group's."))} +
             pagingMembers()},
        {kPersonalize,
         QStringLiteral("DeleteSolution"),
         QStringLiteral("Deletes a solution and its versions (not while a campaign uses one)."),
         {required(QStringLiteral("solutionArn"), QStringLiteral("The solution's ARN."))}},
        {kPersonalize,
         QStringLiteral("CreateSolutionVersion"),
         QStringLiteral(
             "Trains a solution version (needs 1000 interactions and 25 users with at least 2, or it "
             "ends CREATE FAILED with the reason). This command line, without a server, trains "
             "before it returns; through `footfall serve` or the console's endpoint it answers at "
             "once, CREATE PENDING, and trains in the background (CREATE IN_PROGRESS, then ACTIVE "
             "or CREATE FAILED: see describe-solution-version)."),
         {required(QStringLiteral("solutionArn"), QStringLiteral("The solution's ARN.")),
          optional(
              QStringLiteral("trainingMode"),
              QStringLiteral("FULL (default) or UPDATE (User-Personalization, after a FULL version)."))}},
        {kPersonalize,
         QStringLiteral("DescribeSolutionVersion"),
         QStringLiteral("Describes a solution version: status, training mode, failure reason."),
         {required(QStringLiteral("solutionVersionArn"), QStringLiteral("The solution version's ARN."))}},
        {kPersonalize, QStringLiteral("ListSolutionVersions"),
         QStringLiteral("Lists solution versions, of one solution if given."),
         QList<ApiMember>{optional(QStringLiteral("solutionArn"), QStringLiteral("Only this solution's."))} +
             pagingMembers()},
        {kPersonalize,
         QStringLiteral("CreateCampaign"),
         QStringLiteral("Deploys an ACTIVE solution version to serve recommendations."),
         {required(QStringLiteral("name"), nameHelp),
          required(QStringLiteral("solutionVersionArn"), QStringLiteral("The solution version to serve.")),
          optional(QStringLiteral("minProvisionedTPS"), QStringLiteral("Stored (default 1)."),
                   ApiType::Integer)}},
        {kPersonalize,
         QStringLiteral("DescribeCampaign"),
         QStringLiteral("Describes a campaign."),
         {required(QStringLiteral("campaignArn"), QStringLiteral("The campaign's ARN."))}},
        {kPersonalize, QStringLiteral("ListCampaigns"),
         QStringLiteral("Lists campaigns, of one solution if given."),
         QList<ApiMember>{optional(QStringLiteral("solutionArn"), QStringLiteral("Only this solution's."))} +
             pagingMembers()},
        {kPersonalize,
         QStringLiteral("DeleteCampaign"),
         QStringLiteral("Deletes a campaign."),
         {required(QStringLiteral("campaignArn"), QStringLiteral("The campaign's ARN."))}},
        {kPersonalize,
         QStringLiteral("CreateRecommender"),
         QStringLiteral("Creates and trains a recommender of a domain dataset group. This command line, "
                        "without a server, trains before it returns; through `footfall serve` it answers "
                        "at once and trains in the background (CREATE PENDING, CREATE IN_PROGRESS, then "
                        "ACTIVE or CREATE FAILED)."),
         {required(QStringLiteral("name"), nameHelp),
          required(QStringLiteral("datasetGroupArn"), QStringLiteral("The ARN of a domain dataset group.")),
          required(QStringLiteral("recipeArn"),
                   QStringLiteral("arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you (ECOMMERCE) or "
                                  "arn:aws:personalize:::recipe/aws-vod-top-picks (VIDEO_ON_DEMAND).")),
          optional(QStringLiteral("recommenderConfig"), QStringLiteral("Stored as given."),
                   ApiType::Structure),
          tagsMember()}},
        {kPersonalize,
         QStringLiteral("DescribeRecommender"),
         QStringLiteral("Describes a recommender."),
         {required(QStringLiteral("recommenderArn"), QStringLiteral("The recommender's ARN."))}},
        {kPersonalize, QStringLiteral("ListRecommenders"),
         QStringLiteral("Lists recommenders, of one dataset group if given."),
         QList<ApiMember>{
             optional(QStringLiteral("datasetGroupArn"), QStringLiteral("Only this dataset group's."))} +
             pagingMembers()},
        {kPersonalize,
         QStringLiteral("DeleteRecommender"),
         QStringLiteral("Deletes a recommender and its model."),
         {required(QStringLiteral("recommenderArn"), QStringLiteral("The recommender's ARN."))}},
    };
    return all;
}

const ApiOperation* ControlPlane::find(const QString& operationName)
{
    for (const ApiOperation& operation : operations()) {
        if (operation.name == operationName)
            return &operation;
    }
    return nullptr;
}

ControlPlane::ControlPlane(Workspace& workspace)
    : m_workspace(workspace)
{
    auto& groups = m_workspace.datasetGroups();
    auto& schemas = m_workspace.schemas();
    auto& datasets = m_workspace.datasets();
    auto& trackers = m_workspace.eventTrackers();
    // A List operation: every item it may show, of which the request's page is served.
    const auto addList = [this](const QString& name, const QString& key,
                                std::function<QJsonArray(const QJsonObject&)> items) {
        m_handlers.insert(name, [name, key, items = std::move(items)](const QJsonObject& in) {
            return paginate(name, items(in), in, key);
        });
    };

    m_handlers.insert(QStringLiteral("CreateDatasetGroup"), [&groups](const QJsonObject& in) {
        const DatasetGroup group =
            groups.create({text(in, "name"), text(in, "domain"), text(in, "roleArn"), text(in, "kmsKeyArn"),
                           in.value(QStringLiteral("tags")).toArray()});
        QJsonObject out{{QStringLiteral("datasetGroupArn"), group.arn}};
        if (group.isDomain())
            out.insert(QStringLiteral("domain"), group.domain);
        return out;
    });
    m_handlers.insert(QStringLiteral("DescribeDatasetGroup"), [&groups](const QJsonObject& in) {
        return QJsonObject{
            {QStringLiteral("datasetGroup"), groups.describe(text(in, "datasetGroupArn")).toJson()}};
    });
    addList(QStringLiteral("ListDatasetGroups"), QStringLiteral("datasetGroups"),
            [&groups](const QJsonObject&) { return summaries(groups.list()); });
    m_handlers.insert(QStringLiteral("DeleteDatasetGroup"), [&groups](const QJsonObject& in) {
        groups.remove(text(in, "datasetGroupArn"));
        return QJsonObject();
    });
    m_handlers.insert(QStringLiteral("CreateSchema"), [&schemas](const QJsonObject& in) {
        const DatasetSchema schema = schemas.create(text(in, "name"), text(in, "schema"), text(in, "domain"));
        return QJsonObject{{QStringLiteral("schemaArn"), schema.arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeSchema"), [&schemas](const QJsonObject& in) {
        return QJsonObject{{QStringLiteral("schema"), schemas.describe(text(in, "schemaArn")).toJson()}};
    });
    addList(QStringLiteral("ListSchemas"), QStringLiteral("schemas"),
            [&schemas](const QJsonObject&) { return summaries(schemas.list()); });
    m_handlers.insert(QStringLiteral("DeleteSchema"), [&schemas](const QJsonObject& in) {
        schemas.remove(text(in, "schemaArn"));
        return QJsonObject();
    });
    m_handlers.insert(QStringLiteral("CreateDataset"), [&datasets](const QJsonObject& in) {
        const Dataset dataset =
            datasets.create({text(in, "name"), text(in, "schemaArn"), text(in, "datasetGroupArn"),
                             text(in, "datasetType"), in.value(QStringLiteral("tags")).toArray()});
        return QJsonObject{{QStringLiteral("datasetArn"), dataset.arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeDataset"), [&datasets](const QJsonObject& in) {
        return QJsonObject{{QStringLiteral("dataset"), datasets.describe(text(in, "datasetArn")).toJson()}};
    });
    addList(QStringLiteral("ListDatasets"), QStringLiteral("datasets"), [&datasets](const QJsonObject& in) {
        return summaries(datasets.list(text(in, "datasetGroupArn")));
    });
    m_handlers.insert(QStringLiteral("DeleteDataset"), [&datasets](const QJsonObject& in) {
        datasets.remove(text(in, "datasetArn"));
        return QJsonObject();
    });
    m_handlers.insert(QStringLiteral("CreateEventTracker"), [&trackers](const QJsonObject& in) {
        const EventTracker tracker = trackers.create(text(in, "name"), text(in, "datasetGroupArn"),
                                                     in.value(QStringLiteral("tags")).toArray());
        return QJsonObject{{QStringLiteral("eventTrackerArn"), tracker.arn},
                           {QStringLiteral("trackingId"), tracker.trackingId}};
    });
    m_handlers.insert(QStringLiteral("DescribeEventTracker"), [&trackers](const QJsonObject& in) {
        return QJsonObject{
            {QStringLiteral("eventTracker"), trackers.describe(text(in, "eventTrackerArn")).toJson()}};
    });
    addList(
        QStringLiteral("ListEventTrackers"), QStringLiteral("eventTrackers"),
        [&trackers](const QJsonObject& in) { return summaries(trackers.list(text(in, "datasetGroupArn"))); });
    m_handlers.insert(QStringLiteral("DeleteEventTracker"), [&trackers](const QJsonObject& in) {
        trackers.remove(text(in, "eventTrackerArn"));
        return QJsonObject();
    });
    auto& attributions = m_workspace.metricAttributions();
    m_handlers.insert(QStringLiteral("CreateMetricAttribution"), [&attributions](const QJsonObject& in) {
        const MetricAttribution attribution = attributions.create(
            {text(in, "name"), text(in, "datasetGroupArn"), in.value(QStringLiteral("metrics")),
             in.value(QStringLiteral("metricsOutputConfig"))});
        return QJsonObject{{QStringLiteral("metricAttributionArn"), attribution.arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeMetricAttribution"), [&attributions](const QJsonObject& in) {
        return QJsonObject{{QStringLiteral("metricAttribution"),
                            attributions.describe(text(in, "metricAttributionArn")).toJson()}};
    });
    addList(QStringLiteral("ListMetricAttributions"), QStringLiteral("metricAttributions"),
            [&attributions](const QJsonObject& in) {
                return summaries(attributions.list(text(in, "datasetGroupArn")));
            });
    addList(QStringLiteral("ListMetricAttributionMetrics"), QStringLiteral("metrics"),
            [&attributions](const QJsonObject& in) {
                if (text(in, "metricAttributionArn").isEmpty()) {
                    throw ServiceError::invalidInput(
                        QStringLiteral("Missing required parameter in input: \"metricAttributionArn\""),
                        QStringLiteral("metricAttributionArn"));
                }
                QJsonArray metrics;
                for (const AttributionMetric& metric :
                     attributions.describe(text(in, "metricAttributionArn")).metrics)
                    metrics.append(metric.toJson());
                return metrics;
            });
    m_handlers.insert(QStringLiteral("UpdateMetricAttribution"), [&attributions](const QJsonObject& in) {
        const MetricAttribution attribution = attributions.update(
            {text(in, "metricAttributionArn"), in.value(QStringLiteral("addMetrics")),
             in.value(QStringLiteral("removeMetrics")), in.value(QStringLiteral("metricsOutputConfig"))});
        return QJsonObject{{QStringLiteral("metricAttributionArn"), attribution.arn}};
    });
    m_handlers.insert(QStringLiteral("DeleteMetricAttribution"), [&attributions](const QJsonObject& in) {
        attributions.remove(text(in, "metricAttributionArn"));
        return QJsonObject();
    });
    auto& solutions = m_workspace.solutions();
    auto& campaigns = m_workspace.campaigns();
    m_handlers.insert(QStringLiteral("CreateSolution"), [&solutions](const QJsonObject& in) {
        const Solution solution =
            solutions.create({text(in, "name"), text(in, "datasetGroupArn"), text(in, "recipeArn"),
                              text(in, "eventType"), in.value(QStringLiteral("solutionConfig"))});
        return QJsonObject{{QStringLiteral("solutionArn"), solution.arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeSolution"), [&solutions](const QJsonObject& in) {
        return QJsonObject{
            {QStringLiteral("solution"), solutions.describe(text(in, "solutionArn")).toJson()}};
    });
    addList(QStringLiteral("ListSolutions"), QStringLiteral("solutions"),
            [&solutions](const QJsonObject& in) {
                return summaries(solutions.list(text(in, "datasetGroupArn")));
            });
    m_handlers.insert(QStringLiteral("DeleteSolution"), [&solutions](const QJsonObject& in) {
        solutions.remove(text(in, "solutionArn"));
        return QJsonObject();
    });
    m_handlers.insert(QStringLiteral("CreateSolutionVersion"), [&solutions](const QJsonObject& in) {
        return QJsonObject{{QStringLiteral("solutionVersionArn"),
                            solutions.createVersion(text(in, "solutionArn"), text(in, "trainingMode")).arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeSolutionVersion"), [&solutions](const QJsonObject& in) {
        return QJsonObject{{QStringLiteral("solutionVersion"),
                            solutions.describeVersion(text(in, "solutionVersionArn")).toJson()}};
    });
    addList(QStringLiteral("ListSolutionVersions"), QStringLiteral("solutionVersions"),
            [&solutions](const QJsonObject& in) {
                return summaries(solutions.listVersions(text(in, "solutionArn")));
            });
    m_handlers.insert(QStringLiteral("CreateCampaign"), [&campaigns](const QJsonObject& in) {
        const int tps = in.contains(QStringLiteral("minProvisionedTPS"))
                            ? in.value(QStringLiteral("minProvisionedTPS")).toInt()
                            : 1;
        return QJsonObject{{QStringLiteral("campaignArn"),
                            campaigns.create(text(in, "name"), text(in, "solutionVersionArn"), tps).arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeCampaign"), [&campaigns](const QJsonObject& in) {
        return QJsonObject{
            {QStringLiteral("campaign"), campaigns.describe(text(in, "campaignArn")).toJson()}};
    });
    addList(
        QStringLiteral("ListCampaigns"), QStringLiteral("campaigns"),
        [&campaigns](const QJsonObject& in) { return summaries(campaigns.list(text(in, "solutionArn"))); });
    m_handlers.insert(QStringLiteral("DeleteCampaign"), [&campaigns](const QJsonObject& in) {
        campaigns.remove(text(in, "campaignArn"));
        return QJsonObject();
    });
    auto& recommenders = m_workspace.recommenders();
    m_handlers.insert(QStringLiteral("CreateRecommender"), [&recommenders](const QJsonObject& in) {
        return QJsonObject{
            {QStringLiteral("recommenderArn"),
             recommenders.create(text(in, "name"), text(in, "datasetGroupArn"), text(in, "recipeArn")).arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeRecommender"), [&recommenders](const QJsonObject& in) {
        return QJsonObject{
            {QStringLiteral("recommender"), recommenders.describe(text(in, "recommenderArn")).toJson()}};
    });
    addList(QStringLiteral("ListRecommenders"), QStringLiteral("recommenders"),
            [&recommenders](const QJsonObject& in) {
                return summaries(recommenders.list(text(in, "datasetGroupArn")));
            });
    m_handlers.insert(QStringLiteral("DeleteRecommender"), [&recommenders](const QJsonObject& in) {
        recommenders.remove(text(in, "recommenderArn"));
        return QJsonObject();
    });
}

QJsonObject ControlPlane::invoke(const QString& operationName, const QJsonObject& input)
{
    const ApiOperation* operation = find(operationName);
    const auto handler = m_handlers.constFind(operationName);
    if (!operation || handler == m_handlers.constEnd())
        throw ServiceError::invalidInput(QStringLiteral("Unknown operation %1").arg(operationName));
    operation->validateShape(input);
    JsonInput::rejectInvalidText(input, QStringLiteral("input"));
    return (*handler)(input);
}

} // namespace footfall
