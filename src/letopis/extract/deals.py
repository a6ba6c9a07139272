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
from letopis.extract.quotes import speech_verbs

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


DASHES = {"—", "–", "-"}


def _parenthetical(s, m: Mention) -> bool:
    """A mention inside an aside that describes the word before it: «вложила в X — разработчика игр Y и Z —
    сумму ...», «X (владелец сети Y)». The aside opens after the sentence's first word and is closed."""
    before = [t.text for t in s.tokens if t.end <= m.start]
    after = [t.text for t in s.tokens if t.start >= m.end]
    dashes = [j for j, x in enumerate(before) if x in DASHES]
    if len(dashes) % 2 == 1 and dashes[-1] > 0 and any(x in DASHES for x in after):
        return True
    return before.count("(") > before.count(")") and ")" in after


def _reported(s, deal_start: int) -> int:
    """«Глава министерства отметил, что X оштрафовала Y»: where the reported clause begins when a speech
    verb and «, что» stand before the deal word (the speaker names no side); else the sentence start."""
    toks = [t for t in s.tokens if t.start < deal_start]
    for j in range(len(toks) - 1, 0, -1):
        if toks[j].lemma == "что" and toks[j - 1].text == "," and any(t.lemma in speech_verbs() for t in toks[:j]):
            return toks[j].end
    return s.sentence.start


def _sides(s, entities, owners: set[str], deal_start: int | None = None) -> list[str]:
    begin = _reported(s, deal_start) if deal_start is not None else s.sentence.start
    named = [m for m in s.mentions if m.entity and m.type in SIDE_TYPES and m.entity not in owners and not _is_source(s, m)
             and m.start >= begin and not _parenthetical(s, m)]
    ids = {m.entity for m in named}
    out: list[str] = []
    for m in named:
        if m.entity not in out and not _speaks_for(m, entities) & (ids - {m.entity}):
            out.append(m.entity)
    return out


def _kind(t) -> str | None:
    return next((k for lemmas, k in DEAL_KINDS if t.lemma in lemmas), None)


def _subject_of_agreement(s, i: int):
    """«соглашение о покупке доли», «договор об инвестициях»: an agreement about a deal of another kind
    is that deal; returns the token naming it (or None)."""
    after = s.tokens[i + 1:i + 4]
    if not after or after[0].lemma not in ("о", "об"):
        return None
    return next((t for t in after[1:] if (k := _kind(t)) and k != "соглашение"), None)


def read_deal(s, entities, modality, owners: set[str] = frozenset()) -> Fact | None:
    for i, t in enumerate(s.tokens):
        kind = _kind(t)
        if kind is None:
            continue
        if kind == "соглашение" and (subject := _subject_of_agreement(s, i)) is not None:
            t, kind = subject, _kind(subject)
        sides = _sides(s, entities, owners, t.start)
        if len(sides) < 2 and kind != "наложение/выплата штрафа":
            return None
        if not sides:
            return None
        args = [Arg("participant", entity=a) for a in sides] + [Arg("type", value=kind, start=t.start, end=t.end)]
        return Fact("Deal", tuple(args), s.sentence.start, s.sentence.end, modality(s, t), {"kind": kind})
    return None
