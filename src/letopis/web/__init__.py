"""The UI: server-rendered Jinja2 pages (autoescape on) and static files from the package.

``mount(app)`` adds the pages, ``/static`` and the offline API docs to an app
built by ``letopis.api.create_app``.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def mount(app) -> None:
    from fastapi.staticfiles import StaticFiles

    from letopis.web import pages

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages.router)
    app.state.render_error = pages.render_error
