"""Facts with entity arguments and modality (sentences written for letopis)."""
import pytest


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


def test_one_occupation_per_person_and_post_with_the_country_any_mention_gave(analyze):
    doc = analyze("Президент Украины Виктор Янукович прибыл в Стамбул. Переговоры с президентом Виктором Януковичем "
                  "продлились три часа.")
    occ = [f for f in doc.facts if f.type == "Occupation"]
    assert len(occ) == 1
    where = next(a.entity for a in occ[0].args if a.role == "where")
    assert next(e.name for e in doc.entities if e.id == where) == "Украина"


def test_a_national_post_without_a_country_is_held_in_the_one_country_the_article_names(analyze):
    doc = analyze("Премьер-министр Сильвио Берлускони выступил в сенате. Италия ждет новых выборов.")
    (occ,) = [f for f in doc.facts if f.type == "Occupation"]
    where = next(a.entity for a in occ.args if a.role == "where")
    assert next(e.name for e in doc.entities if e.id == where) == "Италия"
    two = analyze("Премьер-министр Сильвио Берлускони обсудил с Германией и Францией новый бюджет.")
    assert all(a.role != "where" for f in two.facts if f.type == "Occupation" for a in f.args)


def test_the_adjective_of_the_organization_name_is_not_part_of_the_post(analyze):
    doc = analyze("Полузащитник футбольного клуба «Спартак» Игорь Денисов получил травму.")
    (person,) = [e for e in doc.entities if e.type == "PER"]
    assert person.roles and person.roles[0].post == "Полузащитник"


def test_the_kind_of_organization_after_a_post_is_not_part_of_the_post(analyze):
    doc = analyze("Фотограф еженедельника «Вечерний Омск» Павел Рудаков задержан у здания суда.")
    (person,) = [e for e in doc.entities if e.type == "PER"]
    assert person.roles and person.roles[0].post == "Фотограф"


@pytest.mark.parametrize("sentence, pair", [
    ("Министр Айдар Сейтказин встретился с послом Франции Сильвеном Гиоже в Астане.", {"Айдар Сейтказин", "Сильвен Гиоже"}),
    ("Речь шла о встрече между министром Олжасом Бектеновым и губернатором Сергеем Носовым.",
     {"Олжас Бектенов", "Сергей Носов"}),
    ("Глава банка Ерлан Жаксыбеков и губернатор Марат Тулегенов провели переговоры в Караганде.",
     {"Ерлан Жаксыбеков", "Марат Тулегенов"}),
])
def test_meeting_participants_are_the_people_the_meeting_words_tie_together(analyze, sentence, pair):
    doc = analyze(sentence)
    (meeting,) = [f for f in doc.facts if f.type == "Meeting"]
    names = {e.id: e.name for e in doc.entities}
    assert {names[a.entity] for a in meeting.args if a.role == "participant"} == pair


def test_people_named_beside_a_meeting_are_not_its_participants(analyze):
    doc = analyze("Писатель Игорь Белов рассказал о встрече читателей, которую вел поэт Олег Ким.")
    assert not [f for f in doc.facts if f.type == "Meeting"]


def test_a_deal_retold_in_later_sentences_is_one_deal(analyze):
    doc = analyze("Компания «Альфа» купила компанию «Бета». Сделка компании «Альфа» с компанией «Бета» закрыта в мае.")
    deals = [f for f in doc.facts if f.type == "Deal"]
    assert len(deals) == 1
