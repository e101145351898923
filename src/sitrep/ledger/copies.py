"""Copies of one report: syndicated wire copy, reprints with other page chrome, forum reposts.

Documents whose cleaned words are identical are one row of the store already. Near-copies (a reprint that
cuts a paragraph, adds a line of its own, changes the headline) are found with MinHash over word 5-shingles
and locality-sensitive hashing: each document's signature is cut into bands, and only documents that share
a band's bucket are compared. A copy is linked to the earliest document of its group, so it counts once.
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from dataclasses import dataclass

import numpy as np

SHINGLE = 5
PERMUTATIONS = 128
BANDS = 32  # 4 rows a band: documents sharing a band are near-copies with probability ~0.5 at 0.42 similarity
ROWS = PERMUTATIONS // BANDS
COPY_SIMILARITY = 0.7
"""Estimated Jaccard similarity of shingles above which a document is a copy of another."""
CHUNK = 8192
"""Shingles hashed at once: 8 MB of work space, whatever the text's length."""
PRIME = np.uint64(4294967311)  # the first prime above 2**32
_rng = np.random.default_rng(20250602)
_A = _rng.integers(1, 2**32 - 1, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 2**32 - 1, PERMUTATIONS, dtype=np.uint64)
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Copy:
    original_id: int
    similarity: float


def signature(text: str) -> np.ndarray:
    """MinHash signature of a text's word 5-shingles (case folded): 128 uint32 values, stable across runs."""
    words = np.fromiter((zlib.crc32(m.group(0).encode("utf-8")) for m in WORD.finditer(text.lower())),
                        dtype=np.uint64)
    if len(words) < SHINGLE:
        words = np.concatenate([words, np.zeros(SHINGLE - len(words), dtype=np.uint64)])
    hashes = np.zeros(len(words) - SHINGLE + 1, dtype=np.uint64)
    for k in range(SHINGLE):  # a shingle's hash: its words' hashes mixed in order, kept to 32 bits
        hashes = (hashes * np.uint64(1000003) + words[k:len(words) - SHINGLE + 1 + k]) & np.uint64(0xFFFFFFFF)
    hashes = np.unique(hashes)
    lowest = np.full(PERMUTATIONS, PRIME, dtype=np.uint64)
    for start in range(0, len(hashes), CHUNK):  # bounded memory for a text of millions of words
        permuted = (hashes[start:start + CHUNK, None] * _A[None, :] + _B[None, :]) % PRIME
        lowest = np.minimum(lowest, permuted.min(axis=0))
    return lowest.astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of MinHash values two signatures have in common."""
    return float(np.mean(a == b))


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) pairs of a signature."""
    return [(band, zlib.crc32(sig[band * ROWS:(band + 1) * ROWS].tobytes())) for band in range(BANDS)]


def add(db: sqlite3.Connection, document_id: int, text: str) -> Copy | None:
    """Store the document's signature and buckets and link it to the document it copies, if any.

    Runs inside the caller's transaction. The original is the earliest stored document of the group: a copy of
    a copy points at the first one."""
    sig = signature(text)
    db.execute("INSERT OR REPLACE INTO signatures (document_id, signature) VALUES (?, ?)", (document_id, sig.tobytes()))
    keys = bands(sig)
    candidates: set[int] = set()
    for band, bucket in keys:
        candidates.update(r[0] for r in db.execute(
            "SELECT document_id FROM buckets WHERE band = ? AND bucket = ? AND document_id < ?",
            (band, bucket, document_id)))
    db.executemany("INSERT OR IGNORE INTO buckets (band, bucket, document_id) VALUES (?, ?, ?)",
                   [(band, bucket, document_id) for band, bucket in keys])
    best: Copy | None = None
    for other in sorted(candidates):
        row = db.execute("SELECT signature FROM signatures WHERE document_id = ?", (other,)).fetchone()
        score = similarity(sig, np.frombuffer(row[0], dtype=np.uint32))
        if score >= COPY_SIMILARITY and (best is None or score > best.similarity):
            best = Copy(other, score)
    if best is None:
        return None
    root = db.execute("SELECT original_id FROM copies WHERE document_id = ?", (best.original_id,)).fetchone()
    original = root[0] if root else best.original_id
    db.execute("INSERT OR REPLACE INTO copies (document_id, original_id, similarity) VALUES (?, ?, ?)",
               (document_id, original, round(best.similarity, 3)))
    return Copy(original, best.similarity)
