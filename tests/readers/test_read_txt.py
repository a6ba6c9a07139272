"""Plain text: encodings, BOMs, newlines, binary and undecodable input."""
from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letopis.readers import RawPage, ReadError, read_sources
from letopis.readers.txt import NOT_TEXT, read_text_bytes

SHORT = [
    "Мэр открыл мост.",
    "Москва",
    "СРОЧНО",
    "Ёлку установят",
    "цена 5 руб.",
    "ЗАЯВЛЕНИЕ ПРЕСС-СЛУЖБЫ",
    "Съезд партии",
]
LONG = (
    "Во вторник совет директоров завода «Северный металл» утвердил план развития "
    "на ближайшие пять лет.\nГенеральный директор Иван Сомов заявил журналистам, "
    "что компания вложит в модернизацию цехов около трёх миллиардов рублей.\n\n"
    "Первые работы начнутся летом — новая линия проката должна заработать к концу "
    "следующего года. Жители Заречья ждут, что на заводе появятся №1 по числу "
    "рабочих мест, щедрые премии и съёмное жильё для молодых специалистов.\n"
)
# (name, how to encode) for every supported encoding, BOM-less UTF-16 included
ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-bom": lambda s: s.encode("utf-8-sig"),
    "utf-16-le-bom": lambda s: b"\xff\xfe" + s.encode("utf-16-le"),
    "utf-16-be-bom": lambda s: b"\xfe\xff" + s.encode("utf-16-be"),
    "utf-16-le": lambda s: s.encode("utf-16-le"),
    "utf-16-be": lambda s: s.encode("utf-16-be"),
    "cp1251": lambda s: s.encode("cp1251"),
    "koi8-r": lambda s: s.encode("koi8-r", errors="replace"),
}
DETECTED = {"utf-8-bom": "utf-8", "utf-16-le-bom": "utf-16-le", "utf-16-be-bom": "utf-16-be"}


def read_one(path) -> RawPage | ReadError:
    (item,) = list(read_sources([str(path)]))
    return item


def koi8_safe(text: str) -> str:
    """koi8-r has no «», — or №: the text a koi8-r file can hold."""
    return text.encode("koi8-r", errors="replace").decode("koi8-r")


@pytest.mark.parametrize("name", ENCODINGS)
@pytest.mark.parametrize("text", [LONG, *SHORT])
def test_each_encoding_short_and_long(tmp_path, name, text):
    if name == "koi8-r":
        text = koi8_safe(text)
    path = tmp_path / "article.txt"
    path.write_bytes(ENCODINGS[name](text))
    page = read_one(path)
    assert isinstance(page, RawPage), page
    assert page.content == text
    assert page.kind == "text"
    assert page.meta["encoding"] == DETECTED.get(name, name)
    assert page.source == str(path)


def test_koi8_read_as_cp1251_would_be_uppercase_nonsense():
    data = "Привет из Казани".encode("koi8-r")
    assert data.decode("cp1251") == "рТЙЧЕФ ЙЪ лБЪБОЙ"  # what a naive reader shows
    assert read_text_bytes(data, "x").content == "Привет из Казани"


def test_bom_is_stripped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffЗаголовок".encode("utf-8") + b"\n")
    assert read_one(path).content == "Заголовок\n"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_newlines_become_lf(tmp_path, newline):
    path = tmp_path / "crlf.txt"
    path.write_bytes(newline.join(["Первая строка", "Вторая", "", "Третья"]).encode("cp1251"))
    assert read_one(path).content == "Первая строка\nВторая\n\nТретья"


def test_crlf_in_utf16(tmp_path):
    path = tmp_path / "crlf16.txt"
    path.write_bytes("Раз\r\nДва\r\n".encode("utf-16"))
    assert read_one(path).content == "Раз\nДва\n"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf", b"\xff\xfe \x00\n\x00"])
def test_empty_file(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    assert str(read_one(path)) == f"{path}: empty file"


@pytest.mark.parametrize(
    "magic, kind",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"SQLite format 3\x00", "SQLite database"),
    ],
)
def test_binary_magic(tmp_path, magic, kind):
    path = tmp_path / "picture.txt"
    path.write_bytes(magic + bytes(range(256)) * 4)
    assert read_one(path) == ReadError(str(path), f"binary file (looks like {kind})")


