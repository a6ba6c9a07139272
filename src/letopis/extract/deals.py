"""Deal facts: a purchase, a loan, a fine, an investment, an agreement, a supply, and its sides.

A deal word («купить», «кредит», «штраф») makes a sentence a deal; its sides are the people,
organizations and states the sentence names, less those the sentence names for another reason:
- the source of the news («как сообщает газета X», «по данным X»);
- the owners of a side («компания X, принадлежащая Y, купила Z»: Y is no side);
- a person with a post in an organization the sentence also names («… — заявил Иван Петров, глава
  компании X»): they speak or act for it, and the organization is the side.
"""
from __future__ import annotations

from letopis.document import Arg, Fact, Mention

DEAL_KINDS = [  # (lemmas, kind) — kinds as factRuEval-2016 names them
    ({"купить", "приобрести", "продать", "покупка", "продажа", "приобретение", "выкупить", "поглотить", "поглощение",
      "сделка"}, "купля/продажа"),
    ({"кредит", "заем", "займ", "заём", "кредитовать", "одолжить", "облигация"}, "займ/возвращение займа"),
    ({"штраф", "оштрафовать", "взыскать"}, "наложение/выплата штрафа"),
    ({"инвестировать", "инвестиция", "вложить", "вложение"}, "инвестиции"),
    ({"соглашение", "контракт", "договор", "меморандум"}, "соглашение"),
    ({"поставка", "поставить", "поставлять"}, "поставка"),
]
SOURCE_WORDS = {"сообщать", "писать", "передавать", "данные", "сообщение", "информация", "газета", "агентство",
                "издание", "источник"}  # «как сообщает (газета) X», «по данным X»
SIDE_TYPES = ("PER", "ORG", "LOCORG")


def _is_source(s, m: Mention) -> bool:
    before = [t for t in s.tokens if t.end <= m.start and t.text not in "«»\"„“"][-2:]
    return any(t.lemma in SOURCE_WORDS for t in before)


def _speaks_for(m: Mention, entities) -> set[str]:
    """The organizations the article gives the person of ``m`` a post in."""
    e = entities.get(m.entity)
    return {r.organization for r in e.roles if r.organization} if e is not None and e.type == "PER" else set()


def _sides(s, entities, owners: set[str]) -> list[str]:
    named = [m for m in s.mentions if m.entity and m.type in SIDE_TYPES and m.entity not in owners and not _is_source(s, m)]
    ids = {m.entity for m in named}
    out: list[str] = []
    for m in named:
        if m.entity not in out and not _speaks_for(m, entities) & (ids - {m.entity}):
            out.append(m.entity)
    return out


def read_deal(s, entities, modality, owners: set[str] = frozenset()) -> Fact | None:
    for t in s.tokens:
        kind = next((k for lemmas, k in DEAL_KINDS if t.lemma in lemmas), None)
        if kind is None:
            continue
        sides = _sides(s, entities, owners)
        if len(sides) < 2 and kind != "наложение/выплата штрафа":
            return None
        if not sides:
            return None
        args = [Arg("participant", entity=a) for a in sides] + [Arg("type", value=kind, start=t.start, end=t.end)]
        return Fact("Deal", tuple(args), s.sentence.start, s.sentence.end, modality(s, t), {"kind": kind})
    return None
