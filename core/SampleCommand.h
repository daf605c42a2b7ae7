#pragma once

#include <QStringList>
#include <QTextStream>

namespace footfall {

struct ServiceConfig;

// `footfall sample --output FILE [--days 14] [--users 300] [--seed N]`: writes a sample workspace.
namespace SampleCommand {
QString help();
int run(const ServiceConfig& config, const QStringList& arguments, QTextStream& out, QTextStream& err);
} // namespace SampleCommand

} // namespace footfall
