"""Each rule of letopis's mention and entity layer, pinned by a sentence written for the project."""


def _m(doc, text):
    return [m for m in doc.mentions if m.text == text]


def test_institution_of_country_is_an_organization(analyze):
    doc = analyze("Правительство Норвегии выделило средства на исследования Арктики.")
    (org,) = [m for m in doc.mentions if m.type == "ORG"]
    assert org.text == "Правительство Норвегии" and org.normal == "Правительство Норвегии"
    assert any(m.text == "Норвегии" for m in doc.mentions)  # the country stays nested inside


def test_organization_name_goes_on_with_its_country(analyze):
    doc = analyze("Совет ветеранов Эстонии провел собрание в Таллине.")
    assert any(m.type == "ORG" and m.text == "Совет ветеранов Эстонии" for m in doc.mentions), doc.mentions


def test_gazetteer_finds_a_place_ner_missed(analyze):
    doc = analyze("Шахматист стал чемпионом Европы в прошлом году.")
    assert any(m.text == "Европы" and m.type == "LOC" for m in doc.mentions)


def test_name_is_cut_at_a_parenthesis(analyze):
    doc = analyze("Инженер Томас Гринвуд (Thomas Greenwood) показал прототип.")
    (per,) = [m for m in doc.mentions if m.type == "PER"]
    assert per.text == "Томас Гринвуд"


def test_repeated_surname_is_a_person_mention(analyze):
    doc = analyze("Глава региона Игорь Веденеев открыл школу. Веденеева поблагодарили учителя.")
    (again,) = [m for m in doc.mentions if m.text == "Веденеева"]
    assert again.type == "PER" and again.entity == _m(doc, "Игорь Веденеев")[0].entity


def test_genitive_after_a_spatial_noun_is_a_place(analyze):
    doc = analyze("Столица Словакии готовится к фестивалю, а власти Словакии выделили деньги.")
    types = [m.type for m in doc.mentions if m.text == "Словакии"]
    assert types == ["LOC", "LOCORG"]


def test_surname_with_a_case_ending_left_joins_the_full_name(analyze):
    doc = analyze("Премьер Новой Зеландии Крис Лаксон прибыл в Токио. Переговоры с Лаксона начались утром.")
    people = [e for e in doc.entities if e.type == "PER"]
    assert len(people) == 1, [(e.name, e.aliases) for e in people]


def test_foreign_surname_alone_joins_its_person(analyze):
    doc = analyze("Астронавт Джеффри Уильямс вернулся на Землю. Уильямс провел на станции полгода.")
    assert len([e for e in doc.entities if e.type == "PER"]) == 1


def test_abbreviation_in_brackets_joins_its_full_name(analyze):
    doc = analyze("Международное агентство по атомной энергии (МАГАТЭ) направило инспекторов.")
    orgs = [e for e in doc.entities if e.type == "ORG"]
    assert len(orgs) == 1, [(e.name, e.aliases) for e in orgs]


def test_one_word_name_joins_the_longer_name_it_opens(analyze):
    doc = analyze("Компания Nordic Semiconductor отчиталась о прибыли. Акции Nordic выросли.")
    assert len([e for e in doc.entities if e.type == "ORG"]) == 1


def test_post_with_its_complement_and_a_dash_apposition(analyze):
    doc = analyze("Министр цифрового развития Армении Роберт Хачатрян выступил первым. "
                  "Затем слово взяла Лилит Оганесян - руководитель компании «Арм Софт».")
    roles = {e.name: e.roles for e in doc.entities if e.type == "PER"}
    (r1,) = roles["Роберт Хачатрян"]
    assert r1.post == "Министр цифрового развития" and r1.country_name == "Армения"
    (r2,) = roles["Лилит Оганесян"]
    assert r2.post == "руководитель" and r2.organization_name == "Арм Софт"


def test_verb_between_post_and_name_is_not_an_apposition(analyze):
    doc = analyze("Президент провел встречу с Иваном Кравцовым.")
    assert all(not e.roles for e in doc.entities)


def test_merging_organizations_twice_in_one_article_does_not_crash(analyze):
    # regression: a cluster emptied by one merge was read again by the next one (IndexError)
    doc = analyze("Совет ветеранов Эстонии и Совет ветеранов провели встречу. Совет ветеранов Латвии и "
                  "Совет Европы прислали делегатов, а Совет ветеранов Эстонии подписал обращение.")
    assert doc.entities


def test_surname_particle_stays_with_the_surname():
    from letopis.nlp.names import name_parts

    assert name_parts("Марин Ле Пен") == {"first": "Марин", "last": "Ле Пен"}
    assert name_parts("Усама бин Ладен") == {"first": "Усама", "last": "бин Ладен"}


