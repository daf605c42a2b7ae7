#include "Database.h"
#include "FaultRig.h"
#include "RecordingService.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace footfall;
using namespace footfall::test;

namespace {

QJsonObject putEventsInput(const QString& trackingId, const QString& eventId)
{
    return QJsonObject{{QStringLiteral("trackingId"), trackingId},
                       {QStringLiteral("sessionId"), QStringLiteral("console-session")},
                       {QStringLiteral("eventList"),
                        QJsonArray{QJsonObject{{QStringLiteral("eventId"), eventId},
                                               {QStringLiteral("eventType"), QStringLiteral("click")},
                                               {QStringLiteral("itemId"), eventId},
                                               {QStringLiteral("sentAt"), 1704164645}}}}};
}

ServiceConfig immediateConfig()
{
    ServiceConfig config;
    config.provisioningMs = 0;
    return config;
}

// PutEvents through a workspace of this process, as the console records them; the error's message
// when it was refused.
QString consolePut(Workspace& workspace, const QString& trackingId, const QString& eventId)
{
    return failureOf([&] {
        workspace.recording().putEvents(putEventsInput(trackingId, eventId),
                                        {QStringLiteral("console"), {}, {}, {}});
    });
}

bool exists(const QString& path)
{
    struct stat info
    {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0;
}

qint64 sizeOf(const QString& path)
{
    struct stat info
    {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? qint64(info.st_size) : -1;
}

QString missing(const QSet<QString>& acknowledged, const QSet<QString>& stored)
{
    QStringList lost;
    for (const QString& id : acknowledged) {
        if (!stored.contains(id))
            lost << id;
    }
    lost.sort();
    return QStringLiteral("%1 of %2 acknowledged events are missing: %3")
        .arg(lost.size())
        .arg(acknowledged.size())
        .arg(lost.mid(0, 10).join(QStringLiteral(", ")));
}

} // namespace

// Real processes and real faults against one database file. Each case says what happens to the
// file and asserts that every acknowledged event is still there and the file is sound.
class TestFaults : public QObject
{
    Q_OBJECT

private slots:
    void secondConnectionAndOtherProcessesKeepTheWal();
    void lockHeldPastTheWait();
    void fullDisk();
    void fileReplacedUnderneath();
    void walDeleted();
    void kill9DuringLoad();
    void kill9DuringImport();

private:
    void verifyAllStored(const QString& path, const QSet<QString>& acknowledged);

    QTemporaryDir m_dir;
};

void TestFaults::verifyAllStored(const QString& path, const QSet<QString>& acknowledged)
{
    bool ok = false;
    const QSet<QString> stored = FaultRig::storedEventIds(path, &ok);
    QVERIFY2(ok, "the events could not be read back");
    QVERIFY2(stored.contains(acknowledged), qPrintable(missing(acknowledged, stored)));
    QCOMPARE(FaultRig::integrity(path), QStringLiteral("ok"));
}

// The console holds the file open and opens it a second time (the local endpoint, a training
// worker); `footfall serve` and short command-line processes use the same file meanwhile. Opening
// the file again must not drop this process's locks, or the next process to close the file
// believes it is alone and deletes the WAL that the console still writes into.
void TestFaults::secondConnectionAndOtherProcessesKeepTheWal()
{
    const FaultRig rig(m_dir.filePath(QStringLiteral("shared.db")));
    const QString trackingId = rig.createShop();
    QVERIFY(!trackingId.isEmpty());

    const auto console = Workspace::open(rig.path(), immediateConfig());
    const auto second = Workspace::open(rig.path(), immediateConfig());
    // First the console's two connections and short command-line processes alone (a server would
    // hold a lock of its own that hides the console's lost one), then with `footfall serve` as well.
    QProcess server;
    QString endpoint;

    QSet<QString> acknowledged;
    for (int round = 0; round < 8; ++round) {
        if (round == 4) {
            endpoint = rig.startServer(server);
            QVERIFY(!endpoint.isEmpty());
        }
        const QString consoleId = QStringLiteral("console-%1").arg(round);
        QCOMPARE(consolePut(*console, trackingId, consoleId), QString());
        acknowledged.insert(consoleId);

        const QString secondId = QStringLiteral("second-%1").arg(round);
        QCOMPARE(consolePut(*second, trackingId, secondId), QString());
        acknowledged.insert(secondId);

        const QString cliId = QStringLiteral("cli-%1").arg(round);
        const ProcessResult put = rig.putEventByCli(trackingId, cliId);
        QVERIFY2(put.exitCode == 0, qPrintable(put.err));
        acknowledged.insert(cliId);
        QCOMPARE(rig.cli({QStringLiteral("personalize"), QStringLiteral("list-dataset-groups")}).exitCode, 0);

        if (!endpoint.isEmpty()) {
            const QString serveId = QStringLiteral("serve-%1").arg(round);
            QCOMPARE(FaultRig::postEvent(endpoint, trackingId, serveId), 200);
            acknowledged.insert(serveId);
        }

        QVERIFY2(exists(rig.path() + QStringLiteral("-wal")),
                 qPrintable(QStringLiteral("the WAL vanished in round %1 while the console had the file open")
                                .arg(round)));
        // Every process sees what every other acknowledged, while all of them are still open.
        bool ok = false;
        const QSet<QString> seen = FaultRig::storedEventIds(rig.path(), &ok);
        QVERIFY(ok);
        QVERIFY2(seen.contains(acknowledged), qPrintable(missing(acknowledged, seen)));
    }
    server.kill();
    server.waitForFinished();
    // The console's own view agrees with the others'.
    QSqlQuery count(console->database().connection());
    QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM interaction")) && count.next());
    QCOMPARE(count.value(0).toInt(), int(acknowledged.size()));
    QCOMPARE(console->database().fileLostMessage(), QString());
}

// Another program holds the write lock past the command line's and the console's wait (3 s) and the
// server's (1.5 s here): their PutEvents fail with a clear message (503 from the server, which the
// SDKs retry) and store nothing; once the lock is free, they go through.
void TestFaults::lockHeldPastTheWait()
{
    const FaultRig rig(m_dir.filePath(QStringLiteral("locked.db")));
    const QString trackingId = rig.createShop();
    QVERIFY(!trackingId.isEmpty());
    QSet<QString> acknowledged;
    QVERIFY(rig.putEventByCli(trackingId, QStringLiteral("before")).exitCode == 0);
    acknowledged.insert(QStringLiteral("before"));
    const auto console = Workspace::open(rig.path(), immediateConfig());
    QProcess server;
    QProcessEnvironment serverEnvironment = QProcessEnvironment::systemEnvironment();
    serverEnvironment.insert(QStringLiteral("FOOTFALL_LOCK_WAIT_MS"), QStringLiteral("1500"));
    const QString endpoint = rig.startServer(server, {}, serverEnvironment);
    QVERIFY(!endpoint.isEmpty());

    const QString marker = m_dir.filePath(QStringLiteral("lock-held"));
    QProcess holder;
    holder.start(QStringLiteral("sqlite3"), {rig.path()});
    QVERIFY(holder.waitForStarted());
    holder.write(QStringLiteral("BEGIN IMMEDIATE;\nINSERT INTO meta (key, value) VALUES ('held', '1');\n"
                                ".shell touch '%1'\n.shell sleep 8\nROLLBACK;\n")
                     .arg(marker)
                     .toUtf8());
    holder.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(marker), 10000);

    const ProcessResult refused = rig.putEventByCli(trackingId, QStringLiteral("during-cli"));
    QCOMPARE(refused.exitCode, 255);
    QVERIFY2(refused.err.contains(QStringLiteral("is locked by another program")), qPrintable(refused.err));
    const QString consoleRefusal = consolePut(*console, trackingId, QStringLiteral("during-console"));
    QVERIFY2(consoleRefusal.contains(QStringLiteral("locked")), qPrintable(consoleRefusal));
    QByteArray serverRefusal;
    QCOMPARE(FaultRig::postEvent(endpoint, trackingId, QStringLiteral("during-serve"), &serverRefusal), 503);
    QVERIFY2(serverRefusal.contains("ServiceUnavailableException"), serverRefusal.constData());
    QVERIFY(holder.waitForFinished(20000));

    QVERIFY(rig.putEventByCli(trackingId, QStringLiteral("after-cli")).exitCode == 0);
    acknowledged.insert(QStringLiteral("after-cli"));
    QCOMPARE(consolePut(*console, trackingId, QStringLiteral("after-console")), QString());
    acknowledged.insert(QStringLiteral("after-console"));
    QCOMPARE(FaultRig::postEvent(endpoint, trackingId, QStringLiteral("after-serve")), 200);
    acknowledged.insert(QStringLiteral("after-serve"));
    QCOMPARE(server.state(), QProcess::Running);
    server.kill();
    server.waitForFinished();
    verifyAllStored(rig.path(), acknowledged);
    bool ok = false;
    const QSet<QString> stored = FaultRig::storedEventIds(rig.path(), &ok);
    QVERIFY(!stored.contains(QStringLiteral("during-cli")));
    QVERIFY(!stored.contains(QStringLiteral("during-console")));
    QVERIFY(!stored.contains(QStringLiteral("during-serve")));
}

// The disk fills up under `footfall serve` (a small tmpfs, which needs root): requests that cannot
// be committed are refused with an error the SDKs retry, the server stays up, and everything it
// acknowledged is in the file.
void TestFaults::fullDisk()
{
    if (::geteuid() != 0)
        QSKIP("a full disk is made with a small tmpfs, which only root can mount");
    const QString mountPoint = m_dir.filePath(QStringLiteral("small-disk"));
    QVERIFY(QDir().mkpath(mountPoint));
    QProcess mount;
    mount.start(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                          QStringLiteral("size=4m"), QStringLiteral("tmpfs"), mountPoint});
    QVERIFY(mount.waitForFinished());
    if (mount.exitCode() != 0)
        QSKIP("this machine does not let root mount a tmpfs");
    const auto unmount = qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), {mountPoint}); });

    const FaultRig rig(mountPoint + QStringLiteral("/full.db"));
    const QString trackingId = rig.createShop();
    QVERIFY(!trackingId.isEmpty());
    QProcess server;
    const QString endpoint = rig.startServer(server);
    QVERIFY(!endpoint.isEmpty());

    QSet<QString> acknowledged;
    int refusedInARow = 0;
    QByteArray refusal;
    int refusalStatus = 0;
    for (int i = 0; i < 5000 && refusedInARow < 5; ++i) {
        const QString id = QStringLiteral("event-%1").arg(i);
        QByteArray body;
        const int status = FaultRig::postEvent(endpoint, trackingId, id, &body);
        if (status == 200) {
            acknowledged.insert(id);
            refusedInARow = 0;
        } else {
            QVERIFY2(status != 0, "the server stopped answering when the disk filled up");
            ++refusedInARow;
            refusal = body;
            refusalStatus = status;
        }
    }
    QCOMPARE(refusedInARow, 5);
    QVERIFY2(acknowledged.size() >= 20, "the disk filled up before the test began");
    QCOMPARE(refusalStatus, 503);
    QVERIFY2(refusal.contains("The disk holding the Footfall database is full"), refusal.constData());
    QVERIFY2(!refusal.contains("SQLITE") && !refusal.contains("sqlite") &&
                 !refusal.contains(mountPoint.toUtf8()),
             refusal.constData());
    QCOMPARE(server.state(), QProcess::Running);
    server.kill();
    server.waitForFinished();
    verifyAllStored(rig.path(), acknowledged);
}

