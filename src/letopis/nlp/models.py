"""The natasha/slovnet models, loaded once per process (they ship in the natasha wheel)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# Sentences longer than this are cut into pieces before morphology and syntax:
# slovnet's syntax parser needs memory quadratic in sentence length (7 GB on one
# 22,000-token "sentence"); real news sentences stay well under 120 tokens.
MAX_SENTENCE_TOKENS = 120
# slovnet's default batch is 8 sentences; larger batches amortize numpy overhead
# across articles (measured in benchmarks/throughput.py).
BATCH_SIZE = 64


@dataclass(frozen=True)
class Models:
    segmenter: object
    vocab: object  # natasha MorphVocab (pymorphy2 behind; works on 3.11 unlike a bare MorphAnalyzer)
    morph: object
    syntax: object
    ner: object


@cache
def load_models() -> Models:
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    morph, syntax, ner = NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    for model in (morph, syntax, ner):
        model.batch_size = BATCH_SIZE
        model.infer.encoder.batch_size = BATCH_SIZE
    return Models(Segmenter(), MorphVocab(), morph, syntax, ner)
