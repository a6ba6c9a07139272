"""Speaker attribution on the project's own quote test set (benchmarks/quotes/quotes.jsonl).

    python benchmarks/quotes_eval.py [--show]

A gold quote is found when a predicted quote of the same passage overlaps it by
at least MIN_OVERLAP of the longer of the two. Precision of attribution = found
quotes whose predicted speaker is the gold speaker / predicted quotes that name
a speaker (a named speaker on a distractor or a wrong person counts against
it). Recall = gold quotes with a gold speaker whose speaker was predicted
correctly / gold quotes with a gold speaker.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

MIN_OVERLAP = 0.6  # quote boundaries differ by a comma or a closing mark; 0.6 tolerates that, not a different clause
HERE = Path(__file__).resolve().parent


def fold(s: str) -> str:
    return s.lower().replace("ё", "е")


def same_person(predicted: str, gold: str) -> bool:
    p, g = fold(predicted).split(), fold(gold).split()
    return bool(p and g) and (p == g or p[-1] == g[-1] or g[-1] in p)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(a[1] - a[0], b[1] - b[0], 1)


def evaluate(items: list[dict], show: bool = False) -> dict:
    from letopis.pipeline import process_text

    named = correct_named = gold_named = found_gold = gold_total = 0
    for item in items:
        doc = process_text(item["text"])
        names = {e.id: e.name for e in doc.entities}
        predicted = [(q, (q.start, q.end)) for q in doc.quotes]
        used = set()
        for g in item["quotes"]:
            gold_total += 1
            start = item["text"].find(g["quote"])
            span = (start, start + len(g["quote"]))
            match = next((i for i, (q, s) in enumerate(predicted) if i not in used and overlap(s, span) >= MIN_OVERLAP), None)
            if g.get("speaker"):
                gold_named += 1
            if match is None:
                if show:
                    print(f"{item['id']}: MISSED {g['quote'][:50]!r}")
                continue
            used.add(match)
            found_gold += 1
            q = predicted[match][0]
            if q.speaker:
                named += 1
                ok = bool(g.get("speaker")) and same_person(names.get(q.speaker, ""), g["speaker"])
                correct_named += ok
                if show and not ok:
                    print(f"{item['id']}: WRONG speaker {names.get(q.speaker)!r} for {g.get('speaker')!r}")
            elif show and g.get("speaker"):
                print(f"{item['id']}: NO speaker for {g['speaker']!r}: {g['quote'][:40]!r}")
        for i, (q, _s) in enumerate(predicted):
            if i not in used:
                if q.speaker:
                    named += 1
                if show:
                    print(f"{item['id']}: EXTRA quote {q.text[:50]!r} speaker={names.get(q.speaker)}")
    precision = correct_named / named if named else 1.0
    recall = correct_named / gold_named if gold_named else 1.0
    return {"items": len(items), "gold_quotes": gold_total, "quotes_found": found_gold,
            "speaker_precision": round(precision, 4), "speaker_recall": round(recall, 4),
            "named": named, "correct": correct_named, "gold_with_speaker": gold_named}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(HERE / "quotes" / "quotes.jsonl"))
    ap.add_argument("--show", action="store_true", help="print every miss and error")
    args = ap.parse_args()
    items = [json.loads(line) for line in open(args.data, encoding="utf-8") if line.strip()]
    print(json.dumps(evaluate(items, args.show), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
