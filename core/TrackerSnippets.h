#pragma once

#include <QString>

namespace footfall {

// Ready-to-paste PutEvents code for one tracking ID: boto3, the AWS CLI and the Java SDK v2.
// With an endpoint URL the snippets talk to Footfall's local endpoint instead of AWS.
namespace TrackerSnippets {
QString boto3(const QString& trackingId, const QString& endpointUrl = {});
QString awsCli(const QString& trackingId, const QString& endpointUrl = {});
QString java(const QString& trackingId, const QString& endpointUrl = {});
} // namespace TrackerSnippets

} // namespace footfall
