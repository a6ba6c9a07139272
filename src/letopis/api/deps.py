"""Request dependencies: the database connection, paging, the ingest token, the extractor."""
from __future__ import annotations

import hmac
import sqlite3
import threading
from dataclasses import dataclass
from typing import Annotated, Iterator, Optional

from fastapi import Depends, HTTPException, Query, Request

from letopis.api.settings import DEFAULT_PAGE, MAX_PAGE, Extractor, Settings

MAX_OFFSET = 1_000_000


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_conn(request: Request) -> Iterator[sqlite3.Connection]:
    pool = request.app.state.pool
    conn = pool.get()
    try:
        yield conn
    finally:
        pool.put(conn)


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    def slice(self, rows: list) -> list:
        return rows[self.offset : self.offset + self.limit]


def get_page(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Items per page (at most {MAX_PAGE}).")] = DEFAULT_PAGE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Page:
    return Page(limit, offset)


_extract_lock = threading.Lock()  # the NLP models are not known to be thread-safe: one page at a time


def get_extractor(settings: Annotated[Settings, Depends(get_settings)]) -> Extractor:
    if settings.extractor is not None:
        return settings.extractor
    from letopis.pipeline import process_text  # lazily: the models load on the first extraction

    def extract(text: str, meta: Optional[dict] = None):
        with _extract_lock:
            return process_text(text, meta)

    return extract


def require_token(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> None:
    """``Authorization: Bearer TOKEN`` must carry the server's token."""
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "this endpoint needs Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})
    if not settings.token or not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
        raise HTTPException(403, "wrong token")


Conn = Annotated[sqlite3.Connection, Depends(get_conn)]
Paging = Annotated[Page, Depends(get_page)]
CurrentSettings = Annotated[Settings, Depends(get_settings)]
ExtractorDep = Annotated[Extractor, Depends(get_extractor)]
