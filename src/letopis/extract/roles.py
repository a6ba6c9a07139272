"""Posts and roles: «Председатель Халк Маслахаты Туркменистана Гурбангулы Бердымухамедов».

A post mention followed by organization/country mentions and then a person is
an apposition: the person gets Role(post, organization, country, qualifiers)
and the post mention joins the person's entity. A post with no person after it
(«– отметил Президент», «Глава государства поблагодарил») is resolved to the
one person the article gave that post; with two candidates it stays unresolved
(precision first).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from letopis.document import Entity, Mention, Role
from letopis.extract.mentions import ORG_DESCRIPTORS

QUALIFIER = re.compile(
    r"(бывш\w+|экс-|исполняющ\w+ обязанности|и\.\s?о\.|врио|временно исполняющ\w+ обязанности|новый|нов\w+|"
    r"действующ\w+|покойн\w+)\s*$",
    re.IGNORECASE,
)
QUALIFIER_NAMES = {"бывш": "бывший", "экс-": "бывший", "исполняющ": "исполняющий обязанности",
                   "и.о.": "исполняющий обязанности", "и. о.": "исполняющий обязанности",
                   "врио": "временно исполняющий обязанности", "временно": "временно исполняющий обязанности",
                   "нов": "новый", "действующ": "действующий", "покойн": "покойный"}
# Between a post and the person it describes only the post's own complement may
# stand: nouns, adjectives, prepositions, conjunctions and quote marks, at most
# MAX_GAP_TOKENS of them («министр транспорта и дорожного хозяйства области Иван Петров»,
# «директор компании «Полярный свет» Андрей Мельников»); a verb, a comma or a
# pronoun ends the apposition («Президент провел встречу с Иваном» is not one).
GAP_POS = {"NOUN", "ADJ", "ADP", "CCONJ", "NUM", "DET", "PROPN"}
GAP_PUNCT = set("«»\"„“-–")
MAX_GAP_TOKENS = 6
# nouns that name the kind of organization a post is held in, not the post («глава партии «Яблоко»»)
POST_ORG_WORDS = {"еженедельник", "ежемесячник", "отделение", "фракция", "федерация", "команда", "сборная", "театр",
                  "телекомпания", "издательство"}
AFTER_PERSON = re.compile(r"^\s*(,|–|—|-|\()\s*$")  # «Сергей Лавров, глава МИД», «Ннека Угбома - руководитель»


@dataclass
class PostRef:
    mention: int  # index of the PROFESSION mention
    post: str  # canonical post, lower case
    display: str  # nominative as the text capitalizes it
    organization: int | None = None  # mention index
    country: int | None = None
    person: int | None = None  # mention index of the person in apposition
    qualifiers: tuple[str, ...] = ()
    end: int = 0  # end of the chain
    phrase_end: int = 0  # end of the post phrase with its complement


def _display(post: str, surface: str) -> str:
    return post[:1].upper() + post[1:] if surface[:1].isupper() else post


def _qualifiers(text: str, start: int) -> tuple[str, ...]:
    m = QUALIFIER.search(text[max(0, start - 45):start])
    if not m:
        return ()
    word = m.group(1).lower()
    for stem, name in QUALIFIER_NAMES.items():
        if word.startswith(stem):
            return (name,)
    return ()


def _gap_ok(ctx: "RoleContext", start: int, end: int) -> bool:
    if start >= end:
        return True
    gap = ctx.text[start:end]
    if "\n" in gap:
        return False
    tokens = [ctx.tokens[k] for k in ctx.index.within(start, end)]
    if len(tokens) > MAX_GAP_TOKENS:
        return False
    for t in tokens:
        if t.pos == "PUNCT":
            if t.text not in GAP_PUNCT:
                return False
        elif t.pos not in GAP_POS or (t.pos == "PROPN" and t.text[:1].isupper()):
            return False
    return True


@dataclass
class RoleContext:
    text: str
    tokens: list
    index: object


def _chain(ctx: RoleContext, mentions: list[Mention], i: int) -> PostRef:
    text = ctx.text
    p = mentions[i]
    ref = PostRef(i, p.normal.lower(), _display(p.normal.lower(), p.text), qualifiers=_qualifiers(text, p.start), end=p.end)
    ref.phrase_end = p.end
    j = i + 1
    while j < len(mentions):
        m = mentions[j]
        if m.start < ref.end:
            j += 1
            continue
        if not _gap_ok(ctx, ref.end, m.start):
            break
        if ref.organization is None and ref.country is None and ref.end == ref.phrase_end and m.start > ref.end:
            # the post's complement before any name: «министр связи и коммуникаций»
            last = [t for t in (ctx.tokens[k] for k in ctx.index.within(ref.end, m.start)) if t.pos != "PUNCT"]
            while last and m.type == "ORG" and last[-1].lemma in ORG_DESCRIPTORS:
                last.pop()  # «руководитель компании «Арм Софт»»: the descriptor belongs to the organization
            if last and all(t.pos != "PROPN" for t in last) and last[-1].pos in ("NOUN", "ADJ"):
                ref.phrase_end = last[-1].end
        if m.type == "PER":
            ref.person = j
            break
        if m.type == "ORG" and ref.organization is None and ref.country is None:
            ref.organization = j
        elif m.type in ("LOC", "LOCORG") and ref.country is None:
            ref.country = j
        else:
            break
        ref.end = m.end
        j += 1
    return ref


def _joined(text: str, end: int, start: int) -> bool:
    """Two posts listed together: «директор и совладелец», «президент, председатель правления»."""
    return end <= start and text[end:start].strip() in ("и", ",")


def _share_complement(ctx: RoleContext, mentions: list[Mention], i: int, ref: PostRef) -> PostRef:
    """«управляющий директор и совладелец агентства X Иван Петров»: a post listed right before another
    one takes the organization (or country) and the person of the other's chain."""
    if ref.organization is not None or ref.country is not None or ref.person is not None:
        return ref
    k = i + 1
    while k < len(mentions) and mentions[k].start < mentions[i].end:
        k += 1  # a post nested in this one
    if k >= len(mentions) or mentions[k].type != "PROFESSION" or not _joined(ctx.text, mentions[i].end, mentions[k].start):
        return ref
    if ctx.text[mentions[i].end:mentions[k].start].strip() != "и":
        return ref
    other = _chain(ctx, mentions, k)
    return dataclasses.replace(ref, organization=other.organization, country=other.country, person=other.person)


