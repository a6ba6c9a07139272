"""Fixtures of the API tests: a knowledge base of hand-annotated articles, apps over it."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import kbdata  # noqa: E402

pytest.importorskip("fastapi", reason="the [web] extra is not installed (fastapi, uvicorn, jinja2, httpx)")
pytest.importorskip("httpx", reason="httpx is needed by fastapi.testclient")

TOKEN = kbdata.TOKEN


def fake_extract(text: str, meta=None):
    """A stand-in for process_text (the NLP pipeline): the text as it is, no layers."""
    from letopis.document import Document, content_id

    if "ПУСТО" in text:
        raise ValueError("no article text left after cleaning")
    meta = meta or {}
    return Document(id=content_id(text), text=text, title=meta.get("title", ""), published=meta.get("published"),
                    url=meta.get("url"), source=meta.get("source", "<test>"))


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory) -> Path:
    return kbdata.build_kb(tmp_path_factory.mktemp("api") / "kb.db")


@pytest.fixture(scope="session")
def client(kb_path):
    from fastapi.testclient import TestClient

    from letopis.api import Settings, create_app

    with TestClient(create_app(kb_path, Settings(extractor=fake_extract))) as c:
        yield c


@pytest.fixture()
def writable(tmp_path):
    """A client of a fresh KB copy with POST /api/articles enabled."""
    from fastapi.testclient import TestClient

    from letopis.api import Settings, create_app

    path = kbdata.build_kb(tmp_path / "kb.db")
    with TestClient(create_app(path, Settings(allow_ingest=True, token=TOKEN, extractor=fake_extract))) as c:
        yield c


def pytest_configure(config):
    config.addinivalue_line("markers", "schemathesis: generated requests against the OpenAPI document (bounded)")
