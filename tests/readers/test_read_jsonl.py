"""JSON Lines: one article a line; a bad line is one error, the rest still read."""
from __future__ import annotations

import json

import pytest

from letopis.readers import RawPage, ReadError, read_sources
from letopis.readers.jsonl import NO_TEXT, read_line

ARTICLES = [
    {"id": "a1", "url": "https://vestnik.example/1", "title": "Мост откроют в мае",
     "published": "2024-04-02", "text": "Мост через реку Сура откроют в мае, сообщил мэр."},
    {"id": 2, "title": "Урожай", "text": "Фермеры области собрали рекордный урожай пшеницы."},
    {"id": "a3", "site": "Вестник Заречья", "text": "В Заречье открылась новая школа на 600 мест."},
]


def write_jsonl(path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_truncated_last_line(tmp_path):
    full = [json.dumps(a, ensure_ascii=False) for a in ARTICLES]
    cut = json.dumps(ARTICLES[0], ensure_ascii=False)[:40]
    path = write_jsonl(tmp_path / "feed.jsonl", [*full, cut])
    items = list(read_sources([path]))
    pages, errors = items[:3], items[3:]
    assert [p.content for p in pages] == [a["text"] for a in ARTICLES]
    assert [p.source for p in pages] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert len(errors) == 1 and isinstance(errors[0], ReadError)
    assert str(errors[0]).startswith(f"{path}:4: malformed JSON (Unterminated string")


def test_meta_from_the_line(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [json.dumps(a, ensure_ascii=False) for a in ARTICLES])
    first, second, third = read_sources([path])
    assert first.meta == {"id": "a1", "url": "https://vestnik.example/1", "title": "Мост откроют в мае",
                          "published": "2024-04-02", "format": "jsonl"}
    assert second.meta["id"] == "2"
    assert third.meta["site"] == "Вестник Заречья"


def test_malformed_line_names_line_and_column(tmp_path):
    good = json.dumps(ARTICLES[0], ensure_ascii=False)
    path = write_jsonl(tmp_path / "f.jsonl", [good] * 6 + ['{"id": "x" "text": "Текст"}', good])
    items = list(read_sources([path]))
    assert len(items) == 8
    assert str(items[6]) == f"{path}:7: malformed JSON (Expecting ',' delimiter at col 12)"
    assert isinstance(items[7], RawPage) and items[7].source == f"{path}:8"


def test_blank_lines_are_skipped_but_counted(tmp_path):
    line = json.dumps(ARTICLES[2], ensure_ascii=False)
    path = write_jsonl(tmp_path / "f.ndjson", ["", line, "   ", "", line])
    assert [p.source for p in read_sources([path])] == [f"{path}:2", f"{path}:5"]


@pytest.mark.parametrize(
    "line, reason",
    [
        ('{"id": "b", "title": "Без текста"}', NO_TEXT),
        ('{"id": "b", "text": "   "}', NO_TEXT),
        ('{"id": "b", "text": 17}', NO_TEXT),
        ("[1, 2, 3]", "expected a JSON object, got list"),
        ('"просто строка"', "expected a JSON object, got str"),
        ("[" * 100000, "malformed JSON (nested too deeply)"),
    ],
)
def test_bad_lines(line, reason):
    assert read_line(line, "f.jsonl:3") == ReadError("f.jsonl:3", reason)


def test_html_line_is_extracted():
    paragraphs = [
        "Губернатор области провёл совещание по подготовке к отопительному сезону и поручил проверить котельные.",
        "По его словам, все школы и больницы региона должны получить тепло не позднее первого октября.",
        "Глава района пообещал закончить ремонт теплотрассы на улице Садовой до конца августа.",
    ]
    html = ("<html><head><title>Отопление | Вестник</title></head><body><nav><a href='/'>Главная</a></nav><article>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>")
    line = json.dumps({"id": "h1", "title": "Совещание по отоплению", "url": "https://v.example/h1", "html": html},
                      ensure_ascii=False)
    result = read_line(line, "f.jsonl:1")
    assert isinstance(result, RawPage), result
    assert result.content.split("\n\n")[-3:] == paragraphs
    assert result.meta["title"] == "Совещание по отоплению"  # the line wins over the markup
    assert result.meta["url"] == "https://v.example/h1"


def test_letopis_output_object_reads_only_known_keys():
    text = "Президент провёл встречу с министром."
    obj = {"id": "0123456789abcdef", "title": "", "published": "2024-05-01", "place": "Казань",
           "text": text, "sentences": [{"start": 0, "end": len(text), "text": text}],
           "mentions": [], "entities": [], "version": "1.0"}
    result = read_line(json.dumps(obj, ensure_ascii=False), "out.jsonl:1")
    assert result.content == text
    assert result.meta == {"id": "0123456789abcdef", "published": "2024-05-01", "format": "jsonl"}


def test_line_separator_inside_a_string_does_not_split_the_line(tmp_path):
    text = "Первая часть\u2028вторая часть статьи о выставке."
    path = tmp_path / "f.jsonl"
    path.write_bytes(json.dumps({"text": text}, ensure_ascii=False).encode("utf-8") + b"\r\n")
    (page,) = read_sources([str(path)])
    assert page.content == text


def test_binary_jsonl_file(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"PK\x03\x04" + bytes(50))
    assert list(read_sources([str(path)])) == [ReadError(str(path), "binary file (looks like ZIP archive)")]


def test_a_jsonl_feed_larger_than_the_file_limit_is_streamed(tmp_path):
    import itertools

    from letopis.readers import base

    path = tmp_path / "feed.jsonl"
    line = json.dumps({"text": "Министр провел встречу с послом. " * 20}, ensure_ascii=False) + "\n"
    count = base.MAX_BYTES // len(line.encode("utf-8")) + 10
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(count):
            f.write(line)
    assert path.stat().st_size > base.MAX_BYTES
    items = read_sources([str(path)])
    first = list(itertools.islice(items, 3))  # lazily: nothing forces the whole file into memory
    assert all(isinstance(i, RawPage) for i in first)
    assert sum(1 for _ in items) + 3 == count
