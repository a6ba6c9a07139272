"""Storing Documents: one transaction per article, idempotent, near-duplicates merged.

For each item: a ``ReadError`` is reported as an error; a Document whose
offsets are wrong is refused (``Document.check_offsets``); otherwise, inside
one ``BEGIN IMMEDIATE`` transaction:

- the same text (content hash) already stored -> "duplicate", the source is
  added to ``sources`` if new;
- a text whose word-shingle Jaccard with a stored article is at least
  ``minhash.NEAR_DUPLICATE_JACCARD`` -> "near-duplicate": stored once, the
  new source (with its own url, site and content hash) added to ``sources``;
- else the article and all its layers are written, entities resolved
  against the KB, the text indexed, the per-entity aggregates counted
  (``aggregates``); then COMMIT, and only then is the
  outcome reported.  A killed process loses at most the article in flight.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Optional, Union

from letopis.document import Document, content_id
from letopis.readers.base import ReadError
from letopis.store import aggregates, minhash
from letopis.store.resolve import resolve_article
from letopis.store.textindex import index_columns, split_sentences

STORED, DUPLICATE, NEAR_DUPLICATE, ERROR = "stored", "duplicate", "near-duplicate", "error"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: ``str()`` is the line a user sees."""

    status: str
    source: str
    article_id: Optional[str] = None
    detail: str = ""

    def __str__(self) -> str:
        if self.status == ERROR:
            return f"{self.source}: {self.detail}"
        tail = f" ({self.detail})" if self.detail else ""
        return f"{self.status} {self.article_id} {self.source}{tail}"


@dataclass
class IngestReport:
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    errors: int = 0
    sources_added: int = 0
    error_lines: list[str] = field(default_factory=list)
    stored_ids: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome, source_added: bool = False) -> None:
        if outcome.status == STORED:
            self.stored += 1
            self.stored_ids.append(outcome.article_id)
        elif outcome.status == DUPLICATE:
            self.duplicates += 1
        elif outcome.status == NEAR_DUPLICATE:
            self.near_duplicates += 1
        else:
            self.errors += 1
            self.error_lines.append(str(outcome))
        self.sources_added += source_added

    def summary(self) -> str:
        return f"stored {self.stored} new, {self.duplicates + self.near_duplicates} duplicates, {self.errors} errors"


Callback = Callable[[Outcome], None]


def ingest(
    conn: sqlite3.Connection,
    docs: Iterable[Union[Document, ReadError]],
    on_stored: Optional[Callback] = None,
    on_result: Optional[Callback] = None,
) -> IngestReport:
    """Store every Document of ``docs``; ``on_stored`` runs after each commit of a new
    article, ``on_result`` after every input (stored, duplicate, near-duplicate, error)."""
    report = IngestReport()
    for item in docs:
        outcome, added = store_item(conn, item)
        report.add(outcome, added)
        if outcome.status == STORED and on_stored:
            on_stored(outcome)
        if on_result:
            on_result(outcome)
    return report


def store_item(conn: sqlite3.Connection, item) -> tuple[Outcome, bool]:
    """Store one item in its own transaction: (outcome, whether a source row was added)."""
    if isinstance(item, ReadError):
        return Outcome(ERROR, item.source, detail=item.reason), False
    if not isinstance(item, Document):
        return Outcome(ERROR, repr(item)[:60], detail=f"not a Document: {type(item).__name__}"), False
    source = item.source or item.url or item.id or "-"
    problems = item.check_offsets()
    if problems:
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        return Outcome(ERROR, source, detail=f"refused, bad offsets: {problems[0]}{more}"), False
    conn.execute("BEGIN IMMEDIATE")
    try:
        outcome, added = _store(conn, item, source)
        conn.execute("COMMIT")
    except (KeyboardInterrupt, SystemExit):
        conn.execute("ROLLBACK")
        raise
    except Exception as exc:  # one bad article must not stop a batch
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        return Outcome(ERROR, source, detail=f"not stored: {type(exc).__name__}: {exc}"), False
    return outcome, added


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _add_source(conn, article_id: str, doc: Document, source: str, variant: str, similarity: float) -> bool:
    cur = conn.execute(
        "INSERT OR IGNORE INTO sources (article_id, source, url, site, variant_id, similarity, added_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (article_id, source, doc.url, doc.site, variant, round(similarity, 4), _now()),
    )
    return cur.rowcount > 0


def _store(conn, doc: Document, source: str) -> tuple[Outcome, bool]:
    aid = content_id(doc.text)
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone():
        added = _add_source(conn, aid, doc, source, aid, 1.0)
        return Outcome(DUPLICATE, source, aid, "same text" + (", new source" if added else "")), added
    seen = conn.execute("SELECT article_id, similarity FROM sources WHERE variant_id = ?", (aid,)).fetchone()
    if seen:
        added = _add_source(conn, seen["article_id"], doc, source, aid, seen["similarity"])
        return Outcome(NEAR_DUPLICATE, source, seen["article_id"], f"Jaccard {seen['similarity']:.2f}"), added
    shingles = minhash.shingles(minhash.body(doc.text, doc.title))
    sig = None
    if len(shingles) >= minhash.MIN_SHINGLES:
        sig = minhash.signature(shingles)
        match = _near_duplicate(conn, shingles, sig)
        if match:
            other, j = match
            added = _add_source(conn, other, doc, source, aid, j)
            return Outcome(NEAR_DUPLICATE, source, other, f"Jaccard {j:.2f}"), added
    _insert_article(conn, aid, doc, source)
    if sig is not None:
        conn.execute("INSERT INTO minhash_signatures (article_id, signature) VALUES (?, ?)", (aid, minhash.pack(sig)))
        conn.executemany(
            "INSERT OR IGNORE INTO lsh_buckets (band, bucket, article_id) VALUES (?, ?, ?)",
            [(band, bucket, aid) for band, bucket in minhash.bands(sig)],
        )
    return Outcome(STORED, source, aid), True


