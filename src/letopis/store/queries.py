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

from letopis.store.errors import QueryError
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


def search(
    conn: sqlite3.Connection,
    query: str,
    date_from: Optional[str] = None,
    date_to: Optional[str] = None,
    types: Optional[Sequence[str]] = None,
    limit: int = 20,
) -> list[dict]:
    """Articles matching every word of ``query`` (Russian-aware, see ``textindex``), best first.

    ``date_from``/``date_to`` bound the publication day (inclusive; a month or
    a year works too).  ``types`` keeps articles with a mention of one of the
    entity types (PER, ORG, LOC, LOCORG) or a fact of one of the fact types
    (Meeting, Occupation, Deal, Ownership).  Each result has up to three
    sentence ``snippets`` with ``**highlighted**`` words and the exact
    ``matches`` offsets into the article text.
    """
    ts = terms(check_query(query))
    date_from, date_to = _date(date_from, "--from"), _date(date_to, "--to")
    sql = [
        "SELECT a.id, a.title, a.published, a.day, a.site, a.url, a.text, bm25(articles_fts) AS score",
        "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?",
    ]
    params: list = [fts_query(ts)]
    if date_from:
        sql.append("AND a.day >= ?")
        params.append(date_from)
    if date_to:
        sql.append("AND substr(a.day, 1, ?) <= ?")
        params += [len(date_to), date_to]
    if types:
        if isinstance(types, str) or not all(isinstance(t, str) and 0 < len(t) <= 50 for t in types):
            raise QueryError("types: give entity types (PER, ORG, LOC, LOCORG) or fact types (Meeting ...)")
        for t in types:
            valid_text(t)
        clause, extra = type_filter(types)
        sql.append("AND " + clause)
        params += extra
    sql.append("ORDER BY score, a.day DESC LIMIT ?")
    params.append(_limit(limit))
    try:
        rows = conn.execute(" ".join(sql), params).fetchall()
    except sqlite3.OperationalError as exc:  # defensive: the query is built from literals only
        raise QueryError(f"search failed for {query[:40]!r}: {exc}") from None
    out = []
    for r in rows:
        item = {k: r[k] for k in ("id", "title", "published", "site", "url")}
        item["score"] = round(-r["score"], 6)  # bm25: higher is better here
        item["snippets"] = snippets(conn, r["id"], r["text"], ts)
        out.append(item)
    return out


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
        d["args"] = _dicts(
            conn.execute(
                """SELECT fa.role, fa.entity_id, fa.kb_entity_id, e.name, e.type, fa.value, fa.start, fa."end"
                   FROM fact_args fa LEFT JOIN kb_entities e ON e.id = fa.kb_entity_id
                   WHERE fa.fact_id = ? ORDER BY fa.idx""",
                (r["id"],),
            )
        )
        facts.append(d)
    return facts


def _countries(conn, kb_id: int) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT c.name FROM entity_roles ro JOIN kb_entities c ON c.id = ro.country_kb_id"
            " WHERE ro.kb_entity_id = ? ORDER BY c.name",
            (kb_id,),
        )
    ]


