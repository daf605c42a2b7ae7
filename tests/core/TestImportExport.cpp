#include "CsvReader.h"
#include "CsvWriter.h"
#include "DatasetExporter.h"
#include "DatasetGroupService.h"
#include "DatasetImporter.h"
#include "DatasetService.h"
#include "InteractionQuery.h"
#include "MetadataRecordService.h"
#include "RequestLogService.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "TestWorkspace.h"

#include <QBuffer>
#include <QFile>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace footfall;
using footfall::test::TestWorkspace;

namespace {

const QString kInteractionsArn =
    QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset/shop/INTERACTIONS");
const QByteArray kHeader = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION,RECOMMENDATION_ID,"
                           "EVENT_ATTRIBUTION_SOURCE\n";

QList<QStringList> records(std::initializer_list<std::initializer_list<const char*>> rows)
{
    QList<QStringList> result;
    for (const auto& row : rows) {
        QStringList fields;
        for (const char* field : row)
            fields << QString::fromUtf8(field);
        result << fields;
    }
    return result;
}

// The interaction table's indexes as SQLite stores them: name and CREATE statement.
QStringList interactionIndexes(Workspace& workspace)
{
    QSqlQuery query(workspace.database().connection());
    query.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                              "tbl_name = 'interaction' ORDER BY name"));
    QStringList indexes;
    while (query.next())
        indexes << query.value(0).toString() + QLatin1Char(' ') + query.value(1).toString();
    return indexes;
}

bool hasIndex(Workspace& workspace, const char* name)
{
    QSqlQuery query(workspace.database().connection());
    query.exec(
        QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = '%1'").arg(QLatin1String(name)));
    return query.next() && query.value(0).toInt() == 1;
}

QString integrityCheck(Workspace& workspace)
{
    QSqlQuery query(workspace.database().connection());
    query.exec(QStringLiteral("PRAGMA integrity_check"));
    return query.next() ? query.value(0).toString() : QString();
}

QByteArray manyRows(int count, qint64 firstTimestamp)
{
    QByteArray content = kHeader;
    for (int i = 0; i < count; ++i)
        content += "u" + QByteArray::number(i % 50) + ",i" + QByteArray::number(i % 70) + ',' +
                   QByteArray::number(firstTimestamp + i) + ",click,,,,\n";
    return content;
}

} // namespace

class TestImportExport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void csvRecords_data();
    void csvRecords();
    void csvWriterQuotesOnlyWhenNeeded();
    void rowResults_data();
    void rowResults();
    void headerProblems_data();
    void headerProblems();
    void acceptsAnyColumnOrderAndSaysSo();
    void fullReplacesEarlierBulkRows();
    void cancelLeavesDatasetUnchanged();
    void bulkImportRebuildsIndexes();
    void cancelledBulkImportKeepsIndexes();
    void smallImportKeepsIndexes();
    void exportRoundTrip();
    void exportJson();
    void importItems();

private:
    QString write(const QByteArray& content, const QString& name = QStringLiteral("data.csv"));
    ImportReport import(const QByteArray& content, ImportMode mode = ImportMode::Incremental);

    std::unique_ptr<TestWorkspace> m_workspace;
};

void TestImportExport::init()
{
    m_workspace = std::make_unique<TestWorkspace>();
    m_workspace->createShop();
}

void TestImportExport::cleanup()
{
    m_workspace.reset();
}

QString TestImportExport::write(const QByteArray& content, const QString& name)
{
    const QString path = m_workspace->dir() + QLatin1Char('/') + name;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write the test file");
    file.write(content);
    return path;
}

ImportReport TestImportExport::import(const QByteArray& content, ImportMode mode)
{
    return DatasetImporter(**m_workspace).importFile(kInteractionsArn, write(content), mode);
}

