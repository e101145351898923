"""Parquet: a row per article, read a batch of rows at a time. A file of the documents `sitrep batch` writes
(`OUTPUT/documents/part-*.parquet`, the columns of the store's documents table) gives back the analysed
documents it holds; any other file is read as records like JSON Lines lines ("text" or "html", and optionally
"id", "url", "published", "outlet", "title"), row N of FILE named FILE:N.

pyarrow is imported when a Parquet file is read, not when the readers are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any, BinaryIO

from sitrep import registry
from sitrep.document import DOCUMENT_COLUMNS, Document, Removal
from sitrep.errors import InputError
from sitrep.offsets import OffsetMap
from sitrep.options import Options
from sitrep.readers.base import Source
from sitrep.readers.jsonl import JsonlReader, empty

ROWS_AT_ONCE = 1024
ANALYSIS = ("places", "events", "quantities", "slant")
"""What the analysis stages put in Document.analysis; the stored `analysis` column is its extraction record."""
STATED = {"header", "html-meta"}
"""Provenance of metadata the input stated (JSON Lines fields, HTML meta tags), which analysis takes as given."""


@registry.readers.register("parquet")
class ParquetReader:
    extensions = (".parquet",)

    def read(self, source: Source, options: Options) -> Iterator[Document | InputError]:
        try:
            stream = source.open()
        except InputError as exc:
            yield exc
            return
        with stream:
            yield from read_stream(stream, source.name, source.stem)


def read_stream(stream: BinaryIO, name: str, stem: str | None = None) -> Iterator[Document | InputError]:
    """A Document or an InputError for each row of the Parquet file in a seekable stream named `name`; records
    without an `id` are named `stem-ROW` (stem: the file name without its extension)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    stem = stem or PurePosixPath(name).stem
    try:
        file = pq.ParquetFile(stream)
    except (pa.ArrowException, OSError) as exc:
        yield InputError(name, f"is not a Parquet file ({exc})")
        return
    documents = set(DOCUMENT_COLUMNS) <= set(file.schema_arrow.names)
    number = 0
    try:
        for batch in file.iter_batches(ROWS_AT_ONCE):
            for row in batch.to_pylist():
                number += 1
                where = f"{name}:{number}"
                try:
                    yield document(row, where) if documents else JsonlReader.record(row, f"{stem}-{number}", where)
                except InputError as exc:
                    yield exc
    except (pa.ArrowException, OSError) as exc:
        yield InputError(name, f"cannot be read past row {number} ({exc})")
        return
    if not number:
        yield empty(name)


def document(row: dict[str, Any], where: str) -> Document:
    """The analysed document a row of the documents table holds (`sitrep.document.document_row` inverted: the row of
    the document read is that row). Metadata the input stated is stated again, so analysing it anew agrees."""
    try:
        provenance = json.loads(row["provenance"])
        record = json.loads(row["analysis"])
        doc = Document(doc_id=row["doc_id"], source=row["source"], raw=row["raw"], text=row["text"],
                       offsets=OffsetMap.from_list(json.loads(row["offsets"])),
                       removed=[Removal(**r) for r in json.loads(row["removed"])],
                       title=row["title"], published=row["published"], outlet=row["outlet"], url=row["url"],
                       language=row["language"], provenance=provenance,
                       analysis={key: record[key] for key in ANALYSIS if key in record})
        doc.stated = {key: value for key in ("title", "published", "outlet") if (value := row[key])
                      and provenance.get(key) in STATED}
        if row["url"]:
            doc.stated["url"] = row["url"]  # a URL only ever comes from the input
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise InputError(where, f"row is not a document as `sitrep batch` writes it ({exc!r})") from exc
    if not isinstance(doc.raw, str) or not isinstance(doc.text, str) or not doc.raw.strip():
        raise InputError(where, "row is a document without its text")
    return doc
