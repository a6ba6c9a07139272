"""Organizations from ``data/orgs.tsv``, plus the helpers every kb loader shares.

The shared part: ``read_table`` (TSV with a ``# format: 1`` first line, ``#``
comments and a header line), ``fold`` (the case-, ё- and quote-insensitive key of
a name), ``lemmas`` (lemma keys of a text, token by token, as the text matchers
compare them) and ``lemma_variants`` (the lemma keys of a phrase in every case,
so «Акорде» finds «Акорда» even where pymorphy lemmatizes the forms apart).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from razdel import tokenize

FORMAT = 1
DATA = Path(__file__).with_name("data")
_FORMAT_LINE = re.compile(r"#\s*format:\s*(\S+)\s*$")
_QUOTES = re.compile(r"[«»\"„“”]")
_DASH = re.compile(r"\s*[-‐‑–—]\s*")
_SPACE = re.compile(r"\s+")
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


class KbFormatError(ValueError):
    """A kb data file has another format version or a malformed row."""


def read_table(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of ``data/<name>`` as dicts; checks the format line, header and cell counts."""
    path = DATA / name
    lines = path.read_text(encoding="utf-8").splitlines()
    found = _FORMAT_LINE.match(lines[0]) if lines else None
    if found is None or found.group(1) != str(FORMAT):
        first = lines[0] if lines else "<empty file>"
        raise KbFormatError(f"{path}: expected '# format: {FORMAT}' on line 1, found {first!r}")
    rows: list[dict[str, str]] = []
    header = False
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not header:
            if tuple(cells) != tuple(columns):
                raise KbFormatError(f"{path}:{number}: header {cells} differs from {list(columns)}")
            header = True
            continue
        if len(cells) != len(columns):
            raise KbFormatError(f"{path}:{number}: {len(cells)} cells, expected {len(columns)}")
        rows.append(dict(zip(columns, cells)))
    if not header:
        raise KbFormatError(f"{path}: no header line")
    return rows


def split_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def fold(text: str) -> str:
    """Lookup key of a name: lowercase, ё as е, no quotes, one spelling of dashes and spaces."""
    text = _QUOTES.sub("", text.lower().replace("ё", "е").replace("’", "'"))
    return _SPACE.sub(" ", _DASH.sub("-", text)).strip()


@cache
def morph():
    from letopis.nlp.morphology import analyzer  # loaded on first use

    return analyzer()


