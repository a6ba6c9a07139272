"""A bounded load test of the REST API on 127.0.0.1: entity and search endpoints.

    python benchmarks/api_load.py --db BENCH.db [--clients 20] [--seconds 30] [--json]
                                  [--server-workers 2] [--no-access-log]
    python benchmarks/api_load.py --db /tmp/bench.db --make-db 2000 --seconds 5   # a smoke run

Starts ``letopis serve`` on a free localhost port over ``--db`` (read-only),
or uses a server already running there (``--url http://127.0.0.1:PORT``; only
loopback addresses are accepted), then runs ``--clients`` concurrent clients
for ``--seconds`` seconds. Each client loops over a mix of requests drawn from
the database itself: entity profiles, entity timelines, entity name lookups and
full-text searches (words of stored titles). Reports requests/s and p50/p95/p99
latency, overall and per kind of request, and the count of non-200 answers.

A benchmark database: ``letopis ingest`` of a corpus (see corpus_gen.py), or
``--make-db N`` to write N synthetic hand-annotated articles (no NLP; quick).
"""
from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

SERVER_START_S = 600  # opening a KB applies pending migrations first (0007 backfills ~1 min per 100 000 articles)
MIX = (("entity", 4), ("timeline", 1), ("lookup", 2), ("search", 3))  # kind, weight


# --- a synthetic benchmark database --------------------------------------------------------

FIRST = ("Алексей", "Марат", "Айгуль", "Олег", "Ерлан", "Дина", "Бахыт", "Ирина", "Тимур", "Сауле")
LAST = ("Смирнов", "Абдуллаев", "Касымов", "Петров", "Нуров", "Сергеев", "Оспанов", "Волков", "Жумабаев", "Ахметов")
CITIES = ("Астана", "Бишкек", "Ташкент", "Душанбе", "Ереван", "Баку", "Минск", "Тбилиси")
WORDS = ("газ нефть зерно транзит дорога порт мост кредит бюджет экспорт импорт реформа школа больница "
         "энергетика логистика инвестиции соглашение программа технология туризм таможня граница").split()


def make_db(path: Path, n: int, seed: int = 1) -> None:
    from letopis.document import Document, Entity, Mention, Quote, Sentence, content_id
    from letopis.store.db import open_db
    from letopis.store.writer import ingest

    rnd = random.Random(seed)

    def article(i: int) -> Document:
        a, b = rnd.sample(range(len(LAST)), 2)
        p1, p2 = f"{FIRST[a]} {LAST[a]}", f"{FIRST[b]} {LAST[b]}"
        city = rnd.choice(CITIES)
        body = " ".join(rnd.choice(WORDS) for _ in range(40))
        quote = " ".join(rnd.choice(WORDS) for _ in range(8)).capitalize()
        text = (f"Сообщение {i}: {p1} и {p2} в городе {city}\n{city.upper()}. {p1} обсудил с {p2} вопросы: {body}. "
                f"«{quote}», — сказал {p1}.")
        ments = []
        for s, t, e in ((p1, "PER", "p1"), (p2, "PER", "p2"), (city, "LOC", "c")):
            at = text.find(s)
            ments.append(Mention(at, at + len(s), s, t, s, e))
        q0 = text.index(quote)
        sents, start = [], 0
        for m in re.finditer(r"[.!?»]\s|\n", text):
            sents.append(Sentence(start, m.end(), text[start:m.end()]))
            start = m.end()
        if start < len(text):
            sents.append(Sentence(start, len(text), text[start:]))
        return Document(
            id=content_id(text), text=text, title=text.split("\n")[0], published=f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            place=city, sentences=tuple(sents), mentions=tuple(ments),
            entities=(Entity("p1", "PER", p1), Entity("p2", "PER", p2), Entity("c", "LOC", city)),
            quotes=(Quote(q0, q0 + len(quote), quote, "p1", "сказать"),),
        )

    conn = open_db(path, synchronous="OFF")
    try:
        report = ingest(conn, (article(i) for i in range(n)))
    finally:
        conn.close()
    print(f"made {path}: {report.summary()}", file=sys.stderr, flush=True)


# --- the server ----------------------------------------------------------------------------


def check_local(url: str) -> str:
    host = urlsplit(url).hostname or ""
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if not local:
        raise SystemExit(f"--url {url}: this load test runs against 127.0.0.1 only")
    return url.rstrip("/")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, seconds: float = 60) -> None:
    """Until every worker process answers (uvicorn's supervisor logs the address before they do)."""
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/api/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url}: no answer from /api/health in {seconds:.0f} s")


