#!/usr/bin/env python3
"""The quality gate over factRuEval-2016 devset (trafilatura's habit: floors only go up).

    python scripts/quality_gate.py check            # CI: fail if any F1 is below its floor
    python scripts/quality_gate.py update           # raise the floors to what letopis measures now
    python scripts/quality_gate.py update --allow-lower   # the only way to lower a floor

The baseline (tests/quality/baseline.json) pins the floors with a hash of the data.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "factrueval-2016" / "devset"


def main() -> int:
    from letopis.evaluation.gate import BASELINE, check, load_baseline, measure, update

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["check", "update"])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--allow-lower", action="store_true", help="allow update to lower a floor")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"quality gate skipped: {args.data} is absent")
        return 0
    measured = measure(args.data)
    print(json.dumps({"data_hash": measured.data_hash, "scores": measured.scores,
                      "seconds": round(measured.seconds, 1)}, indent=1))
    baseline = load_baseline()
    if args.action == "check":
        failures = check(measured, baseline)
        for f in failures:
            print("FAIL", f)
        return 1 if failures else 0
    try:
        new = update(measured, baseline, args.allow_lower)
    except ValueError as exc:
        print(f"refused: {exc}")
        return 1
    BASELINE.parent.mkdir(parents=True, exist_ok=True)
    BASELINE.write_text(json.dumps(new, indent=1) + "\n", encoding="utf-8")
    print(f"floors written to {BASELINE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
