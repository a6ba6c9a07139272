"""Sentences, tokens (lemma, POS, head) and NER mentions through natasha/slovnet.

Works on batches of texts: morphology, syntax and NER run over the sentences
of many articles at once. natasha's own records stay inside this module; the
rest of letopis sees only its own ``Sentence``/``Token``/``Mention``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from natasha.doc import DocToken
from natasha.norm import normalize as natasha_normalize
from natasha.norm import syntax_normalize
from razdel import sentenize, tokenize
from slovnet.bio import bio_spans
from slovnet.conll import parse_conll_tag

from letopis.document import Mention, Sentence, Token
from letopis.nlp.models import MAX_SENTENCE_TOKENS, load_models
from letopis.nlp.normalize import person_word, restore_yo, tidy_spacing

# NER runs on chunks of whole paragraphs of about this many characters, so a
# giant page never becomes one giant sequence (slovnet's NER takes the whole
# input as one sequence) and short articles are batched together.
NER_CHUNK_CHARS = 3000
NER_BATCH_TOKENS = 4096  # padded tokens per NER batch (NLP on NEREL dev, one run each: 2 048: 2.13 s, 4 096: 2.08 s, 16 384: 2.32 s)
NER_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass
class Analysis:
    """The NLP layers of one text, in letopis's records."""

    sentences: list[Sentence]
    tokens: list[Token]
    mentions: list[Mention]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: razdel inside each line (a line break always ends a sentence)."""
    spans = []
    for para in _PARAGRAPH.finditer(text):
        base = para.start()
        for sent in sentenize(para.group()):
            if sent.text.strip():
                spans.append((base + sent.start, base + sent.stop))
    return spans


def _tokens_of(text: str, start: int, end: int) -> list[DocToken]:
    return [DocToken(start + t.start, start + t.stop, t.text) for t in tokenize(text[start:end])]


def _cut(tokens: list[DocToken]) -> list[list[DocToken]]:
    return [tokens[i:i + MAX_SENTENCE_TOKENS] for i in range(0, len(tokens), MAX_SENTENCE_TOKENS)] or [[]]


def _ner_chunks(text: str) -> list[tuple[int, int]]:
    chunks, start, end = [], None, None
    for para in _PARAGRAPH.finditer(text):
        if start is not None and para.end() - start > NER_CHUNK_CHARS:
            chunks.append((start, end))
            start = None
        if start is None:
            start = para.start()
        end = para.end()
        while end - start > NER_CHUNK_CHARS * 4:  # one huge paragraph: cut at a space
            cut = text.rfind(" ", start, start + NER_CHUNK_CHARS) + 1 or start + NER_CHUNK_CHARS
            chunks.append((start, cut))
            start = cut
    if start is not None:
        chunks.append((start, end))
    return chunks


def analyze_batch(texts: list[str], syntax: bool = True, ner: bool = True) -> list[Analysis]:
    """Run segmentation, morphology, lemmas, syntax and NER over many texts at once."""
    models = load_models()
    sents_per_text = []  # per text: list of (start, end, tokens)
    flat = []  # all sentence token lists, for batched models
    for text in texts:
        sents = []
        for start, end in split_sentences(text):
            for piece in _cut(_tokens_of(text, start, end)):
                if piece:
                    sents.append((piece[0].start, piece[-1].stop, piece))
                    flat.append(piece)
        sents_per_text.append(sents)

    # Batches of sentences of similar length: slovnet pads a batch to its longest
    # sentence, so sorting by length cuts the padded work (measured in benchmarks/throughput.py).
    flat.sort(key=len)
    words = [[t.text for t in piece] for piece in flat]
    # slovnet's infer objects directly, not the taggers' ``map``: that wraps every token in two
    # records (slovnet's, then natasha's) and parses its tag string again at every occurrence
    infer = models.morph.infer
    for piece, tags in zip(flat, infer.decoder(infer.process(infer.encoder(words)))):
        for token, tag in zip(piece, tags):
            token.tag = tag
            token.pos, token.feats = _tag(tag)
    if syntax:
        infer = models.syntax.infer
        for piece, (ids, heads, rels) in zip(flat, infer.decoder(infer.process(infer.encoder(words)))):
            for token, id_, head, rel in zip(piece, ids, heads, rels):
                token.id, token.head_id, token.rel = id_, head, rel

    spans_per_text = _ner(texts, sents_per_text, models) if ner else [[] for _ in texts]
    return [
        _assemble(text, sents, spans, models.vocab, syntax)
        for text, sents, spans in zip(texts, sents_per_text, spans_per_text)
    ]


def _ner(texts, sents_per_text, models) -> list[list[tuple[int, int, str]]]:
    """NER over chunks of whole paragraphs, fed the tokens the sentences already have: slovnet's
    own ``NERTagger.map`` would tokenize every chunk with razdel again (5 % of the pipeline)."""
    jobs = []  # (text index, tokens of one chunk)
    for i, text in enumerate(texts):
        tokens = [t for _s, _e, piece in sents_per_text[i] for t in piece]
        starts = [t.start for t in tokens]
        for s, e in _ner_chunks(text):
            chunk = tokens[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]
            if chunk:
                jobs.append((i, chunk))
    jobs.sort(key=lambda job: len(job[1]))  # similar lengths in one batch: less padding
    out = [[] for _ in texts]
    infer = models.ner.infer
    inputs = (infer.encoder.input([infer.encoder.item([t.text for t in chunk]) for _, chunk in group])
              for group in _by_budget(jobs, NER_BATCH_TOKENS))
    tags = infer.decoder(infer.process(inputs))
    for (i, chunk), chunk_tags in zip(jobs, tags):
        out[i].extend((sp.start, sp.stop, sp.type) for sp in bio_spans(chunk, chunk_tags))
    for spans in out:
        spans.sort()
    return out


def _by_budget(jobs, budget: int):
    """Consecutive groups of the (length-sorted) jobs whose padded size, count x longest, stays
    within ``budget`` tokens: a batch of 64 long chunks made arrays of 100 MB, slower to fill
    than to multiply (the timings are at NER_BATCH_TOKENS)."""
    group, longest = [], 0
    for job in jobs:
        longest = max(longest, len(job[1]))
        if group and (len(group) + 1) * longest > budget:
            yield group
            group, longest = [], len(job[1])
        group.append(job)
    if group:
        yield group


def _assemble(text, sents, spans, vocab, syntax) -> Analysis:
    sentences, tokens, index = [], [], {}
    for n, (start, end, piece) in enumerate(sents):
        sentences.append(Sentence(start, end, text[start:end]))
        for t in piece:
            index[(n, t.id)] = len(tokens)
            tokens.append(t)
    records = []
    for n, (_s, _e, piece) in enumerate(sents):
        for t in piece:
            head = index.get((n, t.head_id), -1) if syntax and t.head_id != "0" else -1
            t.lemma = _lemma(vocab, t.text, t.tag) if t.pos else t.text.lower()
            records.append(Token(t.start, t.stop, t.text, t.lemma, t.pos or "", t.feats, head, t.rel or "", n))
    mentions = [_mention(text, tokens, s, e, kind, vocab, syntax) for s, e, kind in spans]
    return Analysis(sentences, records, [m for m in mentions if m is not None])


@cache  # one entry per morphological tag string: the tagger knows 753
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    """(POS, features) of a tag «NOUN|Case=Nom|...».  Tokens with the same tag share one features
    dict: records are read-only, and a shared dict is pickled once per chunk of results."""
    return parse_conll_tag(tag)


@lru_cache(maxsize=200_000)
def _lemma(vocab, word: str, tag: str) -> str:
    pos, feats = _tag(tag)
    return vocab.lemmatize(word, pos, feats)


def _mention(text, tokens, start, end, kind, vocab, syntax) -> Mention | None:
    inside = [t for t in tokens if t.start >= start and t.stop <= end] if len(tokens) < 64 else _slice(tokens, start, end)
    if not inside:
        return None
    try:
        method = syntax_normalize if (kind == "ORG" and syntax) else natasha_normalize
        normal = method(vocab, inside)
    except Exception:  # natasha's normalizer trips on odd token sequences: keep the surface form
        normal = text[start:end]
    surface = text[start:end]
    words = normal.split(" ")
    if kind == "PER" and len(words) == len(inside):
        # natasha leaves rare names as written («Мауленом Ашимбаевым»): redo those words from case and gender
        # the words of one name agree in case: slovnet sometimes tags an unknown surname Nom beside an Ins first name
        case = next((t.feats.get("Case") for t in inside if t.feats and t.feats.get("Case") not in (None, "Nom")), None)
        normal = " ".join(person_word(t.text, {**dict(t.feats or {}), **({"Case": case} if case else {})})
                          if w == t.text else w for w, t in zip(words, inside))
    normal = tidy_spacing(restore_yo(normal, surface), surface)
    return Mention(start, end, text[start:end], NER_TYPES.get(kind, kind), normal, source="natasha")


def _slice(tokens, start, end):
    starts = [t.start for t in tokens]
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(tokens) and tokens[i].stop <= end:
        out.append(tokens[i])
        i += 1
    return out
