"""POST /api/extract (not stored), POST /api/articles (--allow-ingest + token), the body cap."""
from __future__ import annotations

import kbdata
import pytest
from kbdata import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW_TEXT = "АЛМАТЫ, 1 июня 2025. Аким города открыл новую станцию метро «Сайран»."


def test_extract_returns_the_document_without_storing(client):
    before = client.get("/api/articles").json()["count"]
    r = client.post("/api/extract", json={"text": NEW_TEXT, "title": "Метро", "published": "2025-06-01"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["text"] == NEW_TEXT and doc["title"] == "Метро" and doc["published"] == "2025-06-01"
    assert client.get("/api/articles").json()["count"] == before


@pytest.mark.parametrize("body, status", [
    ({"text": "В тексте ПУСТО"}, 422),  # the extractor's ValueError: no article
    ({"text": ""}, 422),
    ({"html": "<p>x</p>"}, 422),
    ({"text": "x", "unknown": 1}, 422),
])
def test_extract_errors(client, body, status):
    r = client.post("/api/extract", json=body)
    assert r.status_code == status and isinstance(r.json()["error"], str)


def test_extract_malformed_json(client):
    r = client.post("/api/extract", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "error" in r.json()


def test_body_over_the_cap_is_413(client):
    big = "а" * (2 * 1024 * 1024)
    r = client.post("/api/extract", json={"text": big})
    assert r.status_code == 413 and "too large" in r.json()["error"]


def test_streamed_body_over_the_cap_is_413(client):
    def chunks():  # no Content-Length: the cap is enforced while the body streams in
        for _ in range(40):
            yield b'{"text": "' + b"a" * 100_000

    r = client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and "too large" in r.json()["error"]


def test_ingest_needs_the_token(writable):
    body = {"articles": [{"text": NEW_TEXT}]}
    r = writable.post("/api/articles", json=body)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert writable.post("/api/articles", json=body, headers={"Authorization": "Bearer nope"}).status_code == 403
    assert writable.post("/api/articles", json=body, headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    assert writable.get("/api/articles").json()["count"] == 3


def test_ingest_pages_and_documents(writable):
    extra = kbdata.Doc("БИШКЕК, 3 июня 2025. Адылбек Касымалиев провел совещание.", title="Совещание",
                       published="2025-06-03")
    extra.mention("Адылбек Касымалиев", "PER", "p1").entity("p1", "PER", "Адылбек Касымалиев")
    body = {
        "articles": [{"text": NEW_TEXT, "title": "Метро", "url": "https://x.example/1"}, {"text": "ПУСТО"}],
        "documents": [extra.build().to_json(), kbdata.meeting().to_json(), {"id": "x"}],
    }
    r = writable.post("/api/articles", json=body, headers=AUTH)
    assert r.status_code == 200
    out = r.json()
    assert [o["status"] for o in out["data"]] == ["stored", "error", "stored", "duplicate", "error"]
    assert out["count"] == 5 and out["summary"].startswith("stored 2 new")
    assert writable.get("/api/articles").json()["count"] == 5
    prof = writable.get(f"/api/entities/{writable.get('/api/entities', params={'q': 'Касымалиев'}).json()['data'][0]['id']}")
    assert prof.json()["articles"] == 3
    assert writable.get("/api/health").json()["ingest"] is True


def test_ingest_refuses_bad_offsets(writable):
    doc = kbdata.visit().to_json()
    doc["mentions"][0]["start"] += 1
    out = writable.post("/api/articles", json={"documents": [doc]}, headers=AUTH).json()
    assert out["data"][0]["status"] == "error" and "offsets" in out["data"][0]["detail"]


def test_ingest_batch_is_capped(writable):
    r = writable.post("/api/articles", json={"articles": [{"text": "т"}] * 51}, headers=AUTH)
    assert r.status_code == 422


def test_settings_refuse_ingest_without_token():
    from letopis.api import Settings

    with pytest.raises(ValueError, match="--token"):
        Settings(allow_ingest=True)


@pytest.mark.parametrize("kind", ["text/plain", "text/html; charset=utf-8"])
def test_extract_a_raw_body(client, kind):
    page = NEW_TEXT if kind == "text/plain" else f"<html><body><p>{NEW_TEXT}</p></body></html>"
    r = client.post("/api/extract", content=page.encode(), headers={"content-type": kind})
    assert r.status_code == 200 and r.json()["text"] == page


def test_extract_refuses_other_bodies(client):
    r = client.post("/api/extract", content=b"\xff\xfe", headers={"content-type": "text/plain"})
    assert r.status_code == 422 and "UTF-8" in r.json()["error"]
    r = client.post("/api/extract", content=b"x", headers={"content-type": "application/pdf"})
    assert r.status_code == 415 and "error" in r.json()
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]["/api/extract"]["post"]["requestBody"]["content"]) == {"application/json", "text/plain", "text/html"}
