#!/usr/bin/env python3
"""Load on a running `csp-ledger serve`: readers through wrk, writers through this script.

    load_test.py prepare --cli CSP_LEDGER --db FILE --out TOKENS.json [--writers 8]
    load_test.py run --url URL --db FILE --tokens TOKENS.json [--seconds 30] [--writers 8] [--readers 32]

`prepare` (before the server starts) finds one open action per writer whose lead
partner has an active lead, and issues through `csp-ledger token issue` a token for
that lead per writer and one for an auditor (or the coordinator) to read with. It
chooses the as-of date the readers ask for: the day of the log's middle event.

`run` loads the server for --seconds: half the readers ask `GET /api/state` (now), half
`GET /api/state?asOf=DATE`, each half one wrk process (Debian's `wrk`); each writer
posts progress reports on its own action as fast as the server answers, with a fresh
`Idempotency-Key`, and sends every tenth one twice (a retry, which must not append
again). Afterwards it reads the ledger file (read-only) and checks that every write
answered 2xx is in the log exactly once, under the event id UUIDv5(key, "0"), and that
the log grew by exactly those events.

It prints one JSON object: requests per second and p50/p99 latency of each kind of
request, the statuses the writers got, and the check. It asserts nothing: the caller
(LoadTests, or a person measuring a release build) decides. Exit status 0 with the JSON,
2 when wrk is missing, 1 on a usage or setup error. Loopback only: the URL must be
http://127.0.0.1.
"""
import argparse
import datetime
import http.client
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid


def fail(message, status=1):
    print(f"load_test.py: {message}", file=sys.stderr)
    sys.exit(status)


def cli_json(cli, args):
    result = subprocess.run([cli] + args + ["--format", "json"], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"{' '.join(args[:3])} failed: {result.stderr.strip()}")
    return json.loads(result.stdout)


def prepare(options):
    state = cli_json(options.cli, ["state", "--db", options.db])
    actors = [a for a in state["actors"] if a["active"]]
    coordinator = next((a["id"] for a in actors if a["role"] == "coordinator"), None)
    if coordinator is None:
        fail("the ledger has no active coordinator to issue tokens")
    leads = {}
    for actor in sorted(actors, key=lambda a: a["id"]):
        if actor["role"] == "lead":
            leads.setdefault(actor["partner"], actor["id"])
    open_actions = [
        a for a in state["actions"]
        if not a["closed"] and a["lead"] in leads and a["status"] not in ("completed", "withdrawn")
    ]
    if len(open_actions) < options.writers:
        fail(f"{len(open_actions)} open actions have an active lead; {options.writers} writers need one each")
    reader = next((a["id"] for a in actors if a["role"] == "auditor"), coordinator)

    def issue(actor, label):
        issued = cli_json(options.cli, ["token", "issue", actor, "--db", options.db, "--actor", coordinator, "--label", label])
        return issued["token"]

    writers = []
    for number, action in enumerate(open_actions[: options.writers]):
        actor = leads[action["lead"]]
        writers.append({"actor": actor, "action": action["id"], "token": issue(actor, f"load test writer {number + 1}")})
    with sqlite3.connect(f"file:{options.db}?mode=ro", uri=True) as db:
        (recorded,) = db.execute(
            "SELECT recorded_at FROM events WHERE position = (SELECT (max(position) + 1) / 2 FROM events)").fetchone()
    as_of = datetime.datetime.fromtimestamp(recorded / 1000, datetime.timezone.utc).date().isoformat()
    with open(options.out, "w") as out:
        json.dump({"reader": issue(reader, "load test reader"), "asOf": as_of, "writers": writers}, out, indent=2)


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(text):
    """Requests/s, p50 and p99 (ms), requests, non-2xx and socket errors from wrk --latency."""
    def latency(label):
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else None

    requests = re.search(r"(\d+) requests in", text)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "requests": int(requests.group(1)) if requests else 0,
        "perSecond": float(rate.group(1)) if rate else 0.0,
        "p50ms": latency("50"),
        "p99ms": latency("99"),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socketErrors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


