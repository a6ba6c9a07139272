"""The seed knowledge files: format line, shape of every row, ids, codes and coordinates."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from letopis.kb import gazetteer, orgs, posts
from letopis.kb.orgs import KbFormatError, fold, read_table

DATA = Path(orgs.__file__).with_name("data")
FILES = {
    "countries.tsv": 10,
    "places.tsv": 7,
    "orgs.tsv": 6,
    "org_heads.tsv": 2,
    "posts.tsv": 4,
    "post_qualifiers.tsv": 4,
    "head_titles.tsv": 3,
    "ambiguous_places.tsv": 2,
}
WIKIDATA = re.compile(r"^Q[1-9]\d*$")
ISO3 = re.compile(r"^[A-Z]{3}$")
ORG_TYPES = {"intergov", "parliament", "government", "ministry", "company", "party", "media", "court",
             "agency", "ngo", "sport", "other"}


def _data_lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines[1:] if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_starts_with_format_line(name):
    assert (DATA / name).read_text(encoding="utf-8").splitlines()[0] == "# format: 1"


@pytest.mark.parametrize("name,columns", sorted(FILES.items()))
def test_every_row_has_the_header_column_count(name, columns):
    header, *rows = _data_lines(name)
    assert len(header.split("\t")) == columns
    bad = [row for row in rows if len(row.split("\t")) != columns]
    assert not bad, f"{name}: rows with a wrong cell count: {bad[:5]}"
    assert rows, f"{name} has no rows"


def test_other_format_version_is_refused(tmp_path, monkeypatch):
    (tmp_path / "x.tsv").write_text("# format: 2\na\tb\n1\t2\n", encoding="utf-8")
    monkeypatch.setattr(orgs, "DATA", tmp_path)
    with pytest.raises(KbFormatError, match="format: 1"):
        read_table("x.tsv", ("a", "b"))


def test_missing_format_line_is_refused(tmp_path, monkeypatch):
    (tmp_path / "x.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    monkeypatch.setattr(orgs, "DATA", tmp_path)
    with pytest.raises(KbFormatError):
        read_table("x.tsv", ("a", "b"))


def test_short_row_is_refused_with_its_line(tmp_path, monkeypatch):
    (tmp_path / "x.tsv").write_text("# format: 1\n# comment\na\tb\n1\t2\n3\n", encoding="utf-8")
    monkeypatch.setattr(orgs, "DATA", tmp_path)
    with pytest.raises(KbFormatError, match=r"x\.tsv:5"):
        read_table("x.tsv", ("a", "b"))


def test_good_table_reads(tmp_path, monkeypatch):
    (tmp_path / "x.tsv").write_text("# format: 1\na\tb\n# note\n1\t\n", encoding="utf-8")
    monkeypatch.setattr(orgs, "DATA", tmp_path)
    assert read_table("x.tsv", ("a", "b")) == [{"a": "1", "b": ""}]


def _wikidata_cells():
    for name, column in (("countries.tsv", 1), ("places.tsv", 3), ("orgs.tsv", 3)):
        for row in _data_lines(name)[1:]:
            yield name, row.split("\t")[column]


def test_every_wikidata_cell_is_a_q_id():
    bad = [(name, cell) for name, cell in _wikidata_cells() if cell and not WIKIDATA.match(cell)]
    assert not bad


def test_no_wikidata_id_names_two_things():
    owners = defaultdict(set)
    for place in gazetteer.all_places():
        if place.wikidata:
            owners[place.wikidata].add(place.name)
    for org in orgs.all_orgs():
        if org.wikidata:
            owners[org.wikidata].add(org.name)
    assert {q: names for q, names in owners.items() if len(names) > 1} == {}


def test_known_wikidata_ids():
    by_name = {p.name: p for p in gazetteer.all_places() if p.type == "COUNTRY"}
    expected = {"Казахстан": "Q232", "Туркменистан": "Q874", "Россия": "Q159", "США": "Q30", "Китай": "Q148",
                "Украина": "Q212", "Беларусь": "Q184", "Узбекистан": "Q265", "Кыргызстан": "Q813",
                "Таджикистан": "Q863", "Азербайджан": "Q227", "Армения": "Q399", "Грузия": "Q230",
                "Иран": "Q794", "Афганистан": "Q889", "Турция": "Q43", "Германия": "Q183", "Франция": "Q142",
                "Великобритания": "Q145", "Япония": "Q17", "Индия": "Q668"}
    assert {name: by_name[name].wikidata for name in expected} == expected


def test_coordinates_in_range_with_two_decimals():
    for place in gazetteer.all_places():
        assert place.lat is not None and place.lon is not None, place
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180, place
    for name, (lat_col, lon_col) in (("countries.tsv", (5, 6)), ("places.tsv", (4, 5))):
        for row in _data_lines(name)[1:]:
            cells = row.split("\t")
            for cell in (cells[lat_col], cells[lon_col]):
                assert cell == "" or re.fullmatch(r"-?\d{1,3}\.\d{2}", cell), (name, row)


def test_country_codes():
    rows = read_table("countries.tsv", ("name", "wikidata", "iso3", "cameo", "capital", "lat", "lon", "aliases",
                                        "adjective", "demonym"))
    assert len(rows) >= 200
    codes = [r["iso3"] for r in rows if r["iso3"]]
    assert len(codes) == len(set(codes))
    assert all(ISO3.match(code) for code in codes)
    assert all(ISO3.match(r["cameo"]) for r in rows if r["cameo"])
    assert {r["iso3"]: r["cameo"] for r in rows if r["iso3"] in ("KAZ", "RUS", "USA", "TKM")} == {
        "KAZ": "KAZ", "RUS": "RUS", "USA": "USA", "TKM": "TKM"}
    assert all(r["capital"] and r["lat"] and r["lon"] for r in rows)


def test_country_references_exist():
    known = {p.iso3 for p in gazetteer.all_places() if p.type == "COUNTRY" and p.iso3}
    refs = [("place", p.name, p.country) for p in gazetteer.all_places()]
    refs += [("org", o.name, o.country) for o in orgs.all_orgs()]
    refs += [("title", t.phrase, t.country) for _keys, t in posts.head_titles()]
    assert [ref for ref in refs if ref[2] and ref[2] not in known] == []


def test_types_and_kinds_are_known():
    assert {p.type for p in gazetteer.all_places()} == set(gazetteer.TYPES)
    assert {o.kind for o in orgs.all_orgs()} <= ORG_TYPES
    assert {post.kind for _keys, post in posts.post_matcher()} <= set(posts.KINDS)
    assert {q.attach for _keys, q in posts.qualifiers()} == {"word"}
    assert {q.attach for _p, q in posts.prefixes()} == {"prefix"}


def test_no_place_name_means_two_places():
    """A name or alias may be shared only by a country and its capital of the same name."""
    owners = defaultdict(set)
    for place in gazetteer.all_places():
        for name in place.names:
            owners[fold(name)].add(place)
    for name, places in owners.items():
        if len(places) > 1:
            kinds = sorted(p.type for p in places)
            assert kinds == ["CITY", "COUNTRY"], (name, places)
            assert len({p.country for p in places}) == 1 and len({p.name for p in places}) == 1, places


def test_places_are_not_duplicated():
    seen = defaultdict(list)
    for place in gazetteer.all_places():
        seen[(fold(place.name), place.type)].append(place)
    assert {key: ps for key, ps in seen.items() if len(ps) > 1} == {}


def test_no_org_name_means_two_orgs():
    owners = defaultdict(set)
    for org in orgs.all_orgs():
        for name in org.names:
            owners[fold(name)].add(org.name)
    assert {name: names for name, names in owners.items() if len(names) > 1} == {}
    lemma_owners = defaultdict(set)
    for org in orgs.all_orgs():
        for name in org.names:
            lemma_owners[orgs.lemmas(name)].add(org.name)
    assert {keys: names for keys, names in lemma_owners.items() if len(names) > 1} == {}


def test_no_org_is_named_like_a_place():
    places = {fold(n) for p in gazetteer.all_places() for n in p.names}
    clashes = [(o.name, n) for o in orgs.all_orgs() for n in o.names if fold(n) in places]
    assert clashes == []


def test_no_post_form_means_two_posts():
    owners = defaultdict(set)
    for row in read_table("posts.tsv", ("post", "kind", "canonical", "abbreviations")):
        for form in (row["post"], *orgs.split_list(row["abbreviations"])):
            owners[orgs.lemmas(form)].add((row["canonical"], row["kind"]))
        assert row["post"] == row["post"].lower() or row["post"].startswith("член")
    assert {keys: v for keys, v in owners.items() if len(v) > 1} == {}


def test_ambiguous_names_are_place_names():
    names = {fold(n) for p in gazetteer.all_places() for n in p.names}
    rows = read_table("ambiguous_places.tsv", ("name", "why"))
    assert [r["name"] for r in rows if fold(r["name"]) not in names] == []
    assert {r["why"] for r in rows} <= {"person", "word"}