def _after_person(text: str, mentions: list[Mention], ref: PostRef, ctx: RoleContext | None = None) -> int | None:
    """«Сергей Лавров, глава МИД России, …»: the person right before «, POST»."""
    p = mentions[ref.mention]
    if ctx is not None and any(ctx.tokens[k].feats.get("Number") == "Plur" for k in ctx.index.within(p.start, p.end)
                               if ctx.tokens[k].pos == "NOUN"):
        return None  # «По предложению Ивана Петрова, депутаты собрания ...»: a plural post names no one person
    start = p.start
    for k in range(ref.mention - 1, -1, -1):
        m = mentions[k]
        if m.end <= start:
            if m.type == "PER" and AFTER_PERSON.match(text[m.end:start]):
                return k
            if m.type == "PROFESSION" and _joined(text, m.end, start):
                start = m.start  # «Иван Петров - директор и совладелец агентства X»
            if m.type != "PROFESSION":
                return None
    return None


# «Иван Петров стал капитаном команды», «он является членом комитета», «был назначен послом»:
# a post in the instrumental after one of these verbs belongs to the verb's subject.
PREDICATES = {"являться", "стать", "становиться", "назначить", "назначать", "избрать", "избирать", "работать",
              "служить", "числиться", "остаться", "оставаться", "переизбрать", "утвердить", "занимать"}


