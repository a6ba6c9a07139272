"""Opening a knowledge base: one SQLite file (or ``:memory:``), migrated on open."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from letopis.store.errors import NoDatabaseError
from letopis.store.migrations import migrate

BUSY_TIMEOUT_MS = 30_000  # a writer commits one article at a time; readers never wait this long
CACHE_KB = 32 * 1024


def open_db(path: str | os.PathLike = ":memory:", *, create: bool = True, synchronous: str = "FULL") -> sqlite3.Connection:
    """Open (and migrate) the database at ``path``.

    The connection is in autocommit mode (``isolation_level=None``): the store
    opens its own ``BEGIN IMMEDIATE`` transactions.  WAL journal, foreign keys
    on, a busy timeout so readers and one writer coexist.  ``create=False``
    raises :class:`NoDatabaseError` when the file is missing.
    ``synchronous=FULL`` (default) makes every reported "stored" survive a
    power cut, not only a killed process; ``NORMAL`` is faster.
    """
    name = str(path)
    if name != ":memory:" and not create and not Path(name).exists():
        raise NoDatabaseError(name)
    conn = sqlite3.connect(name, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if name != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    if synchronous.upper() not in ("OFF", "NORMAL", "FULL", "EXTRA"):
        raise ValueError(f"synchronous: {synchronous!r}")
    conn.execute(f"PRAGMA synchronous = {synchronous.upper()}")
    # SQLite's default page cache is 2 MB; at 100 000 articles (4.7 GB) the upper levels of the
    # indexes the writer and the queries walk no longer stay in it. Per connection, grown on use.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KB}")
    migrate(conn)
    return conn


def integrity_ok(conn: sqlite3.Connection) -> bool:
    return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
