"""Exports: the store's tables and two GDELT-style tables, as JSONL, CSV or Parquet.

``gdelt_events`` follows GDELT 2.0's event table (a subset of its columns,
same names) and ``gkg`` its Global Knowledge Graph (GKG 2.1) table; both add
letopis's ``article_id`` and exact character offsets, which GDELT lacks.
``COLUMNS`` documents every column of both (the README is built from it).
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from letopis.store.errors import ExportError

FORMATS = ("jsonl", "csv", "parquet")
BASE_TABLES = (
    "articles", "sources", "sentences", "mentions", "kb_entities", "entity_aliases", "entity_roles",
    "article_entities", "facts", "fact_args", "quotes", "amounts", "events",
)
DERIVED_TABLES = ("gdelt_events", "gkg")
TABLES = BASE_TABLES + DERIVED_TABLES

# CAMEO code used for a Meeting fact that no event of the events layer covers:
# 040 "Consult, not specified" (CAMEO 1.1b3), verbal cooperation, Goldstein +1.0.
MEETING_CAMEO, MEETING_QUAD, MEETING_GOLDSTEIN = "040", 1, 1.0


def _country_code(name: str) -> str:
    """CAMEO country code of a country's name (countries.tsv, any case form); "" for anything else."""
    from letopis.kb.cameo import country_code

    return country_code(name) if name else ""


COLUMNS: dict[str, dict[str, str]] = {
    "gdelt_events": {
        "GlobalEventID": "Integer id, stable across exports (a hash of article, offsets, code and actors).",
        "Day": "YYYYMMDD of the event: the event's own date when it has one, else the article's day.",
        "Actor1Name": "Canonical KB name of the first actor (the one who acts).",
        "Actor1CountryCode": "3-letter country code of actor 1: from its CAMEO actor code, else the country of "
                             "its role in the KB, else the actor itself when it is a country.",
        "Actor2Name": "Canonical KB name of the second actor (the one acted upon / met).",
        "Actor2CountryCode": "As Actor1CountryCode, for actor 2.",
        "EventCode": "CAMEO event code (e.g. 043 host a visit); Meeting facts no event covers get "
                     f"{MEETING_CAMEO} (consult), one row per pair of participants.",
        "QuadClass": "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
        "GoldsteinScale": "Goldstein score of the event code, -10 (conflict) .. +10 (cooperation).",
        "ActionGeo_FullName": "Where it happened, as the text names it (no geocoding).",
        "SOURCEURL": "URL of the article (or its first source when it has no URL).",
        "article_id": "letopis article id (content hash); not in GDELT.",
        "start": "Character offset of the event's text in the article text; not in GDELT.",
        "end": "End offset (exclusive) of the event's text; not in GDELT.",
    },
    "gkg": {
        "GKGRECORDID": "YYYYMMDDHHMMSS-<article_id>, one record per article.",
        "DATE": "Publication time as YYYYMMDDHHMMSS (000000 when only the day is known).",
        "SourceCommonName": "Site that published the article.",
        "DocumentIdentifier": "URL of the article (or where it was read from).",
        "V2Persons": "Name,CharOffset;... for every person mention (canonical KB name, mention offset).",
        "V2Organizations": "Name,CharOffset;... for every organization mention.",
        "V2Locations": "Type#FullName#CountryCode#ADM1#ADM2#Lat#Long#FeatureID#CharOffset;... for every "
                       "LOC/LOCORG mention; Type 1 = a country we know a code for, else empty; FeatureID "
                       "is the Wikidata id when known; ADM1/ADM2/Lat/Long are empty (no geocoding).",
        "V2Themes": "THEME,CharOffset;... with letopis themes: FACT_MEETING, FACT_OCCUPATION, FACT_DEAL, "
                    "FACT_OWNERSHIP (fact offsets) and CAMEO_<code> (event offsets); not GDELT's taxonomy.",
        "Amounts": "Amount,Object,CharOffset;... Amount an exact decimal; Object the currency or unit and "
                   "what it measures (commas removed).",
        "Quotations": "Offset|Length|Verb|Quote|Speaker#... as GDELT plus Speaker (canonical KB name, "
                      "empty when unknown); '|' and '#' inside a quote are replaced by spaces, offsets "
                      "and lengths are exact.",
        "article_id": "letopis article id (content hash); not in GDELT.",
    },
}


