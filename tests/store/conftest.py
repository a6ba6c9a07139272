"""Fixtures of the store tests: a knowledge base built from the hand-annotated articles."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import kbdocs  # noqa: E402

from letopis.store.db import open_db  # noqa: E402
from letopis.store.writer import ingest  # noqa: E402


@pytest.fixture()
def conn():
    c = open_db(":memory:")
    yield c
    c.close()


@pytest.fixture()
def kb(conn):
    """An in-memory KB holding articles 1 (+ its near-duplicate 1b), 2, 3, 4, 5."""
    ingest(conn, kbdocs.corpus())
    return conn


@pytest.fixture(scope="module")
def kb_file(tmp_path_factory):
    """The same KB as a file (for the CLI and for subprocesses)."""
    path = tmp_path_factory.mktemp("kb") / "letopis.db"
    c = open_db(path)
    ingest(c, kbdocs.corpus())
    c.close()
    return path

