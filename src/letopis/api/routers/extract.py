"""POST /api/extract: the Document JSON of a posted page (scraped text or HTML), not stored.

The page comes as JSON (``{"text": ..., "title": ..., "published": ...}``)
or as the raw body with ``Content-Type: text/plain`` or ``text/html``.
"""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from letopis.api.deps import ExtractorDep
from letopis.api.errors import ERRORS, error
from letopis.api.schemas import MAX_TEXT_CHARS, Page

router = APIRouter(prefix="/api/extract", tags=["extract"])

RAW_TYPES = ("text/plain", "text/html")


def _problem(exc: ValidationError) -> str:
    e = exc.errors()[0]
    where = ".".join(str(p) for p in e.get("loc", ())) or "body"
    return f"{where}: {e.get('msg', 'invalid')}"


@router.post(
    "",
    summary="Extract one page (text or HTML) into the Document JSON, without storing it",
    response_model=None,
    responses={200: {"description": "The Document JSON (DESIGN.md: the JSON contract)",
                     "content": {"application/json": {"schema": {"type": "object"}}}},
               415: {**ERRORS[422], "description": "Not JSON, text/plain or text/html"},
               422: {**ERRORS[422], "description": "Invalid body, or no article in the page"}},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": Page.model_json_schema()},
        "text/plain": {"schema": {"type": "string", "maxLength": MAX_TEXT_CHARS}},
        "text/html": {"schema": {"type": "string", "maxLength": MAX_TEXT_CHARS}},
    }}},
)
async def extract(request: Request, extract: ExtractorDep):
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    body = await request.body()
    if kind in RAW_TYPES:
        try:
            page = Page(text=body.decode("utf-8"))
        except UnicodeDecodeError:
            return error(422, "body: not UTF-8 text")
        except ValidationError as exc:
            return error(422, _problem(exc))
    elif kind == "application/json" or kind.endswith("+json"):
        try:
            page = Page.model_validate_json(body or b"null")
        except ValidationError as exc:
            return error(422, _problem(exc))
    else:
        return error(415, f"content type {kind!r}: send JSON, text/plain or text/html")
    try:
        doc = await run_in_threadpool(extract, page.text, page.meta() or None)
    except ValueError as exc:
        return error(422, str(exc))
    return JSONResponse(doc.to_json())
