"""Overview of the knowledge base: counts, top entities, articles per day."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from letopis.api.deps import Conn
from letopis.store import queries

router = APIRouter(prefix="/api/stats", tags=["stats"])


@router.get("", response_model=dict[str, Any], summary="Counts per table, by type, top entities, per day")
def stats(conn: Conn):
    return queries.stats(conn)
