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

    // Creates the database at `path`, which must not exist yet. `progress(done, total)` may return
    // false to cancel; a cancelled or failed build removes the file. Throws ServiceError.
    static SampleSummary build(const QString& path, const ServiceConfig& config, const SampleOptions& options,
                               const std::function<bool(int done, int total)>& progress = {});
};

} // namespace footfall
