#pragma once

#include <QString>

QT_BEGIN_NAMESPACE
class QIODevice;
class QPainter;
QT_END_NAMESPACE

namespace footfall {

struct AttributionReport;

// An attribution report as a file one can keep: PNG or SVG (title block and the charts of every
// metric), or PDF (the same, then the totals and the full table, over as many pages as it needs).
// Draws offscreen, so the command line can write them without a window.
namespace ReportDocument {

// `format`: png, svg or pdf. Throws ServiceError when the device cannot take the file.
void write(const AttributionReport& report, const QString& format, QIODevice& output);

} // namespace ReportDocument

} // namespace footfall
