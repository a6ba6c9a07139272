"""Tokens for the amount extractor: digit runs, letter runs and single other characters.

One linear regex pass (no backtracking: each alternative is a plain run or one
character); whitespace is not a token, so the gap between two tokens is whitespace.
Each token knows its sentence; tokens outside every sentence get their own id.
"""
from __future__ import annotations

import re

from letopis.extract.amount_lexicon import norm

NUM, WORD, PUNCT = "num", "word", "punct"
_TOKEN_RE = re.compile(r"(\d+)|([^\W\d_]+)|(\S)")
PARAGRAPH_BREAK = "\n\n"


class Tok:
    __slots__ = ("start", "end", "text", "kind", "low", "sent")

    def __init__(self, start: int, end: int, text: str, kind: str, sent: int):
        self.start, self.end, self.text, self.kind, self.sent = start, end, text, kind, sent
        self.low = norm(text) if kind == WORD else text

    def __repr__(self) -> str:
        return f"Tok({self.text!r}@{self.start})"


def tokenize(text: str, sentences: list[tuple[int, int]]) -> list[Tok]:
    spans = sorted((s, e) for s, e in sentences if s < e)
    toks: list[Tok] = []
    k = 0
    for m in _TOKEN_RE.finditer(text):
        start, end = m.span()
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k < len(spans) and spans[k][0] <= start and end <= spans[k][1]:
            sent = k
        else:
            sent = -1 - len(toks)  # outside every sentence: joins nothing
        kind = NUM if m.group(1) else WORD if m.group(2) else PUNCT
        toks.append(Tok(start, end, m.group(), kind, sent))
    return toks


def adjacent(toks: list[Tok], a: int, b: int) -> bool:
    """Token ``b`` starts right where ``a`` ends (no space between)."""
    return toks[a].end == toks[b].start


def joined(toks: list[Tok], text: str, a: int, b: int) -> bool:
    """Tokens ``a`` < ``b`` (neighbours) may belong to one amount: same sentence, no blank line."""
    ta, tb = toks[a], toks[b]
    if ta.sent != tb.sent:
        return False
    return tb.start - ta.end < 2 or PARAGRAPH_BREAK not in text[ta.end:tb.start]


def run_end(toks: list[Tok], j: int) -> int:
    """Index after the run of tokens glued to token ``j - 1`` (an identifier like "05.03.2024")."""
    while j < len(toks) and toks[j].start == toks[j - 1].end:
        j += 1
    return j
