"""Amounts: money, percentages and counts with exact offsets and Decimal values."""
from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letopis.document import Amount, Document
from letopis.extract.amounts import extract_amounts, split_sentences

D = Decimal


def amounts(text: str, sentences=None) -> list[Amount]:
    found = extract_amounts(text, sentences)
    for a in found:
        assert text[a.start:a.end] == a.text
        assert type(a.value) is Decimal
    return found


def one(text: str) -> Amount:
    found = amounts(text)
    assert len(found) == 1, found
    return found[0]


def brief(a: Amount) -> tuple:
    return (a.text, a.value, a.unit, a.currency, a.kind)


# --- money ------------------------------------------------------------------------------

MONEY = [
    ("Речь шла о кредите в 1 миллиарда долларов.", "1 миллиарда долларов", "1000000000", "USD"),
    ("Доходы казны составят 5,3 млрд руб. за год.", "5,3 млрд руб.", "5300000000", "RUB"),
    ("Фонд вложил $2,5 млн в стартап.", "$2,5 млн", "2500000", "USD"),
    ("Ферма получила 300 тыс. тенге субсидий.", "300 тыс. тенге", "300000", "KZT"),
    ("Город потратит 12 миллионов евро на мост.", "12 миллионов евро", "12000000", "EUR"),
    ("Суд взыскал 1 500 000 рублей.", "1 500 000 рублей", "1500000", "RUB"),
    ("Суд взыскал 1\u00a0500\u00a0000 рублей.", "1\u00a0500\u00a0000 рублей", "1500000", "RUB"),
    ("На ремонт ушло 1.5 млрд рублей.", "1.5 млрд рублей", "1500000000", "RUB"),
    ("Ассоциация собрала €3 млн на помощь.", "€3 млн", "3000000", "EUR"),
    ("Поставки оценены в 100 млн долл. США и выше.", "100 млн долл. США", "100000000", "USD"),
    ("Банк выдал 2 трлн сумов кредитов.", "2 трлн сумов", "2000000000000", "UZS"),
    ("Бишкек выделил 40 млн сомов.", "40 млн сомов", "40000000", "KGS"),
    ("Поступило 10 млрд юаней.", "10 млрд юаней", "10000000000", "CNY"),
    ("Киев занял 5 млн гривен.", "5 млн гривен", "5000000", "UAH"),
    ("Минск привлек 7 млн белорусских рублей.", "7 млн белорусских рублей", "7000000", "BYN"),
    ("Клуб заплатил 3 млн фунтов стерлингов.", "3 млн фунтов стерлингов", "3000000", "GBP"),
    ("Токио потратит 8 млрд иен.", "8 млрд иен", "8000000000", "JPY"),
    ("Сделка стоила 6 млн долларов США.", "6 млн долларов США", "6000000", "USD"),
    ("Билет стоит 100$ в кассе.", "100$", "100", "USD"),
    ("Билет стоит $ 100 в кассе.", "$ 100", "100", "USD"),
    ("Взнос составил 5млн руб в срок.", "5млн руб", "5000000", "RUB"),
    ("Акции продали за 1.500.000 рублей.", "1.500.000 рублей", "1500000", "RUB"),
    ("Проезд подорожал на 5 рублей 50 копеек.", "5 рублей 50 копеек", "5.5", "RUB"),
    ("Чашка кофе — 3 доллара 20 центов.", "3 доллара 20 центов", "3.2", "USD"),
    ("Проезд стоит 50 копеек.", "50 копеек", "0.5", "RUB"),
    ("Сделка на 3 млрд 200 млн долларов закрыта.", "3 млрд 200 млн долларов", "3200000000", "USD"),
    ("Компания потеряла 5 млн. рублей за год.", "5 млн. рублей", "5000000", "RUB"),
    ("Капитал вырос до 7 трлн руб., отметил банк.", "7 трлн руб.", "7000000000000", "RUB"),
    ("Экспорт дал 20 млн швейцарских франков.", "20 млн швейцарских франков", "20000000", "CHF"),
    ("Ереван получил 9 млрд драмов.", "9 млрд драмов", "9000000000", "AMD"),
    ("Тбилиси получил 2 млн лари.", "2 млн лари", "2000000", "GEL"),
    ("Душанбе получил 4 млн сомони.", "4 млн сомони", "4000000", "TJS"),
    ("Инвестор внес 5 млн USD.", "5 млн USD", "5000000", "USD"),
    ("Выделили миллион долларов.", "миллион долларов", "1000000", "USD"),
    ("Им выплатят полтора миллиарда рублей.", "полтора миллиарда рублей", "1500000000", "RUB"),
    ("Одобрили двести сорок пять миллионов рублей.", "двести сорок пять миллионов рублей", "245000000", "RUB"),
    ("Он нашел один доллар.", "один доллар", "1", "USD"),
]


