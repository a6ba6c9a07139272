"""Facts with entity arguments and modality (sentences written for letopis)."""


def _facts(doc, type_):
    return [f for f in doc.facts if f.type == type_]


def _names(doc, fact, role):
    ids = [a.entity for a in fact.args if a.role == role]
    return {e.name for e in doc.entities if e.id in ids}


def test_meeting_with_place_and_format(analyze):
    doc = analyze("Премьер-министр Кыргызстана Адылбек Касымалиев провел неформальную встречу с "
                  "премьер-министром Таджикистана Кохиром Расулзода в Оше.")
    (m,) = _facts(doc, "Meeting")
    names = _names(doc, m, "participant")
    assert {"Адылбек Касымалиев", "Кохир Расулзода"} <= names
    assert m.attrs["format"] == "informal" and m.attrs.get("place") == "Ош"


def test_occupation_from_apposition(analyze):
    doc = analyze("Генеральный директор компании «Полярный свет» Андрей Мельников посетил завод.")
    occ = _facts(doc, "Occupation")
    assert any("Андрей Мельников" in _names(doc, f, "who") for f in occ)


def test_negated_meeting_keeps_modality(analyze):
    doc = analyze("Министр Олег Рябцев не встретился с губернатором Ириной Соколовой из-за непогоды.")
    (m,) = _facts(doc, "Meeting")
    assert m.modality == "negated"


def test_deal_kind(analyze):
    doc = analyze("Компания «Полярный свет» приобрела у компании «Северный ветер» два склада.")
    (d,) = _facts(doc, "Deal")
    assert d.attrs["kind"] == "купля/продажа"


def test_a_visit_alone_is_not_a_meeting(analyze):
    doc = analyze("Министр Олег Рябцев и губернатор Ирина Соколова прибыли с визитом в Казань.")
    assert _facts(doc, "Meeting") == []


def test_post_after_a_copula_belongs_to_the_subject(analyze):
    doc = analyze("Сергей Иванов является членом совета директоров «Газпрома».")
    occ = _facts(doc, "Occupation")
    assert any("Сергей Иванов" in _names(doc, f, "who") for f in occ)
