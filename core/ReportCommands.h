#pragma once

#include "ApiOperation.h"

#include <QIODevice>
#include <QJsonObject>

#include <functional>

namespace footfall {

struct AttributionReport;
class Workspace;

// `footfall report attribution | rebuild | event-metrics`: reports written to files, headless.
// CSV and JSON come from core; PNG, SVG and PDF need the charts of the ui layer, which hands in a
// renderer (the command line then refuses those formats without one).
class ReportCommands
{
public:
    // Draws `report` as `format` (png, svg or pdf) into `output`; throws ServiceError on failure.
    using ChartRenderer =
        std::function<void(const AttributionReport& report, const QString& format, QIODevice& output)>;

    static const QList<ApiOperation>& operations();
    static QJsonObject run(Workspace& workspace, const ApiOperation& operation, const QJsonObject& input,
                           const ChartRenderer& renderer);

    // Epoch seconds or ISO 8601 (UTC unless it names an offset); throws ServiceError naming `parameter`.
    static qint64 parseTime(const QString& text, const QString& parameter);
};

} // namespace footfall
