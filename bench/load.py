"""Load test for `make bench`: `sitrep serve` in its own process on loopback, driven for a fixed time by a few
concurrent keep-alive clients cycling through the dashboard's queries, so the figures are the rate the server
holds while several people use the dashboard and the latencies each of them sees meanwhile.

Standalone: `python bench/load.py --db STORE [--seconds 60] [--clients 4]`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import itertools
import json
import math
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitrep.export import admin1_names  # noqa: E402

CLIENTS = 4
"""On a 2-core machine the server and the clients share the cores. The server is one process whose Python work
takes turns on one interpreter lock, about one core; 4 clients keep requests waiting at it all the time, so the
rate is the server's and not the clients' pace, and their own work (sending, reading answers) fits in the other."""
MAX_REQUESTS = 50_000
"""Far above what 60 s gives here, so time ends a run; it bounds a run against a much faster server."""
TIMEOUT_S = 60.0
"""Per request (the socket's timeout: to connect, and for each read of the answer). Generous: it bounds the run,
and a slow view's latency shows in its percentiles rather than as an error."""
STARTUP_S = 300.0
"""`sitrep serve` brings the store's ledger up to date before it listens."""

WEIGHTS = {"page": 2, "script": 2, "style": 2, "outlines": 2, "events": 4, "events_type": 2, "events_dates": 2,
           "events_place": 1, "events_oblast": 1, "events_later_page": 1, "timeline": 3, "places": 3, "event": 3,
           "document": 3, "control": 1, "gains": 1, "talks": 1, "sources": 1, "contradictions": 1}
"""Requests of each kind in one cycle of a client. Opening the dashboard fetches the page, its script and style,
the outlines, events, places and the timeline; a filter fetches events again; a click on an event fetches it and
its documents; the other tabs are opened now and then."""

SLOW_AT_SCALE = ("control", "talks", "contradictions")
"""Views that return every row they find, unpaged: over a million synthetic events talks lists 250,000 events and
contradictions 113,000 pairs (about 13 s a request each), and control matches places in Python (7 s); the run on
the synthetic store leaves them out and says so."""


class Sample(NamedTuple):
    kind: str
    start: float
    end: float
    error: str | None


def queries(store: Path) -> dict[str, str]:
    """The path of each kind of query, with a settlement, an event, a document and dates taken from the store."""
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        total = db.execute("SELECT count(*) FROM events").fetchone()[0]
        place, admin1 = db.execute("SELECT place, admin1 FROM place_stats WHERE precision = 'settlement' AND control IS NOT NULL"
                                   " ORDER BY claims DESC, place LIMIT 1").fetchone()
        event = db.execute("SELECT id FROM events ORDER BY claims DESC, id LIMIT 1").fetchone()[0]
        document = db.execute("SELECT document_id FROM claims WHERE event_id = ? ORDER BY id LIMIT 1", (event,)).fetchone()[0]
        day = db.execute("SELECT day FROM day_stats ORDER BY day LIMIT 1 OFFSET (SELECT count(*) FROM day_stats) / 2").fetchone()[0]
    finally:
        db.close()
    since = dt.date.fromisoformat(day)
    oblast = f"{admin1_names().get(admin1, admin1)} oblast"
    page = {"limit": 1000}

    def api(path: str, **params: str | int) -> str:
        return f"/api/{path}?{urlencode(params)}" if params else f"/api/{path}"

    return {"page": "/", "script": "/static/sitrep.js", "style": "/static/sitrep.css", "outlines": api("outlines"),
            "events": api("events", **page), "events_type": api("events", type="control_claim", **page),
            "events_dates": api("events", since=day, until=(since + dt.timedelta(days=30)).isoformat(), **page),
            "events_place": api("events", place=place, **page), "events_oblast": api("events", place=oblast, **page),
            "events_later_page": api("events", offset=total // 2, **page),
            "timeline": api("timeline"), "places": api("places", **page), "event": api(f"events/{event}"),
            "document": api(f"documents/{document}"), "control": api("control", name=place, **page),
            "gains": api("gains", **page), "talks": api("talks", **page), "sources": api("sources", **page),
            "contradictions": api("contradictions", **page)}


@contextlib.contextmanager
def serving(store: Path) -> Iterator[tuple[int, int]]:
    """`sitrep serve` on a free loopback port, as a user starts it; its port and process id. Stopped on the way out,
    also on error."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen([sys.executable, "-m", "sitrep", "serve", "--db", str(store), "--host", "127.0.0.1",
                                   "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                                  env=os.environ | {"PYTHONPATH": str(ROOT / "src")})
        try:
            deadline = time.perf_counter() + STARTUP_S
            while not _answers(port):
                if server.poll() is not None or time.perf_counter() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"sitrep serve did not start: {log.read().decode(errors='replace')[-2000:]}")
                time.sleep(0.2)
            yield port, server.pid
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:  # still inside a long request
                server.kill()
                server.wait()


def _cpu_seconds(pid: int) -> float | None:
    """CPU time a process has used (Linux), which tells a saturated server from one starved by other processes."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def drive(port: int, paths: dict[str, str], seconds: float, clients: int, max_requests: int,
          timeout: float = TIMEOUT_S) -> list[Sample]:
    """Every request of `clients` threads, each on its own keep-alive connection, sending one request after the
    other through the weighted mix (in its own shuffled order) until `seconds` pass or `max_requests` are sent.
    Times are seconds from the start; an error is a status other than 2xx, a timeout or a connection error."""
    cycle = [kind for kind, weight in WEIGHTS.items() if kind in paths for _ in range(weight)]
    lock = threading.Lock()
    left = [max_requests]
    samples: list[Sample] = []
    t0 = time.perf_counter()

    def take() -> bool:
        with lock:
            if left[0] <= 0 or time.perf_counter() - t0 >= seconds:
                return False
            left[0] -= 1
            return True

    def client(seed: int) -> None:
        order = random.Random(seed).sample(cycle, len(cycle))
        connection = None
        for kind in itertools.cycle(order):
            if not take():
                break
            connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            start = time.perf_counter()
            try:
                connection.request("GET", paths[kind])
                response = connection.getresponse()
                response.read()
                error = None if 200 <= response.status < 300 else f"HTTP {response.status}"
            except TimeoutError:
                error = "timeout"
            except (OSError, http.client.HTTPException) as exc:
                error = type(exc).__name__
            if error and not error.startswith("HTTP"):  # the connection is in an unknown state: a new one
                connection.close()
                connection = None
            samples.append(Sample(kind, start - t0, time.perf_counter() - t0, error))
        if connection:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


def _ms(samples: list[Sample]) -> dict[str, float | None]:
    """p50, p95, p99 (nearest rank) and max in milliseconds of the requests answered without error (a refused
    connection answers fast and a timeout at the timeout: the error count tells of those)."""
    ordered = sorted(s.end - s.start for s in samples if s.error is None)
    if not ordered:
        return dict.fromkeys(("p50_ms", "p95_ms", "p99_ms", "max_ms"))
    at = {f"p{p}_ms": ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] for p in (50, 95, 99)} | {"max_ms": ordered[-1]}
    return {k: round(v * 1000, 1) for k, v in at.items()}


