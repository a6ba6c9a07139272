"""Shared fixtures: heavy models load once per session; ../shared data is optional."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_45fe030246717d5b.txt"
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def analyze():
    """Run one text through the whole pipeline (models loaded once)."""
    from letopis.pipeline import Options, build_pipeline, process_pages
    from letopis.readers.base import RawPage

    pipeline = build_pipeline()

    def run(text: str, meta: dict | None = None):
        (doc,) = list(process_pages([RawPage("<test>", text, "text", meta or {})], Options(), pipeline))
        return doc

    return run


@pytest.fixture(scope="session")
def seed_doc(analyze):
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (../shared not beside the repo)")
    from letopis.readers import read_sources

    (page,) = list(read_sources([str(SEED)]))
    return analyze(page.content, page.meta)
