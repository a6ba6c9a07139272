"""Documents as flat Parquet tables, and back into the knowledge base.

One folder per table under the output directory, one file per shard::

    OUT/articles/part-00000.parquet   shard, seq, article_id, source, title, ..., json
    OUT/mentions/part-00000.parquet   article_id, idx, start, end, text, type, normal, entity, ...
    OUT/entities/  OUT/facts/  OUT/quotes/  OUT/amounts/  OUT/events/
    OUT/errors/part-00000.parquet     shard, seq, source, reason
    OUT/_letopis.json                 counts and options of the run (written last)

Every record is one row carrying its ``article_id`` (``Document.id``) and,
where the record has them, its ``start``/``end`` offsets into the article
text; ``idx`` is its position in the Document's layer.  Columns follow the
record dataclasses of ``letopis.document``: numbers stay numbers, a
``Decimal`` is kept exact as a string (amounts also get ``value_float``),
nested records and dicts are JSON strings, tuples of strings are lists.
The articles table carries the whole Document JSON (``json``), which is what
``load_parquet`` stores: a Parquet run re-loaded equals a single-process run.

``seq`` is the input position of the item (article or error) in the whole
run, so ``read_items`` gives Documents and errors back in input order.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Iterator, Union

from letopis.document import LAYERS, Amount, Document, Entity, Event, Fact, Mention, Quote, _encode, _hints
from letopis.readers.base import LetopisError, ReadError

RECORD_TABLES: dict[str, type] = {
    "mentions": Mention, "entities": Entity, "facts": Fact, "quotes": Quote, "amounts": Amount, "events": Event,
}
TABLES = ("articles", *RECORD_TABLES, "errors")
ARTICLE_FIELDS = ("title", "published", "place", "attribution", "url", "site", "lang", "version")
MANIFEST = "_letopis.json"
_PART = re.compile(r"^part-(\d+)\.parquet$")


def _pa():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise LetopisError("Parquet output needs pyarrow: pip install 'letopis[scale]'") from exc
    return pa, pq


# --- columns from the record dataclasses ------------------------------------------------------


def _column(hint: Any) -> tuple[str, Any]:
    """(kind, arrow type) for a dataclass field; kind says how a value is converted."""
    pa, _ = _pa()
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return _column(args[0])
        return "json", pa.string()
    if hint is bool:
        return "plain", pa.bool_()
    if hint is int:
        return "plain", pa.int64()
    if hint is float:
        return "plain", pa.float64()
    if hint is str:
        return "plain", pa.string()
    if hint is Decimal:
        return "decimal", pa.string()
    if origin is tuple and typing.get_args(hint)[:1] == (str,):
        return "plain", pa.list_(pa.string())
    return "json", pa.string()


def _record_columns(cls: type) -> list[tuple[str, str, Any]]:
    hints = _hints(cls)
    return [(f.name, *_column(hints[f.name])) for f in dataclasses.fields(cls)]


def schemas() -> dict:
    """The arrow schema of every table."""
    pa, _ = _pa()
    out = {
        "articles": pa.schema(
            [("shard", pa.int32()), ("seq", pa.int64()), ("article_id", pa.string()), ("source", pa.string())]
            + [(name, pa.string()) for name in ARTICLE_FIELDS]
            + [("chars", pa.int64())] + [(f"n_{layer}", pa.int32()) for layer in LAYERS]
            + [("json", pa.large_string())]
        ),
        "errors": pa.schema([("shard", pa.int32()), ("seq", pa.int64()), ("source", pa.string()), ("reason", pa.string())]),
    }
    for table, cls in RECORD_TABLES.items():
        fields = [("article_id", pa.string()), ("idx", pa.int32())]
        for name, kind, typ in _record_columns(cls):
            fields.append((name, typ))
            if kind == "decimal":
                fields.append((f"{name}_float", pa.float64()))
        out[table] = pa.schema(fields)
    return {name: out[name] for name in TABLES}


def _value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "decimal":
        return str(value)
    if kind == "json":
        return json.dumps(_encode(value), ensure_ascii=False, sort_keys=True)
    if isinstance(value, tuple):
        return list(value)
    return value


# --- Documents -> tables ----------------------------------------------------------------------


def to_tables(items: Iterable[Document | ReadError], shard: int = 0, first_seq: int = 0) -> dict:
    """The rows of one shard as arrow tables (every table present, possibly empty)."""
    pa, _ = _pa()
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    columns = {table: _record_columns(cls) for table, cls in RECORD_TABLES.items()}
    for seq, item in enumerate(items, start=first_seq):
        if not isinstance(item, Document):
            source = getattr(item, "source", "") or ""
            rows["errors"].append({"shard": shard, "seq": seq, "source": source, "reason": getattr(item, "reason", str(item))})
            continue
        article = {"shard": shard, "seq": seq, "article_id": item.id, "source": item.source,
                   **{name: getattr(item, name) for name in ARTICLE_FIELDS}, "chars": len(item.text),
                   **{f"n_{layer}": len(getattr(item, layer)) for layer in LAYERS},
                   "json": json.dumps(item.to_json(), ensure_ascii=False)}
        rows["articles"].append(article)
        for table, cols in columns.items():
            for idx, rec in enumerate(getattr(item, table)):
                row = {"article_id": item.id, "idx": idx}
                for name, kind, _typ in cols:
                    value = getattr(rec, name)
                    row[name] = _value(kind, value)
                    if kind == "decimal":
                        row[f"{name}_float"] = float(value) if value is not None else None
                rows[table].append(row)
    return {name: pa.Table.from_pylist(rows[name], schema=schema) for name, schema in schemas().items()}


def counts(tables: dict) -> dict[str, int]:
    return {name: table.num_rows for name, table in tables.items()}


def part_name(shard: int) -> str:
    return f"part-{shard:05d}.parquet"


def write_tables(tables: dict, out_dir: Union[str, Path], shard: int) -> dict[str, int]:
    """Write one shard's tables (atomically: a retried task replaces its own files)."""
    _, pq = _pa()
    for name, table in tables.items():
        folder = Path(out_dir) / name
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / part_name(shard)
        tmp = folder / f".{part_name(shard)}.{os.getpid()}.tmp"
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, final)
    return counts(tables)


