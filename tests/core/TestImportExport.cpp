#include "CsvReader.h"
#include "CsvWriter.h"
#include "DatabaseFiles.h"
#include "DatasetExporter.h"
#include "DatasetGroupService.h"
#include "DatasetImporter.h"
#include "DatasetService.h"
#include "InteractionQuery.h"
#include "MetadataRecordService.h"
#include "OutputFile.h"
#include "RequestLogService.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "TestWorkspace.h"
#include "Workspace.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

// What stat() says of a file: never opened, so SQLite's locks on it stay as they are.
struct FileState
{
    bool exists = false;
    mode_t type = 0;
    ino_t inode = 0;
    off_t size = 0;
    qint64 modifiedNs = 0;

    static FileState of(const QString& path)
    {
        struct stat status
        {};
        if (::stat(QFile::encodeName(path).constData(), &status) != 0)
            return {};
        return {true, mode_t(status.st_mode & S_IFMT), status.st_ino, status.st_size,
                qint64(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec};
    }
    bool operator==(const FileState& other) const
    {
        return exists == other.exists && type == other.type && inode == other.inode && size == other.size &&
               modifiedNs == other.modifiedNs;
    }
};

QString refusal(const QString& parameter, const QString& path)
{
    return QStringLiteral("Invalid value for parameter %1: %2").arg(parameter, DatabaseFiles::refusal(path));
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
    void csvWriterNeutralisesFormulas_data();
    void csvWriterNeutralisesFormulas();
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
    void exportKeepsFormulaTextAsItIs();
    void importItems();
    void outputRefusesDatabaseFiles_data();
    void outputRefusesDatabaseFiles();
    void importRefusesDatabaseFiles();
    void outputReplacesRegularFilesWhole();
    void outputWritesFifoAsStream();
    void outputWriteErrorsFail();
    void damagedPagesFailTheExport();

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

void TestImportExport::csvWriterNeutralisesFormulas_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QByteArray>("record");
    QTest::newRow("formula") << QStringLiteral("=1+2") << QStringLiteral("'=1+2")
                             << QByteArray("\"'=1+2\"\n");
    QTest::newRow("hyperlink") << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")
                               << QStringLiteral("'=HYPERLINK(\"http://x\",\"y\")")
                               << QByteArray("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n");
    QTest::newRow("plus") << QStringLiteral("+cmd") << QStringLiteral("'+cmd") << QByteArray("\"'+cmd\"\n");
    QTest::newRow("plus number") << QStringLiteral("+1") << QStringLiteral("'+1") << QByteArray("\"'+1\"\n");
    QTest::newRow("minus text") << QStringLiteral("-2+3") << QStringLiteral("'-2+3")
                                << QByteArray("\"'-2+3\"\n");
    QTest::newRow("minus alone") << QStringLiteral("-") << QStringLiteral("'-") << QByteArray("\"'-\"\n");
    QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)")
                        << QByteArray("\"'@SUM(A1)\"\n");
    QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1") << QByteArray("\"'\t=1\"\n");
    QTest::newRow("carriage return") << QStringLiteral("\r=1") << QStringLiteral("'\r=1")
                                     << QByteArray("\"'\r=1\"\n");
    QTest::newRow("negative integer") << QStringLiteral("-3") << QStringLiteral("-3") << QByteArray("-3\n");
    QTest::newRow("negative decimal")
        << QStringLiteral("-12.5") << QStringLiteral("-12.5") << QByteArray("-12.5\n");
    QTest::newRow("negative exponent")
        << QStringLiteral("-1.5e+20") << QStringLiteral("-1.5e+20") << QByteArray("-1.5e+20\n");
    QTest::newRow("negative fraction")
        << QStringLiteral("-.5") << QStringLiteral("-.5") << QByteArray("-.5\n");
    QTest::newRow("negative infinity")
        << QStringLiteral("-inf") << QStringLiteral("'-inf") << QByteArray("\"'-inf\"\n");
    QTest::newRow("number") << QStringLiteral("12.0") << QStringLiteral("12.0") << QByteArray("12.0\n");
    QTest::newRow("text") << QStringLiteral("email") << QStringLiteral("email") << QByteArray("email\n");
    QTest::newRow("inner equals") << QStringLiteral("a=b") << QStringLiteral("a=b") << QByteArray("a=b\n");
    QTest::newRow("leading space") << QStringLiteral(" =1") << QStringLiteral(" =1")
                                   << QByteArray("\" =1\"\n");
    QTest::newRow("empty") << QString() << QString() << QByteArray("\n");
}

