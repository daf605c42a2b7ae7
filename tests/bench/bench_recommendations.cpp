// Recommendations: quality on the sample workspace with a time-based hold-out (precision@10 and
// NDCG@10 of User-Personalization and SIMS against Popularity-Count, in the same run), and
// GetRecommendations latency on 100,000 items and 1,000,000 interactions, with the training time.
#include "BenchSupport.h"
#include "CampaignService.h"
#include "Clock.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "RecommendationService.h"
#include "SampleWorkspace.h"
#include "SolutionService.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <benchmark/benchmark.h>
#include <cmath>
#include <cstdio>

using namespace footfall;

namespace {

QString campaignOn(Workspace& workspace, const QString& groupArn, Recipe recipe, const QString& name)
{
    const Solution solution = workspace.solutions().create({name, groupArn, Recipes::arn(recipe), {}, {}});
    const SolutionVersion version = workspace.solutions().createVersion(solution.arn);
    if (!version.failureReason.isEmpty())
        qFatal("training failed: %s", qPrintable(version.failureReason));
    return workspace.campaigns().create(name + QStringLiteral("-campaign"), version.arn).arn;
}

struct Quality
{
    double precision = 0;
    double ndcg = 0;
    int users = 0;
};

} // namespace

// The sample workspace, its last 30% of days held out: what each user watched then is what a good
// list of 10 should have offered.
static void BM_QualityOnSampleHoldOut(benchmark::State& state)
{
    QTemporaryDir dir;
    ServiceConfig config;
    config.provisioningMs = 0;
    const QString path = dir.filePath(QStringLiteral("sample.db"));
    const SampleSummary sample = SampleWorkspace::build(path, config, {14, 300, 20261129});
    const auto workspace = Workspace::open(path, config);
    const qint64 groupId = workspace->datasetGroups().describe(sample.datasetGroupArn).id;
    QSqlQuery range(workspace->database().connection());
    range.exec(QStringLiteral("SELECT MIN(sent_at_ms), MAX(sent_at_ms) FROM interaction"));
    range.next();
    const qint64 cut = range.value(0).toLongLong() +
                       qint64(double(range.value(1).toLongLong() - range.value(0).toLongLong()) * 0.7);

    // Hold out the last 30%: remember it, then remove it so that training and history cannot see it.
    QHash<QString, QSet<QString>> heldOut;
    QSqlQuery later(workspace->database().connection());
    later.prepare(QStringLiteral(
        "SELECT user_id, item_id FROM interaction WHERE sent_at_ms >= ? AND user_id IS NOT NULL "
        "AND event_type = 'watch'"));
    later.addBindValue(cut);
    later.exec();
    while (later.next())
        heldOut[later.value(0).toString()].insert(later.value(1).toString());
    QSqlQuery remove(workspace->database().connection());
    remove.prepare(QStringLiteral("DELETE FROM interaction WHERE sent_at_ms >= ?"));
    remove.addBindValue(cut);
    remove.exec();

    const QString popular =
        campaignOn(*workspace, sample.datasetGroupArn, Recipe::PopularityCount, QStringLiteral("q-popular"));
    const QString personal = campaignOn(*workspace, sample.datasetGroupArn, Recipe::UserPersonalization,
                                        QStringLiteral("q-personal"));
    const QString similar =
        campaignOn(*workspace, sample.datasetGroupArn, Recipe::Sims, QStringLiteral("q-sims"));

    QSqlQuery seen(workspace->database().connection());
    seen.prepare(QStringLiteral("SELECT item_id FROM interaction WHERE dataset_group_id = ? AND user_id = ? "
                                "ORDER BY sent_at_ms DESC"));
    const auto evaluate = [&](const QString& campaign, bool sims) {
        Quality quality;
        for (auto it = heldOut.begin(); it != heldOut.end(); ++it) {
            seen.addBindValue(groupId);
            seen.addBindValue(it.key());
            seen.exec();
            QSet<QString> before;
            QString last;
            while (seen.next()) {
                if (last.isEmpty())
                    last = seen.value(0).toString();
                before.insert(seen.value(0).toString());
            }
            // What is new to the user in the hold-out is what a recommendation could have offered.
            QSet<QString> relevant = it.value();
            relevant.subtract(before);
            if (relevant.isEmpty() || before.isEmpty())
                continue;
            QJsonObject request{{QStringLiteral("campaignArn"), campaign},
                                {QStringLiteral("numResults"), 10}};
            if (sims)
                request.insert(QStringLiteral("itemId"), last);
            else
                request.insert(QStringLiteral("userId"), it.key());
            const RecommendationList list = workspace->recommendations().getRecommendations(request);
            int hits = 0;
            double dcg = 0;
            for (int rank = 0; rank < list.items.size(); ++rank) {
                if (relevant.contains(list.items.at(rank).itemId)) {
                    ++hits;
                    dcg += 1.0 / std::log2(rank + 2.0);
                }
            }
            double ideal = 0;
            for (int rank = 0; rank < std::min<qsizetype>(10, relevant.size()); ++rank)
                ideal += 1.0 / std::log2(rank + 2.0);
            quality.precision += hits / 10.0;
            quality.ndcg += dcg / ideal;
            ++quality.users;
        }
        if (quality.users > 0) {
            quality.precision /= quality.users;
            quality.ndcg /= quality.users;
        }
        return quality;
    };
    Quality popularity;
    Quality userPersonalization;
    Quality sims;
    for (auto _ : state) {
        popularity = evaluate(popular, false);
        userPersonalization = evaluate(personal, false);
        sims = evaluate(similar, true);
    }
    state.counters["users"] = userPersonalization.users;
    state.counters["popularity_p10"] = popularity.precision;
    state.counters["popularity_ndcg10"] = popularity.ndcg;
    state.counters["up_p10"] = userPersonalization.precision;
    state.counters["up_ndcg10"] = userPersonalization.ndcg;
    state.counters["sims_p10"] = sims.precision;
    state.counters["sims_ndcg10"] = sims.ndcg;
}
BENCHMARK(BM_QualityOnSampleHoldOut)->Unit(benchmark::kMillisecond)->Iterations(1);