def _as_meeting(conn, f: dict) -> dict:
    def arg_value(role):
        for a in f["args"]:
            if a["role"] == role:
                return a["name"] or a["value"] or None
        return None

    participants = [
        {"id": a["kb_entity_id"], "name": a["name"] or a["value"], "type": a["type"],
         "countries": _countries(conn, a["kb_entity_id"]) if a["kb_entity_id"] else []}
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
    return [_as_meeting(conn, f) if f["type"] == "Meeting" else f for f in rows]


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
    out = []
    for f in _facts(conn, where, params):
        m = _as_meeting(conn, f)
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


PROFILE_FACTS = 200  # facts listed in one profile (newest first); the timeline still counts everything


def entity_profile(conn: sqlite3.Connection, name: str, co_limit: int = 20) -> dict:
    """Everything the KB knows about one entity: roles over time, a per-day
    mentions timeline, co-mentioned entities, quotes, facts (meetings with the
    other participants and the place) and the reason of every article link."""
    e = find_entity(conn, name)
    kid = e["id"]
    roles = _dicts(
        conn.execute(
            """SELECT min(ro.post) AS post, o.name AS organization, c.name AS country, min(ro.qualifiers) AS qualifiers,
                      min(a.day) AS first_seen, max(a.day) AS last_seen, count(DISTINCT ro.article_id) AS articles
               FROM entity_roles ro JOIN articles a ON a.id = ro.article_id
               LEFT JOIN kb_entities o ON o.id = ro.organization_kb_id
               LEFT JOIN kb_entities c ON c.id = ro.country_kb_id
               WHERE ro.kb_entity_id = ?
               GROUP BY ro.post_norm, ro.organization_kb_id, ro.country_kb_id
               ORDER BY first_seen IS NULL, first_seen, post""",
            (kid,),
        )
    )
    for r in roles:
        r["qualifiers"] = json.loads(r["qualifiers"] or "[]")
    timeline = _dicts(
        conn.execute(
            # one grouped pass over the entity's mentions (a per-day correlated count took minutes
            # for an entity named in thousands of articles)
            """SELECT a.day, count(DISTINCT m.article_id) AS articles, count(*) AS mentions
               FROM mentions m JOIN articles a ON a.id = m.article_id
               WHERE m.kb_entity_id = ? GROUP BY a.day ORDER BY a.day IS NULL, a.day""",
            (kid,),
        )
    )
    co = _dicts(
        conn.execute(
            """SELECT e.id, e.name, e.type, count(DISTINCT o.article_id) AS articles
               FROM article_entities me
               JOIN article_entities o ON o.article_id = me.article_id AND o.kb_entity_id != me.kb_entity_id
               JOIN kb_entities e ON e.id = o.kb_entity_id
               WHERE me.kb_entity_id = ? GROUP BY e.id ORDER BY articles DESC, e.name LIMIT ?""",
            (kid, co_limit),
        )
    )
    # the newest PROFILE_FACTS facts: a country can take part in thousands
    fs = _facts(conn, "f.id IN (SELECT DISTINCT fact_id FROM fact_args WHERE kb_entity_id = ? ORDER BY fact_id DESC LIMIT ?)",
                (kid, PROFILE_FACTS))
    fs = [_as_meeting(conn, f) if f["type"] == "Meeting" else f for f in fs]
    for f in fs:
        if f["type"] == "Meeting":
            f["with"] = [p for p in f["participants"] if p["id"] != kid]
    links = _dicts(
        conn.execute(
            """SELECT ae.article_id, ae.entity_id, ae.name, ae.reason, a.day, a.title
               FROM article_entities ae JOIN articles a ON a.id = ae.article_id
               WHERE ae.kb_entity_id = ? ORDER BY a.day IS NULL, a.day, ae.article_id""",
            (kid,),
        )
    )
    aliases = [r[0] for r in conn.execute("SELECT alias FROM entity_aliases WHERE kb_entity_id = ? ORDER BY alias", (kid,))]
    mentions = conn.execute("SELECT count(*) FROM mentions WHERE kb_entity_id = ?", (kid,)).fetchone()[0]
    return {
        "entity": {**_entity(e), "aliases": aliases},
        "articles": len({link["article_id"] for link in links}),
        "mentions": mentions,
        "roles": roles,
        "timeline": timeline,
        "co_mentioned": co,
        "quotes": _quotes(conn, "q.speaker_kb_id = ?", (kid,)),
        "facts": fs,
        "links": links,
        "others": [_entity(r) for r in candidates(conn, name)[1:]],
    }


# --- overview ------------------------------------------------------------------------------------


def top_entities(conn: sqlite3.Connection, limit: int = 10, type: Optional[str] = None) -> list[dict]:  # noqa: A002
    where, params = ("", []) if type is None else ("WHERE e.type = ?", [type])
    return _dicts(
        conn.execute(
            f"""SELECT e.id, e.name, e.type, count(DISTINCT ae.article_id) AS articles,
                       (SELECT count(*) FROM mentions m WHERE m.kb_entity_id = e.id) AS mentions
                FROM kb_entities e JOIN article_entities ae ON ae.kb_entity_id = e.id {where}
                GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name LIMIT ?""",
            (*params, _limit(limit)),
        )
    )


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
