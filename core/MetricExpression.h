#pragma once

#include "DatasetType.h"

#include <QString>

#include <optional>

namespace footfall {

class AvroSchema;

// A metric's expression: SAMPLECOUNT() counts the matching events; SUM(Interactions.COLUMN) adds a
// numeric column of each event, SUM(Items.COLUMN) the same column of the event's item.
struct MetricExpression
{
    enum class Function
    {
        SampleCount,
        Sum
    };
    Function function = Function::SampleCount;
    DatasetType dataset = DatasetType::Interactions; // for SUM
    QString column;                                  // for SUM

    // Parses the text; nullopt with `error` set when it is neither form.
    static std::optional<MetricExpression> parse(const QString& text, QString* error);
    // "samplecount" or "sum", as the S3 CSV's MATH_FUNCTION column writes it.
    QString mathFunction() const;
    QString toString() const;
    bool isItemsSum() const { return function == Function::Sum && dataset == DatasetType::Items; }
};

} // namespace footfall
