"""The quality gate: F1 floors on factRuEval-2016 devset pinned with a hash of the data.

A floor may only go up unless ``allow_lower`` is given explicitly (trafilatura's
habit); a changed data set (hash differs) is reported instead of compared.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

BASELINE = Path(__file__).resolve().parents[3] / "tests" / "quality" / "baseline.json"
# Floors are the measured F1 rounded down to 0.005: a run-to-run wobble of the
# last digit never fails the gate, a real regression of half a point does.
STEP = 0.005


@dataclass(frozen=True)
class Measured:
    data_hash: str
    scores: dict[str, float]  # "t1", "t1_no_locorg", "t2", "t3" -> overall F1
    seconds: float


def data_hash(std_dir: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(std_dir.glob("book_*")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def measure(std_dir: Path) -> Measured:
    from letopis.evaluation.factrueval import load_devset, score_track1, score_track2, score_track3
    from letopis.evaluation.factrueval_system import run_system, write_responses

    run = run_system(std_dir)
    std = load_devset(std_dir)
    scores = {}
    with tempfile.TemporaryDirectory() as tmp:
        for key, track, kwargs in (("t1", 1, {}), ("t1_no_locorg", 1, {"locorg_as_loc": True}), ("t2", 2, {}), ("t3", 3, {})):
            out = write_responses(run, Path(tmp) / key, track, locorg=key != "t1_no_locorg")
            scorer = {1: score_track1, 2: score_track2, 3: score_track3}[track]
            table = scorer(std, out, **kwargs)
            scores[key] = round(overall_f1(table), 4)
    return Measured(data_hash(std_dir), scores, run.seconds)


def overall_f1(table) -> float:
    row = next(r for r in table.rows if r.name.lower() == "overall")
    return row.f1


def load_baseline(path: Path = BASELINE) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def check(measured: Measured, baseline: dict) -> list[str]:
    """Failures (empty when every floor holds)."""
    if baseline.get("data_hash") and baseline["data_hash"] != measured.data_hash:
        return [f"data hash {measured.data_hash} differs from the baseline's {baseline['data_hash']}: "
                "re-pin the floors on the new data with `python scripts/quality_gate.py update`"]
    return [f"{key}: F1 {measured.scores.get(key, 0):.4f} below the floor {floor:.4f}"
            for key, floor in baseline.get("floors", {}).items() if measured.scores.get(key, 0) < floor]


def update(measured: Measured, baseline: dict, allow_lower: bool = False) -> dict:
    floors = dict(baseline.get("floors", {}))
    for key, f1 in measured.scores.items():
        new = int(f1 / STEP) * STEP
        old = floors.get(key)
        if old is not None and new < old and not allow_lower:
            raise ValueError(f"{key}: refusing to lower the floor {old:.4f} to {new:.4f} (pass --allow-lower)")
        floors[key] = round(max(new, old or 0) if not allow_lower else new, 4)
    return {"data_hash": measured.data_hash, "floors": floors}
