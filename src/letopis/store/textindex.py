"""Russian-aware full-text matching: what is indexed and what a query word matches.

Every word (a run of letters/digits, ``[^\\W_]+``) of an article's title and
text is indexed twice in the FTS5 table ``articles_fts``:

- ``lemmas``: every pymorphy3 normal form of the word (all parses, so the
  ambiguous "стали" is indexed as both "стать" and "сталь");
- ``stems``: a light Snowball-style stem (suffix stripping, :func:`stem`).

Both are lower-cased with ё folded to е.  A query word ``q`` matches a text
word ``w`` when

1. they share a normal form: "Туркестане" finds "Туркестан", "газовой" finds
   "газовых", "газовый"; or
2. ``stem(w)`` starts with ``stem(q)`` and ``stem(q)`` has at least
   ``MIN_PREFIX_STEM`` letters (shorter stems must be equal): "газ" finds
   "газовой" (stem "газов") and "газопровод", and also "газета" — the
   prefix rule is crude on purpose; a longer query word narrows it
   ("газов" does not find "газ" or "газета").

A multi-word query matches an article holding every word (AND, anywhere in
the article; no phrase or proximity).  Quotes, ``*``, brackets, ``NEAR``,
``AND``/``OR`` and any other punctuation in a query are plain text: the
query is split into words and each word is sent to FTS5 as a quoted string
literal, so no query syntax reaches SQLite.  :func:`word_matches` applies
the same two rules in Python to find the exact words to highlight.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from letopis.store.errors import QueryError

WORD_RE = re.compile(r"[^\W_]+")
CYRILLIC_RE = re.compile(r"[а-яё]")
MIN_PREFIX_STEM = 3  # "газ" (3) may prefix-match; "в", "по" (1-2) only match exactly
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=262_144)
def lemmas(word: str) -> tuple[str, ...]:
    """All distinct pymorphy3 normal forms of ``word`` (folded); non-Russian words stay as they are."""
    w = fold(word)
    if not CYRILLIC_RE.search(w):
        return (w,)
    return tuple(dict.fromkeys(fold(p.normal_form) for p in _morph().parse(w))) or (w,)


# --- a light Snowball-style Russian stemmer --------------------------------------------

_VOWELS = set("аеиоуыэюя")
_GERUND_1 = ("вшись", "вши", "в")  # after а/я
_GERUND_2 = ("ившись", "ывшись", "ивши", "ывши", "ив", "ыв")
_ADJECTIVE = (
    "ими", "ыми", "его", "ого", "ему", "ому", "ее", "ие", "ые", "ое", "ей", "ий", "ый", "ой",
    "ем", "им", "ым", "ом", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею",
)
_PARTICIPLE_1 = ("ем", "нн", "вш", "ющ", "щ")  # after а/я
_PARTICIPLE_2 = ("ивш", "ывш", "ующ")
_REFLEXIVE = ("ся", "сь")
_VERB_1 = ("ете", "йте", "ешь", "нно", "ла", "на", "ли", "ем", "ло", "но", "ет", "ют", "ны", "ть", "й", "л", "н")
_VERB_2 = (
    "ейте", "уйте", "ила", "ыла", "ена", "ите", "или", "ыли", "ило", "ыло", "ено", "ует", "уют",
    "ены", "ить", "ыть", "ишь", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ят", "ит", "ыт", "ую", "ю",
)
_NOUN = (
    "иями", "ями", "ами", "ией", "иям", "ием", "иях", "ев", "ов", "ие", "ье", "еи", "ии", "ей", "ой",
    "ий", "ям", "ем", "ам", "ом", "ах", "ях", "ию", "ью", "ия", "ья", "а", "е", "и", "й", "о", "у",
    "ы", "ь", "ю", "я",
)
_DERIVATIONAL = ("ость", "ост")
_SUPERLATIVE = ("ейше", "ейш")


def _by_length(endings):
    return tuple(sorted(endings, key=len, reverse=True))


_GERUND_1, _GERUND_2, _ADJECTIVE = map(_by_length, (_GERUND_1, _GERUND_2, _ADJECTIVE))
_PARTICIPLE_1, _PARTICIPLE_2, _VERB_1, _VERB_2, _NOUN = map(
    _by_length, (_PARTICIPLE_1, _PARTICIPLE_2, _VERB_1, _VERB_2, _NOUN)
)


def _strip(rv: str, group1=(), group2=()) -> str | None:
    """``rv`` without the longest matching ending (group1 endings need а/я before them)."""
    for e in group2:
        if rv.endswith(e):
            return rv[: -len(e)]
    for e in group1:
        if rv.endswith(e) and rv[: -len(e)][-1:] in ("а", "я"):
            return rv[: -len(e)]
    return None


def _region(word: str, start: int = 0) -> int:
    """Start of R1 (from ``start``): after the first non-vowel that follows a vowel."""
    for i in range(start + 1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return i + 1
    return len(word)


@lru_cache(maxsize=262_144)
def stem(word: str) -> str:
    """A Snowball-like Russian stem ("газовой" -> "газов", "отрасли" -> "отрасл")."""
    w = fold(word)
    if not CYRILLIC_RE.search(w):
        return w
    first_vowel = next((i for i, c in enumerate(w) if c in _VOWELS), None)
    if first_vowel is None:
        return w
    head, rv = w[: first_vowel + 1], w[first_vowel + 1 :]
    r2 = max(0, _region(w, _region(w)) - len(head))  # R2 as an index into rv
    cut = _strip(rv, _GERUND_1, _GERUND_2)
    if cut is None:
        unreflexive = _strip(rv, (), _REFLEXIVE)
        rv = rv if unreflexive is None else unreflexive
        adj = _strip(rv, (), _ADJECTIVE)
        if adj is not None:
            cut = _strip(adj, _PARTICIPLE_1, _PARTICIPLE_2)
            cut = adj if cut is None else cut
        else:
            cut = _strip(rv, _VERB_1, _VERB_2)
            if cut is None:
                cut = _strip(rv, (), _NOUN)
        rv = rv if cut is None else cut
    else:
        rv = cut
    if rv.endswith("и"):
        rv = rv[:-1]
    for e in _DERIVATIONAL:
        if rv.endswith(e) and len(rv) - len(e) >= r2:
            rv = rv[: -len(e)]
            break
    if rv.endswith("нн"):
        rv = rv[:-1]
    else:
        sup = _strip(rv, (), _SUPERLATIVE)
        if sup is not None:
            rv = sup[:-1] if sup.endswith("нн") else sup
        elif rv.endswith("ь"):
            rv = rv[:-1]
    return head + rv


# --- indexing and querying --------------------------------------------------------------


def words(text: str) -> Iterator[tuple[int, int, str]]:
    for m in WORD_RE.finditer(text):
        yield m.start(), m.end(), m.group()


def index_columns(text: str) -> tuple[str, str]:
    """The (lemmas, stems) column values indexed for ``text``."""
    ws = [w for _, _, w in words(text)]
    return " ".join(" ".join(lemmas(w)) for w in ws), " ".join(stem(w) for w in ws)


@dataclass(frozen=True)
class Term:
    word: str
    lemmas: tuple[str, ...]
    stem: str

    @property
    def prefix(self) -> bool:
        return len(self.stem) >= MIN_PREFIX_STEM


def check_query(query: str) -> str:
    if not isinstance(query, str) or not query.strip():
        raise QueryError("empty query: give at least one word")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long: {len(query)} characters (at most {MAX_QUERY_CHARS})")
    valid_text(query)
    return query


def valid_text(s: str) -> str:
    """Refuse strings SQLite cannot take (lone surrogates from a broken terminal)."""
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError("not valid text (broken Unicode in the input)") from None
    return s


def terms(query: str) -> list[Term]:
    """The query's words as terms (at most ``MAX_QUERY_WORDS``, duplicates dropped)."""
    check_query(query)
    seen: dict[str, Term] = {}
    for _, _, w in words(query):
        f = fold(w)
        if f not in seen:
            seen[f] = Term(f, lemmas(f), stem(f))
    if not seen:
        raise QueryError(f"no words to search for in {query[:40]!r}")
    return list(seen.values())[:MAX_QUERY_WORDS]