// Someone moves another file over the database while `footfall serve` has it open. Nothing is
// acknowledged from then on (503); what was acknowledged before is in the file the server had
// open (kept here through a hard link), and the file moved in is left sound.
void TestFaults::fileReplacedUnderneath()
{
    const FaultRig rig(m_dir.filePath(QStringLiteral("replaced.db")));
    const QString trackingId = rig.createShop();
    QVERIFY(!trackingId.isEmpty());
    const FaultRig other(m_dir.filePath(QStringLiteral("other.db")));
    const QString otherTrackingId = other.createShop();
    QVERIFY(other.putEventByCli(otherTrackingId, QStringLiteral("other-1")).exitCode == 0);

    QProcess server;
    const QString endpoint = rig.startServer(server);
    QVERIFY(!endpoint.isEmpty());
    QSet<QString> acknowledged;
    for (int i = 0; i < 20; ++i) {
        const QString id = QStringLiteral("before-%1").arg(i);
        QCOMPARE(FaultRig::postEvent(endpoint, trackingId, id), 200);
        acknowledged.insert(id);
    }
    const QString original = m_dir.filePath(QStringLiteral("replaced-original.db"));
    QCOMPARE(::link(QFile::encodeName(rig.path()).constData(), QFile::encodeName(original).constData()), 0);
    QCOMPARE(::rename(QFile::encodeName(other.path()).constData(), QFile::encodeName(rig.path()).constData()),
             0);

    for (int i = 0; i < 10; ++i) {
        QByteArray body;
        const int status =
            FaultRig::postEvent(endpoint, trackingId, QStringLiteral("after-%1").arg(i), &body);
        QVERIFY2(status == 503, qPrintable(QStringLiteral("%1 %2").arg(status).arg(QString::fromUtf8(body))));
        QVERIFY2(body.contains("was replaced"), body.constData());
    }
    QCOMPARE(server.state(), QProcess::Running);
    server.kill();
    server.waitForFinished();

    verifyAllStored(original, acknowledged);
    bool ok = false;
    const QSet<QString> inOriginal = FaultRig::storedEventIds(original, &ok);
    for (int i = 0; i < 10; ++i) // refused with 503, so stored nowhere
        QVERIFY(!inOriginal.contains(QStringLiteral("after-%1").arg(i)));
    QCOMPARE(FaultRig::storedEventIds(rig.path(), &ok), QSet<QString>{QStringLiteral("other-1")});
    QVERIFY(ok);
    QCOMPARE(FaultRig::integrity(rig.path()), QStringLiteral("ok"));
}