void TestImportExport::csvRecords_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QStringList>>("expected");
    QTest::newRow("plain") << QByteArray("a,b\n1,2\n") << records({{"a", "b"}, {"1", "2"}});
    QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << records({{"a", "b"}, {"1", "2"}});
    QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << records({{"a", "b"}, {"1", "2"}});
    QTest::newRow("quoted comma") << QByteArray("\"a,b\",c\n") << records({{"a,b", "c"}});
    QTest::newRow("doubled quote") << QByteArray("\"say \"\"hi\"\"\",x\n") << records({{"say \"hi\"", "x"}});
    QTest::newRow("newline inside quotes")
        << QByteArray("\"two\nlines\",x\ny,z\n") << records({{"two\nlines", "x"}, {"y", "z"}});
    QTest::newRow("empty fields") << QByteArray(",,\n") << records({{"", "", ""}});
    QTest::newRow("byte-order mark") << QByteArray("\xEF\xBB\xBF"
                                                   "a,b\n")
                                     << records({{"a", "b"}});
    QTest::newRow("UTF-8") << QByteArray("caf\xC3\xA9,\xE2\x82\xAC\n")
                           << records({{"caf\xC3\xA9", "\xE2\x82\xAC"}});
}

void TestImportExport::csvRecords()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QStringList>, expected);
    QBuffer buffer(&input);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(buffer);
    QList<QStringList> records;
    QStringList record;
    while (reader.readRecord(record))
        records << record;
    QCOMPARE(records, expected);
}

void TestImportExport::csvWriterQuotesOnlyWhenNeeded()
{
    QCOMPARE(CsvWriter::record({QStringLiteral("a"), QStringLiteral("b c")}), QByteArray("a,b c\n"));
    QCOMPARE(CsvWriter::record({QStringLiteral("a,b"), QStringLiteral("say \"hi\""), QStringLiteral(" pad")}),
             QByteArray("\"a,b\",\"say \"\"hi\"\"\",\" pad\"\n"));
}

void TestImportExport::rowResults_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("reason");
    QTest::newRow("valid") << QByteArray("u1,i1,1704164645,click,1.5,i1|i2,RID-1,email")
                           << QStringLiteral("accepted") << QString();
    QTest::newRow("empty USER_ID")
        << QByteArray(",i1,1704164645,click,,,,") << QStringLiteral("rejected")
        << QStringLiteral("Invalid length for parameter USER_ID, value: 0, valid min length: 1");
    QTest::newRow("ITEM_ID 257")
        << QByteArray("u1,") + QByteArray(257, 'i') + QByteArray(",1704164645,click,,,,")
        << QStringLiteral("rejected")
        << QStringLiteral("Invalid length for parameter ITEM_ID, value: 257, valid max length: 256");
    QTest::newRow("fractional TIMESTAMP")
        << QByteArray("u1,i1,1704164645.5,click,,,,") << QStringLiteral("rejected")
        << QStringLiteral("column TIMESTAMP: \"1704164645.5\" is not a long (epoch seconds)");
    QTest::newRow("EVENT_VALUE word")
        << QByteArray("u1,i1,1704164645,click,much,,,") << QStringLiteral("rejected")
        << QStringLiteral("column EVENT_VALUE: \"much\" is not a float");
    QTest::newRow("IMPRESSION 1001 chars")
        << QByteArray("u1,i1,1704164645,click,,") + QByteArray(1001, 'x') + QByteArray(",,")
        << QStringLiteral("rejected")
        << QStringLiteral("Invalid length for parameter IMPRESSION, value: 1001, valid max length: 1000");
    QTest::newRow("RECOMMENDATION_ID 41")
        << QByteArray("u1,i1,1704164645,click,,,") + QByteArray(41, 'r') + QByteArray(",")
        << QStringLiteral("rejected")
        << QStringLiteral("Invalid length for parameter RECOMMENDATION_ID, value: 41, valid max length: 40");
    QTest::newRow("blank source")
        << QByteArray("u1,i1,1704164645,click,,,,\"  \"") << QStringLiteral("rejected")
        << QStringLiteral("Invalid value for parameter EVENT_ATTRIBUTION_SOURCE, value: \"  \", valid "
                          "pattern: ^[\\x20-\\x7E]*[\\x21-\\x7E]+[\\x20-\\x7E]*$ (printable ASCII "
                          "with at least one non-space character)");
    QTest::newRow("too few fields") << QByteArray("u1,i1,1704164645") << QStringLiteral("rejected")
                                    << QStringLiteral("the row has 3 fields but the header has 8");
    QTest::newRow("unclosed quote") << QByteArray("u1,i1,1704164645,\"click,,,,")
                                    << QStringLiteral("rejected")
                                    << QStringLiteral("a quoted field is not closed");
}

