"""Many processes on one machine: ``run_local(pages, options, workers)``.

Pages are cut into chunks of ``options.batch`` (16 by default, one model
batch) and sent to a pool of worker processes started with ``spawn`` (never
``fork``: a forked copy of loaded models and BLAS thread pools is unsafe).
Each worker builds the pipeline once, in its initializer, and runs it on one
short text there, so the models load once per process, before the first
chunk; ``LocalPool`` keeps such a pool (and its models) across runs.  At most
``in_flight`` chunks (4 per worker by default) are queued at a time, so memory
stays flat however long the input is, and results come back in input order:
the output of ``workers=N`` is the output of ``workers=1`` (a Document's id
is a content hash, not a position or a worker number).

Workers run with ``OPENBLAS_NUM_THREADS=1`` and ``OMP_NUM_THREADS=1``: the
models' matrix products are small, and N processes each spawning N BLAS
threads are slower than N single-threaded processes.

A worker that dies (killed for memory, a crash in native code) does not stop
the run: the chunks that were in flight are re-run one at a time in a
one-worker pool, a chunk that kills it again is re-run page by page, and
only a page that kills a worker by itself becomes a ``ReadError``.  Workers
that die on everything (a broken install) stop the run with one line.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, Optional

from letopis.document import LAYERS, Document
from letopis.pipeline import Options, Pipeline, batched, build_pipeline, process_pages
from letopis.readers.base import LetopisError, RawPage, ReadError

SINGLE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
WARM_UP_TEXT = "Сергей Иванов прилетел в Москву 5 марта и заявил: «Всё готово»."
IN_FLIGHT_PER_WORKER = 4  # enough to keep every worker busy while the parent yields results
MAX_DEATHS_IN_A_ROW = 4  # a chunk, then its pages: more deaths in a row than that and the workers are broken
WORKER_DIED = "the worker process died on this page (killed for memory, or a crash)"

Item = RawPage | ReadError
Factory = Callable[[Options], Pipeline]

_pipeline: Optional[Pipeline] = None  # one per worker process, built by _init_worker
_options: Optional[Options] = None


def available_cpus() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def single_thread_env() -> None:
    """Keep BLAS/OpenMP to one thread in this process (effective before numpy loads)."""
    for key, value in SINGLE_THREAD_ENV.items():
        os.environ[key] = value


def _init_worker(options: Options, factory: Factory) -> None:
    global _pipeline, _options
    single_thread_env()
    _options = options
    _pipeline = factory(options)
    try:  # load every model now, not in the middle of the first chunk
        list(process_pages([RawPage("<warm-up>", WARM_UP_TEXT)], options, _pipeline))
    except Exception:  # a stage that fails shows up on the real pages, as errors
        pass


def _run_chunk(chunk: list[Item], drop: tuple[str, ...] = ()) -> list[Document | ReadError]:
    results = list(process_pages(chunk, _options, _pipeline))
    for doc in results:
        if isinstance(doc, Document):
            for layer in drop:
                setattr(doc, layer, ())
    return results


def _ready() -> int:
    time.sleep(0.05)  # long enough that one worker cannot take every probe
    return os.getpid()


def run_local(
    pages: Iterable[Item],
    options: Options = Options(),
    workers: int = 1,
    *,
    in_flight: Optional[int] = None,
    pipeline_factory: Factory = build_pipeline,
    drop: tuple[str, ...] = (),
) -> Iterator[Document | ReadError]:
    """Documents (or one-line errors) for ``pages``, in input order, on ``workers`` processes.

    ``workers=1`` runs in this process without a pool.  ``pipeline_factory``
    builds the pipeline in each worker; it must be a module-level function
    (it is pickled by name), ``build_pipeline`` unless a test swaps it.
    ``drop``: layers the caller will not read, emptied in the worker before
    the Document is sent back (``ingest`` drops ``tokens``, which the KB does
    not keep: they are 60 % of a pickled Document and 80 % of its unpickling).
    """
    if workers < 1:
        raise LetopisError(f"--workers must be at least 1 (got {workers})")
    if workers == 1:
        return process_pages(pages, options, pipeline_factory(options))
    pool = LocalPool(options, workers, in_flight=in_flight, pipeline_factory=pipeline_factory, drop=drop)

    def results() -> Iterator[Document | ReadError]:
        with pool:
            yield from pool.run(pages)

    return results()


class LocalPool:
    """A pool of ``workers`` processes that keeps its loaded models across runs::

        with LocalPool(options, workers=2) as pool:
            pool.start()                       # optional: wait until every worker has its models
            docs = list(pool.run(pages))       # as run_local, without starting processes again
    """

    def __init__(self, options: Options = Options(), workers: int = 2, *, in_flight: Optional[int] = None,
                 pipeline_factory: Factory = build_pipeline, drop: tuple[str, ...] = ()):
        if workers < 1:
            raise LetopisError(f"--workers must be at least 1 (got {workers})")
        if pipeline_factory is build_pipeline:
            build_pipeline(options)  # an unknown --only layer fails here, not as a broken pool; loads no model
        unknown = [layer for layer in drop if layer not in LAYERS]
        if unknown:
            raise LetopisError(f"cannot drop {unknown}: not a layer ({', '.join(LAYERS)})")
        self.options, self.workers, self.factory, self.drop = options, workers, pipeline_factory, tuple(drop)
        self.limit = in_flight or IN_FLIGHT_PER_WORKER * workers
        self.context = multiprocessing.get_context("spawn")
        self.executor: Optional[ProcessPoolExecutor] = None
        self.deaths = 0  # chunks or pages in a row that killed their worker when run alone

    def __enter__(self) -> "LocalPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def _start(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=self.context,
            initializer=_init_worker, initargs=(self.options, self.factory),
        )

    def start(self, timeout: float = 300.0) -> "LocalPool":
        """Start every worker and wait until each has loaded its models."""
        if self.executor is None:
            self.executor = self._start(self.workers)
        seen: set[int] = set()
        deadline = time.monotonic() + timeout
        while len(seen) < self.workers and time.monotonic() < deadline:
            try:
                seen.update(f.result() for f in [self.executor.submit(_ready) for _ in range(self.workers)])
            except BrokenProcessPool:
                raise LetopisError("worker processes died while loading the models; run with --workers 1 to see why") from None
        return self

    def run(self, pages: Iterable[Item]) -> Iterator[Document | ReadError]:
        """Documents (or one-line errors) for ``pages``, in input order."""
        if self.executor is None:
            self.executor = self._start(self.workers)
        pending: deque[tuple[list[Item], Future]] = deque()
        try:
            for chunk in batched(pages, max(1, self.options.batch)):
                pending.append((chunk, self.executor.submit(_run_chunk, chunk, self.drop)))
                while len(pending) >= self.limit:
                    yield from self._next(pending)
            while pending:
                yield from self._next(pending)
        finally:
            for _, fut in pending:  # the caller stopped early: drop what is queued
                fut.cancel()

    def _next(self, pending: deque) -> Iterator[Document | ReadError]:
        chunk, fut = pending.popleft()
        try:
            results = fut.result()
        except BrokenProcessPool:
            yield from self._recover(chunk, pending)
            return
        yield from results

    def _recover(self, first: list[Item], pending: deque) -> Iterator[Document | ReadError]:
        """The pool broke: re-run the chunks that were in flight one at a time, then go on with a fresh
        pool.  A chunk that kills its worker again is re-run page by page: only the pages that kill
        a worker become errors."""
        chunks = [first] + [chunk for chunk, _ in pending]
        pending.clear()
        self.executor.shutdown(wait=False, cancel_futures=True)
        alone = self._start(1)
        try:
            for chunk in chunks:
                results, alone = self._alone(alone, chunk)
                if results is None:
                    pages = []
                    for item in chunk:
                        one, alone = self._alone(alone, [item])
                        pages += one if one is not None else [ReadError(item.source, WORKER_DIED)]
                    results = pages
                yield from results
        finally:
            alone.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start(self.workers)

    def _alone(self, alone: ProcessPoolExecutor, chunk: list[Item]):
        """(results or None if the worker died, the pool to use next)."""
        if all(isinstance(item, ReadError) for item in chunk):
            return list(chunk), alone
        try:
            results = alone.submit(_run_chunk, chunk, self.drop).result()
        except BrokenProcessPool as exc:
            alone.shutdown(wait=False, cancel_futures=True)
            self.deaths += 1
            if self.deaths >= MAX_DEATHS_IN_A_ROW:  # not one bad page: the workers cannot run at all
                raise LetopisError(f"worker processes keep dying ({exc}); run with --workers 1 to see why") from None
            return None, self._start(1)
        self.deaths = 0
        return results, alone
