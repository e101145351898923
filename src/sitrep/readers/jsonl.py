"""JSON Lines: one article per line, read as a stream so a million-line file needs no more memory than one line."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sitrep import registry
from sitrep.document import Document
from sitrep.errors import InputError
from sitrep.options import Options
from sitrep.readers.base import Source
from sitrep.readers.html import html_document
from sitrep.readers.sniff import binary_kind

FIELDS = ("url", "published", "outlet", "title")


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
            kind = binary_kind(head)
            if kind:
                yield InputError(source.name, f"is {kind}, not JSON Lines")
                return
            seen = 0
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                seen += 1
                where = f"{source.name}:{number}"
                try:
                    yield self.record(json.loads(line.decode("utf-8")), f"{source.stem}-{number}", where)
                except UnicodeDecodeError:
                    yield InputError(where, "line is not valid UTF-8", "JSON Lines files must be UTF-8")
                except json.JSONDecodeError as exc:
                    yield InputError(where, f"line is not valid JSON ({exc.msg} at column {exc.colno})")
                except (RecursionError, ValueError):  # arrays nested a thousand deep; an integer of over 4,300 digits
                    yield InputError(where, "line is JSON too deeply nested or with a number too long to read")
                except InputError as exc:
                    yield exc
            if not seen:
                yield InputError(source.name, "is empty", "nothing to read")

    @staticmethod
    def record(obj: object, default_id: str, where: str) -> Document:
        if not isinstance(obj, dict):
            raise InputError(where, f"line is a JSON {type(obj).__name__}, not an object with a \"text\" field")
        stated = {k: str(obj[k]).strip() for k in FIELDS if isinstance(obj.get(k), str | int) and str(obj[k]).strip()}
        doc_id = str(obj.get("id") or default_id)
        if isinstance(obj.get("text"), str) and obj["text"].strip():
            return Document(doc_id=doc_id, source=where, raw=obj["text"], stated=stated)
        if isinstance(obj.get("html"), str) and obj["html"].strip():
            return html_document(doc_id, where, obj["html"], stated)
        raise InputError(where, "record has no \"text\" or \"html\" field with content")