def fts_literal(s: str) -> str:
    """An FTS5 string literal: the only way user text reaches a MATCH expression."""
    return '"' + s.replace('"', '""') + '"'


def fts_query(ts: list[Term]) -> str:
    groups = []
    for t in ts:
        alts = [f"lemmas : {fts_literal(lem)}" for lem in t.lemmas]
        alts.append(f"stems : {fts_literal(t.stem)}" + (" *" if t.prefix else ""))
        groups.append("(" + " OR ".join(alts) + ")")
    return " AND ".join(groups)


def word_matches(word: str, term: Term) -> bool:
    """The same rules as the FTS query, for one text word."""
    s = stem(word)
    if s == term.stem or (term.prefix and s.startswith(term.stem)):
        return True
    return not set(lemmas(word)).isdisjoint(term.lemmas)


KNOWN_WORDS = 100_000  # words remembered per query before its memo starts over
LEMMA_PREFIX = 3  # letters of a lemma that a predicted (out-of-dictionary) form of it starts with


@lru_cache(maxsize=256)
def _known_words(ts: tuple[Term, ...]) -> dict[str, int]:
    """word -> index of the term it matches (-1: none), for one query: the same words come back
    in every article of a result page and in every page of a frequent query."""
    return {}


def _forms(lemma: str) -> set[str]:
    """Every dictionary form (folded) of the words whose normal form is ``lemma``."""
    return {fold(f.word) for p in _morph().parse(lemma) if fold(p.normal_form) == lemma for f in p.lexeme}


