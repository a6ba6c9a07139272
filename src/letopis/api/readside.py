"""Read-side queries the REST API and the UI need beyond ``letopis.store.queries``:
article lists and pages, events, entity lookup by id, graphs and places.

Plain functions over a connection, like ``store.queries`` (candidates to move
there); user mistakes raise ``QueryError``, unknown ids ``NotFoundError``.
"""
from __future__ import annotations

import json
import re
import sqlite3
from typing import Optional, Sequence

from letopis.store import entity_reads, queries
from letopis.store.errors import NotFoundError, QueryError
from letopis.store.lookup import candidates
from letopis.store.textindex import check_query, valid_text

ARTICLE_ID = r"^[0-9a-f]{16}$"  # document.content_id: 16 hex digits
_ARTICLE_ID = re.compile(ARTICLE_ID)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FACT_TYPES = ("Meeting", "Occupation", "Deal", "Ownership")


def check_article_id(article_id: str) -> str:
    if not isinstance(article_id, str) or not _ARTICLE_ID.match(article_id):
        raise QueryError("article id: 16 hexadecimal digits, e.g. 3f2a9c0b1d4e5f60")
    return article_id


def _day(value: Optional[str], what: str) -> Optional[str]:
    if not value:
        return None
    if not _DATE.match(value):
        raise QueryError(f"{what}: expected a date like 2024-05-12 (or 2024-05, 2024), not {value[:40]!r}")
    return value


def _filters(date_from, date_to, types) -> tuple[list[str], list]:
    """SQL conditions on ``articles a`` (the same meaning as ``queries.search``)."""
    where, params = queries.day_range(_day(date_from, "date_from"), _day(date_to, "date_to"))
    if types:
        for t in types:
            if not t or len(t) > 50:
                raise QueryError("type: give entity types (PER, ORG, LOC, LOCORG) or fact types (Meeting ...)")
            valid_text(t)
        clause, extra = queries.type_filter(types)
        where.append(clause)
        params += extra
    return where, params


_SUMMARY = """a.id, a.title, a.published, a.day, a.place, a.site, a.url,
    (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS mentions,
    (SELECT count(*) FROM facts f WHERE f.article_id = a.id) AS facts,
    (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes"""


def list_articles(conn, date_from=None, date_to=None, types: Sequence[str] = (), limit: int = 50,
                  offset: int = 0) -> tuple[list[dict], int]:
    """Stored articles, newest first: (one page, how many match in all)."""
    where, params = _filters(date_from, date_to, types)
    cond = " AND ".join(where) or "1"
    total = conn.execute(f"SELECT count(*) FROM articles a WHERE {cond}", params).fetchone()[0]
    order = "ORDER BY a.day IS NULL, a.day DESC, a.seq DESC"
    rows = conn.execute(  # the page first, then the per-article counts for its rows only
        f"SELECT {_SUMMARY} FROM (SELECT * FROM articles a WHERE {cond} {order} LIMIT ? OFFSET ?) a {order}",
        (*params, limit, offset),
    ).fetchall()
    return [dict(r) for r in rows], total


def search_articles(conn, q: str, date_from=None, date_to=None, types: Sequence[str] = (), limit: int = 50,
                    offset: int = 0, order: str = "newest") -> tuple[list[dict], int]:
    """``queries.search`` paged (newest first by default, or by relevance), with the total
    number of matching articles."""
    check_query(q)
    _filters(date_from, date_to, types)  # the API's messages for bad filters
    args = (conn, q, date_from or None, date_to or None, list(types) or None)
    total = queries.search_count(*args)
    if offset >= total:
        return [], total
    return queries.search(*args, limit=limit, offset=offset, order=order), total


