"""Context of an amount: ranges, qualifiers (approx, target ...) and the measure.

Ranges pair neighbouring quantities; ``Context.annotate`` makes one forward pass over
the sentences that hold amounts, remembering the nearest measure noun
(kb/data/measures.txt) and change word to the left, clause by clause.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from letopis.extract import amount_lexicon as lex
from letopis.extract.amount_numbers import DASHES
from letopis.extract.amount_tokens import WORD, Tok, joined
from letopis.extract.amount_units import MAX_ADJECTIVES

if TYPE_CHECKING:
    from letopis.extract.amounts import Quantity


def pair_ranges(toks: list[Tok], qs: list[Quantity]) -> None:
    """Ranges and pairs: "от 2 до 3 млрд долларов", "2–3 млрд", "с 9 до 7,5%", "2 или 3%"."""
    for a, b in zip(qs, qs[1:]):
        if b.i - a.j != 1 or toks[a.j - 1].sent != toks[b.i].sent:
            continue
        link = toks[a.j]
        before = toks[a.i - 1].low if a.i > 0 and toks[a.i - 1].sent == toks[a.i].sent else ""
        if link.text in DASHES or (link.low == "до" and before == "от"):
            qa, qb = "range_from", "range_to"
        elif link.low == "до" and before in ("с", "со"):
            qa, qb = "from", "to"  # "to" becomes target/actual after a change word
        elif link.low in ("или", "и"):
            if a.kind or a.scale is not None or b.kind not in ("money", "percent"):
                continue
            qa = qb = ""
        else:
            continue
        _share(a, b)
        if a.kind != b.kind or a.currency != b.currency or not (a.kind or a.scale is not None):
            continue
        if qa:
            a.qualifier, b.qualifier = qa, qb


def _share(a: Quantity, b: Quantity) -> None:
    """The ends of a range complete each other: "от 2 до 3 млрд долларов", "$2-3 млн"."""
    for x, y in ((a, b), (b, a)):
        if not x.kind and y.kind:
            x.kind, x.unit, x.currency, x.factor = y.kind, y.unit, y.currency, y.factor
    for x, y in ((a, b), (b, a)):
        if x.scale is None and y.scale is not None and (x.kind, x.currency) == (y.kind, y.currency):
            x.scale = y.scale


class Context:
    def __init__(self, text: str, toks: list[Tok]):
        self.text, self.toks, self.n = text, toks, len(toks)
        self._planning: set[int] = set()

    def annotate(self, qs: list[Quantity]) -> None:
        """One pass over the sentences holding amounts: measures and change words to the left."""
        if not qs:
            return
        toks = self.toks
        wanted = {toks[q.i].sent for q in qs}
        measure, change, sent = "", None, None
        qi = 0
        for idx, t in enumerate(toks):
            while qi < len(qs) and qs[qi].i == idx:
                qs[qi].measure, qs[qi].change = measure, change
                qi += 1
            if t.sent not in wanted:
                continue
            if t.sent != sent:
                measure, change, sent = "", None, t.sent
            if t.text in lex.CLAUSE_BREAKS or (
                    t.text == "," and idx + 1 < self.n and toks[idx + 1].low in lex.CLAUSE_CONJUNCTIONS):
                measure, change = "", None
                continue
            if t.kind != WORD:
                continue
            head = t.low[:3]
            if head in lex.measure_prefixes():
                found = self._measure_at(idx)
                if found:
                    measure = found
            if head in lex.CHANGE_PREFIXES:
                form = self._change_form(idx)
                if form is not None:
                    change = (idx, form)
            if head in lex.PLANNING_PREFIXES and lex.lemma_keys(t.low) & lex.PLANNING_LEMMAS:
                self._planning.add(t.sent)
        for q in qs:
            if q.kind == "money":
                after = self._measure_after(q.j)
                if after:
                    q.measure = after

    def _measure_at(self, idx: int) -> str:
        """The measures.txt entry ending at token ``idx`` (longest phrase first)."""
        table = lex.measures()
        for key in lex.noun_keys(self.toks[idx].low) | {self.toks[idx].low}:
            for entry in table.get(key, ()):
                if self._phrase_before(idx, entry.keys[:-1]):
                    return entry.name
        return ""

    def _phrase_before(self, idx: int, keys: tuple[str, ...]) -> bool:
        toks, text = self.toks, self.text
        k = idx
        for want in reversed(keys):
            for _skip in range(MAX_ADJECTIVES + 1):
                k -= 1
                if k < 0 or toks[k].kind != WORD or not joined(toks, text, k, k + 1):
                    return False
                if want in lex.lemma_keys(toks[k].low):
                    break
                if not lex.is_adjective(toks[k].low):
                    return False
            else:
                return False
        return True

    def _measure_after(self, j: int) -> str:
        """"5 млрд рублей инвестиций": a genitive measure noun right after money."""
        toks, text = self.toks, self.text
        table = lex.measures()
        k = j
        for _ in range(MAX_ADJECTIVES):
            if k >= self.n or toks[k].kind != WORD or not joined(toks, text, k - 1, k):
                return ""
            for p in lex.parses(toks[k].low):
                if p.pos == "NOUN" and "gent" in p.grams:
                    for entry in table.get(p.key, ()):
                        if len(entry.keys) == 1:
                            return entry.name
            if not lex.is_adjective(toks[k].low):
                return ""
            k += 1
        return ""

    def _change_form(self, idx: int) -> bool | None:
        """None if no change word; else whether its form is a plan (infinitive, noun, future...)."""
        for p in lex.parses(self.toks[idx].low):
            if p.key in lex.CHANGE_LEMMAS:
                return p.pos in ("INFN", "NOUN") or bool(p.grams & lex.PLAN_GRAMMEMES)
        return None

    def qualifier(self, q: Quantity) -> str:
        words = self._left_words(q.i)
        cue = _cue(words)
        if cue:
            return cue
        if not words:
            return ""
        last = words[-1]
        if last == "до":
            return self.target(q.change, q) or "up_to"
        if lex.lemma_keys(last) & lex.REACH_LEMMAS:
            return self.target((q.i - 1, bool(self._change_form(q.i - 1))), q)
        if last == "на":
            return _cue(words[:-1]) or ("change" if q.change else "")
        return ""

    def target(self, change: tuple[int, bool] | None, q: Quantity) -> str:
        if change is None:
            return ""
        plan = change[1] or self.toks[q.i].sent in self._planning
        return "target" if plan else "actual"

    def _left_words(self, i: int) -> list[str]:
        toks, text = self.toks, self.text
        words: list[str] = []
        k = i - 1
        while k >= 0 and len(words) <= lex.MAX_CUE_WORDS and toks[k].kind == WORD and joined(toks, text, k, k + 1):
            words.append(toks[k].low)
            k -= 1
        return words[::-1]


def _cue(words: list[str]) -> str:
    for size in range(min(lex.MAX_CUE_WORDS, len(words)), 0, -1):
        found = lex.QUALIFIER_CUES.get(tuple(words[-size:]))
        if found:
            return found
    return ""
