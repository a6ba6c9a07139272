"""Direct and indirect speech with speakers (sentences written for letopis)."""


def _speaker(doc, q):
    return next((e.name for e in doc.entities if e.id == q.speaker), None)


def test_dash_dialogue_with_post_speaker(analyze):
    doc = analyze("Президент Армении Ваагн Хачатурян принял делегацию.\n\n"
                  "– Мы открыты для новых проектов. Наши двери всегда открыты, – отметил Президент.")
    (q,) = [q for q in doc.quotes if q.kind == "direct"]
    assert q.text == "Мы открыты для новых проектов. Наши двери всегда открыты"
    assert _speaker(doc, q) == "Ваагн Хачатурян"
    assert q.cue == "отметить"


def test_guillemets_then_speaker(analyze):
    doc = analyze("«Мы завершим строительство моста к осени», — заявил министр транспорта Олег Рябцев.")
    (q,) = doc.quotes
    assert q.text == "Мы завершим строительство моста к осени"
    assert _speaker(doc, q) == "Олег Рябцев" and q.kind == "direct"


def test_speech_introduced_before_the_quote_with_pronoun(analyze):
    doc = analyze("Губернатор Ирина Соколова приехала на стройку. Она сказала: «Школа откроется первого сентября».")
    (q,) = [q for q in doc.quotes if q.kind == "direct"]
    assert q.text == "Школа откроется первого сентября"
    assert _speaker(doc, q) == "Ирина Соколова"


def test_names_and_titles_in_quotes_are_not_speech(analyze):
    doc = analyze("Компания «Северный ветер» выпустила фильм «Долгая дорога домой» к юбилею города.")
    assert doc.quotes == ()


def test_dash_list_is_not_dialogue(analyze):
    doc = analyze("В программе визита:\n– осмотр порта;\n– встреча с предпринимателями;\n– пресс-конференция.")
    assert doc.quotes == ()


def test_indirect_speech_with_that_clause(analyze):
    doc = analyze("Министр финансов Анна Белова заявила, что дефицит бюджета сократится вдвое.")
    (q,) = doc.quotes
    assert q.kind == "indirect" and q.text == "дефицит бюджета сократится вдвое"
    assert _speaker(doc, q) == "Анна Белова"


def test_unbalanced_quote_does_not_cross_the_paragraph(analyze):
    doc = analyze("Он сказал: «Мы продолжим работу\n\nНовый абзац о другом. «Это важно», — заявил Павел Орлов.")
    for q in doc.quotes:
        assert "\n\n" not in q.text


def test_one_giant_quote_does_not_crash(analyze):
    body = " ".join(["Мы работаем над проектом."] * 400)
    doc = analyze(f"«{body}», — сказал Павел Орлов.")
    assert all(doc.text[q.start:q.end] == q.text for q in doc.quotes)


def test_speaker_a_few_words_after_the_verb(analyze):
    doc = analyze('"Сделка закрыта", - сообщил журналистам пресс-секретарь компании Тимур Алиев.')
    (q,) = doc.quotes
    assert q.text == "Сделка закрыта" and _speaker(doc, q) == "Тимур Алиев"


def test_quote_then_ob_etom_sentence(analyze):
    doc = analyze("«Мост откроют в декабре». Об этом заявил мэр Казани Ильсур Метшин.")
    (q,) = doc.quotes
    assert q.text == "Мост откроют в декабре" and _speaker(doc, q) == "Ильсур Метшин"


def test_quote_over_two_paragraphs_that_closes_in_the_second(analyze):
    doc = analyze("Министр Олег Рябцев заявил: «Работы идут по графику.\n\nК зиме дорога будет готова».")
    (q,) = doc.quotes
    assert q.text == "Работы идут по графику.\n\nК зиме дорога будет готова" and _speaker(doc, q) == "Олег Рябцев"


def test_by_words_of_a_person_with_a_post(analyze):
    doc = analyze("По словам министра энергетики Алмасадама Саткалиева, добыча вырастет на 3%.")
    (q,) = doc.quotes
    assert q.kind == "indirect" and _speaker(doc, q) == "Алмасадам Саткалиев"


def test_po_ego_slovam_refers_to_the_person_just_named(analyze):
    doc = analyze("Губернатор Ирина Соколова осмотрела новую больницу. По ее словам, клиника откроется весной.")
    (q,) = doc.quotes
    assert q.kind == "indirect" and _speaker(doc, q) == "Ирина Соколова"
