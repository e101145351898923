"""Tell text from binary and decode bytes, so a PNG named .txt fails with a reason, not with mojibake."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from sitrep.errors import InputError

MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF container (WebP image, WAV or AVI)"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/XLSX/EPUB, which are ZIP archives)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
)

# Prose in any 8-bit legacy encoding separates words with ASCII spaces; random bytes do not.
MIN_SPACE_SHARE = 0.05

MAX_BAD_UTF8, MAX_BAD_UTF8_SHARE = 16, 0.001
"""Text that is valid UTF-8 but for this many bytes (or this share of them) is UTF-8 with damage, not another
encoding: it is decoded as UTF-8 with the damaged bytes replaced, instead of being refused or misread."""

LEGACY = ("cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_u", "koi8_r", "iso8859_5", "mac_cyrillic",
          "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr")
"""The legacy encodings news text comes in (Western, Central European, Cyrillic, Greek, Turkish, Hebrew, Arabic,
Baltic, Chinese, Japanese, Korean). Detection chooses among these only: left to all it knows, the detector reads a
short Russian KOI8 text as Japanese and English Windows-1252 as a DOS code page."""

SUPPORTED = "sitrep reads plain text (.txt), HTML (.html, .htm) and JSON Lines (.jsonl)"

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def binary_kind(head: bytes) -> str | None:
    """What binary format the first bytes announce, or None for anything that may be text."""
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if any(head.startswith(bom) for bom, _ in BOMS):
        return None
    sample = head[:8192]
    if b"\x00" in sample:
        return "binary data (it contains NUL bytes)"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if sample and controls / len(sample) > 0.05:
        return "binary data (it is full of control characters)"
    return None


def encoding_of(data: bytes, source: str) -> tuple[str, str | None]:
    """The encoding to decode `data` with, and a warning when it is not UTF-8.

    Raises InputError when the bytes are binary or fit no text encoding well.
    """
    kind = binary_kind(data[:8192])
    if kind:
        raise InputError(source, f"is {kind}, not text", SUPPORTED)
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, None
    try:
        data.decode("utf-8")
        return "utf-8", None
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return "utf-8", None  # a sample cut inside a multi-byte character
    sample = data[:1_000_000]
    decoded = sample.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd") - sample.count("\ufffd".encode())
    if bad <= max(MAX_BAD_UTF8, len(sample) * MAX_BAD_UTF8_SHARE) and any(ord(c) > 127 and c != "\ufffd" for c in decoded):
        return "utf-8", f"{source}: UTF-8 with {bad} invalid bytes (a damaged copy or text pasted from another encoding); " \
                        "each replaced with U+FFFD"
    spaces = sum(sample.count(b) for b in (b" ", b"\n", b"\t")) / max(1, len(sample))
    best = from_bytes(sample, cp_isolation=list(LEGACY)).best() if spaces >= MIN_SPACE_SHARE else None
    if best is None or best.encoding is None or best.chaos > 0.2:
        raise InputError(source, "is not valid UTF-8 and no other text encoding fits it",
                         "convert it to UTF-8 (for example with iconv) if it is text")
    return best.encoding, f"{source}: not UTF-8; decoded as {best.encoding}"


def decode(data: bytes, source: str) -> tuple[str, str | None]:
    """Decode a whole input; raises InputError for binary or undecodable bytes and for empty input."""
    if not data.strip():
        raise InputError(source, "is empty", "nothing to read")
    encoding, warning = encoding_of(data, source)
    return data.decode(encoding, errors="replace"), warning
