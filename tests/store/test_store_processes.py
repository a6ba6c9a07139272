"""Real processes: a writer killed with SIGKILL, and readers during an ingest."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import kbdocs
from letopis.store import queries
from letopis.store.db import integrity_ok, open_db
from letopis.store.errors import NoDatabaseError
from letopis.store.writer import ingest

HERE = Path(__file__).resolve().parent

WRITER = """
import sys
sys.path.insert(0, {here!r})
import kbdocs
from letopis.store.db import open_db
from letopis.store.writer import ingest
conn = open_db({db!r}, synchronous={sync!r})
if {gate!r}:  # the test's reader connects first, then lets the ingest start
    print("ready", flush=True)
    sys.stdin.readline()
ingest(conn, kbdocs.iter_generated({n}), on_stored=lambda o: print("stored", o.article_id, flush=True))
print("done", flush=True)
"""


def _writer(db, n, sync="FULL", gate=False):
    code = WRITER.format(here=str(HERE), db=str(db), n=n, sync=sync, gate=gate)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            stdin=subprocess.PIPE if gate else None)


def test_kill_9_loses_nothing_reported(tmp_path):
    db = tmp_path / "kb.db"
    proc = _writer(db, 5000)
    printed = []
    try:
        while len(printed) < 25:
            line = proc.stdout.readline()
            assert line, "writer exited early"
            assert line.startswith("stored ")
            printed.append(line.split()[1])
        assert proc.poll() is None, "writer finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    conn = open_db(db, create=False)
    assert integrity_ok(conn)
    stored = {r[0] for r in conn.execute("SELECT id FROM articles")}
    assert set(printed) <= stored
    assert len(stored) < 5000
    # a second run continues: what was stored is a duplicate, the rest is stored
    docs = kbdocs.generated(len(stored) + 20)
    report = ingest(conn, docs)
    assert report.errors == 0
    assert report.duplicates == len(stored) and report.stored == 20
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(stored) + 20
    assert integrity_ok(conn)


def test_readers_query_while_a_process_ingests(tmp_path):
    db = tmp_path / "kb.db"
    n = 400
    proc = _writer(db, n, sync="NORMAL", gate=True)
    try:
        assert proc.stdout.readline().strip() == "ready"  # the schema is there; nothing stored yet
        conn = None
        deadline = time.time() + 30
        while conn is None and time.time() < deadline:
            try:
                conn = open_db(db, create=False)
            except NoDatabaseError:
                time.sleep(0.01)
        assert conn is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
        seen, rounds = [], 0
        while proc.poll() is None and time.time() < deadline:
            count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            seen.append(count)
            if count:
                queries.search(conn, "министр")
                queries.stats(conn)
                queries.quotes(conn, speaker="Смирнов")
            rounds += 1
        out = proc.communicate(timeout=30)[0]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and out.rstrip().endswith("done")
    assert seen == sorted(seen)  # each read sees a committed state, never fewer articles
    assert any(0 < c < n for c in seen), "no read happened during the ingest"
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == n
    assert len(queries.search(conn, "министр", limit=1000)) == n
