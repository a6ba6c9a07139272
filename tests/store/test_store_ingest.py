import dataclasses
import json
from decimal import Decimal

import kbdocs
from letopis.document import Amount, Document, content_id
from letopis.readers.base import ReadError
from letopis.store import minhash
from letopis.store.db import open_db
from letopis.store.writer import ingest


def test_ingest_reports_and_stores_every_layer(conn):
    report = ingest(conn, kbdocs.corpus())
    assert (report.stored, report.duplicates, report.near_duplicates, report.errors) == (5, 0, 1, 0)
    assert report.summary() == "stored 5 new, 1 duplicates, 0 errors"
    c = kbdocs.counts(conn)
    assert c["articles"] == 5 and c["sources"] == 6
    assert c["quotes"] == 4 and c["amounts"] == 5 and c["events"] == 1 and c["facts"] == 6


def test_reingest_adds_nothing(conn):
    ingest(conn, kbdocs.corpus())
    before = kbdocs.counts(conn)
    report = ingest(conn, kbdocs.corpus())
    assert (report.stored, report.duplicates + report.near_duplicates, report.sources_added) == (0, 6, 0)
    assert kbdocs.counts(conn) == before


def test_same_text_from_another_source_adds_a_source_only(conn):
    ingest(conn, [kbdocs.article2()])
    copy = dataclasses.replace(kbdocs.article2(), source="mirror/a2.html", url="https://mirror.example/a2")
    report = ingest(conn, [copy])
    assert (report.stored, report.duplicates, report.sources_added) == (0, 1, 1)
    rows = conn.execute("SELECT source, similarity FROM sources ORDER BY source").fetchall()
    assert [tuple(r) for r in rows] == [("corpus/a2.txt", 1.0), ("mirror/a2.html", 1.0)]


def test_near_duplicate_is_stored_once_with_both_sources(conn):
    a1, a1b = kbdocs.article1(), kbdocs.article1b()
    report = ingest(conn, [a1, a1b])
    assert (report.stored, report.near_duplicates) == (1, 1)
    rows = conn.execute("SELECT article_id, source, site, variant_id, similarity FROM sources ORDER BY source").fetchall()
    assert {r["article_id"] for r in rows} == {content_id(a1.text)}
    assert [r["site"] for r in rows] == ["kazinform.example", "tengrinews.example"]
    assert rows[1]["variant_id"] == content_id(a1b.text)
    assert minhash.NEAR_DUPLICATE_JACCARD <= rows[1]["similarity"] < 1
    # the variant seen again is recognized without a new row
    assert ingest(conn, [a1b]).near_duplicates == 1
    assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 2


def test_follow_up_story_is_not_a_near_duplicate(conn):
    report = ingest(conn, [kbdocs.article1(), kbdocs.article5()])
    assert report.stored == 2


def test_threshold_calibration_separates_rewrites_from_other_stories():
    docs = kbdocs.corpus()
    sh = [minhash.shingles(minhash.body(d.text, d.title)) for d in docs]
    same_story = minhash.jaccard(sh[0], sh[1])
    others = [minhash.jaccard(sh[i], sh[j]) for i in range(len(sh)) for j in range(i + 1, len(sh)) if (i, j) != (0, 1)]
    assert same_story >= minhash.NEAR_DUPLICATE_JACCARD > max(others) + 0.3
    # LSH proposes the pair: some band agrees
    s0, s1 = (minhash.signature(s) for s in sh[:2])
    assert set(minhash.bands(s0)) & set(minhash.bands(s1))


def test_numpy_and_python_signatures_agree():
    sh = minhash.shingles(kbdocs.A1_TEXT)
    assert minhash.signature(sh) == minhash.signature(sh, use_numpy=False)


def test_errors_are_reported_and_the_batch_goes_on(conn):
    good = kbdocs.article3()
    bad = Document(id="x", text="Короткий текст.", source="bad.txt",
                   amounts=(Amount(start=0, end=5, text="Длинн", value=Decimal(1)),))
    seen = []
    report = ingest(conn, [ReadError("missing.txt", "no such file"), bad, good], on_result=seen.append)
    assert (report.stored, report.errors) == (1, 2)
    assert report.error_lines[0] == "missing.txt: no such file"
    assert report.error_lines[1].startswith("bad.txt: refused, bad offsets: amounts[0]")
    assert [o.status for o in seen] == ["error", "error", "stored"]


def test_document_json_round_trip_and_exact_amounts(kb):
    doc = kbdocs.article2()
    (raw,) = kb.execute("SELECT json FROM articles WHERE id = ?", (content_id(doc.text),)).fetchone()
    assert Document.from_json(json.loads(raw)) == doc
    values = [r[0] for r in kb.execute("SELECT value FROM amounts ORDER BY value")]
    assert "1200000000" in values and all(isinstance(v, str) for v in values)
    small = dataclasses.replace(kbdocs.article3(), amounts=(Amount(start=0, end=8, text="Компания",
                                                                   value=Decimal("0.10"), kind="count"),))
    c = open_db(":memory:")
    ingest(c, [small])
    assert c.execute("SELECT value FROM amounts").fetchone()[0] == "0.10"


def test_on_stored_runs_after_commit(tmp_path):
    path = tmp_path / "kb.db"
    c = open_db(path)
    other = open_db(path)
    visible = []

    def check(outcome):
        row = other.execute("SELECT 1 FROM articles WHERE id = ?", (outcome.article_id,)).fetchone()
        visible.append(row is not None)

    ingest(c, kbdocs.corpus(), on_stored=check)
    assert visible == [True] * 5


def test_sentences_without_a_layer_fall_back_to_splitting(kb):
    doc = kbdocs.article3()
    assert doc.sentences == ()
    rows = kb.execute('SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', (content_id(doc.text),))
    spans = [doc.text[s:e] for s, e in rows]
    assert spans[0] == "Компания «Энергострой» начнет строительство электростанции"
    assert "По словам Петра Иванова, проект обойдется в 300 миллионов долларов." in spans


def test_offsets_in_tables_point_into_the_text(kb):
    for table in ("mentions", "quotes", "amounts", "facts"):
        for r in kb.execute(f'SELECT t.start, t."end", t.text, a.text AS article FROM {table} t JOIN articles a ON a.id = t.article_id'):
            assert r["article"][r["start"]:r["end"]] == r["text"], table
