"""`sitrep batch`: the same analysis as `sitrep analyze`, spread over a Dask cluster, written as Parquet.

The driver only cuts the input into tasks: for JSON Lines, byte ranges that end at line breaks (so it never
holds the articles), for Parquet, its files. Each task reads its part through the readers `sitrep analyze` uses
(`readers.jsonl.read_range`, `readers.parquet.read_stream`), runs `pipeline.analyze` with the run's `Options`,
and writes four Parquet files of its own (documents, places, events, quantities) under OUTPUT: no data passes
back through the driver, only counts and the messages for the inputs that failed and the documents' warnings,
which are those `sitrep analyze` prints for the same input. Workers are processes that keep their spaCy model
and gazetteer between tasks, so each loads them once. Documents get the ids `sitrep analyze` gives them (a
record's `id`, else the file's name and the line or row number), so the results are the same.

Without `--scheduler`, a `LocalCluster` of `--workers` processes runs the tasks; with it, any Dask cluster
(dask-kubernetes, dask-jobqueue, Coiled ...) whose workers have sitrep installed.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import PurePosixPath
from typing import Any

import fsspec

from sitrep import pipeline
from sitrep.document import Document, document_row
from sitrep.errors import InputError
from sitrep.options import Options
from sitrep.readers import jsonl, parquet

TABLES = ("documents", "places", "events", "quantities")
TASKS_PER_WORKER = 16
"""Tasks small enough that the workers finish together: the last task decides when a batch ends."""
CHUNK = 1 << 20
"""Bytes the driver reads at once when it counts lines."""
Report = Callable[[str, str], None]
"""What receives each message: (message, kind), kind "error" for an input that failed or "warning"."""


@dataclass(frozen=True)
class Task:
    """One part of the input: a byte range of a JSON Lines file (whose first line has number `first_line`), or
    a Parquet file. `name` is what messages call the file: the input as given, or for a file in a folder given,
    the folder as given and the file's path in it (as `sitrep analyze` names them)."""

    index: int
    url: str
    kind: str  # "jsonl" | "parquet"
    start: int
    end: int
    first_line: int
    name: str = ""


