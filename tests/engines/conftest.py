"""The project corpus and its single-process output, computed once for the engine tests."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS_DIRS = [str(REPO / "corpus" / "txt"), str(REPO / "corpus" / "html")]


@pytest.fixture(scope="session")
def corpus_pages():
    from letopis.readers import read_sources

    pages = list(read_sources(CORPUS_DIRS))
    assert len(pages) == 14
    return pages


@pytest.fixture(scope="session")
def single_process(corpus_pages):
    """Documents of the corpus from the plain one-process pipeline (the reference)."""
    from letopis.pipeline import Options, build_pipeline, process_pages

    return list(process_pages(corpus_pages, Options(), build_pipeline()))

