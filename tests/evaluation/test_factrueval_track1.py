"""Track 1 on made-up documents: weights, glued tokens, ignored units (unnamed, embedded, twins), rows."""

import pytest

from factrueval_builder import DocBuilder, romashka
from letopis.evaluation.factrueval import load_document, score_track1, write_track1
from letopis.evaluation.factrueval.responses import T1Mention
from letopis.evaluation.factrueval.track1 import glued_tokens, score_document_track1, std_units


def _doc(builder, tmp_path, name="book_1"):
    builder.write(tmp_path, name)
    return load_document(tmp_path, name)


def _score(doc, *mentions, locorg_as_loc=False):
    return score_document_track1(doc, [T1Mention(t.lower(), s, n) for t, s, n in mentions], locorg_as_loc)


def test_gold_like_response_is_perfect(tmp_path):
    doc = _doc(romashka(), tmp_path)
    counts = _score(doc, ("ORG", 6, 18), ("PER", 25, 11), ("LOC", 45, 5))
    assert (counts["overall"].tp_std, counts["overall"].n_std, counts["overall"].n_test) == (3, 3, 3)


def test_descriptor_words_are_optional_but_extra_tokens_cost(tmp_path):
    doc = _doc(romashka(), tmp_path)
    # «Ромашка»: quotes are glued (dropped), the descriptor "компании" has weight 0 -> full credit
    assert _score(doc, ("ORG", 15, 9))["org"].tp_std == 1.0
    # "Глава компании «Ромашка»": one token outside the std unit -> 1 / (1 + 1)
    assert _score(doc, ("ORG", 0, 24))["org"].tp_std == 0.5
    # only the first name: FN = 1
    assert _score(doc, ("PER", 25, 4))["per"].tp_std == 0.5
    # "Тверь." -- the final full stop is glued to the word and dropped
    assert _score(doc, ("LOC", 45, 6))["loc"].tp_std == 1.0
    # a response must cover whole tokens: "Твер" covers nothing, so it is a false positive
    counts = _score(doc, ("LOC", 45, 4))
    assert (counts["loc"].tp_std, counts["loc"].n_std, counts["loc"].n_test) == (0, 1, 1)


def test_glued_tokens_and_non_glued_punctuation(tmp_path):
    b = DocBuilder("Компания «Ромашка» - лидер, 5 лет.")
    org = b.mention("Org", b.span("org_name", "Ромашка"))
    doc = _doc(b, tmp_path)
    glued = {doc.tokens[i].text for i in glued_tokens(doc)}
    assert glued == {"«", "»", ",", "."}  # the spaced dash and the digit 5 touch nothing
    start, _ = b.offsets("«")
    # «Ромашка» - : the free-standing dash is a response token outside the std unit
    assert _score(doc, ("ORG", start, 11))["org"].tp_std == 0.5
    assert org


def test_std_units_keep_glued_tokens_and_missed_punctuation_is_free(tmp_path):
    b = DocBuilder("Компания «Ромашка» растёт.")
    b.mention("Org", b.span("org_name", "« Ромашка »"))
    doc = _doc(b, tmp_path)
    assert len(std_units(doc)[0].tokens) == 3
    start, length = b.offsets("« Ромашка »")
    counts = _score(doc, ("ORG", start, length))
    assert counts["org"].tp_std == 1.0  # quotes missed (glued on the response side) but not counted as FN


def test_unnamed_units_are_ignored(tmp_path):
    b = DocBuilder("Мэрия сообщила.")
    b.mention("Org", b.span("org_descr", "Мэрия"))
    doc = _doc(b, tmp_path)
    counts = _score(doc)
    assert counts["overall"].n_std == 0
    counts = _score(doc, ("ORG", 0, 5))  # answering it is neutral
    assert (counts["overall"].n_std, counts["overall"].n_test) == (0, 0)


def test_embedded_units_are_neutral(tmp_path):
    b = DocBuilder("Мэрия Москвы сообщила.")
    city = b.span("loc_name", "Москвы")
    b.mention("Org", b.span("org_descr", "Мэрия"), city)
    b.mention("LocOrg", city)
    doc = _doc(b, tmp_path)
    assert _score(doc)["overall"].n_std == 1
    counts = _score(doc, ("ORG", 0, 12), ("LOCORG", 6, 6))
    assert (counts["overall"].tp_std, counts["overall"].n_std, counts["overall"].n_test) == (1, 1, 1)
    counts = _score(doc, ("LOCORG", 6, 6))
    assert (counts["overall"].tp_std, counts["overall"].n_std, counts["overall"].n_test) == (0, 1, 0)


