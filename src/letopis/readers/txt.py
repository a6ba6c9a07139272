"""Plain text files: find the encoding, refuse binary data, normalize newlines.

Supported: UTF-8 (with or without BOM), UTF-16 LE/BE (with a BOM, or without
one when every other byte is 0x00 or 0x04: ASCII and Cyrillic both leave that
pattern), cp1251 and koi8-r (chosen between by ``cyrillic.best``).

"Not valid text" means: not UTF-8, not UTF-16, and neither single-byte
decoding is plausible (``cyrillic.plausible``). cp1251 and koi8-r decode
almost every byte, so decodability alone would accept any noise; binary data
is caught first by magic numbers, NUL bytes and control characters. The one
byte cp1251 lacks (0x98) becomes U+FFFD rather than failing the whole file.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from letopis.readers import cyrillic
from letopis.readers.base import RawPage, ReadError
from letopis.readers.binary import CONTROL_MAX, binary_reason, looks_like

NOT_TEXT = "not valid text in any supported encoding (utf-8, utf-16, cp1251, koi8-r)"
EMPTY = "empty file"

BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# BOM-less UTF-16: the share of high bytes (every other byte) that are 0x00
# (ASCII, Latin-1) or 0x04 (Cyrillic). Russian UTF-16 gives ~0.99 (only
# U+20xx punctuation such as the dash differs); UTF-8 and single-byte text
# give 0, since neither byte occurs in text there.
UTF16_HIGH_MIN = 0.7
UTF16_SAMPLE = 64 * 1024

_TEXT_CONTROLS = {c: None for c in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


class NotText(Exception):
    """Raised inside this module; callers get a ReadError."""


def read_text_bytes(data: bytes, source: str) -> RawPage | ReadError:
    """A text file's bytes as a raw page, or why they are not text."""
    try:
        decoded = decode(data)
    except NotText as e:
        return ReadError(source, str(e))
    return RawPage(source, decoded.text, "text", {"format": "text", "encoding": decoded.encoding})


def decode(data: bytes) -> Decoded:
    """Text of ``data`` with BOM stripped and newlines as ``\\n``; raises NotText."""
    if not data.strip():
        raise NotText(EMPTY)
    kind = looks_like(data)
    if kind:
        raise NotText(f"binary file (looks like {kind})")
    decoded = _with_bom(data) or _utf16_without_bom(data) or _guess(data)
    text = _newlines(decoded.text.removeprefix("\ufeff"))
    if not text.strip():
        raise NotText(EMPTY)
    return Decoded(text, decoded.encoding)


def _with_bom(data: bytes) -> Optional[Decoded]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return _guess(data[len(bom):])
            return _utf16(data[len(bom):], encoding)
    return None


def _utf16_without_bom(data: bytes) -> Optional[Decoded]:
    sample = data[:UTF16_SAMPLE]
    if len(data) % 2 or len(sample) < 2:
        return None
    shares = {
        "utf-16-le": _high_share(sample[1::2]),
        "utf-16-be": _high_share(sample[0::2]),
    }
    encoding = max(shares, key=shares.get)
    if shares[encoding] < UTF16_HIGH_MIN:
        return None
    return _utf16(data, encoding)


def _high_share(high: bytes) -> float:
    return (high.count(0) + high.count(4)) / len(high)


def _utf16(data: bytes, encoding: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise NotText(NOT_TEXT) from None
    if "\x00" in text:
        raise NotText("binary file (contains NUL characters)")
    ratio = (len(text) - len(text.translate(_TEXT_CONTROLS))) / max(len(text), 1)
    if ratio > CONTROL_MAX:
        raise NotText(f"binary file ({ratio:.0%} control characters)")
    return Decoded(text, encoding)


def _guess(data: bytes) -> Decoded:
    """UTF-8 if it decodes, else the more Russian-looking single-byte decoding."""
    reason = binary_reason(data)
    if reason:
        raise NotText(reason)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in cyrillic.best(data):
        # cp1251 leaves 0x98 undefined: a stray one becomes U+FFFD, many of
        # them make the decoding implausible
        text = data.decode(encoding, "replace")
        if cyrillic.plausible(text):
            return Decoded(text, encoding)
    raise NotText(NOT_TEXT)


def _newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
