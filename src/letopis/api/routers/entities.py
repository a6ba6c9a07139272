"""Entities resolved across articles: search, profile, timeline, co-mentions, graph."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Path, Query

from letopis.api import readside
from letopis.api.deps import Conn, Paging
from letopis.api.schemas import CoMention, EntityItem, EntityProfile, Graph, ListOf, TimelineDay

router = APIRouter(prefix="/api/entities", tags=["entities"])

EntityId = Annotated[int, Path(ge=1, le=2**62, description="The knowledge-base entity id.")]


@router.get("", response_model=ListOf[EntityItem], summary="Entities a name may mean, or the most mentioned")
def find(
    conn: Conn,
    page: Paging,
    q: Annotated[Optional[str], Query(max_length=200, description="A name in any case form: 'Токаева'.")] = None,
    type_: Annotated[Optional[Literal["PER", "ORG", "LOC", "LOCORG"]], Query(alias="type")] = None,
):
    rows, total = readside.find_entities(conn, q, type_, page.limit, page.offset)
    return {"data": rows, "count": total, "limit": page.limit, "offset": page.offset}


@router.get("/{entity_id}", response_model=EntityProfile,
            summary="Profile: roles over time, timeline, co-mentions, quotes, facts, article links")
def profile(conn: Conn, entity_id: EntityId):
    return readside.entity_profile(conn, entity_id)


@router.get("/{entity_id}/timeline", response_model=ListOf[TimelineDay], summary="Mentions per publication day")
def timeline(conn: Conn, entity_id: EntityId, page: Paging):
    rows = readside.entity_profile(conn, entity_id)["timeline"]
    return {"data": page.slice(rows), "count": len(rows), "limit": page.limit, "offset": page.offset}


@router.get("/{entity_id}/co-mentions", response_model=ListOf[CoMention],
            summary="Entities mentioned in the same articles, most shared articles first")
def co_mentions(conn: Conn, entity_id: EntityId, page: Paging):
    rows = readside.entity_profile(conn, entity_id)["co_mentioned"]
    return {"data": page.slice(rows), "count": len(rows), "limit": page.limit, "offset": page.offset}


@router.get("/{entity_id}/graph", response_model=Graph, summary="Meetings and co-mentions around the entity")
def graph(conn: Conn, entity_id: EntityId):
    return readside.entity_graph(readside.entity_profile(conn, entity_id))
