"""``matches_in`` finds candidates with a regex and checks them with ``word_matches``: it must
find exactly the words a check of every word finds (the rules of the index)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from letopis.store import textindex as ti

WORDS = (
    "Газовой газопровод газета ГАЗ встреча встречи встретились Люди человек лучше хороший "
    "шли идти пошёл Ёлка елки Туркменистан туркменских министр министерство министры в по "
    "переговоры переговорах стали сталь стать 2025 COVID Фам Минь Тинь Тинем ёж ежи"
).split()


def every_word(text: str, ts) -> list[tuple[int, int, int]]:
    out = []
    for m in ti.WORD_RE.finditer(text):
        i = next((i for i, t in enumerate(ts) if ti.word_matches(m.group(), t)), -1)
        if i >= 0:
            out.append((m.start(), m.end(), i))
    return out


texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).flatmap(
    lambda ws: st.lists(st.sampled_from([" ", ", ", " — ", ".\n", "-", "«", "»"]), min_size=len(ws), max_size=len(ws))
    .map(lambda seps: "".join(w + s for w, s in zip(ws, seps)))
)


@settings(max_examples=300, deadline=None)
@given(text=texts, query=st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join))
def test_regex_candidates_find_what_a_check_of_every_word_finds(text, query):
    ts = ti.terms(query)
    assert ti.matches_in(text, ts) == every_word(text, ts)


def test_suppletive_and_yo_forms_are_found():
    text = "Люди шли по ёлкам; человек пошёл к Ёлке."
    found = {text[s:e] for s, e, _ in ti.matches_in(text, ti.terms("человек идти елка"))}
    assert found == {"Люди", "человек", "шли", "ёлкам", "Ёлке"}  # "пошёл" is a form of "пойти"