void TestImportExport::rowResults()
{
    QFETCH(QByteArray, row);
    QFETCH(QString, status);
    QFETCH(QString, reason);
    const ImportReport report = import(kHeader + row + '\n');
    QCOMPARE(report.rows, 1);
    QCOMPARE(report.accepted, status == QLatin1String("accepted") ? 1 : 0);
    QCOMPARE(m_workspace->count("interaction"), status == QLatin1String("accepted") ? 1 : 0);
    if (status != QLatin1String("accepted")) {
        QCOMPARE(report.problems.size(), 1);
        QCOMPARE(report.problems.first().line, 2);
        QCOMPARE(report.problems.first().status, status);
        QCOMPARE(report.problems.first().reason, reason);
    }
}

void TestImportExport::headerProblems_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty file") << QByteArray()
                                << QStringLiteral(
                                       "The file is empty: it needs a header row of schema columns");
    QTest::newRow("unknown column")
        << QByteArray("USER_ID,ITEM_ID,TIMESTAMP,COLOUR\n")
        << QStringLiteral("Column \"COLOUR\" of the header is not in the Interactions schema "
                          "(USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE, EVENT_VALUE, IMPRESSION, "
                          "RECOMMENDATION_ID, EVENT_ATTRIBUTION_SOURCE)");
    QTest::newRow("missing TIMESTAMP")
        << QByteArray("USER_ID,ITEM_ID\n")
        << QStringLiteral("The header has no TIMESTAMP column; the Interactions schema requires it");
    QTest::newRow("twice") << QByteArray("USER_ID,ITEM_ID,TIMESTAMP,ITEM_ID\n")
                           << QStringLiteral("Column ITEM_ID appears twice in the header");
}

void TestImportExport::headerProblems()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    try {
        import(content);
        QFAIL("imported");
    } catch (const ServiceError& error) {
        QCOMPARE(error.message(), message);
    }
    QCOMPARE(m_workspace->count("interaction"), 0);
    const RequestLogEntry logged = (*m_workspace)->requestLog().list({}, 1).first();
    QCOMPARE(logged.channel, QStringLiteral("import"));
    QCOMPARE(logged.outcome, QStringLiteral("rejected"));
    QCOMPARE(logged.errorMessage, message);
}

void TestImportExport::acceptsAnyColumnOrderAndSaysSo()
{
    const ImportReport report = import("TIMESTAMP,ITEM_ID,USER_ID\n1704164645,i1,u1\n");
    QCOMPARE(report.accepted, 1);
    QCOMPARE(report.notes.size(), 1);
    QVERIFY(report.notes.first().startsWith(
        QStringLiteral("The columns are not in schema order (USER_ID, ITEM_ID, TIMESTAMP)")));
    const Interaction stored = (*m_workspace)->interactions().newest(1, {}, 1).first().interaction;
    QCOMPARE(stored.userId, QStringLiteral("u1"));
    QCOMPARE(stored.sentAtMs, 1704164645000);
}

void TestImportExport::fullReplacesEarlierBulkRows()
{
    import(kHeader + "u1,i1,1704164645,click,,,,\nu1,i2,1704164646,click,,,,\n");
    QCOMPARE(m_workspace->count("interaction"), 2);
    const ImportReport report = import(kHeader + "u9,i9,1704164700,buy,,,,\n", ImportMode::Full);
    QCOMPARE(report.replaced, 2);
    QCOMPARE(m_workspace->count("interaction"), 1);
    const ImportReport incremental = import(kHeader + "u8,i8,1704164800,buy,,,,\n");
    QCOMPARE(incremental.replaced, 0);
    QCOMPARE(m_workspace->count("interaction"), 2);
}

void TestImportExport::cancelLeavesDatasetUnchanged()
{
    import(kHeader + "u0,i0,1704164000,click,,,,\n");
    QByteArray content = kHeader;
    for (int i = 0; i < 5000; ++i)
        content +=
            QStringLiteral("u%1,i%2,%3,click,,,,\n").arg(i % 50).arg(i % 70).arg(1704165000 + i).toUtf8();
    int calls = 0;
    const ImportReport report = DatasetImporter(**m_workspace)
                                    .importFile(kInteractionsArn, write(content), ImportMode::Full,
                                                [&calls](qint64, qint64) { return ++calls < 2; });
    QVERIFY(report.cancelled);
    QCOMPARE(m_workspace->count("interaction"), 1); // the FULL delete was rolled back too
    const RequestLogEntry logged = (*m_workspace)->requestLog().list({}, 1).first();
    QCOMPARE(logged.outcome, QStringLiteral("rejected"));
    QVERIFY(logged.errorMessage.startsWith(QStringLiteral("Cancelled after")));
}

