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


# glibc raises its mmap threshold each time a large block is freed (up to 32 MB), after
# which the batch tensors of the models come from the heap, fragment it and are never
# given back: RSS crept up with the number of articles (+18 % from 1 000 to 10 000).
# A fixed threshold keeps blocks over 128 KB in mmap, returned to the system on free.
MMAP_THRESHOLD = 128 * 1024
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def steady_memory() -> bool:
    """Fix glibc's malloc thresholds in this process; False where there is no glibc (macOS, musl)."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, MMAP_THRESHOLD))


@cache
def load_models() -> Models:
    steady_memory()
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    morph, syntax, ner = NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    for model in (morph, syntax, ner):
        model.batch_size = BATCH_SIZE
        model.infer.encoder.batch_size = BATCH_SIZE
    return Models(Segmenter(), MorphVocab(), morph, syntax, ner)
