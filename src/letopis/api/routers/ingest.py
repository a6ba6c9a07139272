"""POST /api/articles: extract and store posted pages (only with --allow-ingest, behind a Bearer token)."""
from __future__ import annotations

from fastapi import APIRouter, Depends

from letopis.api.deps import Conn, ExtractorDep, require_token
from letopis.api.schemas import IngestRequest, IngestResult
from letopis.document import Document
from letopis.readers.base import ReadError

router = APIRouter(prefix="/api/articles", tags=["articles"], dependencies=[Depends(require_token)])


def _documents(body: IngestRequest, extract):
    for i, page in enumerate(body.articles):
        source = page.url or f"<post:article:{i}>"
        try:
            doc = extract(page.text, {**page.meta(), "source": source})
        except ValueError as exc:
            yield ReadError(source, str(exc))
            continue
        yield doc
    for i, data in enumerate(body.documents):
        try:
            yield Document.from_json(data)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            yield ReadError(f"<post:document:{i}>", f"not a Document: {type(exc).__name__}: {exc}")


@router.post("", response_model=IngestResult, status_code=200,
             summary="Store posted pages (extracted here) or Documents (already extracted)")
def ingest_articles(conn: Conn, body: IngestRequest, extract: ExtractorDep):
    from letopis.store.writer import ingest

    outcomes = []
    report = ingest(conn, _documents(body, extract), on_result=outcomes.append)
    data = [{"status": o.status, "article_id": o.article_id, "source": o.source, "detail": o.detail} for o in outcomes]
    return {"summary": report.summary(), "data": data, "count": len(data)}
