#include "AttributionReport.h"
#include "MetricAttributionService.h"
#include "PdfText.h"
#include "ReportDocument.h"
#include "ReportService.h"
#include "ReportTable.h"
#include "TestWorkspace.h"

#include <QApplication>
#include <QFile>
#include <QFontMetrics>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <numeric>

using namespace footfall;
using footfall::test::PdfText;
using footfall::test::TestWorkspace;

namespace {

const QString kGroupArn = QString::fromLatin1(TestWorkspace::kGroupArn);
const QString kCampaignArn =
    QStringLiteral("arn:aws:personalize:us-east-1:000000000000:campaign/sample-movies-campaign");
constexpr qint64 kHour = 1795899600; // 2026-11-28T21:00:00Z
constexpr int kWatchWindows = 120;   // one campaign-sourced WATCH_COUNT row per 15-minute window
// The report's page margins, in points (ReportDocument's A4 page).
constexpr double kMargin = 15.0;

QJsonObject makeEvent(const QString& type, double sentAt, const QString& item, const QString& source,
                      double value = 0.0)
{
    QJsonObject object{{QStringLiteral("eventType"), type},
                       {QStringLiteral("sentAt"), sentAt},
                       {QStringLiteral("itemId"), item},
                       {QStringLiteral("metricAttribution"),
                        QJsonObject{{QStringLiteral("eventAttributionSource"), source}}}};
    if (value != 0.0)
        object.insert(QStringLiteral("eventValue"), value);
    return object;
}

QJsonObject metric(const QString& type, const QString& name, const QString& expression)
{
    return {{QStringLiteral("eventType"), type},
            {QStringLiteral("metricName"), name},
            {QStringLiteral("expression"), expression}};
}

} // namespace

class TestReportDocument : public QObject
{
    Q_OBJECT

private slots:
    void wrapBreaksAtSeparators_data();
    void wrapBreaksAtSeparators();
    void wrapNeverLosesText_data();
    void wrapNeverLosesText();
    void columnsFitTheWidth_data();
    void columnsFitTheWidth();
    void pdfShowsWholeArnsExactValuesAndHeadersOnEveryPage();

private:
    // A shop whose metric attribution counts kWatchWindows campaign watches, a window each, and 30
    // purchases of 24.95 and 58 of 0.99 in one window: 805.92.
    AttributionReport campaignReport(TestWorkspace& workspace);
};

void TestReportDocument::wrapBreaksAtSeparators_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("lines"); // the first is the widest: the width it is wrapped to

    QTest::newRow("an ARN after its last ':' before the '/'")
        << kCampaignArn
        << QStringList{QStringLiteral("arn:aws:personalize:us-east-1:000000000000:campaign/"),
                       QStringLiteral("sample-movies-campaign")};
    QTest::newRow("an ARN after a ':'")
        << kCampaignArn
        << QStringList{QStringLiteral("arn:aws:personalize:us-east-1:000000000000:"),
                       QStringLiteral("campaign/sample-movies-campaign")};
    QTest::newRow("a name after a space, which is not drawn")
        << QStringLiteral("home carousel top picks")
        << QStringList{QStringLiteral("home carousel"), QStringLiteral("top picks")};
    QTest::newRow("no ':' or '/': after a '-'")
        << QStringLiteral("sample-movies-campaign")
        << QStringList{QStringLiteral("sample-movies-"), QStringLiteral("campaign")};
    QTest::newRow("no separator at all: between characters")
        << QStringLiteral("0123456789") << QStringList{QStringLiteral("01234"), QStringLiteral("56789")};
    QTest::newRow("what fits stays on one line") << kCampaignArn << QStringList{kCampaignArn};
}

void TestReportDocument::wrapBreaksAtSeparators()
{
    QFETCH(QString, text);
    QFETCH(QStringList, lines);
    const QFontMetrics metrics(QApplication::font());
    QCOMPARE(ReportTable::wrap(text, metrics, metrics.horizontalAdvance(lines.first())), lines);
}

void TestReportDocument::wrapNeverLosesText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("campaign ARN") << kCampaignArn;
    QTest::newRow("metric attribution ARN") << QStringLiteral(
        "arn:aws:personalize:us-east-1:000000000000:metric-attribution/sample-movies-metrics");
    QTest::newRow("long source without separators") << QString(120, QLatin1Char('w'));
    QTest::newRow("non-Latin source") << QStringLiteral("Empfehlungen-für-Sie/Startseite:überall");
    QTest::newRow("empty") << QString();
}

