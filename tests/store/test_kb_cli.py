import json
import sqlite3
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kbdocs
import letopis
from letopis.cli import kb_commands
from letopis.document import content_id
from letopis.cli.main import app
from letopis.readers.base import ReadError

runner = CliRunner()


@pytest.fixture()
def fake_pipeline(monkeypatch):
    """letopis.pipeline replaced by one that yields the hand-made corpus and one read error."""
    module = types.ModuleType("letopis.pipeline")

    @dataclass(frozen=True)
    class Options:
        workers: int = 1

    class PipelineError(Exception):
        pass

    calls = []

    def process_sources(paths, options=Options()):
        calls.append((paths, options))
        yield from kbdocs.corpus()
        yield ReadError("corpus/broken.html", "cannot decode (not UTF-8, cp1251 or KOI8-R)")
        for path in paths:  # what a reader says about the database's own files in the folder
            if Path(path).is_dir():
                for f in sorted(Path(path).glob("letopis.db*")):
                    yield ReadError(str(f), "binary file (contains NUL bytes)")

    module.Options, module.PipelineError, module.process_sources = Options, PipelineError, process_sources
    monkeypatch.setitem(sys.modules, "letopis.pipeline", module)
    monkeypatch.setattr(letopis, "pipeline", module, raising=False)
    return calls


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_ingest_twice(tmp_path, fake_pipeline):
    db = tmp_path / "letopis.db"
    r = run("ingest", "corpus", "--db", db)
    assert r.exit_code == 0, r.output
    assert r.stdout.strip().endswith("stored 5 new, 1 duplicates, 1 errors")
    assert r.stderr.strip() == "corpus/broken.html: cannot decode (not UTF-8, cp1251 or KOI8-R)"
    assert fake_pipeline[0][0] == ["corpus"]
    r = run("ingest", "corpus", "--db", db)
    assert r.stdout.strip().endswith("stored 0 new, 6 duplicates, 1 errors")


def test_ingest_with_two_real_workers_then_again(tmp_path):
    """The real pipeline in two worker processes; the second run adds nothing."""
    repo = Path(__file__).resolve().parents[2]
    pages = [str(repo / "corpus" / "txt" / name) for name in ("01_tokaev_mirziyoyev_talks.txt", "02_lavrov_fidan_call.txt")]
    db = tmp_path / "letopis.db"
    r = run("ingest", *pages, "--db", db, "--workers", 2)
    assert r.exit_code == 0, r.output
    assert r.stdout.strip().endswith("stored 2 new, 0 duplicates, 0 errors")
    r = run("ingest", *pages, "--db", db)
    assert r.stdout.strip().endswith("stored 0 new, 2 duplicates, 0 errors")
    one = tmp_path / "one.db"  # the workers send no token layer back: what is stored is the same
    assert run("ingest", *pages, "--db", one).exit_code == 0

    def stored(path):
        with sqlite3.connect(path) as conn:
            return conn.execute("SELECT doc_id, json FROM articles ORDER BY doc_id").fetchall()

    assert stored(db) == stored(one) and len(stored(one)) == 2


@pytest.mark.parametrize("args", [
    ["search", "газ"], ["search", "газ", "--from", "2024-06-01", "--type", "Meeting", "--limit", "5"],
    ["entity", "Токаев"], ["entity", "Токаева", "--explain"], ["meetings"], ["meetings", "--with", "Токаев"],
    ["meetings", "--between", "Казахстан", "Туркменистан"], ["quotes"], ["quotes", "--speaker", "Токаев"],
    ["quotes", "--about", "торговля"], ["facts"], ["facts", "--type", "Meeting"], ["amounts"],
    ["amounts", "--about", "товарооборот"], ["stats"], ["chronicle"],
])
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_read_commands(kb_file, args, fmt):
    r = run(*args, "--db", kb_file, "--format", fmt)
    assert r.exit_code == 0, r.output
    assert r.stdout.strip()
    if fmt == "json":
        json.loads(r.stdout)


def test_outputs_carry_the_data(kb_file):
    r = run("meetings", "--between", "Казахстан", "Туркменистан", "--db", kb_file, "--format", "json")
    assert [m["place"] for m in json.loads(r.stdout)] == ["Туркестан", None]
    r = run("entity", "Токаев", "--explain", "--db", kb_file, "--format", "json")
    assert "surname 'Токаев' + initial К." in {link["reason"] for link in json.loads(r.stdout)["links"]}
    r = run("entity", "Токаев", "--explain", "--db", kb_file)
    flat = "".join(r.stdout.split())  # lines wrap at the terminal width
    assert "whythesearticlesareaboutthisentity" in flat
    assert f"[{content_id(kbdocs.A1_TEXT)}:111-225]" in flat  # offsets in brackets are not read as markup
    r = run("search", "газ", "--db", kb_file, "--format", "json")
    assert any("**газовой**" in s["highlight"] for a in json.loads(r.stdout) for s in a["snippets"])


def test_ingest_of_the_folder_holding_the_database_skips_its_files(tmp_path, fake_pipeline, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        r = run("ingest", ".")
        assert r.exit_code == 0 and "letopis.db" not in r.stderr, r.output
    assert r.stdout.strip().endswith("stored 0 new, 6 duplicates, 1 errors")


def test_missing_database_is_one_line(tmp_path):
    for cmd in (["search", "газ"], ["entity", "Токаев"], ["stats"], ["chronicle"], ["export"]):
        r = run(*cmd, "--db", tmp_path / "letopis.db")
        assert r.exit_code == 1
        assert r.stderr == f"{tmp_path / 'letopis.db'}: no such database (run letopis ingest first)\n"
    assert not (tmp_path / "letopis.db").exists()


def test_default_db_name_in_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("stats")
    assert r.exit_code == 1 and r.stderr == "letopis.db: no such database (run letopis ingest first)\n"


@pytest.mark.parametrize("args", [
    ["search", ""], ["search", "x" * 10_000], ["search", '"'], ["search", "газ", "--from", "вчера"],
    ["entity", "Нектоевич"], ["meetings", "--with", "Атлантида"], ["quotes", "--speaker", "'; DROP TABLE articles; --"],
    ["search", "газ", "--limit", "0"], ["export", "--table", "sqlite_master"],
])
def test_user_errors_exit_1_without_traceback(kb_file, args):
    r = run(*args, "--db", kb_file)
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output and len(r.stderr.strip().splitlines()) == 1


def test_not_a_database(tmp_path):
    bad = tmp_path / "letopis.db"
    bad.write_text("this is not sqlite " * 100)
    r = run("stats", "--db", bad)
    assert r.exit_code == 1 and "not a usable letopis database" in r.stderr and "Traceback" not in r.output


def test_export_command(kb_file, tmp_path):
    r = run("export", "--format", "csv", "--table", "gkg", "--table", "gdelt_events", "-o", tmp_path / "out", "--db", kb_file)
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["gdelt_events.csv", "gkg.csv"]


def test_every_command_has_help():
    for name, fn in kb_commands.COMMANDS.items():
        assert fn.__doc__ and fn.__doc__.strip(), name
        r = run(name, "--help")
        assert r.exit_code == 0 and "--db" in r.stdout, name
