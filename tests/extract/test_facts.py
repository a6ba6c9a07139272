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


def _pairs(doc, type_="Ownership"):
    return {(min(_names(doc, f, "owner")), min(_names(doc, f, "property"))) for f in _facts(doc, type_)}


def test_a_founder_in_apposition_owns_the_organization_and_holds_no_post(analyze):
    doc = analyze("Основатель компании «Полярный свет» Андрей Мельников посетил завод в Твери.")
    (f,) = _facts(doc, "Ownership")
    assert _pairs(doc) == {("Андрей Мельников", "Полярный свет")}
    assert doc.text[f.start:f.end] == "Основатель"
    assert not any("Андрей Мельников" in _names(doc, o, "who") for o in _facts(doc, "Occupation"))


@pytest.mark.parametrize("sentence", ["Владелец кафе Иван Петров открыл второй зал.",
                                      "Создатель сериала Олег Волков дал интервью."])
def test_an_owner_post_without_an_organization_is_no_fact(analyze, sentence):
    doc = analyze(sentence)
    assert _facts(doc, "Ownership") == [] and _facts(doc, "Occupation") == []


def test_the_owners_after_belonging_each_own_the_organization_before_it(analyze):
    doc = analyze("Компания «Северный ветер», принадлежащая Ивану Смирнову и Олегу Кузнецову, открыла склад в Омске.")
    assert _pairs(doc) == {("Иван Смирнов", "Северный ветер"), ("Олег Кузнецов", "Северный ветер")}
    f = _facts(doc, "Ownership")[0]
    assert doc.text[f.start:f.end] == doc.text.strip()


def test_the_owner_before_owns_the_property_after(analyze):
    doc = analyze("Холдинг «Сталь» владеет заводом «Прокат» с 2005 года.")
    assert _pairs(doc) == {("Холдинг «Сталь»", "Прокат")}


@pytest.mark.parametrize("sentence", ["Банк «Заря», дочерняя компания холдинга «Сталь», открыл офис в Твери.",
                                      "Банк «Заря» входит в холдинг «Сталь» с прошлого года."])
def test_a_subsidiary_is_owned_by_its_group(analyze, sentence):
    doc = analyze(sentence)
    assert _pairs(doc) == {("Сталь", "Банк «Заря»")}


def test_belonging_to_a_group_of_people_is_no_ownership(analyze):
    doc = analyze("Иван Смирнов принадлежит к партии «Зеленый город» уже десять лет.")
    assert _facts(doc, "Ownership") == []


def test_a_calling_without_an_organization_is_no_occupation_but_an_office_is(analyze):
    doc = analyze("Журналист Павел Орлов задал вопрос. Губернатор Ирина Соколова ответила ему. "
                  "Корреспондент газеты «Северная звезда» Анна Белова задала вопрос.")
    occ = {min(_names(doc, f, "who")): f for f in _facts(doc, "Occupation")}
    assert "Павел Орлов" not in occ
    (post,) = [a for a in occ["Ирина Соколова"].args if a.role == "position"]
    assert doc.text[post.start:post.end] == "Губернатор"
    assert _names(doc, occ["Анна Белова"], "where") == {"Северная звезда"}


@pytest.mark.parametrize("sentence", [
    "Как сообщает газета «Вечерний курьер», банк «Заря» купил у холдинга «Сталь» два склада.",
    "Банк «Заря», принадлежащий Ивану Смирнову, купил у холдинга «Сталь» два склада.",
    "Банк «Заря» купил у холдинга «Сталь» два склада, сообщил Олег Волков, глава банка «Заря».",
])
def test_the_source_an_owner_or_a_spokesman_is_no_side_of_a_deal(analyze, sentence):
    doc = analyze(sentence)
    (d,) = _facts(doc, "Deal")
    assert {n.replace("Банк «Заря»", "Заря") for n in _names(doc, d, "participant")} == {"Заря", "Сталь"}
    (kind,) = [a for a in d.args if a.role == "type"]
    assert kind.value == "купля/продажа" and doc.text[kind.start:kind.end] == "купил"


def test_a_post_whose_complement_names_a_body_is_an_occupation_without_an_organization(analyze):
    doc = analyze("Заявление сделал руководитель управления дорожного хозяйства Олег Гусев. "
                  "Помощник Ольга Петрова уехала домой.")
    (f,) = _facts(doc, "Occupation")
    assert _names(doc, f, "who") == {"Олег Гусев"}
    (post,) = [a for a in f.args if a.role == "position"]
    assert doc.text[post.start:post.end].startswith("руководитель управления")


def test_the_owner_of_a_share_owns_the_company(analyze):
    doc = analyze("Теперь холдинг «Сталь» владеет контрольным пакетом банка «Заря».")
    assert {(o.replace("Холдинг «Сталь»", "Сталь"), p) for o, p in _pairs(doc)} == {("Сталь", "Заря")}


