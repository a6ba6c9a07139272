"""Events coded with CAMEO (and PLOVER), GDELT-style: who did what to whom, where and when.

Two sources:

- the Meeting facts: one consult event per pair of participants, its CAMEO code
  refined by how the sentence reports it (a phone call 041, a visit 042, «принял»
  043, negotiations 046, else 040);
- event words of ``kb/data/event_triggers.tsv`` («подписали соглашение»,
  «увеличение товарооборота», «поблагодарил»), with the actors read from the
  syntax: the subject acts (actor 1), an object or oblique is acted upon
  (actor 2). A plural «собеседники», «стороны», «участники встречи», or a
  subjectless sentence «в ходе встречи», means the participants of the meeting
  the article reported before it. When the sentence states an intention, a plan
  or a need, the trigger's intent code is used (CAMEO 03: express intent).

Actors are entities of the article with a CAMEO actor code (``KAZGOV``): from a
person's role (post kind, its organization or country), an organization's type
and country, or a country acting as a state. A post named with no country
(«Президент») takes the country of the body the article is attributed to
(«пресс-служба Акорды»: KAZ), as national press services name their own head of
state that way. Events inside direct quotes, negated ones and ones with no
actor at all are left out (precision first). One event per code and pair of
actors per article: the first report wins.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from letopis.document import Entity, Event, Fact, Mention, Quote, Sentence, Token
from letopis.kb import cameo

SUBJECT = ("nsubj",)
PASSIVE_SUBJECT = ("nsubj:pass",)
AGENT = ("obl:agent",)
OBJECT = ("obj", "iobj", "obl", "nmod")
COLLECTIVE = {"собеседник", "сторона", "участник", "лидер", "президент", "глава", "партнер", "партнёр", "страна",
              "делегация", "министр", "премьер", "премьер-министр"}
MEETING_WORDS = {"встреча", "переговоры", "переговор", "беседа", "разговор", "саммит", "визит"}
INTENT = {"намерен", "намереваться", "намерение", "готовность", "готовый", "готов", "необходимость", "необходимо",
          "планировать", "план", "собираться", "пообещать", "обещать", "предложить", "стремиться", "стремление",
          "договориться", "условиться", "рассчитывать", "нужно", "должный", "предстоящий", "будущий", "мера",
          "решить", "призвать", "согласиться"}
NEGATION = {"не", "ни"}
TWO_SIDED = {"040", "046", "041"}  # a consultation needs someone on each side
MAX_GAP = 3  # tokens allowed between the words of a trigger
PHONE, VISIT, HOST, TALKS = {"телефонный", "телефон"}, {"визит", "посетить"}, {"принять"}, {"переговоры", "переговор"}


@dataclass
class Actor:
    entity: str | None = None
    code: str = ""

    @property
    def known(self) -> bool:
        return bool(self.entity or self.code)


@dataclass
class Context:
    text: str
    tokens: list[Token]
    mentions: list[Mention]
    entities: dict[str, Entity]
    home: str  # the country code of the body the article is attributed to, "" if none
    place: str
    date: str
    meetings: list[tuple[int, list[str], str]] = field(default_factory=list)  # (start, participants, place)
    codes: dict[str, str] = field(default_factory=dict)  # entity id -> actor code, memo

    def mention_at(self, token: Token) -> Mention | None:
        for m in self.mentions:
            if m.start <= token.start < m.end and m.entity:
                return m
        return None

    def code_of(self, entity_id: str) -> str:
        if entity_id not in self.codes:
            self.codes[entity_id] = actor_code(self.entities[entity_id], self.entities, self.home)
        return self.codes[entity_id]


def actor_code(entity: Entity, entities: dict[str, Entity], home: str = "") -> str:
    """The CAMEO actor code of an entity: country + role («KAZGOV»), a country alone («TKM»), or ""."""
    if entity.type in ("LOC", "LOCORG"):
        return cameo.country_code(entity.name) or (cameo.capital_of(entity.name) if entity.type == "LOCORG" else "")
    if entity.type == "ORG":
        country, role = cameo.org_code(entity.name)
        return country + role if country or role in ("IGO", "NGO") else ""
    if entity.type != "PER":
        return ""
    for r in entity.roles:
        if "former" in r.qualifiers:
            continue
        country, role = "", cameo.post_role(r.post)
        if r.country and r.country in entities:
            country = cameo.country_code(entities[r.country].name)
        if not country and r.country_name:
            country = cameo.country_code(r.country_name)
        if r.organization and r.organization in entities:
            org_country, org_role = cameo.org_code(entities[r.organization].name)
            country, role = country or org_country, org_role or role
        if not country and role == "GOV" and not r.organization and not r.country_name:
            country = home
        if country or role:
            return country + role
    return ""


def extract_events(text: str, sentences: tuple[Sentence, ...], tokens: tuple[Token, ...], mentions: tuple[Mention, ...],
                   entities: tuple[Entity, ...], facts: tuple[Fact, ...], quotes: tuple[Quote, ...],
                   place: str | None = None, published: str | None = None,
                   attribution: tuple[int, int] | None = None) -> list[Event]:
    ents = {e.id: e for e in entities}
    ctx = Context(text, list(tokens), sorted(mentions, key=lambda m: m.start), ents, _home(mentions, ents, attribution),
                  place or "", (published or "")[:10])
    direct = [(q.start, q.end) for q in quotes if q.kind == "direct"]
    found: list[Event] = []
    meetings = sorted((f for f in facts if f.type == "Meeting" and f.modality != "negated"), key=lambda f: f.start)
    by_sentence = _tokens_by_sentence(tokens, len(sentences))
    for f in meetings:
        people = [a.entity for a in f.args if a.role == "participant" and a.entity in ents]
        where = f.attrs.get("place", "") or ctx.place
        ctx.meetings.append((f.start, people, where))
        code = _meeting_code(_tokens_within(tokens, f.start, f.end), f.attrs.get("format", ""))
        if f.modality == "planned":
            code = "036"
        for i, p1 in enumerate(people):
            for p2 in people[i + 1:]:
                found.append(_event(ctx, f.start, f.end, code, Actor(p1, ctx.code_of(p1)), Actor(p2, ctx.code_of(p2)),
                                    where))
    for n, sentence in enumerate(sentences):
        sent_tokens = by_sentence[n]
        matches = list(_matches(ctx, sent_tokens))
        # «договорились нарастить товарооборот»: the word that governs another trigger only frames it
        governing = {a for _, first, _ in matches for a in _chain(ctx, first, sent_tokens)[1:]}
        for trigger, first, last in matches:
            lead = ctx.tokens[first]
            if first in governing:
                continue
            if any(s <= lead.start < e for s, e in direct) or _negated(ctx, first):
                continue
            a1, a2 = _actors(ctx, first, last, sentence, sent_tokens)
            if not (a1.known or a2.known) or (trigger.code in TWO_SIDED and not (a1.known and a2.known)):
                continue
            code = trigger.intent if _intended(ctx, sent_tokens, first) else trigger.code
            start, end = lead.start, ctx.tokens[last].end
            found.append(_event(ctx, start, end, code, a1, a2, _place_of(ctx, sentence.start)))
    return _first_per_code_and_pair(found)


def _event(ctx: Context, start: int, end: int, code: str, a1: Actor, a2: Actor, place: str) -> Event:
    c = cameo.codes()[code]
    return Event(start, end, ctx.text[start:end], code, c.plover, a1.entity, a2.entity, a1.code, a2.code, place, ctx.date, c.quad,
                 c.goldstein)


def _home(mentions, ents: dict[str, Entity], attribution: tuple[int, int] | None) -> str:
    if not attribution:
        return ""
    for m in mentions:
        if attribution[0] <= m.start < attribution[1] and m.entity in ents and ents[m.entity].type == "ORG":
            country, _ = cameo.org_code(ents[m.entity].name)
            if country:
                return country
    return ""


def _tokens_by_sentence(tokens, n: int) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in range(n)]
    for i, t in enumerate(tokens):
        if 0 <= t.sentence < n:
            out[t.sentence].append(i)
    return out


def _tokens_within(tokens, start: int, end: int) -> list[Token]:
    return [t for t in tokens if start <= t.start and t.end <= end]


def _meeting_code(tokens: list[Token], fmt: str) -> str:
    lemmas = {t.lemma for t in tokens}
    if fmt == "phone" or lemmas & PHONE:
        return "041"
    if lemmas & TALKS:
        return "046"
    if lemmas & HOST and "участие" not in lemmas:  # «принял участие» is taking part, not hosting
        return "043"
    if lemmas & VISIT:
        return "042"
    return "040"


def _matches(ctx: Context, idx: list[int]):
    """(trigger, first token, last token) for every trigger in a sentence; a token starts one trigger at most."""
    used: set[int] = set()
    for k, i in enumerate(idx):
        if i in used:
            continue
        lemma = ctx.tokens[i].lemma
        for trig in cameo.triggers():
            if lemma not in trig.words[0]:
                continue
            picked, pos = [i], k
            for alternatives in trig.words[1:]:
                nxt = next((j for j in range(pos + 1, min(len(idx), pos + 2 + MAX_GAP))
                            if ctx.tokens[idx[j]].lemma in alternatives), None)
                if nxt is None:
                    break
                picked.append(idx[nxt])
                pos = nxt
            if len(picked) == len(trig.words):
                used.update(picked)
                yield trig, picked[0], picked[-1]
                break


def _negated(ctx: Context, first: int) -> bool:
    before = ctx.tokens[max(0, first - 2):first]
    return any(t.lemma in NEGATION and t.sentence == ctx.tokens[first].sentence for t in before)


def _intended(ctx: Context, idx: list[int], first: int) -> bool:
    lead = ctx.tokens[first]
    if lead.feats.get("Tense") == "Fut":
        return True
    return any(ctx.tokens[i].lemma in INTENT or ctx.tokens[i].text.lower() == "будет" for i in idx if i < first)


def _chain(ctx: Context, i: int, idx: list[int]) -> list[int]:
    """The trigger and its heads up the tree inside the sentence, nearest first (six steps at most)."""
    inside, out = set(idx), [i]
    if ctx.tokens[i].pos == "NOUN" and ctx.tokens[i].rel == "obl":
        return out  # «задержан после митинга»: a circumstance of another act, not its object
    while len(out) < 7:
        head = ctx.tokens[out[-1]].head
        if head < 0 or head not in inside or head in out:
            break
        out.append(head)
    return out


def _actors(ctx: Context, first: int, last: int, sentence: Sentence, idx: list[int]) -> tuple[Actor, Actor]:
    """Actor 1 is the subject (or passive agent) nearest up the tree from the trigger; actor 2 is
    a passive subject, the subject's conjunct («X и Y подписали»), or an object of the trigger."""
    chain = _chain(ctx, first, idx)
    rank = {h: k for k, h in enumerate(chain)}
    rank.setdefault(last, 0)
    a1, a2 = Actor(), Actor()
    subject, best = None, len(chain) + 1
    for i in idx:
        t = ctx.tokens[i]
        if t.head not in rank:
            continue
        agent = t.rel in AGENT or (t.rel == "obl" and t.feats.get("Case") == "Ins" and _passive(ctx, t.head, idx))
        if (t.rel in SUBJECT or agent) and rank[t.head] < best:
            subject, best = i, rank[t.head]
        elif t.rel in PASSIVE_SUBJECT and rank[t.head] == 0 and not a2.known:
            a2 = _actor_at(ctx, i, idx)
    if subject is not None:
        collective = _collective(ctx, subject)
        if collective:
            return collective
        a1 = _actor_at(ctx, subject, idx)
        partner = next((i for i in idx if ctx.tokens[i].head == subject and ctx.tokens[i].rel == "conj"), None)
        if partner is not None and not a2.known:
            a2 = _actor_at(ctx, partner, idx)
    elif _about_meeting(ctx, idx):
        return _meeting_pair(ctx, sentence.start)
    if not a2.known:
        near = {first, last, chain[1] if len(chain) > 1 and ctx.tokens[first].pos != "VERB" else first}
        for i in idx:
            t = ctx.tokens[i]
            if t.head in near and t.rel in OBJECT and i != subject:
                candidate = _actor_at(ctx, i, idx)
                if candidate.known and candidate.entity != a1.entity:
                    a2 = candidate
                    break
    return a1, a2


