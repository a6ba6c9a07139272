"""The server-rendered pages (no browser): content, escaping, filters, errors as pages."""
from __future__ import annotations

import html
import re

import kbdata
import pytest

MEETING, VISIT, HOSTILE = (d.id for d in kbdata.documents())


def test_search_page_lists_and_filters(client):
    page = client.get("/").text
    assert page.count('class="article-link"') == 3
    page = client.get("/", params={"q": "зерно", "date_from": "2025-01-01", "etype": "PER", "ftype": "Meeting"}).text
    assert f'href="/articles/{MEETING}"' in page and f'href="/articles/{VISIT}"' not in page
    assert "<mark>зерна</mark>" in page
    assert 'value="PER" selected' in page and 'value="Meeting" selected' in page
    assert 'type="date" name="date_from" value="2025-01-01"' in page


def test_search_page_shows_entities_and_errors(client):
    page = client.get("/", params={"q": "Пашинян"}).text
    assert re.search(r'href="/entities/\d+">Никол Пашинян', page)
    page = client.get("/", params={"q": "зерно", "date_from": "вчера"})
    assert page.status_code == 200 and 'id="error-message"' in page.text and "date_from" in page.text
    assert 'id="error-message"' in client.get("/", params={"etype": "XXX"}).text


def test_article_page_highlights_quotes_facts_and_boilerplate(client):
    page = client.get(f"/articles/{MEETING}").text
    assert re.search(r'<a class="m m-PER" href="/entities/\d+" title="PER: Адылбек Касымалиев">Адылбек Касымалиев</a>', page)
    assert '<span class="lbl m-LOCORG">LOCORG</span>' in page or re.search(r'class="lbl m-LOCORG" href="/entities/\d+">LOCORG', page)
    assert '<span class="q">Мы рассчитываем удвоить взаимную торговлю за три года</span>' in page
    assert '<span class="lbl speaker">— Адылбек Касымалиев</span>' in page
    assert '<a class="fact-link" href="#s-2"><b>Meeting</b></a>' in page and 'id="s-2"' in page
    assert '<details class="dropped" id="dropped">' in page and "more-block" in page
    assert "Читайте также: &lt;b&gt;другое&lt;/b&gt;" in page


def test_article_page_escapes_everything(client):
    page = client.get(f"/articles/{HOSTILE}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>разметки" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page and "&lt;i&gt;site&lt;/i&gt;" in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == []  # the article page needs no script at all


def test_entity_page_has_roles_timeline_graph(client):
    eid = client.get("/api/entities", params={"q": "Касымалиев"}).json()["data"][0]["id"]
    page = client.get(f"/entities/{eid}").text
    assert "Премьер-министр" in page and "Киргизия" in page
    assert page.count('<rect class="bar"') == 2
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data  # tojson escapes markup inside the data block
    assert '<script src="/static/vendor/cytoscape.min.js"></script>' in page
    assert "&lt;b&gt;разметки&lt;/b&gt;" in page  # a quote holding markup, escaped


def test_map_page(client, monkeypatch):
    page = client.get("/map").text
    assert page.count('<g class="place') == 3 and "Бишкек" in page
    from letopis.api import readside

    monkeypatch.setattr(readside, "_gazetteer", lambda: None)
    page = client.get("/map").text
    assert "gazetteer" in page and '<g class="place' not in page and "<i>unknown</i>" in page


def test_paste_annotates_without_storing(client):
    assert 'id="paste-form"' in client.get("/paste").text
    before = client.get("/api/articles").json()["count"]
    page = client.post("/paste", data={"text": "Министр Иванов <script>alert(1)</script> заявил.", "title": "Т"})
    assert page.status_code == 200
    assert '<span class="m m-PER" title="PER: Иванов">Иванов</span>' in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text and "not stored" in page.text
    assert client.get("/api/articles").json()["count"] == before
    bad = client.post("/paste", data={"text": "ПУСТО"})
    assert bad.status_code == 422 and "no article text" in bad.text


@pytest.mark.parametrize("path, status", [("/articles/0000000000000000", 404), ("/articles/nothex", 422),
                                          ("/entities/424242", 404), ("/nowhere", 404)])
def test_errors_are_pages(client, path, status):
    r = client.get(path)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert 'id="error-message"' in r.text


def test_static_files_are_served_from_the_package(client):
    assert client.get("/static/app.css").status_code == 200
    js = client.get("/static/vendor/cytoscape.min.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert client.get("/static/vendor/cytoscape.LICENSE").status_code == 200
    assert client.get("/static/../api/app.py").status_code == 404
    assert client.get("/static/%2e%2e/%2e%2e/api/app.py").status_code == 404


def test_no_page_loads_anything_from_outside(client):
    eid = client.get("/api/entities").json()["data"][0]["id"]
    for path in ("/", f"/articles/{MEETING}", f"/entities/{eid}", "/map", "/paste", "/entities", "/docs"):
        page = client.get(path).text
        for attr in re.findall(r'(?:src|href)="([^"]*)"', page):
            assert not attr.startswith(("http:", "https:", "//")) or attr == "https://news.example/kg/1", (path, attr)
        assert html.unescape(page)  # decodes
