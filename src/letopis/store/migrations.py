"""Named schema migrations, applied in order, each in its own transaction.

A migration is recorded in the ``migrations`` table in the same transaction
that applies it, so a crash leaves it either fully applied and recorded or
not at all.  Never edit a released migration: append a new one.
"""
from __future__ import annotations

import sqlite3
from typing import Callable, Optional
from dataclasses import dataclass
from datetime import datetime, timezone


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str
    run: Optional[Callable[[sqlite3.Connection], None]] = None  # a data step after the SQL, same transaction


CORE = """
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,          -- stable integer key; the FTS rowid
    id TEXT NOT NULL UNIQUE,          -- content hash of the cleaned text (document.content_id)
    doc_id TEXT,                      -- Document.id as the pipeline gave it
    title TEXT,
    published TEXT,                   -- ISO 8601 as read
    day TEXT,                         -- YYYY-MM-DD part of published (NULL when unknown)
    place TEXT,
    attribution TEXT,
    url TEXT,
    site TEXT,
    text TEXT NOT NULL,
    json TEXT NOT NULL,               -- the full Document, Document.from_json(json.loads(...))
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_day ON articles(day);

-- every place an article was read from: several when sites syndicate one story
CREATE TABLE sources (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source TEXT NOT NULL,             -- path, path:line, url
    url TEXT,
    site TEXT,
    variant_id TEXT NOT NULL,         -- content hash of the text read there (== article_id when exact)
    similarity REAL NOT NULL,         -- 1.0 exact; else the word-shingle Jaccard with the stored text
    added_at TEXT NOT NULL,
    PRIMARY KEY (article_id, source)
);
CREATE INDEX sources_variant ON sources(variant_id);

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
"""

KB = """
CREATE TABLE kb_entities (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,               -- PER, ORG, LOC, LOCORG (type first seen)
    tgroup TEXT NOT NULL,             -- resolution group: PER, ORG, LOC (LOC and LOCORG together)
    name TEXT NOT NULL,               -- canonical name: the fullest form seen
    norm TEXT NOT NULL,               -- normalized name (lower case, е for ё, no quotes)
    first_name TEXT,
    middle_name TEXT,
    last_name TEXT,
    last_norm TEXT,
    wikidata TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX kb_entities_norm ON kb_entities(tgroup, norm);
CREATE INDEX kb_entities_last ON kb_entities(last_norm);
CREATE INDEX kb_entities_wikidata ON kb_entities(wikidata);

CREATE TABLE entity_aliases (
    kb_entity_id INTEGER NOT NULL REFERENCES kb_entities(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    norm TEXT NOT NULL,
    PRIMARY KEY (kb_entity_id, norm)
);
CREATE INDEX entity_aliases_norm ON entity_aliases(norm);

CREATE TABLE article_entities (       -- article entity id -> KB entity, with the reason of the link
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    kb_entity_id INTEGER NOT NULL REFERENCES kb_entities(id),
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX article_entities_kb ON article_entities(kb_entity_id);
CREATE VIEW entity_links AS
    SELECT article_id, entity_id AS article_entity_id, kb_entity_id, reason FROM article_entities;

CREATE TABLE entity_roles (
    id INTEGER PRIMARY KEY,
    kb_entity_id INTEGER NOT NULL REFERENCES kb_entities(id),
    post TEXT NOT NULL,
    post_norm TEXT NOT NULL,
    organization_kb_id INTEGER REFERENCES kb_entities(id),
    country_kb_id INTEGER REFERENCES kb_entities(id),
    qualifiers TEXT NOT NULL DEFAULT '[]',   -- JSON list
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX entity_roles_kb ON entity_roles(kb_entity_id);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    fine TEXT,
    normal TEXT,
    entity_id TEXT,                   -- the article entity
    kb_entity_id INTEGER REFERENCES kb_entities(id)
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_kb ON mentions(kb_entity_id);

CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    modality TEXT NOT NULL,
    attrs TEXT NOT NULL DEFAULT '{}'  -- JSON object
);
CREATE INDEX facts_type ON facts(type);
CREATE INDEX facts_article ON facts(article_id);

CREATE TABLE fact_args (
    fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    role TEXT NOT NULL,
    entity_id TEXT,
    kb_entity_id INTEGER REFERENCES kb_entities(id),
    value TEXT,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (fact_id, idx)
);
CREATE INDEX fact_args_kb ON fact_args(kb_entity_id);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker_entity_id TEXT,
    speaker_kb_id INTEGER REFERENCES kb_entities(id),
    cue TEXT,
    kind TEXT NOT NULL,
    speaker_start INTEGER,
    speaker_end INTEGER
);
CREATE INDEX quotes_speaker ON quotes(speaker_kb_id);

CREATE TABLE amounts (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL,              -- exact decimal as a string, never a float
    unit TEXT,
    currency TEXT,
    kind TEXT NOT NULL,
    measure TEXT,
    qualifier TEXT
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    cameo TEXT NOT NULL,
    plover TEXT,
    actor1_entity_id TEXT,
    actor1_kb_id INTEGER REFERENCES kb_entities(id),
    actor2_entity_id TEXT,
    actor2_kb_id INTEGER REFERENCES kb_entities(id),
    actor1_code TEXT,
    actor2_code TEXT,
    place TEXT,
    date TEXT,
    quad_class INTEGER,
    goldstein REAL
);
"""