def test_meeting_partner_must_be_governed_by_the_preposition(analyze):
    # the person after «с корреспондентом ...» is the speaker (nominative), not the one met
    doc = analyze("«Мост откроют в июле», – рассказал в беседе с корреспондентом нашей газеты глава района "
                  "Олег Баранов.")
    assert not _facts(doc, "Meeting")
    # «на встрече с журналистами»: a verb and commas separate the group met from the person named later
    doc = analyze("Губернатор Олег Зимин на встрече с фермерами во вторник ответил критикам, "
                  "пообещав, что планы Ивана Котова по закрытию рынка не поддержит.")
    assert not _facts(doc, "Meeting")


def test_meeting_between_people_in_instrumental(analyze):
    doc = analyze("Во время встречи между министром Турции Кемалем Арасом и президентом Молдавии Игорем Додоном "
                  "обсуждали торговлю.")
    (m,) = _facts(doc, "Meeting")
    assert _names(doc, m, "participant") == {"Кемаль Арас", "Игорь Додон"}


def test_received_person_must_be_the_object(analyze):
    doc = analyze("Петров принял команду в марте, и вместо Игоря Сидорова вратарём теперь играет "
                  "Михаил Бойко.")
    assert not _facts(doc, "Meeting")
    doc = analyze("Президент Андрей Волков принял в Кремле губернатора Олега Зимина.")
    (m,) = _facts(doc, "Meeting")
    assert _names(doc, m, "participant") == {"Андрей Волков", "Олег Зимин"}


def test_meeting_on_stage_or_in_final_is_no_meeting(analyze):
    doc = analyze("В субботу Ольга Петрова и Мария Зуева встретятся на сцене городской филармонии.")
    assert not _facts(doc, "Meeting")
    doc = analyze("Теннисисты Игорь Лебедев и Павел Громов встретятся в финале турнира.")
    assert not _facts(doc, "Meeting")
    doc = analyze("Министр Игорь Лебедев и губернатор Павел Громов встретятся в Самаре на этой неделе.")
    (m,) = _facts(doc, "Meeting")
    assert _names(doc, m, "participant") == {"Игорь Лебедев", "Павел Громов"}


def test_posts_listed_together_share_the_organization(analyze):
    doc = analyze("На форуме выступит управляющий директор и совладелец банка «Северный» Олег Зимин.")
    (occ,) = _facts(doc, "Occupation")
    assert _names(doc, occ, "who") == {"Олег Зимин"} and _names(doc, occ, "where") == {"Северный"}
    assert [a.value for a in occ.args if a.role == "position"] == ["управляющий директор"]
    (own,) = _facts(doc, "Ownership")
    assert _names(doc, own, "owner") == {"Олег Зимин"} and _names(doc, own, "property") == {"Северный"}
    # the person named before the list: «Иван Крылов - директор и совладелец агентства X»
    doc = analyze("Иван Крылов - управляющий директор и совладелец рекламного агентства Kollektor.")
    (own,) = _facts(doc, "Ownership")
    assert _names(doc, own, "owner") == {"Иван Крылов"} and _names(doc, own, "property") == {"Kollektor"}


def test_owner_post_predicate_with_post_in_apposition_as_subject(analyze):
    doc = analyze("Крупнейшим владельцем сети Zeta до сих пор является её создатель Павел Орлов.")
    (own,) = _facts(doc, "Ownership")
    assert _names(doc, own, "owner") == {"Павел Орлов"} and _names(doc, own, "property") == {"Zeta"}


def test_plural_post_after_a_person_is_no_apposition(analyze):
    doc = analyze("По предложению Ивана Петрова, депутаты Законодательного собрания Пермского края приняли обращение.")
    assert not _facts(doc, "Occupation")
    doc = analyze("Иван Петров, депутат Законодательного собрания Пермского края, поддержал обращение.")
    (occ,) = _facts(doc, "Occupation")
    assert _names(doc, occ, "who") == {"Иван Петров"}


@pytest.mark.parametrize("sentence, kind, sides", [
    pytest.param("Банк «Заря» заключил договор о покупке 40% акций компании «Север».",
                 "купля/продажа", {"Банк «Заря»", "Север"}, id="an agreement about a purchase is a purchase"),
    pytest.param("Ещё весной фонд Zeta инвестировал в Omega — совладельца банка «Заря» и холдинга «Сталь» — около 50 млн евро.",
                 "инвестиции", {"Zeta", "Omega"}, id="an aside names no side"),
    pytest.param("Представитель Минэнерго подчеркнул, что тарифы пойдут вниз, когда Федеральная антимонопольная "
                 "служба оштрафует поставщиков.",
                 "наложение/выплата штрафа", {"Федеральная антимонопольная служба"},
                 id="the speaker of a reported clause is no side"),
])
def test_deal_kind_and_sides(analyze, sentence, kind, sides):
    doc = analyze(sentence)
    (d,) = _facts(doc, "Deal")
    assert d.attrs["kind"] == kind
    assert _names(doc, d, "participant") == sides
