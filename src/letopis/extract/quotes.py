"""Who said what: direct speech («…», „…“, "…", dash dialogue) and indirect speech.

Precision first. A quoted span counts as speech only when a verb of speech
frames it («…», — заявил X / X заявил: «…» / по словам X, «…»); a name in
quotes («Газпром», фильм «Летопись») has no such frame and is left alone.
The speaker is the subject of the verb of speech, found through the syntax
tree and mapped to an entity (a post such as «Президент» or a pronoun is
resolved only when the article makes the person clear), else ``None``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from letopis.document import Entity, Mention, Quote, Sentence, Token
from letopis.nlp.tokens import TokenIndex

DASHES = "–—-"
# «…» may nest „…“ or «…»; straight quotes pair by alternation inside a paragraph.
OPEN_CLOSE = {"«": "»", "„": "“", "“": "”"}
MAX_QUOTE_CHARS = 5000
# A one-word span in quotes is a name or a title; two words framed by a verb of speech
# («"Сделка закрыта", — сообщил …») already are speech.
MIN_QUOTE_WORDS = 2  # a "quote" longer than this is a mismatched mark, not speech
PRONOUNS = {"он": "Masc", "она": "Fem"}
_TAIL = re.compile(r"(?P<punct>[,!?…]|\.\.\.)?\s*[–—-]\s+(?P<tail>[^\n]*)$")
_PARA = re.compile(r"[^\n]+")


@cache
def speech_verbs() -> frozenset[str]:
    data = resources.files("letopis.kb").joinpath("data/speech_verbs.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in data.splitlines() if w.strip() and not w.startswith("#"))


@dataclass
class Ctx:
    text: str
    tokens: list[Token]
    index: TokenIndex
    mentions: list[Mention]
    entities: dict[str, Entity]


def _is_cue(tok: Token) -> bool:
    return tok.lemma in speech_verbs() and tok.pos in ("VERB", "AUX", "NOUN", "ADV")


# --- speaker resolution ------------------------------------------------------

def _mention_at(ctx: Ctx, tok_i: int) -> Mention | None:
    t = ctx.tokens[tok_i]
    best = None
    for m in ctx.mentions:
        if m.start <= t.start and t.end <= m.end and m.entity and m.type in ("PER", "PROFESSION"):
            if best is None or (m.end - m.start) > (best.end - best.start):
                best = m
    return best


def _person(ctx: Ctx, eid: str | None) -> str | None:
    e = ctx.entities.get(eid or "")
    return eid if e is not None and e.type == "PER" else None


def _subject(ctx: Ctx, cue: int) -> int:
    for i in range(max(0, cue - 40), min(len(ctx.tokens), cue + 40)):
        if ctx.tokens[i].head == cue and ctx.tokens[i].rel in ("nsubj", "nsubj:pass"):
            return i
    return -1


def _pronoun_speaker(ctx: Ctx, tok_i: int) -> str | None:
    """«Он добавил»: the last person named before, if that person is unambiguous in gender."""
    tok = ctx.tokens[tok_i]
    gender = PRONOUNS.get(tok.text.lower())
    if gender is None:
        return None
    before = [m for m in ctx.mentions if m.end <= tok.start and m.entity and _person(ctx, m.entity)]
    if not before:
        return None
    last = before[-1]
    # the person must be the only one named in the last two sentences (precision first)
    window_start = _sentence_start(ctx, last.start, back=1)
    people = {m.entity for m in before if m.start >= window_start}
    return last.entity if len(people) == 1 else None


def _sentence_start(ctx: Ctx, offset: int, back: int = 0) -> int:
    i = ctx.index.at(offset)
    if i < 0:
        return offset
    s = ctx.tokens[i].sentence - back
    for t in ctx.tokens[: i + 1]:
        if t.sentence >= s:
            return t.start
    return offset


# In «…, — заявил журналистам пресс-секретарь Дмитрий Песков» the speaker follows the verb
# within a few words; further away it is more often someone else.
AFTER_CUE_TOKENS = 8


def speaker_of_cue(ctx: Ctx, cue: int) -> tuple[str | None, Mention | None]:
    subj = _subject(ctx, cue)
    tok = ctx.tokens[cue]
    if subj < 0 and tok.feats.get("VerbForm") == "Conv" and tok.head >= 0:
        subj = _subject(ctx, tok.head)  # «…, подчеркнув, что …»: the subject of the main verb
    candidates = [subj] if subj >= 0 else []
    if subj >= 0:  # «его коллега Ибрагим Юмаклы заявил»: the name in apposition to the subject noun
        candidates += [k for k in range(max(0, subj - 3), min(len(ctx.tokens), subj + 6))
                       if ctx.tokens[k].head == subj and ctx.tokens[k].rel in ("appos", "flat", "flat:name", "nmod")]
    # inverted order without a parse link: «…, — отметил Президент»: the words right after the cue
    for j in range(cue + 1, min(len(ctx.tokens), cue + 1 + AFTER_CUE_TOKENS)):
        t = ctx.tokens[j]
        if t.sentence != tok.sentence or t.text in (",", ";", ":", "«", "»") or _is_cue(t):
            break
        candidates.append(j)
    for j in candidates:
        m = _mention_at(ctx, j)
        if m is not None and _person(ctx, m.entity):
            return m.entity, m
        if ctx.tokens[j].text.lower() in PRONOUNS:
            return _pronoun_speaker(ctx, j), None
    return None, None


def _cue_in(ctx: Ctx, start: int, end: int) -> int:
    for i in ctx.index.within(start, end):
        if _is_cue(ctx.tokens[i]):
            return i
    return -1


def _quote(ctx: Ctx, start: int, end: int, kind: str, cue: int) -> Quote | None:
    while start < end and ctx.text[start] in " \u00a0":
        start += 1
    while end > start and ctx.text[end - 1] in " \u00a0,":
        end -= 1
    if end - start < 2:
        return None
    speaker, m = speaker_of_cue(ctx, cue) if cue >= 0 else (None, None)
    return Quote(start, end, ctx.text[start:end], speaker, ctx.tokens[cue].lemma if cue >= 0 else "", kind,
                 m.start if m else None, m.end if m else None)


# --- direct speech: dash dialogue ---------------------------------------------

def dash_quotes(ctx: Ctx) -> list[Quote]:
    """«– Слова, – отметил Президент. – Ещё слова.» as paragraphs of their own."""
    out = []
    for para in _PARA.finditer(ctx.text):
        line = para.group()
        if not line[:1] in DASHES or line[1:2] not in (" ", "\u00a0"):
            continue
        body_start = para.start() + 2
        tail = None
        for sep in re.finditer(r"([,!?…]|\.\.\.)\s+[–—]\s+", line):
            after = para.start() + sep.end()
            cue = _cue_in(ctx, after, min(para.end(), after + 60))
            if cue >= 0 and ctx.tokens[cue].start - after < 30:
                tail = (para.start() + sep.start() + (0 if sep.group(1) == "," else len(sep.group(1))), cue, after)
                break
        if tail is None:
            continue  # a dash list or a quote with no speech verb: not claimed as a quote
        end, cue, tail_start = tail
        q = _quote(ctx, body_start, end, "direct", cue)
        if q:
            out.append(q)
        # a continuation after the tail: «– отметил он. – Ещё слова.»
        cont = re.search(r"\.\s+[–—]\s+(.+)$", line[tail_start - para.start():])
        if cont and q:
            cstart = tail_start + cont.start(1)
            q2 = _quote(ctx, cstart, para.end(), "direct", cue)
            if q2:
                out.append(q2)
    return out


# --- direct speech: quotation marks ---------------------------------------------

def _continues(text: str, start: int) -> bool:
    """A quote goes on into the paragraph at ``start`` when that paragraph opens with «
    (the Russian convention) or closes a quote before it opens one."""
    if text[start:start + 1] == "«":
        return True
    end = text.find("\n\n", start)
    para = text[start:end if end >= 0 else len(text)]
    close, opening = para.find("»"), para.find("«")
    return close >= 0 and (opening < 0 or close < opening)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Top-level «…» / „…“ / "…" spans (inner offsets), not crossing a paragraph unless continued."""
    spans, stack, i = [], [], 0
    straight_open = None
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n" and i + 1 < n and text[i + 1] == "\n":
            if stack and not _continues(text, i + 2):  # unbalanced quote: do not cross the paragraph
                stack = []
            straight_open = None
        if c in OPEN_CLOSE and not (c == "“" and stack and stack[-1][0] == "„"):
            if not (stack and c == "«" and text[i - 2:i] == "\n\n"):
                stack.append((c, i))
        elif stack and c == OPEN_CLOSE[stack[-1][0]]:
            _open, s = stack.pop()
            if not stack and i - s <= MAX_QUOTE_CHARS:
                spans.append((s + 1, i))
        elif c == '"' and not stack:
            if straight_open is None:
                straight_open = i
            else:
                if i - straight_open <= MAX_QUOTE_CHARS:
                    spans.append((straight_open + 1, i))
                straight_open = None
        i += 1
    return spans


