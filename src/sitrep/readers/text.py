"""Plain-text articles: an optional `key: value` header block, an optional ` date YYYY-MM-DD` line,
then the scraped page text. Large files are read in bounded parts split at paragraph breaks."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from sitrep import registry
from sitrep.document import Document
from sitrep.errors import InputError
from sitrep.options import Options
from sitrep.readers.base import Source
from sitrep.readers.sniff import decode, encoding_of

HEADER_KEYS = {"url", "outlet", "published", "title", "date", "source", "author", "language", "id"}
HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_-]{0,20})[ \t]*:[ \t]*+((?:[^\n]*?[^ \t\n])??)[ \t]*\r?\n", re.MULTILINE)
DATE_LINE = re.compile(r"(?<![ \t])[ \t]*date:?[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?![\d-])[ \t]*\r?\n?", re.IGNORECASE)
BLANK = re.compile(r"(?<![ \t\xa0])(?:[ \t\xa0]*\r?\n)+")
CHUNK = 1 << 20


def parse_preamble(raw: str, start: int = 0) -> tuple[dict[str, str], int]:
    """Read a header block and a date line at the top of `raw`; return what they state and where the body starts."""
    stated: dict[str, str] = {}
    pos = start
    m = BLANK.match(raw, pos)
    pos = m.end() if m else pos
    block: dict[str, str] = {}
    cursor = pos
    while (h := HEADER_LINE.match(raw, cursor)) and h.group(1).lower() in HEADER_KEYS:
        block[h.group(1).lower()] = h.group(2)
        cursor = h.end()
    if block and (BLANK.match(raw, cursor) or cursor == len(raw)):
        stated.update({k: v for k, v in block.items() if v})
        pos = cursor
        m = BLANK.match(raw, pos)
        pos = m.end() if m else pos
    if d := DATE_LINE.match(raw, pos):
        stated.setdefault("date", d.group(1))
        pos = d.end()
    if "date" in stated:
        stated.setdefault("published", stated.pop("date"))
    return stated, pos


@registry.readers.register("text")
class TextReader:
    """Reads .txt files; any input that is text but no other format also comes here."""

    extensions = (".txt", ".text")

    def read(self, source: Source, options: Options) -> Iterator[Document | InputError]:
        size = source.size
        if size is not None and size > options.max_doc_chars:
            yield from self._read_parts(source, options)
            return
        try:
            raw, warning = decode(source.read_bytes(), source.name)
            doc = self.document(source.stem, source.name, raw, warning)
        except InputError as exc:
            yield exc
            return
        yield doc

    def document(self, doc_id: str, name: str, raw: str, warning: str | None = None) -> Document:
        stated, body_start = parse_preamble(raw)
        if not raw[body_start:].strip():
            raise InputError(name, "has a header but no article text")
        doc = Document(doc_id=stated.pop("id", doc_id), source=name, raw=raw, body_start=body_start,
                       stated=stated)
        if warning:
            doc.warnings.append(warning)
        return doc

    def _read_parts(self, source: Source, options: Options) -> Iterator[Document | InputError]:
        """Stream a file too large for one document as parts cut at blank lines, each at most max_doc_chars."""
        try:
            stream = source.open()
        except InputError as exc:
            yield exc
            return
        with stream:
            head = stream.read(CHUNK)
            try:
                if not head.strip():
                    raise InputError(source.name, "is empty", "nothing to read")
                encoding, warning = encoding_of(head, source.name)
            except InputError as exc:
                yield exc
                return
            decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
            limit = options.max_doc_chars
            buffer, part, stated, pending = "", 0, None, None
            chunk = head
            while True:
                buffer += decoder.decode(chunk, final=not chunk)
                while len(buffer) >= limit or (not chunk and buffer.strip()):
                    cut = len(buffer) if len(buffer) < limit else _cut_point(buffer, limit)
                    piece, buffer = buffer[:cut], buffer[cut:]
                    if stated is None:
                        stated, body_start = parse_preamble(piece)
                    else:
                        body_start = 0
                    if not piece[body_start:].strip():
                        continue
                    if pending is not None:
                        yield pending
                    part += 1
                    pending = Document(doc_id=f"{source.stem}.part{part}", source=f"{source.name} (part {part})",
                                       raw=piece, body_start=body_start, stated=dict(stated))
                    pending.hints["part"] = part
                    if warning and part == 1:
                        pending.warnings.append(warning)
                if not chunk:
                    break
                chunk = stream.read(CHUNK)
            if pending is not None:
                pending.warnings.append(f"{source.name}: larger than one article ({limit:,} characters); "
                                        f"read as {part} parts split at paragraph breaks, no text dropped")
                yield pending


def _cut_point(buffer: str, limit: int) -> int:
    """Where to end a part: the last blank line before `limit`, else the last line break, else `limit`."""
    for sep in ("\n\n", "\n"):
        i = buffer.rfind(sep, limit // 2, limit)
        if i > 0:
            return i + len(sep)
    return limit
