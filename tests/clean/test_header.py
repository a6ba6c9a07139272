"""Title, dateline place, attribution and publish date read from the top of a page."""
from __future__ import annotations

import pytest

from letopis.clean import clean_text
from letopis.clean.header import normalize_place

HEADLINE = "Аким области провел встречу с фермерами"
LEAD_TAIL = "Аким области обсудил с фермерами подготовку к посевной"


def page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def span(c, key: str) -> str:
    start, end = c.header[key]
    return c.text[start:end]


def test_city_line_place():
    c = clean_text(page(HEADLINE, "г. Туркестан", LEAD_TAIL + "."))
    assert c.place == "Туркестан"
    assert span(c, "place") == "Туркестан"
    assert "г. Туркестан" in c.text  # the dateline stays in the text


@pytest.mark.parametrize("dateline, place, written", [
    ("МОСКВА, 5 марта — ", "Москва", "МОСКВА"),
    ("САНКТ-ПЕТЕРБУРГ, 12 апреля — ", "Санкт-Петербург", "САНКТ-ПЕТЕРБУРГ"),
    ("РОСТОВ-НА-ДОНУ, 3 мая — ", "Ростов-на-Дону", "РОСТОВ-НА-ДОНУ"),
    ("НИЖНИЙ НОВГОРОД, 9 июня – ", "Нижний Новгород", "НИЖНИЙ НОВГОРОД"),
    ("Алматы, 21 мая. ", "Алматы", "Алматы"),
])
def test_dateline_place(dateline, place, written):
    c = clean_text(page(HEADLINE, dateline + LEAD_TAIL + "."))
    assert c.place == place
    assert span(c, "place") == written
    assert c.title == HEADLINE


def test_kazinform_dateline():
    c = clean_text(page(HEADLINE, "Астана. 12 мая. КАЗИНФОРМ - " + LEAD_TAIL + ", сообщает пресс-служба акимата."))
    assert (c.place, c.attribution) == ("Астана", "КАЗИНФОРМ")
    assert span(c, "attribution") == "КАЗИНФОРМ"
    assert c.published is None and c.header["date_partial"] == "--05-12"


def test_tass_dateline():
    c = clean_text(page(HEADLINE, "МОСКВА, 5 марта. /ТАСС/. " + LEAD_TAIL + "."))
    assert (c.place, c.attribution) == ("Москва", "ТАСС")
    assert span(c, "attribution") == "ТАСС"


def test_ria_dateline():
    c = clean_text(page(HEADLINE, "МОСКВА, 5 мар — РИА Новости. " + LEAD_TAIL + "."))
    assert (c.place, c.attribution) == ("Москва", "РИА Новости")


def test_dateline_with_year_gives_the_date():
    c = clean_text(page(HEADLINE, "АСТАНА, 14 марта 2024 — " + LEAD_TAIL + "."))
    assert c.published == "2024-03-14"
    assert c.header["date_text"] == "14 марта 2024"


def test_dateline_story_after_dash_is_no_agency():
    c = clean_text(page(HEADLINE, "МОСКВА, 5 марта — Министр финансов заявил о снижении ставок."))
    assert c.place == "Москва" and c.attribution is None


@pytest.mark.parametrize("lead, who", [
    (LEAD_TAIL + ", сообщает пресс-служба Акорды.", "пресс-служба Акорды"),
    (LEAD_TAIL + ", сообщает пресс-служба Акорды", "пресс-служба Акорды"),
    (LEAD_TAIL + ", передает корреспондент Tengrinews.kz.", "корреспондент Tengrinews.kz"),
    ("По данным Минфина, дефицит бюджета сократился вдвое.", "Минфина"),
    ("Дефицит бюджета, по данным Минфина, сократился вдвое.", "Минфина"),
    (LEAD_TAIL + ", сообщает ТАСС.", "ТАСС"),
    ("Как сообщает РИА Новости, " + LEAD_TAIL.lower() + ".", "РИА Новости"),
    (LEAD_TAIL + ", сообщили в пресс-службе ведомства.", "пресс-службе ведомства"),
    (LEAD_TAIL + ", сообщает ТАСС со ссылкой на источник.", "ТАСС"),
])
def test_attribution(lead, who):
    c = clean_text(page(HEADLINE, lead, "Встреча прошла в рабочем порядке."))
    assert c.attribution == who
    assert span(c, "attribution") == who


@pytest.mark.parametrize("lead", [
    "Министр сообщил, что реформа продолжится.",
    "Ведомство сообщает о том, что сроки перенесены.",
    "По словам министра, реформа продолжится.",
    "Аким сообщил журналистам, что работы завершены.",
])
def test_no_attribution(lead):
    assert clean_text(page(HEADLINE, lead)).attribution is None


def test_title_is_the_first_line_after_furniture():
    c = clean_text(page("ГлавнаяПолитика", "Новости", HEADLINE, "19:59 Дек. 25, 2019", LEAD_TAIL + "."))
    assert c.title == HEADLINE
    assert span(c, "title") == HEADLINE
    assert c.text.startswith(HEADLINE + "\n\n")
    assert c.published == "2019-12-25"
    assert c.header["date_text"] == "19:59 Дек. 25, 2019"


def test_no_title_when_the_page_opens_with_prose():
    c = clean_text(page("Аким области провел встречу с фермерами. Обсудили посевную.", "Встреча шла час."))
    assert c.title == "" and "title" not in c.header


def test_meta_title_wins_and_is_found_in_the_text():
    c = clean_text(page(HEADLINE, LEAD_TAIL + "."), {"title": "  Аким области   провел встречу с фермерами "})
    assert c.title == HEADLINE
    assert span(c, "title") == HEADLINE


def test_meta_title_is_put_in_front_of_a_page_without_headline():
    c = clean_text(page("г. Тараз", LEAD_TAIL + "."), {"title": HEADLINE})
    assert c.text.startswith(HEADLINE + "\n\nг. Тараз")
    assert span(c, "title") == HEADLINE
    assert c.place == "Тараз"


def test_meta_title_other_than_the_headline():
    c = clean_text(page(HEADLINE, LEAD_TAIL + "."), {"title": "Встреча с фермерами | Новости региона"})
    assert c.title == "Встреча с фермерами | Новости региона"
    assert c.text.startswith(HEADLINE) and "title" not in c.header


def test_meta_title_loses_the_site_name():
    meta = {"title": "Аким области провел встречу с фермерами | Вести региона", "site": "Вести региона"}
    c = clean_text(page("Аким области обсудил с фермерами посевную. Встреча шла час."), meta)
    assert c.title == HEADLINE
    assert c.text.startswith(HEADLINE + "\n\n")
    assert clean_text("Текст.", {"title": "Вести региона", "site": "Вести региона"}).title == "Вести региона"


def test_meta_published_wins():
    c = clean_text(page(HEADLINE, "12:45, 14 марта 2024", LEAD_TAIL + "."), {"published": "2024-03-15"})
    assert c.published == "2024-03-15"


def test_page_dates_below_the_article_are_not_its_date():
    related = ["Еще новости", "Курс тенге укрепился", "19:59 Дек. 25, 2019"]
    c = clean_text(page(HEADLINE, LEAD_TAIL + ".", "Встреча шла час.", *related))
    assert c.published is None


def test_normalize_place():
    assert normalize_place("МОСКВА") == "Москва"
    assert normalize_place("УЛАН-УДЭ") == "Улан-Удэ"
    assert normalize_place("КОМСОМОЛЬСК-НА-АМУРЕ") == "Комсомольск-на-Амуре"
    assert normalize_place("Усть-Каменогорск") == "Усть-Каменогорск"
