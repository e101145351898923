"""Ingest: read, clean and describe documents, and add the new ones to the store.

The cheap stages (up to metadata) run first so a copy of an article already stored is recognised
before the expensive analysis runs on it again. `ingest_parquet` adds the documents a `sitrep batch` run
analysed, read back through the Parquet reader, the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sitrep import ledger, pipeline, readers
from sitrep.document import Document
from sitrep.errors import InputError, StoreError
from sitrep.options import Options
from sitrep.store import Store

IDENTITY_STAGES = ("clean", "metadata")


@dataclass
class Summary:
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stopped: str | None = None
    """Why the run stopped early: the store could not be written. What was stored before is kept."""


def ingest(paths: Iterable[str], store: Store, options: Options,
           on_document: Callable[[Document | InputError, str], None] | None = None) -> Summary:
    """Add every readable document under `paths` to `store`; report the rest. A write that fails (a full disk)
    stops the run, since every later write would fail too; each stored document is its own transaction, so
    running again after the cause is mended picks up where this stopped."""
    run = pipeline.stages(options)
    split = max((i + 1 for i, name in enumerate(options.stages) if name in IDENTITY_STAGES), default=0)

    def analyze(doc: Document) -> None:
        pipeline.analyze(doc, options, run[:split])
        if not store.has(doc.key):
            pipeline.analyze(doc, options, run[split:])

    return _add_all(readers.read(paths, options), store, analyze, on_document)


def ingest_parquet(output: str, store: Store,
                   on_document: Callable[[Document | InputError, str], None] | None = None) -> Summary:
    """Add the documents a `sitrep batch` run wrote under `output` (a path or fsspec URL), analysed there
    already, to `store` as `ingest` adds the articles they were read from; stopping as `ingest` does. Raises
    InputError when `output` holds no documents."""
    from sitrep import batch

    return _add_all(batch.documents(output), store, None, on_document)


def _add_all(items: Iterable[Document | InputError], store: Store, analyze: Callable[[Document], None] | None,
             on_document: Callable[[Document | InputError, str], None] | None) -> Summary:
    """Store each document, after `analyze` when given; count and report the rest."""
    summary = Summary()
    for item in items:
        status = "failed"
        if isinstance(item, InputError):
            summary.failed += 1
            summary.errors.append(item.message)
        else:
            try:
                if analyze:
                    analyze(item)
                summary.warnings.extend(item.warnings)
                stored = store.add(item, item.source, ledger.add)
                status = stored.status
                if status == "new":
                    summary.new += 1
                else:
                    summary.duplicate += 1
            except InputError as exc:
                summary.failed += 1
                summary.errors.append(exc.message)
            except StoreError as exc:
                summary.stopped = str(exc)
                break
            except OSError as exc:  # a model or temporary file the analysis needs (a full temporary folder)
                summary.stopped = (f"{item.source}: the analysis could not read or write a file it needs ({exc}); what"
                                   " was stored before is kept; mend that, then run the same command again")
                break
        if on_document:
            on_document(item, status)
    return summary
