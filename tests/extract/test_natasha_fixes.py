"""Regression tests for natasha's misses that letopis fixes in its own layer (sentences written for letopis)."""


def _mentions(doc, text):
    return [m for m in doc.mentions if m.text == text]


def test_halk_maslahaty_is_an_organization_not_a_person(analyze):
    doc = analyze("Председатель Халк Маслахаты выступил перед депутатами в Ашхабаде.")
    (m,) = [m for m in doc.mentions if "Халк" in m.text]
    assert m.type == "ORG"


def test_country_in_dative_is_not_a_person(analyze):
    doc = analyze("Казахстанская сторона предложила Туркменистану помощь в строительстве дорог.")
    assert all(m.type != "PER" for m in doc.mentions if "Туркмен" in m.text)
    assert any(m.normal == "Туркменистан" for m in doc.mentions)


def test_post_alone_is_not_a_person_name(analyze):
    doc = analyze("Президент Азербайджана Ильхам Алиев прибыл в Баку. Президент провел совещание с министрами.")
    assert not [m for m in doc.mentions if m.text == "Президент" and m.type == "PER"]
    posts = [m for m in doc.mentions if m.text == "Президент"]
    assert posts and all(m.type == "PROFESSION" for m in posts)


def test_compass_points_of_a_corridor_are_not_places(analyze):
    doc = analyze("Коридор Север – Юг свяжет порты Каспия с Индией.")
    assert not [m for m in doc.mentions if m.text in ("Север", "Юг") and m.type in ("LOC", "LOCORG")]


def test_company_name_in_quotes_is_an_organization(analyze):
    doc = analyze("Компания «Каспийские Верфи» получила заказ на два танкера.")
    assert any(m.type == "ORG" and m.text == "Каспийские Верфи" for m in doc.mentions)