def export(conn: sqlite3.Connection, fmt: str, tables: Optional[Sequence[str]] = None,
           out_dir: str | Path = "export") -> list[Path]:
    """Write each table to ``out_dir/<table>.<fmt>``; return the paths written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    tables = list(tables or TABLES)
    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        raise ExportError(f"unknown table {unknown[0]!r} (known: {', '.join(TABLES)})")
    if fmt == "parquet":
        try:
            import pyarrow.parquet  # noqa: F401 - only checking that it is installed
        except ImportError:
            raise ExportError("parquet export needs pyarrow: pip install letopis[scale]") from None
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create ({exc.strerror})") from None
    written = []
    for table in tables:
        columns, rows = table_rows(conn, table)
        path = out / f"{table}.{fmt}"
        try:
            _WRITERS[fmt](path, columns, rows)
        except OSError as exc:
            raise ExportError(f"{path}: cannot write ({exc.strerror})") from None
        written.append(path)
    return written


def table_rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], Iterator[dict]]:
    if table == "gdelt_events":
        return list(COLUMNS[table]), gdelt_events(conn)
    if table == "gkg":
        return list(COLUMNS[table]), gkg(conn)
    if table not in BASE_TABLES:
        raise ExportError(f"unknown table {table!r}")
    cur = conn.execute(f'SELECT * FROM "{table}"')  # a name from BASE_TABLES, never user text
    columns = [d[0] for d in cur.description]
    return columns, (dict(r) for r in cur)


def _write_jsonl(path: Path, columns: list[str], rows: Iterable[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _write_csv(path: Path, columns: list[str], rows: Iterable[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns)
        w.writeheader()
        for r in rows:
            w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in r.items()})


def _write_parquet(path: Path, columns: list[str], rows: Iterable[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = {c: [] for c in columns}
    for r in rows:
        for c in columns:
            data[c].append(r.get(c))
    pq.write_table(pa.table({c: pa.array(v) if v else pa.array([], pa.string()) for c, v in data.items()}), path)


_WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}


# --- GDELT-style tables -----------------------------------------------------------------------


def _day(value: Optional[str]) -> Optional[int]:
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value or "")
    return int("".join(m.groups())) if m else None


def _stamp(value: Optional[str]) -> str:
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?", value or "")
    if not m:
        return "00000000000000"
    return "".join(g or "00" for g in m.groups())


def _event_id(*parts) -> int:
    return int(hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()[:15], 16)


class _Kb:
    """Cached names and country codes of KB entities."""

    def __init__(self, conn):
        self.conn = conn
        self._cache: dict[int, tuple[str, str, Optional[str], str]] = {}

    def get(self, kb_id: Optional[int]) -> tuple[str, str, Optional[str], str]:
        """(name, type, wikidata, country code) of a KB entity; empty strings for None."""
        if kb_id is None:
            return "", "", None, ""
        if kb_id not in self._cache:
            e = self.conn.execute("SELECT name, type, wikidata, norm FROM kb_entities WHERE id = ?", (kb_id,)).fetchone()
            code = _country_code(e["name"]) if e["type"] in ("LOC", "LOCORG") else ""
            if not code:
                for (country,) in self.conn.execute(
                    "SELECT c.name FROM entity_roles ro JOIN kb_entities c ON c.id = ro.country_kb_id"
                    " WHERE ro.kb_entity_id = ? ORDER BY ro.id DESC",
                    (kb_id,),
                ):
                    code = _country_code(country)
                    if code:
                        break
            self._cache[kb_id] = (e["name"], e["type"], e["wikidata"], code)
        return self._cache[kb_id]


def _source_url(conn, article: sqlite3.Row) -> str:
    if article["url"]:
        return article["url"]
    row = conn.execute(
        "SELECT coalesce(url, source) FROM sources WHERE article_id = ? ORDER BY added_at, source LIMIT 1",
        (article["id"],),
    ).fetchone()
    return row[0] if row else ""


def gdelt_events(conn: sqlite3.Connection) -> Iterator[dict]:
    """Rows of the GDELT-style event table (see ``COLUMNS['gdelt_events']``)."""
    kb = _Kb(conn)
    for a in conn.execute("SELECT id, day, url FROM articles ORDER BY day IS NULL, day, seq").fetchall():
        url = _source_url(conn, a)
        events = conn.execute('SELECT * FROM events WHERE article_id = ? ORDER BY idx', (a["id"],)).fetchall()
        for ev in events:
            n1, _, _, c1 = kb.get(ev["actor1_kb_id"])
            n2, _, _, c2 = kb.get(ev["actor2_kb_id"])
            yield {
                "GlobalEventID": _event_id(a["id"], ev["start"], ev["end"], ev["cameo"], n1, n2),
                "Day": _day(ev["date"]) or _day(a["day"]),
                "Actor1Name": n1, "Actor1CountryCode": (ev["actor1_code"] or "")[:3] or c1,
                "Actor2Name": n2, "Actor2CountryCode": (ev["actor2_code"] or "")[:3] or c2,
                "EventCode": ev["cameo"], "QuadClass": ev["quad_class"], "GoldsteinScale": ev["goldstein"],
                "ActionGeo_FullName": ev["place"] or "", "SOURCEURL": url,
                "article_id": a["id"], "start": ev["start"], "end": ev["end"],
            }
        for f in conn.execute(
            "SELECT id, start, \"end\", attrs FROM facts WHERE article_id = ? AND type = 'Meeting' ORDER BY idx",
            (a["id"],),
        ).fetchall():
            if any(ev["start"] < f["end"] and f["start"] < ev["end"] and ev["cameo"].startswith("04") for ev in events):
                continue  # the events layer already has it
            args = conn.execute(
                "SELECT fa.role, fa.kb_entity_id, fa.value, e.name FROM fact_args fa"
                " LEFT JOIN kb_entities e ON e.id = fa.kb_entity_id WHERE fa.fact_id = ? ORDER BY fa.idx",
                (f["id"],),
            ).fetchall()
            people = [r["kb_entity_id"] for r in args if r["role"] == "participant" and r["kb_entity_id"]]
            place = next((r["name"] or r["value"] for r in args if r["role"] == "place"), None)
            place = place or json.loads(f["attrs"]).get("place", "")
            date = next((r["value"] for r in args if r["role"] == "date"), None)
            for i, p1 in enumerate(people):
                for p2 in people[i + 1 :]:
                    n1, _, _, c1 = kb.get(p1)
                    n2, _, _, c2 = kb.get(p2)
                    yield {
                        "GlobalEventID": _event_id(a["id"], f["start"], f["end"], MEETING_CAMEO, n1, n2),
                        "Day": _day(date) or _day(a["day"]),
                        "Actor1Name": n1, "Actor1CountryCode": c1, "Actor2Name": n2, "Actor2CountryCode": c2,
                        "EventCode": MEETING_CAMEO, "QuadClass": MEETING_QUAD, "GoldsteinScale": MEETING_GOLDSTEIN,
                        "ActionGeo_FullName": place, "SOURCEURL": url,
                        "article_id": a["id"], "start": f["start"], "end": f["end"],
                    }


def _clean(s: str, bad: str) -> str:
    return "".join(" " if c in bad else c for c in (s or ""))


def gkg(conn: sqlite3.Connection) -> Iterator[dict]:
    """Rows of the GKG-style table, one per article (see ``COLUMNS['gkg']``)."""
    kb = _Kb(conn)
    for a in conn.execute("SELECT id, published, site, url FROM articles ORDER BY day IS NULL, day, seq").fetchall():
        persons, orgs, locs = [], [], []
        for m in conn.execute(
            "SELECT type, text, start, kb_entity_id FROM mentions WHERE article_id = ? ORDER BY start", (a["id"],)
        ):
            name, _, wikidata, code = kb.get(m["kb_entity_id"])
            name = _clean(name or m["text"], ",;#")
            if m["type"] == "PER":
                persons.append(f"{name},{m['start']}")
            elif m["type"] == "ORG":
                orgs.append(f"{name},{m['start']}")
            elif m["type"] in ("LOC", "LOCORG"):
                kind = "1" if code and _country_code(name) else ""
                locs.append(f"{kind}#{name}#{code}####{wikidata or ''}#{m['start']}")
        themes = [f"FACT_{r['type'].upper()},{r['start']}" for r in conn.execute(
            "SELECT type, start FROM facts WHERE article_id = ? ORDER BY start", (a["id"],))]
        themes += [f"CAMEO_{r['cameo']},{r['start']}" for r in conn.execute(
            "SELECT cameo, start FROM events WHERE article_id = ? ORDER BY start", (a["id"],))]
        amounts = [
            f"{r['value']},{_clean(' '.join(x for x in (r['currency'] or r['unit'], r['measure']) if x), ',;')},{r['start']}"
            for r in conn.execute(
                "SELECT value, currency, unit, measure, start FROM amounts WHERE article_id = ? ORDER BY start", (a["id"],)
            )
        ]
        quotes = [
            "|".join((str(r["start"]), str(r["end"] - r["start"]), _clean(r["cue"], "|#"), _clean(r["text"], "|#"),
                      _clean(kb.get(r["speaker_kb_id"])[0], "|#")))
            for r in conn.execute(
                'SELECT start, "end", cue, text, speaker_kb_id FROM quotes WHERE article_id = ? ORDER BY start', (a["id"],)
            )
        ]
        stamp = _stamp(a["published"])
        yield {
            "GKGRECORDID": f"{stamp}-{a['id']}", "DATE": stamp, "SourceCommonName": a["site"] or "",
            "DocumentIdentifier": _source_url(conn, a), "V2Persons": ";".join(persons),
            "V2Organizations": ";".join(orgs), "V2Locations": ";".join(locs), "V2Themes": ";".join(themes),
            "Amounts": ";".join(amounts), "Quotations": "#".join(quotes), "article_id": a["id"],
        }
