"""Track 3 on made-up documents: candidates, admissibility, clusters, the I quirk, modes, the search."""

import itertools
import random
import tempfile
from pathlib import Path

import pytest

from factrueval_builder import romashka
from letopis.evaluation.factrueval import load_document, read_track3, score_track3, write_track3
from letopis.evaluation.factrueval.responses import T3Fact
from letopis.evaluation.factrueval.track3 import (
    StdArg,
    StdFact,
    TooManyCombinations,
    _Candidates,
    _Problem,
    best_assignment,
    score_document_track3,
    std_facts,
)

GOLD = [("Who", "Иван Петров"), ("Position", "глава"), ("Where", "Ромашка")]


def _doc(tmp_path, builder=None, name="book_1"):
    (builder or romashka()).write(tmp_path, name)
    return load_document(tmp_path, name)


def _facts(*facts):
    """Response facts as the reader returns them (written to a file and read back)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_track3(Path(tmp) / "book_1.task3", facts)
        loaded = read_track3(path)
    assert loaded.error is None
    return list(loaded.items)


def _counts(doc, *facts, hard=False, row="occupation"):
    c = score_document_track3(doc, _facts(*facts), hard)[row]
    return round(c.tp_std, 4), c.n_std, round(c.tp_test, 4), c.n_test


def test_obj_and_span_candidates(tmp_path):
    doc = _doc(tmp_path)
    cands = _Candidates(doc)
    org = cands.entity("1")
    # names with quote/descriptor variants, mention tokens, and the text slice losing its last character
    assert {"ромашка", '"ромашка"', "компания ромашка", "компании ромашка", 'компании "ромашка'} <= org
    person = cands.entity("2")
    # the slice is also extended over the closing quote before "Иван" (a mechanical rule)
    assert {"иван петров", "петров иван", "иван", "петров", '" иван петро'} <= person
    assert cands.argument("obj2 Петров Иван") >= {"петров иван"}
    assert cands.argument(f"span{doc.spans[4].id} глава") == {"глава"}
    assert cands.argument("купля/продажа | инвестиции") == {"купля/продажа", "инвестиции"}


def test_gold_like_fact_and_fuzzy_values(tmp_path):
    doc = _doc(tmp_path)
    assert _counts(doc, ("Occupation", GOLD)) == (1.0, 1, 1.0, 1)
    fuzzy = [("Who", "Ивана Петрова"), ("Job", "главa"), ("Where", "«Ромашка»")]
    assert _counts(doc, ("Occupation", fuzzy)) == (1.0, 1, 1.0, 1)


def test_position_alone_does_not_make_a_fact_admissible(tmp_path):
    doc = _doc(tmp_path)
    assert _counts(doc, ("Occupation", [("Position", "глава"), ("Who", "Сидоров")])) == (0, 1, 0, 1)
    # any other matching argument does; the wrong Who is an unmatched pooled argument
    got = _counts(doc, ("Occupation", [("Position", "глава"), ("Who", "Сидоров"), ("Where", "Ромашка")]))
    assert got == (0.4286, 1, 0.4286, 1)  # A = (1 + 0.5) / (2.5 + 1): the wrong Who is an extra argument


def test_i_quirk_uses_the_first_k_std_arguments(tmp_path):
    doc = _doc(tmp_path)
    dup = ("Occupation", [("Who", "Иван Петров"), ("Where", "Ромашка")])
    # a cluster of both copies would have A = 0.8 but I = 0: the first k = 2 std arguments are Who and Position,
    # and no response matches Position. One copy stays unassigned instead: P = 0.4, R = 0.8.
    assert _counts(doc, dup, dup) == (0.8, 1, 0.8, 2)
    std = std_facts(doc)
    problem = _Problem(std, _facts(dup, dup))
    assert problem.quality(0, (0, 1)) == pytest.approx(0.4)
    assert problem.quality(0, (0,)) == pytest.approx(0.8)


def test_complementary_responses_form_a_cluster(tmp_path):
    doc = _doc(tmp_path)
    r1 = ("Occupation", [("Who", "Иван Петров"), ("Position", "глава")])
    r2 = ("Occupation", [("Who", "Иван Петров"), ("Where", "Ромашка")])
    # A = 1, pairs (who, position) and (who, where) co-occur, (position, where) does not: I = 2/3
    assert _counts(doc, r1, r2) == (0.8333, 1, 1.6667, 2)


def _modes_doc(tmp_path):
    b = romashka()
    job = b.job_span
    b.facts.clear()
    b.fact("Occupation", [("Who", "obj2 Петров Иван"), ("Position", f"span{job} глава"), ("Where", "obj1 Ромашка"),
                          ("Фаза", "начало")])
    b.fact("Occupation", [("Who", "obj2 Петров Иван"), ("Where", "obj3 Тверь"), ("Сложность", "повышенная")])
    b.fact("Ownership", [("Owner", "obj2 Петров Иван"), ("Property", "obj1 Ромашка"), ("Модальность", "возможность")])
    b.fact("isPartOf", [("Company", "obj1 Ромашка"), ("Company", "obj3 Тверь")])
    return _doc(tmp_path, b)


def test_easy_and_hard_modes(tmp_path):
    doc = _modes_doc(tmp_path)
    assert [(f.type, f.ignored, [a.role for a in f.args]) for f in std_facts(doc)] == [
        ("occupation", False, ["who", "position", "where"]),
        ("occupation", True, ["who", "where"]),
        ("ownership", False, ["owner", "property"]),
    ]
    assert [(f.type, [a.role for a in f.args]) for f in std_facts(doc, hard=True)] == [
        ("occupation", ["who", "position", "where", "фаза"]),
        ("occupation", ["who", "where"]),
    ]
    answers = [("Occupation", GOLD), ("Occupation", [("Who", "Иван Петров"), ("Where", "Тверь")]),
               ("Ownership", [("Owner", "Иван Петров"), ("Property", "Ромашка")])]
    easy = score_document_track3(doc, _facts(*answers))
    assert (easy["occupation"].tp_std, easy["occupation"].n_std, easy["occupation"].n_test) == (1, 1, 1)
    assert easy["overall"].f1 == 1.0  # the answer to the hard fact is neutral
    hard = score_document_track3(doc, _facts(*answers), hard=True)
    occ = hard["occupation"]
    assert (round(occ.tp_std, 4), occ.n_std, occ.n_test) == (1.8333, 2, 2)  # missing фаза: 2.5 / 3
    own = hard["ownership"]
    assert (own.tp_std, own.n_std, own.tp_test, own.n_test) == (0, 0, 0, 1)  # the possible fact is removed
    # in easy mode a response фаза is an extra argument of weight 0.5
    with_phase = [("Occupation", GOLD + [("Фаза", "начало")])]
    assert _counts(doc, *with_phase) == (0.8333, 1, 0.8333, 1)
    assert _counts(doc, *with_phase, hard=True) == (1.0, 2, 1.0, 1)


def test_score_track3_requires_exactly_the_std_documents(tmp_path):
    romashka().write(tmp_path / "std", "book_1")
    docs = [load_document(tmp_path / "std", "book_1")]
    run = tmp_path / "run"
    run.mkdir()
    with pytest.raises(ValueError, match="missing: book_1"):
        score_track3(docs, run)
    write_track3(run / "book_1.task3", [("Occupation", GOLD)])
    write_track3(run / "book_2.task3", [])
    with pytest.raises(ValueError, match="extra: book_2"):
        score_track3(docs, run)
    (run / "book_2.task3").unlink()
    table = score_track3(docs, run)
    assert [r.name for r in table.rows] == ["ownership", "occupation", "meeting", "deal", "overall"]
    assert table.overall.f1 == 1.0 and table["occupation"].n_std == 1


# ------------------------------------------------------------------------------ the assignment search
def _brute_force(problem):
    """The official procedure: every assignment in enumeration order, the first strictly best one kept."""
    best, best_value = None, -1.0
    for combo in itertools.product(*[opts + [None] for opts in problem.options]):
        value = problem.f1(list(combo))
        if best is None or value > best_value + 1e-12:
            best, best_value = list(combo), value
    return best, best_value


def _random_problem(rng, n_std, n_test):
    people, places, jobs = ["а", "б", "в"], ["x", "y"], ["p", "q", "r"]
    std = []
    for i in range(n_std):
        args = [StdArg("who", "", frozenset({rng.choice(people)}))]
        if rng.random() < 0.8:
            args.append(StdArg("position", "", frozenset({rng.choice(jobs)})))
        if rng.random() < 0.8:
            args.append(StdArg("where", "", frozenset({rng.choice(places)})))
        if rng.random() < 0.2:
            args.append(StdArg("фаза", "", frozenset({"начало"})))
        rng.shuffle(args)
        std.append(StdFact(str(i), "occupation", tuple(args), ignored=rng.random() < 0.2))
    test = []
    for _ in range(n_test):
        args = [("who", rng.choice(people))]
        for role, pool in (("position", jobs), ("where", places), ("фаза", ["начало", "конец"])):
            if rng.random() < 0.5:
                args.append((role, rng.choice(pool)))
        if rng.random() < 0.3 and test:
            test.append(test[-1])  # interchangeable duplicates
            continue
        test.append(T3Fact("occupation", tuple(args)))
    return _Problem(std, test)


@pytest.mark.parametrize("seed", range(4))
def test_branch_and_bound_equals_exhaustive_enumeration(seed):
    rng = random.Random(seed)
    for _ in range(40):
        problem = _random_problem(rng, rng.randint(1, 4), rng.randint(1, 5))
        expected = _brute_force(problem)
        got = best_assignment(problem)
        assert got[0] == expected[0]
        assert got[1] == pytest.approx(expected[1], abs=1e-12)


def test_guard_falls_back_to_greedy_with_a_warning():
    rng = random.Random(7)
    problem = _random_problem(rng, 4, 6)
    with pytest.warns(TooManyCombinations, match="book_9 occupation"):
        assignment, value = best_assignment(problem, label="book_9 occupation", node_budget=1)
    assert len(assignment) == 6
    assert value == pytest.approx(problem.f1(assignment))
    assert value <= _brute_force(problem)[1] + 1e-12
