#include "OpenDatabaseRegistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <cstdio>
#include <cstring>
#include <memory>
#include <unistd.h>

using namespace footfall;

namespace {

// The other process of these tests: this same executable run with --hold <database>. It registers,
// says "registered", answers each "others" line on its standard input with the pids it sees, and
// leaves (unregistering) when its input closes.
int holdRegistration(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    const OpenDatabaseRegistry registry(QString::fromLocal8Bit(argv[2]));
    QTextStream out(stdout);
    out << (registry.isRegistered() ? "registered" : "not registered") << Qt::endl;
    QTextStream in(stdin);
    QString line;
    while (in.readLineInto(&line)) {
        QStringList pids;
        for (qint64 pid : registry.otherProcesses())
            pids << QString::number(pid);
        out << "others " << pids.join(QLatin1Char(' ')) << Qt::endl;
    }
    return 0;
}

} // namespace

// Two consoles on one database file: each hears of the other, whatever path it used, and a window
// that is gone, even without cleaning up, is not counted.
class TestOpenDatabaseRegistry : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void twoProcessesSeeEachOther();
    void anotherPathToTheSameFileMeetsTheSameRegistration();
    void anotherFileIsNotCounted();
    void missingFileRegistersNothing();
    void leavingUnregisters();
    void killedProcessIsIgnoredAndItsLockRemoved();
    void withoutXdgRuntimeDirTheTemporaryFolderServesQuietly();

private:
    // Starts a child holding a registration for `database`; null if it did not register.
    std::unique_ptr<QProcess> startHolder(const QString& database);
    static QString ask(QProcess& holder);

    QTemporaryDir m_runtime;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_database;
};

void TestOpenDatabaseRegistry::initTestCase()
{
    QVERIFY(m_runtime.isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
}

void TestOpenDatabaseRegistry::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = m_dir->filePath(QStringLiteral("shop.db"));
    QFile file(m_database); // a plain file: no SQLite is needed to register one
    QVERIFY(file.open(QIODevice::WriteOnly));
}

void TestOpenDatabaseRegistry::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<QProcess> TestOpenDatabaseRegistry::startHolder(const QString& database)
{
    auto holder = std::make_unique<QProcess>();
    holder->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    holder->start(QCoreApplication::applicationFilePath(), {QStringLiteral("--hold"), database});
    if (!holder->waitForStarted(30000))
        return nullptr;
    while (!holder->canReadLine()) {
        if (!holder->waitForReadyRead(30000))
            return nullptr;
    }
    if (holder->readLine().trimmed() != "registered")
        return nullptr;
    return holder;
}

QString TestOpenDatabaseRegistry::ask(QProcess& holder)
{
    holder.write("others\n");
    while (!holder.canReadLine()) {
        if (!holder.waitForReadyRead(30000))
            return QStringLiteral("no answer");
    }
    return QString::fromUtf8(holder.readLine().trimmed());
}

void TestOpenDatabaseRegistry::twoProcessesSeeEachOther()
{
    const std::unique_ptr<QProcess> holder = startHolder(m_database);
    QVERIFY(holder);
    QCOMPARE(ask(*holder), QStringLiteral("others"));
    const OpenDatabaseRegistry registry(m_database);
    QVERIFY(registry.isRegistered());
    QCOMPARE(registry.otherProcesses(), QList<qint64>{holder->processId()});
    QCOMPARE(ask(*holder), QStringLiteral("others %1").arg(QCoreApplication::applicationPid()));
    // The lock files are in the runtime folder, one per process; nothing was written beside the database.
    QVERIFY2(registry.folder().startsWith(m_runtime.path() + QStringLiteral("/footfall/open/")),
             qPrintable(registry.folder()));
    QCOMPARE(QDir(registry.folder()).entryList(QDir::Files).size(), 2);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList{QStringLiteral("shop.db")});
    holder->closeWriteChannel();
    QVERIFY(holder->waitForFinished(30000));
}

void TestOpenDatabaseRegistry::anotherPathToTheSameFileMeetsTheSameRegistration()
{
    const QString link = m_dir->filePath(QStringLiteral("link.db"));
    QVERIFY(QFile::link(m_database, link));
    const QString hardLink = m_dir->filePath(QStringLiteral("other-name.db"));
    QVERIFY(::link(QFile::encodeName(m_database).constData(), QFile::encodeName(hardLink).constData()) == 0);
    const std::unique_ptr<QProcess> holder = startHolder(link);
    QVERIFY(holder);
    for (const QString& path :
         QStringList{m_database, hardLink, m_dir->path() + QStringLiteral("/./shop.db")}) {
        const OpenDatabaseRegistry registry(path);
        QCOMPARE(registry.otherProcesses(), QList<qint64>{holder->processId()});
    }
    holder->closeWriteChannel();
    QVERIFY(holder->waitForFinished(30000));
}