void TestImportExport::bulkImportRebuildsIndexes()
{
    // A threshold of 100 rows: the importer decides after 10 rows, and this file brings 3,000.
    m_workspace = std::make_unique<TestWorkspace>(0, 100);
    m_workspace->createShop();
    m_workspace->putEvents({QJsonObject{{QStringLiteral("eventType"), QStringLiteral("click")},
                                        {QStringLiteral("sentAt"), 1704160000},
                                        {QStringLiteral("itemId"), QStringLiteral("i9")}}},
                           QStringLiteral("u9"));
    const QStringList indexesBefore = interactionIndexes(**m_workspace);
    QVERIFY(indexesBefore.size() >= 6);

    QByteArray content = manyRows(2997, 1704165000);
    content += "u1,i1,1704165001,click,,,,\n"; // the second row again: a duplicate
    content += "u9,i9,1704160000,click,,,,\n"; // the event recorded through PutEvents: a duplicate
    content += "u2,i2,not-a-time,click,,,,\n"; // rejected
    bool droppedDuringImport = false;
    const ImportReport report =
        DatasetImporter(**m_workspace)
            .importFile(kInteractionsArn, write(content), ImportMode::Incremental, [&](qint64, qint64) {
                droppedDuringImport |= !hasIndex(**m_workspace, "interaction_user");
                return true;
            });
    QVERIFY(droppedDuringImport);
    QCOMPARE(report.rows, 3000);
    QCOMPARE(report.accepted, 2997);
    QCOMPARE(report.duplicates, 2);
    QCOMPARE(report.rejected, 1);
    QCOMPARE(report.problems.at(0).line, 2999);
    QCOMPARE(report.problems.at(1).line, 3000);
    QCOMPARE(report.problems.at(1).status, QStringLiteral("duplicate"));
    QCOMPARE(report.problems.at(2).line, 3001);

    // The same indexes, built again, and they answer queries.
    QCOMPARE(interactionIndexes(**m_workspace), indexesBefore);
    QCOMPARE(integrityCheck(**m_workspace), QStringLiteral("ok"));
    QCOMPARE(m_workspace->count("interaction"), 2998);
    InteractionFilter byUser;
    byUser.userId = QStringLiteral("u7");
    QCOMPARE((*m_workspace)
                 ->interactions()
                 .newest((*m_workspace)->datasetGroups().require(QLatin1String(TestWorkspace::kGroupArn)).id,
                         byUser, 1000)
                 .size(),
             60);
}

void TestImportExport::cancelledBulkImportKeepsIndexes()
{
    m_workspace = std::make_unique<TestWorkspace>(0, 100);
    m_workspace->createShop();
    import(kHeader + "u0,i0,1704164000,click,,,,\n");
    const QStringList indexesBefore = interactionIndexes(**m_workspace);
    bool droppedDuringImport = false;
    int calls = 0;
    const ImportReport report = DatasetImporter(**m_workspace)
                                    .importFile(kInteractionsArn, write(manyRows(5000, 1704165000)),
                                                ImportMode::Full, [&](qint64, qint64) {
                                                    droppedDuringImport |=
                                                        !hasIndex(**m_workspace, "interaction_item");
                                                    return ++calls < 2;
                                                });
    QVERIFY(droppedDuringImport);
    QVERIFY(report.cancelled);
    QCOMPARE(interactionIndexes(**m_workspace), indexesBefore);
    QCOMPARE(m_workspace->count("interaction"), 1);
    QCOMPARE(integrityCheck(**m_workspace), QStringLiteral("ok"));
}

void TestImportExport::smallImportKeepsIndexes()
{
    // The default threshold (100,000 rows): a 3,000-row file grows the indexes row by row.
    bool keptDuringImport = false;
    const ImportReport report = DatasetImporter(**m_workspace)
                                    .importFile(kInteractionsArn, write(manyRows(3000, 1704165000)),
                                                ImportMode::Incremental, [&](qint64, qint64) {
                                                    keptDuringImport =
                                                        hasIndex(**m_workspace, "interaction_user");
                                                    return true;
                                                });
    QVERIFY(keptDuringImport);
    QCOMPARE(report.accepted, 3000);
}

