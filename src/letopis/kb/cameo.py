"""CAMEO event codes (``data/cameo.tsv``), event triggers (``data/event_triggers.tsv``)
and the CAMEO actor codes of letopis's entities.

An actor code is a country code followed by a role code, as CAMEO writes them:
``KAZGOV`` (Kazakhstan's executive), ``TKMLEG`` (a Turkmen legislator), ``RUS``
(Russia acting as a state). The role comes from the kind of the post a person
holds (posts.tsv) or the type of the organization (orgs.tsv).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from letopis.kb.orgs import lemmas, lookup_org, read_table

# CAMEO role codes by post kind (posts.tsv) and by organization type (orgs.tsv)
POST_ROLES = {
    "head_of_state": "GOV", "head_of_government": "GOV", "minister": "GOV", "diplomat": "GOV",
    "regional": "GOV", "legislator": "LEG", "military": "MIL", "judicial": "JUD", "corporate": "BUS",
    "media": "MED",
}
ORG_ROLES = {
    "government": "GOV", "ministry": "GOV", "agency": "GOV", "parliament": "LEG", "court": "JUD",
    "company": "BUS", "media": "MED", "intergov": "IGO", "ngo": "NGO",
}


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    plover: str
    goldstein: float
    quad: int


@dataclass(frozen=True)
class Trigger:
    words: tuple[frozenset[str], ...]  # alternatives of each word, lemmas
    code: str
    intent: str


@cache
def codes() -> dict[str, Code]:
    rows = read_table("cameo.tsv", ("code", "name", "plover", "goldstein", "quad"))
    return {r["code"]: Code(r["code"], r["name"], r["plover"], float(r["goldstein"]), int(r["quad"])) for r in rows}


@cache
def triggers() -> tuple[Trigger, ...]:
    rows = read_table("event_triggers.tsv", ("pattern", "code", "intent"))
    known = codes()
    out = []
    for r in rows:
        for code in (r["code"], r["intent"]):
            if code not in known:
                raise ValueError(f"event_triggers.tsv: code {code} is not in cameo.tsv")
        words = tuple(frozenset(alt for alt in word.split("|") if alt) for word in r["pattern"].split())
        out.append(Trigger(words, r["code"], r["intent"]))
    return tuple(out)


@lru_cache(maxsize=50_000)
def country_code(name: str) -> str:
    """CAMEO code of a country named in any case («Туркменистана» -> TKM); "" if it is not a country."""
    from letopis.kb.gazetteer import lookup_place

    place = lookup_place(name)
    return place.cameo or place.iso3 if place is not None and place.type == "COUNTRY" else ""


@lru_cache(maxsize=10_000)
def capital_of(name: str) -> str:
    """The country code of a capital named as an actor («Астана заявила»: KAZ); "" for other places."""
    from letopis.kb.gazetteer import lookup_place

    place = lookup_place(name)
    if place is None or place.type != "CITY" or not place.country:
        return ""
    country = _cameo_of_iso3(place.country)
    capitals = {p.name for p in _capitals()}
    return country if place.name in capitals else ""


@cache
def _capitals():
    from letopis.kb.gazetteer import _country_rows, all_places

    names = {r["capital"] for r in _country_rows()}
    return tuple(p for p in all_places() if p.type == "CITY" and p.name in names)


@lru_cache(maxsize=50_000)
def org_code(name: str) -> tuple[str, str]:
    """(country code, role code) of an organization by name: «МИД России» -> (RUS, GOV)."""
    org = lookup_org(name)
    if org is None:
        return "", ""
    return _cameo_of_iso3(org.country), ORG_ROLES.get(org.kind, "")


@lru_cache(maxsize=10_000)
def post_role(post: str) -> str:
    from letopis.kb.posts import lookup_post, split_post

    keys = lemmas(post)
    found = lookup_post(keys)
    if found is None:
        qualified = split_post(keys)
        found = qualified.post if qualified else None
    return POST_ROLES.get(found.kind, "") if found else ""


def _cameo_of_iso3(iso3: str) -> str:
    from letopis.kb.gazetteer import country_by_iso3

    place = country_by_iso3(iso3) if iso3 else None
    return (place.cameo or place.iso3) if place else ""


def country_of_iso3(iso3: str) -> str:
    return _cameo_of_iso3(iso3)
