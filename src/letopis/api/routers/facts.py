"""Facts (Occupation, Meeting, Deal, Ownership) with arguments resolved to KB entities."""
from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Query

from letopis.api.deps import Conn, Paging
from letopis.api.schemas import FactItem, ListOf
from letopis.store import queries

router = APIRouter(prefix="/api/facts", tags=["facts"])


@router.get("", response_model=ListOf[FactItem], summary="Facts, oldest first")
def list_facts(
    conn: Conn,
    page: Paging,
    type_: Annotated[Optional[str], Query(alias="type", max_length=50,
                                          description="Meeting, Occupation, Deal or Ownership (any case).")] = None,
):
    rows = queries.facts(conn, type_ or None)
    return {"data": page.slice(rows), "count": len(rows), "limit": page.limit, "offset": page.offset}
