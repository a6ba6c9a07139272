"""A place or a political actor? LOC vs LOCORG decided from the sentence.

«Казахстан поддержал инициативу» (subject of an action), «назвал Казахстан
партнером» (object of a verb that is not a motion), «правительство
Казахстана» (genitive of an actor noun), «переговоры с Казахстаном» — LOCORG.
«в Казахстане прошли учения», «столица Казахстана», «посетил Казахстан» — LOC.
Nothing here is a list of names: only the syntax role, the verb and the
preposition decide.
"""
from __future__ import annotations

import dataclasses

from letopis.document import Mention
from letopis.extract.mentions import Context

# Prepositions after which a country acts rather than locates: «переговоры с Китаем»,
# «санкции против Ирана», «у России есть», «между Казахстаном и Туркменистаном».
ACTOR_PREPOSITIONS = {"с", "со", "между", "против", "для", "у", "перед"}
# «посол Японии в России»: the country a diplomat is posted to is the other state, an actor.
DIPLOMATIC = {"посол", "посольство", "представительство", "консул", "консульство", "генконсул", "генконсульство",
              "постпред", "постпредство", "представитель", "полпред", "атташе", "миссия"}
# Verbs whose direct object is a place visited or crossed, not an actor.
MOTION_VERBS = {
    "посетить", "посещать", "покинуть", "покидать", "пересечь", "пересекать", "облететь", "объехать",
    "объезжать", "населять", "захлестнуть", "накрыть", "охватить", "затопить", "тряхнуть",
}
# Nouns whose genitive dependent is a place, not an actor: «столица Казахстана»,
# «горы Киргизии», «на юге России». Any other noun makes a genitive country an
# actor or an institution («власти России», «позиция Китая», «сборная Кении»):
# on factRuEval-2016 devset genitives without a preposition are LocOrg 241 times
# and Location 59 times, and most of those 59 heads are spatial nouns like these.
SPATIAL_NOUNS = {
    "территория", "столица", "улица", "полюс", "район", "область", "поверхность", "устье", "склон", "побережье",
    "берег", "граница", "город", "село", "деревня", "поселок", "регион", "часть", "север", "юг", "запад", "восток",
    "центр", "окрестность", "пригород", "карта", "провинция", "штат", "округ", "земля", "небо", "житель",
    "жительница", "время", "гора", "горы", "река", "озеро", "море", "остров", "пляж", "курорт", "глубинка",
    "окраина", "пустыня", "лес", "степь", "климат", "природа", "достопримечательность", "турист", "тур",
    "поездка", "путешествие", "маршрут", "карта", "дорога", "трасса", "аэропорт", "порт", "вокзал", "небо",
    "воздух", "погода", "население", "уроженец", "уроженка", "гость", "житель", "пределы", "предел", "глубь",
    "середина", "сердце", "площадь", "квартал", "проспект", "набережная", "парк", "стадион", "здание",
    "посещение", "визит",
}
PLACE_TYPES = ("COUNTRY", "CITY", "STATE_OR_PROVINCE", "")


def _near_case_words(ctx: Context, head: int) -> list[str]:
    """Prepositions attached to the head, looking only a few tokens back (fast path)."""
    out = []
    for i in range(max(0, head - 4), head):
        t = ctx.tokens[i]
        if t.head == head and t.rel == "case":
            out.append(ctx.keys[i])
    return out


def is_actor(ctx: Context, m: Mention) -> bool:
    head = ctx.index.head_of(m.start, m.end)
    if head < 0:
        return False
    return _actor_at(ctx, head, depth=0)


def _actor_at(ctx: Context, head: int, depth: int) -> bool:
    tok = ctx.tokens[head]
    preps = _near_case_words(ctx, head)
    rel = tok.rel
    gov = tok.head
    if preps:
        if preps[0] in ("с", "со") and tok.feats.get("Case") not in ("Ins", None):
            return False
        if preps[0] == "в" and rel == "nmod" and gov >= 0 and ctx.keys[gov] in DIPLOMATIC:
            return True
        return preps[0] in ACTOR_PREPOSITIONS
    if rel == "obl:agent":  # «поставляемого Россией», «наложенного Вашингтоном»: the agent of a passive
        return True
    if rel == "conj" and gov >= 0 and depth < 3:
        return _actor_at(ctx, gov, depth + 1)
    if rel in ("nsubj", "nsubj:pass"):
        return True
    if rel in ("obj", "iobj"):
        return gov < 0 or ctx.keys[gov] not in MOTION_VERBS
    if rel == "nmod" and gov >= 0:
        case = tok.feats.get("Case")
        if case == "Gen":
            return ctx.keys[gov] not in SPATIAL_NOUNS and ctx.tokens[gov].pos in ("NOUN", "PROPN")
        return case == "Ins"  # «завоевание Крыма Россией»: the agent of a deverbal noun
    return False


def type_locorg(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    out = []
    for m in mentions:
        if m.type == "LOC" and m.fine in PLACE_TYPES and is_actor(ctx, m):
            m = dataclasses.replace(m, type="LOCORG", source=m.source + "+locorg")
        out.append(m)
    return out