void TestImportExport::csvWriterNeutralisesFormulas()
{
    QFETCH(QString, cell);
    QFETCH(QString, shown);
    QFETCH(QByteArray, record);
    QCOMPARE(CsvWriter::forSpreadsheet(cell), shown);
    QCOMPARE(CsvWriter::record({cell}, CsvWriter::Cells::ForSpreadsheets), record);
    // Files meant to be read back keep every cell as it is.
    QBuffer buffer;
    buffer.setData(CsvWriter::record({cell}));
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(buffer);
    QStringList fields;
    QVERIFY(reader.readRecord(fields));
    QCOMPARE(fields, QStringList{cell});
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
    QTest::newRow("ITEM_ID not UTF-8")
        << QByteArray("u1,i\xC3\x28,1704164645,click,,,,") << QStringLiteral("rejected")
        << QStringLiteral("column ITEM_ID: the text is not valid UTF-8");
    QTest::newRow("USER_ID encoded surrogate")
        << QByteArray("u\xED\xA0\x80,i1,1704164645,click,,,,") << QStringLiteral("rejected")
        << QStringLiteral("column USER_ID: the text is not valid UTF-8");
    QTest::newRow("EVENT_TYPE with NUL")
        << QByteArray("u1,i1,1704164645,cli\0ck,,,,", 27) << QStringLiteral("rejected")
        << QStringLiteral("column EVENT_TYPE: it has a NUL character (\\u0000) at character 4");
    QTest::newRow("UTF-8 text") << QByteArray("u1,i\xC3\xA9t\xC3\xA9,1704164645,click,,,,")
                                << QStringLiteral("accepted") << QString();
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

void TestImportExport::exportKeepsFormulaTextAsItIs()
{
    // The dataset export is a round trip to import, so it is not neutralised (reports are).
    const QByteArray content = kHeader +
                               "u1,i1,1704164645,click,,,,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n"
                               "u2,-i2,1704164646,click,-1.5,,,@source\n";
    QCOMPARE(import(content).accepted, 2);
    QByteArray exported;
    QBuffer buffer(&exported);
    buffer.open(QIODevice::WriteOnly);
    DatasetExporter(**m_workspace)
        .exportInteractions(QLatin1String(TestWorkspace::kGroupArn), buffer, ExportFormat::Csv);
    QCOMPARE(exported, content);
}

void TestImportExport::outputRefusesDatabaseFiles_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::newRow("database") << QString();
    QTest::newRow("wal") << QStringLiteral("-wal");
    QTest::newRow("shm") << QStringLiteral("-shm");
    QTest::newRow("journal") << QStringLiteral("-journal");
    QTest::newRow("link to the database") << QStringLiteral("@link");
    QTest::newRow("other spelling") << QStringLiteral("@dots");
}

