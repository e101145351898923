"""Language of a document, from its cleaned text, so non-English input can be flagged or routed."""

from __future__ import annotations

import py3langid

from sitrep import registry
from sitrep.document import Document
from sitrep.options import Options

SAMPLE_CHARS = 4000
MIN_CHARS = 20


@registry.stages.register("language")
def language(doc: Document, options: Options) -> None:
    """Set doc.language to an ISO 639-1 code; a stated language wins; too little text leaves it null."""
    stated = doc.stated.get("language")
    if stated:
        doc.language = stated.lower()[:2]
        return
    sample = doc.text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return
    code, _ = py3langid.classify(sample)
    doc.language = code
