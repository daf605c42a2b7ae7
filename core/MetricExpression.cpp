#include "MetricExpression.h"

#include <QRegularExpression>

namespace footfall {

std::optional<MetricExpression> MetricExpression::parse(const QString& text, QString* error)
{
    static const QRegularExpression sampleCount(QStringLiteral("^\\s*SAMPLECOUNT\\s*\\(\\s*\\)\\s*$"),
                                                QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression sum(
        QStringLiteral(
            "^\\s*SUM\\s*\\(\\s*(Interactions|Items)\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    MetricExpression expression;
    if (sampleCount.match(text).hasMatch())
        return expression;
    const QRegularExpressionMatch match = sum.match(text);
    if (match.hasMatch()) {
        expression.function = Function::Sum;
        expression.dataset = match.captured(1).compare(QLatin1String("Items"), Qt::CaseInsensitive) == 0
                                 ? DatasetType::Items
                                 : DatasetType::Interactions;
        expression.column = match.captured(2);
        return expression;
    }
    if (error) {
        *error = QStringLiteral("\"%1\" is not a metric expression; use SAMPLECOUNT(), "
                                "SUM(Interactions.<numeric column>) or SUM(Items.<numeric column>)")
                     .arg(text);
    }
    return std::nullopt;
}

QString MetricExpression::mathFunction() const
{
    return function == Function::SampleCount ? QStringLiteral("samplecount") : QStringLiteral("sum");
}

QString MetricExpression::toString() const
{
    if (function == Function::SampleCount)
        return QStringLiteral("SAMPLECOUNT()");
    return QStringLiteral("SUM(%1.%2)").arg(DatasetTypes::name(dataset), column);
}

} // namespace footfall
