"""The knowledge base at scale: ingest a generated corpus, then time the queries.

    python benchmarks/kb_scale.py -n 100000 [--workers 2] [--db benchmarks/out/kb-100k.db]

1. generates N articles with benchmarks/corpus_gen.py (made from corpus/ with
   varied names, dates, places and numbers);
2. ingests them with the real pipeline (local process pool) and the real store,
   recording the time of every stored article: throughput of each tenth of the
   run (the last tenth must be no slower than 1.3x the first) and the database
   size per 1 000 articles;
3. runs `entity`, `meetings` and `search` queries (the library functions the CLI
   and the API call) for names and words drawn from the stored data, and
   reports p50/p95 per query kind (target: p95 under 200 ms).

Results go to stdout as a table and to benchmarks/out/kb_scale.json.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def ingest_timed(jsonl: Path, db: Path, workers: int) -> dict:
    from letopis.engines import extract_documents
    from letopis.pipeline import Options
    from letopis.store.db import open_db
    from letopis.store.writer import ingest

    conn = open_db(str(db))
    stamps: list[float] = []
    sizes: list[tuple[int, int]] = []
    start = time.perf_counter()

    def stored(*_args, **_kw):
        stamps.append(time.perf_counter() - start)
        if len(stamps) % 1000 == 0:
            size = sum(os.path.getsize(p) for p in (str(db), str(db) + "-wal") if os.path.exists(p))
            sizes.append((len(stamps), size))
            print(f"  {len(stamps)} stored, {stamps[-1]:.0f} s, db {size / 1e6:.1f} MB", flush=True)

    report = ingest(conn, extract_documents([str(jsonl)], Options(), workers), on_stored=stored)
    conn.close()
    n = len(stamps)
    tenth = max(1, n // 10)
    # the first tenth is timed from the first stored article, so model loading does not flatter the ratio
    first = stamps[tenth] - stamps[0] if n > tenth else stamps[-1]
    last = stamps[-1] - stamps[n - tenth - 1] if n > tenth else stamps[-1]
    return {"stored": report.stored, "errors": report.errors, "duplicates": report.duplicates + report.near_duplicates,
            "seconds": round(stamps[-1], 1) if stamps else 0, "articles_per_s": round(n / stamps[-1], 2) if stamps else 0,
            "first_tenth_s": round(first, 1), "last_tenth_s": round(last, 1),
            "last_over_first": round(last / first, 3) if first else None,
            "db_mb_per_1000": [round(size / 1e6 / (count / 1000), 2) for count, size in sizes[:: max(1, len(sizes) // 10)]],
            "db_mb": round(sizes[-1][1] / 1e6, 1) if sizes else None}


def time_queries(db: Path, rounds: int, seed: int) -> dict:
    from letopis.store import queries
    from letopis.store.db import open_db
    from letopis.store.errors import QueryError

    conn = open_db(str(db), create=False)
    rng = random.Random(seed)
    people = [r[0] for r in conn.execute("SELECT name FROM kb_entities WHERE type = 'PER' ORDER BY random() LIMIT 200")]
    words = ["газ", "товарооборот", "соглашение", "переговоры", "инвестиции", "транспорт", "нефть", "кредит"]
    kinds = {
        "entity": lambda: queries.entity_profile(conn, rng.choice(people)),
        "meetings": lambda: queries.meetings(conn, with_=rng.choice(people)),
        "search": lambda: queries.search(conn, rng.choice(words), limit=20),
    }
    out = {}
    for kind, call in kinds.items():
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            try:
                call()
            except QueryError:
                pass
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        out[kind] = {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[int(0.95 * len(times)) - 1], 1),
                     "max_ms": round(times[-1], 1)}
    conn.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--rounds", type=int, default=100, help="queries of each kind")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--queries-only", action="store_true", help="time the queries on an existing --db")
    args = ap.parse_args()
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    db = args.db or out_dir / f"kb-{args.n}.db"
    result = {"n": args.n, "workers": args.workers}
    if not args.queries_only:
        from corpus_gen import write_jsonl

        jsonl = out_dir / f"gen-{args.n}.jsonl"
        if not jsonl.exists():
            write_jsonl(jsonl, args.n, args.seed)
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        result["ingest"] = ingest_timed(jsonl, db, args.workers)
        print(json.dumps(result["ingest"], ensure_ascii=False))
    result["queries"] = time_queries(db, args.rounds, args.seed)
    print(json.dumps(result["queries"], ensure_ascii=False))
    (out_dir / "kb_scale.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
