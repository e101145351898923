"""Fuzz targets: one function per target, each taking the fuzzer's bytes and asserting the target's contract.

atheris (fuzz/run.py) and the property tests (tests/test_fuzz.py) call the same functions, so an input either
of them finds replays in the other. A target returns normally when the contract holds; anything it raises is a
finding. Readers may yield or raise `InputError` (a user's bad input) and nothing else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sitrep import pipeline, quantities, timex
from sitrep.clean import clean as clean_stage
from sitrep.document import Document
from sitrep.errors import InputError
from sitrep.meta import dates
from sitrep.options import DEFAULT_MODEL, Options
from sitrep.readers import reader_for
from sitrep.readers import text as text_module
from sitrep.readers.base import Source
from sitrep.readers.html import html_document
from sitrep.readers.jsonl import JsonlReader
from sitrep.readers.sniff import binary_kind, decode, encoding_of
from sitrep.readers.text import TextReader

ROOT = Path(__file__).resolve().parent.parent
# The gazetteer the test suite builds and keeps (tests/conftest.py), so a fuzz run never builds its own; read
# when the places stage first runs.
os.environ.setdefault("SITREP_HOME", str(ROOT / ".cache" / "sitrep-home"))

PLAIN = Options(stages=("clean",))
ANALYZE = Options(gazetteer="default", parser=None)
PARSED = Options(gazetteer="default", parser=DEFAULT_MODEL)
EPOCH = dt.date(1990, 1, 1)
"""Publication dates the time targets resolve against: EPOCH plus up to 65,535 days (to 2169), all plausible
enough to exercise the arithmetic; sitrep's metadata stage never passes an implausible one."""


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _iso(value: str | None) -> dt.date:
    """The date an ISO string names; fails the contract when it is not one."""
    assert isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value), f"not an ISO date: {value!r}"
    return dt.date.fromisoformat(value)


def _items(found: object) -> list[Document]:
    """The documents a reader yielded; anything but a Document or an InputError breaks the reader contract."""
    docs = []
    for item in found:  # type: ignore[attr-defined]
        assert isinstance(item, Document | InputError), f"reader yielded {type(item).__name__}"
        if isinstance(item, Document):
            assert item.raw.strip(), "document with no text"
            assert 0 <= item.body_start <= len(item.raw), "body_start outside raw"
            assert all(isinstance(k, str) and isinstance(v, str) for k, v in item.stated.items()), "stated not str"
            docs.append(item)
    return docs


def text_reader(data: bytes) -> None:
    """TextReader whole (decode + preamble) and streamed as parts through reads of a few bytes: parts are
    consecutive slices of the decoded text, each within max_doc_chars, with only blank stretches or the preamble
    between them."""
    with contextlib.suppress(InputError):
        _items([TextReader().document("doc", "doc.txt", _text(data))])
    _items(TextReader().read(Source("doc.txt", data=data), Options()))
    limit = 8 + (data[0] if data else 0) % 120
    chunk = 4 + (data[1] if len(data) > 1 else 0)
    saved, text_module.CHUNK = text_module.CHUNK, chunk  # small reads, so characters and lines straddle them
    try:
        parts = _items(TextReader().read(Source("doc.txt", data=data), Options(max_doc_chars=limit)))
    finally:
        text_module.CHUNK = saved
    if not parts:
        return
    encoding, _ = encoding_of(data if len(data) <= limit else data[:chunk], "doc.txt")  # what read() detects on
    whole = data.decode(encoding, errors="replace")
    at = 0
    for number, part in enumerate(parts, 1):
        assert len(part.raw) <= limit, f"part {number} is {len(part.raw)} > {limit} characters"
        found = whole.find(part.raw, at)
        assert found >= 0, f"part {number} is not the text that follows part {number - 1}"
        assert number == 1 or not whole[at:found].strip(), f"text dropped before part {number}"
        at = found + len(part.raw)
    assert not whole[at:].strip(), "text dropped after the last part"


def jsonl_reader(data: bytes) -> None:
    """JsonlReader over any bytes: one Document or InputError per non-blank line, never an exception."""
    docs = _items(JsonlReader().read(Source("feed.jsonl", data=data), Options()))
    lines = sum(1 for line in data.split(b"\n") if line.strip())
    assert len(docs) <= lines, "more documents than lines"


def html_reader(data: bytes) -> None:
    """html_document on any markup: a Document with text, or InputError."""
    with contextlib.suppress(InputError):
        _items([html_document("page", "page.html", _text(data))])


