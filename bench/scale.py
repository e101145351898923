"""Scale figures for `make bench`: analysis in one and two processes (as a user splits a batch), peak memory of
an analysis with a given gazetteer, and API latency over a store of a million synthetic events."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ANALYZE = """
import resource, sys
from sitrep.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print("PEAK_MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, file=sys.stderr)
"""


def _analyze(path: Path, gazetteer: str) -> subprocess.Popen:
    from sitrep.batch import ONE_THREAD

    return subprocess.Popen([sys.executable, "-c", ANALYZE, "analyze", str(path), "--gazetteer", gazetteer,
                             "--output", os.devnull], stderr=subprocess.PIPE, text=True,
                            env=os.environ | ONE_THREAD | {"PYTHONPATH": str(ROOT / "src")})


def _peak(process: subprocess.Popen) -> float:
    _, err = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"analyze failed: {err[-2000:]}")
    return float(next(line.split()[1] for line in err.splitlines() if line.startswith("PEAK_MB")))


def processes(corpus: Path, n: int, workers: int, gazetteer: str = "default") -> dict[str, float]:
    """Wall time and peak memory of `sitrep analyze` over the corpus split into `workers` shards run at once,
    each in its own process (start-up and model loading included, as a user running it pays them)."""
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    shards = []
    for i in range(workers):
        shard = corpus.with_name(f"shard-{workers}-{i}.jsonl")
        shard.write_text("".join(lines[i::workers]), encoding="utf-8")
        shards.append(shard)
    start = time.perf_counter()
    running = [_analyze(shard, gazetteer) for shard in shards]
    peaks = [_peak(p) for p in running]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "docs_per_s": n / seconds, "peak_mb": max(peaks)}


def batch(corpus: Path, n: int, workers: int) -> dict[str, float]:
    """Wall time of `sitrep batch` over the corpus on a local Dask cluster of `workers` processes once they have
    started and loaded their models (that start-up is reported apart), writing Parquet to a scratch folder."""
    import tempfile

    import pyarrow.parquet as pq
    from dask.distributed import Client

    from sitrep import batch as batches
    from sitrep.options import Options

    options = Options(gazetteer="default")
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        with batches.local_cluster(workers) as cluster, Client(cluster) as client:
            batches.warm(client, options)
            ready = time.perf_counter()
            totals = batches.run_on(client, str(corpus), out, options)
            seconds = time.perf_counter() - ready
        startup = ready - start
        events = sorted(event_key(r["doc_id"], r["ordinal"], r["type"], r["actor"], r["places"], r["claimant"])
                        for part in sorted(Path(out, "events").glob("part-*.parquet"))
                        for r in pq.read_table(part).to_pylist())
    assert totals["documents"] == n, totals
    return {"seconds": seconds, "docs_per_s": n / seconds, "startup_s": startup, "events": events}


def event_key(doc_id: str, ordinal: int, kind: str, actor: str | None, places: str, claimant: str | None) -> str:
    """One event of one document, as text: what `analyze` and `batch` must agree on."""
    return json.dumps([doc_id, ordinal, kind, actor, json.loads(places), claimant], ensure_ascii=False)


DASHBOARD_QUERIES = ("/api/events?limit=1000", "/api/timeline", "/api/places?limit=1000",
                     "/api/events?type=control_claim&limit=1000", "/api/events?since=2025-01-01&until=2025-01-31&limit=1000")


def api_latency(events: int, repeats: int = 20) -> dict[str, float]:
    """p50 and p95 of the dashboard's default queries against a store of `events` synthetic events (built once
    under out/, reused while it has that many)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic
    from fastapi.testclient import TestClient

    from sitrep.serve import create_app
    from sitrep.store import Store

    path = ROOT / "out" / f"bench-{events}-events.db"
    fresh = True
    if path.exists():
        with Store.open(path) as store:
            fresh = store.db.execute("SELECT count(*) FROM events").fetchone()[0] != events
    build_s = 0.0
    if fresh:
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
        start = time.perf_counter()
        synthetic.build(path, events)
        build_s = time.perf_counter() - start
    times: dict[str, list[float]] = {q: [] for q in DASHBOARD_QUERIES}
    with TestClient(create_app(str(path))) as client:
        for query in DASHBOARD_QUERIES:
            client.get(query)  # warm the page cache once
            for _ in range(repeats):
                start = time.perf_counter()
                response = client.get(query)
                times[query].append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.text
    every = [t for ts in times.values() for t in ts]
    return {"api_events": events, "api_store_build_s": round(build_s, 1),
            "api_p50_ms": round(statistics.median(every), 1),
            "api_p95_ms": round(statistics.quantiles(every, n=20)[18], 1),
            "api_p95_ms_by_query": {q: round(statistics.quantiles(ts, n=20)[18], 1) for q, ts in times.items()}}


if __name__ == "__main__":  # python bench/scale.py EVENTS: the API figures alone
    print(json.dumps(api_latency(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000), indent=1))
