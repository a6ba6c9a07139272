"""The per-entity aggregates (store.aggregates) equal a recount from the raw rows after every
kind of write: new articles, duplicates, near-duplicates, entities linked to existing ones
(two article entities of one article on one KB entity), undated articles, deletes, and the
backfill of a KB made before the aggregates existed."""
import json
import sqlite3

import kbdocs
from kbdocs import Builder
from letopis.document import content_id
from letopis.store import aggregates, entity_reads, queries
from letopis.store.db import open_db
from letopis.store.migrations import MIGRATIONS, migrate
from letopis.store.writer import ingest

A1 = content_id(kbdocs.A1_TEXT)

EXTRA_TEXT = (
    "Токаев выступил перед послами\n"
    "Токаев напомнил послам о планах. К. Токаев, как и прежде, говорил о транзите. "
    "Президент Казахстана Касым-Жомарт Токаев выступил в Астане."
)


def extra():
    """Undated; two article entities ("Токаев", "К. Токаев") resolve to one KB person; an entity
    without mentions (Астана) and a mention without an entity."""
    b = Builder(EXTRA_TEXT, title=EXTRA_TEXT.split("\n")[0], source="corpus/extra.txt")
    b.mention("Токаев", "PER", "e1").mention("Токаев", "PER", "e1", nth=1)
    b.mention("К. Токаев", "PER", "e2").mention("Казахстана", "LOCORG", "e3", "Казахстан")
    b.mention("Касым-Жомарт Токаев", "PER", "e1").mention("Астане", "LOC", None, "Астана")
    b.entity("e1", "PER", "Касым-Жомарт Токаев", ["Токаев"], [b.role("Президент", "президент", country="e3")])
    b.entity("e2", "PER", "К. Токаев").entity("e3", "LOCORG", "Казахстан").entity("e4", "LOC", "Астана")
    return b.doc()


def tables(conn) -> dict[str, set]:
    return {t: {tuple(r) for r in conn.execute(f"SELECT * FROM {t}")} for t in aggregates.TABLES}


def kb_id(conn, name) -> int:
    return queries.candidates(conn, name)[0]["id"]


def test_aggregates_equal_a_recount_after_an_ingest(kb):
    assert aggregates.differences(kb) == {}
    tok = kb_id(kb, "Токаев")
    assert entity_reads.counts(kb, tok) == {"links": 5, "articles": 5, "mentions": 8}
    pairs = {(a, b): n for a, b, n in kb.execute("SELECT a, b, articles FROM entity_pairs")}
    assert all(pairs[(b, a)] == n and a != b for (a, b), n in pairs.items())
    assert pairs[(tok, kb_id(kb, "Казахстан"))] == 4


def test_duplicates_and_near_duplicates_change_no_count(kb):
    before = tables(kb)
    report = ingest(kb, kbdocs.corpus() + [kbdocs.article1(source="mirror/a1.txt"), kbdocs.article1b()])
    assert report.stored == 0 and report.duplicates + report.near_duplicates == 8
    assert tables(kb) == before and aggregates.differences(kb) == {}


def test_links_to_existing_entities_undated_articles_and_many_more(kb):
    ingest(kb, [extra(), *kbdocs.generated(30)])
    assert aggregates.differences(kb) == {}
    tok = kb_id(kb, "Токаев")
    assert entity_reads.counts(kb, tok) == {"links": 7, "articles": 6, "mentions": 12}
    assert entity_reads.timeline(kb, tok)[-1] == {"day": None, "articles": 1, "mentions": 4}
    undated = entity_reads.articles(kb, tok)[-1]  # newest first, undated last
    assert undated["day"] is None and [x["name"] for x in undated["links"]] == ["Касым-Жомарт Токаев", "К. Токаев"]
    astana = kb_id(kb, "Астана")
    assert entity_reads.counts(kb, astana) == {"links": 1, "articles": 1, "mentions": 0}
    assert entity_reads.timeline(kb, astana) == []


def test_deletes_take_the_article_back(kb):
    ingest(kb, [extra(), *kbdocs.generated(5)])
    kb.execute("DELETE FROM articles WHERE id = ?", (A1,))
    assert aggregates.differences(kb) == {}
    kb.execute("DELETE FROM articles WHERE id = ?", (content_id(EXTRA_TEXT),))
    assert aggregates.differences(kb) == {}
    role = entity_reads.roles(kb, kb_id(kb, "Токаев"))[0]
    assert (role["first_seen"], role["last_seen"], role["articles"]) == ("2024-06-03", "2024-06-15", 2)
    kb.execute("DELETE FROM articles")
    assert tables(kb) == {t: set() for t in aggregates.TABLES}