// At every width, each line fits (unless one character alone is wider), and the lines are the text.
void TestReportDocument::wrapNeverLosesText()
{
    QFETCH(QString, text);
    const QFontMetrics metrics(QApplication::font());
    for (int width = 1; width < metrics.horizontalAdvance(text) + 20; width += 7) {
        const QStringList lines = ReportTable::wrap(text, metrics, width);
        QVERIFY(!lines.isEmpty());
        for (const QString& line : lines)
            QVERIFY2(metrics.horizontalAdvance(line) <= width || line.size() == 1,
                     qPrintable(QStringLiteral("%1 at %2").arg(line).arg(width)));
        QCOMPARE(lines.join(QString()), text);
    }
}

void TestReportDocument::columnsFitTheWidth_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<bool>("everyColumnAtItsWidth");
    QTest::newRow("wide page: every column at its width, the rest shared") << 2000 << true;
    QTest::newRow("A4 page: the source column wraps") << 560 << false;
    QTest::newRow("narrow: every column gives up width") << 150 << false;
}

void TestReportDocument::columnsFitTheWidth()
{
    QFETCH(int, width);
    QFETCH(bool, everyColumnAtItsWidth);
    ReportTable table({{QStringLiteral("Metric"), Qt::AlignLeft, true},
                       {QStringLiteral("Window start (UTC)")},
                       {QStringLiteral("Source"), Qt::AlignLeft, true},
                       {QStringLiteral("Value"), Qt::AlignRight},
                       {QStringLiteral("Events"), Qt::AlignRight}});
    const QStringList row{QStringLiteral("PURCHASE_VALUE"), QStringLiteral("2026-11-28T21:00:00Z"),
                          kCampaignArn, QStringLiteral("805.92"), QStringLiteral("88")};
    table.addRow(row);
    const QFontMetrics metrics(QApplication::font());
    const QList<int> widths = table.columnWidths(metrics, metrics, width);
    QCOMPARE(widths.size(), 5);
    QCOMPARE(std::accumulate(widths.begin(), widths.end(), 0), width);
    const auto needs = [&](int column) {
        return metrics.horizontalAdvance(row.at(column)) + (column < 4 ? ReportTable::kGap : 0);
    };
    QCOMPARE(widths.at(2) >= needs(2), everyColumnAtItsWidth);
    if (width >= 400) {
        // The time and the numbers keep their width; only the columns that wrap give it up.
        for (const int fixed : {1, 3, 4})
            QVERIFY2(widths.at(fixed) >= needs(fixed), qPrintable(QString::number(fixed)));
    }
    for (const int column : {0, 1, 2, 3, 4})
        QVERIFY(widths.at(column) > 0);
}

AttributionReport TestReportDocument::campaignReport(TestWorkspace& workspace)
{
    workspace.createShop();
    workspace->metricAttributions().create(
        {QStringLiteral("shop-metrics"), kGroupArn,
         QJsonArray{
             metric(QStringLiteral("watch"), QStringLiteral("WATCH_COUNT"), QStringLiteral("SAMPLECOUNT()")),
             metric(QStringLiteral("purchase"), QStringLiteral("PURCHASE_VALUE"),
                    QStringLiteral("SUM(Interactions.EVENT_VALUE)"))},
         QJsonObject{{QStringLiteral("roleArn"), QStringLiteral("arn:aws:iam::000000000000:role/metrics")}}});
    QJsonArray batch;
    const auto flush = [&] {
        workspace.putEvents(batch);
        batch = {};
    };
    const auto add = [&](const QJsonObject& object) {
        batch.append(object);
        if (batch.size() == 10)
            flush();
    };
    for (int window = 0; window < kWatchWindows; ++window)
        add(makeEvent(QStringLiteral("watch"), double(kHour + window * 900 + 1), QStringLiteral("i1"),
                      kCampaignArn));
    for (int i = 0; i < 88; ++i)
        add(makeEvent(QStringLiteral("purchase"), double(kHour + 2 + i), QStringLiteral("i%1").arg(i),
                      kCampaignArn, i < 30 ? 24.95 : 0.99));
    flush();
    return workspace->reports().attribution({kGroupArn, {}, 0, 0, 900});
}

