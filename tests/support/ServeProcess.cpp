#include "ServeProcess.h"

#include <QRegularExpression>
#include <QTest>

namespace footfall::test {

QString startServe(QProcess& server, const QString& footfall, const QString& databasePath,
                   const QStringList& extraArguments, QProcessEnvironment environment)
{
    environment.insert(QStringLiteral("FOOTFALL_PROVISIONING_MS"), QStringLiteral("0"));
    server.setProcessEnvironment(environment);
    server.start(footfall, QStringList{QStringLiteral("--db"), databasePath, QStringLiteral("serve"),
                                       QStringLiteral("--port"), QStringLiteral("0")} +
                               extraArguments);
    if (!server.waitForStarted())
        return {};
    static const QRegularExpression address(QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+)"));
    QString banner;
    const bool listening = QTest::qWaitFor(
        [&] {
            banner += QString::fromUtf8(server.readAllStandardOutput());
            return address.match(banner).hasMatch();
        },
        20000);
    return listening ? address.match(banner).captured(1) : QString();
}

} // namespace footfall::test
