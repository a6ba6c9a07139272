"""Entities resolved across articles: search, profile, timeline, co-mentions, articles, graph."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from letopis.api import readside
from letopis.api.deps import Conn, Paging
from letopis.api.schemas import CoMention, EntityArticle, EntityItem, EntityProfile, Graph, ListOf, TimelineDay

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
            summary="Profile: roles over time, timeline, co-mentions, newest quotes, facts and article links")
def profile(conn: Conn, entity_id: EntityId):
    # sent as built, not re-checked against the model: a country's profile holds thousands of
    # timeline days, and validating then dumping them cost 3.4 ms of the 6 ms its JSON took
    # (the model documents the answer; the schema tests check it)
    return JSONResponse(readside.entity_profile(conn, entity_id))


@router.get("/{entity_id}/timeline", response_model=ListOf[TimelineDay],
            summary="Mentions per publication day, oldest first (undated last)")
def timeline(conn: Conn, entity_id: EntityId, page: Paging):
    rows, total = readside.entity_timeline(conn, entity_id, page.limit, page.offset)
    return {"data": rows, "count": total, "limit": page.limit, "offset": page.offset}


@router.get("/{entity_id}/co-mentions", response_model=ListOf[CoMention],
            summary="Entities mentioned in the same articles, most shared articles first")
def co_mentions(conn: Conn, entity_id: EntityId, page: Paging):
    rows, total = readside.entity_co_mentions(conn, entity_id, page.limit, page.offset)
    return {"data": rows, "count": total, "limit": page.limit, "offset": page.offset}


@router.get("/{entity_id}/articles", response_model=ListOf[EntityArticle],
            summary="Articles linking the entity, newest first, with the reason of each link")
def articles(conn: Conn, entity_id: EntityId, page: Paging):
    rows, total = readside.entity_articles(conn, entity_id, page.limit, page.offset)
    return {"data": rows, "count": total, "limit": page.limit, "offset": page.offset}


@router.get("/{entity_id}/graph", response_model=Graph, summary="Meetings and co-mentions around the entity")
def graph(conn: Conn, entity_id: EntityId):
    return readside.entity_graph(readside.entity_profile(conn, entity_id))
