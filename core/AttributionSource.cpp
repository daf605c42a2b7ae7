#include "AttributionSource.h"

#include "Interaction.h"

namespace footfall::AttributionSource {

QString undefinedLabel()
{
    return QStringLiteral("SOURCE_NAME_UNDEFINED");
}

QString resolve(const Interaction& interaction, const QString& producerArn)
{
    if (!interaction.attributionSource.isEmpty())
        return interaction.attributionSource;
    if (!interaction.recommendationId.isEmpty())
        return producerArn;
    return {};
}

QString label(const QString& resolvedSource)
{
    return resolvedSource.isEmpty() ? undefinedLabel() : resolvedSource;
}

} // namespace footfall::AttributionSource
