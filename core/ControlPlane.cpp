#include "ControlPlane.h"

#include "CampaignService.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "JsonInput.h"
#include "MetricAttributionService.h"
#include "RecommenderService.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "Workspace.h"

#include <QJsonArray>

namespace footfall {

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
    return {optional(QStringLiteral("nextToken"),
                     QStringLiteral("A token from a previous call, for the next page.")),
            optional(QStringLiteral("maxResults"), QStringLiteral("How many results a page holds (1-100)."),
                     ApiType::Integer)};
}

QString str(const QJsonObject& input, const char* key)
{
    return input.value(QLatin1String(key)).toString();
}

// Serves one page of `items` under `key`, with AWS's maxResults/nextToken contract.
QJsonObject paginate(const QJsonArray& items, const QJsonObject& input, const QString& key)
{
    int maxResults = 100;
    if (input.contains(QStringLiteral("maxResults"))) {
        maxResults = input.value(QStringLiteral("maxResults")).toInt();
        if (maxResults < 1 || maxResults > 100) {
            throw ServiceError::invalidInput(
                QStringLiteral("Invalid value for parameter maxResults, value: %1, valid range: 1-100")
                    .arg(maxResults));
        }
    }
    int offset = 0;
    const QString token = input.value(QStringLiteral("nextToken")).toString();
    if (!token.isEmpty()) {
        const QByteArray decoded =
            QByteArray::fromBase64(token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        bool ok = false;
        if (decoded.startsWith("footfall:"))
            offset = decoded.mid(9).toInt(&ok);
        if (!ok || offset < 0 || offset > items.size() || token.size() > 1500)
            throw ServiceError(ErrorCode::InvalidNextToken, QStringLiteral("The token is not valid"));
    }
    QJsonArray page;
    for (int i = offset; i < items.size() && page.size() < maxResults; ++i)
        page.append(items.at(i));
    QJsonObject output{{key, page}};
    if (offset + page.size() < items.size()) {
        output.insert(
            QStringLiteral("nextToken"),
            QString::fromLatin1(
                QByteArray(QByteArray("footfall:") + QByteArray::number(offset + page.size())).toBase64()));
    }
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

    m_handlers.insert(QStringLiteral("CreateDatasetGroup"), [&groups](const QJsonObject& in) {
        const DatasetGroup group =
            groups.create({str(in, "name"), str(in, "domain"), str(in, "roleArn"), str(in, "kmsKeyArn"),
                           in.value(QStringLiteral("tags")).toArray()});
        QJsonObject out{{QStringLiteral("datasetGroupArn"), group.arn}};
        if (group.isDomain())
            out.insert(QStringLiteral("domain"), group.domain);
        return out;
    });
    m_handlers.insert(QStringLiteral("DescribeDatasetGroup"), [&groups](const QJsonObject& in) {
        return QJsonObject{
            {QStringLiteral("datasetGroup"), groups.describe(str(in, "datasetGroupArn")).toJson()}};
    });
    m_handlers.insert(QStringLiteral("ListDatasetGroups"), [&groups](const QJsonObject& in) {
        return paginate(summaries(groups.list()), in, QStringLiteral("datasetGroups"));
    });
    m_handlers.insert(QStringLiteral("DeleteDatasetGroup"), [&groups](const QJsonObject& in) {
        groups.remove(str(in, "datasetGroupArn"));
        return QJsonObject();
    });
    m_handlers.insert(QStringLiteral("CreateSchema"), [&schemas](const QJsonObject& in) {
        const DatasetSchema schema = schemas.create(str(in, "name"), str(in, "schema"), str(in, "domain"));
        return QJsonObject{{QStringLiteral("schemaArn"), schema.arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeSchema"), [&schemas](const QJsonObject& in) {
        return QJsonObject{{QStringLiteral("schema"), schemas.describe(str(in, "schemaArn")).toJson()}};
    });
    m_handlers.insert(QStringLiteral("ListSchemas"), [&schemas](const QJsonObject& in) {
        return paginate(summaries(schemas.list()), in, QStringLiteral("schemas"));
    });
    m_handlers.insert(QStringLiteral("DeleteSchema"), [&schemas](const QJsonObject& in) {
        schemas.remove(str(in, "schemaArn"));
        return QJsonObject();
    });
    m_handlers.insert(QStringLiteral("CreateDataset"), [&datasets](const QJsonObject& in) {
        const Dataset dataset =
            datasets.create({str(in, "name"), str(in, "schemaArn"), str(in, "datasetGroupArn"),
                             str(in, "datasetType"), in.value(QStringLiteral("tags")).toArray()});
        return QJsonObject{{QStringLiteral("datasetArn"), dataset.arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeDataset"), [&datasets](const QJsonObject& in) {
        return QJsonObject{{QStringLiteral("dataset"), datasets.describe(str(in, "datasetArn")).toJson()}};
    });
    m_handlers.insert(QStringLiteral("ListDatasets"), [&datasets](const QJsonObject& in) {
        return paginate(summaries(datasets.list(str(in, "datasetGroupArn"))), in, QStringLiteral("datasets"));
    });
    m_handlers.insert(QStringLiteral("DeleteDataset"), [&datasets](const QJsonObject& in) {
        datasets.remove(str(in, "datasetArn"));
        return QJsonObject();
    });
    m_handlers.insert(QStringLiteral("CreateEventTracker"), [&trackers](const QJsonObject& in) {
        const EventTracker tracker = trackers.create(str(in, "name"), str(in, "datasetGroupArn"),
                                                     in.value(QStringLiteral("tags")).toArray());
        return QJsonObject{{QStringLiteral("eventTrackerArn"), tracker.arn},
                           {QStringLiteral("trackingId"), tracker.trackingId}};
    });
    m_handlers.insert(QStringLiteral("DescribeEventTracker"), [&trackers](const QJsonObject& in) {
        return QJsonObject{
            {QStringLiteral("eventTracker"), trackers.describe(str(in, "eventTrackerArn")).toJson()}};
    });
    m_handlers.insert(QStringLiteral("ListEventTrackers"), [&trackers](const QJsonObject& in) {
        return paginate(summaries(trackers.list(str(in, "datasetGroupArn"))), in,
                        QStringLiteral("eventTrackers"));
    });
    m_handlers.insert(QStringLiteral("DeleteEventTracker"), [&trackers](const QJsonObject& in) {
        trackers.remove(str(in, "eventTrackerArn"));
        return QJsonObject();
    });
    auto& attributions = m_workspace.metricAttributions();
    m_handlers.insert(QStringLiteral("CreateMetricAttribution"), [&attributions](const QJsonObject& in) {
        const MetricAttribution attribution = attributions.create(
            {str(in, "name"), str(in, "datasetGroupArn"), in.value(QStringLiteral("metrics")),
             in.value(QStringLiteral("metricsOutputConfig"))});
        return QJsonObject{{QStringLiteral("metricAttributionArn"), attribution.arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeMetricAttribution"), [&attributions](const QJsonObject& in) {
        return QJsonObject{{QStringLiteral("metricAttribution"),
                            attributions.describe(str(in, "metricAttributionArn")).toJson()}};
    });
    m_handlers.insert(QStringLiteral("ListMetricAttributions"), [&attributions](const QJsonObject& in) {
        return paginate(summaries(attributions.list(str(in, "datasetGroupArn"))), in,
                        QStringLiteral("metricAttributions"));
    });
    m_handlers.insert(QStringLiteral("ListMetricAttributionMetrics"), [&attributions](const QJsonObject& in) {
        if (str(in, "metricAttributionArn").isEmpty()) {
            throw ServiceError::invalidInput(
                QStringLiteral("Missing required parameter in input: \"metricAttributionArn\""),
                QStringLiteral("metricAttributionArn"));
        }
        QJsonArray metrics;
        for (const AttributionMetric& metric : attributions.describe(str(in, "metricAttributionArn")).metrics)
            metrics.append(metric.toJson());
        return paginate(metrics, in, QStringLiteral("metrics"));
    });
    m_handlers.insert(QStringLiteral("UpdateMetricAttribution"), [&attributions](const QJsonObject& in) {
        const MetricAttribution attribution = attributions.update(
            {str(in, "metricAttributionArn"), in.value(QStringLiteral("addMetrics")),
             in.value(QStringLiteral("removeMetrics")), in.value(QStringLiteral("metricsOutputConfig"))});
        return QJsonObject{{QStringLiteral("metricAttributionArn"), attribution.arn}};
    });
    m_handlers.insert(QStringLiteral("DeleteMetricAttribution"), [&attributions](const QJsonObject& in) {
        attributions.remove(str(in, "metricAttributionArn"));
        return QJsonObject();
    });
    auto& solutions = m_workspace.solutions();
    auto& campaigns = m_workspace.campaigns();
    m_handlers.insert(QStringLiteral("CreateSolution"), [&solutions](const QJsonObject& in) {
        const Solution solution =
            solutions.create({str(in, "name"), str(in, "datasetGroupArn"), str(in, "recipeArn"),
                              str(in, "eventType"), in.value(QStringLiteral("solutionConfig"))});
        return QJsonObject{{QStringLiteral("solutionArn"), solution.arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeSolution"), [&solutions](const QJsonObject& in) {
        return QJsonObject{{QStringLiteral("solution"), solutions.describe(str(in, "solutionArn")).toJson()}};
    });
    m_handlers.insert(QStringLiteral("ListSolutions"), [&solutions](const QJsonObject& in) {
        return paginate(summaries(solutions.list(str(in, "datasetGroupArn"))), in,
                        QStringLiteral("solutions"));
    });
    m_handlers.insert(QStringLiteral("DeleteSolution"), [&solutions](const QJsonObject& in) {
        solutions.remove(str(in, "solutionArn"));
        return QJsonObject();
    });
    m_handlers.insert(QStringLiteral("CreateSolutionVersion"), [&solutions](const QJsonObject& in) {
        return QJsonObject{{QStringLiteral("solutionVersionArn"),
                            solutions.createVersion(str(in, "solutionArn"), str(in, "trainingMode")).arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeSolutionVersion"), [&solutions](const QJsonObject& in) {
        return QJsonObject{{QStringLiteral("solutionVersion"),
                            solutions.describeVersion(str(in, "solutionVersionArn")).toJson()}};
    });
    m_handlers.insert(QStringLiteral("ListSolutionVersions"), [&solutions](const QJsonObject& in) {
        return paginate(summaries(solutions.listVersions(str(in, "solutionArn"))), in,
                        QStringLiteral("solutionVersions"));
    });
    m_handlers.insert(QStringLiteral("CreateCampaign"), [&campaigns](const QJsonObject& in) {
        const int tps = in.contains(QStringLiteral("minProvisionedTPS"))
                            ? in.value(QStringLiteral("minProvisionedTPS")).toInt()
                            : 1;
        return QJsonObject{{QStringLiteral("campaignArn"),
                            campaigns.create(str(in, "name"), str(in, "solutionVersionArn"), tps).arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeCampaign"), [&campaigns](const QJsonObject& in) {
        return QJsonObject{{QStringLiteral("campaign"), campaigns.describe(str(in, "campaignArn")).toJson()}};
    });
    m_handlers.insert(QStringLiteral("ListCampaigns"), [&campaigns](const QJsonObject& in) {
        return paginate(summaries(campaigns.list(str(in, "solutionArn"))), in, QStringLiteral("campaigns"));
    });
    m_handlers.insert(QStringLiteral("DeleteCampaign"), [&campaigns](const QJsonObject& in) {
        campaigns.remove(str(in, "campaignArn"));
        return QJsonObject();
    });
    auto& recommenders = m_workspace.recommenders();
    m_handlers.insert(QStringLiteral("CreateRecommender"), [&recommenders](const QJsonObject& in) {
        return QJsonObject{
            {QStringLiteral("recommenderArn"),
             recommenders.create(str(in, "name"), str(in, "datasetGroupArn"), str(in, "recipeArn")).arn}};
    });
    m_handlers.insert(QStringLiteral("DescribeRecommender"), [&recommenders](const QJsonObject& in) {
        return QJsonObject{
            {QStringLiteral("recommender"), recommenders.describe(str(in, "recommenderArn")).toJson()}};
    });
    m_handlers.insert(QStringLiteral("ListRecommenders"), [&recommenders](const QJsonObject& in) {
        return paginate(summaries(recommenders.list(str(in, "datasetGroupArn"))), in,
                        QStringLiteral("recommenders"));
    });
    m_handlers.insert(QStringLiteral("DeleteRecommender"), [&recommenders](const QJsonObject& in) {
        recommenders.remove(str(in, "recommenderArn"));
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
