"""The analysis of one document: the stages named in Options.stages, run in order.

Stages register by name in `sitrep.registry.stages` (built-in ones below, others through the
`sitrep_stages` entry-point group), so a run is reproducible from its options.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache

import catalogue

from sitrep import registry
from sitrep.clean import clean  # noqa: F401  (registers "clean")
from sitrep.document import Document
from sitrep.errors import InputError
from sitrep.events import events_stage  # noqa: F401  (registers "events", "quantities", "slant")
from sitrep.meta import language, metadata  # noqa: F401  (register "metadata", "language")
from sitrep.options import Options
from sitrep.places.stage import places  # noqa: F401  (registers "places")

Stage = Callable[[Document, Options], None]


def _name(stage: Stage) -> str:
    """The registered name of a stage function (looked up once: the registry scans entry points)."""
    return _stage_names().get(id(stage), getattr(stage, "__name__", "stage"))


@cache
def _stage_names() -> dict[int, str]:
    return {id(function): name for name, function in registry.stages.get_all().items()}


def stages(options: Options) -> list[Stage]:
    """The stage functions the options name; an unknown name is an error that lists the known ones."""
    found = []
    for name in options.stages:
        try:
            found.append(registry.stages.get(name))
        except catalogue.RegistryError as exc:
            known = ", ".join(sorted(registry.stages.get_all()))
            raise ValueError(f"unknown analysis stage {name!r}; known stages: {known}") from exc
    return found


# Stages cheap enough for any length of text; the others skip texts longer than Options.max_analysis_chars.
LINEAR_STAGES = {"clean", "metadata", "language"}


def analyze(doc: Document, options: Options, run: list[Stage] | None = None) -> Document:
    """Run every stage on `doc` in place and return it."""
    skipped = []
    for stage in stages(options) if run is None else run:
        name = _name(stage)
        if name not in LINEAR_STAGES and len(doc.text) > options.max_analysis_chars:
            skipped.append(name)
            continue
        stage(doc, options)
    if skipped:
        doc.warnings.append(f"{doc.source}: {len(doc.text):,} characters is longer than one article; stored "
                            f"without the {', '.join(skipped)} analysis (limit {options.max_analysis_chars:,})")
    if not doc.text.strip():
        raise InputError(doc.source, "has no article text left after removing page chrome",
                         "check that the input is an article")
    return doc


def analyze_all(items: Iterable[Document | InputError], options: Options) -> Iterator[Document | InputError]:
    """Analyse a stream of read documents, passing errors through."""
    run = stages(options)
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield analyze(item, options, run)
        except InputError as exc:
            yield exc
