"""The app factory: ``create_app(db_path, settings)`` builds the REST API and the UI.

Nothing is created at import time; ``letopis serve`` calls the factory once.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from typing import Optional

import anyio.to_thread
from fastapi import FastAPI

from letopis.api import errors
from letopis.api.db import ConnectionPool
from letopis.api.limits import BodyLimit, SecurityHeaders
from letopis.api.routers import amounts, articles, entities, events, extract, facts, ingest, meetings, places, quotes, stats
from letopis.api.settings import Settings

DESCRIPTION = """The letopis knowledge base over HTTP: articles, entities, facts, meetings,
quotes, amounts and events read from Russian-language news.

Lists answer `{data, count, limit, offset}` (`count`: items matching in all;
`limit` at most 200). Errors answer `{"error": message}`. Read-only unless the
server runs with `--allow-ingest`, which adds `POST /api/articles` behind
`Authorization: Bearer TOKEN`."""

SECURITY_HEADERS = {
    # styles: 'unsafe-inline' because cytoscape sets inline styles; scripts stay 'self' only
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def create_app(db_path: str | Path, settings: Optional[Settings] = None) -> FastAPI:
    """The whole server over the knowledge base at ``db_path``.

    The file must exist unless ``settings.allow_ingest`` (then it is created).
    Raises ``NoDatabaseError`` for a missing file, ``sqlite3.DatabaseError``
    for one that is not a letopis database.
    """
    settings = settings or Settings()
    pool = ConnectionPool(db_path, settings.pool_size, create=settings.allow_ingest)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads  # see Settings.threads
        yield
        pool.close()

    from letopis import __version__ as version

    app = FastAPI(title="letopis", version=version, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json", responses=errors.ERRORS)
    app.state.settings = settings
    app.state.pool = pool
    app.state.db_path = str(db_path)
    errors.install(app)

    for module in (articles, entities, facts, meetings, quotes, amounts, events, places, stats, extract):
        app.include_router(module.router)
    if settings.allow_ingest:
        app.include_router(ingest.router, responses={401: errors.ERRORS[400] | {"description": "No token"},
                                                     403: errors.ERRORS[400] | {"description": "Wrong token"}})

    @app.get("/api/health", tags=["meta"], summary="The server is up; whether it accepts articles")
    def health() -> dict:
        return {"status": "ok", "ingest": settings.allow_ingest}

    from letopis.web import mount

    mount(app)

    app.add_middleware(SecurityHeaders, headers=SECURITY_HEADERS)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


# ``letopis serve --workers N`` starts N server processes (uvicorn's supervisor): each builds
# its app with this factory from the environment the command sets (the token travels the way
# ``--token`` already accepts it, as LETOPIS_TOKEN).
ENV_DB, ENV_ALLOW_INGEST, ENV_TOKEN = "LETOPIS_SERVE_DB", "LETOPIS_SERVE_ALLOW_INGEST", "LETOPIS_TOKEN"


def app_from_env() -> FastAPI:
    import os

    allow = os.environ.get(ENV_ALLOW_INGEST) == "1"
    return create_app(os.environ[ENV_DB], Settings(allow_ingest=allow, token=os.environ.get(ENV_TOKEN) if allow else None))
