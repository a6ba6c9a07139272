"""Near-duplicate detection: MinHash signatures over word shingles, banded LSH.

The same story syndicated by several sites differs in its header line,
attribution ("сообщает Kazinform" / "передает Tengrinews") and a word or two.
Texts are reduced to folded words, without a leading title line (sites retitle
syndicated stories); a shingle is ``SHINGLE`` consecutive words.
LSH (``BANDS`` x ``ROWS``) proposes candidates; a candidate is a near-duplicate
when the *exact* shingle Jaccard with the stored text is at least
``NEAR_DUPLICATE_JACCARD`` (the signature only finds candidates, it decides
nothing).
"""
from __future__ import annotations

import hashlib
import struct
from typing import Iterable

from letopis.store.textindex import fold, words

SHINGLE = 3
NUM_PERM = 128
# 21 x 6 = 126 of the 128 values; P(candidate) ~ 1-(1-J^6)^21: 0.92 at J=0.7, 0.63 at J=0.6,
# 0.08 at J=0.4, 0.001 at J=0.2. (32 x 4 made stories at J=0.4 candidates half the time, so
# a corpus of related stories turned every ingest into thousands of exact comparisons.)
# Candidates are then filtered by the signature estimate before the exact Jaccard.
BANDS, ROWS = 21, 6
# Calibrated on tests/store/kbdocs.py: a ~100-word story re-published with its own
# title, attribution ("передает Tengrinews со ссылкой на Акорду") and two edited
# phrases scores 0.78 on its body, so 0.8 would miss it; a follow-up story that
# reuses a quote and a sentence of it scores about 0.2; stories about the same
# people and places score below 0.1.  0.7 sits between: one edit per ~12 words.
# Texts of fewer than MIN_SHINGLES shingles are only ever matched exactly.
NEAR_DUPLICATE_JACCARD = 0.7
MIN_SHINGLES = 20

_MASK64 = (1 << 64) - 1


def _params() -> list[tuple[int, int]]:
    """(a, b) of each hash function h(x) = ((a*x + b) mod 2**64) >> 32 (multiply-shift, a odd)."""
    out = []
    for i in range(NUM_PERM):
        h = hashlib.blake2b(f"letopis-minhash-{i}".encode(), digest_size=16).digest()
        a, b = struct.unpack("<QQ", h)
        out.append((a | 1, b))
    return out


_PARAMS = _params()


def body(text: str, title: str | None = None) -> str:
    """The text without its leading title line (when the text starts with the title)."""
    if title and text.startswith(title):
        return text[len(title):]
    return text


def shingles(text: str) -> set[str]:
    ws = [fold(w) for _, _, w in words(text)]
    if len(ws) < SHINGLE:
        return {" ".join(ws)} if ws else set()
    return {" ".join(ws[i : i + SHINGLE]) for i in range(len(ws) - SHINGLE + 1)}


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "little")


def signature(shingle_set: Iterable[str], use_numpy: bool = True) -> list[int]:
    """NUM_PERM 32-bit minimums; numpy (when installed) and pure Python give the same values."""
    hashes = [_hash(s) for s in shingle_set]
    if not hashes:
        return [(1 << 32) - 1] * NUM_PERM
    if use_numpy:
        try:
            import numpy as np
        except ImportError:
            pass
        else:
            h = np.array(hashes, dtype=np.uint64)[:, None]
            a = np.array([p[0] for p in _PARAMS], dtype=np.uint64)[None, :]
            b = np.array([p[1] for p in _PARAMS], dtype=np.uint64)[None, :]
            with np.errstate(over="ignore"):
                values = (h * a + b) >> np.uint64(32)  # uint64 arithmetic wraps: mod 2**64
            return [int(v) for v in values.min(axis=0)]
    return [min(((a * x + b) & _MASK64) >> 32 for x in hashes) for a, b in _PARAMS]


def estimate(sig_a: list[int], sig_b: list[int]) -> float:
    return sum(x == y for x, y in zip(sig_a, sig_b)) / NUM_PERM


def bands(sig: list[int]) -> list[tuple[int, int]]:
    """(band number, bucket hash) pairs stored in ``lsh_buckets``."""
    out = []
    for band in range(BANDS):
        chunk = struct.pack(f"<{ROWS}I", *sig[band * ROWS : (band + 1) * ROWS])
        out.append((band, int.from_bytes(hashlib.blake2b(chunk, digest_size=7).digest(), "little")))
    return out


def pack(sig: list[int]) -> bytes:
    return struct.pack(f"<{NUM_PERM}I", *sig)


def unpack(blob: bytes) -> list[int]:
    return list(struct.unpack(f"<{NUM_PERM}I", blob))