def summarize(samples: list[Sample], seconds: float, clients: int, max_requests: int) -> dict:
    """The held rate and the latencies. The rate counts the requests answered without error while requests were
    being sent (the whole run, or until the cap); those still running then count for latency and errors only."""
    window = max(s.start for s in samples) if len(samples) >= max_requests else seconds
    answered = [s.end for s in samples if s.error is None]
    per_second = Counter(int(end) for end in answered if end < int(window))
    kinds = [kind for kind in WEIGHTS if any(s.kind == kind for s in samples)]
    return {"seconds": round(window, 1), "clients": clients, "requests": len(samples),
            "requests_per_s": round(sum(end <= window for end in answered) / window, 1),
            "min_requests_per_s": min((per_second[i] for i in range(int(window))), default=None),
            "errors": sum(s.error is not None for s in samples),
            "errors_by_kind": dict(sorted(Counter(f"{s.kind}: {s.error}" for s in samples if s.error).items())),
            **_ms(samples),
            "by_query": {k: {"requests": sum(s.kind == k for s in samples), **_ms([s for s in samples if s.kind == k])}
                         for k in kinds}}


def report(store: Path, figures: dict) -> str:
    """The figures as a short table."""
    lines = [f"load on {store}: {figures['clients']} clients for {figures['seconds']} s, {figures['requests']} requests,"
             f" {figures['requests_per_s']}/s (at least {figures['min_requests_per_s']} in every second),"
             f" {figures['errors']} errors; the server used {figures['server_cpu_cores']} cores"]
    lines += [f"  error {what}: {n}" for what, n in figures["errors_by_kind"].items()]
    if figures["left_out"]:
        lines.append(f"  left out: {', '.join(figures['left_out'])}")
    lines.append(f"  {'query':18} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, row in {"all": figures, **figures["by_query"]}.items():
        lines.append(f"  {kind:18} {row['requests']:8}" + "".join(f" {row[k]!s:>8}" for k in ("p50_ms", "p95_ms", "p99_ms", "max_ms")))
    return "\n".join(lines)


def run(store: Path, seconds: float = 60, clients: int = CLIENTS, max_requests: int = MAX_REQUESTS,
        timeout: float = TIMEOUT_S, skip: Collection[str] = ()) -> dict:
    """Serve `store`, drive it, stop it; print and return the figures. `skip`: kinds of query left out of the mix."""
    with serving(store) as (port, pid):  # the server brings the store's schema and ledger up to date first
        paths = {kind: path for kind, path in queries(store).items() if kind not in skip}
        before, start = _cpu_seconds(pid), time.perf_counter()
        samples = drive(port, paths, seconds, clients, max_requests, timeout)
        after, wall = _cpu_seconds(pid), time.perf_counter() - start
    figures = summarize(samples, seconds, clients, max_requests)
    busy = None if before is None or after is None else round((after - before) / wall, 2)
    figures |= {"server_cpu_cores": busy, "left_out": [k for k in WEIGHTS if k in skip]}
    print(report(store, figures), flush=True)
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, type=Path, help="the store to serve")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--max-requests", type=int, default=MAX_REQUESTS)
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help="per request, in seconds")
    parser.add_argument("--skip", action="append", default=[], choices=list(WEIGHTS), help="leave a kind of query out")
    parser.add_argument("--out", type=Path, help="also write the figures here as JSON (bench/results/...)")
    args = parser.parse_args()
    figures = run(args.db, args.seconds, args.clients, args.max_requests, args.timeout, args.skip)
    if args.out:
        args.out.write_text(json.dumps({"store": str(args.db), "measured": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                                        **figures}, indent=1) + "\n")
