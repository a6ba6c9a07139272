"""Onto a cluster: ``run_dask(paths, scheduler, out_dir, options)`` writes Parquet tables.

The client reads the sources into shards of ``shard_size`` raw pages and
submits one task per shard to a Dask distributed cluster; each task runs the
same pipeline as ``letopis extract`` (``process_pages``) and writes the
shard's tables (see ``letopis.engines.parquet``), returning row counts.  At
most two shards per worker thread are in flight, so the client's memory
stays flat on any input size.  Models load once per worker process: a
worker plugin sets single-threaded BLAS and builds the pipeline when the
worker starts, and a module-level cache keeps it for every later task.

Errors never stop the run: unreadable inputs and articles a stage fails on
become rows of the ``errors`` table (from the task).  A shard whose task
fails as a whole (its workers killed on it, for memory or a crash) is re-run
one task per page, so only a page that fails by itself becomes an error row.

Recipe: an existing Dask deployment
-----------------------------------
Every machine needs letopis installed with the same version
(``pip install 'letopis[scale]'``) and the output folder on storage that
all workers and the client see (NFS or another shared mount)::

    # the scheduler, on one host
    dask scheduler --port 8786
    # on each worker host: one single-threaded process per core
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \\
        dask worker tcp://HOST:8786 --nworkers auto --nthreads 1 --memory-limit 1.5GiB
    # on the client, where the inputs are
    letopis extract --engine dask --scheduler tcp://HOST:8786 -o /shared/out/ corpus/
    letopis ingest --from-parquet /shared/out/ --db letopis.db

Without a shared folder, pass ``write_on_workers=False``: the tasks return
their tables and the client writes them.  Without ``--scheduler`` a local
cluster of one single-threaded process per CPU is started for the run.
Each worker process holds about 350 MB (models, one shard); allow 1 GiB or more.
benchmarks/README.md has the same recipe.
"""
from __future__ import annotations

import logging

import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from letopis.engines import parquet
from letopis.engines.local import SINGLE_THREAD_ENV, WARM_UP_TEXT, available_cpus, single_thread_env
from letopis.pipeline import Options, Pipeline, batched, build_pipeline, process_pages
from letopis.readers import read_sources
from letopis.readers.base import LetopisError, RawPage, ReadError

SHARD_SIZE = 200
SHARDS_PER_THREAD = 2
PLUGIN_NAME = "letopis-models"
Factory = Callable[[Options], Pipeline]

_pipelines: dict = {}  # (options, factory) -> Pipeline, one per worker process
_lock = threading.Lock()  # pipelines are built, and run, one at a time per process


def pipeline_for(options: Options, factory: Factory = build_pipeline) -> Pipeline:
    """This process's pipeline for ``options`` (models load on the first call only)."""
    key = (options, factory)
    with _lock:
        if key not in _pipelines:
            single_thread_env()
            _pipelines[key] = factory(options)
        return _pipelines[key]


class LoadModels(WorkerPlugin):
    """Load the models when a worker starts, in a background thread (the worker's event loop
    stays free), so the first shard does not pay for them; tasks wait for it through the lock."""

    name = PLUGIN_NAME

    def __init__(self, options: Options = Options(), factory: Factory = build_pipeline):
        self.options, self.factory = options, factory

    def setup(self, worker) -> None:
        single_thread_env()
        threading.Thread(target=warm_up, args=(self.options, self.factory), name="letopis-warm-up", daemon=True).start()


def warm_up(options: Options, factory: Factory = build_pipeline) -> None:
    """Build this process's pipeline and run it once on a one-line text (loads every model)."""
    pipeline = pipeline_for(options, factory)
    with _lock:
        try:
            list(process_pages([RawPage("<warm-up>", WARM_UP_TEXT)], options, pipeline))
        except Exception:  # a broken model shows up on the first real shard, as error rows
            pass


