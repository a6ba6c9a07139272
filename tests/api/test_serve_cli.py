"""``letopis serve``: options, localhost default, refusal without a token or a database."""
from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner


@pytest.fixture()
def cli(monkeypatch):
    import uvicorn

    from letopis.cli.serve import serve

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    app = typer.Typer()
    app.command("serve")(serve)
    app.command("noop", hidden=True)(lambda: None)  # keep "serve" a subcommand
    return app, calls


def test_defaults_are_localhost_read_only(cli, kb_path):
    app, calls = cli
    r = CliRunner().invoke(app, ["serve", "--db", str(kb_path)])
    assert r.exit_code == 0, r.output
    (served, kw), = calls
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8000
    assert served.state.settings.allow_ingest is False
    assert not any(getattr(route, "methods", None) == {"POST"} and route.path == "/api/articles"
                   for route in served.routes)


def test_ingest_needs_a_token(cli, kb_path):
    app, calls = cli
    r = CliRunner().invoke(app, ["serve", "--db", str(kb_path), "--allow-ingest"], env={"LETOPIS_TOKEN": ""})
    assert r.exit_code == 1 and "--token" in r.output and not calls
    r = CliRunner().invoke(app, ["serve", "--db", str(kb_path), "--allow-ingest"], env={"LETOPIS_TOKEN": "s3"})
    assert r.exit_code == 0 and calls[0][0].state.settings.token == "s3"


def test_missing_database(cli, tmp_path):
    app, calls = cli
    r = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "no.db")])
    assert r.exit_code == 1 and "no such database" in r.output and not calls


def test_not_a_database(cli, tmp_path):
    app, calls = cli
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    r = CliRunner().invoke(app, ["serve", "--db", str(bad)])
    assert r.exit_code == 1 and "not a usable letopis database" in r.output


def test_public_host_warns(cli, kb_path):
    app, calls = cli
    r = CliRunner().invoke(app, ["serve", "--db", str(kb_path), "--host", "0.0.0.0", "--port", "9000"])
    assert r.exit_code == 0 and "reachable from the network" in r.output
    assert calls[0][1]["host"] == "0.0.0.0" and calls[0][1]["port"] == 9000


def test_two_worker_processes_serve_the_same_database(kb_path):
    """A real `letopis serve --workers 2` on a free port: both processes answer, read-only."""
    import json
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "letopis", "serve", "--db", str(kb_path), "--port", str(port), "--workers", "2",
           "--log-level", "warning", "--no-access-log"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline, health = time.monotonic() + 120, None
        while time.monotonic() < deadline and health is None:
            try:
                with urllib.request.urlopen(url + "/api/health", timeout=2) as r:
                    health = json.loads(r.read())
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                time.sleep(0.3)
        assert health == {"status": "ok", "ingest": False}
        with urllib.request.urlopen(url + "/api/entities?limit=3", timeout=10) as r:
            assert json.loads(r.read())["count"] > 0
        with pytest.raises(urllib.error.HTTPError) as refused:  # read-only: no write endpoint in any worker
            urllib.request.urlopen(urllib.request.Request(url + "/api/articles", data=b"[]", method="POST"), timeout=10)
        assert refused.value.code in (404, 405)
        import psutil

        assert len(psutil.Process(proc.pid).children()) >= 2  # uvicorn's supervisor and its two workers
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
