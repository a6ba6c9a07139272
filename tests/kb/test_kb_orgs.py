"""Organization lookups and the lemma-sequence aliases the text matcher is built from."""
from __future__ import annotations

import pytest

from letopis.kb.orgs import Org, lemma_variants, lemmas, lookup_org, org_aliases


@pytest.mark.parametrize("text,name", [
    ("ООН", "ООН"),
    ("Организация Объединенных Наций", "ООН"),
    ("Организации Объединённых Наций", "ООН"),
    ("Госдума", "Госдума"),
    ("Государственной думы", "Госдума"),
    ("Мажилис", "Мажилис"),
    ("Мажилисе", "Мажилис"),
    ("Мажилис Парламента", "Мажилис"),
    ("Халк Маслахаты", "Халк Маслахаты"),
    ("Акорда", "Акорда"),
    ("Акорде", "Акорда"),
    ("Кремль", "Кремль"),
    ("Белый дом", "Белый дом"),
    ("Сбер", "Сбербанк"),
    ("КТЖ", "Казахстан темир жолы"),
    ("ФНБ «Самрук-Казына»", "Самрук-Казына"),
    ("ОПЕК+", "ОПЕК+"),
    ("Тюркский совет", "Организация тюркских государств"),
    ("Большая двадцатка", "Большая двадцатка"),
    ("МИД России", "МИД России"),
    ("МИД РК", "МИД Казахстана"),
    ("российского МИДа", "МИД России"),
])
def test_lookup_org(text, name):
    org = lookup_org(text)
    assert org is not None and org.name == name


def test_org_fields():
    un = lookup_org("ООН")
    assert (un.kind, un.country, un.wikidata, un.abbreviation) == ("intergov", "", "Q1065", "ООН")
    assert lookup_org("Госдума").country == "RUS"
    assert lookup_org("Туркменгаз").country == "TKM"


@pytest.mark.parametrize("text,name,country", [
    ("МИД Франции", "МИД Франции", "FRA"),
    ("МИД Туркменистана", "МИД Туркменистана", "TKM"),
    ("Министерство обороны Узбекистана", "Министерство обороны Узбекистана", "UZB"),
    ("посольство Казахстана", "посольство Казахстана", "KAZ"),
    ("казахстанский Минфин", "казахстанский Минфин", "KAZ"),
])
def test_generic_head_with_a_country(text, name, country):
    org = lookup_org(text)
    assert (org.name, org.country) == (name, country)


def test_generic_org_is_a_plain_org():
    assert lookup_org("МИД Франции") == Org("МИД Франции", "ministry", "FRA")


def test_not_orgs():
    assert lookup_org("") is None
    assert lookup_org("Казахстан") is None
    assert lookup_org("правительство") is None  # a head needs its country
    assert lookup_org("МИД Ромашки") is None


def _find(text: str) -> list[str]:
    """Longest-first lemma matching, as the text matcher does it."""
    keys = lemmas(text)
    entries = org_aliases()
    out, i = [], 0
    while i < len(keys):
        hit = next(((k, o) for k, o in entries if keys[i:i + len(k)] == k), None)
        if hit:
            out.append(hit[1].name)
            i += len(hit[0])
        else:
            i += 1
    return out


def test_aliases_match_inflected_text():
    assert _find("Депутаты Мажилиса Парламента РК и Государственной думы") == ["Мажилис", "Госдума"]
    assert _find("в Акорде прошла встреча с главой «Газпрома»") == ["Акорда", "Газпром"]
    assert _find("страны ОПЕК+ и ОПЕК") == ["ОПЕК+", "ОПЕК"]
    assert _find("Министерство иностранных дел Казахстана") == ["МИД Казахстана"]


def test_aliases_are_lowercase_lemma_tuples_longest_first():
    entries = org_aliases()
    lengths = [len(keys) for keys, _org in entries]
    assert lengths == sorted(lengths, reverse=True)
    assert all(k == k.lower() and "ё" not in k for keys, _org in entries for k in keys)
    assert (("государственный", "дума"), lookup_org("Госдума")) in entries


def test_lemma_variants_decline_the_leading_words_only():
    assert lemma_variants("министр иностранных дел")[0] == ("министр", "иностранный", "дело")
    assert all(v[1:] == ("иностранный", "дело") for v in lemma_variants("министр иностранных дел"))
    assert ("после",) not in lemma_variants("посол")  # a case form read as another word is skipped
