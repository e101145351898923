"""JSON Lines: one article per line, read as a stream so a million-line file needs no more memory than one line.

`read_lines` is the one parser of lines: `JsonlReader.read` feeds it a whole input, `read_range` a byte range of
one (what a `sitrep batch` task reads), so both give the same documents and the same errors for a line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from sitrep import registry
from sitrep.document import Document
from sitrep.errors import InputError
from sitrep.options import Options
from sitrep.readers.base import Source
from sitrep.readers.html import html_document
from sitrep.readers.sniff import binary_kind

FIELDS = ("url", "published", "outlet", "title")
SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair, which JSON's \\u escapes can spell alone: not a character, and not storable as UTF-8."""


@registry.readers.register("jsonl")
class JsonlReader:
    extensions = (".jsonl", ".ndjson")

    def read(self, source: Source, options: Options) -> Iterator[Document | InputError]:
        try:
            stream = source.open()
        except InputError as exc:
            yield exc
            return
        with stream:
            head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
            refused = refuse(source.name, head)
            if refused:
                yield refused
                return
            seen = 0
            for item in read_lines(enumerate(stream, 1), source.name, source.stem):
                seen += 1
                yield item
            if not seen:
                yield empty(source.name)

    @staticmethod
    def record(obj: object, default_id: str, where: str) -> Document:
        if not isinstance(obj, dict):
            raise InputError(where, f"line is a JSON {type(obj).__name__}, not an object with a \"text\" field")
        for key in ("id", "text", "html", *FIELDS):
            found = SURROGATE.search(obj[key]) if isinstance(obj.get(key), str) else None
            if found:
                raise InputError(where, f"the \"{key}\" field holds \\u{ord(found.group()):04x}, half of a UTF-16 "
                                 "surrogate pair and not a character", "the program that wrote it cut a character in two")
        stated = {k: str(obj[k]).strip() for k in FIELDS if isinstance(obj.get(k), str | int) and str(obj[k]).strip()}
        doc_id = str(obj.get("id") or default_id)
        if isinstance(obj.get("text"), str) and obj["text"].strip():
            return Document(doc_id=doc_id, source=where, raw=obj["text"], stated=stated)
        if isinstance(obj.get("html"), str) and obj["html"].strip():
            return html_document(doc_id, where, obj["html"], stated)
        raise InputError(where, "record has no \"text\" or \"html\" field with content")


def read_lines(lines: Iterable[tuple[int, bytes]], name: str, stem: str) -> Iterator[Document | InputError]:
    """A Document or an InputError (named `name:NUMBER`) for each non-blank line; `lines` are (number, line as
    read, with its line break). Documents without an `id` are named `stem-NUMBER`."""
    for number, line in lines:
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            yield JsonlReader.record(json.loads(line.decode("utf-8")), f"{stem}-{number}", where)
        except UnicodeDecodeError:
            yield InputError(where, "line is not valid UTF-8", "JSON Lines files must be UTF-8")
        except json.JSONDecodeError as exc:
            yield InputError(where, f"line is not valid JSON ({exc.msg} at column {exc.colno})")
        except (RecursionError, ValueError):  # arrays nested a thousand deep; an integer of over 4,300 digits
            yield InputError(where, "line is JSON too deeply nested or with a number too long to read")
        except InputError as exc:
            yield exc


def read_range(stream: BinaryIO, start: int, end: int, first_line: int, name: str,
               stem: str) -> Iterator[Document | InputError]:
    """`read_lines` over the lines in bytes `start` to `end` of a seekable JSON Lines stream, one line at a
    time; `start` is the start of a line (0, or just after a line break), numbered `first_line`, and the lines
    read are those that start before `end`."""
    def lines() -> Iterator[tuple[int, bytes]]:
        stream.seek(start)
        at, number = start, first_line
        while at < end:
            line = stream.readline()
            if not line:
                return
            yield number, line
            at, number = at + len(line), number + 1

    return read_lines(lines(), name, stem)


def refuse(name: str, head: bytes) -> InputError | None:
    """The error for an input whose first bytes show it is binary, else None."""
    kind = binary_kind(head)
    return InputError(name, f"is {kind}, not JSON Lines") if kind else None


def empty(name: str) -> InputError:
    """The error for an input without a non-blank line (or row)."""
    return InputError(name, "is empty", "nothing to read")