def test_first_name_and_patronymic_join_the_full_name(analyze):
    doc = analyze("Актриса Вера Сергеевна Белова вышла на сцену. Вера Сергеевна поблагодарила зрителей.")
    assert len([e for e in doc.entities if e.type == "PER"]) == 1, [e.name for e in doc.entities]


def test_lowercase_word_is_not_a_lexicon_organization(analyze):
    doc = analyze("Утром в мэрию пришло известие о переговорах.")
    assert not [m for m in doc.mentions if m.text == "известие"]


def test_kind_of_body_is_not_an_organization(analyze):
    doc = analyze("По сообщению СМИ, акции компании выросли.")
    assert not [m for m in doc.mentions if m.text == "СМИ"]


def test_company_named_again_in_another_case_is_one_organization(analyze):
    doc = analyze("Банк выдал кредит компании АО «Ертис Сталь». Руководство Ертис Стали довольно. "
                  "Ертис Сталь построит цех.")
    orgs = [e for e in doc.entities if e.type == "ORG"]
    assert len(orgs) == 1 and not [e for e in doc.entities if e.type == "PER"]


def test_press_service_of_a_body_is_an_organization_with_the_body_nested(analyze):
    doc = analyze("Как сообщает пресс-служба Минэнерго, поставки возобновлены.")
    orgs = {m.text for m in doc.mentions if m.type == "ORG"}
    assert "пресс-служба Минэнерго" in orgs and "Минэнерго" in orgs


def test_organization_head_agrees_in_gender_and_keeps_spacing(analyze):
    doc = analyze("Депутаты Федерального собрания обсудили доклад. Об этом пишет Lenta.ru.")
    normals = {m.normal for m in doc.mentions if m.type == "ORG"}
    assert "Федеральное собрание" in normals and "Lenta.ru" in normals


def test_two_names_the_organization_list_gives_one_body_are_one_entity(analyze):
    doc = analyze("Министры стран Организации Объединенных Наций собрались в Женеве. ООН выпустила доклад.")
    assert len([e for e in doc.entities if e.type == "ORG"]) == 1, [(e.name, e.aliases) for e in doc.entities]


def test_mention_keeps_the_name_the_text_used_and_the_entity_the_canonical_one(analyze):
    doc = analyze("Делегация Белоруссии прибыла в Москву. Беларусь подписала соглашение.")
    (by,) = [e for e in doc.entities if e.name == "Беларусь"]
    texts = {m.normal for m in doc.mentions if m.entity == by.id}
    assert texts == {"Белоруссия", "Беларусь"}


def test_known_organization_opening_a_person_span_is_split_off(analyze):
    from letopis.extract.mentions import _merge
    from letopis.document import Mention

    text = "Корреспондент Аль-Джазиры Халид Мансур"
    start = text.index("Аль")
    per = Mention(start, len(text), text[start:], "PER", "Аль-Джазиры Халид Мансур")
    org = Mention(start, start + 11, text[start:start + 11], "ORG", "Аль-Джазира")
    out = _merge([per], [org])
    assert [(m.type, m.text) for m in out] == [("ORG", "Аль-Джазиры"), ("PER", "Халид Мансур")]


def test_a_name_with_digits_is_not_a_person(analyze):
    doc = analyze("Гонки Формулы-1 начнутся в марте.")
    assert not [m for m in doc.mentions if m.type == "PER"]


def test_first_name_taken_back_when_ner_took_only_the_surname():
    from letopis.document import Mention, Token
    from letopis.extract.mentions import first_name_before, make_context

    text = "Ильхам Алиев прибыл. Президент Ильхам Алиев выступил."
    words = [(0, 6, "Ильхам"), (7, 12, "Алиев"), (12, 13, "."), (21, 30, "Президент"), (31, 37, "Ильхам"),
             (38, 43, "Алиев"), (44, 52, "выступил")]
    tokens = [Token(s, e, w, w.lower(), "PROPN", {"Case": "Nom"}, -1, "", 0 if s < 20 else 1) for s, e, w in words]
    ctx = make_context(text, tokens)
    mentions = [Mention(7, 12, "Алиев", "PER", "Алиев"), Mention(31, 43, "Ильхам Алиев", "PER", "Ильхам Алиев")]
    out = first_name_before(ctx, mentions)
    assert out[0].text == "Ильхам Алиев" and out[0].normal == "Ильхам Алиев"


def test_an_organization_the_gazetteer_knows_only_as_a_place_becomes_a_place():
    from letopis.document import Mention
    from letopis.extract.mentions import make_context, place_is_not_organization

    text = "Самолет приземлился в Алматы."
    ctx = make_context(text, [])
    out = place_is_not_organization(ctx, [Mention(22, 28, "Алматы", "ORG", "Алматы", source="natasha")])
    assert out[0].type == "LOC" and out[0].normal == "Алматы"
