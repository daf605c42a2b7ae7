#!/usr/bin/python3
"""Signs one CreateDatasetGroup call with Debian's boto3 as if this machine's clock were off by
SKEW_SECONDS, then lists the dataset groups with the true time, and prints one JSON line for each:
{"call": ..., "ok": true} or {"call": ..., "status": <HTTP status>, "error": <code>, "message": ...},
both with the "amzDate" it was signed with, and {"call": "list_dataset_groups", "names": [...]}.

usage: boto3_skewed.py ENDPOINT SKEW_SECONDS NAME"""
import datetime
import json
import sys
import types

import boto3
import botocore.auth
from botocore.config import Config

endpoint, skew_seconds, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
skew = datetime.timedelta(seconds=skew_seconds)


class SkewedDatetime(datetime.datetime):
    """datetime as botocore.auth sees it: utcnow() off by `skew`, everything else as it is."""

    @classmethod
    def utcnow(cls):
        return datetime.datetime.utcnow() + skew

    @classmethod
    def now(cls, tz=None):
        return datetime.datetime.now(tz) + skew


# Only the signers' view of the clock moves, not the process's: botocore's own SigV4 signer and,
# where awscrt is installed (Debian's is), the CRT signer botocore then uses instead.
skewed_module = types.SimpleNamespace(**{**vars(datetime), "datetime": SkewedDatetime})
botocore.auth.datetime = skewed_module
if botocore.auth.HAS_CRT:
    import botocore.crt.auth
    botocore.crt.auth.datetime = skewed_module

control = boto3.client("personalize", endpoint_url=endpoint, region_name="us-east-1",
                       config=Config(retries={"total_max_attempts": 1}))
sent = {}


def remember_date(request, **kwargs):
    date = request.headers.get("X-Amz-Date")
    sent["amzDate"] = date.decode() if isinstance(date, bytes) else date


control.meta.events.register("before-send", remember_date)
try:
    control.create_dataset_group(name=name)
    print(json.dumps({"call": "create_dataset_group", "ok": True, **sent}))
except Exception as error:  # noqa: BLE001 - report anything as it is
    response = getattr(error, "response", {})
    print(json.dumps({"call": "create_dataset_group",
                      "status": response.get("ResponseMetadata", {}).get("HTTPStatusCode"),
                      "error": response.get("Error", {}).get("Code"),
                      "message": response.get("Error", {}).get("Message", str(error)), **sent}))

skew = datetime.timedelta(0)
groups = control.list_dataset_groups()["datasetGroups"]
print(json.dumps({"call": "list_dataset_groups", "names": sorted(group["name"] for group in groups)}))
