#!/usr/bin/env python3
"""Load benchmark of `footfall serve` with wrk (issue 15's benchmarks).

Starts `footfall serve` on fresh databases and drives it with wrk (Debian's `wrk`, Lua scripts in
tests/bench/wrk/), then prints a markdown report on stdout, ready for docs/benchmarks.md:

1. PutEvents of 1 and 10 events a request at 4, 16 and 64 keep-alive connections (wrk -t 2), each
   for --duration seconds on a fresh database and server: requests/s, events/s, p50, p99, errors
   (every reply that is not 200, and wrk's socket errors and timeouts).
2. The same-run baseline: the same request bytes through core in-process (bench_endpoint's
   BM_LoadRequestsThroughCore and ...ThroughRouter), and HTTP / core.
3. Training under load: a database of --interactions interactions (a CSV imported with
   `footfall import`), a User-Personalization solution, a campaign on a first version; then, while a
   further CreateSolutionVersion trains in the same server, wrk PutEvents and, during another
   training, wrk GetRecommendations, beside the same loads with no training.
4. Memory: the server's VmRSS each second over --memory-duration seconds of PutEvents load.

Every run of a `serve` gets the extra arguments given with --serve-arg; if `footfall serve --help`
lists --synchronous, the PutEvents matrix is measured once per value (--synchronous chooses them).

Only Python's standard library is used. Progress goes to stderr, the report to stdout.
"""

import argparse
import datetime
import json
import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parents[2]
WRK_SCRIPTS = Path(__file__).resolve().parent / "wrk"
ARN_PREFIX = "arn:aws:personalize:us-east-1:000000000000"
GROUP_ARN = ARN_PREFIX + ":dataset-group/shop"
USER_PERSONALIZATION = "arn:aws:personalize:::recipe/aws-user-personalization"
LISTENING = re.compile(r"listening on (http://127\.0\.0\.1:\d+)")
RESULT = re.compile(r"^FOOTFALL_RESULT (.*)$", re.M)


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Failure(Exception):
    pass