@cache
def shared_vocab():
    """natasha's MorphVocab, the one ``nlp.models`` lemmatizes tokens with: a word the tagger's
    lemmatizer parsed is in its parse cache when the lexicons ask for its key."""
    from natasha import MorphVocab

    from letopis.nlp.morphology import guard_shapes

    guard_shapes()
    return MorphVocab()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Lemma key of one token: the first normal form the tagger's MorphVocab gives (pymorphy2's
    dictionary), lowercase, ё as е."""
    if not any(ch.isalpha() for ch in word):
        return word.lower()
    return shared_vocab().parse(word.lower().replace("ё", "е"))[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=100_000)
def lemmas(text: str) -> tuple[str, ...]:
    """Lemma keys of a text, one per razdel token (punctuation kept as tokens); remembered, since
    the same names and posts come back in every article."""
    return tuple(lemma(token.text) for token in tokenize(text))


@lru_cache(maxsize=20_000)
def lemma_variants(phrase: str) -> tuple[tuple[str, ...], ...]:
    """Lemma keys of a phrase as written and declined through the singular cases.

    Only the leading nominative words up to the first noun decline («Государственная
    дума», «министр иностранных дел»); the rest is a genitive or a name and stays. A
    case form adds keys only where pymorphy lemmatizes it apart from the nominative
    («Акорде» -> акорд, «премьера» -> премьера), never when the form reads first as
    a personal name or surname.
    """
    words = [token.text for token in tokenize(phrase)]
    out = [tuple(lemma(w) for w in words)]
    group = _declining_group(words)
    for case in CASES[1:]:
        keys = list(out[0])
        for i, parse in group:
            inflected = parse.inflect({case, "sing"})
            if inflected is None:
                continue
            first = morph().parse(inflected.word)[0]
            if first.tag.POS in _DECLINING and not _PERSONAL & set(first.tag.grammemes):
                keys[i] = lemma(inflected.word)
        if tuple(keys) not in out:
            out.append(tuple(keys))
    return tuple(out)


_PERSONAL = {"Name", "Surn", "Patr"}
_DECLINING = ("NOUN", "ADJF", "PRTF")


def _declining_group(words: list[str]) -> list[tuple[int, object]]:
    group = []
    for i, word in enumerate(words):
        if i + 1 < len(words) and words[i + 1] == ".":
            break  # a cut word («бывш.») does not decline
        if word.isupper():
            break  # an acronym («ССАГПЗ») is written the same in every case
        parse = next((p for p in morph().parse(word) if "nomn" in p.tag and p.tag.POS in _DECLINING), None)
        if parse is None:
            break
        group.append((i, parse))
        if parse.tag.POS == "NOUN":
            break
    return group


# --- organizations -----------------------------------------------------------

@dataclass(frozen=True)
class Org:
    name: str
    kind: str
    country: str = ""  # ISO alpha-3, empty for international bodies and generic heads
    wikidata: str = ""
    abbreviation: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for n in (self.name, self.abbreviation, *self.aliases) if n))


@cache
def all_orgs() -> tuple[Org, ...]:
    rows = read_table("orgs.tsv", ("name", "type", "country", "wikidata", "abbreviation", "aliases"))
    return tuple(
        Org(r["name"], r["type"], r["country"], r["wikidata"], r["abbreviation"], split_list(r["aliases"]))
        for r in rows
    )


@cache
def _by_fold() -> dict[str, Org]:
    index: dict[str, Org] = {}
    for org in all_orgs():
        for name in org.names:
            index.setdefault(fold(name), org)
    return index


@cache
def org_aliases() -> list[tuple[tuple[str, ...], Org]]:
    """(lemma keys, Org) for every name, abbreviation and alias in every case, longest first."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for org in all_orgs():
        for name in org.names:
            for keys in lemma_variants(name):
                if keys and keys not in seen:
                    seen.add(keys)
                    out.append((keys, org))
    out.sort(key=lambda entry: -len(entry[0]))
    return out


@cache
def _by_lemmas() -> dict[tuple[str, ...], Org]:
    return dict(org_aliases())


@cache
def _heads() -> list[tuple[tuple[str, ...], str]]:
    rows = read_table("org_heads.tsv", ("head", "type"))
    heads = [(lemmas(r["head"]), r["type"]) for r in rows]
    return sorted(heads, key=lambda h: -len(h[0]))


@lru_cache(maxsize=50_000)  # a pure function of the name over the KB tables; an Org is frozen
def lookup_org(normal: str) -> Org | None:
    """The organization a name means: «Мажилис», «Государственной думы», «МИД РК».

    Tries the names as written (case, ё and quotes aside), then their lemmas, then a
    generic head with a country: «МИД Туркменистана», «посольство России»,
    «казахстанский Минфин» (a new Org named as given, with the country's code).
    """
    key = fold(normal)
    if not key:
        return None
    org = _by_fold().get(key)
    if org is not None:
        return org
    keys = lemmas(normal)
    org = _by_lemmas().get(keys)
    if org is not None:
        return org
    return _generic(normal, keys)


def _generic(normal: str, keys: tuple[str, ...]) -> Org | None:
    from letopis.kb.gazetteer import country_by_adjective, lookup_place

    words = [token.text for token in tokenize(normal)]
    name = _SPACE.sub(" ", normal).strip()
    for head, kind in _heads():
        n = len(head)
        if len(keys) > n and keys[:n] == head:
            place = lookup_place(" ".join(words[n:]))
            if place is not None and place.country:
                return Org(name, kind, place.country)
        if len(keys) > n and keys[-n:] == head and len(keys) == n + 1:
            place = country_by_adjective(keys[0])
            if place is not None:
                return Org(name, kind, place.country)
    return None