class Writer(threading.Thread):
    """Posts progress on one action until the deadline; every tenth write is sent twice."""

    def __init__(self, number, host, port, token, action, deadline):
        super().__init__(daemon=True)
        self.number, self.host, self.port, self.token, self.action, self.deadline = number, host, port, token, action, deadline
        self.latencies, self.statuses, self.accepted, self.retries = [], {}, [], 0

    def post(self, connection, key, body):
        started = time.perf_counter()
        connection.request(
            "POST", f"/api/actions/{urllib.parse.quote(self.action)}/progress", body=body,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json", "Idempotency-Key": key})
        response = connection.getresponse()
        response.read()
        self.latencies.append((time.perf_counter() - started) * 1000)
        self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
        return response.status

    def run(self):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        count = 0
        while time.monotonic() < self.deadline:
            count += 1
            key = str(uuid.uuid4())
            status = ["on-track", "at-risk"][count % 2]
            body = json.dumps({"status": status, "note": f"load test: writer {self.number}, report {count}"})
            try:
                if 200 <= self.post(connection, key, body) < 300:
                    self.accepted.append(key)
                if count % 10 == 0:
                    self.retries += 1
                    self.post(connection, key, body)
            except (OSError, http.client.HTTPException) as error:
                self.statuses[type(error).__name__] = self.statuses.get(type(error).__name__, 0) + 1
                connection.close()
                connection = http.client.HTTPConnection(self.host, self.port, timeout=30)


def run(options):
    wrk = shutil.which("wrk")
    if wrk is None:
        fail("wrk is not installed (apt-get install wrk)", 2)
    url = urllib.parse.urlsplit(options.url)
    if url.hostname != "127.0.0.1":
        fail("the load test runs on loopback only: give http://127.0.0.1:PORT")
    with open(options.tokens) as file:
        tokens = json.load(file)
    if len(tokens["writers"]) < options.writers:
        fail(f"{options.tokens} holds {len(tokens['writers'])} writers' tokens; prepare it with --writers {options.writers}")
    db = sqlite3.connect(f"file:{options.db}?mode=ro", uri=True)
    (head_before,) = db.execute("SELECT coalesce(max(position), 0) FROM events").fetchone()

    threads = max(1, min(2, options.readers // 2))
    readers = {}
    for name, path in [("stateNow", "/api/state"), ("stateAsOf", f"/api/state?asOf={tokens['asOf']}")]:
        readers[name] = subprocess.Popen(
            [wrk, f"-t{threads}", f"-c{max(threads, options.readers // 2)}", f"-d{options.seconds}s", "--latency",
             "--timeout", "10s", "-H", f"Authorization: Bearer {tokens['reader']}", options.url.rstrip("/") + path],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    started = time.monotonic()
    writers = [
        Writer(n + 1, url.hostname, url.port, w["token"], w["action"], started + options.seconds)
        for n, w in enumerate(tokens["writers"][: options.writers])
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    elapsed = time.monotonic() - started
    reads = {name: parse_wrk(process.communicate()[0]) for name, process in readers.items()}

    accepted = [key for writer in writers for key in writer.accepted]
    missing, duplicated = [], []
    for key in accepted:
        event_id = str(uuid.uuid5(uuid.UUID(key), "0"))
        (count,) = db.execute("SELECT count(*) FROM events WHERE event_id = ?", (event_id,)).fetchone()
        if count == 0:
            missing.append(key)
        elif count > 1:
            duplicated.append(key)
    (head_after,) = db.execute("SELECT coalesce(max(position), 0) FROM events").fetchone()
    latencies = [ms for writer in writers for ms in writer.latencies]
    statuses = {}
    for writer in writers:
        for status, count in writer.statuses.items():
            statuses[str(status)] = statuses.get(str(status), 0) + count
    print(json.dumps({
        "seconds": round(elapsed, 1),
        "readers": options.readers,
        "writers": options.writers,
        "asOf": tokens["asOf"],
        "reads": reads,
        "writes": {
            "requests": len(latencies),
            "accepted": len(accepted),
            "retries": sum(writer.retries for writer in writers),
            "statuses": statuses,
            "perSecond": round(len(latencies) / elapsed, 1),
            "p50ms": percentile(latencies, 50),
            "p99ms": percentile(latencies, 99),
        },
        "check": {
            "missing": missing,
            "duplicated": duplicated,
            "appended": head_after - head_before,
            "extra": (head_after - head_before) - len(accepted),
        },
    }, indent=2))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare", help="issue the writers' and the reader's tokens")
    p.add_argument("--cli", required=True, help="the csp-ledger binary")
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--writers", type=int, default=8)
    r = commands.add_parser("run", help="load the running server and check the log")
    r.add_argument("--url", required=True)
    r.add_argument("--db", required=True)
    r.add_argument("--tokens", required=True)
    r.add_argument("--seconds", type=int, default=30)
    r.add_argument("--writers", type=int, default=8)
    r.add_argument("--readers", type=int, default=32)
    options = parser.parse_args()
    if options.writers < 1 or getattr(options, "readers", 2) < 2 or getattr(options, "seconds", 1) < 1:
        fail("--writers and --seconds must be at least 1, --readers at least 2")
    prepare(options) if options.command == "prepare" else run(options)


if __name__ == "__main__":
    main()
