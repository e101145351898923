"""The one record a document is as it moves through sitrep: read, cleaned, described, analysed, stored."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from sitrep.offsets import OffsetMap

METADATA_FIELDS = ("title", "published", "outlet", "url")


@dataclass
class Removal:
    """A raw span the cleaner dropped and the rule that dropped it, so cleaning can be audited."""

    start: int
    end: int
    rule: str


@dataclass
class Document:
    """One article: the raw input, its cleaned text with offsets back to the raw, and what is known of it."""

    doc_id: str
    source: str
    raw: str
    body_start: int = 0
    """Where the article starts in `raw`, after a header block the reader consumed."""
    stated: dict[str, str] = field(default_factory=dict)
    """Metadata the input states explicitly (a header block, HTML meta tags, JSONL fields)."""
    text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    removed: list[Removal] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    """For each metadata field, where its value came from (header, html-meta, dateline, url, footer, text)."""
    hints: dict[str, Any] = field(default_factory=dict)
    """Clues the cleaner saw for later stages: date lines, bylines, outlet cues, a month-only date."""
    analysis: dict[str, Any] = field(default_factory=dict)
    """What the analysis stages extract: places, events, quantities, slant (see spec/EXTRACTION.md)."""
    warnings: list[str] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        return len(re.findall(r"\w+(?:[’'-]\w+)*", self.text))

    @property
    def key(self) -> str:
        """Identity of the article's content: copies with other page chrome or spacing share it."""
        return content_key(self.text)

    def record(self, with_text: bool = False) -> dict[str, Any]:
        """The extraction record of spec/EXTRACTION.md for this document."""
        rec: dict[str, Any] = {
            "doc_id": self.doc_id,
            "published": self.published,
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "language": self.language,
            "word_count": self.word_count,
            "places": self.analysis.get("places", []),
            "events": self.analysis.get("events", []),
            "quantities": self.analysis.get("quantities", []),
            "slant": self.analysis.get("slant"),
        }
        if with_text:
            rec["text"] = self.text
        return rec

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["offsets"] = self.offsets.as_list()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        data = dict(data)
        data["offsets"] = OffsetMap.from_list(data.get("offsets", []))
        data["removed"] = [Removal(**r) for r in data.get("removed", [])]
        return cls(**data)


def content_key(text: str) -> str:
    """Hash of the text reduced to its words, case-folded: chrome-free copies of one article collide."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = re.findall(r"\w+", folded)
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:32]


DOCUMENT_COLUMNS = ("key", "doc_id", "title", "published", "outlet", "url", "language", "word_count", "text", "raw",
                    "offsets", "removed", "provenance", "analysis", "source")
"""A document as one flat row (JSON columns as JSON text): the store's documents table and the Parquet that
`sitrep batch` writes hold these columns."""


def document_row(doc: Document, source: str) -> dict[str, Any]:
    """A document as a row of the documents table."""
    return {"key": doc.key, "doc_id": doc.doc_id, "title": doc.title, "published": doc.published,
            "outlet": doc.outlet, "url": doc.url, "language": doc.language, "word_count": doc.word_count,
            "text": doc.text, "raw": doc.raw, "offsets": json.dumps(doc.offsets.as_list()),
            "removed": json.dumps([r.__dict__ for r in doc.removed]), "provenance": json.dumps(doc.provenance),
            "analysis": json.dumps(doc.record(), ensure_ascii=False), "source": source}
