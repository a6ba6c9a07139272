"""The read endpoints: lists {data, count}, filters, one article, entities, errors as {"error"}."""
from __future__ import annotations

import kbdata
import pytest

MEETING, VISIT, HOSTILE = (d.id for d in kbdata.documents())


def test_articles_list_is_paged_newest_first(client):
    r = client.get("/api/articles")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"data", "count", "limit", "offset"}
    assert body["count"] == 3
    assert [a["id"] for a in body["data"]] == [HOSTILE, VISIT, MEETING]
    page = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()
    assert page["count"] == 3 and [a["id"] for a in page["data"]] == [VISIT]
    assert client.get("/api/articles", params={"offset": 10}).json() == {"data": [], "count": 3, "limit": 50, "offset": 10}


@pytest.mark.parametrize("params, ids", [
    ({"date_from": "2025-04"}, {VISIT, HOSTILE}),
    ({"date_to": "2025-04-02"}, {MEETING, VISIT}),
    ({"date_from": "2025-03-01", "date_to": "2025-03"}, {MEETING}),
    ({"type": "Meeting"}, {MEETING}),
    ({"type": "ORG"}, {VISIT}),
    ({"type": ["ORG", "Meeting"]}, {MEETING, VISIT}),
])
def test_articles_filters(client, params, ids):
    body = client.get("/api/articles", params=params).json()
    assert {a["id"] for a in body["data"]} == ids and body["count"] == len(ids)


def test_search_finds_word_forms_with_snippets(client):
    body = client.get("/api/articles/search", params={"q": "зерно"}).json()
    assert body["count"] == 1
    (hit,) = body["data"]
    assert hit["id"] == MEETING
    snippet = hit["snippets"][0]
    s, e = snippet["matches"][0]
    assert kbdata.MEETING_TEXT[s:e] == "зерна"


def test_search_total_and_paging_agree(client):
    both = client.get("/api/articles/search", params={"q": "Касымалиев"}).json()
    assert both["count"] == 2 and len(both["data"]) == 2
    second = client.get("/api/articles/search", params={"q": "Касымалиев", "limit": 1, "offset": 1}).json()
    assert second["count"] == 2 and [h["id"] for h in second["data"]] == [both["data"][1]["id"]]
    assert client.get("/api/articles/search", params={"q": "Касымалиев", "offset": 5}).json()["data"] == []
    dated = client.get("/api/articles/search", params={"q": "Касымалиев", "date_from": "2025-05-01"}).json()
    assert [h["id"] for h in dated["data"]] == [HOSTILE] and dated["count"] == 1


def test_article_has_every_layer_and_kb_links(client):
    body = client.get(f"/api/articles/{MEETING}").json()
    doc = body["document"]
    for key in ("id", "title", "published", "place", "attribution", "text", "dropped", "sentences", "mentions",
                "entities", "facts", "quotes", "amounts", "events"):
        assert key in doc
    assert doc["text"] == kbdata.MEETING_TEXT
    assert doc["amounts"][0]["value"] == "41700000"
    assert body["links"]["p1"]["name"] == "Адылбек Касымалиев"
    assert body["sources"][0]["url"] == "https://news.example/kg/1"


@pytest.mark.parametrize("bad", ["zz", "EE44ACEC08E0ADB1", "ee44acec08e0adb", "ee44acec08e0adb1x", "..%2F..%2Fetc%2Fpasswd",
                                 "%2e%2e", "ee44acec08e0adb%00"])
def test_article_ids_are_validated(client, bad):
    r = client.get(f"/api/articles/{bad}")
    assert r.status_code in (404, 422)
    assert "error" in r.json()


def test_unknown_article_is_404(client):
    r = client.get("/api/articles/0000000000000000")
    assert r.status_code == 404
    assert r.json() == {"error": "no article 0000000000000000 in the knowledge base"}


def test_entities_search_by_case_form(client):
    body = client.get("/api/entities", params={"q": "Пашиняна"}).json()
    assert body["count"] == 1
    (e,) = body["data"]
    assert e["name"] == "Никол Пашинян" and e["type"] == "PER" and e["articles"] == 2
    top = client.get("/api/entities", params={"type": "PER"}).json()
    assert {x["name"] for x in top["data"]} == {"Никол Пашинян", "Адылбек Касымалиев"} and top["count"] == 2
    assert client.get("/api/entities", params={"type": "XYZ"}).status_code == 422


def _id(client, name):
    return client.get("/api/entities", params={"q": name}).json()["data"][0]["id"]


def test_entity_profile_timeline_co_mentions_graph(client):
    pid = _id(client, "Касымалиев")
    prof = client.get(f"/api/entities/{pid}").json()
    assert prof["entity"]["name"] == "Адылбек Касымалиев"
    assert prof["roles"][0]["post"] == "Премьер-министр" and prof["roles"][0]["country"] == "Киргизия"
    assert [q["text"][:6] for q in prof["quotes"]] == ["Мы рас", "Никако"]
    tl = client.get(f"/api/entities/{pid}/timeline").json()
    assert [d["day"] for d in tl["data"]] == ["2025-03-14", "2025-05-20"] and tl["count"] == 2
    co = client.get(f"/api/entities/{pid}/co-mentions").json()
    assert "Никол Пашинян" in {c["name"] for c in co["data"]}
    graph = client.get(f"/api/entities/{pid}/graph").json()
    kinds = {(e["kind"], e["target"]) for e in graph["edges"]}
    assert ("meeting", _id(client, "Пашинян")) in kinds


