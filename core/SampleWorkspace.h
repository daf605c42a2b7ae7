#pragma once

#include <QString>

#include <functional>

namespace footfall {

struct ServiceConfig;

struct SampleOptions
{
    int days = 14;
    int users = 300;
    quint32 seed = 20261129;
};

// How far a build is: `done` of `total` units of work (each step weighs what it takes on a typical
// machine), and the step being done, in words.
struct SampleProgress
{
    int done = 0;
    int total = 0;
    QString step;
};

struct SampleSummary
{
    QString datasetGroupArn;
    QString trackerArn;
    QString campaignArn;
    QString metricAttributionArn;
    qint64 events = 0;
    qint64 recommendationLists = 0;
};

// A workspace to explore at once: a small movie catalogue ("sample-movies") with prices and genres,
// its schemas, datasets and tracker, a metric attribution (watches, purchase value), a
// User-Personalization campaign trained on the first half of the days, and then traffic over the
// second half from several sources — an email campaign, the campaign's own recommendations (their
// clicks carry recommendationIds), a partner feed and untagged visits — including anonymous
// sessions that sign in later. The same seed gives the same users, items and events (the generated
// IDs — tracking ID, recommendationIds — are random, as AWS's are).
class SampleWorkspace
{
public:
    static constexpr int kMinUsers = 30; // fewer could not train

    using ProgressReport = std::function<bool(const SampleProgress&)>;

    // Creates the database at `path`, which must not exist yet. `progress` hears of each step and may
    // return false to cancel (heard at the next step: training is not interrupted); a cancelled or
    // failed build removes the file. Throws ServiceError.
    static SampleSummary build(const QString& path, const ServiceConfig& config, const SampleOptions& options,
                               const ProgressReport& progress = {});
};

} // namespace footfall