def _predicate_person(ctx: RoleContext, mentions: list[Mention], post: Mention) -> int | None:
    head = ctx.index.head_of(post.start, post.end)
    if head < 0 or ctx.tokens[head].feats.get("Case") not in ("Ins", "Acc", "Nom"):
        return None
    verb = ctx.tokens[head].head
    if verb < 0 or ctx.tokens[verb].lemma not in PREDICATES:
        return None
    if ctx.tokens[head].feats.get("Case") == "Nom" and ctx.tokens[head].rel not in ("xcomp", "obl", "obj"):
        return None
    for k in range(max(0, verb - 30), min(len(ctx.tokens), verb + 30)):
        t = ctx.tokens[k]
        if t.head == verb and t.rel in ("nsubj", "nsubj:pass") and k != head:
            for j, m in enumerate(mentions):
                if m.type == "PER" and m.start <= t.start < m.end:
                    return j
                if m.type == "PROFESSION" and m.start <= t.start < m.end and m is not post:
                    # «владельцем X является её основатель Иван Петров»: the subject is a post in apposition
                    return _chain(ctx, mentions, j).person
    return None


def _without_trailing_adjectives(ctx: RoleContext, start: int, end: int) -> int:
    """End of a post's complement without the adjectives that open the organization's name:
    «полузащитник футбольного клуба «Челси»» -> «полузащитник», «редактор ежемесячной газеты» -> «редактор»."""
    inside = [ctx.tokens[k] for k in ctx.index.within(start, end)] if ctx.tokens else []
    named = ctx.text[end:end + 2].lstrip()[:1] in "«\"„"  # the organization's own name in quotes follows
    if inside and named and inside[-1].lemma in ORG_DESCRIPTORS | POST_ORG_WORDS:  # «фотограф еженедельника «…»»
        end = inside.pop().start
    while inside and inside[-1].pos in ("ADJ", "DET"):
        end = inside.pop().start
    return len(ctx.text[:end].rstrip()) if end > start else start


def _means(post: str) -> str:
    from letopis.kb.posts import refers_to

    return refers_to(post) or post


def assign_roles(text: str, mentions: list[Mention], entities: list[Entity], tokens=()) -> tuple[list[Mention], list[Entity]]:
    from letopis.nlp.tokens import TokenIndex

    ctx = RoleContext(text, list(tokens), TokenIndex(list(tokens)))
    mentions = list(mentions)
    by_id = {e.id: e for e in entities}
    roles: dict[str, list[Role]] = {}
    holders: dict[str, list[tuple[str, PostRef]]] = {}  # post meaning -> [(person id, ref)]
    standalone: list[PostRef] = []
    for i, m in enumerate(mentions):
        if m.type != "PROFESSION":
            continue
        ref = _share_complement(ctx, mentions, i, _chain(ctx, mentions, i))
        person = ref.person if ref.person is not None else _after_person(text, mentions, ref, ctx)
        if person is None:
            person = _predicate_person(ctx, mentions, m)
        if person is None or mentions[person].entity is None:
            standalone.append(ref)
            continue
        pid = mentions[person].entity
        org = mentions[ref.organization].entity if ref.organization is not None else None
        country = mentions[ref.country].entity if ref.country is not None else None
        if country is None and org is not None:
            country = _org_country(by_id.get(org), entities)
        post_end = _without_trailing_adjectives(ctx, m.end, ref.phrase_end)
        post = ref.display + text[m.end:post_end]  # «Министр» + « связи и коммуникаций»
        role = Role(post, org, country, by_id[org].name if org in by_id else "",
                    by_id[country].name if country in by_id else "", ref.qualifiers, m.start, post_end)
        if role not in roles.setdefault(pid, []):
            roles[pid].append(role)
        holders.setdefault(_means(ref.post), []).append((pid, ref))
        mentions[i] = dataclasses.replace(m, entity=pid)
    for ref in standalone:
        pid = _resolve(ref, mentions, holders)
        if pid is not None:
            mentions[ref.mention] = dataclasses.replace(mentions[ref.mention], entity=pid)
    country = _only_country(mentions)
    if country is not None:
        for pid, rs in roles.items():
            rs[:] = [dataclasses.replace(r, country=country, country_name=by_id[country].name)
                     if not (r.organization or r.country) and _national(r.post) else r for r in rs]
    entities = [dataclasses.replace(e, roles=tuple(roles.get(e.id, ()))) if e.id in roles else e for e in entities]
    return mentions, entities


