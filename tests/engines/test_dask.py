"""run_dask on a real local cluster: Parquet out, re-loaded equal to the one-process run."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

from engines_fakes import fake_pipeline, key  # noqa: E402
from letopis.document import Document  # noqa: E402
from letopis.engines.dask import run_dask  # noqa: E402
from letopis.engines.parquet import MANIFEST, TABLES, load_parquet, read_documents, read_items  # noqa: E402
from letopis.pipeline import Options  # noqa: E402
from letopis.readers.base import LetopisError, RawPage, ReadError  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
CORPUS_DIRS = [str(CORPUS / "txt"), str(CORPUS / "html")]



@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  env={"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}) as cluster:
        with distributed.Client(cluster) as c:
            yield c


@pytest.fixture(scope="module")
def corpus_run(client, tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet") / "out"
    report = run_dask(CORPUS_DIRS, None, out, Options(), shard_size=4, client=client)
    return out, report


def test_parquet_reloaded_equals_the_single_process_run(corpus_run, single_process):
    out, report = corpus_run
    docs = [d for d in single_process if isinstance(d, Document)]
    assert docs, "the pipeline produced no Document at all"
    assert report.shards == 4 and report.inputs == 14
    assert (report.articles, report.errors) == (len(docs), len(single_process) - len(docs))
    assert {d.id: d.to_json() for d in read_documents(out)} == {d.id: d.to_json() for d in docs}
    assert [key(x) for x in read_items(out)] == [key(x) for x in single_process]  # input order, errors in place


def test_flat_tables_carry_article_ids_and_exact_offsets(corpus_run, single_process):
    out, report = corpus_run
    single = [d for d in single_process if isinstance(d, Document)]
    docs = {d.id: d for d in single}
    tables = {name: pq.read_table(out / name).to_pylist() for name in TABLES}
    for name in ("mentions", "entities", "facts", "quotes", "amounts", "events"):
        assert len(tables[name]) == sum(len(getattr(d, name)) for d in single) == report.rows[name], name
    assert tables["mentions"] and tables["amounts"] and tables["facts"] and tables["quotes"]
    for name in ("mentions", "quotes", "amounts"):
        for row in tables[name]:
            assert docs[row["article_id"]].text[row["start"]:row["end"]] == row["text"]
    for row in tables["facts"]:
        assert isinstance(json.loads(row["args"]), list) and row["end"] > row["start"]
    amount = tables["amounts"][0]
    assert amount["value_float"] == float(amount["value"])
    articles = sorted(tables["articles"], key=lambda r: r["seq"])
    assert [r["article_id"] for r in articles] == list(docs)
    assert Document.from_json(json.loads(articles[0]["json"])) == single[0]
    assert len(tables["errors"]) == len(single_process) - len(single)
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["rows"]["articles"] == len(single) and manifest["shard_size"] == 4


def test_load_parquet_stores_what_a_direct_ingest_stores(corpus_run, single_process, tmp_path):
    from letopis.store.db import open_db
    from letopis.store.writer import ingest

    out, _ = corpus_run
    direct, via = open_db(tmp_path / "direct.db"), open_db(tmp_path / "parquet.db")
    want = ingest(direct, single_process)
    got = load_parquet(via, out)
    assert (got.stored, got.duplicates, got.near_duplicates, got.errors) == \
        (want.stored, want.duplicates, want.near_duplicates, want.errors)
    assert got.stored_ids == want.stored_ids
    query = "SELECT id, json FROM articles ORDER BY id"
    assert via.execute(query).fetchall() == direct.execute(query).fetchall()


def test_a_bad_input_in_a_shard_is_an_error_row_and_the_rest_goes_on(client, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(4):
        (src / f"0{i}_good.txt").write_text(f"Иван Петров приехал в Москву {i} марта.\n", encoding="utf-8")
    (src / "01b_binary.txt").write_bytes(b"\x00\x01\x02PNG\x00\xff" * 50)  # unreadable
    (src / "01c_empty.txt").write_text("   \n", encoding="utf-8")  # no article text
    (src / "02b_breaks.txt").write_text("Тут ЛОМАТЬ всё.\n", encoding="utf-8")  # a stage fails on it
    report = run_dask([str(src)], None, tmp_path / "out", Options(), shard_size=10, client=client,
                      pipeline_factory=fake_pipeline)
    assert report.shards == 1 and report.articles == 4 and report.errors == 3 and not report.failed_shards
    errors = {e["source"].rsplit("/", 1)[-1]: e["reason"] for e in pq.read_table(tmp_path / "out" / "errors").to_pylist()}
    assert sorted(errors) == ["01b_binary.txt", "01c_empty.txt", "02b_breaks.txt"]
    assert "stage fake failed" in errors["02b_breaks.txt"]
    items = list(read_items(tmp_path / "out"))  # errors come back at their input position
    assert [type(x).__name__ for x in items] == ["Document", "Document", "ReadError", "ReadError",
                                                 "Document", "ReadError", "Document"]
    mentions = pq.read_table(tmp_path / "out" / "mentions").to_pylist()
    assert len(mentions) == 4 * 3  # Иван, Петров, Москву in each good article


def test_an_existing_output_is_refused_unless_overwritten(corpus_run, client):
    out, _ = corpus_run
    pages = [RawPage("a.txt", "Иван Петров приехал в Москву.")]
    with pytest.raises(LetopisError, match="already holds"):
        run_dask([], None, out, Options(), client=client, items=pages, pipeline_factory=fake_pipeline)


def test_a_shard_that_kills_its_workers_is_retried_page_by_page(client, tmp_path):
    # last in this module: it kills (and the nanny restarts) the cluster's workers
    pages = [RawPage(f"p{i}.txt", f"Статья {i}. Иван Петров приехал в Москву {i} марта.") for i in range(12)]
    pages[2] = ReadError("unreadable.bin", "binary file")
    pages[7] = RawPage("killer.txt", "Тут УБИТЬ процесс.")
    report = run_dask([], None, tmp_path / "out", Options(), shard_size=6, client=client, items=pages,
                      pipeline_factory=fake_pipeline)
    assert report.articles == 10 and report.errors == 2 and report.failed_shards
    items = list(read_items(tmp_path / "out"))
    assert [x.source for x in items] == [p.source for p in pages]
    assert isinstance(items[7], ReadError) and "task failed" in items[7].reason
