"""The cleaner on the real sample articles in ../shared: no chrome line survives, no article line is lost.

tests/data/shared_lines.json lists, per article, fingerprints (SHA-1 of the whitespace-normalised line)
of its article lines, of its chrome lines, and of article lines that end in inline chrome ("... Read also:
<headline>") with the number of characters that belong to the article; labelled by hand, so the article
text itself is not copied into the project. Every non-blank line of every article must carry a label.
"""

import hashlib
import json
import re

import pytest

from sitrep.clean import split_lines
from tests.conftest import DATA, SHARED, analyze_paths, needs_shared

LABELS = json.loads((DATA / "shared_lines.json").read_text(encoding="utf-8"))
PREAMBLE = re.compile(r"^(?:url:.*|\s*date:?\s+\d{4}-\d{2}(?:-\d{2})?\s*)")


def fingerprint(text: str) -> str:
    return hashlib.sha1(re.sub(r"\s+", " ", text).strip().encode()).hexdigest()[:12]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@needs_shared
@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_every_line_is_kept_or_dropped_as_labelled(corpus: str):
    problems = []
    for doc in analyze_paths(SHARED / "corpus" / corpus):
        labels = LABELS[doc.doc_id]
        article, chrome, inline = set(labels["article"]), set(labels["chrome"]), labels["inline"]
        text = norm(doc.text)
        kept_lines = {norm(line) for line in doc.text.split("\n")}
        for line in split_lines(doc.raw, 0):
            content = PREAMBLE.sub("", line.text).strip()
            if not content:
                continue
            key = fingerprint(content)
            if key in article and norm(content) not in text:
                problems.append(f"{doc.doc_id}: article line lost: {content[:60]!r}")
            elif key in chrome and norm(content) in kept_lines:
                problems.append(f"{doc.doc_id}: chrome kept: {content[:60]!r}")
            elif key in inline and (norm(content[:inline[key]]) not in text or norm(content) in kept_lines):
                problems.append(f"{doc.doc_id}: inline chrome not cut where labelled: {content[:60]!r}")
            elif key not in article and key not in chrome and key not in inline:
                problems.append(f"{doc.doc_id}: unlabelled line {content[:60]!r}")
    assert problems == []


@needs_shared
def test_gold_evidence_survives_cleaning():
    """Every evidence sentence the annotators tied to a required event or quantity is in the cleaned text."""
    docs = {d.doc_id: norm(d.text) for d in analyze_paths(SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev")}
    lost = []
    for gold in ("seeds", "dev"):
        for annotated in json.loads((SHARED / "gold" / f"{gold}.json").read_text(encoding="utf-8"))["docs"]:
            text = docs[annotated["doc_id"]]
            for item in annotated["events"] + annotated["quantities"]:
                if item.get("evidence") and not item.get("optional") and norm(item["evidence"]) not in text:
                    lost.append(f"{annotated['doc_id']}: {item['evidence'][:60]!r}")
    assert lost == []
