"""Entities of one article: mentions clustered, named in the nominative, linked.

Persons: full name, surname alone, initials and inflected forms join one
entity when their name parts agree. Organizations and places: the same
canonical name, or an abbreviation and its expansion. Post-only references
(«Президент», «Глава государства») are resolved in ``extract.roles``.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from letopis.document import Entity, Mention
from letopis.nlp.names import is_initial, name_parts

NAMED = ("PER", "ORG", "LOC", "LOCORG")


def fold(s: str) -> str:
    return s.lower().replace("ё", "е").replace("«", "").replace("»", "").replace('"', "").strip()


@dataclass
class Cluster:
    type: str
    mentions: list[int] = field(default_factory=list)  # indices into the mention list
    parts: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    wikidata: str | None = None


def _initial_ok(a: str, b: str) -> bool:
    """Two first names agree: equal, or one is an initial of the other (К.-Ж. ~ Касым-Жомарт)."""
    if not a or not b:
        return True
    if is_initial(a) or is_initial(b):
        init, full = (a, b) if is_initial(a) else (b, a)
        letters = [c for c in init if c.isalpha()]
        words = full.split("-")
        if is_initial(full):
            return fold(init) == fold(full)
        return [fold(w[:1]) for w in words[:len(letters)]] == [fold(c) for c in letters]
    fa, fb = sorted((fold(a), fold(b)), key=len)
    # «Раймон» ~ «Раймонд» (a spelling variant), but «Александр» is not «Александра»
    return fa == fb or (same_name(fa, fb) and fb[len(fa):] not in ("а", "я"))


# Case endings a name may keep when the normalizer could not undo them («Данна» for «Данн»).
MAX_ENDING = 2


def same_name(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= MAX_ENDING


def _person_fits(c: Cluster, parts: dict[str, str]) -> bool:
    if "last" in parts and "last" in c.parts:
        if not same_name(parts["last"], c.parts["last"]):
            return False
        return _initial_ok(parts.get("first", ""), c.parts.get("first", ""))
    if len(parts) == 1:  # one word: a surname or a first name of someone named in full
        (word,) = parts.values()
        return any(k in c.parts and same_name(word, c.parts[k]) for k in ("last", "first"))
    if "last" not in parts and "first" in parts and "middle" in parts and "first" in c.parts:
        # «Людмила Марковна» joins «Людмила Гурченко» when first names agree and no other middle name is known
        return _initial_ok(parts["first"], c.parts["first"]) and same_name(parts["middle"], c.parts.get("middle", parts["middle"]))
    if "last" in parts or "last" in c.parts:
        return False
    return "first" in parts and "first" in c.parts and _initial_ok(parts["first"], c.parts["first"])


def cluster_persons(mentions: list[Mention]) -> list[Cluster]:
    order = sorted((i for i, m in enumerate(mentions) if m.type == "PER"),
                   key=lambda i: (-len(name_parts(mentions[i].normal)), i))
    clusters: list[Cluster] = []
    for i in order:
        parts = name_parts(mentions[i].normal)
        fits = [c for c in clusters if _person_fits(c, parts)]
        if len(parts) == 1 and len(fits) > 1:  # prefer clusters where the word is the surname
            by_last = [c for c in fits if "last" in c.parts and same_name(next(iter(parts.values())), c.parts["last"])]
            fits = by_last or fits
        if len(fits) == 1 or (fits and "last" in parts and "first" in parts):
            c = fits[0]
        elif not fits:
            c = Cluster("PER")
            clusters.append(c)
        else:  # «Иванов» alone when two Ивановы are named: ambiguous, keep it apart
            c = Cluster("PER")
            clusters.append(c)
        c.mentions.append(i)
        if len(parts) == 1 and c.parts:  # a lone word adds nothing to a known name
            parts = {}
        for key, value in parts.items():
            if key not in c.parts or (is_initial(c.parts[key]) and not is_initial(value)):
                c.parts[key] = value
        c.names.append(mentions[i].normal)
    return clusters


def _place_name(name: str) -> str:
    """The gazetteer's canonical name («РФ» -> «Россия»), or the name itself."""
    from letopis.kb.gazetteer import lookup_place

    place = lookup_place(name)
    return place.name if place is not None else name


def _acronym(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if len(w) > 2 or w[:1].isupper()]
    return "".join(w[0] for w in words).upper()


def cluster_others(mentions: list[Mention], text: str = "") -> list[Cluster]:
    clusters: dict[tuple[str, str], Cluster] = {}
    for i, m in enumerate(mentions):
        if m.type not in ("ORG", "LOC", "LOCORG"):
            continue
        kind = "ORG" if m.type == "ORG" else "LOC"
        key = (kind, fold(_place_name(m.normal or m.text) if kind == "LOC" else (m.normal or m.text)))
        c = clusters.setdefault(key, Cluster(kind))
        c.mentions.append(i)
        c.names.append(m.normal or m.text)
    # an abbreviation joins its expansion: ООН ~ Организация Объединённых Наций
    orgs = [(k, c) for k, c in clusters.items() if k[0] == "ORG"]
    for key, c in orgs:
        name = c.names[0]
        if name.isupper() and 2 <= len(name) <= 8:
            for other_key, other in orgs:
                if other is not c and other.mentions and _acronym(other.names[0]) == name.upper():
                    other.mentions.extend(c.mentions)
                    other.names.extend(c.names)
                    c.mentions = []
                    break
    _join_parenthesized(mentions, clusters, text)
    _join_known(clusters)
    _join_inflected(clusters)
    _join_with_country(clusters)
    _join_first_word(clusters)
    return [c for c in clusters.values() if c.mentions]


def _merge_into(target: Cluster, other: Cluster) -> None:
    target.mentions.extend(other.mentions)
    target.names.extend(other.names)
    other.mentions, other.names = [], []