def prepare_output(out_dir: Union[str, Path], overwrite: bool = False) -> Path:
    """Create ``out_dir``; refuse one that already holds a run unless ``overwrite``."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise LetopisError(f"{out}: not a directory")
    old = [out / name for name in TABLES if (out / name).is_dir()] + ([out / MANIFEST] if (out / MANIFEST).exists() else [])
    if old and not overwrite:
        raise LetopisError(f"{out}: already holds Parquet output; remove it or pass --overwrite")
    for path in old:
        if path.is_dir():
            for part in path.iterdir():
                if part.is_file() and (_PART.match(part.name) or part.name.endswith(".tmp")):
                    part.unlink()
        else:
            path.unlink()
    out.mkdir(parents=True, exist_ok=True)
    return out


def write_manifest(out_dir: Union[str, Path], data: dict) -> None:
    path = Path(out_dir) / MANIFEST
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, path)


# --- tables -> Documents ----------------------------------------------------------------------


def _parts(folder: Path) -> dict[int, Path]:
    if not folder.is_dir():
        return {}
    return {int(m.group(1)): p for p in folder.iterdir() if (m := _PART.match(p.name))}


def read_items(out_dir: Union[str, Path]) -> Iterator[Document | ReadError]:
    """Documents (from the articles table's JSON) and errors, in input order, one shard at a time."""
    _, pq = _pa()
    out = Path(out_dir)
    articles, errors = _parts(out / "articles"), _parts(out / "errors")
    if not articles and not errors:
        raise LetopisError(f"{out}: no Parquet output of letopis here (expected {out}/articles/part-*.parquet)")
    for shard in sorted(set(articles) | set(errors)):
        rows: list[tuple[int, Any]] = []
        if shard in articles:
            t = pq.read_table(articles[shard], columns=["seq", "json"]).to_pydict()
            rows += [(seq, ("doc", js)) for seq, js in zip(t["seq"], t["json"])]
        if shard in errors:
            t = pq.read_table(errors[shard], columns=["seq", "source", "reason"]).to_pydict()
            rows += [(seq, ("err", (src, why))) for seq, src, why in zip(t["seq"], t["source"], t["reason"])]
        for _seq, (kind, value) in sorted(rows, key=lambda r: r[0]):
            yield Document.from_json(json.loads(value)) if kind == "doc" else ReadError(*value)


def read_documents(out_dir: Union[str, Path]) -> Iterator[Document]:
    return (item for item in read_items(out_dir) if isinstance(item, Document))


def load_parquet(conn, out_dir: Union[str, Path], on_stored=None, on_result=None):
    """Store a Parquet run in the knowledge base (``letopis ingest --from-parquet DIR``).

    The Documents are read from the articles table's JSON and stored by
    ``store.writer.ingest`` in input order, as a direct ``letopis ingest``
    would; error rows are reported as errors.  Returns the ``IngestReport``.
    """
    from letopis.store.writer import ingest

    return ingest(conn, read_items(out_dir), on_stored=on_stored, on_result=on_result)
