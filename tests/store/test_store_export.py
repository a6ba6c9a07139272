import csv
import json
import sys

import pytest

import kbdocs
from letopis.document import content_id
from letopis.store.errors import ExportError
from letopis.store.export import COLUMNS, TABLES, export, gdelt_events, gkg

A1, A2 = content_id(kbdocs.A1_TEXT), content_id(kbdocs.A2_TEXT)


def test_jsonl_export_of_every_table(kb, tmp_path):
    paths = export(kb, "jsonl", None, tmp_path)
    assert sorted(p.stem for p in paths) == sorted(TABLES)
    articles = [json.loads(line) for line in (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(articles) == 5 and {a["id"] for a in articles} >= {A1, A2}
    amounts = [json.loads(line) for line in (tmp_path / "amounts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(isinstance(a["value"], str) for a in amounts)


def test_csv_export_has_documented_columns(kb, tmp_path):
    export(kb, "csv", ["gdelt_events", "gkg", "quotes"], tmp_path)
    for table in ("gdelt_events", "gkg"):
        with open(tmp_path / f"{table}.csv", encoding="utf-8") as f:
            assert next(csv.reader(f)) == list(COLUMNS[table])


def test_gdelt_events(kb):
    rows = list(gdelt_events(kb))
    ev = next(r for r in rows if r["EventCode"] == "043")
    assert (ev["Actor1Name"], ev["Actor1CountryCode"], ev["Actor2Name"], ev["Actor2CountryCode"]) == (
        "Касым-Жомарт Токаев", "KAZ", "Сердар Бердымухамедов", "TKM")
    assert ev["Day"] == 20240512 and ev["SOURCEURL"] == "https://kazinform.example/news/1"
    assert kbdocs.A1_TEXT[ev["start"]:ev["end"]] == "провел неформальную встречу"
    assert not any(r["EventCode"] == "040" and r["article_id"] == A1 for r in rows)  # covered by the 043 event
    talks = [r for r in rows if r["article_id"] == A2]
    assert len(talks) == 3 and {r["EventCode"] for r in talks} == {"040"}  # 3 participants -> 3 pairs
    assert {(r["Actor1CountryCode"], r["Actor2CountryCode"]) for r in talks} >= {("KAZ", "UZB")}
    assert len({r["GlobalEventID"] for r in rows}) == len(rows)
    assert [r["GlobalEventID"] for r in gdelt_events(kb)] == [r["GlobalEventID"] for r in rows]


def test_gkg(kb):
    rows = {r["article_id"]: r for r in gkg(kb)}
    r = rows[A1]
    assert r["GKGRECORDID"] == f"20240512000000-{A1}" and r["SourceCommonName"] == "kazinform.example"
    assert "Касым-Жомарт Токаев," in r["V2Persons"] and "КазМунайГаз," in r["V2Organizations"]
    assert "1#Казахстан#KAZ#" in r["V2Locations"]
    assert "FACT_MEETING," in r["V2Themes"] and "CAMEO_043," in r["V2Themes"]
    assert r["Amounts"].startswith("523400000,USD товарооборот,")
    offset, length, verb, quote, speaker = r["Quotations"].split("|")
    assert kbdocs.A1_TEXT[int(offset):int(offset) + int(length)] == quote
    assert (verb, speaker) == ("заявить", "Касым-Жомарт Токаев")
    for name_offset in r["V2Persons"].split(";"):
        name, offset = name_offset.rsplit(",", 1)
        assert kbdocs.A1_TEXT[int(offset):].split()[0].rstrip(",.")[:3] in name
    assert rows[A2]["DATE"] == "20240603101500"


def test_parquet_export(kb, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    export(kb, "parquet", ["gkg", "amounts"], tmp_path)
    table = pq.read_table(tmp_path / "gkg.parquet")
    assert table.column_names == list(COLUMNS["gkg"]) and table.num_rows == 5


def test_parquet_without_pyarrow_says_what_to_install(kb, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ExportError, match=r"pip install letopis\[scale\]"):
        export(kb, "parquet", ["gkg"], tmp_path)


def test_unknown_table_and_format(kb, tmp_path):
    with pytest.raises(ExportError, match="unknown table 'sqlite_master'"):
        export(kb, "jsonl", ["sqlite_master"], tmp_path)
    with pytest.raises(ExportError, match="unknown export format"):
        export(kb, "xml", None, tmp_path)


def test_columns_are_documented():
    for table, columns in COLUMNS.items():
        assert all(isinstance(doc, str) and len(doc) > 10 for doc in columns.values()), table