def get_article(conn, article_id: str) -> dict:
    """The stored Document (every layer) plus where it was read and how its entities link to the KB."""
    check_article_id(article_id)
    row = conn.execute("SELECT id, json, day, ingested_at FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no article {article_id} in the knowledge base")
    doc = json.loads(row["json"])
    links = conn.execute(
        "SELECT ae.entity_id, ae.kb_entity_id, ae.reason, e.name FROM article_entities ae"
        " JOIN kb_entities e ON e.id = ae.kb_entity_id WHERE ae.article_id = ?", (article_id,)
    ).fetchall()
    sources = conn.execute(
        "SELECT source, url, site, similarity, added_at FROM sources WHERE article_id = ? ORDER BY added_at, source",
        (article_id,),
    ).fetchall()
    return {
        "id": row["id"],
        "day": row["day"],
        "ingested_at": row["ingested_at"],
        "document": doc,
        "sources": [dict(s) for s in sources],
        "links": {r["entity_id"]: {"kb_id": r["kb_entity_id"], "name": r["name"], "reason": r["reason"]} for r in links},
    }


def events(conn, cameo: Optional[str] = None, article_id: Optional[str] = None) -> list[dict]:
    """Events (CAMEO/PLOVER) with their actors resolved to KB entities."""
    where, params = ["1"], []
    if cameo:
        if not re.fullmatch(r"\d{2,4}", cameo):
            raise QueryError("cameo: a CAMEO code of 2 to 4 digits, e.g. 043")
        where.append("ev.cameo LIKE ?")
        params.append(cameo + "%")
    if article_id:
        where.append("ev.article_id = ?")
        params.append(check_article_id(article_id))
    rows = conn.execute(
        f"""SELECT ev.id, ev.article_id, ev.start, ev."end", ev.text, ev.cameo, ev.plover,
                   ev.actor1_kb_id AS actor1_id, e1.name AS actor1, ev.actor1_code,
                   ev.actor2_kb_id AS actor2_id, e2.name AS actor2, ev.actor2_code,
                   ev.place, ev.date, ev.quad_class, ev.goldstein, a.day, a.title
            FROM events ev JOIN articles a ON a.id = ev.article_id
            LEFT JOIN kb_entities e1 ON e1.id = ev.actor1_kb_id
            LEFT JOIN kb_entities e2 ON e2.id = ev.actor2_kb_id
            WHERE {' AND '.join(where)} ORDER BY a.day IS NULL, a.day, ev.article_id, ev.idx""",
        params,
    ).fetchall()
    return [dict(r) for r in rows]


# --- entities --------------------------------------------------------------------------------


def _counted(conn, rows) -> list[dict]:
    return [{"id": r["id"], "name": r["name"], "type": r["type"], "wikidata": r["wikidata"],
             **{k: v for k, v in entity_reads.counts(conn, r["id"]).items() if k != "links"}} for r in rows]


def find_entities(conn, q: Optional[str] = None, type_: Optional[str] = None, limit: int = 50,
                  offset: int = 0) -> tuple[list[dict], int]:
    """Entities a name may mean (best first), or, without a name, the most mentioned: (page, total)."""
    if type_ is not None and type_.upper() not in queries.ENTITY_TYPES:
        raise QueryError(f"type: one of {', '.join(queries.ENTITY_TYPES)}")
    t = type_.upper() if type_ else None
    if q is None or not q.strip():
        total = entity_reads.top_count(conn, t)
        if offset >= total:
            return [], total
        return entity_reads.top(conn, limit, offset, t), total
    found = [r for r in candidates(conn, q) if t is None or r["type"] == t]
    return _counted(conn, found[offset : offset + limit]), len(found)


def entity_row(conn, kb_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM kb_entities WHERE id = ?", (kb_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no entity with id {kb_id} in the knowledge base")
    return row


def entity_profile(conn, kb_id: int) -> dict:
    """``queries.entity_profile`` of the entity with this id (``links``: the newest articles;
    ``entity_articles`` pages through all of them)."""
    return queries.entity_profile(conn, kb_id=kb_id)


