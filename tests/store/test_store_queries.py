import pytest

import kbdocs
from letopis.document import content_id
from letopis.store import queries
from letopis.store.errors import NotFoundError, QueryError

A1, A2, A3, A4, A5 = (content_id(t) for t in (kbdocs.A1_TEXT, kbdocs.A2_TEXT, kbdocs.A3_TEXT, kbdocs.A4_TEXT, kbdocs.A5_TEXT))


def _text(kb, article_id):
    return kb.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]


def test_search_gas_finds_gas_industry_by_prefix_with_exact_highlights(kb):
    rows = queries.search(kb, "газ")
    assert {r["id"] for r in rows} == {A1, A2, A4, A5}
    a1 = next(r for r in rows if r["id"] == A1)
    text = _text(kb, A1)
    words = [text[s:e] for snip in a1["snippets"] for s, e in snip["matches"]]
    assert words == ["газовой", "газопровода"]
    assert "**газовой** отрасли" in a1["snippets"][0]["highlight"]
    for snip in a1["snippets"]:
        assert text[snip["start"]:snip["end"]] == snip["text"]


def test_search_longer_word_narrows_and_lemmas_join_case_forms(kb):
    assert [r["id"] for r in queries.search(kb, "газовой")] == [A1]
    assert {r["id"] for r in queries.search(kb, "Туркестан")} == {A1, A5}  # "в Туркестане"
    assert [r["id"] for r in queries.search(kb, "переговоров")] == [A2]  # "провел переговоры"


def test_search_needs_every_word(kb):
    assert {r["id"] for r in queries.search(kb, "газ Туркменистан")} == {A1, A4, A5}
    assert queries.search(kb, "газ Энергострой") == []


def test_search_filters(kb):
    assert {r["id"] for r in queries.search(kb, "газ", date_from="2024-06")} == {A2, A4}
    assert {r["id"] for r in queries.search(kb, "газ", date_to="2024-05-20")} == {A1, A5}
    assert {r["id"] for r in queries.search(kb, "газ", date_from="2024-05-13", date_to="2024-06-03")} == {A2, A5}
    assert [r["id"] for r in queries.search(kb, "газ", types=["Deal"])] == [A2]
    assert {r["id"] for r in queries.search(kb, "газ", types=["ORG"])} == {A1}
    assert len(queries.search(kb, "газ", limit=1)) == 1
    with pytest.raises(QueryError, match="expected a date"):
        queries.search(kb, "газ", date_from="вчера")
    with pytest.raises(QueryError, match="limit"):
        queries.search(kb, "газ", limit=0)


def test_entity_profile(kb):
    p = queries.entity_profile(kb, "Токаев")
    assert p["entity"]["name"] == "Касым-Жомарт Токаев" and p["articles"] == 5 and p["mentions"] == 8
    (role,) = p["roles"]
    assert (role["post"], role["country"], role["first_seen"], role["last_seen"]) == ("президент", "Казахстан", "2024-05-12", "2024-06-15")
    assert [t["day"] for t in p["timeline"]] == ["2024-05-12", "2024-05-20", "2024-06-03", "2024-06-10", "2024-06-15"]
    assert p["timeline"][0]["mentions"] == 3
    co = {c["name"]: c["articles"] for c in p["co_mentioned"]}
    assert co["Казахстан"] == 4 and "Сердар Бердымухамедов" in co
    assert [q["article_id"] for q in p["quotes"]] == [A1, A5]
    meeting = next(f for f in p["facts"] if f["type"] == "Meeting")
    assert [w["name"] for w in meeting["with"]] == ["Сердар Бердымухамедов"]
    assert (meeting["place"], meeting["date"], meeting["date_text"], meeting["format"]) == ("Туркестан", "2024-05-12", "12 мая 2024", "informal")
    assert {link["reason"] for link in p["links"]} >= {"surname 'Токаев' + initial К."}


