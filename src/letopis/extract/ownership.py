"""Ownership facts: who owns, founded or holds shares of an organization.

Four ways Russian news states it:
- a post of ownership in apposition, «основатель компании «Полярный свет» Андрей Мельников»,
  «совладелец банка «Заря» Олег Кузнецов» (read by roles.py like any post; here it becomes
  Ownership(owner=person, property=organization) instead of an Occupation);
- «принадлежать»: «компания «Заря», принадлежащая Ивану Смирнову и Олегу Кузнецову», «завод принадлежит
  холдингу «Сталь»»: the property stands before the verb, the owners in the dative after it;
- «владеть»: «холдинг «Сталь» владеет заводом «Прокат»»: the owner before, the property after.
- a subsidiary: «банк «Заря», дочерняя компания холдинга «Сталь»», «банк «Заря» входит в холдинг
  «Сталь»»: the owner is the organization after the link words.
Only mentions next to the trigger count (precision first); the first organization a long sentence
names elsewhere is not an owner.
"""
from __future__ import annotations

from letopis.document import Arg, Fact, Mention

# posts that make their holder an owner of the organization named with them, not an employee
OWNER_POSTS = {"основатель", "сооснователь", "соучредитель", "учредитель", "владелец", "совладелец", "акционер",
               "собственник", "создатель"}
ACTOR_TYPES = ("PER", "ORG", "LOCORG")
SUBSIDIARY = {"дочерний", "дочка"}  # «дочерняя компания холдинга X»
PART_VERBS = {"входить", "войти", "входящий"}  # «входит в холдинг X»
PART_GROUPS = {"холдинг", "группа", "концерн", "корпорация", "состав", "структура", "госкорпорация"}
PROPERTY_KINDS = {"компания", "структура", "банк", "предприятие", "фирма", "холдинг", "концерн", "группа", "завод"}
RELATIVE = {"который", "кто", "что", "это"}
# «владеет контрольным пакетом X», «принадлежат 30% акций X» («#» stands for a number)
SHARES = {"#", "%", "процент", "контрольный", "блокирующий", "пакет", "акция", "доля", "часть", "треть", "половина",
          "четверть", "большинство"}
ADVERBS = {"также", "теперь", "полностью", "частично", "ныне", "сейчас", "по-прежнему"}
LIST_GAPS = {",", "и"}  # «Ивану Смирнову, Олегу Кузнецову и Петру Волкову»


def is_owner_post(post: str) -> bool:
    from letopis.kb.orgs import lemmas

    keys = lemmas(post.lower())
    return bool(keys) and keys[0] in OWNER_POSTS


def from_role(person: str, role) -> Fact | None:
    """«основатель компании X Иван Петров»: Ownership(Иван Петров, X); a post of ownership without
    an organization («владелец кафе Иван Петров») is no fact."""
    if not role.organization:
        return None
    args = (Arg("owner", entity=person), Arg("property", entity=role.organization))
    return Fact("Ownership", args, role.start, role.end, "asserted", {"post": role.post})


QUOTES = set("«»\"„“")


def _gap(s, a: int, b: int) -> list[str]:
    """Lemmas of the tokens between offsets ``a`` and ``b``, quote marks left out."""
    return ["#" if t.pos == "NUM" or t.text[:1].isdigit() else t.lemma.lower()
            for t in s.tokens if t.start >= a and t.end <= b and t.text not in QUOTES]


def _actors(s, entities) -> list[Mention]:
    return [m for m in s.mentions if m.entity and m.type in ACTOR_TYPES and m.entity in entities]


def _before(s, actors: list[Mention], start: int, allowed: set[str], max_words: int = 2) -> Mention | None:
    """The actor right before ``start``, with only ``allowed`` lemmas (at most ``max_words``) between."""
    prev = [m for m in actors if m.end <= start]
    if not prev:
        return None
    gap = _gap(s, prev[-1].end, start)
    return prev[-1] if len(gap) <= max_words and set(gap) <= allowed else None


def _list_after(s, actors: list[Mention], end: int, allowed: set[str], max_words: int = 3) -> list[Mention]:
    """The actors right after ``end`` (``allowed`` lemmas between), and those listed with it by «,»/«и»."""
    out: list[Mention] = []
    pos = end
    for m in (m for m in actors if m.start >= end):
        gap = _gap(s, pos, m.start)
        if not out and len(gap) <= max_words and set(gap) <= allowed:
            out.append(m)
        elif out and gap and gap[0] in LIST_GAPS and set(gap) <= LIST_GAPS | PROPERTY_KINDS and len(gap) <= 3:
            out.append(m)
        else:
            break
        pos = m.end
    return [m for i, m in enumerate(out) if m.entity not in {o.entity for o in out[:i]}]


def _fact(s, trig, owner: Mention, prop: Mention, modality) -> Fact | None:
    """A person is owned by nobody: a property is an organization (or a state's asset)."""
    if owner.entity == prop.entity or prop.type == "PER":
        return None
    args = (Arg("owner", entity=owner.entity), Arg("property", entity=prop.entity))
    return Fact("Ownership", args, s.sentence.start, s.sentence.end, modality(s, trig))


def read_ownerships(s, entities, modality) -> list[Fact]:
    out: list[Fact] = []
    actors = _actors(s, entities)
    if len(actors) < 2:
        return out
    tokens = s.tokens
    for i, t in enumerate(tokens):
        pairs: list[tuple[Mention, Mention]] = []  # (owner, property)
        if t.lemma == "принадлежать":
            # «X, принадлежащая Y и Z» / «X принадлежит Y»; «которому принадлежит …» is left alone
            if i and tokens[i - 1].lemma in RELATIVE:
                continue
            prop = _before(s, actors, t.start, {",", "не"} | ADVERBS)
            owners = _list_after(s, actors, t.end, {"на", "право", "собственность"} | ADVERBS | PROPERTY_KINDS)
            pairs = [(o, prop) for o in owners] if prop else []
        elif t.lemma == "владеть" and t.pos == "VERB":
            owner = _before(s, actors, t.start, {","} | RELATIVE | ADVERBS, 3)
            props = _list_after(s, actors, t.end, ADVERBS | PROPERTY_KINDS | SHARES, 6)
            pairs = [(owner, p) for p in props] if owner else []
        elif t.lemma in SUBSIDIARY or t.lemma in PART_VERBS:
            prop = _before(s, actors, t.start, {",", "—", "–", "-", "являться", "стать", "это"})
            link = PROPERTY_KINDS if t.lemma in SUBSIDIARY else {"в", "во"} | PART_GROUPS
            owners = _list_after(s, actors, t.end, link, 4)
            pairs = [(owners[0], prop)] if prop and owners else []
        out += [f for o, p in pairs if (f := _fact(s, t, o, p, modality))]
    return out