def entity_timeline(conn, kb_id: int, limit: int, offset: int = 0) -> tuple[list[dict], int]:
    entity_row(conn, kb_id)
    return entity_reads.timeline(conn, kb_id, limit, offset), entity_reads.timeline_days(conn, kb_id)


def entity_co_mentions(conn, kb_id: int, limit: int, offset: int = 0) -> tuple[list[dict], int]:
    entity_row(conn, kb_id)
    return entity_reads.co_mentions(conn, kb_id, limit, offset), entity_reads.co_mention_count(conn, kb_id)


def entity_articles(conn, kb_id: int, limit: int, offset: int = 0) -> tuple[list[dict], int]:
    """The articles linking the entity, newest first, each with its links (entity, as written, reason)."""
    entity_row(conn, kb_id)
    return entity_reads.articles(conn, kb_id, limit, offset), entity_reads.counts(conn, kb_id)["articles"]


def entity_graph(profile: dict) -> dict:
    """Nodes and edges around one entity: the people it met and the entities mentioned with it."""
    me = profile["entity"]
    nodes = {me["id"]: {"id": me["id"], "name": me["name"], "type": me["type"], "center": True}}
    edges: dict[tuple, dict] = {}
    for c in profile["co_mentioned"]:
        nodes.setdefault(c["id"], {"id": c["id"], "name": c["name"], "type": c["type"], "center": False})
        edges[(c["id"], "co-mention")] = {"source": me["id"], "target": c["id"], "kind": "co-mention",
                                          "weight": c["articles"]}
    for f in profile["facts"]:
        if f["type"] != "Meeting":
            continue
        for p in f.get("with", []):
            if p["id"] is None:
                continue
            nodes.setdefault(p["id"], {"id": p["id"], "name": p["name"], "type": p["type"], "center": False})
            edge = edges.setdefault((p["id"], "meeting"), {"source": me["id"], "target": p["id"], "kind": "meeting",
                                                           "weight": 0})
            edge["weight"] += 1
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}


# --- places ------------------------------------------------------------------------------------


def _gazetteer():
    """``letopis.kb.gazetteer.lookup_place`` when the gazetteer is installed and loads, else None."""
    try:
        from letopis.kb.gazetteer import lookup_place
    except ImportError:
        return None
    return lookup_place


def locate(name: str, lookup=None) -> Optional[tuple[float, float]]:
    """(lat, lon) of a place name, or None (unknown, or no gazetteer)."""
    lookup = lookup or _gazetteer()
    if lookup is None or not name:
        return None
    try:
        place = lookup(name)
    except Exception:  # a gazetteer still being written must not break the map
        return None
    lat, lon = getattr(place, "lat", None), getattr(place, "lon", None)
    if lat is None or lon is None:
        return None
    return float(lat), float(lon)


def places(conn) -> list[dict]:
    """Meeting places and article datelines with counts and, where the gazetteer knows them, coordinates."""
    found: dict[str, dict] = {}

    def add(name, kind, article_id, title):
        name = (name or "").strip()
        if not name:
            return
        p = found.setdefault(name, {"name": name, "meetings": 0, "datelines": 0, "articles": []})
        p[kind] += 1
        if len(p["articles"]) < 10 and all(a["id"] != article_id for a in p["articles"]):
            p["articles"].append({"id": article_id, "title": title})

    for m in queries.meetings(conn):
        add(m["place"], "meetings", m["article_id"], m["title"])
    for r in conn.execute("SELECT id, title, place FROM articles WHERE place IS NOT NULL AND place != ''"
                          " ORDER BY day IS NULL, day DESC LIMIT 5000"):
        add(r["place"], "datelines", r["id"], r["title"])
    lookup = _gazetteer()
    out = []
    for p in sorted(found.values(), key=lambda p: (-(p["meetings"] + p["datelines"]), p["name"])):
        where = locate(p["name"], lookup)
        out.append({**p, "lat": where[0] if where else None, "lon": where[1] if where else None})
    return out