@pytest.mark.parametrize("text,span,value,iso", MONEY, ids=[m[1] for m in MONEY])
def test_money(text, span, value, iso):
    a = one(text)
    assert (a.text, a.value, a.currency, a.unit, a.kind) == (span, D(value), iso, iso, "money")
    assert str(a.value) == value  # normalized: no "5300000000.0", no exponent


def test_manat_is_turkmen_by_default_and_azerbaijani_in_context():
    assert one("Ашхабад выделил 3 млн манатов.").currency == "TMT"
    assert one("Доход составил 3 млн манатов.").currency == "TMT"
    assert one("В Баку сообщили о 5 млн манатов.").currency == "AZN"
    assert one("Азербайджан выделил 5 млн азербайджанских манатов.").currency == "AZN"
    both = "Туркменистан и Азербайджан обсудили 5 млн манатов."
    assert one(both).currency == "TMT"


def test_abbreviation_dots():
    # "руб." keeps its dot even at the end of a sentence; "млн" takes none by the norm
    text = "Бюджет 5 млрд руб. Компания довольна. Сумма выросла до 5 млн. Итог 300 тыс."
    assert [a.text for a in amounts(text)] == ["5 млрд руб.", "5 млн", "300 тыс."]
    # razdel cuts "долл. США" after the dot; it is still one currency
    assert one("Экспорт составил 100 млн долл. США в прошлом году.").text == "100 млн долл. США"


def test_big_values_stay_exact():
    a = one("Долг достиг 999 999 999 999 трлн рублей.")
    assert a.value == D("999999999999000000000000")
    a = one("Долг достиг 0,000000000000000000001 трлн рублей.")
    assert a.value == D("0.000000001")


# --- percentages ------------------------------------------------------------------------

PERCENT = [
    ("Ставка выросла на 15%.", "15%", "15", "%"),
    ("Ставка выросла на 15 %.", "15 %", "15", "%"),
    ("Цены выросли на 15 процентов.", "15 процентов", "15", "%"),
    ("Инфляция составила 7,5 процента.", "7,5 процента", "7.5", "%"),
    ("Доля выросла на 2,5 процентных пункта.", "2,5 процентных пункта", "2.5", "п.п."),
    ("Доля выросла на 0,5 п.п. за год.", "0,5 п.п.", "0.5", "п.п."),
    ("Индекс составил −0,5% за месяц.", "−0,5%", "-0.5", "%"),
    ("Рост составил пять процентов.", "пять процентов", "5", "%"),
]


@pytest.mark.parametrize("text,span,value,unit", PERCENT, ids=[p[1] for p in PERCENT])
def test_percent(text, span, value, unit):
    a = one(text)
    assert (a.text, a.value, a.unit, a.currency, a.kind) == (span, D(value), unit, None, "percent")


# --- counts -----------------------------------------------------------------------------

