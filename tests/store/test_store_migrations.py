import sqlite3

import pytest

from letopis.store.db import integrity_ok, open_db
from letopis.store.errors import NoDatabaseError
from letopis.store.migrations import MIGRATIONS, Migration, applied, migrate, statements


def test_migrations_recorded_once_and_idempotent(tmp_path):
    path = tmp_path / "kb.db"
    c = open_db(path)
    assert applied(c) == [m.name for m in MIGRATIONS]
    assert migrate(c) == []
    c.close()
    c = open_db(path)  # reopening applies nothing new
    assert c.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)
    assert integrity_ok(c)


def test_pragmas(tmp_path):
    c = open_db(tmp_path / "kb.db")
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert c.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_schema_has_the_tables():
    c = open_db(":memory:")
    names = {r[0] for r in c.execute("SELECT name FROM sqlite_master")}
    for t in ("articles", "sources", "sentences", "mentions", "kb_entities", "entity_aliases", "entity_roles",
              "article_entities", "entity_links", "facts", "fact_args", "quotes", "amounts", "events",
              "articles_fts", "minhash_signatures", "lsh_buckets", "migrations"):
        assert t in names, t


def test_failed_migration_rolls_back_and_is_not_recorded():
    c = open_db(":memory:")
    bad = Migration("9999_bad", "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n")
    with pytest.raises(sqlite3.OperationalError):
        migrate(c, MIGRATIONS + [bad])
    assert not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone()
    assert "9999_bad" not in applied(c)
    assert not c.in_transaction


def test_statements_keep_trigger_bodies_whole():
    sql = "CREATE TABLE a (x);\nCREATE TRIGGER t AFTER DELETE ON a BEGIN\n  DELETE FROM a;\n  SELECT 1;\nEND;\n"
    assert len(statements(sql)) == 2


def test_missing_file_is_a_typed_error(tmp_path):
    with pytest.raises(NoDatabaseError, match=r"no such database \(run letopis ingest first\)"):
        open_db(tmp_path / "letopis.db", create=False)
    assert not (tmp_path / "letopis.db").exists()


def test_lsh_migration_refills_buckets_from_the_stored_signatures(tmp_path):
    from letopis.store import minhash
    from letopis.store.migrations import _rebucket
    from letopis.store.writer import ingest

    from kbdocs import corpus

    conn = open_db(str(tmp_path / "kb.db"))
    ingest(conn, corpus())
    before = sorted(tuple(r) for r in conn.execute("SELECT band, bucket, article_id FROM lsh_buckets"))
    signed = conn.execute("SELECT count(*) FROM minhash_signatures").fetchone()[0]
    assert signed and len(before) == signed * minhash.BANDS
    conn.execute("DELETE FROM lsh_buckets")
    _rebucket(conn)
    assert sorted(tuple(r) for r in conn.execute("SELECT band, bucket, article_id FROM lsh_buckets")) == before
    assert "0005_lsh_6_rows" in applied(conn)
