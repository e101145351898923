"""What every reader shares: where an input comes from and the shape a reader has."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from sitrep.document import Document
from sitrep.errors import InputError
from sitrep.options import Options


@dataclass(frozen=True)
class Source:
    """One input: a file, or bytes already in memory (standard input, read once so it can be sniffed)."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    @classmethod
    def stdin(cls) -> Source:
        return cls("-", data=sys.stdin.buffer.read())

    @property
    def stem(self) -> str:
        return self.path.stem if self.path else "stdin"

    @property
    def size(self) -> int | None:
        if self.data is not None:
            return len(self.data)
        return self.path.stat().st_size if self.path else None

    def open(self) -> BinaryIO:
        if self.data is not None or self.path is None:
            return io.BufferedReader(io.BytesIO(self.data or b""))  # type: ignore[arg-type]
        try:
            return self.path.open("rb")
        except OSError as exc:
            raise InputError(self.name, f"cannot be opened ({exc.strerror or exc})") from exc

    def read_bytes(self, limit: int | None = None) -> bytes:
        """The input's bytes, at most `limit` of them."""
        stream = self.open()
        try:
            return stream.read() if limit is None else stream.read(limit)
        except OSError as exc:
            raise InputError(self.name, f"cannot be read ({exc.strerror or exc})") from exc
        finally:
            stream.close()


class Reader(Protocol):
    """Turns one input into documents; errors for parts of it are yielded, not raised."""

    extensions: tuple[str, ...]

    def read(self, source: Source, options: Options) -> Iterator[Document | InputError]: ...