def start_server(db: Path, workers: int = 1, access_log: bool = True) -> tuple[subprocess.Popen, str]:
    from letopis.cli import main

    served = any(c.name == "serve" for c in main.app.registered_commands)
    port = free_port() if workers > 1 else 0  # one process reports the port it bound; a supervisor the one given
    cmd = [sys.executable, "-m", *(["letopis", "serve"] if served else ["letopis.cli.serve"]),
           "--db", str(db), "--host", "127.0.0.1", "--port", str(port), "--log-level", "info",  # info: the address
           "--workers", str(workers), "--access-log" if access_log else "--no-access-log"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline, lines = time.monotonic() + SERVER_START_S, []
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line and proc.poll() is not None:
            break
        lines.append(line)
        m = re.search(r"running on (http://127\.0\.0\.1:\d+)", line)
        if m:
            import threading

            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            wait_healthy(m.group(1))
            return proc, m.group(1)
    proc.kill()
    raise SystemExit("letopis serve did not start:\n" + "".join(lines))


# --- the load ------------------------------------------------------------------------------


async def workload(client) -> dict[str, list]:
    """Entity ids and names, and search words, read from the served database."""
    ents = (await client.get("/api/entities", params={"limit": 200})).json()["data"]
    arts = (await client.get("/api/articles", params={"limit": 200})).json()["data"]
    if not ents or not arts:
        raise SystemExit("the database holds no entities or articles: nothing to load")
    words = sorted({w for a in arts for w in re.findall(r"[а-яё]{5,}", (a.get("title") or "").lower())})
    return {"ids": [e["id"] for e in ents], "names": [e["name"] for e in ents], "words": words or ["газ"]}


def request_for(kind: str, w: dict, rnd: random.Random) -> tuple[str, dict]:
    if kind == "entity":
        return f"/api/entities/{rnd.choice(w['ids'])}", {}
    if kind == "timeline":
        return f"/api/entities/{rnd.choice(w['ids'])}/timeline", {}
    if kind == "lookup":
        return "/api/entities", {"q": rnd.choice(w["names"])}
    return "/api/articles/search", {"q": rnd.choice(w["words"]), "limit": 20}


async def run(url: str, clients: int, seconds: float, seed: int) -> dict:
    import httpx

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        w = await workload(client)
        kinds = [k for k, n in MIX for _ in range(n)]
        samples: dict[str, list[float]] = {k: [] for k, _ in MIX}
        errors: dict[str, int] = {}
        stop = time.monotonic() + seconds

        async def one_client(i: int):
            rnd = random.Random(seed * 1000 + i)
            while time.monotonic() < stop:
                kind = rnd.choice(kinds)
                path, params = request_for(kind, w, rnd)
                t0 = time.perf_counter()
                try:
                    r = await client.get(path, params=params)
                    status = str(r.status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                samples[kind].append(time.perf_counter() - t0)
                if status != "200":
                    errors[f"{kind} {status}"] = errors.get(f"{kind} {status}", 0) + 1

        t0 = time.monotonic()
        await asyncio.gather(*(one_client(i) for i in range(clients)))
        elapsed = time.monotonic() - t0
    every = [x for xs in samples.values() for x in xs]
    return {
        "url": url, "clients": clients, "seconds": round(elapsed, 2), "requests": len(every),
        "requests_per_s": round(len(every) / elapsed, 1) if elapsed else 0.0,
        "latency_ms": stats(every),
        "by_kind": {k: {"requests": len(xs), **stats(xs)} for k, xs in samples.items()},
        "errors": errors,
    }


def percentile(sorted_xs: list[float], q: float) -> float:
    if not sorted_xs:
        return 0.0
    i = min(len(sorted_xs) - 1, max(0, round(q / 100 * len(sorted_xs) + 0.5) - 1))  # nearest rank
    return sorted_xs[i]


def stats(xs: list[float]) -> dict:
    s = sorted(xs)
    return {f"p{q}": round(percentile(s, q) * 1000, 1) for q in (50, 95, 99)}


def report(r: dict) -> str:
    lat = r["latency_ms"]
    lines = [f"{r['requests']} requests by {r['clients']} clients in {r['seconds']} s: {r['requests_per_s']} req/s",
             f"latency ms  p50 {lat['p50']}  p95 {lat['p95']}  p99 {lat['p99']}"]
    for k, v in r["by_kind"].items():
        lines.append(f"  {k:<9} {v['requests']:>7}  p50 {v['p50']}  p95 {v['p95']}  p99 {v['p99']}")
    lines.append("errors: " + (", ".join(f"{k}: {n}" for k, n in r["errors"].items()) or "none"))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="The benchmark knowledge base (served read-only).")
    ap.add_argument("--url", help="A server already running on 127.0.0.1 (instead of starting one over --db).")
    ap.add_argument("--clients", type=int, default=20, help="Concurrent clients (default 20).")
    ap.add_argument("--seconds", type=float, default=30, help="How long to load (default 30).")
    ap.add_argument("--make-db", type=int, metavar="N", help="First write N synthetic articles into --db.")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="Print the result as JSON.")
    ap.add_argument("--server-workers", type=int, default=1, help="letopis serve --workers (default 1).")
    ap.add_argument("--no-access-log", action="store_true", help="letopis serve --no-access-log.")
    args = ap.parse_args(argv)
    if not 1 <= args.clients <= 1000 or not 0 < args.seconds <= 3600:
        ap.error("--clients 1..1000, --seconds up to 3600")
    if args.url is None and args.db is None:
        ap.error("give --db (a server is started over it) or --url of a running local server")
    if args.make_db:
        if args.db is None:
            ap.error("--make-db needs --db")
        make_db(args.db, args.make_db, args.seed)
    proc = None
    if args.url:
        url = check_local(args.url)
    else:
        if not args.db.exists():
            ap.error(f"{args.db}: no such database (make one with --make-db N or letopis ingest)")
        proc, url = start_server(args.db, args.server_workers, not args.no_access_log)
    try:
        result = asyncio.run(run(url, args.clients, args.seconds, args.seed))
    finally:
        if proc is not None:  # uvicorn may take a while to drain: kill it when it does not stop in time
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
