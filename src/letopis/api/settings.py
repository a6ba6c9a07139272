"""What one server runs with: one object passed to ``create_app``, never read at import."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from letopis.document import Document

MAX_BODY_BYTES = 2 * 1024 * 1024  # a long news page as HTML is ~300 KB; 2 MB leaves room, refuses abuse
MAX_PAGE = 200  # the largest ``limit`` of one list page
DEFAULT_PAGE = 50
MAX_INGEST_ARTICLES = 50  # articles in one POST /api/articles

Extractor = Callable[[str, Optional[dict]], Document]


@dataclass(frozen=True)
class Settings:
    allow_ingest: bool = False  # POST /api/articles exists only when True
    token: Optional[str] = None  # its Bearer token (required when allow_ingest)
    max_body_bytes: int = MAX_BODY_BYTES
    max_page: int = MAX_PAGE
    extractor: Optional[Extractor] = None  # default: letopis.pipeline.process_text, loaded on first use
    pool_size: int = 32  # SQLite connections kept open (at most ``threads`` are in use at once)
    # requests run at once in worker threads. The handlers hold the GIL but for their SQLite calls, so
    # more threads only queue on it: with FastAPI's default of 40, 20 clients on 100 000 articles got
    # 59 requests/s and a p95 of 726 ms; with 2 to 4, 90 requests/s and about 300 ms (2 cores)
    threads: int = 4

    def __post_init__(self):
        if self.allow_ingest and not self.token:
            raise ValueError("--allow-ingest needs --token (the Bearer token of POST /api/articles)")
