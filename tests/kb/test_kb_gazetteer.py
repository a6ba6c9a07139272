"""Place lookups: names, aliases, inflected forms, adjectives."""
from __future__ import annotations

import dataclasses

import pytest

from letopis.kb.gazetteer import (
    Place, all_places, country_by_adjective, country_by_iso3, is_ambiguous, lookup_place,
)
from letopis.kb.orgs import lemmas


@pytest.mark.parametrize("text,name,type_", [
    ("Казахстан", "Казахстан", "COUNTRY"),
    ("Республика Казахстан", "Казахстан", "COUNTRY"),
    ("РК", "Казахстан", "COUNTRY"),
    ("РФ", "Россия", "COUNTRY"),
    ("Российская Федерация", "Россия", "COUNTRY"),
    ("Соединенные Штаты", "США", "COUNTRY"),
    ("Соединённые Штаты Америки", "США", "COUNTRY"),
    ("Соединенное Королевство", "Великобритания", "COUNTRY"),
    ("КНР", "Китай", "COUNTRY"),
    ("ФРГ", "Германия", "COUNTRY"),
    ("КНДР", "Северная Корея", "COUNTRY"),
    ("Республика Корея", "Южная Корея", "COUNTRY"),
    ("ОАЭ", "Объединённые Арабские Эмираты", "COUNTRY"),
    ("туркменистан", "Туркменистан", "COUNTRY"),
    ("Нур-Султан", "Астана", "CITY"),
    ("Алма-Ата", "Алматы", "CITY"),
    ("СПб", "Санкт-Петербург", "CITY"),
    ("Петербург", "Санкт-Петербург", "CITY"),
    ("Ашгабат", "Ашхабад", "CITY"),
    ("Туркестан", "Туркестан", "CITY"),
    ("Гарабогаз", "Гарабогаз", "CITY"),
    ("Мазари-Шариф", "Мазари-Шариф", "CITY"),
    ("Кишинев", "Кишинёв", "CITY"),
    ("Туркестанская область", "Туркестанская область", "STATE_OR_PROVINCE"),
    ("Республика Татарстан", "Татарстан", "STATE_OR_PROVINCE"),
    ("Каспийское море", "Каспийское море", "LOCATION"),
    ("Центральная Азия", "Центральная Азия", "LOCATION"),
    ("Папуа-Новая Гвинея", "Папуа — Новая Гвинея", "COUNTRY"),
    ("Кот-д'Ивуар", "Кот-д’Ивуар", "COUNTRY"),
])
def test_lookup_by_name_and_alias(text, name, type_):
    place = lookup_place(text)
    assert place is not None and (place.name, place.type) == (name, type_)


@pytest.mark.parametrize("text,name", [
    ("Туркменистана", "Туркменистан"),
    ("Казахстане", "Казахстан"),
    ("Республики Казахстан", "Казахстан"),
    ("Московской области", "Московская область"),
    ("Набережных Челнах", "Набережные Челны"),
    ("Ашхабаде", "Ашхабад"),
])
def test_lookup_inflected(text, name):
    assert lookup_place(text).name == name


def test_lemma_helper_gives_the_lookup_key():
    assert lemmas("Туркменистана") == ("туркменистан",)
    assert lookup_place(" ".join(lemmas("Туркменистана"))).name == "Туркменистан"


def test_country_fields():
    kz = lookup_place("Казахстан")
    assert kz == Place("Казахстан", "COUNTRY", "Q232", "KAZ", "KAZ", 51.17, 71.45, "KAZ", kz.aliases)
    assert lookup_place("Туркменистан").cameo == "TKM"
    assert country_by_iso3("usa").name == "США"


def test_capitals_come_from_countries():
    astana = lookup_place("Астана")
    fields = (astana.type, astana.country, astana.wikidata, astana.lat, astana.lon)
    assert fields == ("CITY", "KAZ", "Q1520", 51.17, 71.45)
    capitals = {p.name for p in all_places() if p.type == "CITY"}
    assert {"Ашхабад", "Душанбе", "Нуакшот", "Сухум", "Тирасполь"} <= capitals


def test_country_wins_over_its_capital_of_the_same_name():
    assert lookup_place("Люксембург").type == "COUNTRY"


def test_place_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        lookup_place("Москва").name = "x"  # type: ignore[misc]


def test_unknown_and_common_words_are_not_places():
    assert lookup_place("") is None
    assert lookup_place("Ромашка") is None
    assert lookup_place("шахте") is None  # «Шахты» is indexed only as written


@pytest.mark.parametrize("adjective,country", [
    ("казахстанский", "Казахстан"),
    ("туркменский", "Туркменистан"),
    ("российский", "Россия"),
    ("американский", "США"),
    ("кыргызский", "Кыргызстан"),
    ("казахстанского", "Казахстан"),
    ("Узбекистанский", "Узбекистан"),
])
def test_country_by_adjective(adjective, country):
    assert country_by_adjective(adjective).name == country


def test_unknown_adjective():
    assert country_by_adjective("зелёный") is None


def test_ambiguous_names():
    assert is_ambiguous("Владимир") and is_ambiguous("Владимира") and is_ambiguous("Газа")
    assert not is_ambiguous("Туркменистан")


def test_sizes():
    places = all_places()
    assert sum(p.type == "COUNTRY" for p in places) >= 200
    assert sum(p.type == "CITY" and p.country == "RUS" for p in places) >= 100
    assert sum(p.type == "STATE_OR_PROVINCE" and p.country == "RUS" for p in places) >= 80
    assert sum(p.type == "STATE_OR_PROVINCE" and p.country == "KAZ" for p in places) == 17
