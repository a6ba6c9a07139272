"""Cross-article entity resolution: each article entity -> one KB entity, with a reason.

Rules, tried in this order (the first that links wins; evidence that
separates two candidates always wins over a name match):

1. same Wikidata id (same type group);
2. persons: same surname and compatible given names — equal ("same name" /
   "surname + first name"), an initial of the other ("surname 'Токаев' +
   initial К."), or one side has the surname only ("surname 'Токаев'", only
   when exactly one KB person fits); different first or middle names, different
   Wikidata ids, or the same post held for different countries separate them;
3. others: the normalized name (or a usable alias, see ``names.usable_alias``)
   equals the KB entity's name or one of its aliases.  LOC and LOCORG are one
   group: "Казахстан" the place and "Казахстан" the actor are one entity.

Otherwise a new KB entity is created.  The reason (and, for a new entity, the
evidence that kept it apart) is stored in ``article_entities.reason``
(the ``entity_links`` view), which ``letopis entity NAME --explain`` prints.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Optional

from letopis.document import Entity
from letopis.store.names import (
    GENERIC_ALIASES, PersonName, given_compatible, norm, person_name, tgroup, usable_alias,
)

_STRENGTH = {"same": 3, "initial": 2, "missing": 1}


@dataclass(frozen=True)
class Link:
    kb_entity_id: int
    reason: str
    new: bool = False


def resolve_article(conn: sqlite3.Connection, article_id: str, entities: Iterable[Entity]) -> dict[str, Link]:
    """Link every entity of one article (inside the caller's transaction); store links and roles."""
    entities = list(entities)
    # places and organizations first, so persons' roles can compare KB countries
    ordered = sorted(entities, key=lambda e: tgroup(e.type) == "PER")
    links: dict[str, Link] = {}
    for e in ordered:
        kb = {eid: link.kb_entity_id for eid, link in links.items()}
        link = resolve_entity(conn, e, kb)
        links[e.id] = link
        _absorb(conn, link.kb_entity_id, e)
        conn.execute(
            "INSERT INTO article_entities (article_id, entity_id, kb_entity_id, type, name, reason) VALUES (?, ?, ?, ?, ?, ?)",
            (article_id, e.id, link.kb_entity_id, e.type, e.name, link.reason),
        )
    kb = {eid: link.kb_entity_id for eid, link in links.items()}
    for e in entities:
        for role in e.roles:
            org, country = role_targets(conn, role, kb)
            conn.execute(
                "INSERT INTO entity_roles (kb_entity_id, post, post_norm, organization_kb_id, country_kb_id,"
                ' qualifiers, article_id, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                (
                    kb[e.id], role.post, norm(role.post), org, country,
                    json.dumps(list(role.qualifiers), ensure_ascii=False), article_id, role.start, role.end,
                ),
            )
    return links


def role_targets(conn, role, kb: dict[str, int]) -> tuple[Optional[int], Optional[int]]:
    """KB ids of a role's organization and country: through the article's entity ids,
    else through the readable names the role carries (``organization_name``, ``country_name``)."""
    org = kb.get(role.organization) or _named(conn, getattr(role, "organization_name", ""), "ORG")
    country = kb.get(role.country) or _named(conn, getattr(role, "country_name", ""), "LOC")
    return org, country


def _named(conn, name: str, group: str) -> Optional[int]:
    if not name:
        return None
    n = norm(name)
    row = conn.execute(
        "SELECT id FROM kb_entities WHERE tgroup = ? AND (norm = ? OR id IN"
        " (SELECT kb_entity_id FROM entity_aliases WHERE norm = ?)) ORDER BY id LIMIT 1",
        (group, n, n),
    ).fetchone()
    return row["id"] if row else None


def resolve_entity(conn: sqlite3.Connection, e: Entity, kb: dict[str, int]) -> Link:
    """The KB entity for article entity ``e`` (creating one if nothing fits)."""
    group = tgroup(e.type)
    if norm(e.name) in GENERIC_ALIASES and not e.wikidata:
        return _new(conn, e, group, None, f"new: '{e.name}' names a post, never linked across articles")
    if e.wikidata:
        row = conn.execute(
            "SELECT id FROM kb_entities WHERE wikidata = ? AND tgroup = ? ORDER BY id LIMIT 1", (e.wikidata, group)
        ).fetchone()
        if row:
            return Link(row["id"], f"same wikidata {e.wikidata}")
    if group == "PER":
        pn = person_name(e.name, e.parts)
        if pn.last:
            return _resolve_person(conn, e, pn, kb)
    return _resolve_by_name(conn, e, group)


