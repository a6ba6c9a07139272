"""The read side: plain functions over a knowledge base, returning lists of dicts.

All SQL takes user input as parameters; full-text queries are built from
quoted terms only (see ``textindex``).  User mistakes raise ``QueryError``
(``NotFoundError`` for an unknown name), never a database error.
"""
from __future__ import annotations

import json
import re
import sqlite3
from typing import Optional, Sequence

from letopis.store import entity_reads
from letopis.store.errors import NotFoundError, QueryError
from letopis.store.lookup import candidates, find_entity, side
from letopis.store.textindex import check_query, fts_query, matches_in, terms, valid_text

ENTITY_TYPES = ("PER", "ORG", "LOC", "LOCORG")
MAX_LIMIT = 10_000
SNIPPETS_PER_ARTICLE = 3
SNIPPET_CHARS = 300
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _dicts(rows) -> list[dict]:
    return [dict(r) for r in rows]


def _limit(limit) -> int:
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be a whole number from 1 to {MAX_LIMIT}, not {limit!r}")
    return limit


def _date(value: Optional[str], what: str) -> Optional[str]:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise QueryError(f"{what}: expected a date like 2024-05-12 (or 2024-05, 2024), not {str(value)[:40]!r}")
    return value


def _entity(row: sqlite3.Row) -> dict:
    return {"id": row["id"], "type": row["type"], "name": row["name"], "wikidata": row["wikidata"]}


# --- search ----------------------------------------------------------------------------------


def type_filter(types) -> tuple[str, list]:
    """A condition over ``articles a``: the article has a mention of one of these entity types
    or a fact of one of these fact types (validated by the caller)."""
    ents = [t.upper() for t in types if t.upper() in ENTITY_TYPES]
    kinds = [t.lower() for t in types if t.upper() not in ENTITY_TYPES]
    ors, params = [], []
    if ents:
        ors.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND m.type IN ({','.join('?' * len(ents))}))")
        params += ents
    if kinds:
        ors.append(f"EXISTS (SELECT 1 FROM facts f WHERE f.article_id = a.id AND lower(f.type) IN ({','.join('?' * len(kinds))}))")
        params += kinds
    return "(" + " OR ".join(ors) + ")", params


SEARCH_ORDERS = ("newest", "relevance")


def day_range(date_from: Optional[str], date_to: Optional[str]) -> tuple[list[str], list]:
    """Conditions on ``articles a`` for checked days (a shorter ``date_to`` covers its month or year)."""
    where: list[str] = []
    params: list = []
    if date_from:
        where.append("a.day >= ?")
        params.append(date_from)
    if date_to:
        where.append("substr(a.day, 1, ?) <= ?")
        params += [len(date_to), date_to]
    return where, params


def _search_where(query, date_from, date_to, types) -> tuple[list, list[str], list]:
    """(query terms, conditions on ``articles a`` besides the match, their parameters)."""
    ts = terms(check_query(query))
    where, params = day_range(_date(date_from, "--from"), _date(date_to, "--to"))
    if types:
        if isinstance(types, str) or not all(isinstance(t, str) and 0 < len(t) <= 50 for t in types):
            raise QueryError("types: give entity types (PER, ORG, LOC, LOCORG) or fact types (Meeting ...)")
        for t in types:
            valid_text(t)
        clause, extra = type_filter(types)
        where.append(clause)
        params += extra
    return ts, where, params


def _run(conn, sql: str, params, query: str) -> list:
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:  # defensive: the query is built from literals only
        raise QueryError(f"search failed for {query[:40]!r}: {exc}") from None


