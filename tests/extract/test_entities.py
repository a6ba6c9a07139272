"""One entity per person or body in an article; roles from appositions; posts resolved."""


def _entity(doc, needle, type_="PER"):
    found = [e for e in doc.entities if needle in e.name and e.type == type_]
    assert len(found) == 1, [(e.name, e.type) for e in doc.entities]
    return found[0]


def _texts(doc, eid):
    return [m.text for m in doc.mentions if m.entity == eid]


TEXT = ("Президент Узбекистана Шавкат Мирзиёев провел переговоры с Председателем Сената Казахстана "
        "Мауленом Ашимбаевым в Ташкенте.\n\n"
        "Глава государства отметил рост взаимной торговли. Ш. Мирзиёев пригласил гостя на форум. "
        "Мирзиёева поддержали министры.")


def test_name_initials_surname_and_post_form_one_person(analyze):
    doc = analyze(TEXT)
    e = _entity(doc, "Мирзиёев")
    texts = _texts(doc, e.id)
    assert "Шавкат Мирзиёев" in texts and "Ш. Мирзиёев" in texts and "Мирзиёева" in texts
    assert "Глава государства" in texts
    assert e.parts.get("first") == "Шавкат" and e.parts.get("last") == "Мирзиёев"


def test_role_from_apposition_has_post_and_country(analyze):
    doc = analyze(TEXT)
    e = _entity(doc, "Мирзиёев")
    (role,) = [r for r in e.roles if r.post.lower() == "президент"]
    assert role.country_name == "Узбекистан"


def test_two_holders_of_one_post_leave_the_bare_post_unresolved(analyze):
    doc = analyze("Министр Алексей Волков встретился с министром Игорем Зайцевым. Министр заявил о планах.")
    bare = [m for m in doc.mentions if m.text == "Министр" and m.start > 60]
    assert bare and bare[0].entity is None


def test_abbreviation_joins_its_expansion(analyze):
    doc = analyze("Генассамблея Организации Объединенных Наций приняла резолюцию. В ООН ее назвали исторической.")
    un = [e for e in doc.entities if e.type == "ORG" and ("ООН" in e.name or "Объедин" in e.name)]
    assert len(un) == 1, [(e.name, e.aliases) for e in doc.entities]
