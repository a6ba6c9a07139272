"""SQLite connections for request threads: a small pool, one connection per request at a time.

FastAPI runs sync dependencies and handlers in a thread pool, possibly on
different threads for one request, so a connection is lent for the whole
request and given back afterwards (never shared by two requests at once).
"""
from __future__ import annotations

import queue
import sqlite3
import threading
from pathlib import Path

from letopis.store.db import open_db


class ConnectionPool:
    def __init__(self, path: str | Path, size: int = 32, create: bool = False):
        self.path = str(path)
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue(maxsize=size)
        self._lock = threading.Lock()
        self._closed = False
        self._idle.put(open_db(self.path, create=create))  # fails now on a missing or broken file

    def get(self) -> sqlite3.Connection:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return open_db(self.path, create=False)

    def put(self, conn: sqlite3.Connection) -> None:
        if conn.in_transaction:  # a request that failed mid-write
            conn.execute("ROLLBACK")
        with self._lock:
            if self._closed:
                conn.close()
                return
            try:
                self._idle.put_nowait(conn)
            except queue.Full:
                conn.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
