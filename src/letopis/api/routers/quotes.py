"""Quotes (direct and indirect) with speakers and offsets."""
from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Query

from letopis.api.deps import Conn, Paging
from letopis.api.schemas import ListOf, QuoteItem
from letopis.store import queries

router = APIRouter(prefix="/api/quotes", tags=["quotes"])


@router.get("", response_model=ListOf[QuoteItem], summary="Quotes, oldest first")
def list_quotes(
    conn: Conn,
    page: Paging,
    speaker: Annotated[Optional[str], Query(max_length=200, description="Who said it (a name).")] = None,
    about: Annotated[Optional[str], Query(max_length=500, description="Words in the quote, or an entity it mentions.")] = None,
):
    rows = queries.quotes(conn, speaker=speaker or None, about=about or None)
    return {"data": page.slice(rows), "count": len(rows), "limit": page.limit, "offset": page.offset}