def _letters(s: str) -> str:
    return "".join("[её]" if c == "е" else re.escape(c) for c in s)


@lru_cache(maxsize=256)
def _candidates(ts: tuple[Term, ...]) -> re.Pattern:
    """Words that may match a term, found by the regex engine instead of a Python loop over every
    word: a word matching a term by stem starts with the term's stem (a stem only ever loses
    endings); one matching by lemma is a form of it, or (predicted by pymorphy3 out of its
    dictionary) starts as the lemma does.  ``matches_in`` checks each candidate with
    ``word_matches``, so the rules stay those of the index."""
    alts: set[str] = set()
    for t in ts:
        alts.add(t.stem)
        for lem in t.lemmas:
            alts.add(lem[:LEMMA_PREFIX])
            alts |= _forms(lem) if CYRILLIC_RE.search(lem) else set()
    body = "|".join(_letters(a) for a in sorted(alts, key=len, reverse=True) if a)
    return re.compile(rf"(?<![^\W_])(?:{body})[^\W_]*", re.IGNORECASE)


def matches_in(text: str, ts: list[Term], start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """(start, end, term index) of every word of ``text[start:end]`` matching a term."""
    key = tuple(ts)
    known = _known_words(key)
    if len(known) > KNOWN_WORDS:
        known.clear()
    out = []
    for m in _candidates(key).finditer(text[start:end] if end is not None or start else text):
        w = m.group()
        i = known.get(w)
        if i is None:
            i = known[w] = next((i for i, t in enumerate(ts) if word_matches(w, t)), -1)
        if i >= 0:
            out.append((start + m.start(), start + m.end(), i))
    return out


_SENTENCE_END = re.compile(r"[.!?…]+[»\"”)]*\s+(?=[«\"“(]?[A-ZА-ЯЁ0-9—–-])|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Fallback sentence bounds for documents without a sentences layer (offsets, trimmed)."""
    out, start = [], 0
    for m in list(_SENTENCE_END.finditer(text)) + [None]:
        end = len(text) if m is None else (m.end() if text[m.start()] != "\n" else m.start())
        piece = text[start:end]
        s = start + len(piece) - len(piece.lstrip())
        e = start + len(piece.rstrip())
        if e > s:
            out.append((s, e))
        start = len(text) if m is None else m.end()
    return out