# A candidate whose signature estimate is this far below the threshold is not checked
# exactly: with 128 values the estimate's standard deviation at J=0.7 is about 0.04,
# so 0.5 leaves five deviations of room.
ESTIMATE_FLOOR = 0.5


def _near_duplicate(conn, shingles: set, sig: list[int]) -> Optional[tuple[str, float]]:
    cands: set[str] = set()
    for band, bucket in minhash.bands(sig):  # one primary-key lookup per band (a row-value IN scanned the table)
        cands.update(r[0] for r in conn.execute(
            "SELECT article_id FROM lsh_buckets WHERE band = ? AND bucket = ?", (band, bucket)))
    best = None
    for cand in sorted(cands):
        stored = conn.execute("SELECT signature FROM minhash_signatures WHERE article_id = ?", (cand,)).fetchone()
        if stored is not None and minhash.estimate(sig, minhash.unpack(stored[0])) < ESTIMATE_FLOOR:
            continue  # the signatures already say the texts are far apart
        row = conn.execute("SELECT text, title FROM articles WHERE id = ?", (cand,)).fetchone()
        j = minhash.jaccard(shingles, minhash.shingles(minhash.body(row["text"], row["title"])))
        if j >= minhash.NEAR_DUPLICATE_JACCARD and (best is None or j > best[1]):
            best = (cand, j)
    return best


# Layers the knowledge base does not keep: the token layer is ~60 % of an article's JSON
# (measured: 106 KB per article with it) and every query and page works from the other
# layers; `letopis extract --format json` still prints it.
NOT_STORED = ("tokens",)


def stored_json(doc: Document) -> dict:
    data = doc.to_json()
    for layer in NOT_STORED:
        data[layer] = []
    return data


def _insert_article(conn, aid: str, doc: Document, source: str) -> None:
    day = doc.published[:10] if doc.published and _DAY.match(doc.published) else None
    cur = conn.execute(
        "INSERT INTO articles (id, doc_id, title, published, day, place, attribution, url, site, text, json,"
        " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            aid, doc.id, doc.title, doc.published, day, doc.place, doc.attribution, doc.url, doc.site, doc.text,
            json.dumps(stored_json(doc), ensure_ascii=False), _now(),
        ),
    )
    seq = cur.lastrowid
    _add_source(conn, aid, doc, source, aid, 1.0)
    sentences = [(s.start, s.end) for s in doc.sentences] or split_sentences(doc.text)
    conn.executemany(
        'INSERT INTO sentences (article_id, idx, start, "end") VALUES (?, ?, ?, ?)',
        [(aid, i, s, e) for i, (s, e) in enumerate(sentences)],
    )
    indexed = doc.text if not doc.title or doc.text.startswith(doc.title) else doc.title + "\n" + doc.text
    conn.execute("INSERT INTO articles_fts (rowid, lemmas, stems) VALUES (?, ?, ?)", (seq, *index_columns(indexed)))

    links = resolve_article(conn, aid, doc.entities)
    kb = {eid: link.kb_entity_id for eid, link in links.items()}
    conn.executemany(
        'INSERT INTO mentions (article_id, idx, start, "end", text, type, fine, normal, entity_id, kb_entity_id)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (aid, i, m.start, m.end, m.text, m.type, m.fine, m.normal, m.entity, kb.get(m.entity))
            for i, m in enumerate(doc.mentions)
        ],
    )
    for i, f in enumerate(doc.facts):
        fid = conn.execute(
            'INSERT INTO facts (article_id, idx, type, start, "end", text, modality, attrs) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            (aid, i, f.type, f.start, f.end, doc.text[f.start : f.end], f.modality, json.dumps(f.attrs, ensure_ascii=False)),
        ).lastrowid
        conn.executemany(
            'INSERT INTO fact_args (fact_id, idx, role, entity_id, kb_entity_id, value, start, "end")'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(fid, j, a.role, a.entity, kb.get(a.entity), a.value, a.start, a.end) for j, a in enumerate(f.args)],
        )
    conn.executemany(
        'INSERT INTO quotes (article_id, idx, start, "end", text, speaker_entity_id, speaker_kb_id, cue, kind,'
        " speaker_start, speaker_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (aid, i, q.start, q.end, q.text, q.speaker, kb.get(q.speaker), q.cue, q.kind, q.speaker_start, q.speaker_end)
            for i, q in enumerate(doc.quotes)
        ],
    )
    conn.executemany(
        'INSERT INTO amounts (article_id, idx, start, "end", text, value, unit, currency, kind, measure, qualifier)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (aid, i, a.start, a.end, a.text, str(a.value), a.unit, a.currency, a.kind, a.measure, a.qualifier)
            for i, a in enumerate(doc.amounts)
        ],
    )
    conn.executemany(
        'INSERT INTO events (article_id, idx, start, "end", text, cameo, plover, actor1_entity_id, actor1_kb_id,'
        " actor2_entity_id, actor2_kb_id, actor1_code, actor2_code, place, date, quad_class, goldstein)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                aid, i, ev.start, ev.end, ev.text, ev.cameo, ev.plover, ev.actor1, kb.get(ev.actor1), ev.actor2,
                kb.get(ev.actor2), ev.actor1_code, ev.actor2_code, ev.place, ev.date, ev.quad_class, ev.goldstein,
            )
            for i, ev in enumerate(doc.events)
        ],
    )
    aggregates.add_article(conn, aid, seq, day)  # the per-entity counts, from the rows just written
