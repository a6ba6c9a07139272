"""Every error is JSON ``{"error": message}`` with a status that says what went wrong.

User mistakes the store refuses (``QueryError``) are 400, unknown names and
ids (``NotFoundError``) 404, bad parameters 422, a body over the cap 413.
"""
from __future__ import annotations

import logging
import sqlite3

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from letopis.readers.base import LetopisError
from letopis.store.errors import NoDatabaseError, NotFoundError, QueryError

log = logging.getLogger("letopis.api")


class ErrorBody(BaseModel):
    error: str


def _err(status: int, description: str) -> dict:
    return {"model": ErrorBody, "description": description}


ERRORS = {
    400: _err(400, "A query the knowledge base refuses"),
    404: _err(404, "No such article or entity"),
    413: _err(413, "Request body too large"),
    422: _err(422, "Invalid parameters"),
}


class BodyTooLarge(HTTPException):
    """Raised while a body streams in past the cap (an HTTPException so that body parsing passes it on)."""

    def __init__(self, limit: int):
        super().__init__(413, f"request body too large (at most {limit} bytes)")

    def __str__(self) -> str:
        return self.detail


def error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def respond(request: Request, status: int, message: str, headers: dict | None = None):
    """JSON for the API; an HTML page for the UI's pages (``app.state.render_error``)."""
    path = request.url.path
    render = getattr(request.app.state, "render_error", None)
    if render is not None and not path.startswith(("/api/", "/static/")) and path not in ("/api", "/openapi.json"):
        try:
            page = render(status, message)
        except Exception:  # the error page itself failed: plain JSON
            log.exception("error page failed")
            return error(status, message, headers)
        for k, v in (headers or {}).items():
            page.headers[k] = v
        return page
    return error(status, message, headers)


def _where(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def validation_message(exc: RequestValidationError) -> str:
    msgs = []
    for e in exc.errors()[:5]:
        msgs.append(f"{_where(e.get('loc', ()))}: {e.get('msg', 'invalid')}")
    return "; ".join(msgs) or "invalid request"


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path[:200]}"
        elif exc.status_code == 405:
            message = f"method {request.method} not allowed here"
        return respond(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        return respond(request, 422, validation_message(exc))

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError):
        return respond(request, 404, str(exc))

    @app.exception_handler(NoDatabaseError)
    async def no_db(request: Request, exc: NoDatabaseError):
        return respond(request, 503, str(exc))

    @app.exception_handler(QueryError)
    async def refused(request: Request, exc: QueryError):
        return respond(request, 400, str(exc))

    @app.exception_handler(LetopisError)
    async def user_error(request: Request, exc: LetopisError):
        return respond(request, 400, str(exc))

    @app.exception_handler(sqlite3.DatabaseError)
    async def db_error(request: Request, exc: sqlite3.DatabaseError):
        log.exception("database error on %s", request.url.path)
        return respond(request, 500, "the knowledge base could not answer (database error)")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return respond(request, 500, "internal error")
