"""The natasha/slovnet models, loaded once per process (they ship in the natasha wheel)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from letopis.kb.orgs import shared_vocab
from letopis.nlp.fastcnn import speed_up

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
# A fixed threshold keeps the big blocks in mmap, returned to the system on free.  It is
# 4 MB, not lower: at 128 KB every mid-sized numpy temporary became an mmap/munmap pair
# with fresh zeroed pages, and the pipeline ran 25 % slower on the devset (24.9 vs 32.4
# articles/s of NLP, /tmp-free measurement in benchmarks/throughput.py's conditions).
MMAP_THRESHOLD = 4 * 1024 * 1024
TRIM_THRESHOLD = 64 * 1024 * 1024  # free memory kept at the top of the heap before it is given back
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
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))


@cache
def load_models() -> Models:
    steady_memory()
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    morph, syntax, ner = NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    for model in (morph, syntax, ner):
        model.batch_size = BATCH_SIZE
        model.infer.encoder.batch_size = BATCH_SIZE
    speed_up(morph, syntax, ner)
    return Models(Segmenter(), shared_vocab(), morph, syntax, ner)