def test_entity_lookup_by_case_form_initial_and_alias(kb):
    assert queries.entity_profile(kb, "Токаева")["entity"]["name"] == "Касым-Жомарт Токаев"
    assert queries.entity_profile(kb, "К. Токаев")["entity"]["name"] == "Касым-Жомарт Токаев"
    assert queries.entity_profile(kb, "Казахстана")["entity"]["name"] == "Казахстан"
    assert queries.entity_profile(kb, "«Энергострой»")["entity"]["name"] == "Энергострой"
    p = queries.entity_profile(kb, "Иванов")
    assert p["entity"]["name"] in ("Иван Иванов", "Петр Иванов") and len(p["others"]) == 1
    with pytest.raises(NotFoundError, match="no entity named 'Нектоевич'"):
        queries.entity_profile(kb, "Нектоевич")


def test_meetings_between_countries_and_with_people(kb):
    kz_tm = queries.meetings(kb, between=("Казахстан", "Туркменистан"))
    assert [m["article_id"] for m in kz_tm] == [A1, A4]
    assert [m["article_id"] for m in queries.meetings(kb, between=("Туркменистан", "Казахстан"))] == [A1, A4]
    assert [m["article_id"] for m in queries.meetings(kb, between=("Казахстан", "Узбекистан"))] == [A2]
    assert queries.meetings(kb, between=("Узбекистан", "Туркменистан")) == []
    (m,) = queries.meetings(kb, with_="Мирзиёев")
    assert {p["name"] for p in m["participants"]} == {"Касым-Жомарт Токаев", "Шавкат Мирзиёев", "Иван Иванов"}
    assert m["place"] == "Ташкент" and m["date"] == "2024-06-03"
    assert len(queries.meetings(kb)) == 3
    assert [m["article_id"] for m in queries.meetings(kb, with_="Токаев", between=("Казахстан", "Туркменистан"))] == [A1]
    with pytest.raises(NotFoundError):
        queries.meetings(kb, between=("Казахстан", "Атлантида"))


def test_quotes(kb):
    qs = queries.quotes(kb, speaker="Токаев")
    assert [q["article_id"] for q in qs] == [A1, A5]
    for q in qs:
        assert _text(kb, q["article_id"])[q["start"]:q["end"]] == q["text"]
    assert [q["speaker"] for q in queries.quotes(kb, about="строительство")] == ["Касым-Жомарт Токаев", "Касым-Жомарт Токаев", "Петр Иванов"]
    (q,) = queries.quotes(kb, about="Узбекистан")
    assert q["speaker"] == "Шавкат Мирзиёев"
    assert len(queries.quotes(kb)) == 4


def test_facts(kb):
    assert [f["type"] for f in queries.facts(kb, "deal")] == ["Deal"]
    occ = queries.facts(kb, "Occupation")
    assert {a["name"] or a["value"] for f in occ for a in f["args"]} >= {"Касым-Жомарт Токаев", "Генеральный директор", "Энергострой"}
    assert len(queries.facts(kb)) == 6
    assert queries.facts(kb, "Nonexistent") == []


def test_amounts(kb):
    rows = queries.amounts(kb, about="товарооборот")
    assert [(r["value"], r["currency"], r["article_id"]) for r in rows] == [("523400000", "USD", A1), ("523400000", "USD", A5)]
    assert "товарооборот между двумя странами" in rows[0]["sentence"]
    assert {r["value"] for r in queries.amounts(kb, about="электростанции")} == {"1200000000"}
    assert len(queries.amounts(kb)) == 5


def test_stats_and_chronicle(kb):
    s = queries.stats(kb)
    assert s["counts"]["articles"] == 5 and s["counts"]["sources"] == 6
    assert s["top_entities"][0]["name"] == "Касым-Жомарт Токаев"
    assert s["facts_by_type"] == {"Deal": 1, "Meeting": 3, "Occupation": 2}
    assert [d["day"] for d in s["per_day"]][0] == "2024-05-12"
    ch = queries.chronicle(kb, limit=3)
    assert ch["period"] == {"from": "2024-05-12", "to": "2024-06-15"}
    assert ch["people"][0]["name"] == "Касым-Жомарт Токаев" and len(ch["meetings"]) == 3