def search(
    conn: sqlite3.Connection,
    query: str,
    date_from: Optional[str] = None,
    date_to: Optional[str] = None,
    types: Optional[Sequence[str]] = None,
    limit: int = 20,
    offset: int = 0,
    order: str = "newest",
) -> list[dict]:
    """Articles matching every word of ``query`` (Russian-aware, see ``textindex``): one page,
    ``limit`` articles after ``offset``.

    ``order="newest"`` (the default): publication day, newest first (undated
    last), then the most recently stored.  The day index is walked from the
    newest end, each article checked against the set of matches, and the walk
    stops at the page: a word in half of 100 000 articles costs what a rare one
    does (a few ms).  ``order="relevance"``: FTS5 bm25, best first, then the
    most recently stored; bm25 is computed for every match, so its cost grows
    with their number (about 20 ms for a word in 23 000 of 48 000 articles;
    ranking every match is why "newest" is the default).  Either way only the
    page's articles are read.  ``score`` is the article's bm25 (higher is
    better) in relevance order, None in newest order: FTS5 computes bm25 only
    while it ranks, and scoring even one row costs a pass over every match.

    ``date_from``/``date_to`` bound the publication day (inclusive; a month or
    a year works too).  ``types`` keeps articles with a mention of one of the
    entity types (PER, ORG, LOC, LOCORG) or a fact of one of the fact types
    (Meeting, Occupation, Deal, Ownership).  Each result has up to three
    sentence ``snippets`` with ``**highlighted**`` words and the exact
    ``matches`` offsets into the article text.
    """
    ts, where, params = _search_where(query, date_from, date_to, types)
    if order not in SEARCH_ORDERS:
        raise QueryError(f"order: one of {', '.join(SEARCH_ORDERS)}, not {str(order)[:20]!r}")
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise QueryError(f"offset must be a whole number from 0, not {offset!r}")
    match = fts_query(ts)
    cond = "".join(" AND " + w for w in where)
    if order == "newest":
        sql = ("SELECT a.seq FROM articles a INDEXED BY articles_day"
               " WHERE a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)" + cond
               + " ORDER BY a.day DESC, a.seq DESC LIMIT ? OFFSET ?")
    elif where:
        sql = ("SELECT a.seq, bm25(articles_fts) AS score FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
               " WHERE articles_fts MATCH ?" + cond + " ORDER BY score, a.seq DESC LIMIT ? OFFSET ?")
    else:  # the ranking never touches the articles table
        sql = ("SELECT rowid, bm25(articles_fts) AS score FROM articles_fts WHERE articles_fts MATCH ?"
               " ORDER BY score, rowid DESC LIMIT ? OFFSET ?")
    found = _run(conn, sql, [match, *params, _limit(limit), offset], query)
    seqs = [r[0] for r in found]
    if not seqs:
        return []
    scores = {r[0]: r[1] for r in found} if order == "relevance" else {}
    marks = ",".join("?" * len(seqs))  # integers read from the database
    rows = {r["seq"]: r for r in conn.execute(
        f"SELECT seq, id, title, published, site, url, text FROM articles WHERE seq IN ({marks})", seqs)}
    out = []
    for seq in seqs:
        r = rows[seq]
        item = {k: r[k] for k in ("id", "title", "published", "site", "url")}
        item["score"] = round(-scores[seq], 6) if seq in scores else None  # bm25: higher is better here
        item["snippets"] = snippets(conn, r["id"], r["text"], ts)
        out.append(item)
    return out


def search_count(
    conn: sqlite3.Connection,
    query: str,
    date_from: Optional[str] = None,
    date_to: Optional[str] = None,
    types: Optional[Sequence[str]] = None,
) -> int:
    """How many articles ``search`` finds in all (the index alone when nothing filters)."""
    ts, where, params = _search_where(query, date_from, date_to, types)
    if not where:
        sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    else:
        sql = ("SELECT count(*) FROM articles a WHERE a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
               + "".join(" AND " + w for w in where))
    return _run(conn, sql, [fts_query(ts), *params], query)[0][0]