void TestImportExport::outputRefusesDatabaseFiles()
{
    QFETCH(QString, suffix);
    const QString database = m_workspace->path();
    QCOMPARE(import(manyRows(3, 1704164645)).accepted, 3);
    QString path = database + suffix;
    if (suffix == QLatin1String("@link")) {
        path = m_workspace->dir() + QStringLiteral("/link.csv");
        QVERIFY(QFile::link(database, path));
    } else if (suffix == QLatin1String("@dots")) {
        path = m_workspace->dir() + QStringLiteral("/./../") + QFileInfo(m_workspace->dir()).fileName() +
               QStringLiteral("/test.db-wal");
    }
    const FileState before = FileState::of(database);
    const FileState walBefore = FileState::of(database + QStringLiteral("-wal"));
    const QStringList filesBefore =
        QDir(m_workspace->dir()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QVERIFY(before.exists && walBefore.exists);
    for (const QString& parameter : {QStringLiteral("output"), QStringLiteral("report")}) {
        OutputFile output(path, database, parameter);
        try {
            output.open();
            QFAIL("a database file was opened for writing");
        } catch (const ServiceError& error) {
            QCOMPARE(error.message(), refusal(parameter, path));
            QCOMPARE(error.parameter(), parameter);
            QCOMPARE(error.typeName(), QStringLiteral("InvalidInputException"));
        }
    }
    // The console names no parameter: its message is shown beside the file it asked for.
    try {
        OutputFile::checkAllowed(path, database, QString());
        QFAIL("refused nothing");
    } catch (const ServiceError& error) {
        QCOMPARE(error.message(), DatabaseFiles::refusal(path));
    }
    QVERIFY(FileState::of(database) == before);
    QVERIFY(FileState::of(database + QStringLiteral("-wal")) == walBefore);
    QCOMPARE(QDir(m_workspace->dir()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             filesBefore); // not even a temporary file beside it
    QCOMPARE(m_workspace->count("interaction"), 3);

    // A folder is no output either.
    try {
        OutputFile(m_workspace->dir(), database).open();
        QFAIL("a folder was opened for writing");
    } catch (const ServiceError& error) {
        QCOMPARE(error.message(),
                 QStringLiteral("Invalid value for parameter output: %1 is a folder; nothing was read or "
                                "written. Choose a file.")
                     .arg(m_workspace->dir()));
    }
}

void TestImportExport::importRefusesDatabaseFiles()
{
    const QString database = m_workspace->path();
    const FileState before = FileState::of(database);
    for (const QString& path :
         QStringList{database, database + QStringLiteral("-wal"), database + QStringLiteral("-shm")}) {
        try {
            DatasetImporter(**m_workspace).importFile(kInteractionsArn, path, ImportMode::Incremental);
            QFAIL("the database was read as a CSV file");
        } catch (const ServiceError& error) {
            QCOMPARE(error.message(), refusal(QStringLiteral("file"), path));
            QCOMPARE(error.parameter(), QStringLiteral("file"));
        }
    }
    QVERIFY(FileState::of(database) == before);
    QCOMPARE(m_workspace->count("interaction"), 0);
    // Each attempt is in the request log as rejected, as any file that cannot be imported.
    QCOMPARE(m_workspace->count("request_log"), 3);
}

void TestImportExport::outputReplacesRegularFilesWhole()
{
    const QString path = write("old\n", QStringLiteral("report.csv"));
    {
        OutputFile output(path, m_workspace->path());
        output.open().write("new, half written");
        output.cancel();
    }
    {
        OutputFile output(path, m_workspace->path());
        output.open().write("new, never committed");
    } // destroyed uncommitted, as when an export throws
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("old\n"));
    file.close();
    OutputFile output(path, m_workspace->path());
    output.open().write("new\n");
    output.commit();
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("new\n"));
    QCOMPARE(QDir(m_workspace->dir()).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral("report")),
             QStringList{QStringLiteral("report.csv")});
}

void TestImportExport::outputWritesFifoAsStream()
{
    const QString fifo = m_workspace->dir() + QStringLiteral("/stream");
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    // The reading end first, so that opening the writing end does not wait.
    const int reader = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reader >= 0);
    import(kHeader + "u1,i1,1704164645,click,,,,email\n");
    OutputFile output(fifo, m_workspace->path());
    DatasetExporter(**m_workspace)
        .exportInteractions(QLatin1String(TestWorkspace::kGroupArn), output.open(), ExportFormat::Csv);
    output.commit();
    QByteArray received(4096, '\0');
    const ssize_t got = ::read(reader, received.data(), size_t(received.size()));
    ::close(reader);
    QCOMPARE(received.left(int(got)), kHeader + "u1,i1,1704164645,click,,,,email\n");
    QCOMPARE(FileState::of(fifo).type, mode_t(S_IFIFO)); // still the FIFO, not a file renamed over it
}

