"""The cleaner over the project's sample pages: every article sentence survives, every furniture line goes."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from letopis.clean import clean_text
from letopis.readers import read_sources

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
EXPECTED = Path(__file__).resolve().parents[1] / "corpus"  # what the sample pages must keep and drop
KEPT = EXPECTED / "kept_sentences.jsonl"
FURNITURE = EXPECTED / "furniture.jsonl"

# furniture kinds named in corpus/furniture.jsonl -> the rules that may drop them
RULES_OF_KIND = {
    "crumbs": {"nav_crumb_glued", "nav_crumb_path", "nav_section_top"},
    "more": {"more_block", "more_block_item"},
    "date": {"page_date"},
    "counter": {"view_counter"},
    "credit": {"media_credit"},
    "social": {"social_furniture", "english_ui"},
    "cookie": {"cookie_notice"},
    "ad": {"ad_marker"},
    "source": {"source_line"},
    "edit": {"edit_link"},
    "author": {"author_last_line", "byline"},
}

def _by_file(path: Path) -> dict[str, list[dict]]:
    rows = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows[row["file"]].append(row)
    return rows


def _files() -> list[str]:
    return sorted(set(_by_file(KEPT)) | set(_by_file(FURNITURE)))


def test_every_corpus_file_has_expectations():
    on_disk = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file()}
    assert on_disk == set(_files())


@pytest.mark.parametrize("name", _files())
def test_corpus_page(name):
    (page,) = list(read_sources([str(CORPUS / name)]))
    c = clean_text(page.content, page.meta)
    paragraphs = c.text.split("\n\n")
    for row in _by_file(KEPT).get(name, []):
        assert row["sentence"] in c.text, row["sentence"]
        if row.get("headline"):
            assert c.title == row["sentence"]
    dropped = {d.text.strip(): d.rule for d in c.dropped}
    for row in _by_file(FURNITURE).get(name, []):
        line = row["line"]
        assert line not in paragraphs, line
        assert dropped.get(line) in RULES_OF_KIND[row["kind"]], (line, dropped.get(line), row["kind"])
    for key in ("title", "place", "attribution"):
        if key in c.header:
            start, end = c.header[key]
            assert c.text[start:end]
