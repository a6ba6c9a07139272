#!/usr/bin/env python3
"""Regenerate tests/golden/ from corpus/ — the only way golden files change.

    python scripts/regen_golden.py          # rewrite, then review `git diff tests/golden`
"""
from pathlib import Path

from letopis.golden import markup
from letopis.pipeline import process_sources

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    out = REPO / "tests" / "golden"
    out.mkdir(exist_ok=True)
    for doc in process_sources([str(REPO / "corpus")]):
        name = Path(doc.source).name
        (out / f"{name}.golden").write_text(markup(doc), encoding="utf-8")
        print("wrote", f"tests/golden/{name}.golden")


if __name__ == "__main__":
    main()
