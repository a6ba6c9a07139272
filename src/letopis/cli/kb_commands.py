"""Knowledge-base commands: ingest, search, entity, meetings, quotes, facts, amounts,
stats, export, chronicle.  Thin: parse options, call ``letopis.store``, print.

Every command takes ``--db FILE`` (default ``letopis.db``) and, except
``ingest`` and ``export``, ``--format table|json|csv``.  User errors print
one line on stderr and exit with status 1, never a traceback.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import sqlite3
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer

from letopis.readers.base import LetopisError

DEFAULT_DB = Path("letopis.db")


class OutFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class SearchOrder(str, Enum):
    newest = "newest"
    relevance = "relevance"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


Db = Annotated[Path, typer.Option("--db", help="The knowledge-base file (SQLite).")]
Fmt = Annotated[OutFormat, typer.Option("--format", "-f", help="table (readable), json or csv.")]


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(1)


def user_errors(fn: Callable) -> Callable:
    """Turn library errors into one line on stderr and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except LetopisError as exc:
            _fail(str(exc))
        except sqlite3.DatabaseError as exc:
            db = kwargs.get("db", DEFAULT_DB)
            _fail(f"{db}: not a usable letopis database ({exc})")
        except OSError as exc:
            _fail(f"{getattr(exc, 'filename', None) or 'letopis'}: {exc.strerror or exc}")

    return wrapper


def _open(db: Path, create: bool = False):
    from letopis.store.db import open_db

    return open_db(db, create=create)


# --- output ----------------------------------------------------------------------------------


def _json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, (list, dict)) else value


def _csv(rows: list[dict]) -> None:
    columns: list[str] = []
    for r in rows:
        columns += [k for k in r if k not in columns]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: _flat(v) for k, v in r.items()})
    typer.echo(buf.getvalue(), nl=False)


def _sections(data: dict) -> list[dict]:
    """A dict result as csv rows: one row per list item, tagged with its section."""
    rows = []
    for key, value in data.items():
        if isinstance(value, list):
            rows += [{"section": key, **(v if isinstance(v, dict) else {"value": v})} for v in value]
        elif isinstance(value, dict):
            rows += [{"section": key, "key": k, "value": v} for k, v in value.items()]
        else:
            rows.append({"section": key, "value": value})
    return rows


def _console():
    from rich.console import Console

    return Console(soft_wrap=False, highlight=False)


