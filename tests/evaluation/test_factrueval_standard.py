"""Loader of std documents, on made-up documents written to tmp dirs."""

import pytest

from factrueval_builder import DocBuilder, romashka
from letopis.evaluation.factrueval import load_devset, load_document
from letopis.evaluation.factrueval.standard import doc_number


def test_load_made_up_document(tmp_path):
    romashka().write(tmp_path, "book_7")
    doc = load_document(tmp_path, "book_7")
    assert doc.name == "book_7" and doc.number == 7 and not doc.emptied
    assert doc.text.startswith("Глава компании «Ромашка»")
    for tok in doc.tokens:
        assert doc.text[tok.start : tok.end] == tok.text
    assert [t.text for t in doc.tokens][:5] == ["Глава", "компании", "«", "Ромашка", "»"]
    org = doc.mention_by_id["900"]
    assert org.type == "Org" and org.span_ids == ("500", "501")
    assert [t.text for t in doc.mention_tokens(org)] == ["компании", "Ромашка"]
    assert doc.entity_by_id["1"].attrs == (("descriptor", "компания"), ("name", "Ромашка"), ("wikidata", ""))
    fact = doc.facts[0]
    assert fact.type == "Occupation" and fact.args[0] == ("Who", "obj2 Петров Иван")


def test_sentence_numbers(tmp_path):
    DocBuilder("Один два. Три.").write(tmp_path, "book_1")
    doc = load_document(tmp_path, "book_1")
    assert [t.sentence for t in doc.tokens] == [0, 0, 0, 1, 1]


def test_span_tokens_come_from_the_id_list_and_duplicates_keep_the_later_line(tmp_path):
    b = DocBuilder("Жан-Поль Ле Пен выступил.")
    b.write(tmp_path, "book_2")
    ids = [t[0] for t in b.tokens]
    spans = tmp_path / "book_2.spans"
    # a span whose listed tokens skip one token of its offset range; then the same id again with another type
    spans.write_text(
        f"7 name 0 14 {ids[0]} 2  # {ids[0]} {ids[2]} Жан-Поль Пен\n"
        f"8 surname 9 2 {ids[1]} 1  # {ids[1]} Ле\n"
        f"8 nickname 9 2 {ids[1]} 1  # {ids[1]} Ле\n",
        encoding="utf-8",
    )
    doc = load_document(tmp_path, "book_2")
    assert doc.span_by_id["7"].token_ids == (ids[0], ids[2])
    assert [t.text for t in doc.span_tokens(doc.span_by_id["7"])] == ["Жан-Поль", "Пен"]
    assert doc.span_by_id["8"].type == "nickname"
    assert len(doc.spans) == 2


def test_unknown_object_type_empties_the_document(tmp_path):
    b = romashka()
    b.mention("Facility", b.span("loc_name", "Тверь"))
    b.write(tmp_path, "book_3")
    doc = load_document(tmp_path, "book_3")
    assert doc.emptied and doc.mentions == () and doc.entities == () and doc.facts == ()
    assert doc.tokens  # the text stays


def test_organization_is_a_known_type(tmp_path):
    b = DocBuilder("Фирма Ромашка.")
    b.mention("Organization", b.span("org_name", "Ромашка"))
    b.write(tmp_path, "book_4")
    assert not load_document(tmp_path, "book_4").emptied


def test_load_devset_sorts_numerically(tmp_path):
    for n in (10, 9, 100):
        DocBuilder("Текст.").write(tmp_path, f"book_{n}")
    (tmp_path / "README").write_text("x")
    assert [d.name for d in load_devset(tmp_path)] == ["book_9", "book_10", "book_100"]


def test_doc_number():
    assert doc_number("book_12") == 12
    with pytest.raises(ValueError):
        doc_number("doc_12")
