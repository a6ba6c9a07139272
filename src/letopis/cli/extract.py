"""``letopis extract``: one record per article, as JSON, JSONL or a readable summary."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from letopis.cli.progress import progress
from letopis.document import Document
from letopis.pipeline import Options, PipelineError, process_sources
from letopis.render import explain as explain_doc
from letopis.render import to_json_line, to_text


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin: .txt, .html, .jsonl.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="json (an array), jsonl (one per line) or text.")] = Format.text,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Also print each dropped line and the rule that dropped it.")] = False,
    only: Annotated[Optional[str], typer.Option("--only", help="Comma-separated layers wanted (e.g. entities); skips stages not needed.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Local worker processes (models load once per worker).")] = 1,
    engine: Annotated[str, typer.Option("--engine", help="local (this machine) or dask (a cluster; writes Parquet tables to -o DIR).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://HOST:8786 (default: a LocalCluster).")] = None,
    shard_size: Annotated[int, typer.Option("--shard-size", min=1, help="Articles per Dask task.")] = 200,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Dask: replace Parquet tables already in -o DIR.")] = False,
) -> None:
    """Extract people, organizations, places, facts, quotes and amounts from news pages."""
    from letopis.engines import check_engine, extract_documents, extract_parquet
    from letopis.readers.base import LetopisError

    options = Options(only=tuple(x.strip() for x in only.split(",")) if only else ())
    try:
        check_engine(engine, workers, scheduler, output)
        if engine == "dask":
            report = extract_parquet(paths, output, options, scheduler, shard_size, overwrite)
            typer.echo(report.summary(), err=True)
            if report.articles == 0:
                raise typer.Exit(1)
            return
    except LetopisError as exc:
        _fail(str(exc))
    try:
        out = open(output, "w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror})")
    ok = errors = 0
    try:
        items = extract_documents(paths, options, workers) if workers > 1 else process_sources(paths, options)
        if format is Format.json:
            out.write("[")
        for item in progress(items, enabled=len(paths) > 1 or any(Path(p).is_dir() for p in paths if p != "-")):
            if not isinstance(item, Document):
                errors += 1
                typer.echo(f"letopis: {item}", err=True)
                continue
            if format is Format.json:
                out.write(("," if ok else "") + "\n" + to_json_line(item, indent=1))
            elif format is Format.jsonl:
                out.write(to_json_line(item) + "\n")
            else:
                out.write(to_text(item) + "\n\n")
            if explain:
                typer.echo(explain_doc(item), err=True)
            ok += 1
        if format is Format.json:
            out.write("\n]\n")
    except (PipelineError, LetopisError) as exc:
        _fail(str(exc))
    finally:
        if output:
            out.close()
    if ok == 0:
        _fail(f"nothing could be processed ({errors} input error(s))")


def _fail(message: str) -> None:
    typer.echo(f"letopis: {message}", err=True)
    raise typer.Exit(1)
