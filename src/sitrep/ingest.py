"""Ingest: read, clean and describe documents, and add the new ones to the store.

The cheap stages (up to metadata) run first so a copy of an article already stored is recognised
before the expensive analysis runs on it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sitrep import pipeline, readers
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
    summary = Summary()
    for item in readers.read(paths, options):
        status = "failed"
        if isinstance(item, InputError):
            summary.failed += 1
            summary.errors.append(item.message)
        else:
            try:
                pipeline.analyze(item, options, run[:split])
                if not store.has(item.key):
                    pipeline.analyze(item, options, run[split:])
                summary.warnings.extend(item.warnings)
                stored = store.add(item, item.source)
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