@pytest.mark.parametrize("path, status", [("/api/entities/0", 422), ("/api/entities/abc", 422),
                                          ("/api/entities/987654", 404), ("/api/entities/-1/graph", 422)])
def test_entity_id_errors(client, path, status):
    r = client.get(path)
    assert r.status_code == status and isinstance(r.json()["error"], str)


def test_facts_meetings_quotes_amounts_events(client):
    facts = client.get("/api/facts").json()
    assert facts["count"] == 2
    assert [f["type"] for f in client.get("/api/facts", params={"type": "occupation"}).json()["data"]] == ["Occupation"]
    meetings = client.get("/api/meetings", params={"with": "Армения"}).json()
    assert meetings["count"] == 1 and meetings["data"][0]["place"] == "Бишкек"
    assert client.get("/api/meetings", params={"between": ["Киргизия", "Армения"]}).json()["count"] == 1
    assert client.get("/api/meetings", params={"between": "Киргизия"}).status_code == 400
    quotes = client.get("/api/quotes", params={"speaker": "Пашинян"}).json()
    assert [q["text"] for q in quotes["data"]] == ["Производство должно расти вместе с зарплатами"]
    amounts = client.get("/api/amounts", params={"about": "инвестиции"}).json()
    assert [(a["value"], a["currency"]) for a in amounts["data"]] == [("3200000000", "AMD")]
    events = client.get("/api/events", params={"cameo": "04"}).json()
    assert events["count"] == 1 and events["data"][0]["actor1"] == "Адылбек Касымалиев"
    assert client.get("/api/events", params={"cameo": "x'"}).status_code == 422


def test_unknown_names_are_404(client):
    r = client.get("/api/quotes", params={"speaker": "Никто Никакой"})
    assert r.status_code == 404 and "no entity" in r.json()["error"]


def test_places_with_gazetteer_or_without(client, monkeypatch):
    from letopis.api import readside

    names = {p["name"] for p in client.get("/api/places").json()["data"]}
    assert names == {"Бишкек", "Ереван", "Ош"}
    monkeypatch.setattr(readside, "_gazetteer", lambda: None)  # no gazetteer installed
    data = client.get("/api/places").json()["data"]
    assert all(p["lat"] is None for p in data)

    class Place:
        lat, lon = 42.87, 74.59

    assert readside.locate("Бишкек", lambda name: Place()) == (42.87, 74.59)
    assert readside.locate("Бишкек", lambda name: None) is None
    assert readside.locate("Бишкек", lambda name: 1 / 0) is None


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"offset": -1}, {"limit": "many"}])
def test_limits_are_capped(client, params):
    r = client.get("/api/articles", params=params)
    assert r.status_code == 422 and "error" in r.json()


def test_errors_are_json(client):
    assert client.get("/api/nothing").json()["error"].startswith("no such page")
    r = client.delete("/api/articles")
    assert r.status_code == 405 and "not allowed" in r.json()["error"]
    r = client.get("/api/articles/search", params={"q": "…"})
    assert r.status_code == 400 and r.json()["error"]
    r = client.get("/api/articles", params={"date_from": "вчера"})
    assert r.status_code == 422 and r.json()["error"].startswith("date_from")


def test_read_only_by_default(client):
    r = client.post("/api/articles", json={"articles": [{"text": "Текст"}]})
    assert r.status_code == 405
    assert client.get("/api/health").json() == {"status": "ok", "ingest": False}


def test_openapi_lists_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/search", "/api/articles/{article_id}", "/api/entities",
                 "/api/entities/{entity_id}", "/api/entities/{entity_id}/timeline",
                 "/api/entities/{entity_id}/co-mentions", "/api/facts", "/api/meetings", "/api/quotes",
                 "/api/amounts", "/api/events", "/api/extract"):
        assert path in spec["paths"], path
    assert spec["paths"]["/api/articles"]["get"]["responses"]["422"]["content"]["application/json"]["schema"][
        "$ref"].endswith("/ErrorBody")


def test_same_name_entities_get_their_own_profile(tmp_path):
    """Two KB entities of one name (an ORG and a country): each id gets its own profile."""
    from fastapi.testclient import TestClient

    from letopis.api import create_app

    text = "Футбольный клуб Армения обыграл соперника в Ереване.\nЕРЕВАН, 5 мая 2025. Клуб Армения победил."
    d = kbdata.Doc(text, title="Футбол", published="2025-05-05")
    d.mention("Армения", "ORG", "o1").mention("Армения", "ORG", "o1", nth=1).entity("o1", "ORG", "Армения")
    path = kbdata.build_kb(tmp_path / "kb.db", kbdata.documents() + [d.build()])
    with TestClient(create_app(path)) as c:
        ids = {e["type"]: e["id"] for e in c.get("/api/entities", params={"q": "Армения"}).json()["data"]}
        assert set(ids) == {"ORG", "LOCORG"}
        for type_, kb_id in ids.items():
            prof = c.get(f"/api/entities/{kb_id}").json()
            assert prof["entity"]["id"] == kb_id and prof["entity"]["type"] == type_