// 1,000,000 interactions of 20,000 users over 100,000 items (popularity skewed), trained with
// User-Personalization; then GetRecommendations for random users, and the latency percentiles.
static void BM_GetRecommendationsLatency(benchmark::State& state)
{
    QTemporaryDir dir;
    ServiceConfig config;
    config.provisioningMs = 0;
    bench::ShopWorkspace shop = bench::createShop(dir.filePath(QStringLiteral("large.db")), config);
    Workspace& workspace = *shop.workspace;
    const qint64 groupId = workspace.datasetGroups().describe(shop.groupArn).id;
    QSqlQuery fill(workspace.database().connection());
    fill.exec(QStringLiteral("BEGIN"));
    // Item ids skewed towards small numbers: (i * 7919 % 100000) squared over 100000.
    fill.exec(
        QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
            "INSERT INTO interaction (dataset_group_id, origin, event_id, event_id_given, event_type,"
            " sent_at_ms, user_id, item_id, content_hash, recorded_ms) "
            "SELECT %1, 'import', 'e' || i, 0, 'watch', (1790000000 + i) * 1000, 'user-' || (i % 20000),"
            " 'item-' || (((((i * 7919) % 100000) * ((i * 7919) % 100000)) / 100000 + (i % 7) * 13) % "
            "100000),"
            " 'h' || i, 1790000000000 FROM n")
            .arg(groupId));
    if (fill.lastError().isValid())
        qFatal("cannot fill: %s", qPrintable(fill.lastError().text()));
    fill.exec(QStringLiteral("COMMIT"));
    QElapsedTimer training;
    training.start();
    const QString campaign =
        campaignOn(workspace, shop.groupArn, Recipe::UserPersonalization, QStringLiteral("large"));
    const double trainingSeconds = double(training.nsecsElapsed()) / 1e9;
    const SolutionVersion version = workspace.solutions().listVersions().first();

    QRandomGenerator random(7);
    QList<double> latencies;
    for (auto _ : state) {
        QElapsedTimer timer;
        timer.start();
        const RecommendationList list = workspace.recommendations().getRecommendations(
            {{QStringLiteral("campaignArn"), campaign},
             {QStringLiteral("userId"), QStringLiteral("user-%1").arg(random.bounded(20000))},
             {QStringLiteral("numResults"), 25}});
        latencies.append(double(timer.nsecsElapsed()) / 1e6);
        benchmark::DoNotOptimize(list.items.size());
    }
    std::sort(latencies.begin(), latencies.end());
    const auto percentile = [&latencies](double p) {
        return latencies.at(qsizetype(double(latencies.size() - 1) * p));
    };
    state.counters["p50_ms"] = percentile(0.50);
    state.counters["p99_ms"] = percentile(0.99);
    state.counters["training_s"] = trainingSeconds;
    state.counters["model_items"] = double(version.items);
    std::fprintf(stderr, "trained on %lld interactions, %lld users, %lld items in %.1f s\n",
                 static_cast<long long>(version.interactions), static_cast<long long>(version.users),
                 static_cast<long long>(version.items), trainingSeconds);
}
BENCHMARK(BM_GetRecommendationsLatency)->Unit(benchmark::kMillisecond)->Iterations(2000);

FOOTFALL_BENCHMARK_MAIN()