def mark_quotes(ctx: Ctx) -> list[Quote]:
    out = []
    for s, e in _quoted_spans(ctx.text):
        inner = ctx.text[s:e]
        if len(inner.split()) < MIN_QUOTE_WORDS:  # «Газпром», «Летопись»: names and titles, not speech
            continue
        after = ctx.text[e + 1:e + 80]
        m = re.match(r"\s*([,!?…]|\.\.\.)?\s*[–—-]\s+", after)
        cue = -1
        if m:  # «…», — заявил X.
            cue_start = e + 1 + m.end()
            c = _cue_in(ctx, cue_start, cue_start + 40)
            cue = c if c >= 0 and ctx.tokens[c].start - cue_start < 25 else -1
        if cue < 0:  # «…». Об этом заявил X.
            m2 = re.match(r"\s*[.!?…]?\s*Об этом\s+", after)
            if m2:
                cue_start = e + 1 + m2.end()
                c = _cue_in(ctx, cue_start, cue_start + 30)
                cue = c if c >= 0 else -1
        if cue < 0:  # X заявил: «…»  /  по словам X, «…»
            before = ctx.text[max(0, s - 120):s - 1]
            colon = re.search(r"[:,]\s*$", before)
            if colon:
                line_start = max(ctx.text.rfind("\n", 0, s - 1) + 1, s - 120)
                c = -1
                for i in ctx.index.within(line_start, s - 1):
                    if _is_cue(ctx.tokens[i]):
                        c = i
                cue = c
        if cue < 0:
            continue
        # a closing mark right after «.»/«!» belongs outside the quote's words; keep inner text
        q = _quote(ctx, s, e, "direct", cue)
        if q:
            out.append(q)
    return out