void TestImportExport::exportRoundTrip()
{
    const QByteArray content = kHeader + "u1,i1,1704164645,click,1.5,i1|i2,RID-1,email\n"
                                         "\"u,2\",\"i\"\"2\",1704164646,buy,,,,\n"
                                         "u3,i3,1704164647,watch,2,,,home page\n";
    import(content);
    QByteArray exported;
    QBuffer buffer(&exported);
    buffer.open(QIODevice::WriteOnly);
    QCOMPARE(DatasetExporter(**m_workspace)
                 .exportInteractions(QLatin1String(TestWorkspace::kGroupArn), buffer, ExportFormat::Csv),
             3);
    QCOMPARE(exported, content);

    // Importing the export into an empty dataset gives the same rows again.
    TestWorkspace other;
    other.createShop();
    const ImportReport report = DatasetImporter(*other).importFile(
        kInteractionsArn, write(exported, QStringLiteral("again.csv")), ImportMode::Incremental);
    QCOMPARE(report.accepted, 3);
    QByteArray second;
    QBuffer secondBuffer(&second);
    secondBuffer.open(QIODevice::WriteOnly);
    DatasetExporter(*other).exportInteractions(QLatin1String(TestWorkspace::kGroupArn), secondBuffer,
                                               ExportFormat::Csv);
    QCOMPARE(second, content);
}

void TestImportExport::exportJson()
{
    import(kHeader + "u1,i1,1704164645,click,1.5,,,\n");
    QByteArray exported;
    QBuffer buffer(&exported);
    buffer.open(QIODevice::WriteOnly);
    DatasetExporter(**m_workspace)
        .exportInteractions(QLatin1String(TestWorkspace::kGroupArn), buffer, ExportFormat::Json);
    QCOMPARE(exported,
             QByteArray(
                 "[\n  {\"EVENT_ATTRIBUTION_SOURCE\":null,\"EVENT_TYPE\":\"click\",\"EVENT_VALUE\":1.5,"
                 "\"IMPRESSION\":null,\"ITEM_ID\":\"i1\",\"RECOMMENDATION_ID\":null,\"TIMESTAMP\":1704164645,"
                 "\"USER_ID\":\"u1\"}\n]\n"));
}

void TestImportExport::importItems()
{
    Workspace& workspace = **m_workspace;
    const QString schema = workspace.schemas()
                               .create(QStringLiteral("items"),
                                       QStringLiteral(R"({"type":"record","name":"Items","fields":[)"
                                                      R"({"name":"ITEM_ID","type":"string"},)"
                                                      R"({"name":"PRICE","type":"float"},)"
                                                      R"({"name":"IN_STOCK","type":["null","boolean"]}]})"))
                               .arn;
    const Dataset items = workspace.datasets().create({QStringLiteral("shop-items"),
                                                       schema,
                                                       QLatin1String(TestWorkspace::kGroupArn),
                                                       QStringLiteral("Items"),
                                                       {}});
    const ImportReport report = DatasetImporter(workspace).importFile(
        items.arn, write("ITEM_ID,PRICE,IN_STOCK\ni1,9.99,true\ni2,cheap,false\ni3,1,\n"),
        ImportMode::Incremental);
    QCOMPARE(report.accepted, 2);
    QCOMPARE(report.rejected, 1);
    QCOMPARE(report.problems.first().reason, QStringLiteral("column PRICE: \"cheap\" is not a valid float"));
    const auto first = workspace.metadataRecords().findItem(items.id, QStringLiteral("i1"));
    QCOMPARE(first->properties.value(QStringLiteral("PRICE")).toDouble(), 9.99);
    QCOMPARE(first->properties.value(QStringLiteral("IN_STOCK")).toBool(), true);
    QVERIFY(workspace.metadataRecords()
                .findItem(items.id, QStringLiteral("i3"))
                ->properties.value(QStringLiteral("IN_STOCK"))
                .isNull());
}

QTEST_GUILESS_MAIN(TestImportExport)
#include "TestImportExport.moc"
