"""Facts: Occupation, Meeting, Deal, Ownership, with arguments pointing at entities.

Matching (which sentence, which trigger) is kept apart from interpretation
(which entities fill which role), as yargy does: ``TRIGGERS`` are lemma lists,
each ``read_*`` function turns one triggered sentence into a ``Fact``.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from letopis.document import Arg, Entity, Fact, Mention, Sentence, Token
from letopis.extract import deals, ownership
from letopis.extract.roles import holds_office

MEETING_NOUNS = {"встреча", "переговоры", "переговор", "беседа", "разговор", "саммит", "визит", "консультация"}
MEETING_VERBS = {"встретиться", "встречаться", "переговорить", "созвониться", "побеседовать", "принять", "обсудить",
                 "провести"}
APPOINT = {"назначить", "назначать", "возглавить", "возглавлять", "избрать", "избирать", "руководить", "занимать",
           "работать", "стать", "утвердить", "переизбрать"}
NEGATION = {"не", "нет", "отказаться", "отклонить", "опровергнуть"}
PLANNED = {"планировать", "намереваться", "намерен", "собираться", "будущий", "предстоящий", "договориться",
           "рассчитывать", "готовиться", "предполагать", "предусматривать"}
HYPOTHETICAL = {"мочь", "если", "бы", "возможно", "якобы", "вероятно", "допускать"}
FORMATS = [(re.compile(r"телефон", re.I), "phone"), (re.compile(r"видео|онлайн|дистанцион", re.I), "video"),
           (re.compile(r"неформальн|неофициальн|рабоч\w+ ужин|кулуар", re.I), "informal")]


@dataclass
class Sent:
    sentence: Sentence
    tokens: list[Token]
    mentions: list[Mention]
    first: int = 0  # index of the sentence's first token in the document's token layer


def _modality(s: Sent, trigger: Token) -> str:
    lemmas = [t.lemma for t in s.tokens]
    i = next((k for k, t in enumerate(s.tokens) if t is trigger), 0)
    window = lemmas[max(0, i - 4):i]
    if any(w in NEGATION for w in window):
        return "negated"
    if any(w in HYPOTHETICAL for w in lemmas) and ("бы" in lemmas or "если" in lemmas or "мочь" in window):
        return "hypothetical"
    if any(w in PLANNED for w in lemmas) or trigger.feats.get("Tense") == "Fut" or "будет" in [t.text.lower() for t in s.tokens]:
        return "planned"
    return "asserted"


def read_meeting(s: Sent, entities, place: str | None, first: bool) -> Fact | None:
    trig = next((t for t in s.tokens if t.lemma in MEETING_NOUNS or (t.lemma in MEETING_VERBS and t.pos == "VERB")), None)
    if trig is None:
        return None
    if not _met_with(s, trig):
        return None
    if trig.lemma in ("принять", "провести", "обсудить"):
        # «принял X» / «провел встречу» count only with a person received or a meeting noun
        if trig.lemma == "провести" and not any(t.lemma in MEETING_NOUNS for t in s.tokens):
            return None
        if trig.lemma == "обсудить":
            return None
    people = _linked_people(s, trig, entities)
    if len(people) < 2:
        return None
    args = [Arg("participant", entity=p) for p in people]
    where = _place_in(s) or (place if first else None)
    attrs = {"format": next((f for rx, f in FORMATS if rx.search(s.sentence.text)), "official")}
    if where:
        args.append(Arg("place", value=where))
        attrs["place"] = where
    return Fact("Meeting", tuple(args), s.sentence.start, s.sentence.end, _modality(s, trig), attrs)


def _linked_people(s: Sent, trig: Token, entities) -> list[str]:
    """The people a meeting word ties together, by the patterns of Russian news (the parser is
    not reliable on long sentences): «X встретился / провел встречу с Y», «принял Y»,
    «встреча между X и Y», «X и Y провели переговоры». Other people the sentence names are
    not participants."""
    people = [m for m in s.mentions if m.entity and entities.get(m.entity) and entities[m.entity].type == "PER"]
    before = [m for m in people if m.end <= trig.start]
    after = [m for m in people if m.start >= trig.end]
    words = [(t.start, t.lemma) for t in s.tokens if t.start >= trig.end][:8]
    link = next((start for start, lemma in words if lemma in ("с", "со", "между")), None)
    out: list[str] = []

    def add(m):
        if m.entity not in out:
            out.append(m.entity)

    if link is not None:
        later = [m for m in after if m.start > link]
        if later and not _governed(s, link, later[0], ("Ins",)):
            later = []  # «беседа с корреспондентом ..., сказал лидер X»: X is not who was met
        if later:
            if next(lemma for start, lemma in words if start == link) == "между":
                pair = [m for m in later if m.entity != later[0].entity and _governed(s, link, m, ("Ins",))][:1]
                if pair and "и" in s.sentence.text[later[0].end - s.sentence.start:pair[0].start - s.sentence.start].split():
                    add(later[0]), add(pair[0])
                return out
            if before:
                add(before[-1])
            add(later[0])
            return out if len(out) >= 2 else _pair_before(s, before)
    if trig.lemma == "принять" and before and after and _governed(s, trig.start, after[0], ("Acc", "Gen")):
        add(before[-1]), add(after[0])
        return out
    return _pair_before(s, before)


CLAUSE_BREAKS = {",", ";", ":", "—", "–", "-", "(", ")", "!", "?", "."}


def _governed(s: Sent, head: int, m: Mention, cases: tuple[str, ...]) -> bool:
    """Is the person mention ``m`` the object of the word (preposition or verb) at ``head``: in one of
    ``cases`` (when the tagger gives a case), with no verb and no clause break in between?
    «встретился с министром Иваном Петровым» yes; «на встрече с журналистами ... отреагировал на
    слова Петрова», «принял руководство клубом, и вместо Петрова ...» no."""
    between = [t for t in s.tokens if head < t.start < m.start]
    if any(t.pos in ("VERB", "AUX") or t.text in CLAUSE_BREAKS for t in between):
        return False
    first = next((t for t in s.tokens if t.start >= m.start), None)
    case = first.feats.get("Case") if first is not None else None
    return case is None or case in cases


def _pair_before(s: Sent, before: list[Mention]) -> list[str]:
    """«X и Y провели переговоры»: the two people joined by «и» right before the meeting word."""
    for first, second in zip(before, before[1:]):
        gap = s.sentence.text[first.end - s.sentence.start:second.start - s.sentence.start]
        if first.entity != second.entity and gap.split() and gap.split()[-1] == "и" and len(gap.split()) <= 6:
            return [first.entity, second.entity]
    return []


def _met_with(s: Sent, trig: Token) -> bool:
    """A visit, a summit or consultations alone («визит в Китай», «саммит ШОС») are events, not a meeting
    of the people the sentence names (on the factRuEval devset they were almost all false meetings)."""
    if trig.lemma in ("визит", "саммит", "консультация"):
        return False
    return not _contest(s, trig)


# «встретятся на сцене / на ринге / в финале»: rivals or fellow performers meeting in a contest or a show
CONTEST_PLACES = {"на": {"сцена", "ринг", "корт", "поле", "татами", "ковер", "площадка", "лед", "трасса", "дорожка"},
                  "в": {"финал", "полуфинал", "четвертьфинал", "матч", "поединок", "бой", "схватка", "дуэль", "турнир",
                        "плей-офф", "концерт", "спектакль", "эфир"}}


def _contest(s: Sent, trig: Token) -> bool:
    """A meeting verb whose place is a stage, a ring or a round of a tournament («X и Y встретятся в
    финале», «снова встретятся на одной сцене») tells of a match or a show, not of a meeting."""
    if trig.lemma not in ("встретиться", "встречаться"):
        return False
    words = [t.lemma for t in s.tokens if t.start > trig.start][:5]
    for i, w in enumerate(words):
        if w in CONTEST_PLACES and any(x in CONTEST_PLACES[w] for x in words[i + 1:i + 4]):
            return True
    return False


def _place_in(s: Sent) -> str | None:
    for m in s.mentions:
        if m.type == "LOC" and m.fine in ("CITY", ""):
            before = s.sentence.text[max(0, m.start - s.sentence.start - 3):m.start - s.sentence.start]
            if before.strip() in ("в", "во"):
                return m.normal
    return None


def occupations(entities: list[Entity]) -> list[Fact]:
    """One Occupation fact per person and post: the roles read from appositions, a post named
    several times («президентом», «президент Украины») counted once, with the organization or
    country any of its mentions gave."""
    out = []
    for e in entities:
        for r in _one_role_per_post(e.roles):
            if ownership.is_owner_post(r.post):  # «основатель компании X Иван Петров» owns X, holds no post
                fact = ownership.from_role(e.id, r)
                out += [fact] if fact else []
                continue
            where = r.organization or r.country
            if not where and not holds_office(r.post):  # «журналист Иван Петров»: a calling, no post held
                continue
            args = [Arg("who", entity=e.id), Arg("position", value=r.post, start=r.start, end=r.end)]
            if where:
                args.append(Arg("where", entity=where))
            attrs = {"qualifiers": ",".join(r.qualifiers)} if r.qualifiers else {}
            modality = "asserted"
            out.append(Fact("Occupation", tuple(args), r.start, r.end, modality, attrs))
    return out


def _one_role_per_post(roles) -> list:
    from letopis.kb.orgs import lemmas

    kept: dict[tuple, object] = {}
    for r in roles:
        key = (lemmas(r.post.lower()), r.qualifiers)
        first = kept.get(key)
        if first is None or (not (first.organization or first.country) and (r.organization or r.country)):
            kept[key] = r
    return sorted(kept.values(), key=lambda r: r.start)


def _by_sentence(sentences, tokens, mentions) -> list[Sent]:
    out = [Sent(s, [], []) for s in sentences]
    for i, t in enumerate(tokens):
        if t.sentence < len(out):
            if not out[t.sentence].tokens:
                out[t.sentence].first = i
            out[t.sentence].tokens.append(t)
    k = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while k < len(out) and out[k].sentence.end <= m.start:
            k += 1
        if k < len(out) and out[k].sentence.start <= m.start:
            out[k].mentions.append(m)
    return out


def extract_facts(sentences, tokens, mentions, entities, place: str | None = None) -> list[Fact]:
    ents = {e.id: e for e in entities}
    facts = occupations(list(entities))
    for n, s in enumerate(_by_sentence(sentences, tokens, mentions)):
        for reader in (read_meeting,):
            f = reader(s, ents, place, n < 4)
            if f:
                facts.append(f)
        owned = ownership.read_ownerships(s, ents, _modality)
        f = deals.read_deal(s, ents, _modality, owners={a.entity for o in owned for a in o.args if a.role == "owner"})
        if f:
            facts.append(f)
        facts += owned
    return _one_meeting_per_pair(sorted(facts, key=lambda f: (f.start, f.type)))


def _one_meeting_per_pair(facts: list[Fact]) -> list[Fact]:
    """The headline and the lead usually report the same meeting: keep the first, with the place either names."""
    out, seen = [], {}
    for f in facts:
        if f.type == "Deal":  # the same deal retold in later sentences is one deal
            key = ("Deal", f.attrs.get("kind", ""), frozenset(a.entity for a in f.args if a.role == "participant"))
            if key not in seen:
                seen[key] = len(out)
                out.append(f)
            continue
        if f.type != "Meeting":
            out.append(f)
            continue
        key = frozenset(a.entity for a in f.args if a.role == "participant")
        if key in seen:
            first = out[seen[key]]
            if "place" not in first.attrs and "place" in f.attrs:
                args = first.args + tuple(a for a in f.args if a.role == "place")
                out[seen[key]] = dataclasses.replace(first, args=args, attrs={**first.attrs, "place": f.attrs["place"]})
            continue
        seen[key] = len(out)
        out.append(f)
    return out
