"""HTML pages: main text through trafilatura, metadata, no network, no crash."""
from __future__ import annotations

import socket

import pytest

from letopis.readers import RawPage, ReadError, read_sources
from letopis.readers.html import NO_TEXT, read_html, read_html_bytes

PARAGRAPHS = [
    "Во вторник совет директоров завода «Северный металл» утвердил план развития "
    "на ближайшие пять лет. Об этом сообщила пресс-служба предприятия.",
    "Генеральный директор Иван Петрович Сомов заявил, что компания вложит в "
    "модернизацию цехов около трёх миллиардов рублей и наймёт двести рабочих.",
    "Первые работы начнутся уже летом, а новая линия проката должна заработать "
    "к концу следующего года, отметили в компании.",
]


def page(charset: str = "utf-8", body_extra: str = "") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="{charset}">
<title>Совет директоров утвердил план | Вестник Заречья</title>
<meta property="og:title" content="Совет директоров утвердил план">
<meta property="og:site_name" content="Вестник Заречья">
<meta property="article:published_time" content="2024-03-15T10:30:00+03:00">
<link rel="canonical" href="https://vestnik.example/news/plan">
</head><body>
<nav><ul><li><a href="/">Главная</a></li><li><a href="/econ">Экономика</a></li>
<li><a href="/sport">Спорт</a></li></ul></nav>
<div class="subscribe">Подписаться на рассылку новостей</div>
<article>{paragraphs}{body_extra}</article>
<aside><h3>Читайте также</h3><ul><li><a href="/a">Мост откроют в мае</a></li></ul></aside>
<footer><p>© 2024 Вестник Заречья. Все права защищены.</p><a href="/about">О редакции</a></footer>
</body></html>"""


NAV_ONLY = """<html><head><title>Вестник Заречья</title></head><body>
<nav><a href="/">Главная</a> <a href="/world">Мир</a> <a href="/econ">Экономика</a></nav>
</body></html>"""


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the HTML reader tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_main_text_and_metadata(no_network):
    result = read_html(page(), "news.html")
    assert isinstance(result, RawPage), result
    assert result.kind == "text"
    paragraphs = result.content.split("\n\n")
    for p in PARAGRAPHS:
        assert p in paragraphs
    for furniture in ["Главная", "Спорт", "Подписаться", "Все права защищены", "О редакции"]:
        assert furniture not in result.content
    assert result.meta == {
        "title": "Совет директоров утвердил план",
        "published": "2024-03-15",
        "site": "Вестник Заречья",
        "url": "https://vestnik.example/news/plan",
        "format": "html",
    }


def test_line_break_inside_a_paragraph_stays_a_single_newline(no_network):
    extra = "<p>Строка первая, в ней говорится о мосте через реку.<br>Строка вторая о сроках.</p>"
    result = read_html(page(body_extra=extra), "news.html")
    assert "Строка первая, в ней говорится о мосте через реку.\nСтрока вторая о сроках." in result.content.split("\n\n")


def test_url_given_by_the_caller_is_kept_without_canonical(no_network):
    html = page().replace('<link rel="canonical" href="https://vestnik.example/news/plan">', "")
    result = read_html(html, "news.html", url="https://vestnik.example/plan?id=7")
    assert result.meta["url"] == "https://vestnik.example/plan?id=7"


def test_nav_only_page_is_an_error(no_network):
    assert read_html(NAV_ONLY, "nav.html") == ReadError("nav.html", NO_TEXT)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<",
        "<<<>>>",
        "<html><body><p>Абзац без закрытия <div><p>ещё один",
        "<html><body>" + "<div>" * 3000 + "глубоко" + "</div>" * 3000,
        "\x00\x01\x02",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>Тест</p></body></html>",
        "<html><body><p>" + "Длинная строка. " * 5000,
        "<script>var a = '<p>';</script><p>Текст",
    ],
)
def test_malformed_html_does_not_crash(html, no_network):
    assert isinstance(read_html(html, "bad.html"), (RawPage, ReadError))


@pytest.mark.parametrize("encoding, declared", [("cp1251", "windows-1251"), ("koi8-r", "koi8-r"), ("utf-8", "utf-8")])
def test_html_file_in_declared_charset(tmp_path, encoding, declared):
    path = tmp_path / "news.html"
    path.write_bytes(page(charset=declared).encode(encoding, errors="replace"))
    (result,) = read_sources([str(path)])
    assert isinstance(result, RawPage), result
    assert PARAGRAPHS[1] in result.content


def test_html_misdeclared_as_cp1251_but_utf8():
    result = read_html_bytes(page(charset="windows-1251").encode("utf-8"), "news.html")
    assert PARAGRAPHS[0] in result.content


def test_html_without_charset_is_detected():
    html = page().replace('<meta charset="utf-8">', "")
    result = read_html_bytes(html.encode("cp1251"), "news.html")
    assert PARAGRAPHS[2] in result.content


def test_binary_named_html():
    result = read_html_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100), "a.html")
    assert result == ReadError("a.html", "binary file (looks like PNG image)")
