"""Meetings: who met whom, where and when (a country matches its officials)."""
from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Query

from letopis.api.deps import Conn, Paging
from letopis.api.schemas import ListOf, MeetingItem
from letopis.store import queries
from letopis.store.errors import QueryError

router = APIRouter(prefix="/api/meetings", tags=["meetings"])

Name = Annotated[Optional[str], Query(max_length=200)]


@router.get("", response_model=ListOf[MeetingItem], summary="Meetings, oldest first")
def list_meetings(
    conn: Conn,
    page: Paging,
    with_: Annotated[Optional[str], Query(alias="with", max_length=200,
                                          description="A participant: person, organization or country.")] = None,
    between: Annotated[Optional[list[str]], Query(max_length=2, description="Two parties (give it twice).")] = None,
):
    if between is not None and len(between) != 2:
        raise QueryError("between: give exactly two names (?between=A&between=B)")
    rows = queries.meetings(conn, with_=with_ or None, between=tuple(between) if between else None)
    return {"data": page.slice(rows), "count": len(rows), "limit": page.limit, "offset": page.offset}