void TestReportDocument::pdfShowsWholeArnsExactValuesAndHeadersOnEveryPage()
{
    TestWorkspace workspace;
    const AttributionReport report = campaignReport(workspace);
    QCOMPARE(report.rows.size(), kWatchWindows + 1);
    const QString path = workspace.dir() + QStringLiteral("/report.pdf");
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        ReportDocument::write(report, QStringLiteral("pdf"), file);
    }
    if (const QByteArray folder = qgetenv("FOOTFALL_SCREENSHOT_DIR"); !folder.isEmpty()) {
        QProcess::execute(QStringLiteral("pdftoppm"),
                          {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"), path,
                           QString::fromLocal8Bit(folder) + QStringLiteral("/report-pdf")});
    }

    const QStringList pages = PdfText::pages(path);
    QVERIFY2(pages.size() >= 3, qPrintable(QString::number(pages.size())));
    const QString all = pages.join(QLatin1Char('\f'));
    // The tables (below the charts, whose axes are ReportCharts' own) elide nothing.
    const QString tables = all.mid(all.indexOf(QStringLiteral("Totals by source")));
    QVERIFY(tables.size() < all.size());
    QVERIFY(!tables.contains(QChar(0x2026)));
    QVERIFY(!tables.contains(QStringLiteral("...")));

    // Every campaign ARN in the tables is whole, however it wrapped: the totals (two metrics) and
    // every row.
    int arns = 0;
    for (const QString& page : pages) {
        for (const QString& cell : PdfText::wrappedCells(page, QStringLiteral("arn:aws:personalize:"))) {
            if (!cell.contains(QStringLiteral(":campaign")))
                continue; // the title block's ARNs of the group and the attribution
            QCOMPARE(cell, kCampaignArn);
            ++arns;
        }
    }
    QCOMPARE(arns, 2 + kWatchWindows + 1);

    // The table of every window runs over several pages, each beginning with its header.
    static const QRegularExpression header(
        QStringLiteral(R"(^\s*Metric\s+Window start \(UTC\)\s+Source\s+Value\s+Events\s*$)"),
        QRegularExpression::MultilineOption);
    const qsizetype first = pages.indexOf(QRegularExpression(QStringLiteral("(?s).*Every window.*")));
    QVERIFY(first >= 0);
    QVERIFY2(pages.size() - first >= 3, qPrintable(QString::number(pages.size() - first)));
    for (qsizetype page = first; page < pages.size(); ++page) {
        QVERIFY2(header.match(pages.at(page)).hasMatch(), qPrintable(QString::number(page + 1)));
        if (page > first)
            QVERIFY2(pages.at(page).trimmed().startsWith(QStringLiteral("Metric")),
                     qPrintable(QString::number(page + 1)));
    }
    // Every row once, with its value as it was added up: 30 × 24.95 + 58 × 0.99, in its total and
    // in its one window; no value with a summation's noise.
    static const QRegularExpression metricRow(QStringLiteral(R"(^(WATCH_COUNT|PURCHASE_VALUE)\s.*$)"),
                                              QRegularExpression::MultilineOption);
    QStringList rows;
    for (const QString& page : pages) {
        for (const QRegularExpressionMatch& match : metricRow.globalMatch(page))
            rows << match.captured(0);
    }
    QCOMPARE(rows.size(), report.totals.size() + report.rows.size());
    QCOMPARE(rows.filter(QRegularExpression(QStringLiteral(R"(^PURCHASE_VALUE\s.*\s805\.92\s+88$)"))).size(),
             2);
    QCOMPARE(rows.filter(QRegularExpression(QStringLiteral(R"(\d\.\d*(0000|9999))"))), QStringList());

    // Nothing is drawn past the page's margins.
    const QList<PdfText::Word> words = PdfText::words(path);
    QVERIFY(words.size() > 500);
    for (const PdfText::Word& word : words) {
        QVERIFY2(word.box.left() >= kMargin - 0.5 &&
                     word.box.right() <= word.pageSize.width() - kMargin + 0.5,
                 qPrintable(QStringLiteral("%1 on page %2 at %3..%4")
                                .arg(word.text)
                                .arg(word.page)
                                .arg(word.box.left())
                                .arg(word.box.right())));
    }
}

QTEST_MAIN(TestReportDocument)
#include "TestReportDocument.moc"