def _twins(tmp_path):
    b = DocBuilder("Фонд Сколково открыл офис.")
    name = b.span("org_name", "Сколково")
    b.mention("Org", name)
    b.mention("LocOrg", name)
    return _doc(b, tmp_path)


def test_twins_overall(tmp_path):
    doc = _twins(tmp_path)
    assert _score(doc)["overall"].n_std == 1  # neither matched: the LocOrg twin of an Org is ignored
    for tag in ("ORG", "LOCORG"):  # exactly one matched: the unmatched twin is ignored
        c = _score(doc, (tag, 5, 8))["overall"]
        assert (c.tp_std, c.n_std, c.n_test) == (1, 1, 1)
    c = _score(doc, ("ORG", 5, 8), ("LOCORG", 5, 8))["overall"]  # both matched: the LocOrg is ignored
    assert (c.tp_std, c.n_std, c.n_test) == (1, 1, 1)


def test_type_rows_see_twins_of_other_types_as_unmatched(tmp_path):
    doc = _twins(tmp_path)
    counts = _score(doc, ("LOCORG", 5, 8))
    assert (counts["locorg"].tp_std, counts["locorg"].n_std) == (1, 1)
    assert (counts["org"].tp_std, counts["org"].n_std) == (0, 1)  # the org row still counts its twin as missed
    assert counts["overall"].n_std == 1  # rows do not add up to overall


def test_same_type_twins_first_in_search_order_is_kept(tmp_path):
    b = DocBuilder("Фонд Сколково открыл офис.")
    name = b.span("org_name", "Сколково")
    b.mention("Org", name, mention_id="20")
    b.mention("Org", name, mention_id="100")  # "100" < "20" as strings: examined first
    doc = _doc(b, tmp_path)
    assert [u.id for u in std_units(doc)] == ["100", "20"]
    assert _score(doc)["overall"].n_std == 1
    c = _score(doc, ("ORG", 5, 8), ("ORG", 5, 8))["overall"]
    assert (c.tp_std, c.n_std, c.n_test) == (1, 1, 1)


def test_locorg_is_its_own_class_unless_merged(tmp_path):
    b = DocBuilder("Жители Твери довольны.")
    b.mention("LocOrg", b.span("loc_name", "Твери"))
    doc = _doc(b, tmp_path)
    c = _score(doc, ("LOC", 7, 5))
    assert (c["overall"].tp_std, c["overall"].n_std, c["overall"].n_test) == (0, 1, 1)
    c = _score(doc, ("LOC", 7, 5), locorg_as_loc=True)
    assert (c["loc"].tp_std, c["loc"].n_std, c["loc"].n_test) == (1, 1, 1)


def test_score_track1_files_rows_and_missing_documents(tmp_path):
    romashka().write(tmp_path / "std", "book_1")
    romashka().write(tmp_path / "std", "book_2")
    docs = [load_document(tmp_path / "std", n) for n in ("book_1", "book_2")]
    write_track1(tmp_path / "run" / "book_1.task1", [("ORG", 6, 18), ("PER", 25, 4), ("LOC", 0, 5)])
    with pytest.warns(UserWarning, match="book_2"):
        table = score_track1(docs, tmp_path / "run")
    assert [r.name for r in table.rows] == ["per", "loc", "org", "locorg", "overall"]
    overall = table.overall
    assert (overall.tp_std, overall.n_std, overall.n_test) == (1.5, 3, 3)  # book_2 is not penalized
    assert overall.f1 == pytest.approx(0.5)
    assert "overall" in table.render() and "1.50 / 3" in table.render()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.warns(UserWarning):
        assert score_track1(docs, empty).overall.f1 == 1.0
    merged = score_track1(docs[:1], tmp_path / "run", locorg_as_loc=True)
    assert [r.name for r in merged.rows] == ["per", "loc", "org", "overall"]