// Someone deletes the -wal while `footfall serve` runs. The server notices before it acknowledges
// anything more, copies what it had committed into the database file, and refuses writes (503).
void TestFaults::walDeleted()
{
    const FaultRig rig(m_dir.filePath(QStringLiteral("wal-deleted.db")));
    const QString trackingId = rig.createShop();
    QVERIFY(!trackingId.isEmpty());
    QProcess server;
    const QString endpoint = rig.startServer(server);
    QVERIFY(!endpoint.isEmpty());
    QSet<QString> acknowledged;
    for (int i = 0; i < 20; ++i) {
        const QString id = QStringLiteral("before-%1").arg(i);
        QCOMPARE(FaultRig::postEvent(endpoint, trackingId, id), 200);
        acknowledged.insert(id);
    }
    QVERIFY(exists(rig.path() + QStringLiteral("-wal")));
    QCOMPARE(::unlink(QFile::encodeName(rig.path() + QStringLiteral("-wal")).constData()), 0);
    for (int i = 0; i < 5; ++i) {
        QByteArray body;
        const int status =
            FaultRig::postEvent(endpoint, trackingId, QStringLiteral("after-%1").arg(i), &body);
        QVERIFY2(status == 503, qPrintable(QStringLiteral("%1 %2").arg(status).arg(QString::fromUtf8(body))));
        QVERIFY2(body.contains("-wal"), body.constData());
    }
    QCOMPARE(server.state(), QProcess::Running);
    server.kill();
    server.waitForFinished();
    verifyAllStored(rig.path(), acknowledged);
}