def sniff(data: bytes) -> None:
    """binary_kind, encoding_of and decode: a kind or None, an encoding Python knows, and valid UTF-8 that is
    not binary decoded exactly as UTF-8."""
    kind = binary_kind(data)
    assert kind is None or isinstance(kind, str)
    try:
        encoding: str | None = encoding_of(data, "doc")[0]
        data.decode(encoding, errors="replace")
    except InputError:
        encoding = None
    try:
        text, warning = decode(data, "doc")
    except InputError:
        text = warning = None
    try:
        plain = data.decode("utf-8")
    except UnicodeDecodeError:
        plain = None
    if text is not None:
        assert encoding is not None and kind is None, "decoded bytes that encoding_of refused"
    if plain is not None and kind is None and plain.strip():
        assert text is not None, "refused text that is valid UTF-8"
        if encoding == "utf-8":
            assert text == plain and warning is None, "valid UTF-8 decoded otherwise"


def read_source(data: bytes) -> None:
    """reader_for on an in-memory input (chosen by content), then that reader: only Documents and InputErrors."""
    source = Source("-", data=data)
    reader = reader_for(source, source.read_bytes(8192))
    if isinstance(reader, InputError):
        return
    _items(reader.read(source, Options()))


def _check_offsets(doc: Document) -> None:
    """The invariant of OffsetMap: every cleaned character is the raw character its offset names, or a
    separator that maps to none; pieces come in raw order, after the preamble."""
    covered = 0
    last_raw = doc.body_start
    for t, r, n in doc.offsets.segments:
        assert n > 0 and t >= covered, f"segment {(t, r, n)} overlaps the one before"
        assert r >= last_raw and r + n <= len(doc.raw), f"segment {(t, r, n)} out of raw order or bounds"
        assert doc.text[t:t + n] == doc.raw[r:r + n], f"segment {(t, r, n)} is not the raw text it maps to"
        assert not doc.text[covered:t].strip(), f"unmapped text {doc.text[covered:t]!r}"
        assert doc.offsets.to_raw(t) == r and doc.offsets.to_raw(t + n - 1) == r + n - 1
        covered, last_raw = t + n, r + n
    assert covered == len(doc.text), "text after the last segment"
    for t in range(len(doc.text)):
        r = doc.offsets.to_raw(t)
        assert (r is None and doc.text[t] == "\n") or (r is not None and doc.raw[r] == doc.text[t]), f"offset {t}"
    if doc.text:
        span = doc.offsets.span_to_raw(0, len(doc.text))
        assert span is not None and doc.body_start <= span[0] < span[1] <= len(doc.raw)
    for removal in doc.removed:
        assert 0 <= removal.start <= removal.end <= len(doc.raw) and removal.rule, f"removal {removal}"


def clean(data: bytes) -> None:
    """The cleaner on any text, with and without a preamble: cleaned text maps back into the raw text."""
    raw = _text(data)
    docs = [Document(doc_id="doc", source="doc.txt", raw=raw)]
    with contextlib.suppress(InputError):
        docs.append(TextReader().document("doc", "doc.txt", raw))
    for doc in docs:
        clean_stage(doc, PLAIN)
        _check_offsets(doc)


def _check_found(found: dates.FoundDate, text: str | None) -> None:
    assert 1 <= found.month <= 12, f"month {found.month}"
    assert found.day is None or 1 <= found.day <= 31, f"day {found.day}"
    if found.iso() is not None:
        _iso(found.iso())
        assert isinstance(dates.plausible(found.iso()), bool)
    if found.month_range() is not None:
        first, last = found.month_range()
        assert _iso(first) <= _iso(last)
    if text is not None:
        assert 0 <= found.start < found.end <= len(text), f"span {found.start}-{found.end}"


def date_parsing(data: bytes) -> None:
    """find_dates, date_line, url_date and plausible: real dates only, spans inside the text, in order."""
    text = _text(data)
    found = dates.find_dates(text)
    for date in found:
        _check_found(date, text)
    assert [d.start for d in found] == sorted(d.start for d in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found)), "overlapping dates"
    for line in text.splitlines() or [text]:
        result = dates.date_line(line)
        if result is not None:
            _check_found(result[0], None)
            assert isinstance(result[1], bool)
    url = dates.url_date(text)
    if url is not None:
        _check_found(url, None)
        assert url.day is None or url.iso() is not None, "url_date returned a day that does not exist"


def _time_context(data: bytes) -> tuple[str | None, str | None, str]:
    """A publication date (or none) and a reference date from the first four bytes; the text from the rest."""
    head = data[:4].ljust(4, b"\0")
    published = None if head[0] & 1 else (EPOCH + dt.timedelta(days=int.from_bytes(head[:2], "little") >> 1)).isoformat()
    reference = (EPOCH + dt.timedelta(days=int.from_bytes(head[2:4], "little"))).isoformat()
    return published, reference, _text(data[4:])