void TestOpenDatabaseRegistry::anotherFileIsNotCounted()
{
    const QString other = m_dir->filePath(QStringLiteral("other.db"));
    QFile file(other);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const std::unique_ptr<QProcess> holder = startHolder(other);
    QVERIFY(holder);
    const OpenDatabaseRegistry registry(m_database);
    QVERIFY(registry.isRegistered());
    QCOMPARE(registry.otherProcesses(), QList<qint64>{});
    holder->closeWriteChannel();
    QVERIFY(holder->waitForFinished(30000));
}

void TestOpenDatabaseRegistry::missingFileRegistersNothing()
{
    const OpenDatabaseRegistry registry(m_dir->filePath(QStringLiteral("missing.db")));
    QVERIFY(!registry.isRegistered());
    QVERIFY(registry.folder().isEmpty());
    QCOMPARE(registry.otherProcesses(), QList<qint64>{});
}

void TestOpenDatabaseRegistry::leavingUnregisters()
{
    const OpenDatabaseRegistry registry(m_database);
    const std::unique_ptr<QProcess> holder = startHolder(m_database);
    QVERIFY(holder);
    QCOMPARE(registry.otherProcesses(), QList<qint64>{holder->processId()});
    holder->closeWriteChannel();
    QVERIFY(holder->waitForFinished(30000));
    QCOMPARE(holder->exitCode(), 0);
    QCOMPARE(QDir(registry.folder()).entryList(QDir::Files),
             QStringList{QString::number(QCoreApplication::applicationPid())});
    QCOMPARE(registry.otherProcesses(), QList<qint64>{});
}

void TestOpenDatabaseRegistry::killedProcessIsIgnoredAndItsLockRemoved()
{
    const OpenDatabaseRegistry registry(m_database);
    const std::unique_ptr<QProcess> holder = startHolder(m_database);
    QVERIFY(holder);
    const qint64 pid = holder->processId();
    QCOMPARE(registry.otherProcesses(), QList<qint64>{pid});
    holder->kill(); // SIGKILL: its lock file stays behind
    QVERIFY(holder->waitForFinished(30000));
    QVERIFY(QFile::exists(registry.folder() + QLatin1Char('/') + QString::number(pid)));
    QCOMPARE(registry.otherProcesses(), QList<qint64>{});
    QVERIFY(!QFile::exists(registry.folder() + QLatin1Char('/') + QString::number(pid)));
}

void TestOpenDatabaseRegistry::withoutXdgRuntimeDirTheTemporaryFolderServesQuietly()
{
    const QByteArray saved = qgetenv("XDG_RUNTIME_DIR");
    qunsetenv("XDG_RUNTIME_DIR");
    const auto restore = qScopeGuard([&] { qputenv("XDG_RUNTIME_DIR", saved); });
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    QVERIFY(OpenDatabaseRegistry::runtimeFolder().startsWith(QDir::tempPath() + QLatin1Char('/')));
    const std::unique_ptr<QProcess> holder = startHolder(m_database);
    QVERIFY(holder);
    const OpenDatabaseRegistry registry(m_database);
    QVERIFY(registry.isRegistered());
    QVERIFY(registry.folder().startsWith(OpenDatabaseRegistry::runtimeFolder()));
    QCOMPARE(registry.otherProcesses(), QList<qint64>{holder->processId()});
    // Only this user may look into the folders made in the shared temporary folder.
    const QFileInfo top(QFileInfo(OpenDatabaseRegistry::runtimeFolder()).path());
    QCOMPARE(top.fileName(), QStringLiteral("footfall-%1").arg(::getuid()));
    QCOMPARE(top.permissions() & (QFileDevice::ReadOther | QFileDevice::ExeOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());
    holder->closeWriteChannel();
    QVERIFY(holder->waitForFinished(30000));
}

int main(int argc, char* argv[])
{
    if (argc == 3 && std::strcmp(argv[1], "--hold") == 0)
        return holdRegistration(argc, argv);
    QCoreApplication application(argc, argv);
    TestOpenDatabaseRegistry test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestOpenDatabaseRegistry.moc"
