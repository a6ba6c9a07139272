"""The factory: nothing at import, a missing database refused, security headers, offline docs."""
from __future__ import annotations

import subprocess
import sys

import pytest


def test_importing_the_package_builds_nothing():
    code = "import letopis.api, letopis.cli.serve, sys; print('fastapi' in sys.modules, 'uvicorn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_missing_database_is_refused(tmp_path):
    from letopis.api import create_app
    from letopis.store.errors import NoDatabaseError

    with pytest.raises(NoDatabaseError):
        create_app(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()


def test_ingest_server_creates_the_database(tmp_path):
    from letopis.api import Settings, create_app

    create_app(tmp_path / "new.db", Settings(allow_ingest=True, token="t"))
    assert (tmp_path / "new.db").exists()


def test_security_headers(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_docs_page_is_offline(client):
    html = client.get("/docs").text
    assert "/api/articles/search" in html and "/openapi.json" in html
    assert "http://" not in html and "https://" not in html  # nothing loaded from a CDN
