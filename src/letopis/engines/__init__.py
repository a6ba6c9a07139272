"""How a run is spread: in this process, over local processes, or over a Dask cluster.

- ``local.run_local(pages, options, workers)``: a process pool on one machine,
  results in input order (``letopis extract/ingest --workers N``).
- ``dask.run_dask(paths, scheduler, out_dir, options)``: shards on a Dask
  cluster, Parquet tables out (``letopis extract --engine dask``).
- ``parquet.load_parquet(conn, out_dir)``: a Parquet run into the knowledge
  base (``letopis ingest --from-parquet DIR``).

The functions below are the CLI's glue: plain functions that check option
combinations (raising ``LetopisError`` with the line to print) and import
dask/pyarrow only when those engines are asked for.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional, Union

from letopis.readers.base import LetopisError

ENGINES = ("local", "dask")


def check_engine(engine: str, workers: int = 1, scheduler: Optional[str] = None,
                 output: Optional[Union[str, Path]] = None) -> None:
    """Refuse option combinations that cannot work, with the line a user sees."""
    if engine not in ENGINES:
        raise LetopisError(f"--engine must be one of {', '.join(ENGINES)} (got {engine!r})")
    if workers < 1:
        raise LetopisError(f"--workers must be at least 1 (got {workers})")
    if engine == "local" and scheduler:
        raise LetopisError("--scheduler needs --engine dask")
    if engine == "dask":
        if output is None:
            raise LetopisError("--engine dask writes Parquet tables: give the output folder with -o DIR")
        if workers != 1:
            raise LetopisError("--workers is for --engine local; a Dask cluster has its own workers")
        try:
            import distributed  # noqa: F401
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise LetopisError(f"--engine dask needs dask and pyarrow ({exc.name} is missing):"
                               " pip install 'letopis[scale]'") from None


def extract_documents(paths: list[str], options, workers: int = 1, stdin=None, drop: tuple[str, ...] = ()) -> Iterator:
    """``letopis extract/ingest PATHS --workers N``: Documents and errors in input order, without the
    layers in ``drop`` (emptied in the workers: see ``run_local``)."""
    from letopis.engines.local import run_local
    from letopis.readers import read_sources

    return run_local(read_sources(list(paths), stdin=stdin), options, workers, drop=drop)


def extract_parquet(paths: list[str], out_dir: Union[str, Path], options, scheduler: Optional[str] = None,
                    shard_size: int = 200, overwrite: bool = False, stdin=None, on_shard=None):
    """``letopis extract --engine dask [--scheduler ADDR] -o DIR PATHS``: returns a ``DaskReport``."""
    check_engine("dask", 1, scheduler, out_dir)
    from letopis.engines.dask import run_dask

    return run_dask(list(paths), scheduler, out_dir, options, shard_size, overwrite=overwrite, stdin=stdin,
                    on_shard=on_shard)


def ingest_parquet(conn, directory: Union[str, Path], on_stored=None, on_result=None):
    """``letopis ingest --from-parquet DIR``: returns the ``IngestReport``."""
    from letopis.engines.parquet import load_parquet

    if not Path(directory).is_dir():
        raise LetopisError(f"{directory}: no such directory")
    return load_parquet(conn, directory, on_stored=on_stored, on_result=on_result)