FTS = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    lemmas,                           -- every pymorphy3 normal form of every word of title + text
    stems,                            -- a light Russian suffix-stripped stem of every word
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.seq;
END;
"""

MINHASH = """
CREATE TABLE minhash_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature BLOB NOT NULL           -- NUM_PERM unsigned 32-bit ints, little endian
);
CREATE TABLE lsh_buckets (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, article_id)
) WITHOUT ROWID;
"""

def _rebucket(conn: sqlite3.Connection) -> None:
    """Fill lsh_buckets again from the stored signatures with the current band layout."""
    from letopis.store import minhash

    for article_id, blob in conn.execute("SELECT article_id, signature FROM minhash_signatures").fetchall():
        conn.executemany("INSERT OR IGNORE INTO lsh_buckets (band, bucket, article_id) VALUES (?, ?, ?)",
                         [(band, bucket, article_id) for band, bucket in minhash.bands(minhash.unpack(blob))])


# 0005: bands of 6 rows instead of 4. With 4 rows, variants of one story at Jaccard 0.4
# were candidates half the time, and a corpus with many related stories made every
# ingest compare against thousands of stored texts (throughput fell from 34 to 18
# articles/s between 2 000 and 13 000 articles of the generated benchmark corpus).
LSH_6_ROWS = "DELETE FROM lsh_buckets;"

# 0006: per-article lookups of quotes, amounts and events used a full scan (the API's article
# list took 27 s on 20 000 articles).
ARTICLE_INDEXES = """
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS amounts_article ON amounts(article_id);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
"""

# 0007: per-entity aggregates (see ``aggregates``), backfilled from the stored rows, and the
# indexes the read side lacked: a name looked up without its type group scanned kb_entities,
# and the newest facts of an entity sorted all its fact arguments; and the roles of one
# article (counted here, deleted with it) were found by a scan of every role.
ENTITY_AGGREGATES = """
CREATE TABLE entity_stats (
    kb_entity_id INTEGER PRIMARY KEY,
    links INTEGER NOT NULL,           -- article_entities rows linked to it
    articles INTEGER NOT NULL,        -- distinct articles linking it
    mentions INTEGER NOT NULL         -- mentions resolved to it
);
CREATE INDEX entity_stats_articles ON entity_stats(articles);
CREATE TABLE entity_days (
    kb_entity_id INTEGER NOT NULL,
    day TEXT NOT NULL,                -- articles.day, '' when unknown
    articles INTEGER NOT NULL,        -- articles of that day with a mention of it
    mentions INTEGER NOT NULL,
    PRIMARY KEY (kb_entity_id, day)
) WITHOUT ROWID;
CREATE TABLE entity_pairs (           -- both (a, b) and (b, a)
    a INTEGER NOT NULL,
    b INTEGER NOT NULL,
    articles INTEGER NOT NULL,        -- articles linking both
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE TABLE entity_article_days (    -- the articles linking an entity, by day then seq
    kb_entity_id INTEGER NOT NULL,
    day TEXT NOT NULL,                -- '' when unknown
    seq INTEGER NOT NULL,             -- articles.seq
    PRIMARY KEY (kb_entity_id, day, seq)
) WITHOUT ROWID;
CREATE TABLE entity_role_stats (
    kb_entity_id INTEGER NOT NULL,
    post_norm TEXT NOT NULL,
    organization_kb_id INTEGER NOT NULL,  -- 0 when none
    country_kb_id INTEGER NOT NULL,       -- 0 when none
    post TEXT NOT NULL,               -- the least post (string order) of the group
    qualifiers TEXT NOT NULL,         -- the least qualifiers (JSON list) of the group
    articles INTEGER NOT NULL,
    first_day TEXT,
    last_day TEXT,
    PRIMARY KEY (kb_entity_id, post_norm, organization_kb_id, country_kb_id)
) WITHOUT ROWID;
CREATE INDEX kb_entities_norm_only ON kb_entities(norm);
CREATE INDEX entity_roles_article ON entity_roles(article_id);
DROP INDEX IF EXISTS fact_args_kb;
CREATE INDEX fact_args_kb_fact ON fact_args(kb_entity_id, fact_id);
CREATE TRIGGER entity_aggregates_delete BEFORE DELETE ON articles BEGIN
    UPDATE entity_stats SET articles = articles - 1,
        links = links - (SELECT count(*) FROM article_entities l
                         WHERE l.article_id = old.id AND l.kb_entity_id = entity_stats.kb_entity_id)
    WHERE kb_entity_id IN (SELECT kb_entity_id FROM article_entities WHERE article_id = old.id);
    UPDATE entity_stats SET
        mentions = mentions - (SELECT count(*) FROM mentions m
                               WHERE m.article_id = old.id AND m.kb_entity_id = entity_stats.kb_entity_id)
    WHERE kb_entity_id IN (SELECT kb_entity_id FROM mentions WHERE article_id = old.id);
    DELETE FROM entity_stats WHERE links = 0 AND mentions = 0 AND kb_entity_id IN
        (SELECT kb_entity_id FROM article_entities WHERE article_id = old.id
         UNION SELECT kb_entity_id FROM mentions WHERE article_id = old.id);
    UPDATE entity_days SET articles = articles - 1,
        mentions = mentions - (SELECT count(*) FROM mentions m
                               WHERE m.article_id = old.id AND m.kb_entity_id = entity_days.kb_entity_id)
    WHERE day = coalesce(old.day, '')
      AND kb_entity_id IN (SELECT kb_entity_id FROM mentions WHERE article_id = old.id);
    DELETE FROM entity_days WHERE articles = 0 AND day = coalesce(old.day, '')
      AND kb_entity_id IN (SELECT kb_entity_id FROM mentions WHERE article_id = old.id);
    UPDATE entity_pairs SET articles = articles - 1 WHERE a != b
      AND a IN (SELECT kb_entity_id FROM article_entities WHERE article_id = old.id)
      AND b IN (SELECT kb_entity_id FROM article_entities WHERE article_id = old.id);
    DELETE FROM entity_pairs WHERE articles = 0
      AND a IN (SELECT kb_entity_id FROM article_entities WHERE article_id = old.id)
      AND b IN (SELECT kb_entity_id FROM article_entities WHERE article_id = old.id);
    DELETE FROM entity_article_days WHERE day = coalesce(old.day, '') AND seq = old.seq
      AND kb_entity_id IN (SELECT kb_entity_id FROM article_entities WHERE article_id = old.id);
    DELETE FROM entity_role_stats
    WHERE (kb_entity_id, post_norm, organization_kb_id, country_kb_id) IN
        (SELECT kb_entity_id, post_norm, coalesce(organization_kb_id, 0), coalesce(country_kb_id, 0)
         FROM entity_roles WHERE article_id = old.id);
    INSERT INTO entity_role_stats (kb_entity_id, post_norm, organization_kb_id, country_kb_id, post, qualifiers,
                                   articles, first_day, last_day)
    SELECT ro.kb_entity_id, ro.post_norm, coalesce(ro.organization_kb_id, 0), coalesce(ro.country_kb_id, 0),
           min(ro.post), min(ro.qualifiers), count(DISTINCT ro.article_id), min(a.day), max(a.day)
    FROM entity_roles ro JOIN articles a ON a.id = ro.article_id
    WHERE ro.article_id != old.id
      AND ro.kb_entity_id IN (SELECT kb_entity_id FROM entity_roles WHERE article_id = old.id)
      AND (ro.kb_entity_id, ro.post_norm, coalesce(ro.organization_kb_id, 0), coalesce(ro.country_kb_id, 0)) IN
          (SELECT kb_entity_id, post_norm, coalesce(organization_kb_id, 0), coalesce(country_kb_id, 0)
           FROM entity_roles WHERE article_id = old.id)
    GROUP BY 1, 2, 3, 4;
END;
"""


def _backfill_aggregates(conn: sqlite3.Connection) -> None:
    from letopis.store import aggregates

    aggregates.rebuild(conn)


MIGRATIONS: list[Migration] = [
    Migration("0001_core", CORE),
    Migration("0002_kb", KB),
    Migration("0003_fts", FTS),
    Migration("0004_minhash", MINHASH),
    Migration("0005_lsh_6_rows", LSH_6_ROWS, _rebucket),
    Migration("0006_article_indexes", ARTICLE_INDEXES),
    Migration("0007_entity_aggregates", ENTITY_AGGREGATES, _backfill_aggregates),
]

_LEDGER = "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"


def statements(sql: str) -> list[str]:
    """Split a script into complete statements (trigger bodies stay whole)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement: {buf.strip()[:60]!r}")
    return out


def applied(conn: sqlite3.Connection) -> list[str]:
    conn.execute(_LEDGER)
    return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY name")]


def migrate(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now.

    Each runs under ``BEGIN IMMEDIATE`` and re-checks the ledger inside the
    transaction, so two processes opening a new file at once do not collide.
    """
    migrations = MIGRATIONS if migrations is None else migrations
    done = set(applied(conn))
    now = []
    for m in migrations:
        if m.name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (m.name,)).fetchone():
                conn.execute("ROLLBACK")
                continue
            for stmt in statements(m.sql):
                conn.execute(stmt)
            if m.run is not None:
                m.run(conn)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (m.name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        now.append(m.name)
    return now