def shard_tables(shard: int, first_seq: int, pages: list, options: Options, factory: Factory = build_pipeline) -> dict:
    return parquet.to_tables(run_pages(pages, options, factory), shard, first_seq)


def process_shard(shard: int, first_seq: int, pages: list, options: Options, out_dir: Optional[str],
                  factory: Factory = build_pipeline):
    """The task: one shard through the pipeline; writes its tables when ``out_dir`` is given
    (returns the row counts), else returns the tables for the client to write."""
    tables = shard_tables(shard, first_seq, pages, options, factory)
    if out_dir is None:
        return tables
    return parquet.write_tables(tables, out_dir, shard)


@dataclass
class DaskReport:
    out_dir: str
    shards: int = 0
    inputs: int = 0
    rows: dict[str, int] = field(default_factory=lambda: {name: 0 for name in parquet.TABLES})
    failed_shards: list[str] = field(default_factory=list)  # "shard N: reason"
    seconds: float = 0.0
    workers: int = 0

    @property
    def articles(self) -> int:
        return self.rows["articles"]

    @property
    def errors(self) -> int:
        return self.rows["errors"]

    def add(self, counts: dict[str, int]) -> None:
        for name, n in counts.items():
            self.rows[name] = self.rows.get(name, 0) + n

    def summary(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (f"{self.articles} articles, {self.errors} errors in {self.shards} shards on {self.workers} workers,"
                f" {self.seconds:.1f} s ({rate:.1f} articles/s) -> {self.out_dir}")

    def to_json(self) -> dict:
        return asdict(self)


def shards_of(items: Iterable[RawPage | ReadError], shard_size: int) -> Iterable[tuple[int, int, list]]:
    """(shard number, input position of its first item, items)."""
    seq = 0
    for number, chunk in enumerate(batched(items, shard_size)):
        yield number, seq, chunk
        seq += len(chunk)


def run_dask(
    paths: list[str],
    scheduler: Optional[str],
    out_dir: Union[str, Path],
    options: Options = Options(),
    shard_size: int = SHARD_SIZE,
    *,
    client: Optional[Client] = None,
    write_on_workers: bool = True,
    overwrite: bool = False,
    pipeline_factory: Factory = build_pipeline,
    items: Optional[Iterable[RawPage | ReadError]] = None,
    stdin=None,
    on_shard: Optional[Callable[[int, dict], None]] = None,
) -> DaskReport:
    """Extract ``paths`` on a Dask cluster into Parquet tables under ``out_dir``.

    ``scheduler`` is an address (``tcp://HOST:8786``); ``None`` starts a local
    cluster for the run; ``client`` uses an open client instead.  ``items``
    replaces reading ``paths`` (raw pages made elsewhere).  ``on_shard(n, counts)``
    runs on the client after each shard is written.
    """
    if shard_size < 1:
        raise LetopisError(f"--shard-size must be at least 1 (got {shard_size})")
    if pipeline_factory is build_pipeline:
        build_pipeline(options)  # an unknown --only layer fails here, before any cluster starts
    out = parquet.prepare_output(out_dir, overwrite)
    started = time.perf_counter()
    own_cluster = own_client = None
    try:
        if client is None:
            if scheduler:
                try:
                    client = own_client = Client(scheduler, timeout="30s")
                except (OSError, TimeoutError) as exc:
                    raise LetopisError(f"{scheduler}: cannot reach the Dask scheduler ({exc})") from exc
            else:
                # silence_logs: the cluster's own shutdown chatter (closed heartbeat streams) is not the user's business
                own_cluster = LocalCluster(n_workers=available_cpus(), threads_per_worker=1, processes=True,
                                           env=dict(SINGLE_THREAD_ENV), dashboard_address=None,
                                           silence_logs=logging.CRITICAL)
                client = own_client = Client(own_cluster)
        report = _run(client, paths, out, options, shard_size, write_on_workers, pipeline_factory,
                      items if items is not None else read_sources(list(paths), stdin=stdin), on_shard)
    finally:
        quiet = logging.getLogger("distributed")
        level = quiet.level
        quiet.setLevel(logging.CRITICAL)
        try:
            if own_client is not None:
                own_client.close()
            if own_cluster is not None:
                own_cluster.close()
        finally:
            quiet.setLevel(level)
    report.seconds = round(time.perf_counter() - started, 3)
    parquet.write_manifest(out, {"letopis": _version(), "options": asdict(options), "shard_size": shard_size,
                                 "paths": [str(p) for p in paths], **report.to_json()})
    return report


def _run(client: Client, paths, out: Path, options: Options, shard_size: int, write_on_workers: bool,
         factory: Factory, items, on_shard) -> DaskReport:
    client.register_plugin(LoadModels(options, factory), name=PLUGIN_NAME)
    threads = sum(client.nthreads().values()) or 1
    report = DaskReport(str(out), workers=len(client.nthreads()))
    limit = max(2, SHARDS_PER_THREAD * threads)
    run_id = uuid.uuid4().hex[:8]
    target = str(out) if write_on_workers else None
    waiting: dict = {}  # future -> (shard, first_seq, pages)
    done = as_completed()

    def submit(shard: int, first: int, pages: list) -> None:
        fut = client.submit(process_shard, shard, first, pages, options, target, factory,
                            key=f"letopis-shard-{run_id}-{shard}", pure=False)
        waiting[fut] = (shard, first, pages)
        done.add(fut)

    def collect(fut) -> None:
        shard, first, pages = waiting.pop(fut)
        try:
            result = fut.result()
            counts = result if write_on_workers else parquet.write_tables(result, out, shard)
        except Exception as exc:  # the whole task failed (its workers died): retry its pages one by one
            report.failed_shards.append(f"shard {shard}: {type(exc).__name__}: {_first_line(exc)}")
            results = _page_by_page(client, pages, options, factory, f"{run_id}-{shard}")
            counts = parquet.write_tables(parquet.to_tables(results, shard, first), out, shard)
        finally:
            fut.release()
        report.add(counts)
        if on_shard:
            on_shard(shard, counts)

    for shard, first, pages in shards_of(items, shard_size):
        report.shards += 1
        report.inputs += len(pages)
        submit(shard, first, pages)
        while len(waiting) >= limit:
            collect(next(done))
    while waiting:
        collect(next(done))
    return report


def run_pages(pages: list, options: Options, factory: Factory = build_pipeline) -> list:
    pipeline = pipeline_for(options, factory)
    with _lock:
        return list(process_pages(pages, options, pipeline))


def _page_by_page(client: Client, pages: list, options: Options, factory: Factory, tag: str) -> list:
    """A shard whose task failed: one task per page, so only a page that fails by itself is an error.

    The pages run in parallel first.  A page whose task failed there may only have been queued
    on a worker that another page killed (the scheduler counts every task in flight on a dead
    worker against its retries), so each such page runs once more on its own before it becomes
    an error."""
    futures = [None if isinstance(p, ReadError) else
               client.submit(run_pages, [p], options, factory, key=f"letopis-page-{tag}-{i}", pure=False)
               for i, p in enumerate(pages)]
    results = []
    for i, (page, fut) in enumerate(zip(pages, futures)):
        if fut is None:
            results.append(page)
            continue
        item = _one_page(fut, page)
        if isinstance(item, ReadError) and item.reason.startswith("task failed"):
            item = _one_page(client.submit(run_pages, [page], options, factory, key=f"letopis-page-{tag}-{i}-alone",
                                           pure=False), page)
        results.append(item)
    return results


def _one_page(fut, page):
    try:
        (item,) = fut.result()
    except Exception as exc:
        item = ReadError(page.source, f"task failed: {type(exc).__name__}: {_first_line(exc)}")
    finally:
        fut.release()
    return item


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else ""


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("letopis")
    except Exception:  # pragma: no cover
        return "unknown"
