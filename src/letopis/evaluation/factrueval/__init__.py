"""Clean-room reimplementation of the factRuEval-2016 data loaders and official scorers (tracks 1-3).

See ``shared/data/factrueval-2016/FORMAT.md`` for the format and scoring description this follows.
"""

from .responses import (
    read_response_dir,
    read_track1,
    read_track2,
    read_track3,
    response_file_name,
    write_track1,
    write_track2,
    write_track3,
)
from .score import run_eval, score_track1, score_track2, score_track3
from .standard import Entity, Fact, Mention, Span, StdDoc, Token, load_devset, load_document
from .table import Row, Table, prf

__all__ = [
    "Entity",
    "Fact",
    "Mention",
    "Row",
    "Span",
    "StdDoc",
    "Table",
    "Token",
    "load_devset",
    "load_document",
    "prf",
    "read_response_dir",
    "read_track1",
    "read_track2",
    "read_track3",
    "response_file_name",
    "run_eval",
    "score_track1",
    "score_track2",
    "score_track3",
    "write_track1",
    "write_track2",
    "write_track3",
]