def snippets(conn: sqlite3.Connection, article_id: str, text: str, ts) -> list[dict]:
    """The sentences holding the most query words, with exact match offsets."""
    hits = matches_in(text, ts)
    if not hits:
        return []
    sents = conn.execute(
        'SELECT idx, start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', (article_id,)
    ).fetchall()
    scored = []
    for s in sents:
        inside = [h for h in hits if s["start"] <= h[0] and h[1] <= s["end"]]
        if inside:
            scored.append((len({h[2] for h in inside}), len(inside), -s["idx"], s, inside))
    scored.sort(key=lambda x: x[:3], reverse=True)
    out = []
    for *_, s, inside in sorted(scored[:SNIPPETS_PER_ARTICLE], key=lambda x: x[3]["idx"]):
        start, end = s["start"], s["end"]
        if end - start > SNIPPET_CHARS:  # window around the first match
            start = max(start, inside[0][0] - SNIPPET_CHARS // 3)
            end = min(end, start + SNIPPET_CHARS)
            inside = [h for h in inside if start <= h[0] and h[1] <= end]
        out.append(
            {
                "sentence": s["idx"],
                "start": start,
                "end": end,
                "text": text[start:end],
                "highlight": _mark(text, start, end, inside),
                "matches": [[h[0], h[1]] for h in inside],
            }
        )
    return out


def _mark(text: str, start: int, end: int, hits) -> str:
    out, pos = [], start
    for s, e, _ in hits:
        out += [text[pos:s], "**", text[s:e], "**"]
        pos = e
    out.append(text[pos:end])
    prefix = "…" if start > 0 and text[start - 1] not in "\n" and not text[start - 1].isspace() else ""
    return prefix + "".join(out)


# --- facts, meetings, quotes, amounts ------------------------------------------------------------


ARGS_CHUNK = 500  # fact ids per query of their arguments (integers read from the database)


def _facts(conn, where: str = "1", params: Sequence = ()) -> list[dict]:
    rows = conn.execute(
        f"""SELECT f.id, f.type, f.article_id, f.start, f."end", f.text, f.modality, f.attrs,
                   a.published, a.day, a.title
            FROM facts f JOIN articles a ON a.id = f.article_id WHERE {where}
            ORDER BY a.day IS NULL, a.day, f.article_id, f.idx""",
        params,
    ).fetchall()
    facts = []
    for r in rows:
        d = dict(r)
        d["attrs"] = json.loads(d["attrs"])
        d["args"] = []
        facts.append(d)
    by_id = {f["id"]: f for f in facts}
    ids = list(by_id)
    for i in range(0, len(ids), ARGS_CHUNK):  # the arguments of many facts per query, not one query a fact
        chunk = ids[i : i + ARGS_CHUNK]
        for a in conn.execute(
            f"""SELECT fa.fact_id, fa.role, fa.entity_id, fa.kb_entity_id, e.name, e.type, fa.value, fa.start, fa."end"
                FROM fact_args fa LEFT JOIN kb_entities e ON e.id = fa.kb_entity_id
                WHERE fa.fact_id IN ({','.join('?' * len(chunk))}) ORDER BY fa.fact_id, fa.idx""",
            chunk,
        ):
            arg = dict(a)
            by_id[arg.pop("fact_id")]["args"].append(arg)
    return facts


def _as_meeting(conn, f: dict, countries: Optional[dict[int, list[str]]] = None) -> dict:
    """A Meeting fact with its participants (and the countries they hold posts for), place and date;
    ``countries`` caches the participants' countries across the facts of one call."""
    countries = {} if countries is None else countries

    def countries_of(kb_id: int) -> list[str]:
        if kb_id not in countries:
            countries[kb_id] = entity_reads.countries(conn, kb_id)
        return countries[kb_id]

    def arg_value(role):
        for a in f["args"]:
            if a["role"] == role:
                return a["name"] or a["value"] or None
        return None

    participants = [
        {"id": a["kb_entity_id"], "name": a["name"] or a["value"], "type": a["type"],
         "countries": countries_of(a["kb_entity_id"]) if a["kb_entity_id"] else []}
        for a in f["args"]
        if a["role"] == "participant"
    ]
    f = dict(f)
    f["participants"] = participants
    f["place"] = arg_value("place") or f["attrs"].get("place")
    said = arg_value("date") or f["attrs"].get("date")
    f["date"] = said[:10] if said and _ISO_DAY.match(said) else f["day"]  # ISO day: stated, else published
    f["date_text"] = said  # the date as the text states it ("12 мая 2024"), or None
    f["format"] = f["attrs"].get("format")
    return f


def facts(conn: sqlite3.Connection, type: Optional[str] = None) -> list[dict]:  # noqa: A002 (the CLI's --type)
    """Facts (of one type: Occupation, Meeting, Deal, Ownership; any case) with resolved arguments."""
    if type is None:
        rows = _facts(conn)
    else:
        if not isinstance(type, str) or not type.strip() or len(type) > 50:
            raise QueryError("fact type: give a type such as Meeting, Occupation, Deal, Ownership")
        valid_text(type)
        rows = _facts(conn, "lower(f.type) = lower(?)", (type.strip(),))
    seen: dict[int, list[str]] = {}
    return [_as_meeting(conn, f, seen) if f["type"] == "Meeting" else f for f in rows]


def meetings(
    conn: sqlite3.Connection, with_: Optional[str] = None, between: Optional[tuple[str, str]] = None
) -> list[dict]:
    """Meeting facts; ``with_`` a person, organization or country taking part;
    ``between`` two such parties, each matched by a distinct participant.

    A country (or organization) is a party when a participant is that entity
    itself (LOCORG "Казахстан") or a person who holds a role with it in the KB
    ("Президент Казахстана Токаев").
    """
    if between is not None and (isinstance(between, str) or len(between) != 2):
        raise QueryError("between takes exactly two names")
    where, params = "f.type = 'Meeting'", []
    sides = []
    for name in ([with_] if with_ is not None else []) + list(between or ()):
        sides.append(side(conn, name)[1])
    if sides:
        ids = set().union(*sides)
        where += f" AND f.id IN (SELECT fact_id FROM fact_args WHERE role = 'participant' AND kb_entity_id IN ({','.join('?' * len(ids))}))"
        params += sorted(ids)
    out, seen = [], {}
    for f in _facts(conn, where, params):
        m = _as_meeting(conn, f, seen)
        ps = [p["id"] for p in m["participants"]]
        if with_ is not None and not any(p in sides[0] for p in ps):
            continue
        if between is not None:
            a, b = sides[-2], sides[-1]
            if not any(p != q and p in a and q in b for p in ps for q in ps):
                continue
        out.append(m)
    return out


def _quotes(conn, where: str = "1", params: Sequence = ()) -> list[dict]:
    return _dicts(
        conn.execute(
            f"""SELECT q.id, q.article_id, q.start, q."end", q.text, q.kind, q.cue, q.speaker_kb_id AS speaker_id,
                       e.name AS speaker, q.speaker_start, q.speaker_end, a.published, a.day, a.title
                FROM quotes q JOIN articles a ON a.id = q.article_id
                LEFT JOIN kb_entities e ON e.id = q.speaker_kb_id
                WHERE {where} ORDER BY a.day IS NULL, a.day, q.article_id, q.idx""",
            params,
        )
    )


def quotes(conn: sqlite3.Connection, speaker: Optional[str] = None, about: Optional[str] = None) -> list[dict]:
    """Quotes (direct and indirect) with article id and offsets; ``speaker`` an
    entity name; ``about`` words the quote contains (Russian-aware) or an entity
    mentioned inside the quote."""
    where, params = "1", []
    if speaker is not None:
        where, params = "q.speaker_kb_id = ?", [find_entity(conn, speaker)["id"]]
    rows = _quotes(conn, where, params)
    if about is None:
        return rows
    ts = terms(check_query(about))
    about_ids = {r["id"] for r in _maybe(conn, about)}
    out = []
    for q in rows:
        inside = {
            r[0]
            for r in conn.execute(
                'SELECT kb_entity_id FROM mentions WHERE article_id = ? AND start >= ? AND "end" <= ?',
                (q["article_id"], q["start"], q["end"]),
            )
        }
        found = {h[2] for h in matches_in(q["text"], ts)}
        if len(found) == len(ts) or inside & about_ids:
            out.append(q)
    return out


def _maybe(conn, name: str) -> list[sqlite3.Row]:
    try:
        return candidates(conn, name)
    except QueryError:
        return []


def amounts(conn: sqlite3.Connection, about: Optional[str] = None) -> list[dict]:
    """Amounts (value: exact decimal string) with their sentence; ``about`` words
    found in the measure ("товарооборот") or in the amount's sentence."""
    rows = _dicts(
        conn.execute(
            """SELECT am.id, am.article_id, am.start, am."end", am.text, am.value, am.unit, am.currency, am.kind,
                      am.measure, am.qualifier, a.published, a.day, a.text AS article_text,
                      s.start AS s_start, s."end" AS s_end
               FROM amounts am JOIN articles a ON a.id = am.article_id
               LEFT JOIN sentences s ON s.article_id = am.article_id AND s.start <= am.start AND am.start < s."end"
               ORDER BY a.day IS NULL, a.day, am.article_id, am.idx"""
        )
    )
    ts = terms(check_query(about)) if about is not None else None
    out, seen = [], set()
    for r in rows:
        if r["id"] in seen:
            continue
        seen.add(r["id"])
        text = r.pop("article_text")
        s, e = r.pop("s_start"), r.pop("s_end")
        r["sentence"] = text[s:e] if s is not None else None
        if ts is not None:
            found = {h[2] for h in matches_in((r["measure"] or "") + "\n" + (r["sentence"] or ""), ts)}
            if len(found) < len(ts):
                continue
        out.append(r)
    return out


# --- entities -----------------------------------------------------------------------------------


PROFILE_FACTS = 50  # facts listed in one profile: the most recently stored (a country takes part in thousands)
PROFILE_QUOTES = 50  # quotes listed in one profile: the most recently stored; quotes_total counts them all
PROFILE_TIMELINE_DAYS = 366  # more days than this: the profile's timeline is per month (a country's
# 4 000 days were 100 KB of every profile; /api/entities/{id}/timeline pages through the days)
PROFILE_LINKS = 50  # articles whose links one profile lists: the newest; the rest a page at a time (entity_reads.articles)


def entity_profile(
    conn: sqlite3.Connection, name: Optional[str] = None, co_limit: int = 20, *, kb_id: Optional[int] = None,
    links_limit: Optional[int] = PROFILE_LINKS,
) -> dict:
    """What the KB knows about one entity (by ``name``, or by ``kb_id``): roles over time, a
    mentions timeline (``timeline_unit`` "day": every day, ``{"day", "articles", "mentions"}``;
    "month" when the entity was mentioned on more than ``PROFILE_TIMELINE_DAYS`` days,
    ``{"month": "YYYY-MM", ...}``; ``timeline_days`` counts the days either way), the ``co_limit`` most co-mentioned entities, the newest
    ``PROFILE_QUOTES`` quotes and ``PROFILE_FACTS`` facts (meetings with the other participants
    and the place), and the reason of each link of the ``links_limit`` newest articles (every
    article when None).

    Counts come from the per-entity aggregates (``aggregates``): ``articles``, ``mentions``,
    ``links_total`` (article entities linked), ``quotes_total``.  Lists are oldest first except
    ``links``, newest publication day first.
    """
    if kb_id is None:
        found = candidates(conn, name)
        if not found:
            raise NotFoundError(f"no entity named {name[:80]!r} in the knowledge base")
        e, others = found[0], found[1:]
    else:
        e = conn.execute("SELECT * FROM kb_entities WHERE id = ?", (kb_id,)).fetchone()
        if e is None:
            raise NotFoundError(f"no entity with id {kb_id} in the knowledge base")
        others = [r for r in _maybe(conn, e["name"]) if r["id"] != kb_id]
    kid = e["id"]
    n = entity_reads.counts(conn, kid)
    fs = _facts(conn, "f.id IN (SELECT DISTINCT fact_id FROM fact_args WHERE kb_entity_id = ? ORDER BY fact_id DESC LIMIT ?)",
                (kid, PROFILE_FACTS))
    seen: dict[int, list[str]] = {}
    fs = [_as_meeting(conn, f, seen) if f["type"] == "Meeting" else f for f in fs]
    for f in fs:
        if f["type"] == "Meeting":
            f["with"] = [p for p in f["participants"] if p["id"] != kid]
    aliases = [r[0] for r in conn.execute("SELECT alias FROM entity_aliases WHERE kb_entity_id = ? ORDER BY alias", (kid,))]
    newest_quotes = "q.id IN (SELECT id FROM quotes WHERE speaker_kb_id = ? ORDER BY id DESC LIMIT ?)"
    return {
        "entity": {**_entity(e), "aliases": aliases},
        "articles": n["articles"],
        "mentions": n["mentions"],
        "links_total": n["links"],
        "roles": entity_reads.roles(conn, kid),
        **_timeline(conn, kid),
        "co_mentioned": entity_reads.co_mentions(conn, kid, co_limit),
        "quotes": _quotes(conn, newest_quotes, (kid, PROFILE_QUOTES)),
        "quotes_total": conn.execute("SELECT count(*) FROM quotes WHERE speaker_kb_id = ?", (kid,)).fetchone()[0],
        "facts": fs,
        "links": entity_reads.links(conn, kid, links_limit),
        "others": [_entity(r) for r in others],
    }


def _timeline(conn, kid: int) -> dict:
    days = entity_reads.timeline_days(conn, kid)
    if days > PROFILE_TIMELINE_DAYS:
        return {"timeline_unit": "month", "timeline_days": days, "timeline": entity_reads.timeline_months(conn, kid)}
    return {"timeline_unit": "day", "timeline_days": days, "timeline": entity_reads.timeline(conn, kid)}


# --- overview ------------------------------------------------------------------------------------


def top_entities(conn: sqlite3.Connection, limit: int = 10, type: Optional[str] = None, offset: int = 0) -> list[dict]:  # noqa: A002
    """The entities linked in the most articles (``entity_reads.top``)."""
    return entity_reads.top(conn, _limit(limit), offset, type)


def stats(conn: sqlite3.Connection, top: int = 10) -> dict:
    """Counts per table, entities per type, facts per type, top entities, articles per day."""
    tables = ("articles", "sources", "kb_entities", "mentions", "facts", "quotes", "amounts", "events")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # fixed names
    return {
        "counts": counts,
        "entities_by_type": dict(conn.execute("SELECT type, count(*) FROM kb_entities GROUP BY type ORDER BY type").fetchall()),
        "facts_by_type": dict(conn.execute("SELECT type, count(*) FROM facts GROUP BY type ORDER BY type").fetchall()),
        "top_entities": top_entities(conn, top),
        "per_day": _dicts(conn.execute("SELECT day, count(*) AS articles FROM articles GROUP BY day ORDER BY day IS NULL, day")),
    }


def chronicle(conn: sqlite3.Connection, limit: int = 10) -> dict:
    """A short chronicle of the KB: period, top people and organizations, meetings, quotes."""
    span = conn.execute("SELECT min(day), max(day), count(*) FROM articles").fetchone()
    ms = meetings(conn)
    qs = _quotes(conn)
    return {
        "period": {"from": span[0], "to": span[1]},
        "articles": span[2],
        "people": top_entities(conn, limit, "PER"),
        "organizations": top_entities(conn, limit, "ORG"),
        "places": sorted(
            top_entities(conn, limit, "LOC") + top_entities(conn, limit, "LOCORG"), key=lambda r: -r["articles"]
        )[:limit],
        "meetings": ms[-limit:],
        "quotes": qs[-limit:],
    }
