"""Track 2 (entities with attributes) scorer, a clean-room reimplementation of ``t2_eval`` (FORMAT.md §3.2).

Std entity = a ``.coref`` block typed from its mentions (any Location/LocOrg mention -> loc, else Org -> org,
else Person -> per; Project-only chains are not scored). Attributes: ``wikidata`` dropped, lines grouped by key as
written (``firstname`` and ``firstname1`` stay two attributes), values N2-normalized; quoted variants of names
written between quote tokens; descriptor values pooled and combined with every other value (``v d``, ``d v``)
unless already contained as whole words; descriptor attributes removed; digits stripped from keys; entities
without attributes dropped. Response entity: each line is one single-value attribute.

Quality: tp = std attributes matched (same key, fuzzy-equal value) by some response attribute, fn = the others,
fp = response attributes matching nothing (0 in the simplified mode); q = tp/(tp+fp+fn) is both the matching
priority and the credit. Ignored std entities (all mentions embedded, or all geo_adj-only, or all descriptor-only;
the three conditions are not mixed within one entity) are neutral.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .fuzzy import fuzzy_equal, n1, n2
from .responses import T2Entity, read_response_dir
from .search import F1UpperBound, search_pairs
from .standard import Entity, Mention, StdDoc
from .table import Counts, Row, Table, prf, sum_documents

__all__ = ["score_track2", "score_document_track2", "StdEntity", "std_entities", "entity_type", "entity_attributes"]

GROUPS = ("per", "loc", "org")
ROW_NAMES = ("PER", "LOC", "ORG", "OVERALL")
MENTION_GROUPS = {"Person": "per", "Org": "org", "Organization": "org", "Location": "loc", "LocOrg": "locorg"}
CONTAINERS = {
    "per": frozenset({"loc", "org", "locorg"}),
    "loc": frozenset({"loc", "org", "locorg"}),
    "org": frozenset({"org", "locorg"}),
    "locorg": frozenset({"org", "locorg"}),
}
NAME_SPAN_TYPES = frozenset({"org_name", "loc_name", "prj_name"})
_DIGITS = "0123456789"


@dataclass(frozen=True)
class StdEntity:
    id: str
    type: str  # per, loc, org
    attrs: tuple[tuple[str, frozenset[str]], ...]  # (key without digits, set of N2 values)
    ignored: bool


def entity_type(doc: StdDoc, entity: Entity) -> str | None:
    """Track-2 type of a coref entity from its mention types (None: not scored)."""
    types = {doc.mention_by_id[m].type for m in entity.mention_ids if m in doc.mention_by_id}
    if types & {"Location", "LocOrg"}:
        return "loc"
    if types & {"Org", "Organization"}:
        return "org"
    if "Person" in types:
        return "per"
    return None


def _is_descr_key(key: str) -> bool:
    base = key.rstrip(_DIGITS)
    return base.endswith("descr") or base.endswith("descriptor")


def _quoted_names(doc: StdDoc, entity: Entity) -> set[str]:
    """N2 texts of the entity's name spans written between two quote tokens."""
    result = set()
    toks = doc.tokens
    for mid in entity.mention_ids:
        mention = doc.mention_by_id.get(mid)
        if mention is None:
            continue
        for span in doc.mention_spans(mention):
            if span.type not in NAME_SPAN_TYPES:
                continue
            stoks = doc.span_tokens(span)
            if not stoks:
                continue
            first, last = min(t.index for t in stoks), max(t.index for t in stoks)
            if first == 0 or last + 1 >= len(toks):
                continue
            before, after = n1(toks[first - 1].text), n1(toks[last + 1].text)
            if before == '"' and after == '"':
                result.add(n2(" ".join(t.text for t in stoks)))
    return result


def _contains_words(value: str, words: str) -> bool:
    return f" {words} " in f" {value} "


def entity_attributes(doc: StdDoc, entity: Entity, etype: str | None) -> tuple[tuple[str, frozenset[str]], ...]:
    """Std attributes of a coref entity (after descriptor pooling, digits stripped from keys)."""
    groups: dict[str, list[str]] = {}
    for key, value in entity.attrs:
        if key == "wikidata":
            continue
        groups.setdefault(key, [])
        value = n2(value)
        if value not in groups[key]:
            groups[key].append(value)
    descriptors = [v for key, values in groups.items() if _is_descr_key(key) for v in values]
    quoted = _quoted_names(doc, entity) if etype not in (None, "per") else set()
    attrs = []
    for key, values in groups.items():
        if _is_descr_key(key):
            continue
        base = key.rstrip(_DIGITS)
        result = list(values)
        if base == "name" and etype != "per":
            result += [f'"{v}"' for v in values if v in quoted]
        extended = list(result)
        for v in result:
            for d in descriptors:
                if not _contains_words(v, d):
                    extended += [f"{v} {d}", f"{d} {v}"]
        attrs.append((base, frozenset(extended)))
    return tuple(attrs)


def _interval(doc: StdDoc, mention: Mention) -> tuple[int, int] | None:
    spans = doc.mention_spans(mention)
    if not spans:
        return None
    return min(s.start for s in spans), max(s.end for s in spans)


