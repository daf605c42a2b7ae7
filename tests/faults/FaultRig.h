#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QString>
#include <QStringList>

namespace footfall::test {

// What a real `footfall` process printed and how it ended.
struct ProcessResult
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const;
};

// Drives real Footfall processes (the command line and `footfall serve`) against one database
// file, and reads the file afterwards only through SQLite, as the fault tests need.
class FaultRig
{
public:
    explicit FaultRig(QString databasePath);
    Q_DISABLE_COPY_MOVE(FaultRig)

    QString path() const { return m_path; }

    ProcessResult cli(const QStringList& arguments) const;
    // A dataset group "shop" with an Interactions dataset and a tracker, made with the command line;
    // returns the tracking ID.
    QString createShop() const;
    // PutEvents of one event with the event ID `eventId`, through the command line.
    ProcessResult putEventByCli(const QString& trackingId, const QString& eventId) const;

    // Starts `footfall serve --port 0` and returns its URL ("" when it did not start).
    QString
    startServer(QProcess& server, const QStringList& extraArguments = {},
                const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) const;
    // POSTs a PutEvents of one event with the event ID `eventId` and returns the HTTP status (0 when
    // no answer came), and the body in `body` when given.
    static int postEvent(const QString& endpoint, const QString& trackingId, const QString& eventId,
                         QByteArray* body = nullptr);
    static QByteArray putEventsBody(const QString& trackingId, const QString& eventId);

    // The event IDs stored in the file, read through a fresh SQLite connection; empty with `ok`
    // false when it cannot be read.
    static QSet<QString> storedEventIds(const QString& path, bool* ok);
    // PRAGMA integrity_check's first line.
    static QString integrity(const QString& path);

private:
    QString m_path;
};

} // namespace footfall::test
