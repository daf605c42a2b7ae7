#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace footfall::test {

// Starts `<footfall> --db <databasePath> serve --port 0 <extraArguments>` in `environment`, with
// FOOTFALL_PROVISIONING_MS=0, and returns the loopback URL its banner names; empty when it did
// not start listening within 20 s.
QString startServe(QProcess& server, const QString& footfall, const QString& databasePath,
                   const QStringList& extraArguments = {},
                   QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());

} // namespace footfall::test
