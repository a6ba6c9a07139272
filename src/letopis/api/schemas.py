"""Response and request bodies as they appear in the OpenAPI document.

Items allow extra keys: the store adds fields freely (DESIGN: add keys
freely, never rename); these models name the ones clients rely on.
"""
from __future__ import annotations

from typing import Any, Generic, Literal, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")
MAX_TEXT_CHARS = 1_000_000  # one page's text; the body cap (2 MB) refuses far larger ones first


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ListOf(BaseModel, Generic[T]):
    """One page of a list: ``count`` is the number of items matching in all."""

    data: list[T]
    count: int
    limit: int
    offset: int


class ArticleSummary(Open):
    id: str
    title: Optional[str] = None
    published: Optional[str] = None
    site: Optional[str] = None
    url: Optional[str] = None


class Snippet(Open):
    sentence: int
    start: int
    end: int
    text: str
    matches: list[list[int]]


class SearchHit(ArticleSummary):
    score: Optional[float] = Field(None, description="bm25, higher is better: with order=relevance only.")
    snippets: list[Snippet]


class Article(Open):
    id: str
    day: Optional[str] = None
    ingested_at: str
    document: dict[str, Any] = Field(description="The Document JSON: text and every layer (see DESIGN).")
    sources: list[dict[str, Any]]
    links: dict[str, dict[str, Any]] = Field(description="Article entity id -> KB entity (kb_id, name, reason).")


class EntityItem(Open):
    id: int
    name: str
    type: str
    wikidata: Optional[str] = None
    articles: int
    mentions: int


class EntityProfile(Open):
    entity: dict[str, Any]
    articles: int
    mentions: int
    roles: list[dict[str, Any]]
    timeline_unit: Literal["day", "month"] = Field(description=(
        "day: one row per day ({day, articles, mentions}); month: one row per month ({month: 'YYYY-MM', ...}), "
        "when the entity was mentioned on more than 366 days (/api/entities/{id}/timeline gives the days)."))
    timeline_days: int = Field(description="Days with a mention (undated counts as one).")
    timeline: list[dict[str, Any]]
    co_mentioned: list[dict[str, Any]]
    quotes: list[dict[str, Any]] = Field(description="The newest quotes (quotes_total counts them all).")
    facts: list[dict[str, Any]]
    links: list[dict[str, Any]] = Field(default_factory=list, description=(
        "Why each of the newest articles is linked (links_total counts every link; "
        "/api/entities/{id}/articles pages through all the articles)."))


class EntityArticle(Open):
    article_id: str
    day: Optional[str] = None
    title: Optional[str] = None
    links: list[dict[str, Any]] = Field(description="Article entity id, the name as written, the reason of the link.")


class TimelineDay(Open):
    day: Optional[str] = None
    articles: int
    mentions: int


class CoMention(Open):
    id: int
    name: str
    type: str
    articles: int


class Graph(BaseModel):
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class FactItem(Open):
    id: int
    type: str
    article_id: str
    start: int
    end: int
    text: str
    args: list[dict[str, Any]]


class MeetingItem(FactItem):
    participants: list[dict[str, Any]]
    place: Optional[str] = None
    date: Optional[str] = None


class QuoteItem(Open):
    id: int
    article_id: str
    start: int
    end: int
    text: str
    kind: str
    speaker: Optional[str] = None
    speaker_id: Optional[int] = None


class AmountItem(Open):
    id: int
    article_id: str
    start: int
    end: int
    text: str
    value: str = Field(description="An exact decimal as a string.")
    currency: Optional[str] = None


class EventItem(Open):
    id: int
    article_id: str
    start: int
    end: int
    text: str
    cameo: str


class PlaceItem(Open):
    name: str
    meetings: int
    datelines: int
    lat: Optional[float] = None
    lon: Optional[float] = None


class Page(BaseModel):
    """A news page to extract: scraped text or HTML, with what its source states."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="Scraped text or the page's HTML.")
    title: Optional[str] = Field(None, max_length=1000)
    published: Optional[str] = Field(None, max_length=40, description="ISO 8601 date or datetime.")
    url: Optional[str] = Field(None, max_length=2000)
    site: Optional[str] = Field(None, max_length=200)

    def meta(self) -> dict:
        return {k: v for k, v in self.model_dump(exclude={"text"}).items() if v}


class IngestRequest(BaseModel):
    """Pages to extract and store, and/or Documents already extracted (``letopis extract --format json``)."""

    model_config = ConfigDict(extra="forbid")

    articles: list[Page] = Field(default_factory=list, max_length=50)
    documents: list[dict[str, Any]] = Field(default_factory=list, max_length=50)


class IngestOutcome(BaseModel):
    status: str = Field(description="stored, duplicate, near-duplicate or error")
    article_id: Optional[str] = None
    source: str
    detail: str = ""


class IngestResult(BaseModel):
    summary: str
    data: list[IngestOutcome]
    count: int
