"""``letopis serve``: the REST API and the web UI over a knowledge base (uvicorn).

Localhost and read-only by default.  ``--allow-ingest --token TOKEN`` adds
``POST /api/articles`` (needs ``Authorization: Bearer TOKEN``).
"""
from __future__ import annotations

import ipaddress
import sqlite3
from pathlib import Path
from typing import Annotated, Optional

import typer

from letopis.readers.base import LetopisError

DEFAULT_DB = Path("letopis.db")
LOCAL_HOSTS = ("localhost",)


def _is_local(host: str) -> bool:
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db: Annotated[Path, typer.Option("--db", help="The knowledge-base file (SQLite).")] = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (localhost by default; other "
                                                     "addresses expose the server to the network).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port (0: any free port).")] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="Accept POST /api/articles (needs --token); "
                                                                      "creates the database if missing.")] = False,
    token: Annotated[Optional[str], typer.Option("--token", envvar="LETOPIS_TOKEN", show_envvar=True,
                                                 help="Bearer token for POST /api/articles.")] = None,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
    workers: Annotated[int, typer.Option("--workers", min=1, max=32, help="Server processes (one per core "
                                          "serves the most requests; each holds its own connections).")] = 1,
    access_log: Annotated[bool, typer.Option("--access-log/--no-access-log", help="One log line per request "
                                             "(at --log-level info).")] = True,
) -> None:
    """Serve the REST API (docs at /docs, spec at /openapi.json) and the web UI."""
    from letopis.api import Settings, create_app

    if allow_ingest and not token:
        _fail("--allow-ingest needs --token TOKEN (or LETOPIS_TOKEN): POST /api/articles is refused without one")
    if token and not allow_ingest:
        typer.echo("note: --token has no effect without --allow-ingest (the server is read-only)", err=True)
    if not _is_local(host):
        typer.echo(f"warning: listening on {host}: the server is reachable from the network"
                   + (" and accepts articles with the token" if allow_ingest else ""), err=True)
    try:
        app = create_app(db, Settings(allow_ingest=allow_ingest, token=token if allow_ingest else None))
    except LetopisError as exc:
        _fail(str(exc))
    except sqlite3.DatabaseError as exc:
        _fail(f"{db}: not a usable letopis database ({exc})")
    import uvicorn

    common = dict(host=host, port=port, log_level=log_level, access_log=access_log, server_header=False,
                  proxy_headers=False)
    if workers == 1:
        uvicorn.run(app, **common)
        return
    # the app above opened (and migrated) the database once, here; each worker process builds its own
    import os

    from letopis.api.app import ENV_ALLOW_INGEST, ENV_DB, ENV_TOKEN

    os.environ[ENV_DB] = str(db)
    os.environ[ENV_ALLOW_INGEST] = "1" if allow_ingest else "0"
    if allow_ingest and token:
        os.environ[ENV_TOKEN] = token
    app.state.pool.close()
    uvicorn.run("letopis.api.app:app_from_env", factory=True, workers=workers, **common)


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(1)


if __name__ == "__main__":  # python -m letopis.cli.serve (before the command is registered in cli/main.py)
    typer.run(serve)
