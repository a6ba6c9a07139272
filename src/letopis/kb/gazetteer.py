"""Places from ``data/countries.tsv`` and ``data/places.tsv``.

Countries, their capitals (derived from countries.tsv, enriched by places.tsv
rows of the same name), cities, regions and geographic names. Lookups fold case,
ё/е, quotes and dashes; an inflected or lemmatized form («Туркменистана»,
«Московской области») is found through pymorphy3 lemmas.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from letopis.kb.orgs import KbFormatError, fold, lemma, lemmas, read_table, split_list

TYPES = ("COUNTRY", "STATE_OR_PROVINCE", "CITY", "LOCATION")  # also the lookup priority


@dataclass(frozen=True)
class Place:
    name: str
    type: str  # COUNTRY, CITY, STATE_OR_PROVINCE or LOCATION
    wikidata: str = ""
    iso3: str = ""  # countries only
    cameo: str = ""  # countries only
    lat: float | None = None
    lon: float | None = None
    country: str = ""  # ISO alpha-3 of the country it lies in (a country: its own code)
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@cache
def _country_rows() -> list[dict[str, str]]:
    return read_table(
        "countries.tsv",
        ("name", "wikidata", "iso3", "cameo", "capital", "lat", "lon", "aliases", "adjective", "demonym"),
    )


@cache
def all_places() -> tuple[Place, ...]:
    """Countries first, then capitals, then the rest of places.tsv in file order."""
    countries, capitals = [], {}
    for r in _country_rows():
        countries.append(Place(r["name"], "COUNTRY", r["wikidata"], r["iso3"], r["cameo"],
                               _coord(r["lat"]), _coord(r["lon"]), r["iso3"], split_list(r["aliases"])))
        capitals[r["capital"]] = Place(r["capital"], "CITY", lat=_coord(r["lat"]), lon=_coord(r["lon"]),
                                       country=r["iso3"])
    others = []
    for r in read_table("places.tsv", ("name", "type", "country", "wikidata", "lat", "lon", "aliases")):
        place = Place(r["name"], r["type"], r["wikidata"], lat=_coord(r["lat"]), lon=_coord(r["lon"]),
                      country=r["country"], aliases=split_list(r["aliases"]))
        if place.type not in TYPES[1:]:
            raise KbFormatError(f"places.tsv: {place.name}: unknown type {place.type!r}")
        capital = capitals.get(place.name)
        if capital is not None and place.type == "CITY" and place.country == capital.country:
            capitals[place.name] = Place(place.name, "CITY", place.wikidata,
                                         lat=place.lat if place.lat is not None else capital.lat,
                                         lon=place.lon if place.lon is not None else capital.lon,
                                         country=capital.country, aliases=place.aliases)
        elif place.lat is None or place.lon is None:
            raise KbFormatError(f"places.tsv: {place.name}: no coordinates and not a capital")
        else:
            others.append(place)
    return tuple(countries) + tuple(capitals.values()) + tuple(others)


def _coord(cell: str) -> float | None:
    return float(cell) if cell else None


@cache
def _by_fold() -> dict[str, Place]:
    index: dict[str, Place] = {}
    for place in sorted(all_places(), key=lambda p: TYPES.index(p.type)):
        for name in place.names:
            index.setdefault(fold(name), place)
    return index


@cache
def _by_lemmas() -> dict[tuple[str, ...], Place]:
    """Lemma keys of the names, for inflected input. A one-word name is indexed only
    when it is its own lemma («Мары», not «Шахты» whose lemma is «шахта»)."""
    index: dict[tuple[str, ...], Place] = {}
    for place in sorted(all_places(), key=lambda p: TYPES.index(p.type)):
        for name in place.names:
            keys = lemmas(name)
            if len(keys) > 1 or (keys and keys[0] == fold(name)):
                index.setdefault(keys, place)
    return index


def lookup_place(normal: str) -> Place | None:
    """The place a name means: «Казахстан», «РК», «Туркменистана», «Алма-Ата»."""
    key = fold(normal)
    if not key:
        return None
    return _by_fold().get(key) or _by_lemmas().get(lemmas(normal))


@cache
def _by_adjective() -> dict[str, Place]:
    countries = {p.iso3 or p.name: p for p in all_places() if p.type == "COUNTRY"}
    index: dict[str, Place] = {}
    for r in _country_rows():
        for adjective in split_list(r["adjective"]):
            index.setdefault(fold(adjective), countries[r["iso3"] or r["name"]])
    return index


def country_by_adjective(word: str) -> Place | None:
    """The country of an adjective: «казахстанский» (or «казахстанского») -> Казахстан."""
    key = fold(word)
    return _by_adjective().get(key) or _by_adjective().get(lemma(key)) if key else None


@cache
def _by_iso3() -> dict[str, Place]:
    return {p.iso3: p for p in all_places() if p.type == "COUNTRY" and p.iso3}


def country_by_iso3(code: str) -> Place | None:
    return _by_iso3().get(code.upper())


@cache
def _ambiguous() -> frozenset[str]:
    names = [r["name"] for r in read_table("ambiguous_places.tsv", ("name", "why"))]
    return frozenset([fold(n) for n in names] + [" ".join(lemmas(n)) for n in names])


def is_ambiguous(name: str) -> bool:
    """Whether a place name is also a common personal name or word («Владимир», «Шахты»,
    «Газа»): such a name alone should not turn a PER mention into a place."""
    return fold(name) in _ambiguous() or " ".join(lemmas(name)) in _ambiguous()
