"""Reading one entity's aggregates (``aggregates``): counts, timeline, co-mentions, articles, roles.

Each read is an index range over the entity's own rows, so an entity named in
tens of thousands of articles costs about what a rare one does; lists come a
page at a time (``limit``/``offset``).
"""
from __future__ import annotations

import json
import sqlite3
from typing import Optional


def _dicts(rows) -> list[dict]:
    return [dict(r) for r in rows]


def counts(conn: sqlite3.Connection, kb_id: int) -> dict:
    """``links`` (article entities linked to it), ``articles`` (distinct) and ``mentions``."""
    row = conn.execute("SELECT links, articles, mentions FROM entity_stats WHERE kb_entity_id = ?", (kb_id,)).fetchone()
    return {"links": row[0], "articles": row[1], "mentions": row[2]} if row else {"links": 0, "articles": 0, "mentions": 0}


def timeline(conn: sqlite3.Connection, kb_id: int, limit: int = -1, offset: int = 0) -> list[dict]:
    """Per publication day (oldest first, undated last): articles with a mention of it, mentions."""
    if limit < 0 and offset == 0:  # every day (a country has thousands): in key order, undated ('') moved last
        rows = conn.execute("SELECT day, articles, mentions FROM entity_days WHERE kb_entity_id = ? ORDER BY day",
                            (kb_id,)).fetchall()
        if rows and rows[0][0] == "":
            rows.append(rows.pop(0))
    else:
        rows = conn.execute(
            """SELECT day, articles, mentions FROM entity_days WHERE kb_entity_id = ?
               ORDER BY day = '', day LIMIT ? OFFSET ?""",
            (kb_id, limit, offset),
        ).fetchall()
    return [{"day": r[0] or None, "articles": r[1], "mentions": r[2]} for r in rows]


def timeline_months(conn: sqlite3.Connection, kb_id: int) -> list[dict]:
    """Per publication month ("YYYY-MM", oldest first, undated last): articles, mentions.  An
    article has one day, so the monthly article counts are exact sums of the daily ones."""
    rows = conn.execute(
        """SELECT substr(day, 1, 7) AS month, sum(articles), sum(mentions) FROM entity_days
           WHERE kb_entity_id = ? GROUP BY month ORDER BY month = '', month""",
        (kb_id,),
    ).fetchall()
    return [{"month": r[0] or None, "articles": r[1], "mentions": r[2]} for r in rows]


def timeline_days(conn: sqlite3.Connection, kb_id: int) -> int:
    return conn.execute("SELECT count(*) FROM entity_days WHERE kb_entity_id = ?", (kb_id,)).fetchone()[0]


def co_mentions(conn: sqlite3.Connection, kb_id: int, limit: int = 20, offset: int = 0) -> list[dict]:
    """Entities linked in the same articles: most shared articles first, then by name.

    Only the pairs at or above the count of the last row asked are joined with
    their names (a country has thousands of partners, a page needs 20)."""
    return _dicts(
        conn.execute(
            """SELECT e.id, e.name, e.type, p.articles FROM entity_pairs p JOIN kb_entities e ON e.id = p.b
               WHERE p.a = :kid AND p.articles >= coalesce(
                   (SELECT articles FROM entity_pairs WHERE a = :kid ORDER BY articles DESC LIMIT 1 OFFSET :last), 0)
               ORDER BY p.articles DESC, e.name, e.id LIMIT :limit OFFSET :offset""",
            {"kid": kb_id, "last": offset + limit - 1, "limit": limit, "offset": offset},
        )
    )


def co_mention_count(conn: sqlite3.Connection, kb_id: int) -> int:
    return conn.execute("SELECT count(*) FROM entity_pairs WHERE a = ?", (kb_id,)).fetchone()[0]