// kill -9 of `footfall serve` with requests of three events each in flight: every request answered
// 200 is stored whole, and no request that was not answered is stored in part.
void TestFaults::kill9DuringLoad()
{
    const FaultRig rig(m_dir.filePath(QStringLiteral("kill9.db")));
    const QString trackingId = rig.createShop();
    QVERIFY(!trackingId.isEmpty());
    QProcess server;
    const QString endpoint = rig.startServer(server);
    QVERIFY(!endpoint.isEmpty());

    QNetworkAccessManager network;
    QSet<int> acknowledged;
    int sent = 0;
    int finished = 0;
    const auto sendNext = [&] {
        const int index = sent++;
        QNetworkRequest request(QUrl(endpoint + QStringLiteral("/events")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QJsonArray events;
        for (int part = 0; part < 3; ++part) {
            events.append(
                QJsonObject{{QStringLiteral("eventId"), QStringLiteral("r%1-%2").arg(index).arg(part)},
                            {QStringLiteral("eventType"), QStringLiteral("click")},
                            {QStringLiteral("itemId"), QStringLiteral("i%1").arg(part)},
                            {QStringLiteral("sentAt"), 1704164645 + index}});
        }
        const QJsonObject input{{QStringLiteral("trackingId"), trackingId},
                                {QStringLiteral("sessionId"), QStringLiteral("s%1").arg(index)},
                                {QStringLiteral("eventList"), events}};
        QNetworkReply* reply = network.post(request, QJsonDocument(input).toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, index] {
            ++finished;
            if (reply->error() == QNetworkReply::NoError &&
                reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                acknowledged.insert(index);
            reply->deleteLater();
        });
    };
    bool killed = false;
    QElapsedTimer clock;
    clock.start();
    while (!killed || finished < sent) {
        if (!killed) {
            while (sent - finished < 8)
                sendNext();
            if (acknowledged.size() >= 300 || clock.elapsed() > 20000) {
                server.kill();
                server.waitForFinished();
                killed = true;
            }
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QVERIFY2(clock.elapsed() < 90000, "the requests in flight did not finish");
    }
    QVERIFY2(acknowledged.size() >= 50, "too few requests were answered before the kill");

    bool ok = false;
    const QSet<QString> stored = FaultRig::storedEventIds(rig.path(), &ok);
    QVERIFY(ok);
    QCOMPARE(FaultRig::integrity(rig.path()), QStringLiteral("ok"));
    for (int index = 0; index < sent; ++index) {
        int parts = 0;
        for (int part = 0; part < 3; ++part)
            parts += stored.contains(QStringLiteral("r%1-%2").arg(index).arg(part)) ? 1 : 0;
        if (acknowledged.contains(index))
            QVERIFY2(
                parts == 3,
                qPrintable(
                    QStringLiteral("request %1 got a 200 but has %2 of 3 events").arg(index).arg(parts)));
        else
            QVERIFY2(
                parts == 0 || parts == 3,
                qPrintable(
                    QStringLiteral("request %1 is stored in part (%2 of 3 events)").arg(index).arg(parts)));
    }
}

// kill -9 of a bulk import in the middle of its transaction: none of its rows are stored, the
// events acknowledged before are, and the WAL the import left behind is given back as soon as the
// file is opened again (here by `footfall serve`, which keeps it open).
void TestFaults::kill9DuringImport()
{
    const FaultRig rig(m_dir.filePath(QStringLiteral("import-kill.db")));
    const QString trackingId = rig.createShop();
    QVERIFY(!trackingId.isEmpty());
    QSet<QString> acknowledged;
    for (int i = 0; i < 5; ++i) {
        const QString id = QStringLiteral("before-%1").arg(i);
        QVERIFY(rig.putEventByCli(trackingId, id).exitCode == 0);
        acknowledged.insert(id);
    }
    const QString csvPath = m_dir.filePath(QStringLiteral("big.csv"));
    {
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        QByteArray chunk = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n";
        for (int row = 0; row < 1500000; ++row) {
            chunk += "user-" + QByteArray::number(row % 5000) + ",item-" + QByteArray::number(row % 20000) +
                     "," + QByteArray::number(1700000000 + row) + ",click\n";
            if (chunk.size() > (1 << 20)) {
                csv.write(chunk);
                chunk.clear();
            }
        }
        csv.write(chunk);
    }

    QProcess import;
    import.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    import.start(QStringLiteral(FOOTFALL_BINARY),
                 {QStringLiteral("--db"), rig.path(), QStringLiteral("import"),
                  QStringLiteral("interactions"), QStringLiteral("--dataset-group-arn"),
                  QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/shop"),
                  QStringLiteral("--file"), csvPath});
    QVERIFY(import.waitForStarted());
    // Wait until the import has written a good part of its transaction into the WAL.
    const QString wal = rig.path() + QStringLiteral("-wal");
    QTRY_VERIFY_WITH_TIMEOUT(sizeOf(wal) > 2 * kWalSizeLimitBytes || import.state() != QProcess::Running,
                             120000);
    QCOMPARE(import.state(), QProcess::Running);
    const qint64 walAtKill = sizeOf(wal);
    import.kill();
    import.waitForFinished();
    qInfo("the killed import left a WAL of %lld bytes", walAtKill);

    QProcess server;
    const QString endpoint = rig.startServer(server);
    QVERIFY(!endpoint.isEmpty());
    QVERIFY2(sizeOf(wal) <= kWalSizeLimitBytes,
             qPrintable(QStringLiteral("the WAL is still %1 bytes with the file open").arg(sizeOf(wal))));
    QCOMPARE(FaultRig::postEvent(endpoint, trackingId, QStringLiteral("after")), 200);
    acknowledged.insert(QStringLiteral("after"));
    server.kill();
    server.waitForFinished();

    bool ok = false;
    const QSet<QString> stored = FaultRig::storedEventIds(rig.path(), &ok);
    QVERIFY(ok);
    QCOMPARE(stored, acknowledged); // not one row of the killed import
    QCOMPARE(FaultRig::integrity(rig.path()), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestFaults)
#include "TestFaults.moc"
