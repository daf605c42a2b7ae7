#include "TrackerSnippets.h"

namespace footfall::TrackerSnippets {

QString boto3(const QString& trackingId, const QString& endpointUrl)
{
    const QString endpoint =
        endpointUrl.isEmpty() ? QString() : QStringLiteral(", endpoint_url='%1'").arg(endpointUrl);
    return QStringLiteral("import time\n"
                          "import boto3\n\n"
                          "personalize_events = boto3.client('personalize-events'%1)\n\n"
                          "personalize_events.put_events(\n"
                          "    trackingId='%2',\n"
                          "    userId='USER_ID',\n"
                          "    sessionId='SESSION_ID',\n"
                          "    eventList=[{\n"
                          "        'eventType': 'click',\n"
                          "        'sentAt': int(time.time()),\n"
                          "        'itemId': 'ITEM_ID',\n"
                          "    }]\n"
                          ")\n")
        .arg(endpoint, trackingId);
}

QString awsCli(const QString& trackingId, const QString& endpointUrl)
{
    const QString endpoint =
        endpointUrl.isEmpty() ? QString() : QStringLiteral(" \\\n    --endpoint-url %1").arg(endpointUrl);
    return QStringLiteral("aws personalize-events put-events%1 \\\n"
                          "    --tracking-id %2 \\\n"
                          "    --user-id USER_ID \\\n"
                          "    --session-id SESSION_ID \\\n"
                          "    --event-list '[{\"eventType\": \"click\", \"sentAt\": '\"$(date +%s)\"', "
                          "\"itemId\": \"ITEM_ID\"}]'\n")
        .arg(endpoint, trackingId);
}

QString java(const QString& trackingId, const QString& endpointUrl)
{
    const QString endpoint =
        endpointUrl.isEmpty()
            ? QString()
            : QStringLiteral("        .endpointOverride(URI.create(\"%1\"))\n").arg(endpointUrl);
    return QStringLiteral(
               "import java.net.URI;\n"
               "import java.time.Instant;\n"
               "import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;\n"
               "import software.amazon.awssdk.services.personalizeevents.model.Event;\n"
               "import software.amazon.awssdk.services.personalizeevents.model.PutEventsRequest;\n\n"
               "PersonalizeEventsClient client = PersonalizeEventsClient.builder()\n"
               "%1"
               "        .build();\n\n"
               "Event event = Event.builder()\n"
               "        .eventType(\"click\")\n"
               "        .sentAt(Instant.now())\n"
               "        .itemId(\"ITEM_ID\")\n"
               "        .build();\n\n"
               "client.putEvents(PutEventsRequest.builder()\n"
               "        .trackingId(\"%2\")\n"
               "        .userId(\"USER_ID\")\n"
               "        .sessionId(\"SESSION_ID\")\n"
               "        .eventList(event)\n"
               "        .build());\n")
        .arg(endpoint, trackingId);
}

} // namespace footfall::TrackerSnippets
