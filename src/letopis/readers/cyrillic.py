"""Choosing between the single-byte Cyrillic encodings: cp1251 or koi8-r.

Both decode almost any byte string, and both put Cyrillic letters in
0xC0-0xFF, but with the cases swapped and the letters permuted. So a wrong
guess still looks Cyrillic; it just reads as nonsense. Each candidate decoding
is scored by how Russian it reads:

- the mean cost of its letter pairs (case folded, word boundaries included)
  under a table of Russian bigram probabilities: "ст", "но", "ть" are cheap,
  word-initial "ь" or "жы" dear;
- a penalty for lower-to-upper case switches inside a word ("рТЙЧЕФ"): real
  text capitalizes the first letter or whole words, a case-swapped decoding
  capitalizes everything but the first letter.

The bigram score decides all-caps headlines and single words; the case rule
decides ordinary sentences. Two-letter words and abbreviations ("ЦБ", "МВФ")
stay ambiguous: any text of two or more ordinary words is decided right.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CANDIDATES = ("cp1251", "koi8-r")  # ties go to cp1251, by far the commoner today

# Word boundary (any non-letter) first, then the 33 Russian letters.
ALPHABET = " абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
# BIGRAM_COST[a][b]: -log2 P(b | a), rounded, capped at 15 (hex digits), for
# a, b in ALPHABET. Built by ``build_table`` from the word forms of the
# OpenCorpora dictionary that pymorphy3 ships:
#   build_table(w for w, *_ in pymorphy3.MorphAnalyzer().dictionary.iter_known_words())
BIGRAM_COST = (
    "f454558d745b4654424455678769fff799",
    "5a63654c65765443a64448757677fffa45",
    "93878639793f6465393574c89877759a97",
    "52baa948c74f7695497676dca929d49dd7",
    "93c8a94dcc3f94851b3995eee88ffccbad",
    "83857736673f6674264574c9777a958a97",
    "3874555e76745433763458888668fffa69",
    "af5356ff56fb6542f5344ff6e96cffffbf",
    "928994257a2f69746867a5ab9bcedf8abb",
    "82645558683f75443b58b5fbb98f758b97",
    "4773665c85755534664459746488fffb86",
    "0a99779fd9bf68758a835e9a886afdfdcb",
    "62a6bc5be93f85962c4554db8c8ffbcbcc",
    "638a8835992f66973ac775aae9ccf63c54",
    "237abb48ba3f8776379473aababbf4abd7",
    "63a97638a93f6cc32ba5559a78bbd36b96",
    "4953445b76745444754448778678fff968",
    "a3eefd39ff4f94d7282765bca8bbf69cc7",
    "82786737783f6865288664989789f68b85",
    "95869959ad5f356645752588878aa65ca2",
    "53858837aa3f6785373575a9a89ab45b86",
    "3755555c56875455a5444b968556fffa38",
    "83de9c39db2fa4772c47456bdcadf78e98",
    "14b6ba7ffb4f9565495467edca8fddbafe",
    "63a5ab2fda1f498959a8a5dbafbff5cabf",
    "62f9ff25cf2f58938d9975ecedbfff7fed",
    "a4c7df17fe1f668687aa65eceeffff5dbf",
    "a4fbff16ff1ffff8be9ff5feffffffdfff",
    "bfffff13ff9fffffffffffffffffffff52",
    "3d72674f76b45637f6556bd3a768fffffb",
    "2a777638a76f5c6288a35f787676fffa54",
    "8f8575afa8b7224385354a68ac6ffffdeb",
    "2b7998ac78aa7877ba745fb79781fffd9e",
    "1d84665f76b87655e7655bd68795ffff5a",
)
FOREIGN_COST = 15  # a Cyrillic letter Russian lacks (і, ў, Ђ ...), either way

# Each in-word lower->upper switch costs this much per letter of text. A
# case-swapped decoding has about one switch per word (~0.15 per letter, so
# ~5 bits); right and wrong decodings differ by ~1.5-3 bits a letter pair, so
# the case rule dominates whenever it fires. (Calibrated on one- to
# three-word windows of short news sentences; an extra penalty for uppercase
# share made those windows worse and was dropped.)
CASE_SWITCH_PENALTY = 32.0

# Non-ASCII characters a Russian (or Ukrainian/Belarusian) text is made of.
EXPECTED = set(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    "іїєґўІЇЄҐЎ«»—–…“”„‘’№°•·€©®™§\u00a0"
)
# Share of non-ASCII characters that must be expected ones. Uniform random
# high bytes decoded as cp1251 give ~0.74, as koi8-r ~0.55; real text ~1.0.
EXPECTED_MIN = 0.9
# Share of Cyrillic-bearing words that may also hold Latin letters. A Western
# Latin-1 text read as cp1251 gives "Cafй", "rйsumй": nearly every such word.
MIXED_WORDS_MAX = 0.5
# Mean bigram cost above which a text of PLAUSIBLE_LETTERS or more letters is
# noise. Russian news prose costs ~4.2 bits, a list of abbreviations ~6.7,
# Belarusian ~6.5; Russian decoded in the wrong one of the two ~7.8, and
# iso8859-5 text read as either ~8.2.
COST_MAX = 7.0
PLAUSIBLE_LETTERS = 30

SAMPLE_CHARS = 64 * 1024
_WORD = re.compile(r"[^\W\d_]+")
_CASE_SWITCH = re.compile(r"[а-яёіїєґў][А-ЯЁІЇЄҐЎ]")
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}
_FOREIGN = len(ALPHABET)
_COST = [[int(c, 16) for c in row] + [FOREIGN_COST] for row in BIGRAM_COST]
_COST.append([FOREIGN_COST] * (len(ALPHABET) + 1))


@dataclass(frozen=True)
class Score:
    encoding: str
    cost: float  # mean bigram cost, bits per letter pair
    switches: float  # in-word lower->upper switches per letter

    @property
    def total(self) -> float:
        return -self.cost - CASE_SWITCH_PENALTY * self.switches


def score(text: str, encoding: str) -> Score:
    """How Russian ``text`` (a decoding in ``encoding``) reads; higher is better."""
    total, pairs, letters, prev = 0, 0, 0, 0
    for ch in text.lower():
        i = _INDEX.get(ch)
        if i is None:
            i = _FOREIGN if "\u0400" <= ch <= "\u04ff" else 0
        if i == 0 and prev == 0:
            continue
        total += _COST[prev][i]
        pairs += 1
        letters += i != 0
        prev = i
    if prev:
        total += _COST[prev][0]
        pairs += 1
    if not letters:
        return Score(encoding, FOREIGN_COST, 0.0)
    return Score(encoding, total / pairs, len(_CASE_SWITCH.findall(text)) / letters)


def best(data: bytes) -> list[str]:
    """The candidate encodings, the best reading of ``data`` first."""
    sample = data[:SAMPLE_CHARS]
    scores = [score(sample.decode(encoding, "replace"), encoding) for encoding in CANDIDATES]
    scores.sort(key=lambda s: s.total, reverse=True)
    return [s.encoding for s in scores]


def build_table(words) -> tuple[str, ...]:
    """BIGRAM_COST rows from an iterable of Russian words."""
    from collections import Counter
    from math import log2

    counts: Counter = Counter()
    for word in words:
        w = word.lower()
        if w and all(ch in _INDEX and ch != " " for ch in w):
            padded = f" {w} "
            counts.update(zip(padded, padded[1:]))
    rows = []
    for a in ALPHABET:
        seen = sum(counts[a, b] for b in ALPHABET)
        row = ""
        for b in ALPHABET:
            c = counts[a, b]
            cost = 15 if not c or a == b == " " else min(15, round(-log2(c / seen)))
            row += f"{cost:x}"
        rows.append(row)
    return tuple(rows)


def plausible(text: str) -> bool:
    """Whether a single-byte decoding reads as text rather than noise."""
    sample = text[:SAMPLE_CHARS]
    foreign = [ch for ch in sample if ch >= "\x80"]
    if foreign:
        expected = sum(ch in EXPECTED for ch in foreign)
        if expected / len(foreign) < EXPECTED_MIN:
            return False
    words = [w for w in _WORD.findall(sample) if any(ch >= "\x80" for ch in w)]
    if words:
        mixed = sum(any(ch.isascii() for ch in w) for w in words)
        if mixed / len(words) > MIXED_WORDS_MAX:
            return False
    letters = sum(len(w) for w in words)
    return letters < PLAUSIBLE_LETTERS or score(sample, "").cost <= COST_MAX
