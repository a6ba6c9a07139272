"""The NLP adapters: offsets exact, nominative normal forms, sentence caps."""
from letopis.nlp.analyze import analyze_batch, split_sentences
from letopis.nlp.models import MAX_SENTENCE_TOKENS


def test_offsets_and_normal_forms():
    text = ("Премьер-министр встретился с Гурбангулы Бердымухамедовым в Ашхабаде.\n\n"
            "Делегация прибыла из Туркменистана по приглашению Акорды.")
    (a,) = analyze_batch([text])
    for rec in a.sentences + a.tokens + a.mentions:
        assert text[rec.start:rec.end] == rec.text
    normals = {m.normal for m in a.mentions}
    assert "Гурбангулы Бердымухамедов" in normals
    assert "Туркменистан" in normals


def test_line_break_always_ends_a_sentence():
    text = "Заголовок без точки\nг. Туркестан\nПервая фраза. Вторая фраза."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Заголовок без точки", "г. Туркестан", "Первая фраза.", "Вторая фраза."]


def test_giant_sentence_is_cut_before_the_parser():
    text = " ".join(["слово"] * (MAX_SENTENCE_TOKENS * 3 + 5))
    (a,) = analyze_batch([text])
    assert len(a.tokens) == MAX_SENTENCE_TOKENS * 3 + 5
    assert max(t.sentence for t in a.tokens) == 3  # four pieces of at most MAX tokens


def test_batch_gives_the_same_result_as_one_by_one():
    texts = ["Сергей Лавров прилетел в Астану.", "Глава МИД Турции Хакан Фидан выступил в Анкаре."]
    together = analyze_batch(texts)
    alone = [analyze_batch([t])[0] for t in texts]
    assert [x.mentions for x in together] == [x.mentions for x in alone]
    assert [x.tokens for x in together] == [x.tokens for x in alone]


def test_ner_on_the_sentence_tokens_finds_what_slovnet_finds_on_the_text():
    from pathlib import Path

    from letopis.nlp import analyze
    from letopis.nlp.models import load_models

    corpus = Path(__file__).resolve().parents[2] / "corpus" / "txt"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))[:5]]
    models = load_models()
    sents = []
    for text in texts:
        sents.append([(piece[0].start, piece[-1].stop, piece) for s, e in analyze.split_sentences(text)
                      for piece in analyze._cut(analyze._tokens_of(text, s, e)) if piece])
    ours = analyze._ner(texts, sents, models)
    theirs = []
    for text in texts:
        spans = []
        for s, e in analyze._ner_chunks(text):
            spans += [(s + sp.start, s + sp.stop, sp.type) for sp in models.ner(text[s:e]).spans]
        theirs.append(sorted(spans))
    assert ours == theirs and sum(map(len, ours)) > 30
