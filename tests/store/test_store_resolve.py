import kbdocs
from kbdocs import Builder
from letopis.store.writer import ingest


def links(c, name_like):
    return c.execute(
        "SELECT l.article_id, l.kb_entity_id, l.reason, ae.name FROM entity_links l"
        " JOIN article_entities ae ON ae.article_id = l.article_id AND ae.entity_id = l.article_entity_id"
        " WHERE ae.name LIKE ? ORDER BY ae.name", (name_like,)).fetchall()


def test_tokayev_is_one_kb_entity_across_articles(kb):
    rows = links(kb, "%Токаев%")
    assert len(rows) == 5 and len({r["kb_entity_id"] for r in rows}) == 1
    reasons = {r["reason"] for r in rows}
    assert "same name 'Касым-Жомарт Токаев'" in reasons
    assert "surname 'Токаев' + initial К." in reasons
    e = kb.execute("SELECT * FROM kb_entities WHERE id = ?", (rows[0]["kb_entity_id"],)).fetchone()
    assert (e["name"], e["wikidata"], e["first_name"], e["last_name"]) == ("Касым-Жомарт Токаев", "Q27830", "Касым-Жомарт", "Токаев")


def test_two_ivanovs_stay_apart_and_an_initial_picks_the_right_one(kb):
    rows = {r["name"]: r for r in links(kb, "%Иванов%")}
    assert rows["Иван Иванов"]["kb_entity_id"] != rows["Петр Иванов"]["kb_entity_id"]
    assert "another first name ('Иван' vs 'Петр')" in rows["Петр Иванов"]["reason"]
    assert rows["И. Иванов"]["kb_entity_id"] == rows["Иван Иванов"]["kb_entity_id"]
    assert rows["И. Иванов"]["reason"] == "surname 'Иванов' + initial И."


def test_loc_and_locorg_are_one_country(kb):
    rows = links(kb, "Казахстан")
    assert len({r["kb_entity_id"] for r in rows}) == 1 and len(rows) == 4  # LOCORG in 1, 2, 5; LOC in 4


def test_generic_aliases_are_not_kept():
    from letopis.store.db import open_db
    c = open_db(":memory:")
    ingest(c, [kbdocs.article1()])
    aliases = {r[0] for r in c.execute("SELECT alias FROM entity_aliases")}
    assert "Токаев" in aliases and "Глава государства" not in aliases


def _person_doc(text, name, post, country, published="2024-01-01", wikidata=None):
    b = Builder(text, title="", published=published, source=f"{name}-{country}-{published}.txt")
    b.mention(name, "PER", "e1").mention(country, "LOCORG", "e2")
    b.entity("e1", "PER", name, roles=[b.role(post, post.lower(), country="e2")], wikidata=wikidata)
    b.entity("e2", "LOCORG", country)
    return b.doc()


def test_same_post_for_different_countries_separates_namesakes(conn):
    d1 = _person_doc("Министр иностранных дел Казахстан Алексей Смирнов выступил.", "Алексей Смирнов",
                     "Министр иностранных дел", "Казахстан")
    d2 = _person_doc("Министр иностранных дел Кыргызстан Алексей Смирнов прибыл.", "Алексей Смирнов",
                     "Министр иностранных дел", "Кыргызстан")
    d3 = _person_doc("Министр иностранных дел Казахстан Алексей Смирнов уехал.", "Алексей Смирнов",
                     "Министр иностранных дел", "Казахстан", "2024-02-01")
    ingest(conn, [d1, d2, d3])
    rows = links(conn, "Алексей Смирнов")
    ids = [r["kb_entity_id"] for r in rows]
    assert len(set(ids)) == 2
    assert any("министр иностранных дел of another country ('Казахстан')" in r["reason"] for r in rows)


def test_different_wikidata_ids_separate(conn):
    d1 = _person_doc("Президент Россия Иван Петров выступил.", "Иван Петров", "Президент", "Россия", wikidata="Q1")
    d2 = _person_doc("Президент Россия Иван Петров уехал.", "Иван Петров", "Президент", "Россия", "2024-03-01", "Q2")
    ingest(conn, [d1, d2])
    assert len({r["kb_entity_id"] for r in links(conn, "Иван Петров")}) == 2


def _surname_doc(text, name, src):
    b = Builder(text, title="", published="2024-01-01", source=src)
    b.mention(name, "PER", "e1")
    b.entity("e1", "PER", name)
    return b.doc()


def test_surname_alone_links_only_when_unambiguous(conn):
    ingest(conn, [_surname_doc("Олжас Нуров открыл завод.", "Олжас Нуров", "a"),
                  _surname_doc("Нуров заявил о планах.", "Нуров", "b")])
    rows = {r["name"]: r for r in links(conn, "%Нуров%")}
    assert rows["Нуров"]["kb_entity_id"] == rows["Олжас Нуров"]["kb_entity_id"]
    assert rows["Нуров"]["reason"] == "surname 'Нуров' (the only KB person it fits)"
    ingest(conn, [_surname_doc("Ерлан Нуров провел встречу.", "Ерлан Нуров", "c"),
                  _surname_doc("Как сообщил Нуров, работы идут.", "Нуров", "d")])
    last = conn.execute(
        "SELECT reason FROM article_entities WHERE name = 'Нуров' ORDER BY rowid DESC LIMIT 1").fetchone()
    assert last["reason"].startswith("new: surname 'Нуров' alone fits 2 KB persons")


def test_surname_first_then_full_name_upgrades_the_kb_name(conn):
    ingest(conn, [_surname_doc("Бахыт Оспанов сообщил.", "Оспанов", "a")])
    ingest(conn, [_surname_doc("Бахыт Оспанов добавил.", "Бахыт Оспанов", "b")])
    (row,) = conn.execute("SELECT name, first_name FROM kb_entities WHERE last_norm = 'оспанов'").fetchall()
    assert tuple(row) == ("Бахыт Оспанов", "Бахыт")


def test_role_country_given_by_name_only(conn):
    from letopis.document import Role
    ingest(conn, [kbdocs.article2()])  # the KB knows Казахстан
    b = Builder("Министр энергетики Иван Иванов заявил о росте добычи.", title="", published="2024-07-01", source="x")
    b.mention("Иван Иванов", "PER", "e1")
    start, end = b.at("Министр энергетики")
    b.entity("e1", "PER", "Иван Иванов", roles=[Role(post="министр энергетики", country_name="Казахстан", start=start, end=end)])
    ingest(conn, [b.doc()])
    rows = conn.execute("SELECT c.name FROM entity_roles r JOIN kb_entities c ON c.id = r.country_kb_id"
                        " WHERE r.article_id != (SELECT article_id FROM sources WHERE source = 'corpus/a2.txt')").fetchall()
    assert [r[0] for r in rows] == ["Казахстан"]


def test_a_post_as_a_name_is_never_linked(conn):
    ingest(conn, [_surname_doc("Президент выступил с обращением.", "Президент", "a"),
                  _surname_doc("Президент подписал указ.", "Президент", "b")])
    rows = links(conn, "Президент")
    assert len({r["kb_entity_id"] for r in rows}) == 2
    assert rows[1]["reason"] == "new: 'Президент' names a post, never linked across articles"
