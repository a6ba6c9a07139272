"""Per-entity aggregates the read side needs on a large KB, kept exact by the writer.

An entity named in tens of thousands of articles (a country) made every
profile re-count its links, mentions per day and co-mentioned entities from
the raw rows (2.6 s on 27 000 articles).  These tables hold the counts:

- ``entity_stats``: per KB entity, ``links`` (``article_entities`` rows),
  ``articles`` (distinct articles linking it) and ``mentions`` (mentions
  resolved to it);
- ``entity_days``: per KB entity and publication day (``''`` when the article
  has no date), the articles with a mention of it and the mentions;
- ``entity_pairs``: per ordered pair of distinct KB entities ``(a, b)`` (both
  directions stored), the articles linking both;
- ``entity_article_days``: one row per (KB entity, article linking it) keyed
  by day then ``articles.seq``: the newest articles of an entity in index order;
- ``entity_role_stats``: per (person, post, organization, country) — ``0``
  for a missing organization or country — the first ``post`` and
  ``qualifiers`` in string order, the articles and the first and last day.

Who keeps them exact: ``add_article`` runs in the writer's transaction right
after an article's rows are written (near-duplicates and duplicates add only a
source, which changes no count); the ``entity_aggregates_delete`` trigger
(migration 0007) takes an article's contribution back before a
``DELETE FROM articles`` cascades.  Nothing else in letopis changes
``article_entities``, ``mentions``, ``entity_roles`` or ``articles.day``
(entities are never merged and links never move); a hand edit of those
tables must be followed by ``rebuild``.  ``differences`` compares the tables
with a recount from the raw rows (the tests, and a check after an edit).
"""
from __future__ import annotations

import sqlite3
from typing import Optional

TABLES = ("entity_stats", "entity_days", "entity_pairs", "entity_article_days", "entity_role_stats")

# --- the increments of one stored article (named parameters :article, :seq, :day) ----------------

_ADD = (
    """INSERT INTO entity_stats (kb_entity_id, links, articles, mentions)
       SELECT kb_entity_id, count(*), 1, 0 FROM article_entities WHERE article_id = :article GROUP BY kb_entity_id
       ON CONFLICT (kb_entity_id) DO UPDATE SET links = links + excluded.links, articles = articles + 1""",
    """INSERT INTO entity_stats (kb_entity_id, links, articles, mentions)
       SELECT kb_entity_id, 0, 0, count(*) FROM mentions WHERE article_id = :article AND kb_entity_id IS NOT NULL
       GROUP BY kb_entity_id
       ON CONFLICT (kb_entity_id) DO UPDATE SET mentions = mentions + excluded.mentions""",
    """INSERT INTO entity_days (kb_entity_id, day, articles, mentions)
       SELECT kb_entity_id, coalesce(:day, ''), 1, count(*) FROM mentions
       WHERE article_id = :article AND kb_entity_id IS NOT NULL GROUP BY kb_entity_id
       ON CONFLICT (kb_entity_id, day) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions""",
    """INSERT INTO entity_pairs (a, b, articles)
       SELECT DISTINCT x.kb_entity_id, y.kb_entity_id, 1 FROM article_entities x
       JOIN article_entities y ON y.article_id = x.article_id AND y.kb_entity_id != x.kb_entity_id
       WHERE x.article_id = :article
       ON CONFLICT (a, b) DO UPDATE SET articles = articles + 1""",
    """INSERT OR IGNORE INTO entity_article_days (kb_entity_id, day, seq)
       SELECT DISTINCT kb_entity_id, coalesce(:day, ''), :seq FROM article_entities WHERE article_id = :article""",
    """INSERT INTO entity_role_stats (kb_entity_id, post_norm, organization_kb_id, country_kb_id, post, qualifiers,
                                      articles, first_day, last_day)
       SELECT kb_entity_id, post_norm, coalesce(organization_kb_id, 0), coalesce(country_kb_id, 0), min(post),
              min(qualifiers), 1, :day, :day
       FROM entity_roles WHERE article_id = :article GROUP BY 1, 2, 3, 4
       ON CONFLICT (kb_entity_id, post_norm, organization_kb_id, country_kb_id) DO UPDATE SET
           post = min(post, excluded.post), qualifiers = min(qualifiers, excluded.qualifiers),
           articles = articles + 1,
           first_day = coalesce(min(first_day, excluded.first_day), first_day, excluded.first_day),
           last_day = coalesce(max(last_day, excluded.last_day), last_day, excluded.last_day)""",
)


