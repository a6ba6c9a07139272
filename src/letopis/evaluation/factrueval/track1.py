"""Track 1 (named-entity mentions) scorer, a clean-room reimplementation of ``t1_eval`` (FORMAT.md §3.1).

Std unit: one ``.objects`` mention of type Person/Org/Location/LocOrg = the set of tokens of its spans, each token
weighted 1 when it lies in a *name* span of the unit's type (per: name/surname/patronymic/nickname; others:
org_name/loc_name), else 0. Response unit: the std tokens lying entirely inside ``[start, start+length)`` minus
*glued* tokens (one non-letter character touching a neighbour). Matching priority = Jaccard of the token sets,
credit = TP/(TP+FP+FN) with weighted TP/FN (missed one-character non-letters skipped) and unweighted FP.

Ignored std units (neutral on both sides): unnamed, embedded (strict subset of a container-type unit), and twins
(identical token sets with a container-type unit; see :func:`_Doc.ignored`). Type rows are computed from that
type's pairs only, ``overall`` from all pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .responses import T1Mention, read_response_dir
from .search import F1UpperBound, search_pairs
from .standard import StdDoc, Token
from .table import Counts, Row, Table, prf, sum_documents

__all__ = ["score_track1", "score_document_track1", "GROUPS"]

GROUPS = ("per", "loc", "org", "locorg")
ROW_NAMES = ("per", "loc", "org", "locorg", "overall")
MENTION_TYPES = {"Person": "per", "Org": "org", "Organization": "org", "Location": "loc", "LocOrg": "locorg"}
NAME_SPANS = {
    "per": frozenset({"name", "surname", "patronymic", "nickname"}),
    "org": frozenset({"org_name", "loc_name"}),
    "loc": frozenset({"org_name", "loc_name"}),
    "locorg": frozenset({"org_name", "loc_name"}),
}
# type -> types of the units that may contain it (embedded / twin rules)
CONTAINERS = {
    "per": frozenset({"loc", "org", "locorg"}),
    "loc": frozenset({"loc", "org", "locorg"}),
    "org": frozenset({"org", "locorg"}),
    "locorg": frozenset({"org", "locorg"}),
}


def _is_small_nonletter(tok: Token) -> bool:
    return len(tok.text) == 1 and not tok.text.isalpha()


@dataclass(frozen=True)
class StdUnit:
    id: str
    type: str
    tokens: frozenset[int]  # token indices
    weights: dict  # token index -> 0/1

    @property
    def named(self) -> bool:
        return any(self.weights.values())


@dataclass(frozen=True)
class TestUnit:
    type: str
    tokens: frozenset[int]


def std_units(doc: StdDoc, locorg_as_loc: bool = False) -> list[StdUnit]:
    """Std units of a document in search order (type group, then id compared as strings)."""
    units = []
    for mention in doc.mentions:
        utype = MENTION_TYPES.get(mention.type)
        if utype is None:
            continue
        if locorg_as_loc and utype == "locorg":
            utype = "loc"
        weights: dict[int, int] = {}
        for span in doc.mention_spans(mention):
            w = 1 if span.type in NAME_SPANS[utype] else 0
            for tok in doc.span_tokens(span):
                weights[tok.index] = max(weights.get(tok.index, 0), w)
        units.append(StdUnit(mention.id, utype, frozenset(weights), weights))
    units.sort(key=lambda u: (GROUPS.index(u.type), u.id))
    return units


def glued_tokens(doc: StdDoc) -> frozenset[int]:
    """One-character non-letter tokens touching the previous or next token (document-wide order)."""
    toks = doc.tokens
    glued = set()
    for i, tok in enumerate(toks):
        if not _is_small_nonletter(tok):
            continue
        if (i > 0 and toks[i - 1].end == tok.start) or (i + 1 < len(toks) and tok.end == toks[i + 1].start):
            glued.add(tok.index)
    return frozenset(glued)


def test_units(doc: StdDoc, mentions: list[T1Mention], locorg_as_loc: bool = False) -> list[TestUnit]:
    """Response units in search order (type group, file order inside)."""
    glued = glued_tokens(doc)
    units = []
    for mention in mentions:
        utype = mention.tag
        if locorg_as_loc and utype == "locorg":
            utype = "loc"
        lo, hi = mention.start, mention.start + mention.length
        toks = frozenset(t.index for t in doc.tokens if t.start >= lo and t.end <= hi and t.index not in glued)
        units.append(TestUnit(utype, toks))
    order = sorted(range(len(units)), key=lambda i: (GROUPS.index(units[i].type), i))
    return [units[i] for i in order]


def jaccard(a: frozenset, b: frozenset) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


class _Doc:
    """Precomputed relations of one document."""

    def __init__(self, doc: StdDoc, std: list[StdUnit], test: list[TestUnit]):
        self.doc = doc
        self.std = std
        self.test = test
        small = {t.index for t in doc.tokens if _is_small_nonletter(t)}
        self.m = [[jaccard(s.tokens, t.tokens) if s.type == t.type else 0.0 for t in test] for s in std]
        self.q = [[self._quality(s, t, small) if self.m[i][j] > 0 else 0.0 for j, t in enumerate(test)]
                  for i, s in enumerate(std)]
        n = len(std)
        self.static_ignored = [False] * n
        self.twins: list[list[int]] = [[] for _ in range(n)]
        for i, s in enumerate(std):
            if not s.named:
                self.static_ignored[i] = True
            for j, o in enumerate(std):
                if i == j or o.type not in CONTAINERS[s.type]:
                    continue
                if s.tokens < o.tokens:
                    self.static_ignored[i] = True
                elif s.tokens == o.tokens:
                    self.twins[i].append(j)

    def _quality(self, s: StdUnit, t: TestUnit, small: set[int]) -> float:
        tp = sum(s.weights[k] for k in s.tokens & t.tokens)
        fn = sum(s.weights[k] for k in s.tokens - t.tokens if k not in small)
        fp = len(t.tokens - s.tokens)
        denominator = tp + fp + fn
        if denominator == 0:
            return jaccard(s.tokens, t.tokens)
        return tp / denominator

    def ignored(self, i: int, matched: set[int]) -> bool:
        """Ignore rule for std unit ``i`` given the set of matched std units.

        Twins (identical token sets, the other of a container type): if only the twin is matched, the unit is
        ignored; if both or neither are, a non-org twin of an org is ignored and of two same-type twins the one
        later in search order is ignored ("the first examined is kept").
        """
        if self.static_ignored[i]:
            return True
        s = self.std[i]
        mine = i in matched
        for j in self.twins[i]:
            other = j in matched
            if other and not mine:
                return True
            if mine and not other:
                continue
            o = self.std[j]
            if o.type == "org" and s.type != "org":
                return True
            if o.type == s.type and j < i:
                return True
        return False

    def counts(self, pairs: list[tuple[int, int]], rtype: str | None = None) -> Counts:
        if rtype is not None:
            pairs = [(s, t) for s, t in pairs if self.std[s].type == rtype]
        matched = {s for s, _ in pairs}
        paired_tests = {t for _, t in pairs}
        c = Counts()
        for i, s in enumerate(self.std):
            if rtype is not None and s.type != rtype:
                continue
            if not self.ignored(i, matched):
                c.n_std += 1
        for s, t in pairs:
            if not self.ignored(s, matched):
                c.n_test += 1
                c.tp_std += self.q[s][t]
        for j, t in enumerate(self.test):
            if (rtype is None or t.type == rtype) and j not in paired_tests:
                c.n_test += 1
        c.tp_test = c.tp_std
        return c

    def f1(self, pairs: list[tuple[int, int]]) -> float:
        c = self.counts(pairs)
        return prf(c.tp_std, c.n_std, c.tp_test, c.n_test)[2]


def score_document_track1(
    doc: StdDoc, mentions: list[T1Mention], locorg_as_loc: bool = False
) -> dict[str, Counts]:
    """Counts per row (per, loc, org, locorg, overall) of one document."""
    std = std_units(doc, locorg_as_loc)
    test = test_units(doc, mentions, locorg_as_loc)
    d = _Doc(doc, std, test)
    bound = F1UpperBound(d.m, d.q, d.static_ignored, d.ignored, len(test), d.twins)
    pairs, _ = search_pairs(len(std), len(test), d.m, d.f1, upper_bound=bound, label=doc.name)
    result = {name: d.counts(pairs, name) for name in GROUPS}
    result["overall"] = d.counts(pairs)
    return result


def score_track1(std_docs: list[StdDoc], response_dir: str | Path, locorg_as_loc: bool = False) -> Table:
    """Score a track-1 response directory against ``std_docs`` (only documents present on both sides)."""
    responses = read_response_dir(response_dir, 1)
    totals, notes = sum_documents(1, std_docs, responses, lambda doc, items: score_document_track1(doc, items, locorg_as_loc), ROW_NAMES)
    names = ROW_NAMES if not locorg_as_loc else ("per", "loc", "org", "overall")
    rows = tuple(Row.from_counts(name, totals[name]) for name in names)
    return Table(1, rows, "locorg as loc" if locorg_as_loc else "", notes)
