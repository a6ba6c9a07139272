"""Helpers of the UI tests: the browser, the server command, screenshots, a stand-in extractor."""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SCREENSHOTS = REPO / "test-output" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TOKEN = "ui-test-token-9c3d"
SERVER_START_S = 30


def fake_extract(text: str, meta=None):
    """A stand-in for the NLP pipeline: one PER mention on the first «Иванов»."""
    from letopis.document import Document, Entity, Mention, content_id

    if not text.strip() or "ПУСТО" in text:
        raise ValueError("no article text left after cleaning")
    meta = meta or {}
    mentions, entities = (), ()
    at = text.find("Иванов")
    if at >= 0:
        mentions = (Mention(at, at + 6, "Иванов", "PER", "Иванов", "e1"),)
        entities = (Entity("e1", "PER", "Иванов"),)
    return Document(id=content_id(text), text=text, title=meta.get("title", ""), mentions=mentions, entities=entities)


def chromium_path() -> str | None:
    """Debian's chromium; LETOPIS_CHROMIUM names another binary ("none": behave as if absent)."""
    chosen = os.environ.get("LETOPIS_CHROMIUM")
    if chosen is not None:
        return chosen if chosen not in ("", "none") and os.access(chosen, os.X_OK) else None
    for name in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.access(name, os.X_OK):
            return name
    return shutil.which("chromium") or shutil.which("chromium-browser")


def serve_command() -> list[str]:
    """``letopis serve`` once it is registered in cli/main.py, else the same function run as a module."""
    from letopis.cli import main

    if any(c.name == "serve" for c in main.app.registered_commands):
        return [sys.executable, "-m", "letopis", "serve"]
    return [sys.executable, "-m", "letopis.cli.serve"]


def drain(proc) -> None:
    """Keep reading the server's log so that it never blocks on a full pipe."""
    import threading

    threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()


def shot(page, name: str) -> Path:
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@contextlib.contextmanager
def running_server(db: Path, *extra: str, env: dict | None = None):
    """A ``letopis serve`` subprocess over ``db`` on a free localhost port: yields its base URL."""
    cmd = serve_command() + ["--db", str(db), "--host", "127.0.0.1", "--port", "0", "--log-level", "info", *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    url, lines = None, []
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline and url is None:
        line = proc.stderr.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        lines.append(line)
        m = re.search(r"running on (http://127\.0\.0\.1:\d+)", line)
        if m:
            url = m.group(1)
    if url is None:
        proc.kill()
        raise RuntimeError("letopis serve did not start:\n" + "".join(lines))
    drain(proc)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
