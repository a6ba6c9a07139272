"""Finding tokens by character offsets (one sorted pass, bisect lookups)."""
from __future__ import annotations

import bisect
from typing import Sequence

from letopis.document import Token


class TokenIndex:
    def __init__(self, tokens: Sequence[Token]):
        self.tokens = tokens
        self.starts = [t.start for t in tokens]

    def within(self, start: int, end: int) -> range:
        """Indices of the tokens lying inside [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        j = i
        while j < len(self.tokens) and self.tokens[j].end <= end:
            j += 1
        return range(i, j)

    def at(self, offset: int) -> int:
        """Index of the token starting at or containing ``offset`` (-1 if none)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.tokens[i].start <= offset < self.tokens[i].end:
            return i
        return -1

    def head_of(self, start: int, end: int) -> int:
        """The syntactic head of a span: its token whose head lies outside the span."""
        inside = self.within(start, end)
        for i in inside:
            if self.tokens[i].head not in inside:
                return i
        return inside[0] if inside else -1
