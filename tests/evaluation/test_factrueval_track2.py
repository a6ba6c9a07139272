"""Track 2 on made-up documents: attributes, descriptors, quotes, digit suffixes, ignored entities, modes."""

import pytest

from factrueval_builder import DocBuilder, romashka
from letopis.evaluation.factrueval import load_document, score_track2, write_track2
from letopis.evaluation.factrueval.responses import T2Entity
from letopis.evaluation.factrueval.track2 import score_document_track2, std_entities


def _doc(builder, tmp_path, name="book_1"):
    builder.write(tmp_path, name)
    return load_document(tmp_path, name)


def _score(doc, *entities, simplified=False):
    return score_document_track2(doc, [T2Entity(t, tuple(a)) for t, a in entities], simplified)


def test_std_attributes_with_descriptor_and_quote_variants(tmp_path):
    doc = _doc(romashka(), tmp_path)
    entities = {e.id: e for e in std_entities(doc)}
    assert [e.id for e in std_entities(doc)] == ["2", "3", "1"]  # per, loc, org
    org = entities["1"]
    assert org.type == "org" and not org.ignored
    assert dict(org.attrs)["name"] == {
        "ромашка", '"ромашка"', "ромашка компания", "компания ромашка", '"ромашка" компания', 'компания "ромашка"',
    }
    assert entities["2"].attrs == (("firstname", frozenset({"иван"})), ("lastname", frozenset({"петров"})))


def test_quality_tp_fp_fn(tmp_path):
    doc = _doc(romashka(), tmp_path)
    c = _score(doc, ("per", [("firstname", "Иван"), ("lastname", "Петров")]))["PER"]
    assert (c.tp_std, c.n_std, c.n_test) == (1, 1, 1)
    c = _score(doc, ("per", [("firstname", "Иван")]))["PER"]
    assert c.tp_std == 0.5  # fn = 1
    c = _score(doc, ("per", [("firstname", "Иван"), ("lastname", "Петрова"), ("nickname", "Ваня")]))["PER"]
    assert c.tp_std == pytest.approx(2 / 3)  # fuzzy lastname, one extra attribute
    c = _score(doc, ("per", [("firstname", "Иван"), ("nickname", "Ваня")]), simplified=True)["PER"]
    assert c.tp_std == 0.5  # simplified: extras are free, the missing lastname still counts
    c = _score(doc, ("org", [("name", "«Ромашка»")]), ("org", [("name", "компания Ромашка")]))["ORG"]
    assert (c.tp_std, c.n_std, c.n_test) == (1, 1, 2)
    c = _score(doc, ("loc", [("name", "Ромашка")]))  # wrong type: no credit
    assert (c["OVERALL"].tp_std, c["OVERALL"].n_test) == (0, 1)


def test_digit_suffix_is_a_second_attribute(tmp_path):
    b = DocBuilder("Анна-Мария Смит приехала.")
    b.mention("Person", b.span("name", "Анна-Мария"), b.span("surname", "Смит"))
    b.entity(["900"], [("firstname", "Анна"), ("firstname1", "Мария"), ("lastname", "Смит")])
    doc = _doc(b, tmp_path)
    assert [k for k, _ in std_entities(doc)[0].attrs] == ["firstname", "firstname", "lastname"]
    c = _score(doc, ("per", [("firstname", "Анна"), ("lastname", "Смит")]))["PER"]
    assert c.tp_std == pytest.approx(2 / 3)
    c = _score(doc, ("per", [("firstname", "Анна"), ("firstname", "Мария"), ("lastname", "Смит")]))["PER"]
    assert c.tp_std == 1.0


def test_entity_types_and_dropped_entities(tmp_path):
    b = DocBuilder("Москва и Россия. Проект Север.")
    loc = b.mention("Location", b.span("loc_name", "Москва"))
    locorg = b.mention("LocOrg", b.span("loc_name", "Россия"))
    prj = b.mention("Project", b.span("prj_name", "Север"))
    b.entity([loc, locorg], [("name", "Москва")])  # mixed chain -> loc
    b.entity([prj], [("name", "Север")])  # Project -> not scored
    b.entity([locorg], [("descriptor", "страна"), ("wikidata", "Q1")])  # nothing left -> dropped
    doc = _doc(b, tmp_path)
    assert [(e.id, e.type) for e in std_entities(doc)] == [("1", "loc")]


def test_ignored_entities(tmp_path):
    b = DocBuilder("Мэрия Москвы и французские власти. Ромашка, компания.")
    city = b.span("loc_name", "Москвы")
    b.mention("Org", b.span("org_descr", "Мэрия"), city, mention_id="900")
    b.mention("LocOrg", city, mention_id="901")
    b.mention("Location", b.span("geo_adj", "французские"), mention_id="902")
    b.mention("Org", b.span("org_name", "Ромашка"), mention_id="903")
    b.mention("Org", b.span("org_descr", "компания"), mention_id="904")
    b.entity(["900"], [("name", "мэрия Москвы")])
    b.entity(["901"], [("name", "Москва")])  # embedded in the Org mention
    b.entity(["902"], [("name", "Франция")])  # geo_adj only
    b.entity(["903", "904"], [("name", "Ромашка")])  # embedded? no; descr-only? only one of two -> scored
    doc = _doc(b, tmp_path)
    flags = {e.id: e.ignored for e in std_entities(doc)}
    assert flags == {"1": False, "2": True, "3": True, "4": False}
    c = _score(doc, ("loc", [("name", "Москва")]), ("loc", [("name", "Франция")]))["OVERALL"]
    assert (c.tp_std, c.n_std, c.n_test) == (0, 2, 0)  # answers to ignored entities are neutral


def test_score_track2_rows_and_unknown_blocks(tmp_path):
    romashka().write(tmp_path / "std", "book_1")
    docs = [load_document(tmp_path / "std", "book_1")]
    run = tmp_path / "run"
    write_track2(run / "book_1.task2", [("PER", [("firstname", "Иван"), ("lastname", "Петров")]),
                                        ("FACILITY", [("name", "мост")]),
                                        ("LOCORG", [("name", "Тверь")])])
    table = score_track2(docs, run)
    assert [r.name for r in table.rows] == ["PER", "LOC", "ORG", "OVERALL"]
    assert (table["LOC"].tp_std, table["ORG"].tp_std, table["ORG"].n_std) == (1, 0, 1)
    assert table.overall.n_test == 2 and table.overall.f1 == pytest.approx(0.8)
