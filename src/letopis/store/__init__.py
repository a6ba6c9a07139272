"""The knowledge base: SQLite schema and migrations, writer, cross-article
entity resolution, queries and exports.

    conn = open_db("letopis.db")
    report = ingest(conn, documents)          # IngestReport; .summary()
    queries.search(conn, "газ", date_from="2024-05")
    queries.entity_profile(conn, "Токаев")
    export(conn, "parquet", ["gdelt_events", "gkg"], "out/")
"""
from letopis.store import queries
from letopis.store.db import integrity_ok, open_db
from letopis.store.errors import ExportError, NoDatabaseError, NotFoundError, QueryError, StoreError
from letopis.store.export import COLUMNS, export
from letopis.store.migrations import MIGRATIONS, migrate
from letopis.store.writer import IngestReport, Outcome, ingest

__all__ = [
    "COLUMNS", "MIGRATIONS", "ExportError", "IngestReport", "NoDatabaseError", "NotFoundError", "Outcome",
    "QueryError", "StoreError", "export", "ingest", "integrity_ok", "migrate", "open_db", "queries",
]
