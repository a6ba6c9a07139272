"""Reference values of FORMAT.md §5 on the factRuEval-2016 devset (read at run time from ../shared; nothing from
the corpus is stored in the repository). Gold-like responses are generated into tmp dirs from the std files."""

import re
from pathlib import Path

import pytest

from letopis.evaluation.factrueval import (
    load_devset,
    run_eval,
    score_track1,
    score_track2,
    score_track3,
    write_track1,
    write_track2,
    write_track3,
)

DEVSET = Path(__file__).resolve().parents[2].parent / "shared/data/factrueval-2016/devset"

pytestmark = [
    pytest.mark.data,
    pytest.mark.skipif(
        not DEVSET.is_dir(), reason=f"factRuEval-2016 devset not found at {DEVSET} (../shared relative to the repo)"
    ),
]

F1_TOL = 0.005
TP_TOL = 0.01
T1_TAGS = {"Person": "PER", "Org": "ORG", "Organization": "ORG", "Location": "LOC", "LocOrg": "LOCORG"}
T3_TYPES = {"occupation", "deal", "ownership", "meeting"}


@pytest.fixture(scope="module")
def docs():
    return load_devset(DEVSET)


@pytest.fixture(scope="module")
def runs(docs, tmp_path_factory):
    """Response directories: empty files, and the gold-like responses described in §5."""
    root = tmp_path_factory.mktemp("factrueval_runs")
    dirs = {name: root / name for name in ("empty", "t1_full", "t2_full", "t2_first", "t3_gold")}
    for doc in docs:
        for track in (1, 2, 3):
            (dirs["empty"] / f"{doc.name}.task{track}").parent.mkdir(exist_ok=True)
            (dirs["empty"] / f"{doc.name}.task{track}").write_text("", encoding="utf-8")
        # T1 full extent: every std mention of the four types, first-token start to last-token end
        mentions = []
        for mention in doc.mentions:
            if mention.type in T1_TAGS:
                toks = doc.mention_tokens(mention)
                mentions.append((T1_TAGS[mention.type], toks[0].start, toks[-1].end - toks[0].start))
        write_track1(dirs["t1_full"] / f"{doc.name}.task1", mentions)
        # T2: one block per entity with a non-wikidata, non-descriptor line; digits removed from keys
        entities = []
        for entity in doc.entities:
            types = {doc.mention_by_id[m].type for m in entity.mention_ids if m in doc.mention_by_id}
            if "Project" in types:
                continue
            lines = [(re.sub(r"\d+$", "", k), v) for k, v in entity.attrs if k != "wikidata" and "descr" not in k]
            if not lines:
                continue
            etype = "LOC" if types & {"Location", "LocOrg"} else "PER" if "Person" in types else "ORG"
            entities.append((etype, lines))
        write_track2(dirs["t2_full"] / f"{doc.name}.task2", entities)
        write_track2(dirs["t2_first"] / f"{doc.name}.task2", [(t, lines[:1]) for t, lines in entities])
        # T3: one block per std fact of the four types, each role with its first alternative's label
        facts = []
        for fact in doc.facts:
            if fact.type.lower() not in T3_TYPES:
                continue
            args = []
            for role, value in fact.args:
                if role in ("Модальность", "Сложность", "Фаза"):
                    continue
                first = value.split("|")[0].strip()
                match = re.match(r"^(?:obj|span)\d+\s+(.*)$", first)
                args.append((role, match.group(1) if match else first))
            facts.append((fact.type, args))
        write_track3(dirs["t3_gold"] / f"{doc.name}.task3", facts)
    return dirs


def _row(table, name):
    row = table[name]
    return row.tp_std, row.n_std, row.tp_test, row.n_test


def test_devset_size(docs):
    assert len(docs) == 122


def test_t1_empty_counts(docs, runs):
    table = score_track1(docs, runs["empty"])
    assert [table[n].n_std for n in ("per", "loc", "org", "locorg", "overall")] == [728, 498, 661, 447, 2334]
    merged = score_track1(docs, runs["empty"], locorg_as_loc=True)
    assert [merged[n].n_std for n in ("per", "loc", "org", "overall")] == [728, 942, 661, 2331]