NATIONAL_KINDS = ("head_of_state", "head_of_government", "minister")


def _national(post: str) -> bool:
    """A post held in a country's government («премьер-министр», «министр финансов»)."""
    from letopis.kb.orgs import lemmas
    from letopis.kb.posts import lookup_post, split_post

    keys = lemmas(post.lower())
    found = lookup_post(keys) or (split_post(keys).post if split_post(keys) else None)
    return found is not None and found.kind in NATIONAL_KINDS


# kinds of posts held in an institution the post alone implies (a state, a parliament, an army, a company);
# «media» and «other» posts (журналист, аналитик, руководитель, помощник) and the callings below say what a
# person does, not where: without the organization they are no Occupation fact.
OFFICE_KINDS = {"head_of_state", "head_of_government", "minister", "legislator", "diplomat", "regional", "party",
                "military", "judicial", "corporate"}
CALLINGS = {"адвокат", "юрист", "предприниматель", "бизнесмен", "миллиардер"}


def post_kind(post: str) -> str:
    """The posts.tsv kind of the longest known post ``post`` starts with («руководитель центра» -> other)."""
    from letopis.kb.orgs import lemmas
    from letopis.kb.posts import split_post

    keys = lemmas(post.lower())
    for n in range(len(keys), 0, -1):
        found = split_post(keys[:n])
        if found is not None:
            return "calling" if found.post.canonical in CALLINGS else found.post.kind
    return ""


RELATIONAL_KINDS = {"other"}  # «руководитель», «председатель», «член»: a post of something
BODY_WORDS = {"управление", "отдел", "комиссия", "бюро", "президиум", "правление", "дирекция", "секретариат",
              "штаб", "совет", "коллегия", "палата", "подразделение", "филиал", "отделение"}


def holds_office(post: str) -> bool:
    """Whether a post names an office even when the text gives no organization: «губернатор», «сенатор», or a
    post whose complement names the body it is held in («председатель комитета по бюджету»)."""
    from letopis.extract.mentions import institution_nouns
    from letopis.kb.orgs import lemmas

    kind = post_kind(post)
    if kind in OFFICE_KINDS:
        return True
    bodies = BODY_WORDS | ORG_DESCRIPTORS | institution_nouns()
    return kind in RELATIONAL_KINDS and any(k in bodies for k in lemmas(post.lower())[1:])


def _only_country(mentions: list[Mention]) -> str | None:
    """The one country an article names, if it names exactly one: a national post named without its
    country («премьер-министр Сильвио Берлускони») is held there."""
    found = {m.entity for m in mentions if m.type in ("LOC", "LOCORG") and m.fine == "COUNTRY" and m.entity}
    return found.pop() if len(found) == 1 else None


def _resolve(ref: PostRef, mentions: list[Mention], holders) -> str | None:
    candidates = holders.get(_means(ref.post), [])
    if ref.organization is not None:
        org = mentions[ref.organization].entity
        candidates = [(pid, r) for pid, r in candidates if r.organization is not None and mentions[r.organization].entity == org]
    people = {pid for pid, _ in candidates}
    return people.pop() if len(people) == 1 else None


def _org_country(org: Entity | None, entities: list[Entity]) -> str | None:
    """The country the seed knowledge places an organization in, if the article names it."""
    if org is None:
        return None
    from letopis.kb.gazetteer import lookup_place
    from letopis.kb.orgs import lookup_org

    known = lookup_org(org.name)
    if not known or not getattr(known, "country", None):
        return None
    for e in entities:
        if e.type == "LOC":
            place = lookup_place(e.name)
            if place and place.type == "COUNTRY" and place.iso3 == known.country:
                return e.id
    return None
