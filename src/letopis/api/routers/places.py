"""Places: meeting places and article datelines, with gazetteer coordinates where known."""
from __future__ import annotations

from fastapi import APIRouter

from letopis.api import readside
from letopis.api.deps import Conn, Paging
from letopis.api.schemas import ListOf, PlaceItem

router = APIRouter(prefix="/api/places", tags=["places"])


@router.get("", response_model=ListOf[PlaceItem], summary="Meeting places and datelines, most frequent first")
def list_places(conn: Conn, page: Paging):
    rows = readside.places(conn)
    return {"data": page.slice(rows), "count": len(rows), "limit": page.limit, "offset": page.offset}