COUNTS = [
    ("На завод прибыли 300 специалистов.", "300 специалистов", "300", "специалист"),
    ("Стороны подписали 12 соглашений.", "12 соглашений", "12", "соглашение"),
    ("Стороны подписали 12 межправительственных соглашений.", "12 межправительственных соглашений", "12",
     "соглашение"),
    ("Порт отгрузил 5 тыс. тонн зерна.", "5 тыс. тонн", "5000", "тонна"),
    ("В команде 21 специалист.", "21 специалист", "21", "специалист"),
    ("Подписаны 2 соглашения.", "2 соглашения", "2", "соглашение"),
    ("Собрано 1,5 млн тонн.", "1,5 млн тонн", "1500000", "тонна"),
    ("Пришли 2000 человек.", "2000 человек", "2000", "человек"),
    ("Подписали два соглашения.", "два соглашения", "2", "соглашение"),
    ("Склад принял пять тысяч тонн.", "пять тысяч тонн", "5000", "тонна"),
    ("Работали две тысячи пятьсот человек.", "две тысячи пятьсот человек", "2500", "человек"),
    ("Собрали полторы тонны меда.", "полторы тонны", "1.5", "тонна"),
    ("Премии получили 300 рабочим.", "300 рабочим", "300", "рабочий"),
]


@pytest.mark.parametrize("text,span,value,unit", COUNTS, ids=[c[1] for c in COUNTS])
def test_counts(text, span, value, unit):
    a = one(text)
    assert (a.text, a.value, a.unit, a.currency, a.kind) == (span, D(value), unit, None, "count")


def test_magnitude_without_unit_is_a_count_with_empty_unit():
    a = one("Капитализация составила свыше 5 млн.")
    assert (a.text, a.value, a.unit, a.kind, a.qualifier) == ("5 млн", D(5000000), "", "count", "more_than")
    assert [brief(a) for a in amounts("Один миллиард, два миллиона.")] == [
        ("Один миллиард", D(10**9), "", None, "count"), ("два миллиона", D(2 * 10**6), "", None, "count")]


# --- not amounts --------------------------------------------------------------------------