def plan(url: str, partitions: int) -> list[Task]:
    """Cut the input into about `partitions` tasks without reading it into memory. A JSON Lines input whose
    first bytes show a binary format is an InputError, as for `sitrep analyze`."""
    fs, path = fsspec.core.url_to_fs(url)
    if path.endswith(".parquet") or fs.isdir(path):
        if not fs.isdir(path):
            return [Task(0, fs.unstrip_protocol(path), "parquet", 0, 0, 1, url)]
        files = sorted(fs.glob(posixpath.join(path, "**/*.parquet")))
        if not files:
            raise InputError(url, "holds no .parquet files", "give a JSON Lines file, or a Parquet file or folder")
        return [Task(i, fs.unstrip_protocol(name), "parquet", 0, 0, 1,
                     posixpath.join(url.rstrip("/"), posixpath.relpath(name, path))) for i, name in enumerate(files)]
    size = fs.size(path)
    cuts = [0]
    with fs.open(path, "rb") as fh:
        refused = jsonl.refuse(url, fh.read(8192))
        if refused:
            raise refused
        for k in range(1, max(1, partitions)):
            fh.seek(max(cuts[-1], size * k // partitions))
            fh.readline()  # to the next line break
            if fh.tell() < size and fh.tell() > cuts[-1]:
                cuts.append(fh.tell())
        cuts.append(size)
        tasks, line = [], 1
        for i, (start, end) in enumerate(pairwise(cuts)):
            tasks.append(Task(i, fs.unstrip_protocol(path), "jsonl", start, end, line, url))
            fh.seek(start)
            for at in range(start, end, CHUNK):  # line numbers: count the line breaks, a chunk at a time
                line += fh.read(min(CHUNK, end - at)).count(b"\n")
    return tasks


def read(task: Task) -> Iterator[Document | InputError]:
    """The documents of a task's part of the input, and an InputError for each line or row that is not one, as
    the reader of `sitrep analyze` gives them."""
    name = task.name or task.url
    with fsspec.open(task.url, "rb") as fh:
        if task.kind == "parquet":
            yield from parquet.read_stream(fh, name)
        else:
            yield from jsonl.read_range(fh, task.start, task.end, task.first_line, name, PurePosixPath(name).stem)


def run_task(task: Task, options: Options, output: str) -> dict[str, Any]:
    """Analyse one task's articles and write its four Parquet files; returns counts (`read`: the lines or rows
    read) and `messages`, (message, kind) in input order."""
    docs: list[Document] = []
    messages: list[tuple[str, str]] = []
    read_count = 0
    for item in pipeline.analyze_all(read(task), options):
        read_count += 1
        if isinstance(item, InputError):
            messages.append((item.message, "error"))
        else:
            docs.append(item)
            messages.extend((warning, "warning") for warning in item.warnings)
    rows = tables(docs)
    for name in TABLES:
        write(rows[name], posixpath.join(output, name, f"part-{task.index:05d}.parquet"))
    return {"documents": len(docs), "failed": read_count - len(docs), "events": len(rows["events"]), "read": read_count,
            "messages": messages}


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
    from sitrep.places.tiers import gazetteer_for

    gazetteer_for(options.gazetteer)
    if options.parser:
        syntax.pipeline(options.parser)


def run(url: str, output: str, options: Options, partitions: int | None = None, scheduler: str | None = None,
        workers: int = 2, report: Report | None = None) -> dict[str, int]:
    """Run the analysis of everything at `url` on a Dask cluster and write Parquet under `output`; `report`
    receives each failure's message and each document's warnings, in input order."""
    from dask.distributed import Client

    cluster = None if scheduler else local_cluster(workers)
    client = Client(scheduler or cluster)
    try:
        warm(client, options)
        return run_on(client, url, output, options, partitions, report)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_on(client: Any, url: str, output: str, options: Options, partitions: int | None = None,
           report: Report | None = None) -> dict[str, int]:
    """Run the tasks on a connected Dask client; write `_batch.json` with the counts. Messages go to `report`
    task by task in input order, each task's as soon as it and those before it are done."""
    tasks = plan(url, partitions or TASKS_PER_WORKER * len(client.scheduler_info()["workers"]))
    futures = client.map(run_task, tasks, options=options, output=output, pure=False)
    totals = {"tasks": len(tasks), "documents": 0, "failed": 0, "events": 0}
    read_count = 0
    for future in futures:
        counts = future.result()
        for message, kind in counts["messages"]:
            if report:
                report(message, kind)
        for key in ("documents", "failed", "events"):
            totals[key] += counts[key]
        read_count += counts["read"]
    if tasks and tasks[0].kind == "jsonl" and not read_count:
        totals["failed"] += 1
        if report:
            report(jsonl.empty(url).message, "error")
    fs, path = fsspec.core.url_to_fs(output)
    with fs.open(posixpath.join(path, "_batch.json"), "w") as fh:
        json.dump({"input": url, "options": asdict(options), **totals}, fh)
    return totals


def documents(output: str) -> Iterator[Document | InputError]:
    """The analysed documents a batch wrote under `output`, part by part, in input order, through the Parquet
    reader (for `sitrep ingest --from-parquet`); an InputError for a row that is not one. Raises InputError when
    `output` holds no documents."""
    fs, path = fsspec.core.url_to_fs(output)
    parts = sorted(fs.glob(posixpath.join(path, "documents", "part-*.parquet")))
    if not parts:
        raise InputError(output, "holds no documents/part-*.parquet", "give the OUTPUT folder of a `sitrep batch` run")
    for part in parts:
        with fs.open(part, "rb") as fh:
            yield from parquet.read_stream(fh, posixpath.join(output.rstrip("/"), posixpath.relpath(part, path)))
