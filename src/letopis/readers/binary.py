"""Telling binary files from text: magic numbers and control characters."""
from __future__ import annotations

from typing import Optional

# (magic bytes at offset 0, what the file looks like)
MAGIC: tuple[tuple[bytes, str], ...] = (  # NUL-led formats are caught by the NUL rule
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
)

# Bytes that never occur in plain text: C0 controls except \t \n \v \f \r, and DEL.
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])

# Plain text has no control bytes at all, stray escape codes well under 1%;
# random binary data has ~10.5% (27 of 256 byte values) besides its NULs.
CONTROL_MAX = 0.05


def looks_like(data: bytes) -> Optional[str]:
    """What binary format ``data`` starts with, or None."""
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        return "bzip2 archive"
    return None


def control_ratio(data: bytes) -> float:
    """Share of bytes that are control characters (whitespace excluded)."""
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, CONTROL_BYTES))) / len(data)


def binary_reason(data: bytes) -> Optional[str]:
    """Why ``data`` (already known not to be UTF-16) is binary, or None."""
    kind = looks_like(data)
    if kind:
        return f"binary file (looks like {kind})"
    if b"\x00" in data:
        return "binary file (contains NUL bytes)"
    ratio = control_ratio(data)
    if ratio > CONTROL_MAX:
        return f"binary file ({ratio:.0%} control characters)"
    return None
