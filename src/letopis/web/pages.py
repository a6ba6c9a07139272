"""The pages of the UI: search, article, entity, map, paste, API docs.

Handlers call the same read functions as the REST API; every piece of
article text reaches the page through Jinja2 with autoescape on.
"""
from __future__ import annotations

from functools import cache
from typing import Annotated, Optional

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse

from letopis.api import readside
from letopis.api.deps import Conn, ExtractorDep
from letopis.api.settings import DEFAULT_PAGE
from letopis.store.errors import QueryError
from letopis.web import TEMPLATES, charts, markup

router = APIRouter(include_in_schema=False)

ENTITY_TYPES = ("PER", "ORG", "LOC", "LOCORG")
FACT_TYPES = readside.FACT_TYPES
TYPE_NAMES = {"PER": "person", "ORG": "organization", "LOC": "place", "LOCORG": "country as actor"}


@cache
def env():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    e = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                    trim_blocks=True, lstrip_blocks=True)
    e.globals.update(ENTITY_TYPES=ENTITY_TYPES, FACT_TYPES=FACT_TYPES, TYPE_NAMES=TYPE_NAMES,
                     type_class=markup.type_class)
    e.tests["web_url"] = lambda v: isinstance(v, str) and v.lower().startswith(("http://", "https://"))
    return e


def render(name: str, status_code: int = 200, **ctx) -> HTMLResponse:
    return HTMLResponse(env().get_template(name).render(**ctx), status_code=status_code)


def render_error(status: int, message: str) -> HTMLResponse:
    return render("error.html", status, status=status, message=message, title=f"{status}")


def _clean(value: Optional[str]) -> Optional[str]:
    return value.strip() if value and value.strip() else None


@router.get("/", response_class=HTMLResponse)
def search_page(
    conn: Conn,
    q: Annotated[Optional[str], Query(max_length=500)] = None,
    date_from: Annotated[Optional[str], Query(max_length=10)] = None,
    date_to: Annotated[Optional[str], Query(max_length=10)] = None,
    etype: Annotated[Optional[str], Query(max_length=10)] = None,
    ftype: Annotated[Optional[str], Query(max_length=20)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
):
    q, date_from, date_to, etype, ftype = map(_clean, (q, date_from, date_to, etype, ftype))
    types = [t for t in (etype, ftype) if t]
    form = {"q": q or "", "date_from": date_from or "", "date_to": date_to or "", "etype": etype or "",
            "ftype": ftype or ""}
    error, entities, rows, total = None, [], [], 0
    try:
        if etype and etype not in ENTITY_TYPES:
            raise QueryError(f"entity type: one of {', '.join(ENTITY_TYPES)}")
        if ftype and ftype not in FACT_TYPES:
            raise QueryError(f"fact type: one of {', '.join(FACT_TYPES)}")
        if q:
            rows, total = readside.search_articles(conn, q, date_from, date_to, types, DEFAULT_PAGE, offset)
            entities, _ = readside.find_entities(conn, q, etype, 8, 0)
        else:
            rows, total = readside.list_articles(conn, date_from, date_to, types, DEFAULT_PAGE, offset)
    except QueryError as exc:
        error = str(exc)
    for r in rows:
        for s in r.get("snippets", ()):
            s["parts"] = _marked(s["text"], s["start"], s["matches"])
    pages = {"prev": max(offset - DEFAULT_PAGE, 0) if offset else None,
             "next": offset + DEFAULT_PAGE if offset + DEFAULT_PAGE < total else None}
    return render("search.html", title="Search" if q else "Articles", form=form, rows=rows, total=total,
                  entities=entities, error=error, offset=offset, pages=pages, searched=bool(q))


def _marked(text: str, start: int, matches) -> list[tuple[str, bool]]:
    """Snippet text as (piece, is_match) pairs; the template escapes each piece."""
    out, pos = [], 0
    for s, e in sorted(matches):
        s, e = s - start, e - start
        if s < pos or e > len(text):
            continue
        out += [(text[pos:s], False), (text[s:e], True)]
        pos = e
    out.append((text[pos:], False))
    return [p for p in out if p[0]]


def _article_context(doc: dict, links: Optional[dict] = None) -> dict:
    return {
        "doc": doc,
        "segments": markup.segments(doc, links),
        "facts": markup.fact_rows(doc, links),
        "quotes": markup.quote_rows(doc, links),
        "entities": markup.entity_rows(doc, links),
        "amounts": doc.get("amounts", []),
        "events": markup.event_rows(doc, links),
        "dropped": doc.get("dropped", []),
        "types_present": sorted({m.get("type", "") for m in doc.get("mentions", ())}),
    }


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(conn: Conn, article_id: Annotated[str, Path(pattern=readside.ARTICLE_ID)]):
    art = readside.get_article(conn, article_id)
    return render("article.html", title=art["document"].get("title") or article_id, article=art,
                  stored=True, **_article_context(art["document"], art["links"]))


@router.get("/entities", response_class=HTMLResponse)
def entities_page(conn: Conn, q: Annotated[Optional[str], Query(max_length=200)] = None,
                  etype: Annotated[Optional[str], Query(max_length=10)] = None):
    q, etype = _clean(q), _clean(etype)
    error, rows = None, []
    try:
        if etype and etype not in ENTITY_TYPES:
            raise QueryError(f"entity type: one of {', '.join(ENTITY_TYPES)}")
        rows, _ = readside.find_entities(conn, q, etype, 100, 0)
    except QueryError as exc:
        error = str(exc)
    return render("entities.html", title="Entities", rows=rows, q=q or "", etype=etype or "", error=error)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(conn: Conn, entity_id: Annotated[int, Path(ge=1, le=2**62)]):
    profile = readside.entity_profile(conn, entity_id)
    graph = readside.entity_graph(profile)
    meetings = [f for f in profile["facts"] if f["type"] == "Meeting"]
    other_facts = [f for f in profile["facts"] if f["type"] != "Meeting"]
    return render("entity.html", title=profile["entity"]["name"], p=profile, graph=graph,
                  chart=charts.timeline(profile["timeline"], profile["timeline_unit"]), meetings=meetings, other_facts=other_facts)


@router.get("/map", response_class=HTMLResponse)
def map_page(conn: Conn):
    places = readside.places(conn)
    gazetteer = readside._gazetteer() is not None
    return render("map.html", title="Map", places=places, map=charts.world_map(places, charts.capitals()),
                  gazetteer=gazetteer)


@router.get("/paste", response_class=HTMLResponse)
def paste_form():
    return render("paste.html", title="Annotate a text", text="", error=None)


@router.post("/paste", response_class=HTMLResponse)
def paste_annotate(
    extract: ExtractorDep,
    text: Annotated[str, Form(max_length=1_000_000)] = "",
    title: Annotated[str, Form(max_length=1000)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
):
    if not text.strip():
        return render("paste.html", 422, title="Annotate a text", text=text, error="paste a news text or a page's HTML")
    meta = {k: v for k, v in (("title", title.strip()), ("published", published.strip())) if v}
    try:
        doc = extract(text, meta or None).to_json()
    except ValueError as exc:
        return render("paste.html", 422, title="Annotate a text", text=text, error=str(exc))
    return render("article.html", title=doc.get("title") or "Annotated text", article=None, stored=False,
                  **_article_context(doc))


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description", "")}
                      for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "params": params, "tag": (op.get("tags") or [""])[0],
                        "body": "requestBody" in op, "responses": sorted(op.get("responses", {}))})
    return render("docs.html", title="API", spec=spec, ops=ops)