def _table(title: str, columns: list[str], rows: list[list], console=None) -> None:
    """A rich table; cell text is never read as rich markup."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    t = Table(title=escape(title), title_justify="left")
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*[x if isinstance(x, Text) else Text("" if x is None else str(x)) for x in r])
    (console or _console()).print(t)


def _line(console, text: str) -> None:
    console.print(text, markup=False)


def _emit(fmt: OutFormat, data, render: Callable[[Any], None]) -> None:
    if fmt is OutFormat.json:
        _json(data)
    elif fmt is OutFormat.csv:
        _csv(data if isinstance(data, list) else _sections(data))
    else:
        render(data)


def _where(r: dict) -> str:
    return f"{r['article_id']}:{r['start']}-{r['end']}"


def _who(p: dict) -> str:
    return p["name"] + (f" ({', '.join(p['countries'])})" if p.get("countries") else "")


def _marked(text: str, start: int, matches: list):
    from rich.text import Text

    t = Text(text)
    for s, e in matches:
        t.stylize("bold yellow", s - start, e - start)
    return t


# --- commands --------------------------------------------------------------------------------


@user_errors
def ingest_cmd(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files, directories (recursive) or - for stdin.")] = None,
    db: Db = DEFAULT_DB,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes for extraction.")] = 1,
    summary: Annotated[bool, typer.Option("--summary", help="Also print the readable summary of each article.")] = False,
    from_parquet: Annotated[Optional[Path], typer.Option("--from-parquet", help="Load the Parquet tables of `extract --engine dask` instead of reading pages.")] = None,
) -> None:
    """Extract articles and store them in the knowledge base (idempotent; near-duplicates stored once)."""
    import importlib

    from letopis.cli.progress import progress
    from letopis.store.writer import ERROR, ingest

    from letopis.engines import extract_documents, ingest_parquet

    pipeline = importlib.import_module("letopis.pipeline")  # lazily: models load only for ingest
    options = pipeline.Options()
    if not paths and from_parquet is None:
        _fail("give PATH... to read, or --from-parquet DIR")
    conn = _open(db, create=True)

    def report_error(outcome) -> None:
        if outcome.status == ERROR:
            typer.echo(str(outcome), err=True)

    try:
        if from_parquet is not None:
            report = ingest_parquet(conn, from_parquet, on_result=report_error)
        else:
            from letopis.store.writer import NOT_STORED

            source = (extract_documents(list(paths), options, workers, drop=NOT_STORED) if workers > 1
                      else pipeline.process_sources(list(paths), options))
            items = _without_db_files(source, db)
            if summary:
                items = _echo_summaries(items)
            report = ingest(conn, progress(items, enabled=True), on_result=report_error)
    except (pipeline.PipelineError, LetopisError) as exc:
        _fail(str(exc))
    finally:
        conn.close()
    typer.echo(report.summary())
    if report.errors and not (report.stored or report.duplicates or report.near_duplicates):
        raise typer.Exit(1)


def _echo_summaries(items):
    from letopis.document import Document
    from letopis.render import to_text

    for item in items:
        if isinstance(item, Document):
            typer.echo(to_text(item) + "\n")
        yield item


def _without_db_files(items, db: Path):
    """Drop the database's own files ("letopis ingest ." in the folder that holds letopis.db)."""
    own = {str(Path(str(db) + suffix).resolve()) for suffix in ("", "-wal", "-shm", "-journal")}
    for item in items:
        source = getattr(item, "source", "") or ""
        if source and str(Path(source).resolve()) in own:
            continue
        yield item


@user_errors
def search_cmd(
    query: Annotated[str, typer.Argument(help="Words to find (Russian word forms match: 'газ' finds 'газовой').")],
    date_from: Annotated[Optional[str], typer.Option("--from", help="First publication day, e.g. 2024-05-01.")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="Last publication day (inclusive).")] = None,
    type_: Annotated[Optional[list[str]], typer.Option("--type", help="Keep articles with this entity type (PER, ORG, LOC, LOCORG) or fact type (Meeting ...); repeatable.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many articles.")] = 20,
    order: Annotated[SearchOrder, typer.Option("--order", help="newest: publication day, newest first; relevance: bm25, best first (ranks every match).")] = SearchOrder.newest,
    db: Db = DEFAULT_DB,
    format: Fmt = OutFormat.table,
) -> None:
    """Full-text search of the stored articles, with highlighted sentences."""
    from letopis.store import queries

    rows = queries.search(_open(db), query, date_from, date_to, type_, limit, order=order.value)

    def render(rows):
        if not rows:
            typer.echo("no articles found")
            return
        from rich.text import Text

        out = []
        for r in rows:
            snips = Text("\n").join(_marked(s["text"], s["start"], s["matches"]) for s in r["snippets"])
            out.append([r["id"], (r["published"] or "")[:10], r["title"] or "", snips])
        _table(f"{len(rows)} article(s) for {query!r}", ["article", "date", "title", "where it says so"], out)

    _emit(format, rows, render)


