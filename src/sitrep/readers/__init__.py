"""Readers turn files, directories and standard input into Documents, one error line per bad input."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep import registry
from sitrep.document import Document
from sitrep.errors import InputError
from sitrep.options import Options
from sitrep.readers import html, jsonl, parquet, text  # noqa: F401  (register the built-in readers)
from sitrep.readers.base import Reader, Source
from sitrep.readers.sniff import SUPPORTED, binary_kind


def all_readers() -> dict[str, Reader]:
    return {name: factory() for name, factory in registry.readers.get_all().items()}


def supported_extensions() -> set[str]:
    return {ext for reader in all_readers().values() for ext in reader.extensions}


def expand(paths: Iterable[str]) -> Iterator[Source | InputError]:
    """Each input named: files as they are, directories walked recursively in name order, "-" for stdin."""
    extensions = supported_extensions()
    for name in paths:
        if name == "-":
            yield Source.stdin()
            continue
        path = Path(name)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for file in sorted(files):
                    if file.startswith("."):
                        continue
                    found = True
                    child = Path(root) / file
                    if child.suffix.lower() in extensions or not child.suffix:
                        yield Source(str(child), child)
                    else:
                        yield InputError(str(child), f"has an unsupported file type ({child.suffix})", SUPPORTED)
            if not found:
                yield InputError(name, "is an empty directory")
        elif path.is_file():
            yield Source(name, path)
        elif path.exists():
            yield InputError(name, "is not a regular file or directory")
        else:
            yield InputError(name, "does not exist", "check the path")


def reader_for(source: Source, head: bytes) -> Reader | InputError:
    """The reader for a source: by extension, else by what its first bytes look like."""
    readers = all_readers()
    suffix = source.path.suffix.lower() if source.path else ""
    for reader in readers.values():
        if suffix in reader.extensions:
            return reader
    if suffix and source.path is not None:
        return InputError(source.name, f"has an unsupported file type ({suffix})", SUPPORTED)
    kind = binary_kind(head)
    if kind:
        return InputError(source.name, f"is {kind}, not text", SUPPORTED)
    start = head.lstrip()[:200].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head.lower():
        return readers["html"]
    if start.startswith(b"{"):
        return readers["jsonl"]
    return readers["text"]


def read(paths: Iterable[str], options: Options) -> Iterator[Document | InputError]:
    """Every document in the inputs, in order; bad inputs come through as InputError values."""
    for source in expand(paths):
        if isinstance(source, InputError):
            yield source
            continue
        try:
            head = source.read_bytes(8192)
        except InputError as exc:
            yield exc
            continue
        reader = reader_for(source, head)
        if isinstance(reader, InputError):
            yield reader
            continue
        yield from reader.read(source, options)
