"""The dispatcher: paths, directories, stdin; every user problem a ReadError."""
from __future__ import annotations

import io
import json
import sys

import pytest

from letopis.readers import RawPage, ReadError, read_sources
from letopis.readers import base, source
from letopis.readers.source import NO_FILES, sniff

TEXT = "Мэр Казани открыл новый мост через реку. Движение по нему начнётся в понедельник."
HTML_PARAGRAPHS = [
    "Министр образования посетил новую школу в Заречье и осмотрел классы и спортивный зал.",
    "По словам министра, в следующем году в области построят ещё четыре школы на тысячу мест.",
    "Директор школы рассказала, что учебный год начнётся для шестисот учеников первого сентября.",
]
HTML = (
    "<!DOCTYPE html><html><head><title>Школа | Вестник</title></head><body>"
    "<nav><a href='/'>Главная</a> <a href='/edu'>Образование</a></nav><article>"
    + "".join(f"<p>{p}</p>" for p in HTML_PARAGRAPHS)
    + "</article><footer>© Вестник</footer></body></html>"
)
JSONL = "\n".join(json.dumps({"id": str(i), "text": f"Новость номер {i} о погоде."}, ensure_ascii=False)
                  for i in range(3))


def test_missing_path(tmp_path):
    path = str(tmp_path / "nope.txt")
    assert list(read_sources([path])) == [ReadError(path, "no such file or directory")]


def test_path_under_a_file(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    path = str(tmp_path / "a.txt" / "b.txt")
    (error,) = read_sources([path])
    assert isinstance(error, ReadError) and error.reason.startswith("no such file or directory")


def test_empty_directory(tmp_path):
    assert list(read_sources([str(tmp_path)])) == [ReadError(str(tmp_path), NO_FILES)]
    assert str(ReadError(str(tmp_path), NO_FILES)).endswith(
        ": directory has no readable files (.txt, .html, .htm, .jsonl)")


def test_directory_with_only_a_png_and_hidden_files(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / ".notes.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text(TEXT, encoding="utf-8")
    assert list(read_sources([str(tmp_path)])) == [ReadError(str(tmp_path), NO_FILES)]


def test_explicitly_named_png_is_a_binary_error(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert list(read_sources([str(path)])) == [ReadError(str(path), "binary file (looks like PNG image)")]


def test_directory_recursive_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner").mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b" / "z.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "b" / "inner" / "c.txt").write_bytes(TEXT.encode("koi8-r"))
    (tmp_path / "b" / "feed.jsonl").write_text(JSONL, encoding="utf-8")
    (tmp_path / "b" / "logo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    (tmp_path / "b" / "style.css").write_text("body { color: red }", encoding="utf-8")
    (tmp_path / "c-notes").write_text(TEXT, encoding="utf-8")  # no extension: sniffed as text
    items = list(read_sources([str(tmp_path)]))
    assert all(isinstance(i, RawPage) for i in items), items
    root = str(tmp_path)
    assert [i.source for i in items] == [
        f"{root}/a.txt",
        f"{root}/b/feed.jsonl:1", f"{root}/b/feed.jsonl:2", f"{root}/b/feed.jsonl:3",
        f"{root}/b/inner/c.txt",
        f"{root}/b/z.html",
        f"{root}/c-notes",
    ]
    assert items[4].content == TEXT
    assert items[5].content.split("\n\n")[-3:] == HTML_PARAGRAPHS


def test_several_paths_in_order(tmp_path):
    (tmp_path / "one.txt").write_text("Первая новость дня.", encoding="utf-8")
    (tmp_path / "two.md").write_text("Вторая новость дня.", encoding="utf-8")
    items = list(read_sources([str(tmp_path / "two.md"), str(tmp_path / "missing"), str(tmp_path / "one.txt")]))
    assert [type(i).__name__ for i in items] == ["RawPage", "ReadError", "RawPage"]
    assert items[0].content == "Вторая новость дня."


@pytest.mark.parametrize("content, kind", [(HTML, "html"), (JSONL, "jsonl"), (TEXT, "text"),
                                           ("<это не разметка> а текст", "text")])
def test_unknown_extension_is_sniffed(tmp_path, content, kind):
    assert sniff(content.encode("utf-8")) == kind
    assert sniff(content.encode("utf-16")) == kind
    path = tmp_path / "article.dat"
    path.write_text(content, encoding="utf-8")
    items = list(read_sources([str(path)]))
    assert all(isinstance(i, RawPage) for i in items), items
    assert len(items) == (3 if kind == "jsonl" else 1)


@pytest.mark.parametrize("encoding, detected", [("cp1251", "cp1251"), ("utf-16", "utf-16-le"), ("utf-8", "utf-8")])
def test_stdin_text(encoding, detected):
    assert list(read_sources(["-"], stdin=io.BytesIO(TEXT.encode(encoding)))) == [
        RawPage("-", TEXT, "text", {"format": "text", "encoding": detected})]


def test_stdin_html():
    (page,) = read_sources(["-"], stdin=io.BytesIO(HTML.encode("utf-8")))
    assert page.source == "-" and page.meta["format"] == "html"
    assert page.content.split("\n\n")[-3:] == HTML_PARAGRAPHS


def test_stdin_jsonl():
    items = list(read_sources(["-"], stdin=io.BytesIO(JSONL.encode("utf-8"))))
    assert [(i.source, i.content) for i in items] == [(f"-:{n + 1}", f"Новость номер {n} о погоде.") for n in range(3)]


def test_stdin_text_stream_and_default(monkeypatch):
    (page,) = read_sources(["-"], stdin=io.StringIO(TEXT))
    assert page.content == TEXT
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("koi8-r"))))
    (page,) = read_sources(["-"])
    assert page.content == TEXT and page.source == "-"


def test_stdin_empty():
    assert list(read_sources(["-"], stdin=io.BytesIO(b""))) == [ReadError("-", "empty file")]


def test_stdin_too_large(monkeypatch):
    monkeypatch.setattr(base, "MAX_BYTES", 100)
    (error,) = read_sources(["-"], stdin=io.BytesIO(b"x" * 101))
    assert error.reason == "input too large (more than 0.1 MB)"


def test_file_too_large(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(80 * 2**20)  # sparse: no 80 MB written to disk
    assert list(read_sources([str(path)])) == [ReadError(str(path), "file too large (80 MB > 64 MB)")]


def test_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(source, "open", refuse, raising=False)  # as root, chmod would not stop us
    assert list(read_sources([str(path)])) == [ReadError(str(path), "permission denied")]


def test_unreadable_subdirectory(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    real_walk = source.os.walk

    def walk(top, onerror=None, **kwargs):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, onerror=onerror, **kwargs)

    monkeypatch.setattr(source.os, "walk", walk)
    items = list(read_sources([str(tmp_path)]))
    assert items[0] == ReadError(str(tmp_path / "locked"), "permission denied")
    assert isinstance(items[1], RawPage)
