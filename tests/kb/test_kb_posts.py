"""The post lexicon, qualifiers and head titles."""
from __future__ import annotations

import pytest

from letopis.kb.orgs import lemmas
from letopis.kb.posts import (
    head_titles, lookup_head_title, lookup_post, lookup_qualifier, post_matcher, prefixes, qualifiers, refers_to,
    split_post,
)


@pytest.mark.parametrize("text,canonical,kind", [
    ("президент", "президент", "head_of_state"),
    ("Президента", "президент", "head_of_state"),
    ("гендиректор", "генеральный директор", "corporate"),
    ("гендиректора", "генеральный директор", "corporate"),
    ("генерального директора", "генеральный директор", "corporate"),
    ("замминистра", "заместитель министра", "minister"),
    ("премьер", "премьер-министр", "head_of_government"),
    ("премьера", "премьер-министр", "head_of_government"),
    ("генсек", "генеральный секретарь", "other"),
    ("генпрокурор", "генеральный прокурор", "judicial"),
    ("вице-премьера", "вице-премьер", "minister"),
    ("главы государства", "глава государства", "head_of_state"),
    ("акима", "аким", "regional"),
    ("министра иностранных дел", "министр иностранных дел", "minister"),
    ("председателя правления", "председатель правления", "corporate"),
])
def test_lookup_post(text, canonical, kind):
    post = lookup_post(lemmas(text))
    assert post is not None and (post.canonical, post.kind) == (canonical, kind)


def test_former_prefix_is_part_of_the_lexicon():
    post = lookup_post(lemmas("экс-президента"))
    assert (post.canonical, post.qualifier) == ("президент", "former")


def test_matcher_is_longest_first_lemma_tuples():
    entries = post_matcher()
    assert [len(k) for k, _ in entries] == sorted((len(k) for k, _ in entries), reverse=True)
    keys = {k for k, _ in entries}
    assert ("глава", "государство") in keys and ("глава",) in keys
    assert all(post.canonical for _k, post in entries)


@pytest.mark.parametrize("text,kind", [
    ("и.о.", "acting"),
    ("и. о.", "acting"),
    ("врио", "acting"),
    ("исполняющий обязанности", "acting"),
    ("временно исполняющего обязанности", "acting"),
    ("бывший", "former"),
    ("бывшего", "former"),
    ("первый заместитель", "first_deputy"),
])
def test_qualifiers(text, kind):
    assert lookup_qualifier(lemmas(text)).kind == kind


def test_qualifier_lists():
    assert all(len(a) >= len(b) for (a, _), (b, _) in zip(qualifiers(), qualifiers()[1:]))
    assert {p for p, _q in prefixes()} >= {"экс-", "вице-", "зам"}


@pytest.mark.parametrize("text,canonical,kinds", [
    ("и.о. министра", "министр", ["acting"]),
    ("и. о. губернатора", "губернатор", ["acting"]),
    ("врио губернатора", "губернатор", ["acting"]),
    ("бывший министр иностранных дел", "министр иностранных дел", ["former"]),
    ("бывшего и.о. акима", "аким", ["former", "acting"]),
    ("вице-канцлер", "канцлер", ["vice"]),
    ("замгубернатора", "губернатор", ["deputy"]),
    ("экс-премьер", "премьер-министр", []),
])
def test_split_post(text, canonical, kinds):
    found = split_post(lemmas(text))
    assert found.post.canonical == canonical
    assert [q.kind for q in found.qualifiers] == kinds


def test_not_posts():
    assert lookup_post(lemmas("после")) is None
    assert lookup_post(lemmas("и.о.")) is None
    assert split_post(lemmas("замок")) is None
    assert split_post(()) is None


@pytest.mark.parametrize("text,post,country", [
    ("Глава государства", "президент", ""),
    ("главы государства", "президент", ""),
    ("глава правительства", "премьер-министр", ""),
    ("Президент", "президент", ""),
    ("премьер", "премьер-министр", ""),
    ("глава МИД", "министр иностранных дел", ""),
    ("главы МИДа", "министр иностранных дел", ""),
    ("министр иностранных дел", "министр иностранных дел", ""),
    ("хозяин Кремля", "президент", "RUS"),
])
def test_head_titles(text, post, country):
    title = lookup_head_title(lemmas(text))
    assert (title.post, title.country) == (post, country)


def test_head_titles_sorted():
    lengths = [len(k) for k, _ in head_titles()]
    assert lengths == sorted(lengths, reverse=True)


@pytest.mark.parametrize("post,means", [
    ("глава государства", "президент"),
    ("президент", "президент"),
    ("председатель правительства", "премьер-министр"),
    ("гендиректор", "генеральный директор"),
    ("министр", "министр"),
])
def test_refers_to(post, means):
    assert refers_to(post) == means


def test_refers_to_unknown():
    assert refers_to("звездочет") is None
