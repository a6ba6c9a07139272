"""letopis as a factRuEval-2016 participant: Documents -> official response files.

The devset ``.txt`` files are processed as they are (no cleaning), so every
offset letopis reports is an offset of the official text.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from letopis.document import Document, Entity
from letopis.evaluation.factrueval.responses import write_track1, write_track2, write_track3
from letopis.pipeline import Options, process_pages
from letopis.readers.base import RawPage, ReadError

TRACK1_TYPES = ("PER", "ORG", "LOC", "LOCORG")
# Deal kinds factRuEval-2016 annotates; letopis's other kinds (соглашение, поставка) have no
# counterpart there, so the adapter leaves them out of track 3.
FRE_DEAL_KINDS = {"купля/продажа", "займ/возвращение займа", "наложение/выплата штрафа", "инвестиции", "услуги",
                  "участие в мероприятии"}


@dataclass
class SystemRun:
    docs: dict[str, Document]
    seconds: float


def run_system(std_dir: Path, names: Iterable[str] | None = None) -> SystemRun:
    """Process every ``book_N.txt`` of ``std_dir`` (raw text, offsets kept)."""
    paths = sorted(std_dir.glob("book_*.txt"), key=lambda p: int(p.stem.split("_")[1]))
    if names is not None:
        wanted = set(names)
        paths = [p for p in paths if p.stem in wanted]
    pages = [RawPage(str(p), p.read_text(encoding="utf-8"), "text", {"id": p.stem, "raw": True}) for p in paths]
    start = time.perf_counter()
    docs = {}
    for doc in process_pages(pages, Options(clean=False)):
        if isinstance(doc, ReadError):
            raise RuntimeError(str(doc))
        docs[doc.id] = doc
    return SystemRun(docs, time.perf_counter() - start)


def track1(doc: Document, locorg: bool = True) -> list[tuple[str, int, int]]:
    out = []
    for m in doc.mentions:
        if m.type in TRACK1_TYPES:
            tag = m.type if (locorg or m.type != "LOCORG") else "LOC"
            out.append((tag, m.start, m.end - m.start))
    return out


def _entity_attrs(doc: Document, e: Entity) -> list[tuple[str, str]]:
    if e.type == "PER":
        keys = {"first": "firstname", "last": "lastname", "middle": "patronymic"}
        attrs = [(keys[k], v) for k, v in e.parts.items() if k in keys and not v.endswith(".")]
        return attrs or [("lastname", e.name)]
    names = []  # every distinct nominative name the article used for it («ООН», «Организация Объединённых Наций»)
    for m in doc.mentions:
        if m.entity == e.id and m.type in TRACK1_TYPES and m.normal and m.normal.lower() not in {n.lower() for n in names}:
            names.append(m.normal)
    return [("name", n) for n in names or [e.name]]


def track2(doc: Document) -> list[tuple[str, list[tuple[str, str]]]]:
    types = {m.entity: m.type for m in doc.mentions if m.entity and m.type in TRACK1_TYPES}
    out = []
    for e in doc.entities:
        if e.id not in types:
            continue
        kind = {"LOCORG": "LOC"}.get(e.type, e.type)
        out.append((kind, _entity_attrs(doc, e)))
    return out


def _name(doc: Document, eid: str | None) -> str:
    return next((e.name for e in doc.entities if e.id == eid), "")


def track3(doc: Document) -> list[tuple[str, list[tuple[str, str]]]]:
    out = []
    for f in doc.facts:
        if f.type == "Deal" and f.attrs.get("kind") not in FRE_DEAL_KINDS:
            continue
        args = []
        for a in f.args:
            if f.type == "Occupation" and a.role == "position":
                written = doc.text[a.start:a.end] if a.start is not None and a.end else a.value
                args.append(("position", written.lower()))
            elif a.entity:
                args.append((a.role, _name(doc, a.entity)))
            elif f.type == "Deal" and a.role == "type":
                args.append(("type", a.value))
        if f.type in ("Occupation", "Meeting", "Deal", "Ownership") and args:
            out.append((f.type, args))
    return out


def write_responses(run: SystemRun, out_dir: Path, track: int, locorg: bool = True) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, doc in run.docs.items():
        path = out_dir / f"{name}.task{track}"
        if track == 1:
            write_track1(path, track1(doc, locorg))
        elif track == 2:
            write_track2(path, track2(doc))
        else:
            write_track3(path, track3(doc))
    return out_dir