def test_nul_bytes_are_binary():
    data = "Текст".encode("cp1251") + b"\x00\x01\x02\xff" * 50
    assert read_text_bytes(data, "x").reason == "binary file (contains NUL bytes)"


def test_control_characters_are_binary():
    data = bytes([0x01, 0x02, 0x03, 0x1B, 0x41, 0x42, 0x43, 0x44]) * 100
    assert read_text_bytes(data, "x").reason == "binary file (50% control characters)"


def test_a_stray_control_character_is_tolerated():
    text = "Строка с символом\x07 звонка внутри длинного текста о погоде в Казани."
    assert read_text_bytes(text.encode("cp1251"), "x").content == text


# "Not valid text": cp1251 decodes every byte but 0x98 and koi8-r every byte,
# so decodability alone would accept any noise. The bytes below are invalid
# UTF-8 (lone continuation bytes), hold 0x98 (undefined in cp1251), and read
# as koi8-r box drawing: implausible in every supported encoding.
INVALID = {
    "continuation bytes": bytes(range(0x80, 0xC0)) * 20,
    "latin-1 french": "Le café était fermé; le résumé très élégant à Genève.".encode("latin-1"),
    "cp866 russian": "Во вторник совет директоров утвердил план развития.".encode("cp866"),
    "iso8859-5 russian": "Во вторник совет директоров утвердил план развития.".encode("iso8859-5"),
    "odd-length utf-16 with bom": b"\xff\xfe" + "Текст".encode("utf-16-le") + b"\x04",
}


@pytest.mark.parametrize("name", INVALID)
def test_not_valid_text_in_any_encoding(tmp_path, name):
    path = tmp_path / "junk.txt"
    path.write_bytes(INVALID[name])
    assert str(read_one(path)) == f"{path}: {NOT_TEXT}"


def test_utf8_wins_over_cp1251_when_valid():
    text = "Ещё одна новость: «Зенит» выиграл"
    page = read_text_bytes(text.encode("utf-8"), "x")
    assert (page.content, page.meta["encoding"]) == (text, "utf-8")


def test_stray_0x98_in_cp1251_becomes_a_replacement_character():
    text = LONG * 2000  # the stray byte sits past the 64 KB scoring sample
    page = read_text_bytes(text.encode("cp1251") + b"\x98" + "Конец.".encode("cp1251"), "x")
    assert page.meta["encoding"] == "cp1251"
    assert page.content == text + "\ufffdКонец."


def test_long_koi8_text():
    text = koi8_safe(LONG) * 2000
    page = read_text_bytes(text.encode("koi8-r"), "x")
    assert page.content == text and page.meta["encoding"] == "koi8-r"


WORDS = (
    "совет директоров утвердил план развития завода министр финансов заявил "
    "журналистам бюджет будет исполнен переговоры делегаций продолжались шесть "
    "часов жители получили новые квартиры урожай пшеницы собрали фермеры съезд "
    "партии пройдёт столице осенью ёлку площади губернатор области щедрый мост"
).split()


@settings(max_examples=60, derandomize=True, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=3, max_size=8),
    case=st.sampled_from(["lower", "capitalize", "upper", "title"]),
    encoding=st.sampled_from(["cp1251", "koi8-r", "utf-8", "utf-16-le", "utf-16"]),
)
def test_roundtrip_three_or_more_words(words, case, encoding):
    text = getattr(" ".join(words), case)()
    page = read_text_bytes(text.encode(encoding), "x")
    assert page.content == text


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_page_or_an_error(data):
    item = read_text_bytes(data, "x")
    assert isinstance(item, (RawPage, ReadError))
    if isinstance(item, RawPage):
        assert "\r" not in item.content and item.content.strip()


def test_fifty_megabytes(tmp_path):
    line = "Правительство одобрило проект бюджета на следующий год, сообщили в министерстве.\n"
    data = (line * (50 * 2**20 // len(line.encode()) + 1)).encode("utf-8")
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    assert os.path.getsize(path) > 50 * 2**20
    page = read_one(path)
    assert isinstance(page, RawPage)
    assert len(page.content) == len(data.decode("utf-8"))
    assert page.content.startswith(line)