def _resolve_by_name(conn, e: Entity, group: str) -> Link:
    name = norm(e.name)
    keys = [name] + [norm(a) for a in e.aliases if usable_alias(a) and norm(a) != name]
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        # two indexed lookups joined by UNION: with an OR SQLite used only the tgroup prefix of
        # (tgroup, norm) and read every entity of the group
        f"""SELECT e.id, e.norm, e.wikidata, coalesce(s.links, 0) AS n
            FROM kb_entities e LEFT JOIN entity_stats s ON s.kb_entity_id = e.id
            WHERE e.tgroup = ? AND e.norm IN ({marks})
            UNION
            SELECT e.id, e.norm, e.wikidata, coalesce(s.links, 0) AS n
            FROM entity_aliases a CROSS JOIN kb_entities e ON e.id = a.kb_entity_id
            LEFT JOIN entity_stats s ON s.kb_entity_id = e.id
            WHERE a.norm IN ({marks}) AND e.tgroup = ?""",
        (group, *keys, *keys, group),
    ).fetchall()
    best = None
    for r in rows:
        if e.wikidata and r["wikidata"] and r["wikidata"] != e.wikidata:
            continue
        if r["norm"] == name:
            why, score = f"same name '{e.name}'", 3
        elif r["norm"] in keys:
            why, score = f"alias '{_original(e, r['norm'])}' is its name", 2
        else:
            hit = conn.execute(
                f"SELECT alias FROM entity_aliases WHERE kb_entity_id = ? AND norm IN ({marks}) LIMIT 1",
                (r["id"], *keys),
            ).fetchone()
            why, score = f"shared alias '{hit['alias']}'", 1
        cand = (score, r["n"], -r["id"], why)
        if best is None or cand > best:
            best = cand
    if best:
        return Link(-best[2], best[3])
    return _new(conn, e, group, None, f"new: no KB {group} named '{e.name}'")


def _original(e: Entity, key: str) -> str:
    return next((a for a in (e.name, *e.aliases) if norm(a) == key), key)


def _resolve_person(conn, e: Entity, pn: PersonName, kb: dict[str, int]) -> Link:
    # the link counts come from entity_stats (a per-candidate count of article_entities grew with the
    # KB: 36 ms per stored article at 100 000 articles); namesakes whose first name cannot fit are
    # left out in SQL (their initials differ), so the candidates stay few however common the surname
    initial = (pn.first or "")[:1]
    rows = conn.execute(
        "SELECT e.*, coalesce(s.links, 0) AS n FROM kb_entities e LEFT JOIN entity_stats s ON s.kb_entity_id = e.id"
        " WHERE e.tgroup = 'PER' AND e.last_norm = ?"
        " AND (? = '' OR coalesce(e.first_name, '') = '' OR substr(e.first_name, 1, 1) IN (?, ?)) ORDER BY e.id",
        (pn.last_norm, initial, initial.upper(), initial.lower()),
    ).fetchall()
    mine = {(norm(r.post), c) for r in e.roles for _, c in [role_targets(conn, r, kb)] if c}
    fits, apart = [], []
    for r in rows:
        verdict = _compare_person(conn, e, pn, mine, r)
        (fits if isinstance(verdict, tuple) else apart).append(verdict)
    if fits:
        fits.sort(key=lambda f: (f[0], f[1], -f[2]), reverse=True)
        top = fits[0]
        if top[0] > _STRENGTH["missing"] or len(fits) == 1:
            return Link(top[2], top[3])
        names = ", ".join(f"'{f[4]}'" for f in fits[:4])
        return _new(conn, e, "PER", pn, f"new: surname '{pn.last}' alone fits {len(fits)} KB persons ({names})")
    if apart:
        return _new(conn, e, "PER", pn, "new: " + "; ".join(apart[:3]))
    others = conn.execute(  # for the reason only: a few of the namesakes left out above
        "SELECT e.*, 0 AS n FROM kb_entities e WHERE e.tgroup = 'PER' AND e.last_norm = ? ORDER BY e.id LIMIT 3",
        (pn.last_norm,),
    ).fetchall()
    apart = [v for v in (_compare_person(conn, e, pn, mine, r) for r in others) if isinstance(v, str)]
    if apart:
        return _new(conn, e, "PER", pn, "new: " + "; ".join(apart))
    return _new(conn, e, "PER", pn, f"new: no KB person with surname '{pn.last}'")