def _passive(ctx: Context, verb: int, idx: list[int]) -> bool:
    if ctx.tokens[verb].feats.get("Voice") == "Pass":
        return True
    return any(ctx.tokens[j].head == verb and ctx.tokens[j].rel in ("aux:pass", "nsubj:pass") for j in idx)


def _actor_at(ctx: Context, i: int, idx: list[int]) -> Actor:
    m = ctx.mention_at(ctx.tokens[i])
    if m is None:  # «активист Иван Сомов»: the name is an apposition of the word the syntax links
        named = next((j for j in idx if ctx.tokens[j].head == i and ctx.tokens[j].rel in ("appos", "flat:name")), None)
        m = ctx.mention_at(ctx.tokens[named]) if named is not None else None
    if m is not None and m.entity in ctx.entities:
        code = ctx.code_of(m.entity)
        if len(code) <= 3 and ctx.entities[m.entity].type == "ORG":  # «Минфин Киргизии»: the country follows
            country = _country_of_dependents(ctx, i, idx)
            code = country + code if country and not code.startswith(country) else code
            if code == country and country:
                code = country + cameo.org_code(ctx.entities[m.entity].name)[1]
        return Actor(m.entity, code)
    t = ctx.tokens[i]
    if t.lemma == "сторона":  # «казахстанская сторона»: the state of the adjective
        for adj in (ctx.tokens[j] for j in idx):
            if adj.head == i and adj.rel == "amod":
                code = cameo.country_code(adj.text) or _adjective_country(adj.text)
                if code:
                    return Actor(None, code + "GOV")
    return Actor()