@user_errors
def entity_cmd(
    name: Annotated[str, typer.Argument(help="A name as written in the news, any case form: 'Токаев', 'Токаева'.")],
    explain: Annotated[bool, typer.Option("--explain", help="Show why each article's entity was linked to this one.")] = False,
    db: Db = DEFAULT_DB,
    format: Fmt = OutFormat.table,
) -> None:
    """Profile of a person, organization or place: roles over time, timeline, co-mentions, quotes, facts."""
    from letopis.store import queries

    data = queries.entity_profile(_open(db), name, links_limit=None if explain else 0)  # --explain: every link
    if not explain:
        data.pop("links")

    def render(d):
        c = _console()
        e = d["entity"]
        _line(c, f"{e['name']} ({e['type']}{', ' + e['wikidata'] if e['wikidata'] else ''}) — "
                 f"{d['articles']} article(s), {d['mentions']} mention(s)")
        if e["aliases"]:
            _line(c, "also: " + ", ".join(e["aliases"]))
        if d["roles"]:
            _table("roles", ["post", "organization", "country", "from", "to", "articles"],
                   [[r["post"], r["organization"], r["country"], r["first_seen"], r["last_seen"], r["articles"]]
                    for r in d["roles"]], c)
        unit = d["timeline_unit"]
        _table(f"mentions per {unit}", [unit, "articles", "mentions"],
               [[t[unit], t["articles"], t["mentions"]] for t in d["timeline"]], c)
        if d["co_mentioned"]:
            _table("mentioned with", ["name", "type", "articles"],
                   [[x["name"], x["type"], x["articles"]] for x in d["co_mentioned"]], c)
        for f in d["facts"]:
            if f["type"] == "Meeting":
                _line(c, f"{f['date'] or ''} meeting with {', '.join(_who(p) for p in f['with'])}"
                        f"{' in ' + f['place'] if f['place'] else ''} [{_where(f)}]")
            else:
                _line(c, f"{f['day'] or ''} {f['type']}: {f['text']} [{_where(f)}]")
        for q in d["quotes"]:
            _line(c, f"{q['day'] or ''} «{q['text']}» [{_where(q)}]")
        if "links" in d:
            _table("why these articles are about this entity", ["article", "entity", "as written", "reason"],
                   [[x["article_id"], x["entity_id"], x["name"], x["reason"]] for x in d["links"]], c)
        if d["others"]:
            _line(c, "other entities with this name: " + ", ".join(f"{o['name']} ({o['type']}, id {o['id']})" for o in d["others"]))

    _emit(format, data, render)


@user_errors
def meetings_cmd(
    with_: Annotated[Optional[str], typer.Option("--with", help="A participant: person, organization or country.")] = None,
    between: Annotated[Optional[tuple[str, str]], typer.Option("--between", help="Two parties, e.g. --between Казахстан Туркменистан.")] = None,
    db: Db = DEFAULT_DB,
    format: Fmt = OutFormat.table,
) -> None:
    """Meetings: who met whom, where and when (a country matches its officials)."""
    from letopis.store import queries

    rows = queries.meetings(_open(db), with_=with_, between=tuple(between) if between and all(between) else None)
    _emit(format, rows, lambda rows: _table(
        f"{len(rows)} meeting(s)", ["date", "participants", "place", "format", "where"],
        [[r["date"], "; ".join(_who(p) for p in r["participants"]), r["place"], r["format"], _where(r)] for r in rows]))


@user_errors
def quotes_cmd(
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Who said it.")] = None,
    about: Annotated[Optional[str], typer.Option("--about", help="Words in the quote, or an entity it mentions.")] = None,
    db: Db = DEFAULT_DB,
    format: Fmt = OutFormat.table,
) -> None:
    """Quotes with their speakers, article ids and offsets."""
    from letopis.store import queries

    rows = queries.quotes(_open(db), speaker=speaker, about=about)
    _emit(format, rows, lambda rows: _table(
        f"{len(rows)} quote(s)", ["date", "speaker", "quote", "kind", "where"],
        [[r["day"], r["speaker"], r["text"], r["kind"], _where(r)] for r in rows]))


@user_errors
def facts_cmd(
    type_: Annotated[Optional[str], typer.Option("--type", help="Occupation, Meeting, Deal or Ownership.")] = None,
    db: Db = DEFAULT_DB,
    format: Fmt = OutFormat.table,
) -> None:
    """Facts with their arguments resolved to knowledge-base entities."""
    from letopis.store import queries

    rows = queries.facts(_open(db), type_)

    def args(f):
        return "; ".join(f"{a['role']}={a['name'] or a['value']}" for a in f["args"])

    _emit(format, rows, lambda rows: _table(
        f"{len(rows)} fact(s)", ["date", "type", "arguments", "modality", "where"],
        [[r["day"], r["type"], args(r), r["modality"], _where(r)] for r in rows]))


