"""Events coded with CAMEO (and PLOVER), actors resolved to KB entities."""
from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Query

from letopis.api import readside
from letopis.api.deps import Conn, Paging
from letopis.api.schemas import EventItem, ListOf

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", response_model=ListOf[EventItem], summary="Events, oldest first")
def list_events(
    conn: Conn,
    page: Paging,
    cameo: Annotated[Optional[str], Query(pattern=r"^\d{2,4}$", description="A CAMEO code or its prefix: 04, 043.")] = None,
    article_id: Annotated[Optional[str], Query(pattern=readside.ARTICLE_ID, description="Events of one article.")] = None,
):
    rows = readside.events(conn, cameo, article_id)
    return {"data": page.slice(rows), "count": len(rows), "limit": page.limit, "offset": page.offset}
