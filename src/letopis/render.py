"""Renderers of one Document: JSON (the contract) and a readable text summary."""
from __future__ import annotations

import json

from letopis.document import Document

QUOTE_WORDS = 12  # words of a quote shown in the summary


def to_json_line(doc: Document, indent: int | None = None) -> str:
    return json.dumps(doc.to_json(), ensure_ascii=False, indent=indent)


def _names(doc: Document, type_: str) -> list[str]:
    return [e.name for e in doc.entities if e.type == type_]


def _entity_name(doc: Document, eid: str | None) -> str:
    for e in doc.entities:
        if e.id == eid:
            return e.name
    return "?"


def _person_line(doc: Document, e) -> str:
    line = e.name
    variants = sorted({m.text for m in doc.mentions if m.entity == e.id and m.text != e.name})
    if e.roles:
        roles = []
        for r in e.roles:
            bits = [" ".join(r.qualifiers), r.post, r.organization_name, r.country_name]
            roles.append(" ".join(b for b in bits if b))
        line += " — " + "; ".join(roles)
    if variants:
        line += f"  (also: {', '.join(variants[:6])})"
    return line


def to_text(doc: Document) -> str:
    out = [f"# {doc.title or '(no title)'}", f"  id: {doc.id}   source: {doc.source}"]
    for label, value in (("place", doc.place), ("date", doc.published), ("attribution", doc.attribution), ("url", doc.url)):
        if value:
            out.append(f"  {label}: {value}")
    people = [e for e in doc.entities if e.type == "PER"]
    if people:
        out.append("  people:")
        out += [f"    - {_person_line(doc, e)}" for e in people]
    for label, type_ in (("organizations", "ORG"), ("places", "LOC")):
        names = _names(doc, type_)
        if names:
            out.append(f"  {label}: {', '.join(names)}")
    if doc.facts:
        out.append("  facts:")
        for f in doc.facts:
            args = ", ".join(f"{a.role}={_entity_name(doc, a.entity) if a.entity else a.value}" for a in f.args)
            extra = "".join(f" {k}={v}" for k, v in f.attrs.items())
            mod = f" [{f.modality}]" if f.modality != "asserted" else ""
            out.append(f"    - {f.type}({args}){extra}{mod}")
    if doc.quotes:
        out.append("  quotes:")
        for q in doc.quotes:
            words = q.text.split()
            head = " ".join(words[:QUOTE_WORDS]) + (" …" if len(words) > QUOTE_WORDS else "")
            who = _entity_name(doc, q.speaker) if q.speaker else "(speaker unknown)"
            out.append(f"    - {who} [{q.kind}, {q.cue or '-'}]: {head}")
    if doc.amounts:
        out.append("  amounts:")
        for a in doc.amounts:
            what = f" ({a.measure}{', ' + a.qualifier if a.qualifier else ''})" if a.measure else ""
            out.append(f"    - {a.text} = {a.value} {a.currency or a.unit}{what}")
    if doc.events:
        out.append("  events:")
        for ev in doc.events:
            actors = " -> ".join(
                f"{_entity_name(doc, who) if who else '?'} ({code or '-'})"
                for who, code in ((ev.actor1, ev.actor1_code), (ev.actor2, ev.actor2_code)) if who or code)
            where = f" @ {ev.place}" if ev.place else ""
            out.append(f"    - {ev.cameo} {ev.plover}: {actors}{where} «{ev.text}»")
    return "\n".join(out)


def explain(doc: Document) -> str:
    lines = [f"# {doc.source}: {len(doc.dropped)} line(s) dropped"]
    lines += [f"  line {d.line:>4}  {d.rule:<24} {d.text[:100]}" for d in doc.dropped]
    return "\n".join(lines)
