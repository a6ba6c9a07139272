"""``FastCNNEncoder`` computes what slovnet's CNN encoder computes, and the taggers built on it
give the same tags, heads and spans."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from letopis.nlp.fastcnn import FastCNNEncoder, FirstLayerMemo, PartsEncoder, speed_up
from letopis.nlp.models import load_models

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def models():
    return load_models()


@pytest.mark.parametrize("name", ["morph", "syntax", "ner"])
def test_encoder_output_matches_slovnet(models, name):
    fast = getattr(models, name).infer.model.encoder.fast
    assert isinstance(fast, FastCNNEncoder)
    rng = np.random.default_rng(7)
    for batch, length in ((1, 1), (3, 5), (16, 47)):
        x = rng.standard_normal((batch, length, 330)).astype(np.float32)
        mask = np.zeros((batch, length), dtype=bool)
        mask[0, length // 2 + 1 :] = True  # one padded row
        want = fast.original(x.copy(), mask)
        got = fast(x, mask)
        assert got.shape == want.shape and got.dtype == np.float32
        assert np.allclose(got, want, rtol=1e-4, atol=1e-3 * np.abs(want).max())
        assert not got[0, length // 2 + 1 :].any()  # padding stays zero


def _swapped_back(tagger):
    class Back:
        def __enter__(self):
            self.model = tagger.infer.model
            self.fast = self.model.emb, self.model.encoder
            self.model.emb, self.model.encoder = self.model.emb.original, self.model.encoder.original

        def __exit__(self, *exc):
            self.model.emb, self.model.encoder = self.fast

    return Back()


def test_taggers_give_the_same_answers_on_the_corpus(models):
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "txt").glob("*.txt"))[:4]]
    sents = [[t.text for t in models.segmenter.tokenize(s)] for text in texts for s in text.split("\n") if s.strip()]
    sents = [s[:120] for s in sents if s]
    def run():
        morph = [[(t.pos, t.feats) for t in m.tokens] for m in models.morph.map(sents)]
        syntax = [[(t.head_id, t.rel) for t in m.tokens] for m in models.syntax.map(sents)]
        ner = [[(s.start, s.stop, s.type) for s in m.spans] for m in models.ner.map(texts)]
        return morph, syntax, ner

    fast, again = run(), run()  # the second run reads the first layer from the memo
    with _swapped_back(models.morph), _swapped_back(models.syntax), _swapped_back(models.ner):
        slow = run()
    assert fast == again == slow and sum(len(s) for s in fast[2]) > 20


def test_speed_up_is_idempotent_and_leaves_other_models_alone(models):
    assert speed_up(models.morph, models.syntax, models.ner) == 0
    assert speed_up(object()) == 0


def test_word_memo_gives_slovnet_ids(models):
    from slovnet.exec.encoders import WordShapeEncoder

    enc = models.ner.infer.encoder
    words = ["Касым-Жомарт", "Токаев", "ООН", "1", "«", "товарооборот", "Токаев"]
    assert enc.item(words) == WordShapeEncoder.item(enc, words)
    assert "Токаев" in enc.memo


@pytest.mark.parametrize("name", ["morph", "syntax", "ner"])
def test_first_layer_memo_gives_slovnet_encodings(models, name):
    model = getattr(models, name).infer.model
    emb, encoder = model.emb.original, model.encoder.original
    memo = FirstLayerMemo(emb, model.encoder.fast.layers[0][0], capacity=40)
    after = PartsEncoder(model.encoder.fast)
    rng = np.random.default_rng(11)
    vocab_size, shapes = emb.word.indexes.array.shape[0], emb.shape.weight.array.shape[0]
    for batch, length in ((1, 1), (2, 2), (4, 9), (8, 31), (8, 31)):  # the last batch again: read from the memo
        if length == 31 and memo.slots:
            word_id = np.array(list(memo.slots)[:8 * 31] * 8)[: 8 * 31].reshape(8, 31)
        else:
            word_id = rng.integers(0, vocab_size, (batch, length))
        shape_id = rng.integers(0, shapes, word_id.shape)
        mask = np.zeros(word_id.shape, dtype=bool)
        mask[0, word_id.shape[1] // 2 + 1 :] = True
        want = encoder(emb(word_id, shape_id), mask)
        got = after(memo(word_id, shape_id), mask)
        assert got.shape == want.shape and got.dtype == np.float32
        assert np.allclose(got, want, rtol=1e-4, atol=1e-4 * np.abs(want).max())
        assert not got[0, word_id.shape[1] // 2 + 1 :].any()
    assert len(memo.slots) == 40 and memo.table.shape[0] == 40  # full, and no larger than its capacity