class Bench:
    def __init__(self, options):
        self.options = options
        self.footfall = str(Path(options.build) / "app" / "footfall")
        self.bench_endpoint = Path(options.build) / "tests" / "bench" / "bench_endpoint"
        self.work = Path(options.work_dir)
        self.environment = dict(os.environ, FOOTFALL_PROVISIONING_MS="0")
        self.runs = 0
        self.errors = 0

    # --- the command line -------------------------------------------------------------------

    def cli(self, database, *arguments):
        command = [self.footfall, "--db", str(database), *arguments]
        done = subprocess.run(command, env=self.environment, capture_output=True, text=True)
        if done.returncode != 0:
            raise Failure(f"{shlex.join(command)} exited {done.returncode}: {done.stderr.strip()}")
        return json.loads(done.stdout) if done.stdout.strip().startswith("{") else done.stdout

    def create_shop(self, database):
        """The dataset group "shop", its Interactions dataset and a tracker; returns the tracking ID."""
        self.cli(database, "personalize", "create-dataset-group", "--name", "shop")
        self.cli(database, "personalize", "create-schema", "--name", "shop-interactions", "--schema",
                 "file://" + str(SOURCE_DIR / "resources" / "schemas" / "interactions-events.json"))
        self.cli(database, "personalize", "create-dataset", "--name", "shop-interactions", "--dataset-type",
                 "Interactions", "--schema-arn", ARN_PREFIX + ":schema/shop-interactions",
                 "--dataset-group-arn", GROUP_ARN)
        tracker = self.cli(database, "personalize", "create-event-tracker", "--name", "shop-tracker",
                           "--dataset-group-arn", GROUP_ARN)
        return tracker["trackingId"]

    # --- the server -------------------------------------------------------------------------

    def serve(self, database, extra_arguments):
        return Server(self, database, extra_arguments)

    # --- wrk --------------------------------------------------------------------------------

    def wrk(self, url, script, connections, seconds, arguments, label):
        self.runs += 1
        output_path = self.work / f"wrk-{self.runs:02d}-{label}.txt"
        command = ["wrk", "-t", str(min(self.options.threads, connections)), "-c", str(connections),
                   "-d", f"{seconds}s", "--latency", "--timeout", f"{self.options.timeout}s",
                   "-s", str(WRK_SCRIPTS / script), url, "--", *[str(a) for a in arguments]]
        environment = dict(os.environ, FOOTFALL_WRK_CONNECTIONS=str(connections))
        done = subprocess.run(command, capture_output=True, text=True, env=environment)
        output_path.write_text(shlex.join(command) + "\n\n" + done.stdout + done.stderr)
        match = RESULT.search(done.stdout)
        if done.returncode != 0 or not match:
            raise Failure(f"wrk failed (exit {done.returncode}), see {output_path}: {done.stderr.strip()}")
        fields = dict(re.findall(r"(\w+)=(\S*)", match.group(1).split(" first_non200=")[0]))
        first = match.group(1).split(" first_non200=", 1)[1] if " first_non200=" in match.group(1) else ""
        result = {
            "requests": int(fields["requests"]),
            "seconds": float(fields["seconds"]),
            "p50_ms": float(fields["p50_us"]) / 1000,
            "p99_ms": float(fields["p99_us"]) / 1000,
            "raw_p50_ms": float(fields["raw_p50_us"]) / 1000,
            "raw_p99_ms": float(fields["raw_p99_us"]) / 1000,
            "max_ms": float(fields["max_us"]) / 1000,
            "non200": int(fields["non200"]),
            "socket_errors": int(fields["socket_errors"]),
            "timeouts": int(fields["timeouts"]),
            "first_non200": first.strip(),
        }
        result["rps"] = result["requests"] / result["seconds"] if result["seconds"] > 0 else 0
        result["errors"] = result["non200"] + result["socket_errors"]
        self.errors += result["errors"]
        if result["errors"]:
            log(f"  {result['errors']} errors ({result['non200']} not 200, {result['socket_errors']} socket, "
                f"of which {result['timeouts']} timeouts); first: {result['first_non200']}")
        return result

    def put_events(self, url, tracking_id, events, connections, seconds, label):
        # Each run on a database gets its own sentAt range (wrk threads take 27.7 hours of
        # milliseconds each, see put_events.lua), all in the past.
        base = int(time.time()) - 200 * 86400 + self.runs * 4 * 86400
        return self.wrk(url, "put_events.lua", connections, seconds, [tracking_id, events, base], label)

    # --- the control plane over HTTP --------------------------------------------------------

    @staticmethod
    def control(url, operation, payload):
        request = urllib.request.Request(
            url + "/", data=json.dumps(payload).encode(), method="POST",
            headers={"X-Amz-Target": "AmazonPersonalize." + operation,
                     "Content-Type": "application/x-amz-json-1.1"})
        try:
            with urllib.request.urlopen(request, timeout=120) as reply:
                return json.loads(reply.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise Failure(f"{operation}: HTTP {error.code}: {error.read().decode(errors='replace')}") from None

    def version_status(self, url, arn):
        version = self.control(url, "DescribeSolutionVersion", {"solutionVersionArn": arn})["solutionVersion"]
        return version["status"], version

    def wait_version(self, url, arn, until, limit_seconds=1800):
        deadline = time.monotonic() + limit_seconds
        while True:
            status, version = self.version_status(url, arn)
            if status in until:
                return status, version
            if status == "CREATE FAILED":
                raise Failure(f"{arn} failed: {version.get('failureReason')}")
            if time.monotonic() > deadline:
                raise Failure(f"{arn} still {status} after {limit_seconds} s")
            time.sleep(0.1)


class Server:
    """`footfall serve --port 0` on a database; the URL is read from the line it prints."""

    def __init__(self, bench, database, extra_arguments):
        self.bench = bench
        bench.runs += 1
        self.log_path = bench.work / f"serve-{bench.runs:02d}.log"
        self.log_file = open(self.log_path, "w")
        command = [bench.footfall, "--db", str(database), "serve", "--port", "0", *extra_arguments]
        self.log_file.write(shlex.join(command) + "\n")
        self.log_file.flush()
        self.process = subprocess.Popen(command, env=bench.environment, stdout=subprocess.PIPE,
                                        stderr=self.log_file, text=True)
        self.pid = self.process.pid
        self.url = None
        deadline = time.monotonic() + 30
        banner = ""
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            banner += line
            match = LISTENING.search(banner)
            if match:
                self.url = match.group(1)
                break
        if not self.url:
            self.stop()
            said = self.log_path.read_text().strip().splitlines()[-3:]
            raise Failure(f"serve did not print its URL: {banner!r}; its stderr ends: {' / '.join(said)}")
        # Keep draining its output so that a full pipe never blocks it.
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.process.stdout:
            self.log_file.write(line)

    def rss_kib(self):
        try:
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.stop()


def serve_help(footfall):
    done = subprocess.run([footfall, "serve", "--help"], capture_output=True, text=True)
    return done.stdout + done.stderr


def synchronous_modes(options, help_text):
    """The values of serve's --synchronous to measure, or [None] for the server's default only."""
    if options.synchronous == "none":
        return [None]
    if options.synchronous != "auto":
        return [value.strip() for value in options.synchronous.split(",") if value.strip()]
    if "--synchronous" not in help_text:
        return [None]
    found = []
    for word in ("FULL", "NORMAL"):
        match = re.search(r"\b" + word + r"\b", help_text, re.I)
        if match:
            found.append(match.group(0))
    return found or [None]


def write_interactions_csv(path, count):
    """count interactions of 20,000 users over about 100,000 items, skewed towards a few popular ones
    (the distribution of bench_recommendations' 1M-interaction latency benchmark), one every 5 s
    ending 100 days ago."""
    start = int(time.time()) - 100 * 86400 - count * 5
    with open(path, "w") as out:
        out.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n")
        rows = []
        for i in range(1, count + 1):
            spread = (i * 7919) % 100000
            item = (spread * spread // 100000 + (i % 7) * 13) % 100000
            rows.append(f"user-{i % 20000},item-{item},{start + i * 5},click\n")
            if len(rows) == 100000:
                out.writelines(rows)
                rows = []
        out.writelines(rows)


def core_baseline(bench, seconds):
    """requests/s of the wrk script's requests through core and through the router, by events a request."""
    if not bench.bench_endpoint.exists():
        log(f"{bench.bench_endpoint} is not built: no core baseline (cmake --build … --target bench_endpoint)")
        return {}
    command = [str(bench.bench_endpoint), "--benchmark_filter=LoadRequestsThrough",
               f"--benchmark_min_time={seconds}", "--benchmark_format=json"]
    done = subprocess.run(command, capture_output=True, text=True, env=bench.environment)
    (bench.work / "core-baseline.json").write_text(done.stdout + done.stderr)
    if done.returncode != 0:
        raise Failure(f"{shlex.join(command)} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    baseline = {}
    for entry in json.loads(done.stdout)["benchmarks"]:
        if entry.get("error_occurred"):
            raise Failure(f"{entry['name']}: {entry.get('error_message')}")
        match = re.match(r"BM_LoadRequestsThrough(Core|RouterInGroups|Router)/(\d+)", entry["name"])
        if match:
            baseline[(match.group(1).lower(), int(match.group(2)))] = entry["requests_per_second"]
    return baseline


def ms(value):
    if value < 0:
        return "?"
    return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"


def count(value):
    return f"{value:,.0f}"


def latencies(result):
    return " | ".join(ms(result[key]) for key in ("p50_ms", "p99_ms", "raw_p50_ms", "raw_p99_ms", "max_ms"))


def errors_text(result):
    if not result["errors"]:
        return "0"
    parts = []
    if result["non200"]:
        parts.append(f"{result['non200']:,} not 200 (first: {result['first_non200'][:60]})")
    if result["socket_errors"]:
        parts.append(f"{result['socket_errors']:,} socket errors ({result['timeouts']:,} timeouts)")
    return "**" + "; ".join(parts) + "**"


def remove_database(database):
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(database) + suffix).unlink(missing_ok=True)


def check_stored(database, result, events, connections):
    """None if the stopped server's file holds every event of every 200 (and at most the requests still in
    flight when wrk stopped) with no duplicates, else what is wrong."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        stored, duplicates = connection.execute(
            "SELECT count(*), coalesce(sum(duplicate_count), 0) FROM interaction").fetchone()
    connection.close()
    acknowledged = (result["requests"] - result["non200"]) * events
    if duplicates or not acknowledged <= stored <= acknowledged + connections * events:
        problem = f"{stored:,} events stored, {duplicates:,} duplicates, for {acknowledged:,} acknowledged"
        log("  " + problem)
        return problem
    return None


def run_matrix(bench, options, modes):
    rows = []
    for mode in modes:
        extra = list(options.serve_arg) + (["--synchronous", mode] if mode else [])
        for events in options.events:
            for connections in options.connections:
                database = bench.work / f"matrix-{mode or 'default'}-{events}-{connections}.db"
                tracking_id = bench.create_shop(database)
                with bench.serve(database, extra) as server:
                    log(f"PutEvents, {events} event(s) a request, {connections} connections, "
                        f"{options.duration} s{', synchronous ' + mode if mode else ''}")
                    result = bench.put_events(server.url, tracking_id, events, connections, options.duration,
                                              f"put{events}-c{connections}")
                log(f"  {result['rps']:,.0f} requests/s, p50 {result['p50_ms']:.2f} ms, "
                    f"p99 {result['p99_ms']:.2f} ms (own {result['raw_p99_ms']:.2f} ms)")
                result["stored_check"] = check_stored(database, result, events, connections)
                bench.errors += 1 if result["stored_check"] else 0
                rows.append((mode, events, connections, result))
                remove_database(database)
    return rows


def run_memory(bench, options):
    database = bench.work / "memory.db"
    tracking_id = bench.create_shop(database)
    samples = []
    with bench.serve(database, list(options.serve_arg)) as server:
        stop = threading.Event()

        def sample():
            started = time.monotonic()
            while True:
                samples.append((time.monotonic() - started, server.rss_kib()))
                if stop.wait(1.0):
                    break
            samples.append((time.monotonic() - started, server.rss_kib()))

        sampler = threading.Thread(target=sample)
        sampler.start()
        log(f"memory: PutEvents, 1 event a request, 16 connections, {options.memory_duration} s, VmRSS each second")
        try:
            result = bench.put_events(server.url, tracking_id, 1, 16, options.memory_duration, "memory")
        finally:
            stop.set()
            sampler.join()
    (bench.work / "memory-samples.txt").write_text("".join(f"{t:.1f} {kib}\n" for t, kib in samples))
    values = [kib for _, kib in samples if kib is not None]
    remove_database(database)
    every = max(1, len(values) // 12)
    return {"result": result, "start": values[0], "peak": max(values), "end": values[-1],
            "shape": [(t, kib) for i, (t, kib) in enumerate(samples) if kib is not None and i % every == 0],
            "samples": len(values), "seconds": options.memory_duration,
            # Growth over the second half of the run: flat once SQLite's page cache (64 MiB) is full.
            "half": values[len(values) // 2]}


def run_training(bench, options):
    database = bench.work / "training.db"
    csv = bench.work / "interactions.csv"
    tracking_id = bench.create_shop(database)
    log(f"training: writing {options.interactions:,} interactions to {csv}")
    write_interactions_csv(csv, options.interactions)
    log("training: footfall import interactions")
    started = time.monotonic()
    bench.cli(database, "import", "interactions", "--dataset-group-arn", GROUP_ARN, "--file", str(csv),
              "--mode", "INCREMENTAL")
    import_seconds = time.monotonic() - started
    csv.unlink()
    solution = bench.cli(database, "personalize", "create-solution", "--name", "load-personal",
                         "--dataset-group-arn", GROUP_ARN, "--recipe-arn", USER_PERSONALIZATION)["solutionArn"]
    out = {"import_seconds": import_seconds, "interactions": options.interactions}
    with bench.serve(database, list(options.serve_arg)) as server:
        url = server.url
        log("training: first version (nothing else running)")
        started = time.monotonic()
        first = bench.control(url, "CreateSolutionVersion", {"solutionArn": solution})["solutionVersionArn"]
        _, version = bench.wait_version(url, first, {"ACTIVE"})
        out["alone_seconds"] = time.monotonic() - started
        out["model"] = version
        campaign = bench.control(url, "CreateCampaign", {"name": "load-campaign", "solutionVersionArn": first,
                                                         "minProvisionedTPS": 1})["campaignArn"]
        while bench.control(url, "DescribeCampaign", {"campaignArn": campaign})["campaign"]["status"] != "ACTIVE":
            time.sleep(0.1)
        seconds = options.duration
        loads = {
            "put": lambda label: bench.put_events(url, tracking_id, 1, 16, seconds, label),
            "recs": lambda label: bench.wrk(url, "get_recommendations.lua", 16, seconds, [campaign, 20000], label),
        }
        for name, load in loads.items():
            log(f"training: {name} with no training")
            out[name + "_idle"] = load(name + "-idle")
            log(f"training: {name} while a CreateSolutionVersion trains")
            started = time.monotonic()
            arn = bench.control(url, "CreateSolutionVersion", {"solutionArn": solution})["solutionVersionArn"]
            bench.wait_version(url, arn, {"CREATE IN_PROGRESS", "ACTIVE"})
            load_started = time.monotonic() - started
            result = load(name + "-training")
            status, _ = bench.version_status(url, arn)
            bench.wait_version(url, arn, {"ACTIVE"})
            result["training_seconds"] = time.monotonic() - started
            result["load_started"] = load_started
            # The load overlapped training throughout only if the version was still training after it.
            result["covered"] = status in ("CREATE PENDING", "CREATE IN_PROGRESS")
            if not result["covered"]:
                log(f"  the training ended before the load did (after {result['training_seconds']:.1f} s): "
                    "use more --interactions or a shorter --duration")
            out[name + "_training"] = result
    remove_database(database)
    return out


def git(*arguments):
    done = subprocess.run(["git", "-C", str(SOURCE_DIR), *arguments], capture_output=True, text=True)
    return done.stdout.strip()


def load_average():
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def report(bench, options, modes, matrix, baseline, memory, training, header):
    lines = []
    add = lines.append
    add(f"### Endpoint under load (wrk) — measured {header['date']}, commit {header['commit']}")
    add("")
    add("```sh")
    add(header["command"])
    add("```")
    add("")
    add(f"wrk {header['wrk']}, `-t {options.threads}`, keep-alive connections, {options.duration} s a cell, "
        f"a fresh database and `footfall serve` for each cell; {os.cpu_count()} cores, "
        f"load average {header['load_before']} before and {header['load_after']} after the run. "
        f"Serve arguments: `{shlex.join(options.serve_arg) or '(none)'}`.")
    add("Errors are replies other than 200 plus wrk's socket errors and timeouts "
        f"(`--timeout {options.timeout}s`). p50 and p99 are wrk's (`--latency`), which wrk corrects for "
        "coordinated omission: a request slower than a connection's mean interval between requests also "
        "counts the waits that requests sent at a steady rate would have had. *Own* p50 and p99 are each "
        "request's time as measured (the same histogram with the correction undone, "
        "tests/bench/wrk/common.lua).")
    add("")
    has_modes = any(modes)
    if matrix:
        head = "| " + ("synchronous | " if has_modes else "") + \
            "events a request | connections | requests/s | events/s | p50 | p99 | own p50 | own p99 | max | " \
            "errors | core, same run (requests/s) | HTTP ÷ core |"
        add(head)
        add("|" + " --- |" * (head.count("|") - 1))
        for mode, events, connections, result in matrix:
            core = baseline.get(("core", events))
            cells = ([mode] if has_modes else []) + [
                str(events), str(connections), count(result["rps"]), count(result["rps"] * events),
                ms(result["p50_ms"]), ms(result["p99_ms"]), ms(result["raw_p50_ms"]), ms(result["raw_p99_ms"]),
                ms(result["max_ms"]), errors_text(result),
                count(core) if core else "—", f"**{result['rps'] / core:.2f}×**" if core else "—"]
            add("| " + " | ".join(cells) + " |")
        add("")
    if baseline:
        add("The core baseline is `bench_endpoint --benchmark_filter=LoadRequestsThrough` in the same run: the "
            "same request bytes as the wrk script, parsed and recorded by `RecordingService::putEvents` in one "
            "thread (" + ", ".join(f"{e} event{'s' if e > 1 else ''}: {count(baseline[('core', e)])} requests/s"
                                   for e in options.events if ('core', e) in baseline) +
            "); through `EndpointRouter::handle`, all of the endpoint but the socket and HTTP parsing: " +
            ", ".join(f"{e}: {count(baseline[('router', e)])}" for e in options.events
                      if ('router', e) in baseline) + " requests/s; through the router 16 requests to a "
            "transaction, as the writer commits a group, with nothing else running (the writer's ceiling): " +
            ", ".join(f"{e}: {count(baseline[('routeringroups', e)])}" for e in options.events
                      if ('routeringroups', e) in baseline) + " requests/s.")
        add("")
    problems = [f"{e} event(s), {c} connections: {r['stored_check']}" for _, e, c, r in matrix if r["stored_check"]]
    if matrix:
        add("Stored: " + ("; ".join(problems) if problems else
                          "after each cell the stopped server's file held every event of every 200 (plus at most "
                          "those of the requests in flight when wrk stopped), none counted as a duplicate."))
        add("")
    goals = []
    for mode, events, connections, result in matrix:
        label = f" (synchronous {mode})" if mode else ""
        if events == 1 and connections == 16:
            met = result["rps"] >= 10000 and result["p99_ms"] < 20
            goals.append(f"≥ 10,000 requests/s of 1 event at 16 connections with p99 < 20 ms{label}: "
                         f"{count(result['rps'])}/s, p99 {ms(result['p99_ms'])} (own {ms(result['raw_p99_ms'])}) — "
                         f"{'met' if met else 'not met'}")
    for mode in modes:
        best = max((r for m, e, c, r in matrix if m == mode and e == 10), key=lambda r: r["rps"], default=None)
        if best:
            events_per_second = best["rps"] * 10
            goals.append(f"≥ 80,000 events/s with 10 events a request{f' (synchronous {mode})' if mode else ''}: "
                         f"best {count(events_per_second)}/s — {'met' if events_per_second >= 80000 else 'not met'}")
    if matrix:
        matrix_errors = sum(r["errors"] for *_, r in matrix)
        goals.append(f"no errors: {matrix_errors:,} — {'met' if matrix_errors == 0 else 'not met'}")
        add("Goals (issue 15): " + "; ".join(goals) + ".")
        add("")
    if training:
        model = training["model"]
        add(f"**Training under load**: {training['interactions']:,} interactions imported "
            f"({training['import_seconds']:.1f} s), a User-Personalization solution; the first version trained "
            f"in {training['alone_seconds']:.1f} s with nothing else running (from CreateSolutionVersion to "
            f"ACTIVE; trainingHours says {model.get('trainingHours', 0) * 3600:.1f} s). "
            f"Each load ran {options.duration} s on 16 "
            "connections once with no training and once from the moment a further CreateSolutionVersion "
            "was CREATE IN_PROGRESS in the same server.")
        add("")
        add("| load | during | requests/s | p50 | p99 | own p50 | own p99 | max | errors | goal (wrk's p99) | met |")
        add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for name, title, goal in (("put", "PutEvents, 1 event a request", 50),
                                  ("recs", "GetRecommendations, 25 items, random users", 20)):
            idle = training[name + "_idle"]
            busy = training[name + "_training"]
            add(f"| {title} | no training | {count(idle['rps'])} | {latencies(idle)} | {errors_text(idle)} | — | — |")
            during = (f"CreateSolutionVersion training (took {busy['training_seconds']:.1f} s"
                      + ("" if busy["covered"] else "; **ended before the load did**") + ")")
            met = busy["p99_ms"] < goal and busy["errors"] == 0 and busy["covered"]
            add(f"| {title} | {during} | {count(busy['rps'])} | {latencies(busy)} | {errors_text(busy)} | "
                f"p99 < {goal} ms | {'yes' if met else 'no'} |")
        add("")
    if memory:
        result = memory["result"]
        add(f"**Memory**: the server's VmRSS (`/proc/PID/status`) each second over {memory['seconds']} s of "
            f"PutEvents (1 event a request, 16 connections: {count(result['requests'])} requests, "
            f"{count(result['rps'])}/s, p99 {ms(result['p99_ms'])} (own {ms(result['raw_p99_ms'])}), "
            f"errors {errors_text(result)}).")
        add("")
        add("| start | half-way | peak | end | end − half-way |")
        add("| --- | --- | --- | --- | --- |")
        mib = lambda kib: f"{kib / 1024:.1f} MiB"
        add(f"| {mib(memory['start'])} | {mib(memory['half'])} | {mib(memory['peak'])} | {mib(memory['end'])} | "
            f"{(memory['end'] - memory['half']) / 1024:+.1f} MiB |")
        add("")
        add("VmRSS over the run: " + ", ".join(f"{t:.0f} s {kib / 1024:.0f}" for t, kib in memory["shape"]) +
            " MiB.")
        add("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=str(SOURCE_DIR / "build-release"),
                        help="the Release build directory with app/footfall and tests/bench/bench_endpoint")
    parser.add_argument("--duration", type=int, help="seconds of each wrk run (default 10; 2 with --quick)")
    parser.add_argument("--memory-duration", type=int, help="seconds of load for the memory samples "
                        "(default 60; 10 with --quick)")
    parser.add_argument("--interactions", type=int, help="interactions of the training database "
                        "(default 1,000,000; 200,000 with --quick)")
    parser.add_argument("--core-seconds", type=float, help="minimum time of each core baseline "
                        "(default 5; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="a run of about a minute")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", default="4,16,64", help="keep-alive connections (default 4,16,64)")
    parser.add_argument("--events", default="1,10", help="events a request (default 1,10)")
    parser.add_argument("--timeout", type=int, default=60, help="wrk's --timeout in seconds (default 60)")
    parser.add_argument("--serve-arg", action="append", default=[], metavar="ARG",
                        help="an argument for every `footfall serve` (repeatable: --serve-arg=--x --serve-arg=VALUE)")
    parser.add_argument("--synchronous", default="auto",
                        help="values of serve's --synchronous to measure the matrix with (comma-separated); "
                             "auto (default): FULL and NORMAL if `serve --help` lists --synchronous; none")
    parser.add_argument("--skip", default="", help="parts to leave out, comma-separated: matrix,core,training,memory")
    parser.add_argument("--work-dir", help="where databases and logs go (default: a new directory in the build "
                                           "directory, removed at the end unless --keep)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (wrk output, serve logs)")
    options = parser.parse_args()
    quick = options.quick
    options.duration = options.duration or (2 if quick else 10)
    options.memory_duration = options.memory_duration or (10 if quick else 60)
    options.interactions = options.interactions or (200000 if quick else 1000000)
    options.core_seconds = options.core_seconds or (1 if quick else 5)
    options.connections = [int(c) for c in options.connections.split(",")]
    options.events = [int(e) for e in options.events.split(",")]
    skip = set(filter(None, options.skip.split(",")))

    footfall = Path(options.build) / "app" / "footfall"
    if not footfall.exists():
        sys.exit(f"{footfall} is not built: cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release && "
                 "cmake --build build-release --target footfall bench_endpoint")
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (scripts/setup-debian.sh installs it)")
    created = options.work_dir is None
    if created:
        options.work_dir = tempfile.mkdtemp(prefix="endpoint-load-", dir=options.build)
    Path(options.work_dir).mkdir(parents=True, exist_ok=True)
    bench = Bench(options)
    log(f"work directory {options.work_dir}")

    header = {
        "date": datetime.date.today().isoformat(),
        "commit": git("rev-parse", "--short", "HEAD") + (" (with local changes)" if git("status", "--porcelain",
                                                                                         "--untracked-files=no") else ""),
        "command": shlex.join(["tests/bench/endpoint_load.py", *sys.argv[1:]]),
        "wrk": subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split(" [")[0]
        .replace("wrk ", ""),
        "load_before": load_average(),
    }
    modes = synchronous_modes(options, serve_help(str(footfall)))
    if modes != [None]:
        log(f"serve's --synchronous: measuring {', '.join(modes)}")
    matrix, baseline, memory, training = [], {}, None, None
    try:
        if "matrix" not in skip:
            matrix = run_matrix(bench, options, modes)
        if "core" not in skip:
            log(f"core baseline: bench_endpoint --benchmark_filter=LoadRequestsThrough, {options.core_seconds} s each")
            baseline = core_baseline(bench, options.core_seconds)
        if "training" not in skip:
            training = run_training(bench, options)
        if "memory" not in skip:
            memory = run_memory(bench, options)
    except Failure as failure:
        log(f"failed: {failure}")
        log(f"logs kept in {options.work_dir}")
        return 2
    header["load_after"] = load_average()
    print(report(bench, options, modes, matrix, baseline, memory, training, header))
    if created and not options.keep:
        shutil.rmtree(options.work_dir, ignore_errors=True)
    else:
        log(f"logs in {options.work_dir}")
    return 1 if bench.errors else 0


if __name__ == "__main__":
    sys.exit(main())
