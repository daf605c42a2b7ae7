#include "AttributionReport.h"
#include "CampaignService.h"
#include "Clock.h"
#include "Database.h"
#include "ReportService.h"
#include "SampleWorkspace.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "Workspace.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace footfall;

namespace {

QStringList eventsOf(const QString& path)
{
    const auto reader = Database::openReader(path);
    QSqlQuery query(reader->connection());
    query.exec(QStringLiteral(
        "SELECT COALESCE(user_id, '-'), session_id, item_id, event_type, sent_at_ms,"
        " COALESCE(attribution_source, '-'), recommendation_id IS NOT NULL FROM interaction ORDER BY id"));
    QStringList rows;
    while (query.next()) {
        QStringList fields;
        for (int i = 0; i < 7; ++i)
            fields << query.value(i).toString();
        rows << fields.join(QLatin1Char('|'));
    }
    return rows;
}

qint64 scalar(const QString& path, const QString& sql)
{
    const auto reader = Database::openReader(path);
    QSqlQuery query(reader->connection());
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

} // namespace

class TestSampleWorkspace : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void buildsEverythingToExplore();
    void sameSeedSameEvents();
    void refusesWhatItCannotBuild_data();
    void refusesWhatItCannotBuild();
    void progressRunsThroughNamedSteps();
    void cancelledBuildLeavesNoFile();

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{1795900000000};
    ServiceConfig m_config;
};

void TestSampleWorkspace::init()
{
    m_config.clock = &m_clock;
}

void TestSampleWorkspace::buildsEverythingToExplore()
{
    const QString path = m_dir.filePath(QStringLiteral("sample.db"));
    SampleSummary summary;
    try {
        summary = SampleWorkspace::build(path, m_config, {6, 40, 7});
    } catch (const ServiceError& error) {
        QFAIL(qPrintable(error.message()));
    }
    QVERIFY(summary.events > 1000);
    QVERIFY(summary.recommendationLists > 0);
    const auto workspace = Workspace::open(path, m_config);
    QCOMPARE(workspace->campaigns().describe(summary.campaignArn).status, QStringLiteral("ACTIVE"));
    QCOMPARE(workspace->solutions().listVersions().size(), 1);
    // Every source shows in the report, the campaign among them (its clicks carried recommendationIds).
    const AttributionReport report =
        workspace->reports().attribution({summary.datasetGroupArn, {}, 0, 0, 86400});
    const QStringList sources = report.sources();
    for (const QString& source : {summary.campaignArn, QStringLiteral("email-weekly"),
                                  QStringLiteral("partner-feed"), QStringLiteral("SOURCE_NAME_UNDEFINED")})
        QVERIFY2(sources.contains(source), qPrintable(sources.join(QLatin1Char(','))));
    QVERIFY(scalar(path, QStringLiteral("SELECT count(*) FROM session_link")) > 0);
    QVERIFY(scalar(path, QStringLiteral("SELECT count(*) FROM interaction WHERE user_id IS NULL")) > 0);
    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM item_record")), 240);
    // Purchases are summed at the film's price.
    bool revenue = false;
    for (const AttributionSourceTotal& total : report.totals)
        revenue = revenue || (total.metricName == QLatin1String("PURCHASE_VALUE") && total.value > 0);
    QVERIFY(revenue);
}

void TestSampleWorkspace::sameSeedSameEvents()
{
    const QString first = m_dir.filePath(QStringLiteral("first.db"));
    const QString second = m_dir.filePath(QStringLiteral("second.db"));
    SampleWorkspace::build(first, m_config, {4, 35, 99});
    SampleWorkspace::build(second, m_config, {4, 35, 99});
    const QStringList events = eventsOf(first);
    QVERIFY(events.size() > 1000);
    QCOMPARE(eventsOf(second), events);
    const QString other = m_dir.filePath(QStringLiteral("other.db"));
    SampleWorkspace::build(other, m_config, {4, 35, 100});
    QVERIFY(eventsOf(other) != events);
}

void TestSampleWorkspace::refusesWhatItCannotBuild_data()
{
    QTest::addColumn<int>("days");
    QTest::addColumn<int>("users");
    QTest::addColumn<bool>("fileExists");
    QTest::addColumn<QString>("message");
    QTest::newRow("29 users")
        << 14 << 29 << false
        << QStringLiteral("A sample needs at least 30 users to train its campaign; 29 were asked for");
    QTest::newRow("1 day") << 1 << 300 << false
                           << QStringLiteral(
                                  "Invalid value for parameter days, value: 1, valid range: 2-365");
    QTest::newRow("existing file") << 14 << 300 << true
                                   << QStringLiteral("%1 exists already; a sample is written to a new file");
}

void TestSampleWorkspace::refusesWhatItCannotBuild()
{
    QFETCH(int, days);
    QFETCH(int, users);
    QFETCH(bool, fileExists);
    QFETCH(QString, message);
    const QString path = m_dir.filePath(QStringLiteral("refused.db"));
    QFile::remove(path);
    if (fileExists) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("mine");
    }
    try {
        SampleWorkspace::build(path, m_config, {days, users, 1});
        QFAIL("built");
    } catch (const ServiceError& error) {
        QCOMPARE(error.message(), message.contains(QStringLiteral("%1")) ? message.arg(path) : message);
    }
    if (fileExists) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("mine")); // untouched
    } else {
        QVERIFY(!QFile::exists(path));
    }
}

void TestSampleWorkspace::progressRunsThroughNamedSteps()
{
    const QString path = m_dir.filePath(QStringLiteral("progress.db"));
    QList<SampleProgress> heard;
    SampleWorkspace::build(path, m_config, {6, 40, 1}, [&heard](const SampleProgress& progress) {
        heard.append(progress);
        return true;
    });
    QVERIFY(heard.size() > 10);
    const int total = heard.first().total;
    QVERIFY(total > 0);
    QStringList steps; // in the order first heard, without their counts
    for (int i = 0; i < heard.size(); ++i) {
        QCOMPARE(heard.at(i).total, total);
        if (i > 0)
            QVERIFY2(heard.at(i).done >= heard.at(i - 1).done, qPrintable(heard.at(i).step));
        QVERIFY(!heard.at(i).step.isEmpty());
        const QString step = heard.at(i).step.section(QLatin1Char(':'), 0, 0);
        if (!steps.contains(step))
            steps << step;
    }
    QCOMPARE(heard.first().done, 0);
    QCOMPARE(heard.last().done, total);
    QCOMPARE(steps,
             (QStringList{QStringLiteral("Creating the dataset group, its schemas, datasets and event "
                                         "tracker"),
                          QStringLiteral("Adding the catalogue"),
                          QStringLiteral("Creating the metric attribution"),
                          QStringLiteral("Recording the first 3 days"),
                          QStringLiteral("Training the campaign"), QStringLiteral("Deploying the campaign"),
                          QStringLiteral("Recording the last 3 days of traffic from every source")}));
}

void TestSampleWorkspace::cancelledBuildLeavesNoFile()
{
    const QString path = m_dir.filePath(QStringLiteral("cancelled.db"));
    int calls = 0;
    try {
        SampleWorkspace::build(path, m_config, {6, 40, 1}, [&calls](const SampleProgress& progress) {
            ++calls;
            return progress.done < progress.total / 2;
        });
        QFAIL("not cancelled");
    } catch (const ServiceError& error) {
        QCOMPARE(error.message(), QStringLiteral("Cancelled; nothing was kept"));
    }
    QVERIFY(calls > 1);
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

QTEST_GUILESS_MAIN(TestSampleWorkspace)
#include "TestSampleWorkspace.moc"
