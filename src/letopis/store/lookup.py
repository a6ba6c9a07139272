"""Finding KB entities by a user-typed name ("Токаев", "Токаева", "Казахстана", "К. Токаев")."""
from __future__ import annotations

import itertools
import sqlite3

from letopis.store.errors import NotFoundError, QueryError
from letopis.store.names import given_compatible, norm, person_name
from letopis.store.textindex import lemmas, valid_text, words

MAX_NAME_CHARS = 200
# article entities linked to it (aggregates.entity_stats: a count(*) over a country's links took 60 ms)
_LINKS = "coalesce((SELECT s.links FROM entity_stats s WHERE s.kb_entity_id = e.id), 0)"


def check_name(name) -> str:
    if not isinstance(name, str) or not name.strip():
        raise QueryError("empty name: give an entity name")
    if len(name) > MAX_NAME_CHARS:
        raise QueryError(f"name too long: {len(name)} characters (at most {MAX_NAME_CHARS})")
    valid_text(name)
    return name


def candidates(conn: sqlite3.Connection, name: str) -> list[sqlite3.Row]:
    """KB entities the name may mean, best first.

    Exact normalized name, then alias, then (for a name that parses as a
    person's) the surname in any case form with a compatible first name or
    initial; within each, the most linked first.  When none of these fits,
    the name with each word lemmatized ("Казахстана" -> "казахстан").
    """
    check_name(name)
    n = norm(name)
    links = f"{_LINKS} AS n_links"
    found: dict[int, tuple] = {}

    def add(rows, rank):
        for r in rows:
            key = (rank, -r["n_links"], r["id"])
            if r["id"] not in found or key < found[r["id"]][0]:
                found[r["id"]] = (key, r)

    add(conn.execute(f"SELECT e.*, {links} FROM kb_entities e WHERE e.norm = ?", (n,)), 0)
    add(conn.execute(f"SELECT e.*, {links} FROM kb_entities e WHERE e.id IN"
                     " (SELECT kb_entity_id FROM entity_aliases WHERE norm = ?)", (n,)), 1)
    pn = person_name(name)
    if pn.last:
        forms = list(dict.fromkeys([norm(pn.last), *lemmas(pn.last)]))
        rows = conn.execute(
            f"SELECT e.*, {links} FROM kb_entities e WHERE +e.tgroup = 'PER'"  # +: by surname, never every person
            f" AND e.last_norm IN ({','.join('?' * len(forms))})", forms
        ).fetchall()
        first_forms = [pn.first, *lemmas(pn.first)] if pn.first else [None]
        add([r for r in rows if any(given_compatible(f, r["first_name"]) for f in first_forms)], 2)
    if not found:
        ws = [w for _, _, w in words(name)][:6]
        combos = list(itertools.islice(itertools.product(*(lemmas(w) for w in ws)), 32))
        keys = sorted({" ".join(c) for c in combos} | {"-".join(c) for c in combos})
        marks = ",".join("?" * len(keys))
        add(conn.execute(
            f"SELECT e.*, {links} FROM kb_entities e WHERE e.norm IN ({marks}) OR e.id IN"
            f" (SELECT kb_entity_id FROM entity_aliases WHERE norm IN ({marks}))", (*keys, *keys)), 3)
    return [r for _, r in sorted(found.values(), key=lambda x: x[0])]


def find_entity(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    """The KB entity meant by ``name`` (the most linked when several fit)."""
    rows = candidates(conn, name)
    if not rows:
        raise NotFoundError(f"no entity named {name[:80]!r} in the knowledge base")
    return rows[0]


def side(conn: sqlite3.Connection, name: str) -> tuple[sqlite3.Row, set[int]]:
    """A party to a meeting: the entity itself plus, for a country or an
    organization, every KB person who holds a role with it (any article)."""
    e = find_entity(conn, name)
    ids = {e["id"]}
    if e["tgroup"] != "PER":
        ids |= {
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT kb_entity_id FROM entity_roles WHERE country_kb_id = ? OR organization_kb_id = ?",
                (e["id"], e["id"]),
            )
        }
    return e, ids