def _compare_person(conn, e: Entity, pn: PersonName, mine: set, r) -> tuple | str:
    """(strength, links, id, reason, name) when ``r`` may be the same person, else why not."""
    if e.wikidata and r["wikidata"] and r["wikidata"] != e.wikidata:
        return f"'{r['name']}' has another wikidata id ({r['wikidata']} vs {e.wikidata})"
    first = given_compatible(pn.first, r["first_name"])
    if first is None:
        return f"'{r['name']}' has another first name ('{r['first_name']}' vs '{pn.first}')"
    middle = given_compatible(pn.middle, r["middle_name"])
    if middle is None:
        return f"'{r['name']}' has another middle name ('{r['middle_name']}' vs '{pn.middle}')"
    if mine:
        for post, country in mine:
            other = conn.execute(
                "SELECT c.name FROM entity_roles ro JOIN kb_entities c ON c.id = ro.country_kb_id"
                " WHERE ro.kb_entity_id = ? AND ro.post_norm = ? AND ro.country_kb_id != ? LIMIT 1",
                (r["id"], post, country),
            ).fetchone()
            if other:
                return f"'{r['name']}' is {post} of another country ('{other['name']}')"
    if norm(e.name) == r["norm"]:
        return (4, r["n"], r["id"], f"same name '{e.name}'", r["name"])
    if first == "same":
        return (3, r["n"], r["id"], f"surname '{pn.last}' + first name '{pn.first}'", r["name"])
    if first == "initial":
        short = pn.first if pn.first and "." in pn.first else r["first_name"]
        return (2, r["n"], r["id"], f"surname '{pn.last}' + initial {short}", r["name"])
    return (1, r["n"], r["id"], f"surname '{pn.last}' (the only KB person it fits)", r["name"])


def _new(conn, e: Entity, group: str, pn: Optional[PersonName], reason: str) -> Link:
    pn = pn or PersonName()
    cur = conn.execute(
        "INSERT INTO kb_entities (type, tgroup, name, norm, first_name, middle_name, last_name, last_norm,"
        " wikidata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            e.type, group, e.name, norm(e.name), pn.first, pn.middle, pn.last, pn.last_norm, e.wikidata,
            datetime.now(timezone.utc).isoformat(timespec="seconds"),
        ),
    )
    return Link(cur.lastrowid, reason, new=True)


def _absorb(conn, kb_id: int, e: Entity) -> None:
    """Add the article's names to the KB entity; upgrade "Токаев" to "Касым-Жомарт Токаев"."""
    for alias in dict.fromkeys((e.name, *e.aliases)):
        if alias == e.name or usable_alias(alias):
            conn.execute(
                "INSERT OR IGNORE INTO entity_aliases (kb_entity_id, alias, norm) VALUES (?, ?, ?)",
                (kb_id, alias, norm(alias)),
            )
    row = conn.execute("SELECT * FROM kb_entities WHERE id = ?", (kb_id,)).fetchone()
    if e.wikidata and not row["wikidata"]:
        conn.execute("UPDATE kb_entities SET wikidata = ? WHERE id = ?", (e.wikidata, kb_id))
    if row["tgroup"] != "PER":
        return
    pn = person_name(e.name, e.parts)
    if _fuller(pn.first, row["first_name"]) or (not row["middle_name"] and pn.middle and not _fuller(row["first_name"], pn.first)):
        conn.execute(
            "UPDATE kb_entities SET name = ?, norm = ?, first_name = ?, middle_name = ? WHERE id = ?",
            (e.name, norm(e.name), pn.first, pn.middle or row["middle_name"], kb_id),
        )


def _fuller(new: Optional[str], old: Optional[str]) -> bool:
    """A full given name beats an initial, any name beats none."""
    if not new:
        return False
    if not old:
        return True
    return "." in old and "." not in new
