"""Amounts in Russian news: money, percentages and counts, offset-exact, values as Decimal.

``extract_amounts(text, sentences=None) -> list[Amount]`` (sentences: ``(start, end)``
spans; razdel splits the text when they are not given). Amounts never cross a sentence
or a blank line. Money is ``Decimal`` throughout; no float is ever made.

What is read (a number, then a magnitude word, then a unit):
- numbers: "1 500 000" (space/nbsp groups), "5,3", "1.5", "1.500.000"; spelled-out
  "двести сорок пять", "полтора миллиарда", "пять тысяч"; a bare singular "миллион"
  before a currency; a "-"/"−" sign glued to the number; "1 млрд 200 млн" adds up;
- magnitude: тысяча/тыс./тыс, миллион/млн, миллиард/млрд, триллион/трлн, any case;
- money: currency words and abbreviations from ``kb/data/currencies.tsv`` (lemmas, so
  every case: "долларов", "евро", "тенге", "белорусских рублей" BYN, "долларов США",
  "фунтов стерлингов"), symbols before or after ("$2,5 млн", "€3 млн", "100 ₽"),
  subunits ("5 рублей 50 копеек" = 5.50 RUB). "манат" is TMT unless the text speaks of
  Azerbaijan (Азербайджан, Баку) and not of Turkmenistan, then AZN;
- percent: "%", "процент" (any case) -> unit "%"; "п.п."/"процентных пунктов" -> "п.п.";
- counts: a noun right after the number (up to two adjectives between) that agrees with
  it as a counted noun ("300 специалистов", "21 специалист", "2 соглашения", "5 тыс.
  тонн"); unit = its pymorphy3 normal form. A number with a magnitude word and nothing
  counted is a count with unit "" ("свыше 5 млн").

Not amounts: years ("2024 года", "2024 г.", a four-digit 1000-2100 number is a count
only before a genitive plural), dates ("5 марта"), times and durations ("10:30",
"5 лет", "3 часа"), "в 2 раза", numbers glued to letters or hyphens ("COVID-19",
"Су-35", "5G", "15-летний"), after "№"/"статья"/"ст.", dates/versions ("05.03.2024",
"1.2.3"), phone numbers ("555-35-35", "+7"), leading zeros ("05"), lone "один".

Abbreviation dots: "руб.", "долл.", "коп.", "тыс." end with a dot that is part of the
abbreviation, so the amount includes it even where it also ends the sentence. "млн",
"млрд", "трлн" take no dot by the norm: a dot after them is included only when the
amount goes on ("5 млн. рублей"); otherwise it is the sentence's full stop.

Ranges: "от 2 до 3 млрд долларов", "2–3 млрд", "15-20%" give two amounts, qualifiers
"range_from" and "range_to"; "с 9 до 7,5%" gives "from" and "to" (or target/actual as
for "до" below). A bare end inherits the other's unit and magnitude ("от 2" = 2 млрд USD).
"X или Y" / "X и Y" share a money or percent unit the same way, without a qualifier.

Qualifiers (words right before the amount): approx (около, порядка, почти, примерно,
приблизительно), more_than (свыше, более, больше, более чем), less_than (менее,
меньше), at_least (не менее, минимум, от), at_most (не более, максимум), up_to (до,
вплоть до); "до" after a change word (увеличить, рост, довести, снизить ...) in the
sentence is "target" when that word is an infinitive, noun, future or imperative or the
sentence has a planning word (планировать, цель, намерены ...), else "actual" ("вырос до");
"достичь/достигнет X" likewise; "на X" after a change word is "change".

Measure: the nearest noun from ``kb/data/measures.txt`` to the left in the same clause
(";" or ", а/но/однако" start a new one); for money a measure noun right after the
amount in the genitive wins ("5 млрд рублей инвестиций").
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from letopis.document import Amount
from letopis.extract import amount_lexicon as lex
from letopis.extract.amount_context import Context, pair_ranges
from letopis.extract.amount_numbers import DASHES, HYPHENS, NUMBER_SEPARATORS, read_digits, read_scale, read_words
from letopis.extract.amount_tokens import NUM, PUNCT, WORD, Tok, adjacent, joined, run_end, tokenize
from letopis.extract.amount_units import REJECT, NumInfo, Unit, UnitReader

DECIMAL_PRECISION = 80  # exact for 24-digit literals times a trillion
MINUS_SIGNS = frozenset("-−")
MAX_SYMBOL_GAP = 1  # "$ 5" but not "$    5"
YEAR_RANGE = (1000, 2100)
SENTENIZE_CHUNK = 10_000
GLUED_LEFT_BLOCKERS = frozenset("+@_&\\") | lex.IDENTIFIER_SIGNS


@dataclass
class Quantity:
    i: int  # first token (sign or currency symbol included)
    j: int  # token after the last
    raw: Decimal  # the number as written
    scale: Decimal | None = None
    added: Decimal = Decimal(0)  # "1 млрд 200 млн": the 200 млн
    kind: str = ""
    unit: str = ""
    currency: str | None = None
    factor: Decimal = Decimal(1)  # subunits: копейка 0.01
    extra: Decimal = Decimal(0)  # "5 рублей 50 копеек": the 0.50
    negative: bool = False
    weak: bool = False  # a lone "один": money only
    qualifier: str = ""
    measure: str = ""
    change: tuple[int, bool] | None = None  # nearest change word to the left: (token, plan form)

    @property
    def emitted(self) -> bool:
        if self.weak:
            return self.kind == "money"
        return bool(self.kind) or self.scale is not None

    def value(self) -> Decimal:
        v = (self.raw * (self.scale or 1) + self.added) * self.factor + self.extra
        return _exact(-v if self.negative else v)


def _exact(v: Decimal) -> Decimal:
    if v == 0:
        return Decimal(0)
    if v == v.to_integral_value():
        return v.quantize(Decimal(1))
    return v.normalize()


def extract_amounts(text: str, sentences: list[tuple[int, int]] | None = None) -> list[Amount]:
    """Money, percentages and counts in ``text``, in text order."""
    if not text:
        return []
    if sentences is None:
        sentences = split_sentences(text)
    with localcontext() as ctx:
        ctx.prec = DECIMAL_PRECISION
        return _Extractor(text, sentences).run()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """razdel sentences, fed in pieces of at most SENTENIZE_CHUNK characters cut at blank lines
    (or, in a longer block, at a space): razdel slows down badly on one huge junk line."""
    from razdel import sentenize

    spans: list[tuple[int, int]] = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + SENTENIZE_CHUNK)
        if end < len(text):
            cut = text.rfind("\n\n", pos, end)
            if cut <= pos:
                cut = max(text.rfind(" ", pos, end), text.rfind("\n", pos, end))
            end = cut if cut > pos else end
        spans.extend((pos + s.start, pos + s.stop) for s in sentenize(text[pos:end]))
        pos = end
    return spans


class _Extractor:
    def __init__(self, text: str, sentences: list[tuple[int, int]]):
        self.text = text
        self.toks: list[Tok] = tokenize(text, sentences)
        self.n = len(self.toks)
        self._iso_cache: dict[str, str] = {}
        self.units = UnitReader(text, self.toks)
        self.context = Context(text, self.toks)

    # --- driver -------------------------------------------------------------------------

    def run(self) -> list[Amount]:
        qs = self._scan()
        pair_ranges(self.toks, qs)
        out = [q for q in qs if q.emitted]
        self.context.annotate(out)
        for q in out:
            if not q.qualifier:
                q.qualifier = self.context.qualifier(q)
            elif q.qualifier == "to":
                q.qualifier = self.context.target(q.change, q) or "to"
        return [self._amount(q) for q in out]

    def _amount(self, q: Quantity) -> Amount:
        start, end = self.toks[q.i].start, self.toks[q.j - 1].end
        currency = self._resolve_iso(q.currency) if q.currency else None
        unit = currency if q.kind == "money" else q.unit
        kind = q.kind or "count"
        return Amount(start, end, self.text[start:end], q.value(), unit, currency, kind, q.measure, q.qualifier)

    def _resolve_iso(self, iso: str) -> str:
        if "/" not in iso:
            return iso
        if iso not in self._iso_cache:
            low = self.text.lower()
            options = iso.split("/")
            mentioned = [o for o in options if any(c in low for c in lex.ISO_CONTEXT_CUES.get(o, ()))]
            self._iso_cache[iso] = mentioned[0] if len(mentioned) == 1 else options[0]
        return self._iso_cache[iso]

    # --- scanning -----------------------------------------------------------------------

    def _scan(self) -> list[Quantity]:
        toks, qs = self.toks, []
        i = 0
        last_num_tok = -1  # last number token of the previous quantity (for "2-3")
        while i < self.n:
            t = toks[i]
            q, nxt = None, i + 1
            if t.kind == NUM:
                q, nxt = self._digits_at(i, i, partner=last_num_tok)
            elif t.kind == PUNCT and self._symbol_prefix(i):
                q, nxt = self._digits_at(i, i + 1, partner=last_num_tok, prefix=self._currency_at(i))
            elif t.kind == PUNCT and self._minus_sign(i):
                q, nxt = self._digits_at(i, i + 1, partner=last_num_tok, negative=True)
            elif t.kind == WORD and (t.low in lex.numerals() or t.low in lex.BARE_SCALE_FORMS):
                q, nxt = self._words_at(i)
            if q is not None:
                qs.append(q)
                last_num_tok = q.j - 1
            i = max(nxt, i + 1)
        return qs

    def _symbol_prefix(self, i: int) -> bool:
        toks = self.toks
        return (i + 1 < self.n and toks[i + 1].kind == NUM and toks[i + 1].start - toks[i].end <= MAX_SYMBOL_GAP
                and toks[i + 1].sent == toks[i].sent and self._currency_at(i) is not None
                and not (toks[i].text.isalnum()))

    def _currency_at(self, i: int) -> Unit | None:
        node = lex.currency_trie().children.get(self.toks[i].text)
        if node is None or not node.iso:
            return None
        return Unit("money", node.iso, i + 1, node.iso, node.factor)

    def _minus_sign(self, i: int) -> bool:
        toks = self.toks
        return (toks[i].text in MINUS_SIGNS and i + 1 < self.n and toks[i + 1].kind == NUM and adjacent(toks, i, i + 1)
                and (i == 0 or (not adjacent(toks, i - 1, i) and toks[i - 1].kind != NUM)))

    def _left_blocked(self, i: int, partner: int) -> bool:
        """Is the number starting at token ``i`` part of an identifier or a bigger token?"""
        if i == 0:
            return False
        toks, p = self.toks, i - 1
        prev = toks[p]
        if adjacent(toks, p, i):
            if prev.kind in (WORD, NUM) or prev.text in GLUED_LEFT_BLOCKERS:
                return True
            if (prev.text in NUMBER_SEPARATORS or prev.text in DASHES) and p > 0 and adjacent(toks, p - 1, p):
                before = toks[p - 1]
                if before.kind == NUM and prev.text in DASHES and partner == p - 1:
                    return False  # "2-3 млрд": the second end of a range
                return before.kind in (WORD, NUM)
            return False
        if prev.text in lex.IDENTIFIER_SIGNS:
            return True
        if prev.kind == WORD and lex.noun_keys(prev.low) & lex.IDENTIFIER_NOUNS:
            return True
        return (prev.text == "." and p > 0 and adjacent(toks, p - 1, p)
                and toks[p - 1].low in lex.IDENTIFIER_ABBREVIATIONS)

    def _digits_at(self, start: int, num: int, partner: int, prefix: Unit | None = None,
                   negative: bool = False) -> tuple[Quantity | None, int]:
        toks, text = self.toks, self.text
        if self._left_blocked(start, partner):
            return None, run_end(toks, num + 1)
        lit, nxt = read_digits(toks, text, num)
        if lit is None:
            return None, nxt
        q = Quantity(start, lit.end_tok, lit.value, negative=negative)
        j = lit.end_tok
        scale = read_scale(toks, text, j, j - 1)
        if scale is not None:
            q.scale, j = scale.value, scale.end_tok
            j, scale = self._compound(q, j, scale)
        value = lit.value
        info = NumInfo(int(lit.digits[-2:]), not lit.integral, scale is not None,
                       lit.plain and len(lit.digits) == 4 and YEAR_RANGE[0] <= value <= YEAR_RANGE[1])
        if prefix is not None:
            unit: Unit | None = prefix
        else:
            unit, j = self._unit_after_scale(j, scale, info)
            if unit is REJECT:
                return None, max(j, num + 1)
        if unit is not None:
            self._apply_unit(q, unit)
            if unit.kind == "money" and prefix is None:
                j = self._subunit(q, j)
        q.j = j
        return q, j

    def _compound(self, q: Quantity, j: int, scale):
        """"1 млрд 200 млн": add smaller magnitudes that follow."""
        toks, text = self.toks, self.text
        last = scale
        while j < self.n and toks[j].kind == NUM and joined(toks, text, j - 1, j) and last.dot_tok is None:
            lit, _ = read_digits(toks, text, j)
            if lit is None or not lit.integral:
                break
            nxt = read_scale(toks, text, lit.end_tok, lit.end_tok - 1)
            if nxt is None or nxt.value >= last.value or lit.value * nxt.value >= last.value:
                break
            q.added += lit.value * nxt.value
            j, last = nxt.end_tok, nxt
        return j, last

    def _unit_after_scale(self, j: int, scale, info: NumInfo) -> tuple[Unit | None, int]:
        """The unit after the number (and its magnitude word and dot)."""
        if scale is not None and scale.dot_tok is not None and scale.dot_tok == j:
            unit = self.units.unit(j + 1, j, info)
            if unit is not None and unit is not REJECT:
                return unit, unit.end_tok
            return (REJECT if unit is REJECT else None), j
        unit = self.units.unit(j, j - 1, info)
        return unit, (unit.end_tok if unit is not None and unit is not REJECT else j)

    def _apply_unit(self, q: Quantity, unit: Unit) -> None:
        q.kind, q.unit, q.currency, q.factor = unit.kind, unit.unit, unit.currency, unit.factor

    def _subunit(self, q: Quantity, j: int) -> int:
        """"5 рублей 50 копеек": fold the subunit into the value."""
        toks, text = self.toks, self.text
        if q.factor != 1 or j >= self.n or toks[j].kind != NUM or not joined(toks, text, j - 1, j):
            return j
        lit, _ = read_digits(toks, text, j)
        if lit is None or not lit.integral or len(lit.digits) > 2:
            return j
        unit = self.units.currency(lit.end_tok, lit.end_tok - 1)
        if unit is None or unit.currency != q.currency or unit.factor == 1:
            return j
        q.extra = lit.value * unit.factor
        return unit.end_tok

    def _words_at(self, i: int) -> tuple[Quantity | None, int]:
        toks, text = self.toks, self.text
        if i > 0 and adjacent(toks, i - 1, i) and toks[i - 1].text in DASHES:
            return None, i + 1  # "двух-трех"
        wn = read_words(toks, text, i)
        if wn is None:
            return None, i + 1
        j = wn.end_tok
        if j < self.n and adjacent(toks, j - 1, j) and toks[j].text in HYPHENS:
            return None, run_end(toks, j)  # "двух-трехкратный"
        integral = wn.value == wn.value.to_integral_value()
        info = NumInfo(int(wn.value % 100) if integral else 0, not integral, wn.scale is not None, False)
        unit = self.units.unit(j, j - 1, info)
        if unit is REJECT:
            return None, j
        if wn.bare_scale and unit is None:
            return None, j
        q = Quantity(i, j, wn.raw, wn.scale, wn.added, weak=wn.weak)
        if unit is not None:
            self._apply_unit(q, unit)
            q.j = unit.end_tok
            if unit.kind == "money":
                q.j = self._subunit(q, q.j)
        return q, q.j
