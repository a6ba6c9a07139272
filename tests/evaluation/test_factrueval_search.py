"""The §3.0 matching search: the made-up track-2 example and equivalence of the pruned search with a literal
transcription of the search procedure."""

import itertools
import random

import pytest

from factrueval_builder import DocBuilder
from letopis.evaluation.factrueval import load_document, score_track2, write_track2
from letopis.evaluation.factrueval.search import F1UpperBound, search_pairs
from letopis.evaluation.factrueval.standard import StdDoc, Token
from letopis.evaluation.factrueval.table import prf
from letopis.evaluation.factrueval import track1, track2


def reference_search(n_std, n_test, m, evaluate):
    """Literal transcription of FORMAT.md §3.0 (no pruning)."""

    def dfs(s_rem, t_rem, pairs):
        if not s_rem or not t_rem:
            return evaluate(pairs), list(pairs)
        c, rest = s_rem[0], s_rem[1:]
        perfect = [t for t in t_rem if m[c][t] == 1]
        candidates = perfect or [t for t in t_rem if m[c][t] > 0]
        best, branched, a_max = None, 0, 0
        for t in candidates:
            a_max = max(a_max, sum(1 for s in rest if m[s][t] != 0))
            if m[c][t] < 1 and any(m[s][t] == 1 for s in rest):
                continue
            branched += 1
            result = dfs(rest, tuple(x for x in t_rem if x != t), pairs + [(c, t)])
            if best is None or result[0] > best[0] + 1e-12:
                best = result
        if branched == 0 or (branched == 1 and a_max > 0 and not perfect):
            result = dfs(rest, t_rem, pairs)
            if best is None or result[0] > best[0] + 1e-12:
                best = result
        return best

    value, pairs = dfs(tuple(range(n_std)), tuple(range(n_test)), [])
    return pairs, value


# ------------------------------------------------------------------------------ the made-up track-2 example
def _three_persons(tmp_path):
    b = DocBuilder("Иван Сидоров встретил Ивана Петрова и Петра Сидорова.")
    a = b.mention("Person", b.span("name", "Иван"), b.span("surname", "Сидоров"))
    bb = b.mention("Person", b.span("name", "Ивана"), b.span("surname", "Петрова"))
    c = b.mention("Person", b.span("name", "Петра"), b.span("surname", "Сидорова"))
    b.entity([a], [("firstname", "Иван"), ("lastname", "Сидоров"), ("patronymic", "Олегович")], entity_id="1")
    b.entity([bb], [("firstname", "Иван"), ("lastname", "Петров"), ("patronymic", "Сергеевич")], entity_id="2")
    b.entity([c], [("firstname", "Пётр"), ("lastname", "Сидоров"), ("patronymic", "Ильич")], entity_id="3")
    b.write(tmp_path / "std", "book_1")
    write_track2(
        tmp_path / "run" / "book_1.task2",
        [("PER", [("firstname", "Иван"), ("lastname", "Петров")]),
         ("PER", [("firstname", "Петр"), ("lastname", "Сидоров")])],
    )
    return load_document(tmp_path / "std", "book_1")


def test_search_is_not_an_optimal_assignment(tmp_path):
    doc = _three_persons(tmp_path)
    table = score_track2([doc], tmp_path / "run")
    # A (std 1) partly matches both responses and must be paired: 1/4 + 2/3 of 3 std and 2 responses
    assert table["PER"].tp_std == pytest.approx(1 / 4 + 2 / 3)
    assert table.overall.f1 == pytest.approx(0.3667, abs=1e-4)
    # the optimal one-to-one assignment (A unmatched, B-t1, C-t2) would give 0.533
    std = track2.std_entities(doc)
    test = [
        ("per", (("firstname", "иван"), ("lastname", "петров"))),
        ("per", (("firstname", "петр"), ("lastname", "сидоров"))),
    ]
    q = [[track2.quality(s, attrs) for _, attrs in test] for s in std]
    best = max(
        sum(q[s][t] for s, t in zip(perm, range(2)) if s is not None)
        for perm in itertools.permutations([0, 1, 2, None, None], 2)
    )
    assert 2 * best / 5 == pytest.approx(0.5333, abs=1e-4)