void TestImportExport::outputWriteErrorsFail()
{
    if (FileState::of(QStringLiteral("/dev/full")).type != S_IFCHR ||
        FileState::of(QStringLiteral("/dev/null")).type != S_IFCHR)
        QSKIP("needs /dev/full and /dev/null");
    for (const int size : {10, 4 << 20}) {
        OutputFile output(QStringLiteral("/dev/full"), m_workspace->path());
        output.open().write(QByteArray(size, 'x'));
        try {
            output.commit();
            QFAIL("a write to /dev/full succeeded");
        } catch (const ServiceError& error) {
            QCOMPARE(error.message(), QStringLiteral("Cannot write /dev/full: No space left on device"));
            QCOMPARE(error.parameter(), QStringLiteral("output"));
        }
    }
    OutputFile output(QStringLiteral("/dev/null"), m_workspace->path());
    output.open().write(QByteArray(1 << 20, 'x'));
    output.commit();
    QCOMPARE(FileState::of(QStringLiteral("/dev/full")).type, mode_t(S_IFCHR));
    QCOMPARE(FileState::of(QStringLiteral("/dev/null")).type, mode_t(S_IFCHR));
}

void TestImportExport::damagedPagesFailTheExport()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.db"));
    ServiceConfig config;
    config.provisioningMs = 0;
    {
        const auto workspace = Workspace::open(path, config);
        const DatasetGroup group =
            workspace->datasetGroups().create({QStringLiteral("shop"), {}, {}, {}, {}});
        const DatasetSchema schema = workspace->schemas().create(QStringLiteral("shop-interactions"),
                                                                 TestWorkspace::interactionsSchema());
        workspace->datasets().create(
            {QStringLiteral("shop-interactions"), schema.arn, group.arn, QStringLiteral("Interactions"), {}});
        QCOMPARE(DatasetImporter(*workspace)
                     .importFile(kInteractionsArn,
                                 write(manyRows(12000, 1704164645), QStringLiteral("many.csv")),
                                 ImportMode::Incremental)
                     .accepted,
                 12000);
    }
    // Closed: no SQLite connection has the file open, so writing into it here is fair.
    qint64 pageSize = 0;
    QList<qint64> leaves;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("pages"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA page_size")) && query.next());
        pageSize = query.value(0).toLongLong();
        QVERIFY(query.exec(QStringLiteral("SELECT pageno FROM dbstat WHERE name = 'interaction' AND "
                                          "pagetype = 'leaf' ORDER BY path")));
        while (query.next())
            leaves << query.value(0).toLongLong();
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("pages"));
    QVERIFY2(leaves.size() >= 20, qPrintable(QString::number(leaves.size())));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        // Pages past the first 5000 rows the export reads at a time, but not at the start of the next
        // 5000: that read starts well and fails on its way.
        for (int i = int(leaves.size()) * 6 / 10; i < int(leaves.size()) * 7 / 10; ++i) {
            QVERIFY(file.seek((leaves.at(i) - 1) * pageSize));
            file.write(QByteArray(int(pageSize), char(0xA5)));
        }
    }
    // Past the open-time check (a big file skips it), as a large damaged file would be.
    DatabaseOptions options;
    options.integrityCheckMaxBytes = 0;
    const auto workspace = Workspace::open(path, config, options);
    QByteArray exported;
    QBuffer buffer(&exported);
    buffer.open(QIODevice::WriteOnly);
    try {
        DatasetExporter(*workspace)
            .exportInteractions(QLatin1String(TestWorkspace::kGroupArn), buffer, ExportFormat::Csv);
        QFAIL(qPrintable(
            QStringLiteral("the export ended as if complete after %1 lines").arg(exported.count('\n'))));
    } catch (const StorageError& error) {
        QVERIFY2(error.message().startsWith(QLatin1String("Reading the database failed: ")),
                 qPrintable(error.message()));
        QVERIFY2(error.message().contains(QLatin1String("malformed")), qPrintable(error.message()));
    }
    QCOMPARE(exported.count('\n'), 5001); // the header and the first 5000 rows, read before the damage
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