def _mention_flags(doc: StdDoc) -> tuple[set[str], set[str], set[str]]:
    """Ids of the mentions that are embedded, that consist of geo_adj spans only, of ``*descr`` spans only."""
    info = [(mention, MENTION_GROUPS.get(mention.type), _interval(doc, mention)) for mention in doc.mentions]
    embedded, geo, descr = set(), set(), set()
    for mention, mtype, iv in info:
        spans = doc.mention_spans(mention)
        if spans and all(s.type == "geo_adj" for s in spans):
            geo.add(mention.id)
        if spans and all(s.type.endswith("descr") for s in spans):
            descr.add(mention.id)
        if mtype is None or iv is None:
            continue
        for other, otype, oiv in info:
            if other.id == mention.id or otype is None or oiv is None:
                continue
            if otype in CONTAINERS[mtype] and oiv[0] <= iv[0] and iv[1] <= oiv[1] and iv != oiv:
                embedded.add(mention.id)
                break
            if mtype in ("per", "loc") and otype == "org" and iv == oiv:
                embedded.add(mention.id)
                break
    return embedded, geo, descr


def std_entities(doc: StdDoc) -> list[StdEntity]:
    """Scored std entities of a document in search order (type group, then id compared as strings)."""
    flags = _mention_flags(doc)
    result = []
    for entity in doc.entities:
        etype = entity_type(doc, entity)
        if etype is None:
            continue
        attrs = entity_attributes(doc, entity, etype)
        if not attrs:
            continue
        mids = [m for m in entity.mention_ids if m in doc.mention_by_id]
        ignored = bool(mids) and any(all(m in flag for m in mids) for flag in flags)
        result.append(StdEntity(entity.id, etype, attrs, ignored))
    result.sort(key=lambda e: (GROUPS.index(e.type), e.id))
    return result


def _response_entities(entities: list[T2Entity]) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    units = [(e.type, tuple((k, n2(v)) for k, v in e.attrs)) for e in entities]
    order = sorted(range(len(units)), key=lambda i: (GROUPS.index(units[i][0]), i))
    return [units[i] for i in order]


def quality(std: StdEntity, attrs: tuple[tuple[str, str], ...], simplified: bool = False) -> float:
    matched = [False] * len(std.attrs)
    fp = 0
    for key, value in attrs:
        hit = False
        for i, (skey, values) in enumerate(std.attrs):
            if skey == key and any(fuzzy_equal(value, v) for v in values):
                matched[i] = True
                hit = True
        if not hit:
            fp += 1
    tp = sum(matched)
    fn = len(matched) - tp
    if simplified:
        fp = 0
    denominator = tp + fp + fn
    return tp / denominator if denominator else 0.0


class _Doc:
    def __init__(self, std: list[StdEntity], test: list, simplified: bool):
        self.std = std
        self.test = test
        self.m = [
            [quality(s, attrs, simplified) if s.type == ttype else 0.0 for ttype, attrs in test] for s in std
        ]

    def counts(self, pairs: list[tuple[int, int]], rtype: str | None = None) -> Counts:
        if rtype is not None:
            pairs = [(s, t) for s, t in pairs if self.std[s].type == rtype]
        paired = {t for _, t in pairs}
        c = Counts()
        c.n_std = sum(1 for s in self.std if not s.ignored and (rtype is None or s.type == rtype))
        for s, t in pairs:
            if not self.std[s].ignored:
                c.n_test += 1
                c.tp_std += self.m[s][t]
        c.n_test += sum(1 for j, (ttype, _) in enumerate(self.test) if j not in paired and rtype in (None, ttype))
        c.tp_test = c.tp_std
        return c

    def f1(self, pairs: list[tuple[int, int]]) -> float:
        c = self.counts(pairs)
        return prf(c.tp_std, c.n_std, c.tp_test, c.n_test)[2]


def score_document_track2(doc: StdDoc, entities: list[T2Entity], simplified: bool = False) -> dict[str, Counts]:
    """Counts per row (PER, LOC, ORG, OVERALL) of one document."""
    d = _Doc(std_entities(doc), _response_entities(entities), simplified)
    ignored = [s.ignored for s in d.std]
    bound = F1UpperBound(d.m, d.m, ignored, lambda i, matched: ignored[i], len(d.test))
    pairs, _ = search_pairs(len(d.std), len(d.test), d.m, d.f1, upper_bound=bound, label=doc.name)
    result = {name.upper(): d.counts(pairs, name) for name in GROUPS}
    result["OVERALL"] = d.counts(pairs)
    return result


def score_track2(std_docs: list[StdDoc], response_dir: str | Path, simplified: bool = False) -> Table:
    """Score a track-2 response directory against ``std_docs`` (only documents present on both sides)."""
    responses = read_response_dir(response_dir, 2)
    totals, notes = sum_documents(2, std_docs, responses, lambda doc, items: score_document_track2(doc, items, simplified), ROW_NAMES)
    rows = tuple(Row.from_counts(name, totals[name]) for name in ROW_NAMES)
    return Table(2, rows, "simplified" if simplified else "", notes)
