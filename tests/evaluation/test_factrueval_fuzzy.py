"""N1/N2 normalizations, Levenshtein and the length-dependent fuzzy threshold (FORMAT.md §3.0)."""

from letopis.evaluation.factrueval.fuzzy import fuzzy_equal, levenshtein, lte, n1, n2, threshold
from letopis.evaluation.factrueval.table import prf


def test_n1_lowercases_trims_and_unifies_characters():
    assert n1("  Ёж «Ромашка» — `a’\t\r\n") == "еж \"ромашка\" - 'a'"
    assert n1("“Тверь” „x“") == '"тверь" "x"'
    for dash in "\u002d\u2010\u2012\u2013\u2014\u2015\u2212":
        assert n1(f"a{dash}b") == "a-b"
    assert n1("a\u2011b") == "a\u2011b"  # the non-breaking hyphen is not in the list


def test_n2_spacing_passes_are_single_replace_all_passes():
    assert n2("Петров , Иван ( ст. ) - мэр") == "петров, иван (ст.)-мэр"
    assert n2("а  ,") == "а ,"  # one pass only
    assert n2("Ромашка .") == "ромашка."


def test_lte_keeps_quotes_and_dashes():
    assert lte("  «Ёлка» — Х ") == "«елка» — х"


def test_levenshtein():
    assert levenshtein("", "") == 0
    assert levenshtein("кот", "кит") == 1
    assert levenshtein("кот", "кто") == 2
    assert levenshtein("abc", "") == 3
    assert levenshtein("петров", "петрова") == 1
    assert levenshtein("abcdef", "xyzdef", limit=1) > 1


def test_threshold_uses_the_longer_string():
    assert threshold("а", "") == 0
    assert threshold("аб", "а") == 1
    assert threshold("a" * 8, "a") == 1
    assert threshold("a" * 9, "a") == 2


def test_fuzzy_equal_thresholds():
    assert fuzzy_equal("а", "а")
    assert not fuzzy_equal("а", "б")  # L = 1: exact
    assert not fuzzy_equal("", "а")
    assert fuzzy_equal("кот", "кит")  # L = 3: one edit
    assert not fuzzy_equal("кот", "кто")
    assert fuzzy_equal("abcdefgh", "abcdefgX")  # L = 8: one edit
    assert not fuzzy_equal("abcdefgh", "abcdefXY")
    assert fuzzy_equal("abcdefghi", "abcdefgXY")  # L = 9: two edits
    assert not fuzzy_equal("abcdefghi", "abcdefXYZ")
    # the threshold comes from the longer string: 7 vs 9 characters, two insertions
    assert fuzzy_equal("abcdefg", "abcdefghi")


def test_prf_edge_cases():
    assert prf(0, 0, 0, 0) == (1.0, 1.0, 1.0)
    assert prf(0, 5, 0, 0) == (1.0, 0.0, 0.0)
    assert prf(0, 0, 0, 3) == (0.0, 1.0, 0.0)
    p, r, f1 = prf(1.5, 3, 2.0, 4)
    assert (p, r) == (0.5, 0.5) and abs(f1 - 0.5) < 1e-12
