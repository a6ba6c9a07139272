"""letopis's own mention layer over natasha's NER: fixes, lexicon finds, posts.

A flat list of small named rules (razdel style). Each takes the context and the
current mentions and returns the new list; ``source`` on a mention records the
rule that made or changed it, so ``--explain``-style debugging can show it.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache

from letopis.document import Mention, Token
from letopis.extract.lexicon import LemmaMatcher, word_key
from letopis.nlp.tokens import TokenIndex

COMPASS = {"север", "юг", "запад", "восток", "северо-запад", "северо-восток", "юго-запад", "юго-восток"}
# Words that introduce an organization's name in quotes: компания «Ромашка».
ORG_DESCRIPTORS = {
    "компания", "концерн", "холдинг", "корпорация", "банк", "фирма", "группа", "агентство", "газета",
    "журнал", "издание", "телеканал", "радиостанция", "партия", "движение", "фонд", "объединение",
    "ассоциация", "союз", "организация", "предприятие", "завод", "комбинат", "клуб", "университет",
    "оао", "зао", "пао", "ооо", "ао", "гк", "нко", "ассамблея", "общество", "центр", "авиакомпания",
    "госкорпорация", "нацкомпания", "производитель", "оператор", "ритейлер", "сеть", "институт",
}
_QUOTED = re.compile(r"«([^«»\n]{1,80})»|\"([^\"\n]{1,80})\"|„([^„“\n]{1,80})“")


@dataclass
class Context:
    text: str
    tokens: list[Token]
    index: TokenIndex
    keys: list[str]  # lemma key per token

    def key_span(self, m: Mention) -> list[str]:
        return [self.keys[i] for i in self.index.within(m.start, m.end)]


def make_context(text: str, tokens: list[Token]) -> Context:
    return Context(text, tokens, TokenIndex(tokens), [word_key(t.text) for t in tokens])


def _place(normal: str):
    from letopis.kb.gazetteer import lookup_place

    return lookup_place(normal)


def _org(normal: str):
    from letopis.kb.orgs import lookup_org

    return lookup_org(normal)


@cache
def post_matcher() -> LemmaMatcher:
    from letopis.kb.posts import post_matcher as entries

    return LemmaMatcher(entries())


@cache
def org_matcher() -> LemmaMatcher:
    from letopis.kb.orgs import org_aliases

    return LemmaMatcher(org_aliases())


def _retype(m: Mention, type_: str, rule: str, normal: str | None = None, fine: str | None = None) -> Mention:
    return dataclasses.replace(m, type=type_, normal=normal or m.normal, source=rule, fine=fine or m.fine)


# --- the rules ---------------------------------------------------------------

def cut_parenthesis(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """«Билл Смит (Bill Smith)»: a name ends before a parenthesis NER ran into; «АО «Ертис Сталь» closes its quote."""
    out = []
    for m in mentions:
        cut = m.text.find("(")
        if cut > 0 and m.type in ("PER", "LOC", "ORG"):
            text = m.text[:cut].rstrip()
            normal = m.normal.split("(")[0].rstrip() if "(" in m.normal else m.normal
            m = dataclasses.replace(m, end=m.start + len(text), text=text, normal=normal, source="cut_parenthesis")
        elif m.text.count("«") > m.text.count("»") and ctx.text[m.end:m.end + 1] == "»":
            m = dataclasses.replace(m, end=m.end + 1, text=m.text + "»", normal=m.normal + "»" if m.normal.count("«") > m.normal.count("»") else m.normal)
        elif m.text.endswith((")", "•")) and "(" not in m.text:
            text = m.text.rstrip(") •")
            if text:
                m = dataclasses.replace(m, end=m.start + len(text), text=text, normal=m.normal.rstrip(") •"))
        out.append(m)
    return out


def common_word_is_not_person(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """«Маэстро», «подана», «Формулы-1» tagged as a person: a word that is no name of any kind."""
    from letopis.nlp.names import _morph

    out = []
    for m in mentions:
        if m.type == "PER" and any(ch.isdigit() for ch in m.text):
            continue
        if m.type == "PER" and " " not in m.text and "-" not in m.text:
            parses = _morph().parse(m.text)
            names = any(g in p.tag for p in parses for g in ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad"))
            if parses and all(p.is_known for p in parses[:2]) and not names:
                continue
        out.append(m)
    return out


def post_is_not_person(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """natasha tags «Президент» or «Глава государства» as a person: a post is not a name."""
    out = []
    for m in mentions:
        if m.type == "PER":
            keys = ctx.key_span(m)
            hits = post_matcher().find([ctx.tokens[i] for i in ctx.index.within(m.start, m.end)], keys)
            if hits and sum(h.last - h.first + 1 for h in hits) == len(keys):
                continue
        out.append(m)
    return out


def place_is_not_person(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """«Туркменистану» tagged as a person: a known place name wins."""
    out = []
    for m in mentions:
        if m.type == "PER":
            place = _place(m.normal) or _place(m.text)
            if place is not None:
                m = _retype(m, "LOC", "place_is_not_person", place.name, place.type)
        out.append(m)
    return out


def org_is_not_person(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """«Халк Маслахаты» tagged as a person or place: a known organization wins."""
    out = []
    for m in mentions:
        if m.type in ("PER", "LOC"):
            org = _org(m.normal) or _org(m.text)
            if org is not None and not (m.type == "LOC" and _place(m.normal)):
                m = _retype(m, "ORG", "org_is_not_person", org.name)
        out.append(m)
    return out


def place_is_not_organization(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """«на борту МКС»: a name the gazetteer knows as a place and the organization list does not."""
    out = []
    for m in mentions:
        if m.type == "ORG" and m.source == "natasha" and _org(m.normal) is None:
            place = _place(m.normal)
            if place is not None:
                m = _retype(m, "LOC", "place_is_not_organization", place.name, place.type)
        out.append(m)
    return out


# Units that belong to a named body or person: «пресс-служба Акорды», «пресс-служба Кадырова».
UNITS = {"пресс-служба", "пресс-центр", "пресс-секретариат", "канцелярия", "аппарат", "секретариат", "офис",
         "приемная", "приёмная", "штаб", "служба"}


def unit_of_a_body(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """«пресс-служба Акорды»: an organization of its own, with the body nested inside."""
    found = []
    for m in mentions:
        if m.type not in ("ORG", "PER", "LOC", "LOCORG"):
            continue
        i = ctx.index.at(m.start)
        if i <= 0 or ctx.tokens[i - 1].end + 1 != m.start:
            continue
        if i > 1 and ctx.keys[i - 1] == "пресса" and ctx.keys[i - 2] == "служба":  # «Служба прессы X»
            unit = ctx.tokens[i - 2]
        elif ctx.keys[i - 1] in UNITS and (ctx.keys[i - 1] != "служба" or ctx.tokens[i].feats.get("Case") == "Gen"):
            unit = ctx.tokens[i - 1]
        else:
            continue
        if any(x.start <= unit.start < x.end for x in mentions):
            continue
        first = ctx.index.at(unit.start)
        normal = _nominative_phrase(ctx.tokens[first:i], ctx.text) + " " + m.text
        found.append(Mention(unit.start, m.end, ctx.text[unit.start:m.end], "ORG", normal, source="unit_of_a_body"))
    return sorted(mentions + found, key=lambda m: (m.start, -m.end)) if found else mentions


def organization_named_again(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """«АО «Ертис Сталь»» and later «Ертис Стали» tagged as a person: the article already named the company."""
    from letopis.extract.entities import _org_words, _same_word

    orgs = [_org_words(m.normal or m.text) for m in mentions if m.type == "ORG"]
    out = []
    for m in mentions:
        if m.type in ("PER", "LOC"):
            words = _org_words(m.normal or m.text)
            if any(len(o) == len(words) and all(_same_word(a, b) for a, b in zip(words, o)) for o in orgs if o):
                m = _retype(m, "ORG", "organization_named_again")
        out.append(m)
    return out


def compass_is_not_place(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """«Север – Юг» names a direction of a corridor, not two places."""
    return [m for m in mentions if not (m.type == "LOC" and m.normal.lower() in COMPASS)]


def lexicon_orgs(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Organizations from the seed knowledge (Мажилис, Госдума, ООН ...) that NER missed or cut."""
    found = []
    for hit in org_matcher().find(ctx.tokens, ctx.keys):
        start, end = ctx.tokens[hit.first].start, ctx.tokens[hit.last].end
        if not _looks_like_a_name(ctx.text[start:end]):
            continue  # «известие» is not «Известия», «Who» is not WHO
        words = ctx.tokens[hit.first:hit.last + 1]
        normal = _nominative_phrase(words, ctx.text) if len(words) > 1 else hit.payload.name
        found.append(Mention(start, end, ctx.text[start:end], "ORG", normal, source="lexicon_orgs"))
    return _merge(mentions, found)