def _country_of_dependents(ctx: Context, i: int, idx: list[int]) -> str:
    for j in idx:
        t = ctx.tokens[j]
        if t.head == i and t.rel in ("nmod", "amod"):
            m = ctx.mention_at(t)
            code = cameo.country_code(ctx.entities[m.entity].name) if m and m.entity in ctx.entities else ""
            code = code or (_adjective_country(t.text) if t.rel == "amod" else "")
            if code:
                return code
    return ""


def _adjective_country(word: str) -> str:
    from letopis.kb.gazetteer import country_by_adjective

    place = country_by_adjective(word)
    return (place.cameo or place.iso3) if place else ""


def _collective(ctx: Context, i: int) -> tuple[Actor, Actor] | None:
    t = ctx.tokens[i]
    if t.lemma in COLLECTIVE and t.feats.get("Number") == "Plur" and ctx.mention_at(t) is None:
        pair = _meeting_pair(ctx, t.start)
        if pair[0].known:
            return pair
    return None


def _about_meeting(ctx: Context, idx: list[int]) -> bool:
    return any(ctx.tokens[i].lemma in MEETING_WORDS for i in idx)


def _meeting_pair(ctx: Context, offset: int) -> tuple[Actor, Actor]:
    before = [m for m in ctx.meetings if m[0] <= offset and len(m[1]) >= 2]
    if not before:
        return Actor(), Actor()
    p1, p2 = before[-1][1][:2]
    return Actor(p1, ctx.code_of(p1)), Actor(p2, ctx.code_of(p2))


def _place_of(ctx: Context, offset: int) -> str:
    before = [m for m in ctx.meetings if m[0] <= offset and m[2]]
    return before[-1][2] if before else ctx.place


def _first_per_code_and_pair(events: list[Event]) -> list[Event]:
    seen, out = set(), []
    for ev in sorted(events, key=lambda e: e.start):
        key = (ev.cameo, frozenset((ev.actor1 or ev.actor1_code, ev.actor2 or ev.actor2_code)))
        if key in seen:
            continue
        seen.add(key)
        out.append(ev)
    return out
