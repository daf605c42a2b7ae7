#pragma once

#include <QStringList>
#include <QTextStream>

namespace footfall {

struct ServiceConfig;

// `footfall [--db FILE] serve [--port 8751] [--listen 127.0.0.1] [--require-signature --access-key
// ID:SECRET] [--allow-unsigned] [--cors-origin ORIGIN]`: serves the local endpoint until the process is
// stopped. An address other than loopback needs --require-signature or --allow-unsigned. Needs a running
// QCoreApplication.
namespace ServeCommand {
int run(const QString& databasePath, const ServiceConfig& config, const QStringList& arguments,
        QTextStream& out, QTextStream& err);
QString help();
constexpr quint16 kDefaultPort = 8751;
} // namespace ServeCommand

} // namespace footfall
