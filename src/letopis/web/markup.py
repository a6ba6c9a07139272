"""An article's text as segments for the template: mentions colored by type,
quotes underlined with their speaker, anchors for sentences and facts.

The text is cut at every annotation boundary; each segment knows which
annotations cover it, so overlapping layers never need nested tags that
cross.  Nothing here is HTML: the template escapes every piece of text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

_TYPE_CLASS = re.compile(r"[^A-Za-z_]")


def type_class(mention_type: str) -> str:
    return "m-" + (_TYPE_CLASS.sub("", mention_type or "")[:20] or "X")


@dataclass
class Segment:
    text: str
    mention: Optional[dict] = None  # the innermost mention covering it: type, cls, href, entity name
    quote: Optional[int] = None  # index of the quote covering it
    anchors: list[str] = field(default_factory=list)  # ids placed before the segment
    labels: list[dict] = field(default_factory=list)  # after the segment: {text, cls, href}


def entity_names(doc: dict) -> dict[str, str]:
    return {e["id"]: e["name"] for e in doc.get("entities", ())}


def segments(doc: dict, links: Optional[dict] = None) -> list[Segment]:
    """``doc`` is Document JSON; ``links`` maps article entity ids to {kb_id, name} (stored articles)."""
    text: str = doc.get("text", "")
    n = len(text)
    links = links or {}
    names = entity_names(doc)

    def ok(r):
        return isinstance(r.get("start"), int) and isinstance(r.get("end"), int) and 0 <= r["start"] < r["end"] <= n

    mentions = [m for m in doc.get("mentions", ()) if ok(m)]
    quotes = [q for q in doc.get("quotes", ()) if ok(q)]
    cuts = {0, n}
    anchors: dict[int, list[str]] = {}
    for i, s in enumerate(doc.get("sentences", ())):
        if ok(s):
            anchors.setdefault(s["start"], []).append(f"s-{i}")
    for i, f in enumerate(doc.get("facts", ())):
        if ok(f):
            anchors.setdefault(f["start"], []).append(f"f-{i}")
    for i, q in enumerate(quotes):
        anchors.setdefault(q["start"], []).append(f"q-{i}")
    for start, ids in anchors.items():  # stable links from other pages: #at-OFFSET
        if any(i[0] in "fq" for i in ids):
            ids.append(f"at-{start}")
    cuts |= set(anchors)
    for r in mentions + quotes:
        cuts |= {r["start"], r["end"]}
    bounds = sorted(cuts)
    out = []
    for a, b in zip(bounds, bounds[1:]):
        seg = Segment(text[a:b], anchors=anchors.get(a, []))
        covering = [m for m in mentions if m["start"] <= a and b <= m["end"]]
        if covering:
            m = min(covering, key=lambda m: m["end"] - m["start"])
            link = links.get(m.get("entity") or "")
            seg.mention = {
                "type": m.get("type", ""),
                "cls": type_class(m.get("type", "")),
                "href": f"/entities/{link['kb_id']}" if link else None,
                "title": f"{m.get('type', '')}: {names.get(m.get('entity') or '', m.get('normal') or m['text'])}",
            }
        for i, q in enumerate(quotes):
            if q["start"] <= a and b <= q["end"]:
                seg.quote = i
        for m in mentions:
            if m["end"] == b:
                link = links.get(m.get("entity") or "")
                seg.labels.append({"text": m.get("type", ""), "cls": "lbl " + type_class(m.get("type", "")),
                                   "href": f"/entities/{link['kb_id']}" if link else None})
        for q in quotes:
            if q["end"] == b:
                who = names.get(q.get("speaker") or "") or "?"
                seg.labels.append({"text": "— " + who, "cls": "lbl speaker", "href": None})
        out.append(seg)
    return out


def sentence_of(doc: dict, offset: int) -> Optional[int]:
    starts = [s["start"] for s in doc.get("sentences", ())]
    if not starts:
        return None
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 else None


def fact_rows(doc: dict, links: Optional[dict] = None) -> list[dict]:
    """Facts with readable arguments and the anchor of their sentence."""
    names = entity_names(doc)
    links = links or {}
    rows = []
    for i, f in enumerate(doc.get("facts", ())):
        args = []
        for a in f.get("args", ()):
            eid = a.get("entity")
            link = links.get(eid or "")
            args.append({"role": a.get("role", ""), "text": names.get(eid or "", "") or a.get("value", ""),
                         "href": f"/entities/{link['kb_id']}" if link else None})
        s = sentence_of(doc, f.get("start", 0))
        rows.append({"type": f.get("type", ""), "modality": f.get("modality", ""), "args": args,
                     "anchor": f"s-{s}" if s is not None else f"f-{i}",
                     "text": doc.get("text", "")[f.get("start", 0):f.get("end", 0)]})
    return rows


def event_rows(doc: dict, links: Optional[dict] = None) -> list[dict]:
    """Events with their CAMEO/PLOVER codes, actors (name, actor code, link) and sentence anchor."""
    names = entity_names(doc)
    links = links or {}
    rows = []
    for ev in doc.get("events", ()):
        actors = []
        for key in ("actor1", "actor2"):
            eid, code = ev.get(key), ev.get(f"{key}_code", "")
            if eid or code:
                link = links.get(eid or "")
                actors.append({"name": names.get(eid or "", "") or "—", "code": code,
                               "href": f"/entities/{link['kb_id']}" if link else None})
        s = sentence_of(doc, ev.get("start", 0))
        rows.append({"cameo": ev.get("cameo", ""), "plover": ev.get("plover", ""), "actors": actors,
                     "place": ev.get("place", ""), "text": ev.get("text", ""),
                     "goldstein": ev.get("goldstein", 0.0), "anchor": f"s-{s}" if s is not None else ""})
    return rows


def quote_rows(doc: dict, links: Optional[dict] = None) -> list[dict]:
    names = entity_names(doc)
    links = links or {}
    out = []
    for i, q in enumerate(doc.get("quotes", ())):
        link = links.get(q.get("speaker") or "")
        out.append({"text": q.get("text", ""), "kind": q.get("kind", ""), "anchor": f"q-{i}",
                    "speaker": names.get(q.get("speaker") or "", ""),
                    "href": f"/entities/{link['kb_id']}" if link else None})
    return out


def entity_rows(doc: dict, links: Optional[dict] = None) -> list[dict]:
    names = entity_names(doc)
    links = links or {}
    out = []
    for e in doc.get("entities", ()):
        link = links.get(e["id"])
        roles = []
        for r in e.get("roles", ()):
            where = r.get("organization_name") or names.get(r.get("organization") or "", "")
            country = r.get("country_name") or names.get(r.get("country") or "", "")
            roles.append(" ".join(x for x in (r.get("post", ""), where, country) if x))
        out.append({"name": e.get("name", ""), "type": e.get("type", ""), "cls": type_class(e.get("type", "")),
                    "roles": roles, "href": f"/entities/{link['kb_id']}" if link else None,
                    "mentions": sum(1 for m in doc.get("mentions", ()) if m.get("entity") == e["id"])})
    return out