def _join_parenthesized(mentions: list[Mention], clusters: dict, text: str) -> None:
    """«Всемирная организация здравоохранения (ВОЗ)»: a name and, in brackets, its short form."""
    by_mention = {i: c for c in clusters.values() for i in c.mentions}
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if a.type == b.type == "ORG" and text[a.end:b.start].strip() in ("(", "(«", "(\""):
            ca, cb = by_mention.get(i), by_mention.get(i + 1)
            if ca is not None and cb is not None and ca is not cb:
                _merge_into(ca, cb)
                for k in ca.mentions:
                    by_mention[k] = ca


LEGAL_FORMS = {"ао", "оао", "зао", "пао", "ооо", "нао", "гк", "ип", "фгуп", "гуп", "муп", "компания", "корпорация"}


def _org_words(name: str) -> list[str]:
    words = fold(name).replace("-", " ").split()
    while words and words[0] in LEGAL_FORMS:
        words = words[1:]
    return words


def _same_word(a: str, b: str) -> bool:
    """Equal, or one case ending apart: «сталь»/«стали», «газпром»/«газпрома» (not «россия»/«россети»)."""
    if a == b:
        return True
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return min(len(a), len(b)) >= 4 and k >= min(len(a), len(b)) - 1 and abs(len(a) - len(b)) <= 2


def _join_known(clusters: dict) -> None:
    """«НАТО» and «Североатлантический альянс»: names the organization list gives to one body."""
    from letopis.kb.orgs import lookup_org

    by_org: dict[str, Cluster] = {}
    for (kind, _), c in list(clusters.items()):
        if kind != "ORG" or not c.mentions:
            continue
        org = lookup_org(c.names[0])
        if org is None or getattr(org, "kind", "") == "generic":
            continue
        first = by_org.setdefault(org.name, c)
        if first is not c:
            _merge_into(first, c)


def _join_inflected(clusters: dict) -> None:
    """«Ертис Сталь», «Ертис Стали», «АО «Ертис Сталь»»: one organization under case endings and a legal form."""
    orgs = [c for (kind, _), c in clusters.items() if kind == "ORG" and c.mentions]
    for i, c in enumerate(orgs):
        if not c.mentions:
            continue
        words = _org_words(c.names[0])
        for o in orgs[i + 1:]:
            other = _org_words(o.names[0]) if o.mentions else []
            if words and len(other) == len(words) and all(_same_word(a, b) for a, b in zip(words, other)):
                _merge_into(c, o)


def _join_with_country(clusters: dict) -> None:
    """«Совет муфтиев России» and «Совет муфтиев» in one article: one organization."""
    orgs = [c for (kind, _), c in clusters.items() if kind == "ORG" and c.mentions]
    for c in orgs:
        if not c.mentions:  # already merged into another
            continue
        base = fold(c.names[0])
        longer = [o for o in orgs if o is not c and o.mentions and fold(o.names[0]).startswith(base + " ")
                  and len(fold(o.names[0])[len(base):].split()) == 1]
        if len(longer) == 1 and c.mentions:
            _merge_into(c, longer[0])


def _join_first_word(clusters: dict) -> None:
    """«Sun» after «Sun Microsystems»: a one-word name that opens a longer name of the same article."""
    orgs = [c for (kind, _), c in clusters.items() if kind == "ORG" and c.mentions]
    for c in orgs:
        if not c.mentions:
            continue
        name = c.names[0]
        if " " in name or len(name) < 3:
            continue
        longer = [o for o in orgs if o is not c and o.mentions and fold(o.names[0]).split(" ")[0] == fold(name)]
        if len(longer) == 1:
            _merge_into(longer[0], c)


def _canonical(c: Cluster, mentions: list[Mention]) -> str:
    if c.type == "PER":
        p = c.parts
        full = [p[k] for k in ("first", "middle", "last") if k in p]
        longest = max(c.names, key=lambda n: (len(n.split()), len(n)))
        return longest if len(longest.split()) >= len(full) else " ".join(full)
    if c.type == "LOC":
        known = {_place_name(n) for n in c.names}
        if len(known) == 1:
            return known.pop()
    counts: dict[str, int] = {}
    for n in c.names:
        counts[n] = counts.get(n, 0) + 1
    return max(counts, key=lambda n: (counts[n], len(n)))


def _wikidata(c: Cluster, name: str) -> str | None:
    from letopis.kb.gazetteer import lookup_place
    from letopis.kb.orgs import lookup_org

    if c.type == "LOC":
        place = lookup_place(name)
        return place.wikidata if place else None
    if c.type == "ORG":
        org = lookup_org(name)
        return org.wikidata if org else None
    return None


def build_entities(mentions: list[Mention], text: str = "") -> tuple[list[Mention], list[Entity]]:
    """Cluster named mentions; return the mentions with ``entity`` set and the entities."""
    clusters = cluster_persons(mentions) + cluster_others(mentions, text)
    clusters.sort(key=lambda c: min(c.mentions))
    mentions = list(mentions)
    entities = []
    for n, c in enumerate(clusters, 1):
        eid = f"e{n}"
        name = _canonical(c, mentions)
        aliases = []
        for i in sorted(c.mentions):
            m = mentions[i]
            mentions[i] = dataclasses.replace(m, entity=eid, parts=name_parts(m.normal) if c.type == "PER" else {})
            for alias in (m.normal, m.text):
                if alias and alias != name and alias not in aliases:
                    aliases.append(alias)
        entities.append(Entity(eid, c.type, name, tuple(aliases), (), _wikidata(c, name) or c.wikidata,
                               dict(c.parts) if c.type == "PER" else {}))
    return mentions, entities
