"""Stored articles: list, full-text search, one article with all its layers."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Path, Query
from pydantic import StringConstraints

from letopis.api import readside
from letopis.api.deps import Conn, Paging
from letopis.api.schemas import Article, ArticleSummary, ListOf, SearchHit

router = APIRouter(prefix="/api/articles", tags=["articles"])

DateFrom = Annotated[Optional[str], Query(max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                          description="First publication day (2024-05-12, 2024-05 or 2024).")]
DateTo = Annotated[Optional[str], Query(max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                        description="Last publication day, inclusive.")]
TYPE_PATTERN = r"^[A-Za-z_]{1,50}$"
Types = Annotated[Optional[list[Annotated[str, StringConstraints(pattern=TYPE_PATTERN)]]], Query(alias="type", max_length=10, description=(
    "Keep articles with a mention of this entity type (PER, ORG, LOC, LOCORG) or a fact of this type "
    "(Meeting, Occupation, Deal, Ownership); repeatable, any of them."))]
ArticleId = Annotated[str, Path(pattern=readside.ARTICLE_ID, description="16 hexadecimal digits.")]


@router.get("", response_model=ListOf[ArticleSummary], summary="List stored articles, newest first")
def list_articles(conn: Conn, page: Paging, date_from: DateFrom = None, date_to: DateTo = None, types: Types = None):
    rows, total = readside.list_articles(conn, date_from, date_to, types or (), page.limit, page.offset)
    return {"data": rows, "count": total, "limit": page.limit, "offset": page.offset}


@router.get("/search", response_model=ListOf[SearchHit], summary="Full-text search (Russian word forms match)")
def search(
    conn: Conn,
    page: Paging,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find: 'газ' finds 'газовой'.")],
    date_from: DateFrom = None,
    date_to: DateTo = None,
    types: Types = None,
    order: Annotated[Literal["newest", "relevance"], Query(description=(
        "newest: publication day, newest first (fast for any word); relevance: bm25, best first "
        "(every match is ranked: slower for words in much of the corpus)."))] = "newest",
):
    rows, total = readside.search_articles(conn, q, date_from, date_to, types or (), page.limit, page.offset, order)
    return {"data": rows, "count": total, "limit": page.limit, "offset": page.offset}


@router.get("/{article_id}", response_model=Article, summary="One article: text and every annotation layer")
def get_article(conn: Conn, article_id: ArticleId):
    return readside.get_article(conn, article_id)
