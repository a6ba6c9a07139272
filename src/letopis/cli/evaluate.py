"""``letopis eval factrueval``: write official responses and score them with letopis's own scorer."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(help="Evaluate letopis on public benchmarks.", no_args_is_help=True)


@app.command("factrueval")
def factrueval(
    track: Annotated[int, typer.Option("--track", "-t", min=1, max=3, help="1 mentions, 2 entities, 3 facts.")],
    data: Annotated[Path, typer.Option("--data", help="factRuEval-2016 std directory (e.g. ../shared/data/factrueval-2016/devset).")],
    out: Annotated[Optional[Path], typer.Option("--out", help="Keep the response files here (default: a temporary directory).")] = None,
    no_locorg: Annotated[bool, typer.Option("--no-locorg", help="Track 1: score LocOrg as Location (the official -l).")] = False,
    hard: Annotated[bool, typer.Option("--hard", help="Track 3: the official hard mode (-m).")] = False,
) -> None:
    """Run letopis over a factRuEval-2016 set, write responses in the official format and print the official table."""
    from letopis.evaluation.factrueval import load_devset, score_track1, score_track2, score_track3
    from letopis.evaluation.factrueval.score import resolve_std_dir
    from letopis.evaluation.factrueval_system import run_system, write_responses

    try:
        std_dir = resolve_std_dir(data)
        std = load_devset(std_dir)
    except (FileNotFoundError, ValueError, OSError) as exc:
        typer.echo(f"letopis: {data}: {exc}", err=True)
        raise typer.Exit(1)
    if not std:
        typer.echo(f"letopis: {data}: no factRuEval documents (book_N.*) found", err=True)
        raise typer.Exit(1)
    run = run_system(std_dir)
    with tempfile.TemporaryDirectory() as tmp:
        target = out or Path(tmp) / "responses"
        write_responses(run, target, track, locorg=not no_locorg)
        if track == 1:
            table = score_track1(std, target, locorg_as_loc=no_locorg)
        elif track == 2:
            table = score_track2(std, target)
        else:
            table = score_track3(std, target, hard=hard)
        typer.echo(table.render())
    typer.echo(f"{len(run.docs)} documents processed in {run.seconds:.1f} s"
               + (f"; responses in {out}" if out else ""), err=True)
