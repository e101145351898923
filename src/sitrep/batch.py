"""`sitrep batch`: the same analysis as `sitrep analyze`, spread over a Dask cluster, written as Parquet.

The driver only cuts the input into tasks: for JSON Lines, byte ranges that end at line breaks (so it never
holds the articles), for Parquet, its files. Each task reads its part, runs the pipeline with the run's
`Options`, and writes four Parquet files of its own (documents, places, events, quantities) under OUTPUT:
no data passes back through the driver. Workers are processes that keep their spaCy model and gazetteer
between tasks, so each loads them once. Documents get the ids `sitrep analyze` gives them (a record's `id`,
else the file's name and the line or row number), so the results are the same.

Without `--scheduler`, a `LocalCluster` of `--workers` processes runs the tasks; with it, any Dask cluster
(dask-kubernetes, dask-jobqueue, Coiled ...) whose workers have sitrep installed.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from itertools import pairwise
from typing import Any

import fsspec

from sitrep import pipeline
from sitrep.document import Document
from sitrep.errors import InputError
from sitrep.options import Options
from sitrep.readers.jsonl import JsonlReader
from sitrep.store import document_row

TABLES = ("documents", "places", "events", "quantities")
TASKS_PER_WORKER = 16
"""Tasks small enough that the workers finish together: the last task decides when a batch ends."""


@dataclass(frozen=True)
class Task:
    """One part of the input: a byte range of a JSON Lines file (whose first line has number `first_line`), or
    a Parquet file (whose first row has number `first_line`)."""

    index: int
    url: str
    kind: str  # "jsonl" | "parquet"
    start: int
    end: int
    first_line: int


def plan(url: str, partitions: int) -> list[Task]:
    """Cut the input into about `partitions` tasks without reading it into memory."""
    fs, path = fsspec.core.url_to_fs(url)
    if path.endswith(".parquet") or fs.isdir(path):
        import pyarrow.parquet as pq

        files = sorted(fs.glob(posixpath.join(path, "**/*.parquet"))) if fs.isdir(path) else [path]
        tasks, row = [], 1
        for i, name in enumerate(files):
            with fs.open(name, "rb") as fh:
                rows = pq.ParquetFile(fh).metadata.num_rows
            tasks.append(Task(i, fs.unstrip_protocol(name), "parquet", 0, rows, row))
            row += rows
        return tasks
    size = fs.size(path)
    cuts = [0]
    with fs.open(path, "rb") as fh:
        for k in range(1, max(1, partitions)):
            fh.seek(max(cuts[-1], size * k // partitions))
            fh.readline()  # to the next line break
            if fh.tell() < size and fh.tell() > cuts[-1]:
                cuts.append(fh.tell())
        cuts.append(size)
        tasks, line = [], 1
        for i, (start, end) in enumerate(pairwise(cuts)):
            tasks.append(Task(i, fs.unstrip_protocol(path), "jsonl", start, end, line))
            fh.seek(start)
            line += fh.read(end - start).count(b"\n")
    return tasks


def _records(task: Task) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line or row number, record, error) for each line or row of a task."""
    if task.kind == "parquet":
        import pyarrow.parquet as pq

        with fsspec.open(task.url, "rb") as fh:
            for n, record in enumerate(pq.read_table(fh).to_pylist(), task.first_line):
                yield n, record, None
        return
    with fsspec.open(task.url, "rb") as fh:
        fh.seek(task.start)
        data = fh.read(task.end - task.start)
    for n, line in enumerate(data.split(b"\n"), task.first_line):
        if line.strip():
            try:
                yield n, json.loads(line.decode("utf-8")), None
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield n, None, f"line is not valid JSON ({exc})"


def run_task(task: Task, options: Options, output: str) -> dict[str, int]:
    """Analyse one task's articles and write its four Parquet files; returns counts."""
    stem = posixpath.splitext(posixpath.basename(task.url.rstrip("/")))[0]
    docs: list[Document] = []
    failed = 0
    for n, record, error in _records(task):
        where = f"{task.url}:{n}"
        try:
            if error:
                raise InputError(where, error)
            docs.append(pipeline.analyze(JsonlReader.record(record, f"{stem}-{n}", where), options))
        except InputError:
            failed += 1
    rows = tables(docs)
    for name in TABLES:
        write(rows[name], posixpath.join(output, name, f"part-{task.index:05d}.parquet"))
    return {"documents": len(docs), "failed": failed, "events": len(rows["events"])}