def test_rebuild_repairs_a_hand_edit(kb):
    kb.execute("UPDATE entity_stats SET mentions = mentions + 1")
    kb.execute("DELETE FROM entity_pairs WHERE a < b")
    assert set(aggregates.differences(kb)) == {"entity_stats", "entity_pairs"}
    aggregates.rebuild(kb)
    assert aggregates.differences(kb) == {}


def _as_before_0007(conn: sqlite3.Connection) -> None:
    """Undo migration 0007 on a KB: what a KB written by the previous release holds."""
    for t in aggregates.TABLES:
        conn.execute(f"DROP TABLE {t}")
    conn.execute("DROP TRIGGER entity_aggregates_delete")
    conn.execute("DROP INDEX kb_entities_norm_only")
    conn.execute("DROP INDEX entity_roles_article")
    conn.execute("DROP INDEX fact_args_kb_fact")
    conn.execute("CREATE INDEX fact_args_kb ON fact_args(kb_entity_id)")
    conn.execute("DELETE FROM migrations WHERE name = '0007_entity_aggregates'")


def test_the_migration_backfills_an_existing_kb(tmp_path):
    path = tmp_path / "old.db"
    c = open_db(path)
    ingest(c, kbdocs.corpus() + [extra()])
    want = tables(c)
    _as_before_0007(c)
    c.close()
    c = open_db(path)  # opening migrates
    assert tables(c) == want and aggregates.differences(c) == {}
    assert [m.name for m in MIGRATIONS][-1] == "0007_entity_aggregates" and migrate(c) == []
    indexes = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"kb_entities_norm_only", "fact_args_kb_fact", "entity_roles_article"} <= indexes
    assert "fact_args_kb" not in indexes


def test_reads_equal_the_raw_row_queries(kb):
    """The aggregate reads give what the former queries over the raw rows gave."""
    ingest(kb, [extra()])
    for (kid,) in kb.execute("SELECT id FROM kb_entities").fetchall():
        timeline = [dict(r) for r in kb.execute(
            """SELECT a.day, count(DISTINCT m.article_id) AS articles, count(*) AS mentions
               FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.kb_entity_id = ?
               GROUP BY a.day ORDER BY a.day IS NULL, a.day""", (kid,))]
        assert entity_reads.timeline(kb, kid) == timeline
        co = [dict(r) for r in kb.execute(
            """SELECT e.id, e.name, e.type, count(DISTINCT o.article_id) AS articles FROM article_entities me
               JOIN article_entities o ON o.article_id = me.article_id AND o.kb_entity_id != me.kb_entity_id
               JOIN kb_entities e ON e.id = o.kb_entity_id WHERE me.kb_entity_id = ?
               GROUP BY e.id ORDER BY articles DESC, e.name, e.id""", (kid,))]
        assert entity_reads.co_mentions(kb, kid, 1000) == co
        assert [entity_reads.co_mentions(kb, kid, 2, i)[0] for i in range(0, len(co), 2)] == co[::2]
        roles = [dict(r) for r in kb.execute(
            """SELECT min(ro.post) AS post, o.name AS organization, c.name AS country, min(ro.qualifiers) AS qualifiers,
                      min(a.day) AS first_seen, max(a.day) AS last_seen, count(DISTINCT ro.article_id) AS articles
               FROM entity_roles ro JOIN articles a ON a.id = ro.article_id
               LEFT JOIN kb_entities o ON o.id = ro.organization_kb_id LEFT JOIN kb_entities c ON c.id = ro.country_kb_id
               WHERE ro.kb_entity_id = ? GROUP BY ro.post_norm, ro.organization_kb_id, ro.country_kb_id
               ORDER BY first_seen IS NULL, first_seen, post""", (kid,))]
        assert entity_reads.roles(kb, kid) == [{**r, "qualifiers": json.loads(r["qualifiers"])} for r in roles]
        links = kb.execute("SELECT count(*), count(DISTINCT article_id) FROM article_entities WHERE kb_entity_id = ?",
                           (kid,)).fetchone()
        n = entity_reads.counts(kb, kid)
        assert (n["links"], n["articles"]) == tuple(links)
        assert len(entity_reads.links(kb, kid, None)) == links[0]
    top = [dict(r) for r in kb.execute(
        """SELECT e.id, e.name, e.type, e.wikidata, count(DISTINCT ae.article_id) AS articles,
                  (SELECT count(*) FROM mentions m WHERE m.kb_entity_id = e.id) AS mentions
           FROM kb_entities e JOIN article_entities ae ON ae.kb_entity_id = e.id
           GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name, e.id""")]
    assert entity_reads.top(kb, 1000) == top and entity_reads.top_count(kb) == len(top)
    assert [entity_reads.top(kb, 3, i)[0] for i in range(0, len(top), 3)] == top[::3]
    assert entity_reads.top(kb, 1000, 0, "PER") == [t for t in top if t["type"] == "PER"]