def articles(conn: sqlite3.Connection, kb_id: int, limit: int = 50, offset: int = 0) -> list[dict]:
    """The articles linking the entity, newest publication day first (undated last), each with
    its links: which article entity, as written, and why it was linked."""
    rows = conn.execute(
        """SELECT a.id AS article_id, nullif(p.day, '') AS day, a.title, ae.entity_id, ae.name, ae.reason
           FROM (SELECT day, seq FROM entity_article_days WHERE kb_entity_id = :kid
                 ORDER BY day DESC, seq DESC LIMIT :limit OFFSET :offset) p
           JOIN articles a ON a.seq = p.seq
           JOIN article_entities ae ON ae.article_id = a.id AND +ae.kb_entity_id = :kid  -- by article, never
           -- through article_entities_kb (all of a country's links)
           ORDER BY p.day DESC, p.seq DESC, ae.entity_id""",
        {"kid": kb_id, "limit": limit, "offset": offset},
    )
    out: list[dict] = []
    for r in rows:
        if not out or out[-1]["article_id"] != r["article_id"]:
            out.append({"article_id": r["article_id"], "day": r["day"], "title": r["title"], "links": []})
        out[-1]["links"].append({"entity_id": r["entity_id"], "name": r["name"], "reason": r["reason"]})
    return out


def links(conn: sqlite3.Connection, kb_id: int, limit: Optional[int] = 50) -> list[dict]:
    """The links of the newest ``limit`` articles (all when None), flat: article_id, entity_id,
    name, reason, day, title."""
    return [
        {"article_id": a["article_id"], **link, "day": a["day"], "title": a["title"]}
        for a in articles(conn, kb_id, -1 if limit is None else limit)
        for link in a["links"]
    ]


def roles(conn: sqlite3.Connection, kb_id: int) -> list[dict]:
    """Posts held (per organization and country), first and last day seen, articles."""
    rows = _dicts(
        conn.execute(
            """SELECT rs.post, o.name AS organization, c.name AS country, rs.qualifiers,
                      rs.first_day AS first_seen, rs.last_day AS last_seen, rs.articles
               FROM entity_role_stats rs
               LEFT JOIN kb_entities o ON o.id = rs.organization_kb_id
               LEFT JOIN kb_entities c ON c.id = rs.country_kb_id
               WHERE rs.kb_entity_id = ? ORDER BY first_seen IS NULL, first_seen, rs.post""",
            (kb_id,),
        )
    )
    for r in rows:
        r["qualifiers"] = json.loads(r["qualifiers"] or "[]")
    return rows


def countries(conn: sqlite3.Connection, kb_id: int) -> list[str]:
    """Names of the countries the entity holds a post for."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT c.name FROM entity_role_stats rs JOIN kb_entities c ON c.id = rs.country_kb_id"
            " WHERE rs.kb_entity_id = ? ORDER BY c.name",
            (kb_id,),
        )
    ]


def top(conn: sqlite3.Connection, limit: int, offset: int = 0, type_: Optional[str] = None) -> list[dict]:
    """Entities linked in the most articles (then most mentions, then by name)."""
    kind = "" if type_ is None else " AND e.type = :type"
    return _dicts(
        conn.execute(
            f"""SELECT e.id, e.name, e.type, e.wikidata, s.articles, s.mentions
                FROM entity_stats s JOIN kb_entities e ON e.id = s.kb_entity_id
                WHERE s.articles >= max(1, coalesce(
                    (SELECT s.articles FROM entity_stats s JOIN kb_entities e ON e.id = s.kb_entity_id
                     WHERE s.articles > 0{kind} ORDER BY s.articles DESC LIMIT 1 OFFSET :last), 1)){kind}
                ORDER BY s.articles DESC, s.mentions DESC, e.name, e.id LIMIT :limit OFFSET :offset""",
            {"type": type_, "last": offset + limit - 1, "limit": limit, "offset": offset},
        )
    )


def top_count(conn: sqlite3.Connection, type_: Optional[str] = None) -> int:
    """How many entities are linked in at least one article (of this type)."""
    if type_ is None:
        return conn.execute("SELECT count(*) FROM entity_stats WHERE articles > 0").fetchone()[0]
    return conn.execute(
        "SELECT count(*) FROM entity_stats s JOIN kb_entities e ON e.id = s.kb_entity_id"
        " WHERE s.articles > 0 AND e.type = ?", (type_,)
    ).fetchone()[0]
