"""The sample corpus against its golden files (regenerate only with scripts/regen_golden.py)."""
import difflib
from pathlib import Path

import pytest

from letopis.document import Document
from letopis.golden import markup

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
PAGES = sorted(p for p in (REPO / "corpus").rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def corpus_docs():
    from letopis.pipeline import process_sources

    return {Path(d.source).name: d for d in process_sources([str(REPO / "corpus")])}


def test_every_page_is_processed_without_error(corpus_docs):
    assert sorted(corpus_docs) == sorted(p.name for p in PAGES)
    assert all(isinstance(d, Document) and not d.check_offsets() for d in corpus_docs.values())


@pytest.mark.parametrize("page", [p.name for p in PAGES])
def test_golden(corpus_docs, page):
    expected = (GOLDEN / f"{page}.golden").read_text(encoding="utf-8")
    got = markup(corpus_docs[page])
    if got != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), got.splitlines(True),
                                            f"tests/golden/{page}.golden", "now"))
        pytest.fail(f"output changed (python scripts/regen_golden.py rewrites the golden file):\n{diff}")
