"""Matching multi-word lexicon entries over tokens by lemma (longest match first)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from letopis.document import Token


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The lemma key a lexicon entry and a text token are compared by."""
    from letopis.kb.orgs import lemma, lemmas

    if word.isalpha():  # one token as razdel reads it: no need to tokenize it again
        return lemma(word)
    keys = lemmas(word)
    return keys[0] if keys else word.lower().replace("ё", "е")


@dataclass(frozen=True)
class Match:
    first: int  # token index
    last: int  # token index, inclusive
    payload: Any


class LemmaMatcher:
    def __init__(self, entries: Iterable[tuple[Sequence[str], Any]]):
        self.index: dict[str, list[tuple[tuple[str, ...], Any]]] = defaultdict(list)
        for keys, payload in entries:
            keys = tuple(keys)
            if keys:
                self.index[keys[0]].append((keys, payload))
        for bucket in self.index.values():
            bucket.sort(key=lambda e: -len(e[0]))

    def find(self, tokens: Sequence[Token], keys: Sequence[str] | None = None) -> list[Match]:
        keys = keys or [word_key(t.text) for t in tokens]
        out, i = [], 0
        while i < len(tokens):
            hit = None
            for entry, payload in self.index.get(keys[i], ()):
                n = len(entry)
                if tuple(keys[i:i + n]) == entry and _same_sentence(tokens, i, i + n - 1):
                    hit = Match(i, i + n - 1, payload)
                    break
            if hit:
                out.append(hit)
                i = hit.last + 1
            else:
                i += 1
        return out


def _same_sentence(tokens: Sequence[Token], i: int, j: int) -> bool:
    return tokens[i].sentence == tokens[j].sentence
