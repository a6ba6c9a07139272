"""Page dates in the forms Russian news sites print them."""
from __future__ import annotations

import pytest

from letopis.clean.dates import day_month, is_date_line, parse_date


@pytest.mark.parametrize("text, iso", [
    ("19:59 Дек. 25, 2019", "2019-12-25"),
    ("12:45, 14 марта 2024", "2024-03-14"),
    ("14 марта 2024, 10:20", "2024-03-14"),
    ("18:02 21.05.2024", "2024-05-21"),
    ("2024-03-14", "2024-03-14"),
    ("Опубликовано: 3 апреля 2023 г.", "2023-04-03"),
    ("1 сентября 2022", "2022-09-01"),
    ("Янв. 7, 2021", "2021-01-07"),
    ("Май 9, 2020", "2020-05-09"),
    ("5 марта", None),  # no year: not a full date
    ("31 февраля 2024", None),  # no such day
    ("12:45", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_day_month_without_year():
    assert day_month("5 марта") == (5, 3)
    assert day_month("12 мая.") == (12, 5)
    assert day_month("нет даты") is None


@pytest.mark.parametrize("line", ["19:59 Дек. 25, 2019", "12:45, 14 марта 2024", "сегодня, 12:45",
                                  "Понедельник, 5 марта", "14 марта 2024 | 1204 просмотра"])
def test_date_lines(line):
    assert is_date_line(line)


@pytest.mark.parametrize("line", ["2019", "Май", "В 12:45 начался пожар.", "14 марта 2024 года президент подписал указ",
                                  "Переговоры продлились три часа."])
def test_not_date_lines(line):
    assert not is_date_line(line)
