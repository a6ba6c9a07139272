"""The generated corpus through the Dask engine, on a real LocalCluster: time and rows.

    python benchmarks/dask_scale.py -n 100000 [--workers 2] [--shard-size 200]

1. generates N articles with benchmarks/corpus_gen.py (or reuses
   benchmarks/out/gen-N.jsonl);
2. starts a LocalCluster of ``--workers`` single-threaded worker processes and
   runs ``letopis.engines.dask.run_dask`` over the file (the same call as
   ``letopis extract --engine dask -o DIR``), writing Parquet shards to
   benchmarks/out/dask-N/;
3. reports wall time, articles/s, shards, rows per table, failed shards and
   the size of the Parquet output, and checks the article count with DuckDB
   reading the shards directly.

Results go to stdout and to benchmarks/out/dask_scale.json.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shard-size", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    from distributed import Client, LocalCluster

    from corpus_gen import write_jsonl
    from letopis.engines.dask import run_dask
    from letopis.engines.local import SINGLE_THREAD_ENV

    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    jsonl = out_dir / f"gen-{args.n}.jsonl"
    if not jsonl.exists():
        write_jsonl(jsonl, args.n, args.seed)
    target = out_dir / f"dask-{args.n}"
    done = {"shards": 0}
    started = time.perf_counter()

    def progress(n, counts):
        done["shards"] += 1
        if done["shards"] % 50 == 0:
            print(f"  {done['shards']} shards, {time.perf_counter() - started:.0f} s", flush=True)

    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, env=dict(SINGLE_THREAD_ENV),
                      dashboard_address=None, silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        report = run_dask([str(jsonl)], None, target, shard_size=args.shard_size, client=client, overwrite=True,
                          on_shard=progress)
    wall = time.perf_counter() - started
    size = sum(p.stat().st_size for p in target.rglob("*.parquet"))
    import duckdb

    counted = duckdb.sql(f"SELECT count(*) FROM read_parquet('{target}/articles/**/*.parquet')").fetchall()[0][0]
    result = {"n": args.n, "workers": args.workers, "shard_size": args.shard_size, "wall_s": round(wall, 1),
              "articles": report.articles, "articles_per_s": round(report.articles / wall, 2), "shards": report.shards,
              "rows": report.rows, "failed_shards": report.failed_shards, "parquet_mb": round(size / 1e6, 1),
              "duckdb_articles": counted}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    (out_dir / "dask_scale.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
