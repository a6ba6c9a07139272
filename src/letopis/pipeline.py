"""Stages over batches of Documents, checked for order once when built.

A stage declares the layers it ``requires`` and ``assigns``; ``Pipeline``
refuses an order where a stage needs a layer nobody assigned before it.
A stage that fails on a batch is retried article by article, so one bad
article becomes one error line and the rest of the batch goes on.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

from letopis.clean import clean_text
from letopis.clean.base import Cleaned
from letopis.document import Document, content_id
from letopis.readers import RawPage, ReadError, read_sources

BATCH_ARTICLES = 16  # articles per model batch: big enough to fill slovnet batches of 64 sentences
BASE_LAYERS = ("text", "header")
# One news article is at most a few tens of thousands of characters; a cleaned
# "article" of more than 2 million is a dump of many pages or a log file, and
# would hold the NLP models for minutes: it is refused with a one-line reason.
MAX_ARTICLE_CHARS = 2_000_000


_settled = False  # this process has frozen its long-lived objects out of the garbage collector


def settle_heap() -> None:
    """Once per process, after the first batch: move every object alive now (the models, the
    morphological dictionaries, the lexicons and knowledge base, all loaded by then) to the
    collector's permanent generation.  A batch makes hundreds of thousands of small objects,
    and each full collection they trigger walked those millions of long-lived ones again: the
    pipeline ran 12 % slower on NEREL dev without it (median of 5, 2.79 s against 2.44 s).  Frozen
    objects are still freed by reference counting; only cycles among them would stay."""
    global _settled
    if not _settled:
        _settled = True
        gc.collect()
        gc.freeze()


class PipelineError(Exception):
    """A pipeline that cannot run (bad stage order, unknown output name)."""


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[list[Document]], None]  # fills its layers on each document of a batch


@dataclass(frozen=True)
class Options:
    """What a run should produce; one object instead of keyword options threaded through."""

    only: tuple[str, ...] = ()  # layers wanted; empty = everything
    batch: int = BATCH_ARTICLES
    clean: bool = True  # False: the text is taken as it is (evaluation sets with fixed offsets)


class Pipeline:
    def __init__(self, stages: Sequence[Stage]):
        have = set(BASE_LAYERS)
        for stage in stages:
            missing = [layer for layer in stage.requires if layer not in have]
            if missing:
                raise PipelineError(f"stage {stage.name!r} requires {missing} which no earlier stage assigns")
            have.update(stage.assigns)
        self.stages = list(stages)

    def __call__(self, docs: list[Document]) -> list[Document | ReadError]:
        failed: dict[int, ReadError] = {}
        for stage in self.stages:
            live = [d for i, d in enumerate(docs) if i not in failed]
            try:
                stage.run(live)
            except Exception:  # isolate the article that breaks the stage
                for i, doc in enumerate(docs):
                    if i in failed:
                        continue
                    try:
                        stage.run([doc])
                    except Exception as exc:
                        failed[i] = ReadError(doc.source or doc.id, f"stage {stage.name} failed: {type(exc).__name__}: {exc}")
        settle_heap()
        return [failed.get(i, doc) for i, doc in enumerate(docs)]


def default_stages() -> list[Stage]:
    from letopis.stages import STAGES

    return list(STAGES)


def build_pipeline(options: Options = Options()) -> Pipeline:
    stages = default_stages()
    if options.only:
        known = {layer for s in stages for layer in s.assigns}
        unknown = [o for o in options.only if o not in known]
        if unknown:
            raise PipelineError(f"unknown output {unknown}; choose from {sorted(known)}")
        stages = _needed(stages, set(options.only))
    return Pipeline(stages)


def _needed(stages: list[Stage], wanted: set[str]) -> list[Stage]:
    keep = []
    for stage in reversed(stages):
        if wanted & set(stage.assigns):
            keep.append(stage)
            wanted |= set(stage.requires)
    return list(reversed(keep))


def to_document(page: RawPage, clean: bool = True) -> Document | ReadError:
    """Clean a raw page into a Document with a fixed text."""
    cleaned = clean_text(page.content, page.meta) if clean else Cleaned(page.content)
    if not cleaned.text.strip():
        return ReadError(page.source, "no article text left after cleaning")
    if len(cleaned.text) > MAX_ARTICLE_CHARS:
        return ReadError(page.source, f"article text too long ({len(cleaned.text) / 1e6:.1f} million characters > "
                                      f"{MAX_ARTICLE_CHARS / 1e6:.0f} million): split the file into articles "
                                      "(one per file or one per JSONL line)")
    meta = page.meta
    return Document(
        id=str(meta.get("id") or content_id(cleaned.text)),
        text=cleaned.text,
        title=cleaned.title or meta.get("title") or "",
        published=meta.get("published") or cleaned.published,
        place=cleaned.place,
        attribution=cleaned.attribution,
        url=meta.get("url"),
        site=meta.get("site"),
        source=page.source,
        dropped=cleaned.dropped,
        header=dict(cleaned.header),
    )


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def process_pages(pages: Iterable[RawPage | ReadError], options: Options = Options(),
                  pipeline: Pipeline | None = None) -> Iterator[Document | ReadError]:
    """Documents (or one-line errors) in input order, processed in batches."""
    pipeline = pipeline or build_pipeline(options)
    for batch in batched(pages, options.batch):
        docs, slots = [], []
        for item in batch:
            doc = to_document(item, options.clean) if isinstance(item, RawPage) else item
            slots.append(doc)
            if isinstance(doc, Document):
                docs.append(doc)
        done = iter(pipeline(docs))
        for item in slots:
            yield next(done) if isinstance(item, Document) else item


def process_sources(paths: list[str], options: Options = Options(), stdin=None) -> Iterator[Document | ReadError]:
    return process_pages(read_sources(paths, stdin=stdin), options)


def process_text(text: str, meta: dict | None = None, options: Options = Options()) -> Document:
    """One text (scraped text or HTML) -> one Document; raises ValueError with the reason."""
    from letopis.readers.source import read_bytes, sniff

    data = text.encode("utf-8")
    items = list(read_bytes(data, "<text>", sniff(data)))
    if meta:
        items = [RawPage(i.source, i.content, i.kind, {**i.meta, **meta}) if isinstance(i, RawPage) else i for i in items]
    results = list(process_pages(items, options))
    if not results or isinstance(results[0], ReadError):
        raise ValueError(results[0].reason if results else "no article in the text")
    return results[0]