# ------------------------------------------------------------------------------ procedure details
def _f1_static(q, ignored, n_test):
    def evaluate(pairs):
        tp = sum(q[s][t] for s, t in pairs if not ignored[s])
        n_std = sum(1 for flag in ignored if not flag)
        n_t = n_test - sum(1 for s, _ in pairs if ignored[s])
        return prf(tp, n_std, tp, n_t)[2]

    return evaluate


def test_perfect_candidates_and_skip_rule():
    # std 0 has a perfect candidate (t1) and a partial one (t0): only t1 is tried although pairing std 0 with
    # t0 and std 1 with t1 would score higher
    m = [[0.9, 1.0], [0.0, 0.95]]
    pairs, _ = search_pairs(2, 2, m, _f1_static(m, [False, False], 2))
    assert pairs == [(0, 1)]
    # a partial candidate perfectly matched by another remaining std object is skipped
    m = [[0.5, 0.0], [1.0, 0.0]]
    pairs, _ = search_pairs(2, 2, m, _f1_static(m, [False, False], 2))
    assert pairs == [(1, 0)]


def test_unmatched_branch_only_with_a_single_contested_candidate():
    # std 0: one partial candidate, also wanted by std 1 (A > 0): the "unmatched" branch is explored
    m = [[0.2, 0.0], [0.9, 0.0]]
    pairs, _ = search_pairs(2, 2, m, _f1_static(m, [False, False], 2))
    assert pairs == [(1, 0)]
    # two partial candidates branched: std 0 is never left unmatched
    m = [[0.2, 0.2], [0.9, 0.0], [0.0, 0.9]]
    pairs, _ = search_pairs(3, 2, m, _f1_static(m, [False] * 3, 2))
    assert (0, 0) in pairs or (0, 1) in pairs


def test_ties_keep_the_first_branch():
    m = [[0.5, 0.5]]
    pairs, _ = search_pairs(1, 2, m, _f1_static(m, [False], 2))
    assert pairs == [(0, 0)]


@pytest.mark.parametrize("seed", range(6))
def test_pruned_search_equals_literal_search_static_ignore(seed):
    rng = random.Random(seed)
    for _ in range(60):
        n_s, n_t = rng.randint(1, 6), rng.randint(1, 6)
        values = [0, 0, 0, 0.25, 1 / 3, 0.5, 2 / 3, 1.0]
        m = [[rng.choice(values) for _ in range(n_t)] for _ in range(n_s)]
        ignored = [rng.random() < 0.25 for _ in range(n_s)]
        evaluate = _f1_static(m, ignored, n_t)
        bound = F1UpperBound(m, m, ignored, lambda i, matched: ignored[i], n_t)
        assert search_pairs(n_s, n_t, m, evaluate, upper_bound=bound) == reference_search(n_s, n_t, m, evaluate)


def _synthetic_doc(n_tokens):
    tokens = tuple(Token(str(i), 2 * i, 1, "абвгдежзик"[i % 10], i, 0) for i in range(n_tokens))
    return StdDoc("book_1", "", tokens, (), (), (), ())


@pytest.mark.parametrize("seed", range(6))
def test_pruned_search_equals_literal_search_track1_with_twins(seed):
    rng = random.Random(100 + seed)
    doc = _synthetic_doc(6)
    types = ["per", "loc", "org", "locorg"]
    for _ in range(40):
        std = []
        for k in range(rng.randint(1, 6)):
            if std and rng.random() < 0.35:  # a twin: same tokens as an earlier unit
                toks = rng.choice(std).tokens
            else:
                start = rng.randrange(6)
                toks = frozenset(range(start, min(6, start + rng.randint(1, 3))))
            weights = {t: rng.choice([0, 1, 1]) for t in toks}
            std.append(track1.StdUnit(str(k), rng.choice(types), frozenset(toks), weights))
        std.sort(key=lambda u: (track1.GROUPS.index(u.type), u.id))
        test = []
        for _ in range(rng.randint(1, 6)):
            start = rng.randrange(6)
            test.append(track1.TestUnit(rng.choice(types), frozenset(range(start, min(6, start + rng.randint(1, 3))))))
        test.sort(key=lambda u: track1.GROUPS.index(u.type))
        d = track1._Doc(doc, std, test)
        bound = F1UpperBound(d.m, d.q, d.static_ignored, d.ignored, len(test), d.twins)
        got = search_pairs(len(std), len(test), d.m, d.f1, upper_bound=bound)
        assert got == reference_search(len(std), len(test), d.m, d.f1)
