"""Metrics and result tables (FORMAT.md §3.0 "Metrics")."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Callable

__all__ = ["Counts", "Row", "Table", "prf"]


def prf(tp_std: float, n_std: float, tp_test: float, n_test: float) -> tuple[float, float, float]:
    """Precision, recall and F1 exactly as the official scripts define them.

    P = TP_test/N_test (1 if N_test = 0), R = TP_std/N_std (1 if N_std = 0), F1 = 2PR/(P+R) (1 if
    N_std + N_test = 0, 0 if P + R = 0).
    """
    p = tp_test / n_test if n_test else 1.0
    r = tp_std / n_std if n_std else 1.0
    if n_std + n_test == 0:
        f1 = 1.0
    elif p + r == 0:
        f1 = 0.0
    else:
        f1 = 2 * p * r / (p + r)
    return p, r, f1


@dataclass
class Counts:
    """Mutable accumulator of the four numbers of a row."""

    tp_std: float = 0.0
    n_std: int = 0
    tp_test: float = 0.0
    n_test: int = 0

    def add(self, other: "Counts") -> None:
        self.tp_std += other.tp_std
        self.n_std += other.n_std
        self.tp_test += other.tp_test
        self.n_test += other.n_test

    @property
    def f1(self) -> float:
        return prf(self.tp_std, self.n_std, self.tp_test, self.n_test)[2]


@dataclass(frozen=True)
class Row:
    """One line of a result table: micro-summed counts and the metrics recomputed from them."""

    name: str
    tp_std: float
    n_std: int
    tp_test: float
    n_test: int
    p: float
    r: float
    f1: float

    @classmethod
    def from_counts(cls, name: str, counts: Counts) -> "Row":
        p, r, f1 = prf(counts.tp_std, counts.n_std, counts.tp_test, counts.n_test)
        return cls(name, counts.tp_std, counts.n_std, counts.tp_test, counts.n_test, p, r, f1)


@dataclass(frozen=True)
class Table:
    """Result of one track: rows in the official order (type rows, then the overall row)."""

    track: int
    rows: tuple[Row, ...]
    mode: str = ""
    warnings: tuple[str, ...] = field(default=())

    def __getitem__(self, name: str) -> Row:
        for row in self.rows:
            if row.name.lower() == name.lower():
                return row
        raise KeyError(name)

    @property
    def overall(self) -> Row:
        return self.rows[-1]

    def as_dict(self) -> dict:
        return {
            "track": self.track,
            "mode": self.mode,
            "rows": [
                {
                    "name": r.name,
                    "tp_std": r.tp_std,
                    "n_std": r.n_std,
                    "tp_test": r.tp_test,
                    "n_test": r.n_test,
                    "p": r.p,
                    "r": r.r,
                    "f1": r.f1,
                }
                for r in self.rows
            ],
        }

    def render(self) -> str:
        """Plain-text table in the spirit of the official comparators."""
        title = f"factRuEval-2016 track {self.track}" + (f" ({self.mode})" if self.mode else "")
        header = f"{'Type':<12}{'P':>8}{'R':>8}{'F1':>8}   {'TP_test / N_test':>20}   {'TP_std / N_std':>20}"
        lines = [title, header, "-" * len(header)]
        for row in self.rows:
            lines.append(
                f"{row.name:<12}{row.p:>8.4f}{row.r:>8.4f}{row.f1:>8.4f}   "
                f"{f'{row.tp_test:.2f} / {row.n_test}':>20}   {f'{row.tp_std:.2f} / {row.n_std}':>20}"
            )
        return "\n".join(lines)

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.render()


def sum_documents(track: int, std_docs, responses: dict, score_document: Callable, row_names) -> tuple[dict, tuple]:
    """Counts summed over the documents present on both sides (tracks 1-2); a missing response
    file is not penalized, only noted (and warned about), as the official scripts do."""
    totals = {name: Counts() for name in row_names}
    missing = []
    for doc in std_docs:
        response = responses.get(doc.name)
        if response is None:
            missing.append(doc.name)
            continue
        for name, counts in score_document(doc, list(response.items)).items():
            totals[name].add(counts)
    notes = (f"no response file for {len(missing)} document(s): {', '.join(missing)}",) if missing else ()
    for note in notes:
        warnings.warn(f"track {track}: {note}", stacklevel=3)
    return totals, notes
