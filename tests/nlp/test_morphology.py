"""Letters Python cannot name (Tangut, Khitan, Nüshu ideographs) do not stop an article."""
from __future__ import annotations

from letopis.nlp.morphology import analyzer, guard_shapes
from letopis.pipeline import Options, process_pages
from letopis.readers.base import RawPage

UNNAMED = "\U00017000\U00018b00"  # a Tangut and a Khitan ideograph: unicodedata.name raises for both


def test_both_pymorphy_versions_parse_an_unnamed_letter():
    from natasha import MorphVocab

    assert guard_shapes() == 2
    assert analyzer().parse(UNNAMED)
    assert MorphVocab()(UNNAMED)


def test_an_article_with_such_letters_is_processed():
    text = f"Министр финансов Ольга Зорина заявила, что {UNNAMED} стоит 5 {UNNAMED} рублей."
    [doc] = list(process_pages([RawPage("odd.txt", text)], Options(clean=False)))
    assert not hasattr(doc, "reason"), doc
    assert any(m.text == "Ольга Зорина" for m in doc.mentions)
