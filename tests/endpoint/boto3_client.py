#!/usr/bin/python3
"""Drives a Footfall endpoint with Debian's boto3, as an application would, and prints one JSON
line per call: {"call": ..., "ok": true} or {"call": ..., "error": <code>, "message": ..., "class": ...}."""
import datetime
import json
import sys

import boto3
from botocore import UNSIGNED
from botocore.config import Config

endpoint, tracking_id, users_arn, items_arn = sys.argv[1:5]
unsigned = len(sys.argv) > 5 and sys.argv[5] == "unsigned"
config = Config(signature_version=UNSIGNED) if unsigned else None
events = boto3.client("personalize-events", endpoint_url=endpoint, region_name="us-east-1", config=config)
control = boto3.client("personalize", endpoint_url=endpoint, region_name="us-east-1", config=config)


def report(call, function):
    try:
        result = function()
        line = {"call": call, "ok": True}
        if isinstance(result, dict) and "eventTracker" in result:
            line["status"] = result["eventTracker"]["status"]
        if isinstance(result, dict) and "pagination" in result:
            line["pagination"] = result["pagination"]
        print(json.dumps(line))
    except events.exceptions.InvalidInputException as error:
        print(json.dumps({"call": call, "class": "InvalidInputException", "error": error.response["Error"]["Code"],
                          "message": error.response["Error"]["Message"]}))
    except events.exceptions.ResourceNotFoundException as error:
        print(json.dumps({"call": call, "class": "ResourceNotFoundException", "error": error.response["Error"]["Code"],
                          "message": error.response["Error"]["Message"]}))
    except Exception as error:  # noqa: BLE001 - report anything else as it is
        response = getattr(error, "response", {}).get("Error", {})
        print(json.dumps({"call": call, "class": type(error).__name__, "error": response.get("Code"),
                          "message": response.get("Message", str(error))}))


GROUP_ARN = "arn:aws:personalize:us-east-1:000000000000:dataset-group/shop"
report("create_metric_attribution", lambda: control.create_metric_attribution(
    name="boto-metrics", datasetGroupArn=GROUP_ARN,
    metrics=[{"eventType": "click", "metricName": "CLICKS", "expression": "SAMPLECOUNT()"}],
    metricsOutputConfig={"roleArn": "arn:aws:iam::000000000000:role/metrics"}))
report("create_metric_attribution_bad_expression", lambda: control.create_metric_attribution(
    name="boto-metrics-2", datasetGroupArn=GROUP_ARN,
    metrics=[{"eventType": "click", "metricName": "CLICKS", "expression": "COUNT(*)"}],
    metricsOutputConfig={"roleArn": "arn:aws:iam::000000000000:role/metrics"}))
report("list_metric_attribution_metrics", lambda: control.list_metric_attribution_metrics(
    metricAttributionArn="arn:aws:personalize:us-east-1:000000000000:metric-attribution/boto-metrics"))
report("put_events", lambda: events.put_events(
    trackingId=tracking_id, userId="boto-user", sessionId="boto-session",
    eventList=[{"eventId": "boto-e1", "eventType": "click", "itemId": "i1",
                "sentAt": datetime.datetime(2024, 1, 2, 3, 4, 5, 987654, tzinfo=datetime.timezone.utc),
                "eventValue": 2.0, "recommendationId": "RID-boto", "impression": ["i1", "i2"],
                "metricAttribution": {"eventAttributionSource": "email"},
                "properties": json.dumps({"itemId": "i1"})},
               {"eventType": "watch", "itemId": "i2", "sentAt": 1704164646}]))
report("put_events_unknown_tracker", lambda: events.put_events(
    trackingId="no-such-tracker", sessionId="s", eventList=[{"eventType": "click", "sentAt": 1704164645}]))
report("put_events_too_many", lambda: events.put_events(
    trackingId=tracking_id, sessionId="s", eventList=[{"eventType": "click", "sentAt": 1704164645 + i} for i in range(11)]))
report("put_users", lambda: events.put_users(
    datasetArn=users_arn, users=[{"userId": "boto-user", "properties": json.dumps({"age": 30})}]))
report("put_items", lambda: events.put_items(
    datasetArn=items_arn, items=[{"itemId": "i1", "properties": json.dumps({"price": 9.5})}]))


def paginate_datasets():
    """botocore's paginator over Footfall's pages: two of three datasets, then the rest from NextToken."""
    paginator = control.get_paginator("list_datasets")
    first = paginator.paginate(PaginationConfig={"PageSize": 1, "MaxItems": 2}).build_full_result()
    rest = paginator.paginate(PaginationConfig={"StartingToken": first["NextToken"]}).build_full_result()
    return {"pagination": {"first": [d["datasetType"] for d in first["datasets"]], "next": first["NextToken"],
                           "rest": [d["datasetType"] for d in rest["datasets"]], "restNext": rest.get("NextToken")}}


report("paginate_datasets", paginate_datasets)
report("list_datasets_bad_token", lambda: control.list_datasets(nextToken="abc"))
report("describe_event_tracker", lambda: control.describe_event_tracker(
    eventTrackerArn="arn:aws:personalize:us-east-1:000000000000:event-tracker/shop-tracker"))
