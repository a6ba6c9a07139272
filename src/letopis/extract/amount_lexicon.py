"""Word lists and cached morphology for the amount extractor.

Everything here is loaded once per process (lazily) and kept small: numerals and
magnitude words are closed lists written out here; currencies and measure nouns
live in ``kb/data/currencies.tsv`` and ``kb/data/measures.txt``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources

DATA = resources.files("letopis.kb") / "data"
CURRENCIES_FILE = "currencies.tsv"
MEASURES_FILE = "measures.txt"
PARSE_CACHE_SIZE = 65536


def norm(word: str) -> str:
    """Lowercase, ё -> е: the key every word list is compared on."""
    return word.lower().replace("ё", "е")


# --- morphology -------------------------------------------------------------------------


@dataclass(frozen=True)
class Parse:
    lemma: str  # pymorphy3 normal form as given (may hold ё)
    key: str  # norm(lemma)
    pos: str
    grams: frozenset


@cache
def _morph():
    from letopis.nlp.morphology import analyzer  # loaded on first use

    return analyzer()


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def parses(word: str) -> tuple[Parse, ...]:
    """All pymorphy3 parses of a (lowercased) word, best first."""
    out = []
    for p in _morph().parse(word):
        out.append(Parse(p.normal_form, norm(p.normal_form), p.tag.POS or "", frozenset(p.tag.grammemes)))
    return tuple(out)


def lemma_keys(word: str) -> set[str]:
    return {p.key for p in parses(word)}


def noun_keys(word: str) -> set[str]:
    return {p.key for p in parses(word) if p.pos == "NOUN"}


def is_adjective(word: str) -> bool:
    return any(p.pos in ("ADJF", "PRTF") for p in parses(word))


# --- numbers ------------------------------------------------------------------------------

# Ranks order the parts of a spelled-out group ("двести сорок пять"): a part may follow
# only parts of a higher rank; HALF ("полтора") stands alone.
HUNDREDS, TENS, TEENS, UNITS, HALF = 4, 3, 2, 1, 0

_NUMERAL_STEMS: dict[tuple[str, ...], tuple[str, int]] = {
    ("один", "одна", "одно", "одного", "одной", "одному", "одним", "одном", "одну", "одною"): ("1", UNITS),
    ("два", "две", "двух", "двум", "двумя"): ("2", UNITS),
    ("три", "трех", "трем", "тремя"): ("3", UNITS),
    ("четыре", "четырех", "четырем", "четырьмя"): ("4", UNITS),
    ("пять", "пяти", "пятью"): ("5", UNITS),
    ("шесть", "шести", "шестью"): ("6", UNITS),
    ("семь", "семи", "семью"): ("7", UNITS),
    ("восемь", "восьми", "восемью", "восьмью"): ("8", UNITS),
    ("девять", "девяти", "девятью"): ("9", UNITS),
    ("десять", "десяти", "десятью"): ("10", TEENS),
    ("сорок", "сорока"): ("40", TENS),
    ("девяносто", "девяноста"): ("90", TENS),
    ("сто", "ста"): ("100", HUNDREDS),
    ("двести", "двухсот", "двумстам", "двумястами", "двухстах"): ("200", HUNDREDS),
    ("триста", "трехсот", "тремстам", "тремястами", "трехстах"): ("300", HUNDREDS),
    ("четыреста", "четырехсот", "четыремстам", "четырьмястами", "четырехстах"): ("400", HUNDREDS),
    ("полтора", "полторы", "полутора"): ("1.5", HALF),
}
_TEEN_STEMS = {11: "одиннадцат", 12: "двенадцат", 13: "тринадцат", 14: "четырнадцат", 15: "пятнадцат",
               16: "шестнадцат", 17: "семнадцат", 18: "восемнадцат", 19: "девятнадцат", 20: "двадцат",
               30: "тридцат"}
_TENS_COMPOUND = {50: ("пятьдесят", "пятидесяти", "пятьюдесятью"), 60: ("шестьдесят", "шестидесяти", "шестьюдесятью"),
                  70: ("семьдесят", "семидесяти", "семьюдесятью"),
                  80: ("восемьдесят", "восьмидесяти", "восемьюдесятью")}
_HUNDREDS_COMPOUND = {500: "пят", 600: "шест", 700: "сем", 800: "восем", 900: "девят"}


@cache
def numerals() -> dict[str, tuple[Decimal, int]]:
    """Surface form (norm) -> (value, rank) for spelled-out numbers below a thousand."""
    table: dict[str, tuple[Decimal, int]] = {}
    for forms, (value, rank) in _NUMERAL_STEMS.items():
        for f in forms:
            table[f] = (Decimal(value), rank)
    for value, stem in _TEEN_STEMS.items():
        rank = TENS if value in (20, 30) else TEENS
        for ending in ("ь", "и", "ью"):
            table[stem + ending] = (Decimal(value), rank)
    for value, forms in _TENS_COMPOUND.items():
        for f in forms:
            table[f] = (Decimal(value), TENS)
    for value, stem in _HUNDREDS_COMPOUND.items():
        oblique = "восьми" if value == 800 else stem + "и"
        for f in (("восемьсот" if value == 800 else stem + "ьсот"), oblique + "сот", oblique + "стам",
                  stem + "ьюстами" if value != 800 else "восемьюстами", oblique + "стах"):
            table[f] = (Decimal(value), HUNDREDS)
    return table


THOUSAND, MILLION, BILLION, TRILLION = (Decimal(10) ** k for k in (3, 6, 9, 12))
# Abbreviations: "тыс." is written with its dot, which then belongs to the amount;
# "млн", "млрд", "трлн" are dotless by the norm, so a dot after them is kept only when
# the amount goes on after it ("5 млн. рублей"); otherwise it ends the sentence.
SCALE_ABBREVIATIONS = {"тыс": THOUSAND, "тысяч": THOUSAND, "млн": MILLION, "млрд": BILLION, "трлн": TRILLION}
ABBREVIATIONS_WITH_DOT = frozenset({"тыс"})
_SCALE_LEXEMES = {
    THOUSAND: ("тысяча", "тысячи", "тысяче", "тысячу", "тысячей", "тысячею", "тысяч", "тысячам", "тысячами", "тысячах"),
    MILLION: ("миллион", "миллиона", "миллиону", "миллионом", "миллионе", "миллионы", "миллионов", "миллионам",
              "миллионами", "миллионах"),
    BILLION: ("миллиард", "миллиарда", "миллиарду", "миллиардом", "миллиарде", "миллиарды", "миллиардов",
              "миллиардам", "миллиардами", "миллиардах"),
    TRILLION: ("триллион", "триллиона", "триллиону", "триллионом", "триллионе", "триллионы", "триллионов",
               "триллионам", "триллионами", "триллионах"),
}
# A magnitude word with no number before it counts as one ("выделили миллион долларов")
# only in these singular forms; plural "миллионы долларов" is vague and skipped.
BARE_SCALE_FORMS = frozenset({"тысяча", "тысячу", "миллион", "миллиард", "триллион"})


@cache
def scales() -> dict[str, Decimal]:
    table = dict(SCALE_ABBREVIATIONS)
    for value, forms in _SCALE_LEXEMES.items():
        for f in forms:
            table[f] = value
    return table


PERCENT_FORMS = frozenset({"процент", "процента", "проценту", "процентом", "проценте", "проценты", "процентов",
                           "процентам", "процентами", "процентах"})
PERCENT_POINT = "п.п."
PERCENT_SIGN = "%"

# --- words that make a number something other than an amount --------------------------

MONTHS = frozenset({"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
                    "ноябрь", "декабрь"})
# Durations and clock times are not amounts; "г."/"гг." after a number is a year.
TIME_LEMMAS = frozenset({"год", "г", "гг", "месяц", "мес", "неделя", "день", "сутки", "час", "ч", "минута", "мин",
                         "секунда", "сек", "век", "столетие", "десятилетие", "полгода", "полчаса"})
# Nouns after a number that do not count things ("в 2 раза", "5 место").
NOT_COUNTED = frozenset({"раз", "место", "номер"})
PROPER_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
# A number right after these is an identifier: "статья 5", "рейс 1234", "ст. 5".
IDENTIFIER_NOUNS = frozenset({"статья", "пункт", "часть", "глава", "номер", "дом", "корпус", "квартира", "строение",
                              "рейс", "том", "раздел", "параграф", "приложение", "класс", "версия", "серия",
                              "модель", "поправка", "протокол", "палата", "школа", "гимназия", "лицей", "маршрут",
                              "трасса", "шоссе", "автобус", "троллейбус", "трамвай", "канал"})
IDENTIFIER_ABBREVIATIONS = frozenset({"ст", "п", "ч", "гл", "стр", "д", "кв", "корп", "рис", "табл", "тел", "пп",
                                      "разд", "прил"})
IDENTIFIER_SIGNS = frozenset("№#")

# --- qualifiers -------------------------------------------------------------------------

# Words right before the amount (longest match wins). "до" is decided separately (target/actual/up_to).
QUALIFIER_CUES: dict[tuple[str, ...], str] = {
    ("около",): "approx", ("порядка",): "approx", ("почти",): "approx", ("примерно",): "approx",
    ("приблизительно",): "approx", ("ориентировочно",): "approx",
    ("свыше",): "more_than", ("более",): "more_than", ("больше",): "more_than", ("выше",): "more_than",
    ("более", "чем"): "more_than", ("чуть", "более"): "more_than", ("чуть", "больше"): "more_than",
    ("немногим", "более"): "more_than", ("чуть", "свыше"): "more_than",
    ("менее",): "less_than", ("меньше",): "less_than", ("ниже",): "less_than", ("менее", "чем"): "less_than",
    ("чуть", "менее"): "less_than", ("чуть", "меньше"): "less_than",
    ("не", "менее"): "at_least", ("не", "меньше"): "at_least", ("не", "ниже"): "at_least",
    ("минимум",): "at_least", ("как", "минимум"): "at_least", ("по", "меньшей", "мере"): "at_least",
    ("по", "крайней", "мере"): "at_least", ("от",): "at_least",
    ("не", "более"): "at_most", ("не", "больше"): "at_most", ("не", "свыше"): "at_most", ("не", "выше"): "at_most",
    ("максимум",): "at_most", ("как", "максимум"): "at_most", ("вплоть", "до"): "up_to",
}
MAX_CUE_WORDS = 3
# Lemmas of change: "на" after them gives "change"; "до" after them gives "target" (plan
# forms: infinitive, noun, future, imperative, or a planning word in the sentence) or
# "actual" (past/present: "вырос до").
CHANGE_LEMMAS = frozenset({
    "увеличить", "увеличиться", "увеличивать", "увеличиваться", "увеличение", "вырасти", "расти", "рост",
    "возрасти", "возрастать", "повысить", "повыситься", "повышать", "повышаться", "повышение", "поднять",
    "подняться", "поднимать", "подниматься", "нарастить", "наращивать", "наращивание", "расширить", "расшириться",
    "расширять", "расширение", "довести", "доводить", "доведение", "достичь", "достигнуть", "достигать",
    "достижение", "сократить", "сократиться", "сокращать", "сокращаться", "сокращение", "снизить", "снизиться",
    "снижать", "снижаться", "снижение", "уменьшить", "уменьшиться", "уменьшать", "уменьшаться", "уменьшение",
    "упасть", "падать", "падение", "подорожать", "дорожать", "подешеветь", "дешеветь", "ускориться",
    "замедлиться", "прибавить", "потерять", "опуститься", "обвалиться", "подскочить", "укрепиться", "ослабнуть",
    "ослабеть", "удвоить", "утроить", "прирост", "индексировать", "проиндексировать", "индексация",
})
REACH_LEMMAS = frozenset({"достичь", "достигнуть", "достигать"})
PLANNING_LEMMAS = frozenset({
    "планировать", "планироваться", "план", "намереваться", "намерен", "намеренный", "намерение", "цель", "задача",
    "рассчитывать", "ожидать", "ожидаться", "прогноз", "прогнозировать", "прогнозироваться", "должный",
    "собираться", "стремиться", "предполагать", "предполагаться", "предусматривать", "предусматриваться",
    "договориться", "поручить", "нацелить", "хотеть", "наметить", "поставить",
})
PLAN_GRAMMEMES = frozenset({"INFN", "futr", "impr"})
# A new clause starts the search for measure and change words afresh.
CLAUSE_BREAKS = frozenset({";"})
CLAUSE_CONJUNCTIONS = frozenset({"а", "но", "однако", "зато", "тогда", "причем", "при"})


def prefixes(words) -> frozenset[str]:
    """First three letters of each word: a cheap filter before asking pymorphy."""
    return frozenset(w[:3] for w in words)


CHANGE_PREFIXES = prefixes(CHANGE_LEMMAS)
PLANNING_PREFIXES = prefixes(PLANNING_LEMMAS)

# --- currencies ---------------------------------------------------------------------------

# Context for ambiguous ISO codes ("манат": Turkmen TMT by default, Azerbaijani AZN when the
# text speaks of Azerbaijan and not of Turkmenistan).
ISO_CONTEXT_CUES = {"TMT": ("туркмен", "ашхабад"), "AZN": ("азербайдж", "баку")}


@dataclass
class TrieNode:
    children: dict[str, "TrieNode"] = field(default_factory=dict)
    iso: str = ""
    factor: Decimal = Decimal(1)


@cache
def currency_trie() -> TrieNode:
    root = TrieNode()
    for line in (DATA / CURRENCIES_FILE).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        node = root
        for elem in norm(cols[0]).split():
            node = node.children.setdefault(elem, TrieNode())
        node.iso = cols[1].strip()
        if len(cols) > 2 and cols[2].strip():
            node.factor = Decimal(cols[2].strip())
    return root


# --- measures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureEntry:
    name: str  # the line as written in measures.txt
    keys: tuple[str, ...]  # lemma keys, word by word


def _lemma_of(word: str) -> str:
    for p in parses(norm(word)):
        if p.pos in ("NOUN", "ADJF"):
            return p.key
    return norm(word)


@cache
def measures() -> dict[str, tuple[MeasureEntry, ...]]:
    """Last word's lemma key -> entries ending with it (longer phrases first)."""
    by_last: dict[str, list[MeasureEntry]] = {}
    for line in (DATA / MEASURES_FILE).read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        words = name.split()
        keys = (norm(name),) if len(words) == 1 else tuple(_lemma_of(w) for w in words)
        by_last.setdefault(keys[-1], []).append(MeasureEntry(name, keys))
    return {k: tuple(sorted(v, key=lambda e: -len(e.keys))) for k, v in by_last.items()}


@cache
def measure_prefixes() -> frozenset[str]:
    return prefixes(measures())
