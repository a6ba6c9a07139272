"""Response writers and readers, including the official error behaviour."""

import pytest

from letopis.evaluation.factrueval import (
    read_response_dir,
    read_track1,
    read_track2,
    read_track3,
    write_track1,
    write_track2,
    write_track3,
)
from letopis.evaluation.factrueval.responses import T1Mention


def test_track1_round_trip(tmp_path):
    path = write_track1(tmp_path / "book_1.task1", [("org", 15, 9), ("PER", 25, 11), ("LocOrg", 45, 5)])
    assert path.read_text(encoding="utf-8") == "ORG 15 9\nPER 25 11\nLOCORG 45 5\n"
    loaded = read_track1(path)
    assert loaded.error is None
    assert loaded.items == (T1Mention("org", 15, 9), T1Mention("per", 25, 11), T1Mention("locorg", 45, 5))
    with pytest.raises(ValueError):
        write_track1(tmp_path / "x.task1", [("FAC", 1, 2)])


def test_track1_first_bad_line_stops_reading(tmp_path):
    path = tmp_path / "book_1.task1"
    path.write_bytes("\ufeffper 1 2\r\n\r\nLOC 3 4 \r\nORG 5 6\r\n".encode("utf-8"))
    loaded = read_track1(path)
    assert [m.tag for m in loaded.items] == ["per"]  # BOM and CRLF tolerated, trailing space = error
    assert loaded.error and "line 3" in loaded.error
    path.write_text("PER 1 2\nFAC 3 4\nORG 5 6\n", encoding="utf-8")
    assert len(read_track1(path).items) == 1
    path.write_text("PER 1 x\n", encoding="utf-8")
    assert read_track1(path).items == () and read_track1(path).error


def test_track2_round_trip_and_parsing(tmp_path):
    path = write_track2(
        tmp_path / "book_1.task2",
        [("PER", [("firstname", "Иван"), ("lastname", "Пет\nров  ")]), ("LOCORG", [("name", "Тверь")])],
    )
    assert path.read_text(encoding="utf-8") == "PER\nfirstname: Иван\nlastname: Пет ров\n\nLOCORG\nname: Тверь\n"
    loaded = read_track2(path)
    assert loaded.error is None
    assert [(e.type, e.attrs) for e in loaded.items] == [
        ("per", (("firstname", " Иван"), ("lastname", " Пет ров"))),
        ("loc", (("name", " Тверь"),)),
    ]


def test_track2_type_line_variants_unknown_types_and_errors(tmp_path):
    path = tmp_path / "book_1.task2"
    path.write_text(
        "org:\nName: ООО: Ромашка\n\nFACILITY\nname: Мост\n\nper\nfirstname: Иван\nbroken line\n\nLOC\nname: Тверь\n",
        encoding="utf-8",
    )
    loaded = read_track2(path)
    assert [(e.type, e.attrs) for e in loaded.items] == [("org", (("name", " ООО: Ромашка"),))]
    assert loaded.error and "broken line" in loaded.error


def test_track3_round_trip_sanitizes_values(tmp_path):
    path = write_track3(
        tmp_path / "book_1.task3",
        [("Occupation", [("Who", "Иван Петров"), ("Where", "ООО: «Ромашка»\n"), ("Job", "глава ")]),
         ("Meeting", [("Participant", "А"), ("Participant", "Б")])],
    )
    text = path.read_text(encoding="utf-8")
    assert "ООО «Ромашка»" in text and " \n" not in text
    loaded = read_track3(path)
    assert loaded.error is None
    assert [(f.type, f.args) for f in loaded.items] == [
        ("occupation", (("who", "иван петров"), ("where", 'ооо "ромашка"'), ("position", "глава"))),
        ("meeting", (("participant", "а"), ("participant", "б"))),
    ]


def test_track3_colon_in_value_discards_this_and_later_facts(tmp_path):
    path = tmp_path / "book_1.task3"
    path.write_text(
        "Deal\nParticipant: А\nParticipant: Б\n\nFacility\nwho: x\n\n"
        "Occupation\nWho: Иван\nWhere: ООО: Ромашка\n\nOwnership\nOwner: А\n",
        encoding="utf-8",
    )
    loaded = read_track3(path)
    assert [f.type for f in loaded.items] == ["deal"]
    assert loaded.error


def test_read_response_dir(tmp_path):
    write_track1(tmp_path / "book_1.task1", [("PER", 0, 1)])
    write_track1(tmp_path / "book_2.task1.txt", [])
    write_track2(tmp_path / "book_1.task2", [])
    (tmp_path / "notes.txt").write_text("x")
    found = read_response_dir(tmp_path, 1)
    assert sorted(found) == ["book_1", "book_2"]
    (tmp_path / "run.task1").write_text("")
    with pytest.raises(ValueError):
        read_response_dir(tmp_path, 1)
    with pytest.raises(FileNotFoundError):
        read_response_dir(tmp_path / "missing", 1)


def test_parse_errors_are_reported_as_warnings(tmp_path):
    (tmp_path / "book_1.task1").write_text("PER 1 2 \n", encoding="utf-8")
    with pytest.warns(UserWarning, match="Failed to load book_1.task1"):
        read_response_dir(tmp_path, 1)