def tables(docs: list[Document]) -> dict[str, list[dict[str, Any]]]:
    """The four tables of a batch: documents as the store keeps them, and its places, events and quantities
    flattened with their document's id (places and JSON columns as JSON text)."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for doc in docs:
        out["documents"].append(document_row(doc, doc.source))
        record = doc.record()
        for i, place in enumerate(record["places"]):
            out["places"].append({"doc_id": doc.doc_id, "ordinal": i, **{k: place.get(k) for k in PLACE_FIELDS},
                                  "mentions": json.dumps(place.get("mentions") or [])})
        for i, event in enumerate(record["events"]):
            date = event.get("date") or {}
            out["events"].append({"doc_id": doc.doc_id, "ordinal": i, "type": event["type"], "actor": event["actor"],
                                  "date_start": date.get("start"), "date_end": date.get("end"),
                                  "places": json.dumps(event["places"], ensure_ascii=False),
                                  "claimant": event["claimant"], "claimant_side": event["claimant_side"],
                                  "certainty": event["certainty"], "evidence": event["evidence"],
                                  "start": event["start"], "end": event["end"]})
        for i, q in enumerate(record["quantities"]):
            period = q.get("period") or {}
            out["quantities"].append({"doc_id": doc.doc_id, "ordinal": i, "measure": q["measure"],
                                      "value": float(q["value"]),
                                      "value_max": None if q.get("value_max") is None else float(q["value_max"]),
                                      "unit": q["unit"], "period_start": period.get("start"),
                                      "period_end": period.get("end"), "actor": q.get("actor"),
                                      "claimant": q.get("claimant"), "evidence": q["evidence"]})
    return out


PLACE_FIELDS = ("name", "geonameid", "lat", "lon", "admin1", "country", "kind", "precision", "mention", "start", "end")
SCHEMAS = {
    "documents": {"word_count": "int64"},
    "places": {"ordinal": "int64", "geonameid": "int64", "lat": "float64", "lon": "float64", "start": "int64",
               "end": "int64"},
    "events": {"ordinal": "int64", "start": "int64", "end": "int64"},
    "quantities": {"ordinal": "int64", "value": "float64", "value_max": "float64"},
}
COLUMNS = {
    "documents": ("key", "doc_id", "title", "published", "outlet", "url", "language", "word_count", "text", "raw",
                  "offsets", "removed", "provenance", "analysis", "source"),
    "places": ("doc_id", "ordinal", *PLACE_FIELDS, "mentions"),
    "events": ("doc_id", "ordinal", "type", "actor", "date_start", "date_end", "places", "claimant", "claimant_side",
               "certainty", "evidence", "start", "end"),
    "quantities": ("doc_id", "ordinal", "measure", "value", "value_max", "unit", "period_start", "period_end", "actor",
                   "claimant", "evidence"),
}


def write(rows: list[dict[str, Any]], url: str) -> None:
    """One Parquet file with the table's fixed schema (so empty parts and all parts agree)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    name = url.rstrip("/").split("/")[-2]
    schema = pa.schema([(c, getattr(pa, SCHEMAS[name].get(c, "string"))()) for c in COLUMNS[name]])
    fs, path = fsspec.core.url_to_fs(url)
    fs.makedirs(posixpath.dirname(path), exist_ok=True)
    with fs.open(path, "wb") as fh:
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), fh)


ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
"""Each local worker is one process with one thread: numeric libraries must not each start a thread per core."""


def local_cluster(workers: int) -> Any:
    """A LocalCluster of `workers` single-threaded worker processes."""
    from dask.distributed import LocalCluster

    os.environ.update(ONE_THREAD)  # inherited by the worker processes
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


def warm(client: Any, options: Options) -> None:
    """Load the parser and the gazetteer on every worker now, so the first tasks do not wait for them."""
    client.run(_load, options)


def _load(options: Options) -> None:
    from sitrep import syntax
    from sitrep.places import gazetteer_for

    gazetteer_for(options.gazetteer)
    if options.parser:
        syntax.pipeline(options.parser)


def run(url: str, output: str, options: Options, partitions: int | None = None, scheduler: str | None = None,
        workers: int = 2) -> dict[str, int]:
    """Run the analysis of everything at `url` on a Dask cluster and write Parquet under `output`."""
    from dask.distributed import Client

    cluster = None if scheduler else local_cluster(workers)
    client = Client(scheduler or cluster)
    try:
        warm(client, options)
        return run_on(client, url, output, options, partitions)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_on(client: Any, url: str, output: str, options: Options, partitions: int | None = None) -> dict[str, int]:
    """Run the tasks on a connected Dask client; write `_batch.json` with the counts."""
    tasks = plan(url, partitions or TASKS_PER_WORKER * len(client.scheduler_info()["workers"]))
    futures = client.map(run_task, tasks, options=options, output=output, pure=False)
    totals = {"tasks": len(tasks), "documents": 0, "failed": 0, "events": 0}
    for counts in client.gather(futures):
        for key, value in counts.items():
            totals[key] += value
    fs, path = fsspec.core.url_to_fs(output)
    with fs.open(posixpath.join(path, "_batch.json"), "w") as fh:
        json.dump({"input": url, "options": asdict(options), **totals}, fh)
    return totals


def documents(output: str) -> Iterator[dict[str, Any]]:
    """The document rows a batch wrote, part by part, in input order (for `sitrep ingest --from-parquet`)."""
    import pyarrow.parquet as pq

    fs, path = fsspec.core.url_to_fs(output)
    parts = sorted(fs.glob(posixpath.join(path, "documents", "part-*.parquet")))
    if not parts:
        raise InputError(output, "holds no documents/part-*.parquet", "give the OUTPUT folder of a `sitrep batch` run")
    for part in parts:
        with fs.open(part, "rb") as fh:
            yield from pq.read_table(fh).to_pylist()
