"""A faster forward pass of slovnet's CNN encoder, with the same weights and the same result.

slovnet's ``CNNEncoder`` keeps activations as batch x channels x length: each
layer pads, copies the array contiguous, copies every 3-token window out
(im2col) before its one matmul, and normalizes through swapped axes. Here the
activations stay batch x length x channels: a layer is one matmul per kernel
position on the padded rows, summed over shifted views, then ReLU and the
batch norm folded into one scale and shift, in place. The arithmetic is the
same sums in another order (float32; outputs agree to ~1e-5 and the tags are
the same, see tests/nlp/test_fastcnn.py). About half the encoder's time, and
the encoders are most of morphology, syntax and NER.

``memo_words`` spares slovnet's input encoders the same per-word work: each
word's vocabulary and shape ids are computed once, not at every occurrence.
"""
from __future__ import annotations

import numpy as np


class FastCNNEncoder:
    """Drop-in for ``slovnet.exec.model.CNNEncoder``: ``encoder(input, mask)``, input batch x
    length x dim (float32), mask True on padding; returns batch x length x filters."""

    def __init__(self, encoder):
        self.original = encoder
        self.layers = []
        for layer in encoder.layers:
            weight = layer.conv.weight.array  # filters x in x kernel
            filters, _, width = weight.shape
            if width != 2 * layer.conv.padding + 1:
                raise ValueError(f"conv of width {width} with padding {layer.conv.padding} changes the length")
            kernels = np.ascontiguousarray(np.concatenate([weight[:, :, k].T for k in range(width)], axis=1))  # in x width*filters
            norm = layer.norm
            scale = (norm.weight.array / norm.std.array).astype(np.float32)
            shift = (norm.bias.array - norm.mean.array * scale).astype(np.float32)
            self.layers.append((kernels, filters, width, layer.conv.bias.array, layer.conv.padding, scale, shift))

    def __call__(self, input: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self._rest(input, mask, 0)

    def from_parts(self, parts: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The same output, given the first layer's products per position and kernel column
        (batch x length x width*filters, what ``FirstLayerMemo`` returns) instead of its input."""
        _, filters, width, bias, pad, scale, shift = self.layers[0]
        batch, length, _ = parts.shape
        parts = parts.reshape(batch, length, width, filters)
        out = parts[:, :, pad] + bias
        for k in range(width):  # column k of the window reads the token k - pad places on
            shift_by = k - pad
            if shift_by > 0:
                out[:, : length - shift_by] += parts[:, shift_by:, k]
            elif shift_by < 0:
                out[:, -shift_by:] += parts[:, : length + shift_by, k]
        return self._rest(self._finish(out, mask, scale, shift), mask, 1)

    @staticmethod
    def _finish(out, mask, scale, shift):
        np.maximum(out, 0, out=out)
        out *= scale
        out += shift
        out *= (~mask)[..., None].astype(out.dtype)
        return out

    def _rest(self, x: np.ndarray, mask: np.ndarray, first: int) -> np.ndarray:
        for kernels, filters, width, bias, pad, scale, shift in self.layers[first:]:
            batch, length, dim = x.shape
            padded = np.zeros((batch, length + 2 * pad, dim), dtype=x.dtype)
            padded[:, pad : pad + length] = x
            parts = (padded.reshape(-1, dim) @ kernels).reshape(batch, length + 2 * pad, width, filters)
            out = parts[:, 0:length, 0] + bias
            for k in range(1, width):
                out += parts[:, k : k + length, k]
            x = self._finish(out, mask, scale, shift)
        return x


# Words whose first-layer products each tagger remembers: 12 000 x 768 float32 = 37 MB per
# tagger.  Filled first come, first kept: on the NEREL train texts and the devset (227 000
# tokens) the first 12 000 distinct words cover 77 % of the tokens (8 000: 72 %, 24 000: 83 %;
# a fifth of all tokens are out of navec's vocabulary and share its one <unk> row).
FIRST_LAYER_MEMO = 12_000


class FirstLayerMemo:
    """Takes the place of a tagger's ``WordShapeEmbedding`` and returns the first CNN layer's
    products instead of the embeddings.  The first layer holds two thirds of the encoder's
    multiplications (330 x 768 per token, against 256 x 384 and 128 x 192 after it), and its
    input is fixed per word: navec's vector and the shape's.  So a word's product with the
    kernels is computed once and remembered (up to ``capacity`` words, then no more are added:
    memory is bounded and stops growing once the table is full), the shape's is precomputed
    for all 66 shapes, and a token costs two row lookups and an addition.  The sums come in
    another order than one matmul's (float32, ~1e-6 relative; tests/nlp/test_fastcnn.py)."""

    def __init__(self, emb, kernels: np.ndarray, capacity: int = FIRST_LAYER_MEMO):
        self.original = emb
        word_dim = emb.word.dim
        self.word_kernels = np.ascontiguousarray(kernels[:word_dim])
        self.shape_parts = np.ascontiguousarray(emb.shape.weight.array @ kernels[word_dim:])
        self.capacity = capacity
        self.slots: dict[int, int] = {}
        self.table: np.ndarray | None = None

    def __call__(self, word_id: np.ndarray, shape_id: np.ndarray) -> np.ndarray:
        uniq, inverse = np.unique(word_id, return_inverse=True)
        slots, width = self.slots, self.word_kernels.shape[1]
        rows = np.empty((len(uniq), width), dtype=np.float32)
        known, at, new = [], [], []
        for i, word in enumerate(uniq.tolist()):
            slot = slots.get(word)
            if slot is None:
                new.append(i)
            else:
                known.append(i)
                at.append(slot)
        if known:
            rows[known] = self.table[at]
        if new:
            rows[new] = self.original.word(uniq[new]) @ self.word_kernels
            self._keep(uniq[new], rows[new])
        out = rows[inverse.reshape(-1)]
        out += self.shape_parts[shape_id.reshape(-1)]
        return out.reshape(*word_id.shape, width)

    def _keep(self, words: np.ndarray, rows: np.ndarray) -> None:
        room = self.capacity - len(self.slots)
        if room <= 0:
            return
        if self.table is None:
            self.table = np.empty((self.capacity, rows.shape[1]), dtype=np.float32)
        start, n = len(self.slots), min(room, len(words))
        self.table[start : start + n] = rows[:n]
        for j, word in enumerate(words[:n].tolist()):
            self.slots[word] = start + j


class PartsEncoder:
    """The encoder that follows ``FirstLayerMemo``: ``FastCNNEncoder.from_parts``."""

    def __init__(self, fast: FastCNNEncoder):
        self.fast = fast
        self.original = fast.original

    def __call__(self, parts: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self.fast.from_parts(parts, mask)


WORD_MEMO = 200_000  # words remembered per tagger before the memo starts over


def memo_words(encoder) -> None:
    """Remember each word's (vocabulary id, shape id) in slovnet's ``WordShapeEncoder``: the shape
    is recomputed character by character for every occurrence otherwise."""
    if getattr(encoder, "memo", None) is not None or not hasattr(encoder, "words_vocab"):
        return
    memo: dict[str, tuple[int, int]] = {}
    words_vocab, shapes_vocab = encoder.words_vocab, encoder.shapes_vocab
    from slovnet.shape import word_shape

    def item(words):
        if len(memo) > WORD_MEMO:
            memo.clear()
        word_ids, shape_ids = [], []
        for word in words:
            pair = memo.get(word)
            if pair is None:
                pair = memo[word] = (words_vocab.encode(word.lower()), shapes_vocab.encode(word_shape(word)))
            word_ids.append(pair[0])
            shape_ids.append(pair[1])
        return word_ids, shape_ids

    encoder.memo = memo
    encoder.item = item


def speed_up(*taggers, memo: int = FIRST_LAYER_MEMO) -> int:
    """Swap the CNN encoder of each natasha/slovnet tagger for ``FastCNNEncoder`` and its
    embedding for ``FirstLayerMemo`` (once; ``memo=0``: the encoder alone); a model of another
    shape keeps its own.  Returns how many were swapped."""
    swapped = 0
    for tagger in taggers:
        model = getattr(getattr(tagger, "infer", None), "model", None)
        encoder = getattr(model, "encoder", None)
        if encoder is None or isinstance(encoder, (FastCNNEncoder, PartsEncoder)):
            continue
        try:
            fast = FastCNNEncoder(encoder)
            first = FirstLayerMemo(model.emb, fast.layers[0][0], memo) if memo else None
            memo_words(tagger.infer.encoder)
        except (AttributeError, ValueError, IndexError):  # not the CNN this was written for
            continue
        if first is None:
            model.encoder = fast
        else:
            model.emb, model.encoder = first, PartsEncoder(fast)
        swapped += 1
    return swapped
