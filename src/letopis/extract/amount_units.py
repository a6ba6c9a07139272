"""Units after a number: percent, currency (kb/data/currencies.tsv), counted nouns.

``UnitReader.unit(j, prev, info)`` looks at token ``j`` (``prev`` is the token before it)
and answers a ``Unit``, ``REJECT`` (a date, time, duration or year: the number is no
amount) or None (nothing countable follows).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from letopis.extract import amount_lexicon as lex
from letopis.extract.amount_tokens import PUNCT, WORD, Tok, adjacent, joined

MAX_ADJECTIVES = 2  # "12 межправительственных соглашений"


@dataclass
class Unit:
    kind: str
    unit: str
    end_tok: int
    currency: str | None = None
    factor: Decimal = Decimal(1)


REJECT = Unit("reject", "", -1)


@dataclass(frozen=True)
class NumInfo:
    """What a counted noun must agree with."""

    last_two: int  # last two digits of the integer part
    fractional: bool  # "7,5 процента", "полторы тонны": genitive singular
    scaled: bool  # "5 тыс. тонн": genitive
    year_like: bool  # "2024": a count only before a genitive plural


class UnitReader:
    def __init__(self, text: str, toks: list[Tok]):
        self.text, self.toks, self.n = text, toks, len(toks)

    def unit(self, j: int, prev: int, info: NumInfo) -> Unit | None:
        """What follows a number at token ``j``: a unit, REJECT (a date/time/year) or None."""
        toks, text = self.toks, self.text
        if j >= self.n or not joined(toks, text, prev, j):
            return None
        t = toks[j]
        if t.kind == PUNCT:
            if t.text == lex.PERCENT_SIGN:
                return Unit("percent", lex.PERCENT_SIGN, j + 1)
            return self.currency(j, prev)
        if t.kind != WORD:
            return None
        w = t.low
        if w in lex.PERCENT_FORMS:
            return Unit("percent", lex.PERCENT_SIGN, j + 1)
        points = self._percent_points(j)
        if points is not None:
            return points
        money = self.currency(j, prev)
        if money is not None:
            return money
        return self._counted(j, info)

    def _percent_points(self, j: int) -> Unit | None:
        """"процентных пунктов", "п.п.", "п. п." -> unit "п.п."."""
        toks, text = self.toks, self.text
        w = toks[j].low
        if w.startswith("процентн") and j + 1 < self.n and joined(toks, text, j, j + 1) \
                and "пункт" in lex.noun_keys(toks[j + 1].low):
            return Unit("percent", lex.PERCENT_POINT, j + 2)
        if w == "п" and j + 3 < self.n and [toks[k].text for k in (j + 1, j + 3)] == [".", "."] \
                and toks[j + 2].low == "п" and adjacent(toks, j, j + 1) and adjacent(toks, j + 2, j + 3) \
                and toks[j + 2].start - toks[j + 1].end <= 1 and toks[j + 3].sent == toks[j].sent:
            return Unit("percent", lex.PERCENT_POINT, j + 4)
        return None

    def currency(self, j: int, prev: int) -> Unit | None:
        """Longest currency key from ``kb/data/currencies.tsv`` starting at token ``j``."""
        best: Unit | None = None
        root = lex.currency_trie()
        stack = [(root, j, prev)]
        while stack:
            node, k, p = stack.pop()
            if k >= self.n or not (joined(self.toks, self.text, p, k)
                                   or (node is not root and self._abbreviation_split(p, k))):
                continue
            for elem, nk in self._elements(k):
                child = node.children.get(elem)
                if child is None:
                    continue
                if child.iso and (best is None or nk > best.end_tok):
                    best = Unit("money", child.iso, nk, child.iso, child.factor)
                if child.children:
                    stack.append((child, nk, nk - 1))
        return best

    def _abbreviation_split(self, p: int, k: int) -> bool:
        """Sentence splitters cut "долл. США" after the dot; inside a currency key it is one phrase."""
        toks = self.toks
        return toks[p].text == "." and toks[k].start - toks[p].end == 1 and p > 0 and toks[p - 1].kind == WORD

    def _elements(self, k: int) -> list[tuple[str, int]]:
        t = self.toks[k]
        if t.kind != WORD:
            return [(t.text, k + 1)]
        out = [(t.low, k + 1)] + [(key, k + 1) for key in lex.lemma_keys(t.low) if key != t.low]
        if (k + 1 < self.n and self.toks[k + 1].text == "." and adjacent(self.toks, k, k + 1)
                and self.toks[k + 1].sent == t.sent):
            out.append((t.low + ".", k + 2))
        return out

    def _counted(self, j: int, info: NumInfo) -> Unit | None:
        """A counted noun after the number (adjectives may stand between)."""
        toks, text = self.toks, self.text
        if toks[j].low in ("г", "гг"):
            return REJECT  # "2024 г."
        k = j
        for _ in range(MAX_ADJECTIVES + 1):
            if k >= self.n or toks[k].kind != WORD or (k > j and not joined(toks, text, k - 1, k)):
                return None
            ps = lex.parses(toks[k].low)
            if any(p.pos == "NOUN" and (p.key in lex.MONTHS or p.key in lex.TIME_LEMMAS) for p in ps):
                return REJECT
            for p in ps:
                if (p.pos == "NOUN" and p.key not in lex.NOT_COUNTED and not (p.grams & lex.PROPER_GRAMMEMES)
                        and _agrees(p.grams, info)):
                    return Unit("count", p.lemma, k + 1)
            if not lex.is_adjective(toks[k].low):
                return None
            k += 1
        return None


def _agrees(grams: frozenset, info: NumInfo) -> bool:
    """Does a noun with these grammemes read as counted by the number?"""
    if info.year_like:
        return "gent" in grams and "plur" in grams
    if "Fixd" in grams:
        return True  # "км", "кафе": one form for every case
    if info.scaled or info.fractional:
        return "gent" in grams
    n = info.last_two
    if n % 10 == 1 and n != 11:
        return "sing" in grams
    if n % 10 in (2, 3, 4) and n not in (12, 13, 14):
        return ("sing" in grams and "gent" in grams) or ("plur" in grams and "nomn" not in grams)
    return "plur" in grams and "nomn" not in grams
