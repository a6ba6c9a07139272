"""clean_text on whole pages: what stays, what goes and why, and the shape of the text."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letopis.clean import clean_text, explain_lines
from letopis.clean.base import Cleaned

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seed" / "000_45fe030246717d5b.txt"

# A page shaped like the seed (crumbs, headline, city line, dash-dialogue quotes, a
# "more" block and a theme button), written for these tests.
PAGE = """\
ГлавнаяОбщество

Аким Алматы встретился с жителями Медеуского района

г. Алматы

Аким города провел встречу с жителями Медеуского района, сообщает пресс-служба акимата.

В ходе встречи обсуждались вопросы благоустройства дворов и строительства новых школ.

– Мы слышим каждого жителя. В этом году в районе откроются две школы и поликлиника, – отметил аким.

Жители подняли вопросы ремонта дорог и освещения улиц.

– Освещение во дворах восстановят до конца лета, – добавил он.

Встреча продлилась два часа.

Еще новости

Back to top button
"""
FURNITURE = {1: ("ГлавнаяОбщество", "nav_crumb_glued"), 19: ("Еще новости", "more_block"),
             21: ("Back to top button", "english_ui")}


def test_seed_shaped_page():
    c = clean_text(PAGE)
    assert isinstance(c, Cleaned)
    assert c.title == "Аким Алматы встретился с жителями Медеуского района"
    assert (c.place, c.attribution) == ("Алматы", "пресс-служба акимата")
    assert {d.line: (d.text, d.rule) for d in c.dropped} == FURNITURE
    kept = [line for n, line in enumerate(PAGE.splitlines(), 1) if line and n not in FURNITURE]
    assert c.text == "\n\n".join(kept)
    for key in ("title", "place", "attribution"):
        start, end = c.header[key]
        assert c.text[start:end] == {"title": c.title, "place": "Алматы", "attribution": c.attribution}[key]


def test_paragraphs_are_separated_by_one_blank_line():
    c = clean_text("Заголовок новости дня  \n\n\n\n  Первый абзац текста.   \nВторой абзац текста.\r\n\r\nТретий.\n")
    assert c.text == "Заголовок новости дня\n\nПервый абзац текста.\n\nВторой абзац текста.\n\nТретий."


def test_crumb_glued_to_the_headline_is_cut_off():
    c = clean_text("ГлавнаяМирПремьер Казахстана прибыл в Пекин\n\nВизит продлится два дня.\n")
    assert c.title == "Премьер Казахстана прибыл в Пекин"
    assert c.text.startswith("Премьер Казахстана прибыл в Пекин\n\n")
    assert [(d.line, d.text, d.rule) for d in c.dropped] == [(1, "ГлавнаяМир", "nav_crumb_glued")]


def test_more_block_items_are_dropped_until_the_article_resumes():
    raw = "\n".join([
        "Заголовок о визите премьера", "Визит начался утром.",
        "Читайте также", "Курс тенге укрепился", "Министр открыл школу",
        "", "Переговоры продолжатся завтра.",
    ])
    c = clean_text(raw)
    assert [d.rule for d in c.dropped] == ["more_block", "more_block_item", "more_block_item"]
    assert c.text.endswith("Визит начался утром.\n\nПереговоры продолжатся завтра.")


def test_author_on_the_last_line_even_after_furniture():
    raw = "Заголовок о визите премьера\n\nВизит начался утром.\n\nОльга Смирнова\n\nПоделиться\nBack to top button\n"
    c = clean_text(raw)
    assert [(d.text, d.rule) for d in c.dropped] == [
        ("Ольга Смирнова", "author_last_line"), ("Поделиться", "social_furniture"),
        ("Back to top button", "english_ui")]


def test_author_name_inside_the_article_is_kept():
    raw = "Заголовок о визите премьера\n\nОльга Смирнова\n\nВизит начался утром."
    assert "Ольга Смирнова" in clean_text(raw).text


def test_explain_flag_accounts_for_blank_lines():
    plain, full = clean_text(PAGE), clean_text(PAGE, explain=True)
    assert plain.text == full.text
    blank = [d for d in full.dropped if d.rule == "empty_line"]
    assert len(blank) == PAGE.splitlines().count("")
    assert not [d for d in plain.dropped if d.rule == "empty_line"]


def test_explain_lines():
    rows = explain_lines(PAGE)
    assert len(rows) == len(PAGE.splitlines())
    labels = {n: label for n, label, _text in rows}
    assert labels[1] == "nav_crumb_glued"
    assert labels[2] == "empty_line"
    assert labels[3] == "kept: headline"
    assert labels[5] == "kept: dateline"
    assert labels[7] == "kept"  # long prose needs no reason
    assert labels[17] == "kept: ends like a sentence"
    assert labels[19] == "more_block"
    assert all(text == line.strip() or label != "kept" for (n, label, text), line in zip(rows, PAGE.splitlines()))


def test_explain_says_why_a_near_miss_was_kept():
    rows = explain_lines("Заголовок о визите премьера\n\nФото дня: рассвет над Иртышом\n\n– Да, – сказал он")
    assert [label for _n, label, _t in rows] == [
        "kept: headline", "empty_line", "kept: no rule matched", "empty_line", "kept: a quote"]


def test_empty_page():
    c = clean_text("")
    assert (c.text, c.dropped, c.title, c.place) == ("", (), "", None)
    assert clean_text("\n\n  \n").text == ""


# ---- properties --------------------------------------------------------------

LINES = st.sampled_from([
    "ГлавнаяМир", "Главная / Политика", "Новости", "Еще новости", "Читайте также", "13865 просмотров",
    "19:59 Дек. 25, 2019", "© Фото: пресс-служба министерства", "Поделиться", "Реклама",
    "Back to top button", "Источник: ТАСС", "[ Редактировать ]", "Ольга Смирнова", "г. Туркестан",
    "МОСКВА, 5 марта — Министр провел встречу.", "Переговоры продлились три часа.",
    "– Мы готовы к диалогу, – сказал министр.", "Курс тенге укрепился", "", "   ",
    "ГлавнаяМирПремьер прибыл в Пекин",
])
ANY_LINE = st.one_of(LINES, st.text(max_size=40))
SEPARATORS = st.sampled_from(["\n", "\n\n", "\r\n", " \n", "\n\n\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(ANY_LINE, SEPARATORS), max_size=25), st.booleans())
def test_nothing_is_silently_lost(parts, explain):
    raw = "".join(line + sep for line, sep in parts)
    c = clean_text(raw, explain=explain)
    assert "\n\n\n" not in c.text
    assert c.text == c.text.strip()
    dropped = {}
    for d in c.dropped:
        dropped.setdefault(d.line, []).append(d.text)
    paragraphs = set(c.text.split("\n\n"))
    for number, line in enumerate(raw.splitlines(), 1):
        text = line.strip()
        gone = dropped.get(number, [])
        pieces = "".join(gone)  # a crumb cut off a headline is dropped apart from the rest of its line
        split = len(gone) > 1 and pieces == text or text.startswith(pieces) and text[len(pieces):] in paragraphs
        assert text in paragraphs or line in gone or split or (not text and not explain), (number, line)
    for key in ("title", "place", "attribution"):
        if key in c.header:
            start, end = c.header[key]
            assert 0 <= start < end <= len(c.text)


def test_cleaning_is_linear_and_fast():
    page = PAGE + "Рекламный блок\n19:59 Дек. 25, 2019\nПоделиться\n" + "Длинный абзац статьи о визите. " * 20 + "\n"
    small = page * 200
    big = small * 20  # about 10 MB
    start = time.perf_counter()
    clean_text(small)
    t_small = time.perf_counter() - start
    start = time.perf_counter()
    c = clean_text(big)
    t_big = time.perf_counter() - start
    assert len(big.encode()) > 5_000_000 and c.text
    assert t_big < 20  # measured ~1 s
    assert t_big < 20 * t_small * 4  # 20x the input, well under 80x the time


@pytest.mark.slow
def test_fifty_megabytes_in_seconds():
    raw = PAGE * (50_000_000 // len(PAGE.encode()) + 1)
    start = time.perf_counter()
    clean_text(raw)
    assert time.perf_counter() - start < 30  # measured ~4 s


def test_seed_page():
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (../shared not beside the repo)")
    raw = SEED.read_text(encoding="utf-8")
    c = clean_text(raw)
    for junk in ("ГлавнаяМир", "Еще новости", "Back to top button"):
        assert junk not in c.text
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    assert lines[0] == "ГлавнаяМир" and c.title == lines[1]  # the headline under the menu crumb (not copied here)
    assert c.title.startswith("Касым-Жомарт Токаев") and "Бердымухамедов" in c.title
    assert c.place == "Туркестан"
    assert "Акорд" in c.attribution
    start, end = c.header["title"]
    assert c.text[start:end] == c.title


def test_more_heading_above_the_article_keeps_what_follows():
    # a sidebar above the headline: its items cannot be told from the headline, so nothing is dropped as an item
    c = clean_text("Популярное\nКурс тенге укрепился\nАким области провел встречу с фермерами\nВстреча шла час.")
    assert [d.rule for d in c.dropped] == ["more_block"]
    assert "Аким области провел встречу с фермерами" in c.text


def test_explain_with_a_title_from_meta():
    rows = explain_lines("г. Тараз\n\nАким области обсудил с фермерами посевную.", {"title": "Аким и фермеры"})
    assert [label for _n, label, _t in rows] == ["kept: dateline", "empty_line", "kept: ends like a sentence"]
