"""Map offsets in cleaned text back to the raw input, so every extraction can be traced to its source."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class OffsetMap:
    """Cleaned text as a sequence of raw pieces; separators between pieces map to no raw offset."""

    segments: list[tuple[int, int, int]] = field(default_factory=list)  # (text_start, raw_start, length)

    def add(self, text_start: int, raw_start: int, length: int) -> None:
        if length <= 0:
            return
        if self.segments:
            t, r, n = self.segments[-1]
            if t + n == text_start and r + n == raw_start:  # contiguous: extend the last piece
                self.segments[-1] = (t, r, n + length)
                return
        self.segments.append((text_start, raw_start, length))

    def to_raw(self, pos: int) -> int | None:
        """Raw offset of the character at cleaned-text offset `pos`, or None for a separator."""
        i = bisect.bisect_right(self.segments, (pos, float("inf"), 0)) - 1
        if i < 0:
            return None
        t, r, n = self.segments[i]
        return r + (pos - t) if pos < t + n else None

    def span_to_raw(self, start: int, end: int) -> tuple[int, int] | None:
        """Raw span covering cleaned span [start, end), or None when it lies in separators only."""
        pieces = [(max(start, t) - t + r, min(end, t + n) - t + r)
                  for t, r, n in self.segments if t < end and start < t + n]
        return (pieces[0][0], pieces[-1][1]) if pieces else None

    def as_list(self) -> list[list[int]]:
        return [list(s) for s in self.segments]

    @classmethod
    def from_list(cls, items: list[list[int]]) -> OffsetMap:
        return cls([tuple(s) for s in items])  # type: ignore[misc]