def add_article(conn: sqlite3.Connection, article_id: str, seq: int, day: Optional[str]) -> None:
    """Count one article just written (inside the writer's transaction), from its stored rows."""
    params = {"article": article_id, "seq": seq, "day": day}
    for sql in _ADD:
        conn.execute(sql, params)


# --- from scratch: the definitions the tables must equal ------------------------------------------

RECOUNT = {
    "entity_stats": """
        SELECT kb_entity_id, sum(links), sum(articles), sum(mentions) FROM (
            SELECT kb_entity_id, count(*) AS links, count(DISTINCT article_id) AS articles, 0 AS mentions
            FROM article_entities GROUP BY kb_entity_id
            UNION ALL
            SELECT kb_entity_id, 0, 0, count(*) FROM mentions WHERE kb_entity_id IS NOT NULL GROUP BY kb_entity_id)
        GROUP BY kb_entity_id""",
    "entity_days": """
        SELECT m.kb_entity_id, coalesce(a.day, ''), count(DISTINCT m.article_id), count(*)
        FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.kb_entity_id IS NOT NULL
        GROUP BY m.kb_entity_id, coalesce(a.day, '')""",
    "entity_pairs": """
        SELECT x.kb_entity_id, y.kb_entity_id, count(*)
        FROM (SELECT DISTINCT article_id, kb_entity_id FROM article_entities) x
        JOIN (SELECT DISTINCT article_id, kb_entity_id FROM article_entities) y
          ON y.article_id = x.article_id AND y.kb_entity_id != x.kb_entity_id
        GROUP BY x.kb_entity_id, y.kb_entity_id""",
    "entity_article_days": """
        SELECT DISTINCT ae.kb_entity_id, coalesce(a.day, ''), a.seq
        FROM article_entities ae JOIN articles a ON a.id = ae.article_id""",
    "entity_role_stats": """
        SELECT ro.kb_entity_id, ro.post_norm, coalesce(ro.organization_kb_id, 0), coalesce(ro.country_kb_id, 0),
               min(ro.post), min(ro.qualifiers), count(DISTINCT ro.article_id), min(a.day), max(a.day)
        FROM entity_roles ro JOIN articles a ON a.id = ro.article_id GROUP BY 1, 2, 3, 4""",
}

_COLUMNS = {
    "entity_stats": "kb_entity_id, links, articles, mentions",
    "entity_days": "kb_entity_id, day, articles, mentions",
    "entity_pairs": "a, b, articles",
    "entity_article_days": "kb_entity_id, day, seq",
    "entity_role_stats": "kb_entity_id, post_norm, organization_kb_id, country_kb_id, post, qualifiers, articles,"
                         " first_day, last_day",
}


def rebuild(conn: sqlite3.Connection) -> None:
    """Fill the tables again from the raw rows (inside the caller's transaction): the migration's
    backfill, and the repair after a hand edit of the tables they count."""
    for table in TABLES:  # fixed names, never user input
        conn.execute(f"DELETE FROM {table}")
        conn.execute(f"INSERT INTO {table} ({_COLUMNS[table]}) {RECOUNT[table]}")


def differences(conn: sqlite3.Connection) -> dict[str, tuple[set, set]]:
    """Per table whose rows differ from a recount: (rows only stored, rows only recounted)."""
    out = {}
    for table in TABLES:
        stored = {tuple(r) for r in conn.execute(f"SELECT {_COLUMNS[table]} FROM {table}")}
        fresh = {tuple(r) for r in conn.execute(RECOUNT[table])}
        if stored != fresh:
            out[table] = (stored - fresh, fresh - stored)
    return out