def time_expressions(data: bytes) -> None:
    """timex.find, only_year, latest_stated and recent_days: valid ISO dates, start <= end, spans in the text."""
    published, reference, text = _time_context(data)
    year_hint = timex.only_year(text)
    if year_hint is not None:
        assert _iso(year_hint[0]) <= _iso(year_hint[1])
    latest = timex.latest_stated(text)
    if latest is not None:
        _iso(latest)
    recent = timex.recent_days(published)
    if recent is not None:
        assert _iso(recent["start"]) <= _iso(recent["end"])
    for pub, ref in ((published, None), (None, reference), (published, reference), (None, None)):
        spans = timex.find(text, pub, year_hint, ref)
        for span in spans:
            start = _iso(span.start)
            assert span.end is None or start <= _iso(span.end), f"{span} ends before it starts"
            assert text[span.offset:span.offset + len(span.text)] == span.text, f"{span} is not in the text"
        assert [s.offset for s in spans] == sorted(s.offset for s in spans)


def quantity_parsing(data: bytes) -> None:
    """quantities.find and number: figures inside the sentence, finite values, a maximum above the value."""
    sentence = _text(data)
    for found in quantities.find(sentence):
        assert 0 <= found.start < found.end <= len(sentence), f"span {found.start}-{found.end}"
        assert math.isfinite(found.value), f"value {found.value}"
        assert found.value_max is None or (math.isfinite(found.value_max) and found.value_max > found.value)
        assert found.unit in quantities.RECORD_UNITS, found.unit
    for piece in re.split(r"[^\w,. -]+", sentence)[:50]:
        value = quantities.number(piece)
        assert value is None or math.isfinite(value), f"number({piece!r}) = {value}"


def _check_record(doc: Document) -> None:
    """The record is strict JSON and every offset in it indexes the cleaned text."""
    record = doc.record(with_text=True)
    json.dumps(record, allow_nan=False)
    text = doc.text
    for place in record["places"]:
        assert text[place["start"]:place["end"]] == place["mention"], f"place {place['mention']!r}"
        assert all(0 <= s < e <= len(text) for s, e in place["mentions"]), "place mention outside the text"
    for event in record["events"]:
        assert text[event["start"]:event["end"]] == event["evidence"], "event evidence is not its span"
        if event["date"] is not None:
            end = event["date"]["end"]
            assert end is None or _iso(event["date"]["start"]) <= _iso(end), f"event date {event['date']}"
    for quantity in record["quantities"]:
        assert 0 <= quantity["start"] < quantity["end"] <= len(text), "quantity outside the text"
    for marker in record["slant"]["markers"]:
        assert text[marker["start"]:marker["end"]] == marker["text"], "slant marker is not its span"
    assert -1 <= record["slant"]["score"] <= 1
    if record["published"] is not None:
        _iso(record["published"])


def _analyze(data: bytes, options: Options) -> None:
    try:
        doc = TextReader().document("doc", "doc.txt", _text(data))
        pipeline.analyze(doc, options)
    except InputError:
        return
    _check_offsets(doc)
    _check_record(doc)


def analyze(data: bytes) -> None:
    """The whole analysis without the parser: only InputError may come out; the record holds."""
    _analyze(data, ANALYZE)


def analyze_parsed(data: bytes) -> None:
    """The whole analysis with the default spaCy parser (the slow path, fuzzed with fewer inputs)."""
    _analyze(data, PARSED)


@dataclass(frozen=True)
class Target:
    function: Callable[[bytes], None]
    bound: float
    """Seconds one input may take (over it is a finding, like a crash); measured times are far below."""
    max_len: int
    """Largest input the fuzzer generates, in bytes."""


TARGETS: dict[str, Target] = {
    "text_reader": Target(text_reader, 0.5, 8192),
    "jsonl_reader": Target(jsonl_reader, 1.0, 8192),
    "html_reader": Target(html_reader, 1.0, 4096),
    "sniff": Target(sniff, 0.5, 8192),
    "read_source": Target(read_source, 1.0, 8192),
    "clean": Target(clean, 0.5, 8192),
    "dates": Target(date_parsing, 0.25, 4096),
    "timex": Target(time_expressions, 0.25, 4096),
    "quantities": Target(quantity_parsing, 0.25, 4096),
    "analyze": Target(analyze, 2.0, 4096),
    "analyze_parsed": Target(analyze_parsed, 2.0, 4096),
}
