"""Entry points of the factRuEval-2016 scorer (tracks 1, 2, 3)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .standard import StdDoc, load_devset
from .table import Table
from .track1 import score_track1
from .track2 import score_track2
from .track3 import score_track3

__all__ = ["score_track1", "score_track2", "score_track3", "run_eval", "resolve_std_dir"]

_TRACK_OPTIONS = {
    1: {"locorg_as_loc": "locorg_as_loc", "l": "locorg_as_loc"},
    2: {"simplified": "simplified", "m": "simplified"},
    3: {"hard": "hard", "m": "hard", "node_budget": "node_budget"},
}


def resolve_std_dir(data_dir: str | Path) -> Path:
    """Accept either a std directory (``book_N.*`` files) or a folder holding ``devset/``."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise FileNotFoundError(f"std directory not found: {data_dir}")
    if not any(data_dir.glob("book_*.objects")) and (data_dir / "devset").is_dir():
        return data_dir / "devset"
    return data_dir


def run_eval(
    track: int | str,
    data_dir: str | Path,
    response_dir: str | Path,
    *,
    documents: Iterable[str] | None = None,
    std_docs: list[StdDoc] | None = None,
    **opts,
) -> Table:
    """Score ``response_dir`` for ``track`` (1, 2, 3 or "t1".."t3") against the std documents in ``data_dir``.

    Options: track 1 ``locorg_as_loc`` (alias ``l``), track 2 ``simplified`` (alias ``m``), track 3 ``hard``
    (alias ``m``) and ``node_budget``. ``documents`` restricts the std documents (names ``book_N``);
    ``std_docs`` may pass already loaded documents instead of loading ``data_dir``.
    """
    match = re.fullmatch(r"(?:t|track)?\s*([123])", str(track).strip().lower())
    number = int(match.group(1)) if match else 0
    if number not in _TRACK_OPTIONS:
        raise ValueError(f"unknown factRuEval track {track!r} (expected 1, 2 or 3)")
    kwargs = {}
    for key, value in opts.items():
        if key not in _TRACK_OPTIONS[number]:
            raise TypeError(f"track {number} has no option {key!r}")
        kwargs[_TRACK_OPTIONS[number][key]] = value
    docs = std_docs if std_docs is not None else load_devset(resolve_std_dir(data_dir))
    if documents is not None:
        wanted = set(documents)
        docs = [doc for doc in docs if doc.name in wanted]
    scorer = {1: score_track1, 2: score_track2, 3: score_track3}[number]
    return scorer(docs, response_dir, **kwargs)