# A short name of an organization is written in capitals (ООН, МИД, ВТБ); a longer
# one starts with a capital or a quote mark. Lowercase look-alikes are words.
MAX_ABBREVIATION = 5


def _looks_like_a_name(surface: str) -> bool:
    if not surface or not (surface[0].isupper() or surface[0] in "«\"„"):
        return False
    word = surface.replace("«", "").replace("»", "")
    return len(word) > MAX_ABBREVIATION or " " in word or word.isupper() or word[1:].islower() and len(word) > 3


# Words NER takes for organizations that name a kind of body, not a body: «СМИ», «ОАО» alone.
GENERIC_ORGS = {"сми", "госсми", "жкх", "вуз", "нко", "оао", "зао", "пао", "ооо", "ао", "ип", "гк", "фгуп", "гуп"}


def generic_is_not_organization(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """«по сообщению СМИ», «акции ОАО»: a kind of organization, not a named one."""
    return [m for m in mentions if not (m.type == "ORG" and m.text.lower().strip("«»") in GENERIC_ORGS)]


def quoted_orgs(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """компания «Ромашка», партия «Солидарность»: a descriptor word then a name in quotes."""
    found = []
    for q in _QUOTED.finditer(ctx.text):
        i = ctx.index.at(q.start())
        if i <= 0 or ctx.keys[i - 1] not in ORG_DESCRIPTORS:
            continue
        inner = next(g for g in q.groups() if g is not None)
        start = q.start() + 1
        end = start + len(inner)
        if inner.strip() and inner[0].isupper():
            found.append(Mention(start, end, inner, "ORG", inner, source="quoted_orgs"))
    return _merge(mentions, found)


def posts(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Posts and titles (президент, глава государства, замминистра) as PROFESSION mentions."""
    taken = [(m.start, m.end) for m in mentions if m.type in ("PER", "ORG")]
    found = []
    for hit in post_matcher().find(ctx.tokens, ctx.keys):
        start, end = ctx.tokens[hit.first].start, ctx.tokens[hit.last].end
        clash = [s for s, e in taken if s < end and start < e]
        if clash:  # «Председатель Правительства России»: the post ends where the organization begins
            last = hit.last
            while last >= hit.first and ctx.tokens[last].end > min(clash):
                last -= 1
            shorter = post_matcher().find(ctx.tokens[hit.first:last + 1], ctx.keys[hit.first:last + 1]) if last >= hit.first else []
            if not shorter or shorter[0].first != 0:
                continue
            hit = dataclasses.replace(shorter[0], first=hit.first + shorter[0].first, last=hit.first + shorter[0].last)
            start, end = ctx.tokens[hit.first].start, ctx.tokens[hit.last].end
        found.append(Mention(start, end, ctx.text[start:end], "PROFESSION", hit.payload.canonical,
                             fine="PROFESSION", source="posts"))
    return sorted(mentions + found, key=lambda m: (m.start, -m.end))


def gazetteer_names(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Fine types for places the gazetteer knows. The mention keeps the name the text used
    («РФ», «Белоруссия»); its entity takes the gazetteer's canonical name («Россия», «Беларусь»)."""
    out = []
    for m in mentions:
        if m.type == "LOC":
            place = _place(m.normal) or _place(m.text)
            if place is not None:
                m = dataclasses.replace(m, fine=place.type)
        out.append(m)
    return out


def surname_repeats(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """«Мирзиёева поддержали»: a surname the article already gave a person is a person mention again."""
    from letopis.nlp.names import name_parts
    from letopis.nlp.normalize import person_word

    surnames = {}
    for m in mentions:
        if m.type == "PER":
            last = name_parts(m.normal).get("last")
            if last and len(last) > 2:
                surnames[last.lower()] = last
    if not surnames:
        return mentions
    covered = [(m.start, m.end) for m in mentions]
    found = []
    for i, t in enumerate(ctx.tokens):
        if not t.text[:1].isupper() or any(s <= t.start < e for s, e in covered):
            continue
        normal = person_word(t.text, t.feats) if t.feats.get("Case") not in (None, "Nom") else t.text
        key = normal.lower()
        if key in surnames or t.text.lower() in surnames:
            found.append(Mention(t.start, t.end, t.text, "PER", surnames.get(key, surnames.get(t.text.lower())),
                                 source="surname_repeats"))
    return sorted(mentions + found, key=lambda m: (m.start, -m.end)) if found else mentions


@cache
def institution_nouns() -> frozenset[str]:
    from importlib import resources

    data = resources.files("letopis.kb").joinpath("data/institutions.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in data.splitlines() if w.strip() and not w.startswith("#"))


def _nominative_phrase(tokens: list[Token], text: str | None = None) -> str:
    """The head noun and the adjectives before it in the nominative, agreeing in gender; dependents
    stay as written and so does the spacing («Государственной думы Российской Федерации» ->
    «Государственная дума Российской Федерации», «Lenta.ru» stays «Lenta.ru»)."""
    from letopis.nlp.names import _morph
    from letopis.nlp.normalize import CASES

    head = next((i for i, t in enumerate(tokens) if t.pos in ("NOUN", "PROPN")), len(tokens) - 1)
    gender = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}.get(tokens[head].feats.get("Gender", "")) if tokens else None
    plural = tokens[head].feats.get("Number") == "Plur" if tokens else False
    words = []
    for i, t in enumerate(tokens):
        case = CASES.get(t.feats.get("Case", ""))
        word = t.text
        if case and i <= head:
            grams = {"nomn"} | ({"plur"} if plural else ({gender} if gender and t.pos == "ADJ" else set()))
            for p in _morph().parse(t.text):
                if p.tag.case == case:
                    inflected = p.inflect(grams) or p.inflect({"nomn"})
                    if inflected:
                        word = inflected.word if t.text.islower() else _capital(inflected.word, t.text)
                    break
        words.append(word)
    if text is None or not tokens:
        return " ".join(words)
    out, pos = [], tokens[0].start
    for t, w in zip(tokens, words):
        out.append(text[pos:t.start])
        out.append(w)
        pos = t.end
    return "".join(out)


def _capital(word: str, like: str) -> str:
    return word.upper() if like.isupper() and len(like) > 1 else word[:1].upper() + word[1:]


def institution_of_country(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """«правительство Японии», «власти Таиланда», «Совет муфтиев России»: a body of a country is an organization.

    The country stays a mention of its own inside (nested), so roles and LOCORG still see it.
    """
    found, out = [], []
    for m in mentions:
        if m.type not in ("LOC", "LOCORG") or m.fine == "LOCATION":
            continue
        first = ctx.index.at(m.start)
        if first <= 0 or ctx.tokens[first].feats.get("Case") != "Gen":
            continue
        prev = [x for x in mentions if x.type == "ORG" and x.end <= m.start and ctx.text[x.end:m.start] == " "]
        if prev and _org(prev[-1].normal) is None:  # «Совет муфтиев России»: the name goes on with its country
            org = prev[-1]
            found.append(dataclasses.replace(org, end=m.end, text=ctx.text[org.start:m.end],
                                             normal=f"{org.normal} {m.text}", source="institution_of_country"))
            continue
        if prev:
            continue  # a known organization («Халк Маслахаты») keeps its name; the country stays beside it
        i = first - 1
        if ctx.keys[i] not in institution_nouns() or ctx.tokens[i].end + 1 != m.start:
            continue
        j = i
        while j > 0 and ctx.tokens[j - 1].pos == "ADJ" and ctx.tokens[j - 1].sentence == ctx.tokens[i].sentence:
            j -= 1
        start = ctx.tokens[j].start
        normal = _nominative_phrase(ctx.tokens[j:i + 1], ctx.text) + " " + m.text
        found.append(Mention(start, m.end, ctx.text[start:m.end], "ORG", normal, source="institution_of_country"))
    if not found:
        return mentions
    replaced = {(f.start) for f in found}
    for x in mentions:
        if x.type == "ORG" and x.start in replaced and any(f.start == x.start and f.end > x.end for f in found):
            continue
        out.append(x)
    return sorted(out + found, key=lambda m: (m.start, -m.end))


def gazetteer_places(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Known place names NER missed («чемпион Европы», «на Луну»): one or two capitalized words."""
    from letopis.kb.gazetteer import is_ambiguous, lookup_place

    covered = [(m.start, m.end) for m in mentions]
    found, i, n = [], 0, len(ctx.tokens)
    while i < n:
        t = ctx.tokens[i]
        if not t.text[:1].isupper() or t.pos not in ("PROPN", "NOUN") or any(s < t.end and t.start < e for s, e in covered):
            i += 1
            continue
        hit = None
        for width in (2, 1):
            j = i + width - 1
            if j >= n or ctx.tokens[j].sentence != t.sentence:
                continue
            start, end = t.start, ctx.tokens[j].end
            text = ctx.text[start:end]
            if width == 2 and (not ctx.tokens[j].text[:1].isupper() or ctx.text[t.end:ctx.tokens[j].start] != " "):
                continue
            place = lookup_place(text)
            if place is not None and not is_ambiguous(place.name) and len(text) > 2:
                hit = Mention(start, end, text, "LOC", place.name, fine=place.type, source="gazetteer_places")
                i = j
                break
        if hit:
            found.append(hit)
        i += 1
    return sorted(mentions + found, key=lambda m: (m.start, -m.end)) if found else mentions


def first_name_before(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """«Касым-Жомарт Токаев» where NER took only «Токаев»: take back a first name the article gives elsewhere."""
    from letopis.nlp.names import name_parts

    firsts = {}
    for m in mentions:
        if m.type == "PER":
            parts = name_parts(m.normal)
            if "first" in parts and "last" in parts:
                firsts.setdefault(parts["last"].lower(), set()).add(parts["first"].lower())
    out = []
    for m in mentions:
        if m.type == "PER" and " " not in m.text and m.normal.lower() in firsts:
            i = ctx.index.at(m.start)
            prev = ctx.tokens[i - 1] if i > 0 else None
            if prev is not None and prev.sentence == ctx.tokens[i].sentence and ctx.text[prev.end:m.start] == " ":
                from letopis.nlp.normalize import person_word

                first = person_word(prev.text, prev.feats) if prev.feats.get("Case") not in (None, "Nom") else prev.text
                if first.lower() in firsts[m.normal.lower()] and not any(x.start <= prev.start < x.end for x in mentions):
                    m = dataclasses.replace(m, start=prev.start, text=ctx.text[prev.start:m.end],
                                            normal=f"{first} {m.normal}", source="first_name_before")
        out.append(m)
    return out


def _merge(mentions: list[Mention], found: list[Mention]) -> list[Mention]:
    """Add found mentions; they replace overlapping NER mentions of another type or a smaller extent."""
    if not found:
        return mentions
    keep = []
    for m in mentions:
        over = [f for f in found if f.start < m.end and m.start < f.end]
        if not over:
            keep.append(m)
        elif all(f.type == m.type and f.start <= m.start and m.end <= f.end for f in over):
            continue  # the lexicon hit covers it
        elif any(f.start <= m.start and m.end <= f.end for f in over):
            continue
        elif m.type == "PER" and len(over) == 1 and over[0].start == m.start and over[0].end < m.end:
            # «Аль-Джазиры Сами аль-Хадж»: a known organization opens what NER took for one name
            f = over[0]
            rest = m.text[f.end - m.start:]
            cut = f.end + len(rest) - len(rest.lstrip())
            if cut < m.end:
                words = len(f.text.split())
                normal = " ".join(m.normal.split()[words:]) or m.text[cut - m.start:]
                keep.append(dataclasses.replace(m, start=cut, text=m.text[cut - m.start:], normal=normal,
                                                source="org_opens_person"))
        else:
            keep.append(m)
            found = [f for f in found if f not in over]  # NER's larger span wins
    return sorted(keep + found, key=lambda m: (m.start, -m.end))


RULES = [
    cut_parenthesis,
    common_word_is_not_person,
    post_is_not_person,
    place_is_not_person,
    org_is_not_person,
    place_is_not_organization,
    compass_is_not_place,
    generic_is_not_organization,
    surname_repeats,
    first_name_before,
    lexicon_orgs,
    quoted_orgs,
    gazetteer_names,
    gazetteer_places,
    institution_of_country,
    unit_of_a_body,
    organization_named_again,
    posts,
]


def refine_mentions(text: str, tokens: list[Token], mentions: list[Mention], ctx: Context | None = None) -> list[Mention]:
    ctx = ctx or make_context(text, tokens)
    for rule in RULES:
        mentions = rule(ctx, mentions)
    return mentions
