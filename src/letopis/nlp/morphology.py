"""The one pymorphy3 analyzer of a process, and a guard for pymorphy's script check.

pymorphy2 and pymorphy3 ask ``unicodedata.name`` whether each letter of an
unknown word is Latin, and that raises ``ValueError`` for letters Python
names by rule rather than by table (Tangut, Khitan, Nüshu ideographs): one
such character anywhere in an article made the NLP stage fail on the whole
article (found by the hypothesis test of amounts).  ``guard_shapes`` gives
both libraries a check that answers "not Latin" for a letter without a name.
"""
from __future__ import annotations

import importlib
import unicodedata
from functools import cache


def guard_shapes() -> int:
    """Install the safe Latin-letter check in the pymorphy versions present; returns how many."""
    guarded = 0
    for name in ("pymorphy2.shapes", "pymorphy3.shapes"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if not getattr(module.is_latin_char, "letopis_guard", False):
            module.is_latin_char = _safe_check(module._latin_letters_cache)
        guarded += 1
    return guarded


def _safe_check(known: dict):
    def is_latin_char(uchr: str) -> bool:
        try:
            return known[uchr]
        except KeyError:
            return known.setdefault(uchr, "LATIN" in unicodedata.name(uchr, ""))

    is_latin_char.letopis_guard = True
    return is_latin_char


@cache
def analyzer():
    """pymorphy3's ``MorphAnalyzer``, built once per process and shared by every module."""
    import pymorphy3

    guard_shapes()
    return pymorphy3.MorphAnalyzer()
