"""Dates as Russian news pages print them: "19:59 Дек. 25, 2019", "12:45, 14 марта 2024".

``is_date_line`` tells whether a whole line is page metadata made of date and
time tokens only; ``parse_date`` reads the first date it can find as an ISO
``YYYY-MM-DD`` (or ``None``); ``day_month`` reads a day and month without a year.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

_MONTH_FORMS = (
    ("январь января янв jan january", 1),
    ("февраль февраля фев февр feb february", 2),
    ("март марта мар mar march", 3),
    ("апрель апреля апр apr april", 4),
    ("май мая may", 5),
    ("июнь июня июн jun june", 6),
    ("июль июля июл jul july", 7),
    ("август августа авг aug august", 8),
    ("сентябрь сентября сен сент sep sept september", 9),
    ("октябрь октября окт oct october", 10),
    ("ноябрь ноября ноя нояб nov november", 11),
    ("декабрь декабря дек dec december", 12),
)
MONTHS: dict[str, int] = {form: number for forms, number in _MONTH_FORMS for form in forms.split()}

# longest forms first so "марта" wins over "мар"; the lookahead stops "мартен"
MONTH = r"(?:%s)(?![а-яёa-z])" % "|".join(sorted(MONTHS, key=len, reverse=True))

_WEEKDAYS = (
    "понедельник|вторник|среда|среду|четверг|пятница|пятницу|суббота|субботу|воскресенье"
    "|пн|вт|ср|чт|пт|сб|вс|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_NUMERIC = r"\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})"
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"

# Everything a page-metadata date line may hold. Labels ("Опубликовано:"), view
# and comment counts sometimes share the line with the date and are allowed too.
_DATE_TOKEN = "|".join((
    _ISO,
    _NUMERIC,
    _TIME,
    MONTH + r"\.?",
    r"\d{1,4}",
    r"г\.|г(?![а-яё])|года|год",
    r"в|сегодня|вчера|позавчера|today|yesterday|at",
    _WEEKDAYS,
    r"мск|msk|utc|gmt|[+-]\d{2}:?\d{2}",
    r"опубликовано|обновлено|изменено|дата публикации|дата|published|updated|posted on",
    r"просмотр[а-я]*|комментари[а-я]*|views?",
    r"[,:|/•·—–\-()\[\]]",
))
_DATE_LINE = re.compile(r"\s*(?:(?:%s)\s*)+" % _DATE_TOKEN, re.IGNORECASE)
# what makes such a line a date and not just numbers: a time, a full date, or day+month
_DATE_CORE = re.compile(r"%s|%s|%s|\d{1,2}\s+%s|%s\.?\s+\d{1,2}(?!\d)" % (_ISO, _NUMERIC, _TIME, MONTH, MONTH),
                        re.IGNORECASE)

# a date line opens with a number or one of these words (a cheap test before the full grammar)
_STARTERS = frozenset(MONTHS) | frozenset(_WEEKDAYS.split("|")) | frozenset(
    "сегодня вчера позавчера today yesterday опубликовано обновлено изменено дата published updated posted".split()
)
MAX_DATE_LINE_LEN = 80  # the longest metadata line on the sample pages ("Опубликовано: ... | N просмотров") is ~60

_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\d.])")
_DAY_MONTH = re.compile(r"(?<![\d:])(\d{1,2})\s+(%s)\.?(?:\s*,?\s*(\d{4})(?!\d))?" % MONTH, re.IGNORECASE)
_MONTH_DAY = re.compile(r"(?<![а-яёa-z])(%s)\.?\s+(\d{1,2})(?!\d)(?:\s*,?\s*(\d{4})(?!\d))?" % MONTH, re.IGNORECASE)


def month_number(word: str) -> Optional[int]:
    return MONTHS.get(word.lower().replace("ё", "е").rstrip("."))


def is_date_line(line: str) -> bool:
    """The whole line is a page date/time ("19:59 Дек. 25, 2019"), nothing else."""
    if len(line) > MAX_DATE_LINE_LEN or not (line[:1].isdigit() or _first_word(line) in _STARTERS):
        return False
    return _DATE_LINE.fullmatch(line) is not None and _DATE_CORE.search(line) is not None


def _first_word(line: str) -> str:
    return line.split(None, 1)[0].lower().replace("ё", "е").rstrip(".,:") if line else ""


def _iso(year: int, month: int, day: int) -> Optional[str]:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> Optional[str]:
    """The first full date (with a year) in ``text`` as ``YYYY-MM-DD``."""
    m = _ISO_DATE.search(text)
    if m and (iso := _iso(int(m[1]), int(m[2]), int(m[3]))):
        return iso
    m = _NUMERIC_DATE.search(text)
    if m:
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        if iso := _iso(year, int(m[2]), int(m[1])):
            return iso
    for m, day, month in _named_dates(text):
        if m[3] and (iso := _iso(int(m[3]), month, day)):
            return iso
    return None


def day_month(text: str) -> Optional[tuple[int, int]]:
    """The first (day, month) named in ``text``, year or not."""
    for _m, day, month in _named_dates(text):
        if _iso(2000, month, day):  # a leap year accepts every real day
            return day, month
    return None


def _named_dates(text: str):
    found = []
    for m in _DAY_MONTH.finditer(text):
        found.append((m.start(), m, int(m[1]), month_number(m[2])))
    for m in _MONTH_DAY.finditer(text):
        found.append((m.start(), m, int(m[2]), month_number(m[1])))
    for _pos, m, day, month in sorted(found, key=lambda item: item[0]):
        yield m, day, month
