#pragma once

#include <QString>

namespace footfall {

struct Interaction;

// The one rule that decides which source an event is attributed to, as Amazon Personalize does:
// its metricAttribution.eventAttributionSource when given; else, when its recommendationId is one
// Footfall issued, the ARN of the campaign or recommender that produced it; else
// SOURCE_NAME_UNDEFINED. The report, the events page and the exports all go through it.
namespace AttributionSource {

inline constexpr int kMaxSourcesPerDatasetGroup = 100;

QString undefinedLabel(); // SOURCE_NAME_UNDEFINED

// `producerArn` is what the recommendation registry knows of the event's recommendationId (empty
// when it has none or the ID is unknown). Returns the stored form: empty for SOURCE_NAME_UNDEFINED.
QString resolve(const Interaction& interaction, const QString& producerArn);

// The label people see and reports carry for a stored (resolved) source.
QString label(const QString& resolvedSource);

} // namespace AttributionSource

} // namespace footfall
