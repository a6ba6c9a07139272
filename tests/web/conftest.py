"""Fixtures of the UI tests: the API tests' knowledge base, a TestClient, and a real
``letopis serve`` subprocess driven by headless chromium (skipped without chromium)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
API_TESTS = HERE.parent / "api"
for p in (str(API_TESTS), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

import kbdata  # noqa: E402
from uitools import CHROMIUM_FLAGS, SCREENSHOTS, SERVER_START_S, TOKEN, chromium_path, drain, fake_extract, running_server, serve_command  # noqa: E402,F401

pytest.importorskip("fastapi", reason="the [web] extra is not installed (fastapi, uvicorn, jinja2, httpx)")


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory) -> Path:
    return kbdata.build_kb(tmp_path_factory.mktemp("web") / "kb.db")


@pytest.fixture(scope="session")
def client(kb_path):
    from fastapi.testclient import TestClient

    from letopis.api import Settings, create_app

    with TestClient(create_app(kb_path, Settings(extractor=fake_extract))) as c:
        yield c


# --- a real server and a real browser ------------------------------------------------------


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A ``letopis serve --allow-ingest`` on a free localhost port over a temp KB: its base URL."""
    pytest.importorskip("uvicorn", reason="uvicorn is not installed")
    db = kbdata.build_kb(tmp_path_factory.mktemp("served") / "kb.db")
    server_cm = running_server(db, "--allow-ingest", env={"LETOPIS_TOKEN": TOKEN})
    try:
        url = server_cm.__enter__()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        yield url
    finally:
        server_cm.__exit__(None, None, None)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("chromium is not installed: run scripts/install-browser.sh (apt: chromium chromium-driver)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.dialogs = []  # every alert/confirm the page tried: must stay empty
    pg.errors = []

    def on_dialog(dialog):
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()
