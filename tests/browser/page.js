// The web page of tst_browserclient: calls footfall serve with the AWS SDK for JavaScript v3, as a
// shop's page would, and writes what it saw into the page (#result, as JSON) and its title.
// Query parameters: endpoint, trackingId, campaignArn, and tag, which names the user, session and events.
import { PersonalizeEventsClient, PutEventsCommand } from "@aws-sdk/client-personalize-events";
import { GetRecommendationsCommand, PersonalizeRuntimeClient } from "@aws-sdk/client-personalize-runtime";

const parameters = new URLSearchParams(window.location.search);
const tag = parameters.get("tag");
const clientConfig = {
  region: "us-east-1",
  endpoint: parameters.get("endpoint"),
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  maxAttempts: 1, // a refused request is not worth retrying, and the test should not wait for it
};
const events = new PersonalizeEventsClient(clientConfig);
const runtime = new PersonalizeRuntimeClient(clientConfig);

function event(index) {
  return { eventId: `${tag}-event-${index}`, eventType: "click", itemId: "browser-item", sentAt: new Date() };
}

// What a call returned or threw, in a form the test can compare.
async function attempt(call) {
  try {
    const output = await call();
    return { ok: true, status: output.$metadata.httpStatusCode, requestId: output.$metadata.requestId ?? "", output };
  } catch (error) {
    return {
      ok: false,
      name: error.name,
      message: error.message,
      status: error.$metadata?.httpStatusCode ?? 0,
      requestId: error.$metadata?.requestId ?? "",
    };
  }
}

async function main() {
  const trackingId = parameters.get("trackingId");
  const result = {};
  result.putEvents = await attempt(() =>
    events.send(new PutEventsCommand({ trackingId, userId: `${tag}-user`, sessionId: `${tag}-session`, eventList: [event(1)] })),
  );
  result.elevenEvents = await attempt(() =>
    events.send(
      new PutEventsCommand({
        trackingId,
        sessionId: `${tag}-session`,
        eventList: Array.from({ length: 11 }, (_, index) => event(100 + index)),
      }),
    ),
  );
  result.recommendations = await attempt(() =>
    runtime.send(
      new GetRecommendationsCommand({ campaignArn: parameters.get("campaignArn"), userId: `${tag}-user`, numResults: 5 }),
    ),
  );
  document.getElementById("result").textContent = JSON.stringify(result);
  document.title = "done";
}

main()
  .catch((error) => {
    document.getElementById("result").textContent = JSON.stringify({ failed: String(error) });
    document.title = "failed";
  })
  .finally(() => fetch("done"));
