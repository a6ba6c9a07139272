"""Response files of factRuEval-2016 (FORMAT.md §2): writers and readers.

Writers always produce files that load completely (values are sanitized). Readers parse like the official
scorer, including its error behaviour: the first bad line (track 1) or bad block line (tracks 2, 3) stops reading
the file; what was read before is kept (the fact/entity under construction is discarded). The parse error is kept
in the ``error`` attribute of the result.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .fuzzy import n2
from .standard import doc_number

__all__ = [
    "T1Mention",
    "T2Entity",
    "T3Fact",
    "ResponseFile",
    "write_track1",
    "write_track2",
    "write_track3",
    "read_track1",
    "read_track2",
    "read_track3",
    "read_response_dir",
    "response_file_name",
    "sanitize_value",
]

T1_TAGS = ("per", "org", "loc", "locorg")
T2_TYPES = {"per": "per", "org": "org", "loc": "loc", "locorg": "loc"}
T3_TYPES = ("occupation", "meeting", "deal", "ownership")


@dataclass(frozen=True)
class T1Mention:
    tag: str  # lowercase: per, org, loc, locorg
    start: int
    length: int


@dataclass(frozen=True)
class T2Entity:
    type: str  # per, org, loc
    attrs: tuple[tuple[str, str], ...]  # (lowercased key, raw value)


@dataclass(frozen=True)
class T3Fact:
    type: str  # lowercase fact type
    args: tuple[tuple[str, str], ...]  # (role, value), N2-normalized; job -> position


@dataclass(frozen=True)
class ResponseFile:
    path: Path
    items: tuple = ()
    error: str | None = None


# --------------------------------------------------------------------------------------------------- writers
_WS = re.compile(r"\s+")


def sanitize_value(value: object, *, colons: bool = True) -> str:
    """One-line value: whitespace runs (newlines included) become one space, no leading/trailing spaces.

    With ``colons=False`` every ``:`` is replaced by a space as well (track 3 values must not contain colons).
    """
    text = str(value)
    if not colons:
        text = text.replace(":", " ")
    return _WS.sub(" ", text).strip()


def _key(value: object) -> str:
    return _WS.sub("_", str(value).replace(":", " ").strip())


def _write(path: str | Path, lines: list[str]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def write_track1(path: str | Path, mentions: Iterable[Sequence]) -> Path:
    """Write ``TAG START LENGTH`` lines; ``mentions`` holds ``(tag, start, length)`` with tag PER/ORG/LOC/LOCORG."""
    lines = []
    for tag, start, length in mentions:
        tag = str(tag).strip().upper()
        if tag not in {"PER", "ORG", "LOC", "LOCORG"}:
            raise ValueError(f"unknown track-1 tag {tag!r}")
        lines.append(f"{tag} {int(start)} {int(length)}")
    return _write(path, lines)


def write_track2(path: str | Path, entities: Iterable[tuple[str, Iterable[Sequence]]]) -> Path:
    """Write entity blocks; ``entities`` holds ``(type, [(key, value), ...])``, type PER/ORG/LOC/LOCORG."""
    lines: list[str] = []
    for etype, attrs in entities:
        etype = _key(etype).upper()
        if not etype:
            continue
        block = [etype]
        for key, value in attrs:
            key, value = _key(key).lower(), sanitize_value(value)
            if key:
                block.append(f"{key}: {value}" if value else f"{key}:")
        if lines:
            lines.append("")
        lines.extend(block)
    return _write(path, lines)


def write_track3(path: str | Path, facts: Iterable[tuple[str, Iterable[Sequence]]]) -> Path:
    """Write fact blocks; ``facts`` holds ``(type, [(role, value), ...])``; colons in values become spaces."""
    lines: list[str] = []
    for ftype, args in facts:
        ftype = _key(ftype)
        if not ftype:
            continue
        block = [ftype]
        for role, value in args:
            role, value = _key(role), sanitize_value(value, colons=False)
            if role:
                block.append(f"{role}: {value}" if value else f"{role}:")
        if lines:
            lines.append("")
        lines.extend(block)
    return _write(path, lines)


# --------------------------------------------------------------------------------------------------- readers
def _lines(path: Path) -> list[str]:
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def read_track1(path: str | Path) -> ResponseFile:
    items: list[T1Mention] = []
    error = None
    for number, line in enumerate(_lines(Path(path)), 1):
        if line == "":
            continue
        parts = line.split(" ")
        try:
            if len(parts) != 3:
                raise ValueError("expected exactly three fields")
            tag = parts[0].lower()
            if tag not in T1_TAGS:
                raise ValueError(f"unknown tag {parts[0]!r}")
            start, length = int(parts[1]), int(parts[2])
        except ValueError as exc:
            error = f"line {number}: {exc}: {line!r}"
            break
        items.append(T1Mention(tag, start, length))
    return ResponseFile(Path(path), tuple(items), error)


def _split_blocks(lines: list[str]) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if line.strip() == "":
            if current:
                blocks.append(current)
                current = []
        else:
            current.append((number, line))
    if current:
        blocks.append(current)
    return blocks


def read_track2(path: str | Path) -> ResponseFile:
    items: list[T2Entity] = []
    error = None
    for block in _split_blocks(_lines(Path(path))):
        head = block[0][1].strip().lower()
        if head.endswith(":"):
            head = head[:-1].strip()
        attrs = []
        for number, line in block[1:]:
            if ":" not in line:
                error = f"line {number}: no ':' in {line!r}"
                break
            key, _, value = line.partition(":")
            attrs.append((key.strip().lower(), value))
        if error:
            break
        if head in T2_TYPES:
            items.append(T2Entity(T2_TYPES[head], tuple(attrs)))
    return ResponseFile(Path(path), tuple(items), error)


def read_track3(path: str | Path) -> ResponseFile:
    items: list[T3Fact] = []
    error = None
    for block in _split_blocks(_lines(Path(path))):
        head = block[0][1].strip().lower()
        args = []
        for number, line in block[1:]:
            norm = n2(line)
            if norm.count(":") != 1:
                error = f"line {number}: expected exactly one ':' in {line!r}"
                break
            role, _, value = norm.partition(":")
            role = role.strip()
            if role == "job":
                role = "position"
            args.append((role, value.strip()))
        if error:
            break
        if head in T3_TYPES:
            items.append(T3Fact(head, tuple(args)))
    return ResponseFile(Path(path), tuple(items), error)


_READERS = {1: read_track1, 2: read_track2, 3: read_track3}


def response_file_name(doc_name: str, track: int) -> str:
    return f"{doc_name}.task{track}"


def read_response_dir(directory: str | Path, track: int) -> dict[str, ResponseFile]:
    """Read every file of ``directory`` whose name contains ``.task<track>``; keys are document names.

    The document name is the part of the file name before the first ``.``; it must be ``book_<int>``
    (ValueError otherwise, the official script crashes). Parse errors are reported with :mod:`warnings`.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"response directory not found: {directory}")
    marker = f".task{track}"
    result: dict[str, ResponseFile] = {}
    for path in sorted(directory.iterdir()):
        if marker not in path.name or not path.is_file():
            continue
        name = path.name.split(".", 1)[0]
        doc_number(name)  # raises on a bad name
        loaded = _READERS[track](path)
        if loaded.error:
            warnings.warn(f"Failed to load {path.name}: {loaded.error}", stacklevel=2)
        result[name] = loaded
    return result
