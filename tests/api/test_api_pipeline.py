"""The API over the real NLP pipeline (``letopis.pipeline.process_text``): extract and ingest.

Skipped with the reason while the pipeline cannot run (models or KB data files missing).
"""
from __future__ import annotations

import pytest

import kbdata

TEXT = (
    "ТАШКЕНТ, 3 июня 2025. Министр иностранных дел Узбекистана Бахтиёр Саидов встретился с послом Японии. "
    "«Мы откроем новые авиарейсы уже осенью», — заявил Бахтиёр Саидов. "
    "Объем японских инвестиций в прошлом году составил 200 миллионов долларов."
)
HTML = (
    "<html><head><title>Встреча в Ташкенте</title></head><body><nav>Главная / Политика</nav>"
    f"<article><h1>Встреча в Ташкенте</h1><p>{TEXT}</p></article><footer>Поделиться</footer></body></html>"
)
CONTRACT = ("id", "title", "published", "place", "attribution", "text", "dropped", "sentences", "mentions",
            "entities", "facts", "quotes", "amounts", "events")


@pytest.fixture(scope="module")
def pipeline_app(tmp_path_factory):
    try:
        from letopis.pipeline import process_text

        process_text(TEXT)
    except (ImportError, ValueError) as exc:
        pytest.skip(f"the NLP pipeline cannot run yet: {exc}")
    from fastapi.testclient import TestClient

    from letopis.api import Settings, create_app

    path = kbdata.build_kb(tmp_path_factory.mktemp("pipe") / "kb.db")
    with TestClient(create_app(path, Settings(allow_ingest=True, token=kbdata.TOKEN))) as c:
        yield c


@pytest.mark.parametrize("page", [TEXT, HTML], ids=["text", "html"])
def test_extract_with_the_pipeline(pipeline_app, page):
    from letopis.document import Document

    r = pipeline_app.post("/api/extract", json={"text": page, "published": "2025-06-03"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert all(k in data for k in CONTRACT)
    assert "Бахтиёр Саидов" in data["text"] and "<article>" not in data["text"]
    assert Document.from_json(data).check_offsets() == []
    assert any(m["type"] == "PER" for m in data["mentions"])


def test_ingest_with_the_pipeline_then_read(pipeline_app):
    auth = {"Authorization": f"Bearer {kbdata.TOKEN}"}
    r = pipeline_app.post("/api/articles", json={"articles": [{"text": TEXT, "published": "2025-06-03"}]}, headers=auth)
    assert r.status_code == 200 and r.json()["data"][0]["status"] == "stored", r.text
    hits = pipeline_app.get("/api/articles/search", params={"q": "авиарейсы"}).json()
    assert hits["count"] == 1
    article = pipeline_app.get(f"/api/articles/{hits['data'][0]['id']}").json()
    assert article["document"]["text"].startswith("ТАШКЕНТ")
    page = pipeline_app.get(f"/articles/{hits['data'][0]['id']}").text
    assert 'class="m m-PER"' in page
