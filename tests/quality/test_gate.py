"""The CI quality gate: factRuEval-2016 devset F1 may not fall below the pinned floors."""
from pathlib import Path

import pytest

from letopis.evaluation.gate import Measured, check, load_baseline, update

DEVSET = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "factrueval-2016" / "devset"


def test_update_refuses_to_lower_a_floor_without_the_flag():
    baseline = {"data_hash": "abc", "floors": {"t1": 0.84}}
    worse = Measured("abc", {"t1": 0.80}, 1.0)
    with pytest.raises(ValueError, match="refusing to lower"):
        update(worse, baseline)
    assert update(worse, baseline, allow_lower=True)["floors"]["t1"] == 0.8
    assert update(Measured("abc", {"t1": 0.8612}, 1.0), baseline)["floors"]["t1"] == 0.86


def test_check_reports_a_regression_and_a_changed_data_set():
    baseline = {"data_hash": "abc", "floors": {"t1": 0.84, "t2": 0.80}}
    assert check(Measured("abc", {"t1": 0.85, "t2": 0.81}, 1.0), baseline) == []
    (fail,) = check(Measured("abc", {"t1": 0.83, "t2": 0.81}, 1.0), baseline)
    assert "t1" in fail and "0.8300" in fail
    assert "differs" in check(Measured("xyz", {"t1": 0.9}, 1.0), baseline)[0]


@pytest.mark.data
def test_devset_floors_hold():
    if not DEVSET.is_dir():
        pytest.skip(f"quality gate skipped: {DEVSET} is absent (../shared/data not beside the repo)")
    from letopis.evaluation.gate import measure

    baseline = load_baseline()
    assert baseline.get("floors"), "tests/quality/baseline.json has no floors: run scripts/quality_gate.py update"
    measured = measure(DEVSET)
    assert check(measured, baseline) == [], measured.scores
