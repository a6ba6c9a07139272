"""Numbers for the amount extractor: digit literals, spelled-out numbers, magnitude words.

Every reader walks forward over tokens and never revisits one, so the whole scan is
linear; a rejected literal reports how far to skip (the glued run it belongs to).

Digit literals:
- "1 500 000" (space, nbsp or thin space before each group of exactly three digits,
  the first group one to three digits) is one number;
- one "," or "." is a decimal separator ("5,3", "1.5"); several separators of one kind
  between three-digit groups are thousands ("1.500.000", "1,500,000");
- anything else glued with ".,:/" is a date, time, version or fraction: rejected;
- "-" + digits + "-" + digits after a number is a phone number: rejected;
- a leading zero ("05") or more than MAX_DIGITS digits: rejected.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from letopis.extract import amount_lexicon as lex
from letopis.extract.amount_tokens import NUM, PUNCT, WORD, Tok, adjacent, joined, run_end

MAX_DIGITS = 24
THOUSANDS_SEPARATORS = frozenset(" \u00a0\u202f\u2009\u2007")
NUMBER_SEPARATORS = frozenset(",.:/")
DECIMAL_SEPARATORS = frozenset(",.")
DASHES = frozenset("-–—")
HYPHENS = frozenset("-–")


@dataclass
class Literal:
    value: Decimal
    end_tok: int  # index after the literal
    integral: bool  # no decimal part
    plain: bool  # digits only, no separators
    digits: str  # the integer part


def read_digits(toks: list[Tok], text: str, i: int) -> tuple[Literal | None, int]:
    """Read the digit literal at token ``i``; (None, skip_to) when it is no number."""
    n = len(toks)
    first = toks[i]
    groups = [first.text]
    size = len(first.text)
    j = i + 1
    if len(first.text) <= 3:
        while (j < n and toks[j].kind == NUM and len(toks[j].text) == 3 and toks[j].start - toks[j - 1].end == 1
               and text[toks[j - 1].end] in THOUSANDS_SEPARATORS and toks[j].sent == first.sent):
            if size <= MAX_DIGITS:
                groups.append(toks[j].text)
            size += 3
            j += 1
    grouped = j > i + 1
    # glued chain: sep digits sep digits ...
    seps: list[str] = []
    tails: list[str] = []
    k = j
    while (k + 1 < n and toks[k].kind == PUNCT and toks[k].text in NUMBER_SEPARATORS and adjacent(toks, k - 1, k)
           and toks[k + 1].kind == NUM and adjacent(toks, k, k + 1)):
        if len(seps) <= 4:
            seps.append(toks[k].text)
            tails.append(toks[k + 1].text)
        else:
            seps.append("")  # too long to be a number: keep walking, reject below
        k += 2
    frac = ""
    if not seps:
        pass
    elif len(seps) == 1 and seps[0] in DECIMAL_SEPARATORS:
        frac = tails[0]
    elif (not grouped and len(first.text) <= 3 and len(set(seps)) == 1 and seps[0] in DECIMAL_SEPARATORS
          and all(len(t) == 3 for t in tails)):
        groups.extend(tails)
        size += 3 * len(tails)
    else:
        return None, run_end(toks, k)
    digits = "".join(groups)
    if size > MAX_DIGITS or len(frac) > MAX_DIGITS or (len(digits) > 1 and digits[0] == "0"):
        return None, run_end(toks, k)
    # what is glued on the right
    if k < n and adjacent(toks, k - 1, k):
        nxt = toks[k]
        if nxt.kind == WORD and not glued_word_ok(nxt.low):
            return None, run_end(toks, k)  # "5G", "2024г", "320neo"
        if nxt.kind == PUNCT and nxt.text in DASHES and k + 1 < n and adjacent(toks, k, k + 1):
            after = toks[k + 1]
            if after.kind == WORD:
                return None, run_end(toks, k)  # "15-летний", "90-х"
            if after.kind == NUM and _is_phone_tail(toks, k):
                return None, run_end(toks, k)  # "555-35-35"
    value = Decimal(digits + ("." + frac if frac else ""))
    return Literal(value, k, not frac, not seps and not grouped, digits), k


def glued_word_ok(low: str) -> bool:
    """Letters glued to digits that still make an amount: "5млн", "100руб"."""
    return low in lex.scales() or low in lex.currency_trie().children or low in lex.PERCENT_FORMS


def _is_phone_tail(toks: list[Tok], k: int) -> bool:
    """Two or more glued "-digits" parts after a number: "123-45-67"."""
    count = 0
    n = len(toks)
    while (k + 1 < n and toks[k].kind == PUNCT and toks[k].text in DASHES and adjacent(toks, k - 1, k)
           and toks[k + 1].kind == NUM and adjacent(toks, k, k + 1)):
        count += 1
        if count >= 2:
            return True
        k += 2
    return False


@dataclass
class Scale:
    value: Decimal
    end_tok: int  # index after the magnitude word (and its dot when always kept)
    dot_tok: int | None  # a dot after "млн"/"млрд"/"трлн", kept only if the amount goes on


def read_scale(toks: list[Tok], text: str, j: int, prev: int) -> Scale | None:
    """A magnitude word at ``j`` (``prev`` is the token before it)."""
    if j >= len(toks) or toks[j].kind != WORD or not joined(toks, text, prev, j):
        return None
    value = lex.scales().get(toks[j].low)
    if value is None:
        return None
    end, dot = j + 1, None
    if end < len(toks) and toks[end].text == "." and adjacent(toks, j, end) and toks[end].sent == toks[j].sent:
        if toks[j].low in lex.ABBREVIATIONS_WITH_DOT:
            end += 1
        elif toks[j].low in lex.SCALE_ABBREVIATIONS:
            dot = end
    return Scale(value, end, dot)


@dataclass
class WordNumber:
    """value = raw * scale + added, as for digits: "две тысячи пятьсот" = 2 * 1000 + 500."""

    raw: Decimal
    scale: Decimal | None
    added: Decimal
    end_tok: int
    bare_scale: bool  # "миллион" with no number before it
    weak: bool  # a lone "один"/"одна": an amount only with a currency

    @property
    def value(self) -> Decimal:
        return self.raw * (self.scale or 1) + self.added


def read_words(toks: list[Tok], text: str, i: int) -> WordNumber | None:
    """A spelled-out number at ``i``: "двести сорок пять", "полтора миллиарда", "пять тысяч"."""
    table, scales = lex.numerals(), lex.scales()
    n = len(toks)
    total = Decimal(0)
    first: tuple[Decimal, Decimal] | None = None  # the group before the first magnitude word, and it
    group = Decimal(0)
    has_group = False
    limit = lex.HUNDREDS + 1
    prev_scale: Decimal | None = None
    bare = False
    parts = 0
    j = i
    good_end = i
    while j < n and toks[j].kind == WORD and (j == i or joined(toks, text, j - 1, j)):
        w = toks[j].low
        if w in table:
            value, rank = table[w]
            if rank == lex.HALF:
                if has_group:
                    break
                limit = lex.HALF
            elif rank >= limit:
                break
            else:
                limit = {lex.HUNDREDS: lex.HUNDREDS, lex.TENS: lex.TEENS}.get(rank, lex.HALF)
            group += value
            has_group = True
            parts += 1
            j += 1
            good_end = j
        elif w in scales:
            scale = scales[w]
            if prev_scale is not None and scale >= prev_scale:
                break
            if not has_group:
                if j != i or w not in lex.BARE_SCALE_FORMS:
                    break
                group, bare = Decimal(1), True
            if first is None:
                first = (group, scale)
            else:
                total += group * scale
            group, has_group, limit, prev_scale = Decimal(0), False, lex.HUNDREDS + 1, scale
            parts += 1
            j += 1
            if w in lex.ABBREVIATIONS_WITH_DOT and j < n and toks[j].text == "." and adjacent(toks, j - 1, j):
                j += 1
            good_end = j
        else:
            break
    if good_end == i:
        return None
    if first is None:
        return WordNumber(group, None, Decimal(0), good_end, False, parts == 1 and group == 1)
    return WordNumber(first[0], first[1], total + group, good_end, bare and parts == 1, False)
