"""`letopis extract` as a user runs it: outputs, bad inputs, exit codes, no tracebacks."""
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from letopis.cli.main import app
from letopis.schema import validate_article

ARTICLE = ("ГлавнаяЭкономика\n\nМинистр энергетики Алмасадам Саткалиев провел встречу с послом Франции\n\n"
           "г. Астана\n\nМинистр энергетики Казахстана Алмасадам Саткалиев провел встречу с послом Франции "
           "Сильвеном Гиогу, сообщает пресс-служба министерства.\n\nСтороны обсудили поставки урана.\n\n"
           "Еще новости\n\nBack to top button\n")

runner = CliRunner()


def run(*args):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture()
def article(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_json_output_validates_and_offsets_hold(article):
    r = run("extract", str(article), "--format", "json")
    assert r.exit_code == 0, r.output
    (doc,) = json.loads(r.stdout)
    validate_article(doc)
    assert "Еще новости" not in doc["text"] and "Back to top" not in doc["text"]
    for layer in ("sentences", "mentions", "quotes", "amounts"):
        for rec in doc[layer]:
            assert doc["text"][rec["start"]:rec["end"]] == rec["text"]


def test_jsonl_output_fed_back_loses_nothing(article, tmp_path):
    first = run("extract", str(article), "--format", "jsonl")
    again_in = tmp_path / "again.jsonl"
    again_in.write_text(first.stdout, encoding="utf-8")
    second = run("extract", str(again_in), "--format", "jsonl")
    a, b = json.loads(first.stdout), json.loads(second.stdout)
    assert a["text"] == b["text"] and a["title"] == b["title"] and a["id"] == b["id"]
    assert a["mentions"] == b["mentions"] and a["entities"] == b["entities"]


def test_text_summary_and_explain(article):
    r = run("extract", str(article), "--format", "text", "--explain")
    assert "Саткалиев" in r.stdout and "place: Астана" in r.stdout
    assert "Back to top button" in r.stderr  # the explain listing names what was dropped and why


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "noise.txt").write_bytes(bytes([0x00, 0x01, 0x02, 0x03, 0x1f, 0x7f]) * 50)
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Главная</a></nav></body></html>", encoding="utf-8")
    (tmp_path / "cut.jsonl").write_text('{"id": "1", "text": "Текст статьи."}\n{"id": "2", "text": "Обрыв', encoding="utf-8")
    (tmp_path / "emptydir").mkdir()
    return ["empty.txt", "image.png", "noise.txt", "nav.html", "cut.jsonl", "emptydir", "missing.txt"]


def test_each_bad_input_gets_one_line_and_the_batch_goes_on(tmp_path, article):
    names = _bad_inputs(tmp_path)
    r = run("extract", *[str(tmp_path / n) for n in names], str(article), "--format", "jsonl")
    assert r.exit_code == 0
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    for n in names:
        assert any(n in l for l in lines), (n, lines)
    assert "Traceback" not in r.stderr
    docs = [json.loads(l) for l in r.stdout.splitlines()]
    assert len(docs) == 2  # the good line of cut.jsonl and the article


def test_exit_status_nonzero_only_when_nothing_was_processed(tmp_path):
    names = _bad_inputs(tmp_path)
    r = run("extract", *[str(tmp_path / n) for n in names if n != "cut.jsonl"])
    assert r.exit_code == 1
    assert "nothing could be processed" in r.stderr


def test_real_process_on_stdin_has_no_traceback():
    proc = subprocess.run([sys.executable, "-m", "letopis", "extract", "-", "--format", "jsonl"],
                          input=b"\x89PNG\r\n\x1a\n\x00\x00\x00", capture_output=True, timeout=120)
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr and b"binary" in proc.stderr.lower()


def test_a_50_mb_text_file_gets_one_line_and_the_rest_goes_on(tmp_path, article):
    giant = tmp_path / "giant.txt"
    line = "Сотрудничество двух стран успешно развивается в газовой и транспортной сферах.\n"
    with open(giant, "w", encoding="utf-8") as f:
        f.write(line * (50 * 1024 * 1024 // len(line.encode("utf-8")) + 1))
    assert giant.stat().st_size >= 50 * 1024 * 1024
    r = run("extract", str(giant), str(article), "--format", "jsonl")
    assert r.exit_code == 0
    (err,) = [l for l in r.stderr.splitlines() if l.strip()]
    assert "giant.txt" in err and "too long" in err
    assert len(r.stdout.splitlines()) == 1