@user_errors
def amounts_cmd(
    about: Annotated[Optional[str], typer.Option("--about", help="Words of what is measured or of its sentence.")] = None,
    db: Db = DEFAULT_DB,
    format: Fmt = OutFormat.table,
) -> None:
    """Amounts of money, percentages and counts, with exact decimal values."""
    from letopis.store import queries

    rows = queries.amounts(_open(db), about=about)
    _emit(format, rows, lambda rows: _table(
        f"{len(rows)} amount(s)", ["date", "as written", "value", "unit", "measure", "where"],
        [[r["day"], r["text"], r["value"], r["currency"] or r["unit"], r["measure"], _where(r)] for r in rows]))


@user_errors
def stats_cmd(db: Db = DEFAULT_DB, format: Fmt = OutFormat.table) -> None:
    """Counts, entities and facts by type, top entities, articles per day."""
    from letopis.store import queries

    data = queries.stats(_open(db))

    def render(d):
        c = _console()
        _table("counts", ["table", "rows"], [[k, v] for k, v in d["counts"].items()], c)
        _table("entities by type", ["type", "entities"], [[k, v] for k, v in d["entities_by_type"].items()], c)
        _table("top entities", ["name", "type", "articles", "mentions"],
               [[r["name"], r["type"], r["articles"], r["mentions"]] for r in d["top_entities"]], c)
        _table("articles per day", ["day", "articles"], [[r["day"], r["articles"]] for r in d["per_day"]], c)

    _emit(format, data, render)


@user_errors
def export_cmd(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, csv or parquet (needs pyarrow).")] = ExportFormat.jsonl,
    table: Annotated[Optional[list[str]], typer.Option("--table", "-t", help="A table to export (repeatable); default all, incl. gdelt_events and gkg.")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Directory to write into.")] = Path("export"),
    db: Db = DEFAULT_DB,
) -> None:
    """Export tables (and GDELT-style gdelt_events and gkg tables) as JSONL, CSV or Parquet."""
    from letopis.store.export import export

    for path in export(_open(db), format.value, table, output):
        typer.echo(str(path))


@user_errors
def chronicle_cmd(
    limit: Annotated[int, typer.Option("--limit", help="Entries per section.")] = 10,
    db: Db = DEFAULT_DB,
    format: Fmt = OutFormat.table,
) -> None:
    """A short chronicle of the knowledge base: who appears most, who met whom, who said what."""
    from letopis.store import queries

    data = queries.chronicle(_open(db), limit)

    def render(d):
        c = _console()
        p = d["period"]
        _line(c, f"{d['articles']} article(s), {p['from'] or '?'} .. {p['to'] or '?'}")
        for key, title in (("people", "people"), ("organizations", "organizations"), ("places", "places")):
            if d[key]:
                _table(title, ["name", "articles", "mentions"], [[r["name"], r["articles"], r["mentions"]] for r in d[key]], c)
        if d["meetings"]:
            _table("meetings", ["date", "participants", "place"],
                   [[m["date"], "; ".join(_who(x) for x in m["participants"]), m["place"]] for m in d["meetings"]], c)
        if d["quotes"]:
            _table("quotes", ["date", "speaker", "quote"], [[q["day"], q["speaker"], q["text"]] for q in d["quotes"]], c)

    _emit(format, data, render)


COMMANDS = {
    "ingest": ingest_cmd, "search": search_cmd, "entity": entity_cmd, "meetings": meetings_cmd,
    "quotes": quotes_cmd, "facts": facts_cmd, "amounts": amounts_cmd, "stats": stats_cmd,
    "export": export_cmd, "chronicle": chronicle_cmd,
}


def register(app: typer.Typer) -> None:
    """Add the knowledge-base commands to the ``letopis`` app."""
    for name, fn in COMMANDS.items():
        app.command(name)(fn)
