"""String normalizations and fuzzy equality of the factRuEval-2016 scorers (FORMAT.md §3.0).

* :func:`n1` -- lowercase, trim spaces/tabs/CR/LF at both ends, unify quotes, apostrophes, ``ё`` and dashes.
* :func:`n2` -- :func:`n1`, then one replace-all pass each of `` ,``->``,``, `` .``->``.``, `` -``->``-``,
  ``- ``->``-``, ``( ``->``(``, `` )``->``)``.
* :func:`fuzzy_equal` -- Levenshtein distance (unit costs, code points) ``<= t`` where ``t`` depends on the length
  ``L`` of the *longer* string: ``L <= 1 -> 0``, ``2 <= L <= 8 -> 1``, ``L >= 9 -> 2``.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["n1", "n2", "lte", "threshold", "levenshtein", "fuzzy_equal"]

_TRIM = " \t\r\n"
_CHAR_MAP = str.maketrans(
    {
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "„": '"',
        "’": "'",
        "`": "'",
        "ё": "е",
        "\u2010": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_N2_PASSES = ((" ,", ","), (" .", "."), (" -", "-"), ("- ", "-"), ("( ", "("), (" )", ")"))


def n1(text: str) -> str:
    """First normalization (N1)."""
    return text.lower().strip(_TRIM).translate(_CHAR_MAP)


def n2(text: str) -> str:
    """Second normalization (N2): N1 plus the punctuation-spacing passes."""
    out = n1(text)
    for old, new in _N2_PASSES:
        out = out.replace(old, new)
    return out


def lte(text: str) -> str:
    """Lowercase, trim, ``ё`` -> ``е`` (the weaker normalization of some track-3 candidate strings)."""
    return text.lower().strip(_TRIM).replace("ё", "е")


def threshold(a: str, b: str) -> int:
    """Maximal Levenshtein distance allowed between ``a`` and ``b``."""
    longest = max(len(a), len(b))
    if longest <= 1:
        return 0
    if longest <= 8:
        return 1
    return 2


def levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance with unit costs over code points.

    With ``limit`` the computation may stop early and return any value ``> limit`` once the distance is known to
    exceed it.
    """
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    if limit is not None and len(a) - len(b) > limit:
        return limit + 1
    if not b:
        return len(a)
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        best = i
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            current.append(value)
            if value < best:
                best = value
        if limit is not None and best > limit:
            return limit + 1
        previous = current
    return previous[-1]


@lru_cache(maxsize=1 << 18)
def fuzzy_equal(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are equal up to the length-dependent Levenshtein threshold."""
    if a == b:
        return True
    t = threshold(a, b)
    if t == 0:
        return False
    return levenshtein(a, b, t) <= t