NEGATIVES = [
    "В 2024 году компания выросла.",
    "Это было 2024 г. в Москве.",
    "Встреча прошла 5 марта 2024 года.",
    "Начало в 10:30 по Москве.",
    "Пандемия COVID-19 закончилась.",
    "Истребители Су-35 и МС-21 над Ил-76.",
    "Звоните: +7 (495) 123-45-67 или 8 800 555-35-35 специалистам.",
    "Документ от 05.03.2024 подписан.",
    "Версия 1.2.3 вышла.",
    "Цены выросли в 2 раза.",
    "Он работал 5 лет и 3 часа в день.",
    "Это был 15-летний юбилей 1990-х.",
    "Сети 5G и 3D-печать.",
    "Согласно ч. 2 ст. 5 закона и статье 7 кодекса.",
    "Пункт 2 статьи 3 гласит.",
    "Рейс 1234 задержан, № 15 сотрудников, №3 специалистов.",
    "Команда заняла 5 место.",
    "В 2024 компании отчитались.",
    "Один из них ушел, одна компания осталась.",
    "Десятки миллионов и тысячи людей.",
    "Модель 737 летает.",
    "Код 007 не в счет.",
    "С 10 до 18 часов работали кассы.",
    "В 2022-2023 годах было тихо.",
    "Двух-трехкратный рост.",
    "В 2024 ВВП вырос.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text):
    found = amounts(text)
    assert [a.text for a in found] == []


# --- ranges and qualifiers ----------------------------------------------------------------


def test_range_from_to_inherits_unit_and_magnitude():
    a, b = amounts("Сделка оценена от 2 до 3 млрд долларов.")
    assert brief(a) == ("2", D(2 * 10**9), "USD", "USD", "money") and a.qualifier == "range_from"
    assert brief(b) == ("3 млрд долларов", D(3 * 10**9), "USD", "USD", "money") and b.qualifier == "range_to"


def test_dash_ranges():
    a, b = amounts("Рост составит 2–3 млрд рублей.")
    assert (a.text, a.value, a.currency, a.qualifier) == ("2", D(2 * 10**9), "RUB", "range_from")
    assert (b.text, b.value, b.qualifier) == ("3 млрд рублей", D(3 * 10**9), "range_to")
    a, b = amounts("Ставка составит 15-20%.")
    assert [(x.text, x.value, x.kind) for x in (a, b)] == [("15", D(15), "percent"), ("20%", D(20), "percent")]
    a, b = amounts("Выручка составит 1,5-2 млрд долларов.")
    assert (a.value, b.value) == (D(1500000000), D(2000000000))
    a, b = amounts("Фонд выделит $2-3 млн.")
    assert [(x.text, x.value, x.currency) for x in (a, b)] == [("$2", D(2000000), "USD"), ("3 млн", D(3000000), "USD")]
    a, b = amounts("От двух до трех миллиардов рублей.")
    assert (a.text, a.value, b.value) == ("двух", D(2 * 10**9), D(3 * 10**9))


def test_from_to_change():
    a, b = amounts("Инфляция снизилась с 9 до 7,5%.")
    assert (a.text, a.value, a.kind, a.qualifier) == ("9", D(9), "percent", "from")
    assert (b.text, b.value, b.qualifier, b.measure) == ("7,5%", D("7.5"), "actual", "инфляция")
    a, b = amounts("Стороны планируют увеличить товарооборот с 500 млн до 1 млрд долларов.")
    assert (a.value, a.currency, a.qualifier) == (D(500000000), "USD", "from")
    assert (b.value, b.qualifier, b.measure) == (D(10**9), "target", "товарооборот")


@pytest.mark.parametrize("text,qualifier", [
    ("Капитализация свыше 5 млн долларов.", "more_than"),
    ("Капитализация более 5 млн долларов.", "more_than"),
    ("Выросли более чем на 3 процента.", "more_than"),
    ("Потратили около 20 млн рублей.", "approx"),
    ("Доля составила порядка 15%.", "approx"),
    ("Инфляция составила почти 7,5 процента.", "approx"),
    ("Цены выросли почти на 15%.", "approx"),
    ("Выделят не менее 3 млн рублей.", "at_least"),
    ("Выделят не более 3 млн рублей.", "at_most"),
    ("Выделят менее 3 млн рублей.", "less_than"),
    ("Штраф составит до 500 тыс. рублей.", "up_to"),
    ("Стороны договорились об увеличении товарооборота до 1 миллиарда долларов.", "target"),
    ("Стороны договорились по увеличению товарооборота до 1 миллиарда долларов.", "target"),
    ("Компания намерена довести выручку до 10 млрд рублей.", "target"),
    ("Продажи выросли до 5 млрд рублей.", "actual"),
    ("Продажи вырастут до 5 млрд рублей.", "target"),
    ("Экспорт вырос на 10%.", "change"),
    ("Экспорт достигнет 2 млрд долларов.", "target"),
    ("Экспорт достиг 2 млрд долларов.", "actual"),
    ("Экспорт составил 2 млрд долларов.", ""),
])
def test_qualifiers(text, qualifier):
    assert one(text).qualifier == qualifier


# --- measure ------------------------------------------------------------------------------


@pytest.mark.parametrize("text,measure", [
    ("Стороны договорились об увеличении товарооборота до 1 миллиарда долларов.", "товарооборот"),
    ("Объем торговли составил 3 млрд долларов.", "объем торговли"),
    ("Объем взаимной торговли составил 3 млрд долларов.", "объем торговли"),
    ("Инвестиции в регион составили 5 млрд рублей.", "инвестиция"),
    ("Компания привлекла 5 млрд рублей инвестиций.", "инвестиция"),
    ("Дефицит бюджета составит 2% ВВП.", "бюджет"),
    ("Средняя заработная плата выросла до 100 тысяч рублей.", "заработная плата"),
    ("ВВП вырос на 3%.", "ВВП"),
    ("Расходы сократились на 4 млрд рублей.", "расход"),
    ("Компания заключила сделку на 3 млрд рублей.", ""),
])
def test_measure(text, measure):
    assert one(text).measure == measure


def test_measure_stays_in_its_clause_and_sentence():
    found = amounts("Экспорт вырос на 5%, а число туристов — до 300 тыс. человек. Итог: 12 соглашений.")
    assert [(a.text, a.measure) for a in found] == [
        ("5%", "экспорт"), ("300 тыс. человек", ""), ("12 соглашений", "")]


# --- the whole pipeline contract ----------------------------------------------------------


def test_article_offsets_in_a_document():
    text = ("Министр сообщил, что товарооборот вырос на 15% и достиг 1,5 млрд долларов.\n\n"
            "Стороны подписали 12 соглашений на сумму свыше 300 млн рублей. В 2024 году экспорт "
            "планируется увеличить до 5 млн тонн. Встреча прошла 5 марта, пришли около 300 специалистов.")
    found = amounts(text)
    doc = Document(id="t", text=text, amounts=tuple(found))
    assert doc.check_offsets() == []
    assert Document.from_json(doc.to_json()) == doc
    assert [(a.text, a.qualifier, a.measure) for a in found] == [
        ("15%", "change", "товарооборот"), ("1,5 млрд долларов", "actual", "товарооборот"),
        ("12 соглашений", "", ""), ("300 млн рублей", "more_than", ""),
        ("5 млн тонн", "target", "экспорт"), ("300 специалистов", "approx", "")]


def test_sentences_bound_amounts():
    text = "Выделено 300\n\nспециалистов. Сумма 5 млн рублей."
    assert [a.text for a in amounts(text, [(0, len(text))])] == ["5 млн рублей"]
    text = "Завод закупил 300 специалистов."
    assert amounts(text, [(0, 17), (18, len(text))]) == []  # the split falls between number and noun
    assert [a.text for a in amounts(text, [(0, len(text))])] == ["300 специалистов"]


def test_empty_and_given_sentences():
    assert extract_amounts("") == []
    assert extract_amounts("нет чисел здесь") == []
    text = "Курс 5 %."
    assert extract_amounts(text, []) == []  # no sentence: nothing joins


def test_split_sentences_cover_long_junk():
    text = "1." * 20_000 + " Итог 5 млн рублей."
    spans = split_sentences(text)
    assert spans and all(0 <= s < e <= len(text) for s, e in spans)


JUNK = {"digits": "1" * 1_000_000, "groups": "000 " * 250_000, "dots": "1." * 500_000, "dashes": "1-" * 500_000,
        "amounts": "5 млн рублей и " * 60_000, "glued": "а1-" * 330_000, "percent": "на 5% " * 160_000}


@pytest.mark.parametrize("name", sorted(JUNK))
def test_linear_on_a_megabyte(name):
    junk = JUNK[name]
    t = time.perf_counter()
    found = extract_amounts(junk, [(0, len(junk))])
    assert time.perf_counter() - t < 20
    assert all(junk[a.start:a.end] == a.text for a in found[:1000])


# --- property: random text never breaks offsets ---------------------------------------------

PIECES = ["5", "1 500", "2,5", "1.5", "300", "2024", "15", "0", " ", " ", "\u00a0", "\n", "\n\n", "-", "–", "%",
          "$", "€", "₽", ".", ",", ":", "/", "№", "+", "млн", "млрд", "тыс.", "тыс", "трлн", "рублей", "руб.",
          "долл.", "США", "долларов", "евро", "манатов", "копеек", "процентов", "п.п.", "специалистов", "тонн",
          "года", "марта", "от", "до", "с", "на", "около", "свыше", "не", "менее", "полтора", "пять", "тысяч",
          "миллиона", "один", "товарооборота", "объем", "торговли", "вырос", "увеличить", "Су", "COVID", "а",
          "ст", "статья", "Ё", "ё"]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40),
       st.lists(st.integers(min_value=0, max_value=400), max_size=6))
def test_random_text_keeps_offsets(parts, cuts):
    text = "".join(parts)
    for sentences in (None, _spans(text, cuts)):
        found = extract_amounts(text, sentences)
        assert [a.start for a in found] == sorted(a.start for a in found)
        for a in found:
            assert 0 <= a.start < a.end <= len(text)
            assert text[a.start:a.end] == a.text
            assert type(a.value) is Decimal and a.value.is_finite()
            assert a.kind in ("money", "percent", "count")
            assert (a.currency is not None) == (a.kind == "money")
            assert a.unit == a.currency if a.kind == "money" else True


def _spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    points = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    return [(s, e) for s, e in zip(points, points[1:]) if s < e]
