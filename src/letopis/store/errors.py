"""Typed errors of the store; all are user-facing one-liners (LetopisError)."""
from __future__ import annotations

from letopis.readers.base import LetopisError


class StoreError(LetopisError):
    """Something is wrong with the knowledge base or a request to it."""


class NoDatabaseError(StoreError):
    """The database file does not exist (and the caller did not ask to create it)."""

    def __init__(self, path: str):
        super().__init__(f"{path}: no such database (run letopis ingest first)")
        self.path = path


class QueryError(StoreError):
    """A query the store refuses: empty, too long, malformed date, unknown name."""


class NotFoundError(QueryError):
    """A name (entity, country, table) that the knowledge base does not know."""


class ExportError(StoreError):
    """An export the store cannot write: unknown format or table, missing pyarrow."""
