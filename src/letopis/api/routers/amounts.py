"""Amounts of money, percentages and counts, with exact decimal values (strings)."""
from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Query

from letopis.api.deps import Conn, Paging
from letopis.api.schemas import AmountItem, ListOf
from letopis.store import queries

router = APIRouter(prefix="/api/amounts", tags=["amounts"])


@router.get("", response_model=ListOf[AmountItem], summary="Amounts, oldest first")
def list_amounts(
    conn: Conn,
    page: Paging,
    about: Annotated[Optional[str], Query(max_length=500, description="Words of what is measured or of its sentence.")] = None,
):
    rows = queries.amounts(conn, about=about or None)
    return {"data": page.slice(rows), "count": len(rows), "limit": page.limit, "offset": page.offset}