def test_t1_full_extent(docs, runs):
    table = score_track1(docs, runs["t1_full"])
    expected = {"per": (727.75, 728), "loc": (497.75, 499), "org": (654.67, 661), "locorg": (447, 447),
                "overall": (2326.17, 2334)}
    for name, (tp, n) in expected.items():
        row = table[name]
        assert row.tp_std == pytest.approx(tp, abs=TP_TOL), name
        assert row.tp_test == pytest.approx(tp, abs=TP_TOL), name
        assert (row.n_std, row.n_test) == (n, n), name
    assert table.overall.f1 == pytest.approx(0.9966, abs=F1_TOL)
    assert sum(table[n].n_std for n in ("per", "loc", "org", "locorg")) == 2335  # rows do not add up
    merged = score_track1(docs, runs["t1_full"], locorg_as_loc=True)
    assert merged.overall.tp_std == pytest.approx(2323.17, abs=TP_TOL)
    assert (merged.overall.n_std, merged.overall.n_test) == (2331, 2331)


@pytest.mark.parametrize("simplified", [False, True])
def test_t2_empty_counts(docs, runs, simplified):
    table = score_track2(docs, runs["empty"], simplified=simplified)
    assert [table[n].n_std for n in ("PER", "LOC", "ORG", "OVERALL")] == [387, 524, 386, 1297]


def test_t2_one_block_per_entity(docs, runs):
    table = score_track2(docs, runs["t2_full"])
    assert _row(table, "OVERALL") == pytest.approx((1297, 1297, 1297, 1297), abs=TP_TOL)
    assert table.overall.f1 == pytest.approx(1.0, abs=1e-9)


def test_t2_first_line_only(docs, runs):
    table = score_track2(docs, runs["t2_first"])
    assert table["PER"].tp_std == pytest.approx(216.17, abs=TP_TOL)
    assert table["PER"].n_std == 387
    assert table["LOC"].f1 == pytest.approx(1.0) and table["ORG"].f1 == pytest.approx(1.0)
    assert table.overall.f1 == pytest.approx(0.8683, abs=F1_TOL)


def test_t3_empty_counts(docs, runs):
    rows = ("ownership", "occupation", "meeting", "deal", "overall")
    easy = score_track3(docs, runs["empty"])
    assert [easy[n].n_std for n in rows] == [17, 180, 5, 29, 231]
    hard = score_track3(docs, runs["empty"], hard=True)
    assert [hard[n].n_std for n in rows] == [17, 205, 4, 28, 254]


def _without_398(docs, runs, tmp_path):
    subset = [doc for doc in docs if doc.name != "book_398"]
    run = tmp_path / "t3_without_398"
    run.mkdir()
    for doc in subset:
        (run / f"{doc.name}.task3").write_bytes((runs["t3_gold"] / f"{doc.name}.task3").read_bytes())
    return subset, run


def test_t3_gold_like_without_book_398(docs, runs, tmp_path):
    subset, run = _without_398(docs, runs, tmp_path)
    easy = score_track3(subset, run)
    assert _row(easy, "overall") == pytest.approx((222, 222, 222, 222), abs=TP_TOL)
    assert easy.overall.f1 == pytest.approx(1.0, abs=1e-9)
    hard = score_track3(subset, run, hard=True)
    overall = hard.overall
    assert overall.tp_std == pytest.approx(242.80, abs=TP_TOL)
    assert overall.tp_test == pytest.approx(247.27, abs=TP_TOL)
    assert (overall.n_std, overall.n_test) == (244, 253)
    assert (overall.p, overall.r) == pytest.approx((0.9773, 0.9951), abs=1e-4)
    assert overall.f1 == pytest.approx(0.9861, abs=F1_TOL)


def test_t3_book_398_finishes(docs, runs):
    """The official enumeration never finishes on this document; the bounded search does."""
    table = run_eval(3, DEVSET, runs["t3_gold"], std_docs=docs)
    assert table.overall.f1 == pytest.approx(1.0, abs=1e-9)


def test_run_eval(docs, runs):
    assert run_eval("t1", DEVSET.parent, runs["empty"], std_docs=docs).overall.n_std == 2334
    assert run_eval(1, DEVSET, runs["empty"], std_docs=docs, locorg_as_loc=True).overall.n_std == 2331
    table = run_eval("track2", DEVSET, runs["t2_first"], std_docs=docs, documents=["book_100"])
    assert table.overall.n_std > 0