# --- indirect speech ------------------------------------------------------------

_PO_SLOVAM = re.compile(r"(?:^|[\s(])(?:[Пп]о (?:его |ее |её |их )?словам|[Кк]ак (?:сообщил|заявил|отметил|рассказал|пояснил|сообщила|заявила|отметила|сообщили|заявили)\w*)\b[^,\n]{0,160},\s*")


def indirect_quotes(ctx: Ctx, sentences: list[Sentence], taken: list[tuple[int, int]]) -> list[Quote]:
    out = []
    for sent in sentences:
        if any(s < sent.end and sent.start < e for s, e in taken):
            continue
        body = sent.text
        m = re.search(r",\s+что\s+", body)
        cue = -1
        if m:
            c = _cue_in(ctx, sent.start, sent.start + m.start())
            if c >= 0:
                cue = c
                start = sent.start + m.end()
        if cue < 0:
            p = _PO_SLOVAM.search(body)
            if not p:
                continue
            start = sent.start + p.end()
            cue = _cue_in(ctx, sent.start + p.start(), start)
            if cue < 0 or "словам" in p.group():  # «по словам X»: the speaker is the person named in the frame
                q = _by_words(ctx, sent, p, start)
                if q:
                    out.append(q)
                continue
        end = sent.end
        while end > start and ctx.text[end - 1] in ".!? ":
            end -= 1
        q = _quote(ctx, start, end, "indirect", cue)
        if q:
            out.append(q)
    return out


def _by_words(ctx: Ctx, sent: Sentence, p: re.Match, start: int) -> Quote | None:
    frame_start, frame_end = sent.start + p.start(), start
    people = [m for m in ctx.mentions if frame_start <= m.start and m.end <= frame_end and _person(ctx, m.entity)]
    speaker = people[0] if len({m.entity for m in people}) == 1 else None
    if speaker is None and re.search(r"(его|ее|её) словам", p.group()):
        before = [m for m in ctx.mentions if m.end <= frame_start and _person(ctx, m.entity)]
        if before:
            speaker = before[-1]
    end = sent.end
    while end > start and ctx.text[end - 1] in ".!? ":
        end -= 1
    if end - start < 2:
        return None
    return Quote(start, end, ctx.text[start:end], speaker.entity if speaker else None, "слово", "indirect",
                 speaker.start if speaker else None, speaker.end if speaker else None)


def extract_quotes(text: str, sentences, tokens, mentions, entities) -> list[Quote]:
    ctx = Ctx(text, list(tokens), TokenIndex(tokens), sorted(mentions, key=lambda m: m.start),
              {e.id: e for e in entities})
    direct = dash_quotes(ctx) + mark_quotes(ctx)
    direct.sort(key=lambda q: q.start)
    kept, last_end = [], -1
    for q in direct:
        if q.start >= last_end:
            kept.append(q)
            last_end = q.end
    taken = [(q.start, q.end) for q in kept]
    return sorted(kept + indirect_quotes(ctx, list(sentences), taken), key=lambda q: q.start)
