"""Loader of factRuEval-2016 standard ("std") documents (FORMAT.md §1).

A document ``book_N`` consists of six UTF-8 files: ``.txt``, ``.tokens``, ``.spans``, ``.objects``, ``.coref`` and
``.facts``. Offsets are code-point indices into the ``.txt`` content. Ids are kept as strings (the scorer sorts std
objects by id compared as strings).

Loader quirks reproduced from the official scripts:

* a span id that occurs twice in ``.spans`` keeps the later line;
* the tokens of a span are the ids listed after the ``"  # "`` separator (not the offset range);
* an ``.objects`` type other than Org/Organization/Person/Location/LocOrg/Project empties the whole document
  (no mentions, entities or facts; :attr:`StdDoc.emptied` is set).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

__all__ = [
    "Token",
    "Span",
    "Mention",
    "Entity",
    "Fact",
    "StdDoc",
    "KNOWN_OBJECT_TYPES",
    "load_document",
    "load_devset",
    "doc_number",
]

KNOWN_OBJECT_TYPES = frozenset({"Org", "Organization", "Person", "Location", "LocOrg", "Project"})
_DOC_NAME = re.compile(r"^book_(\d+)$")


@dataclass(frozen=True)
class Token:
    id: str
    start: int
    length: int
    text: str
    index: int  # position in the document-wide token order (file order)
    sentence: int  # 0-based sentence number (empty lines of .tokens)

    @property
    def end(self) -> int:
        return self.start + self.length


@dataclass(frozen=True)
class Span:
    id: str
    type: str
    start: int
    length: int
    first_token_id: str
    ntokens: int
    token_ids: tuple[str, ...]
    token_texts: tuple[str, ...]

    @property
    def end(self) -> int:
        return self.start + self.length


@dataclass(frozen=True)
class Mention:
    id: str
    type: str
    span_ids: tuple[str, ...]
    comment: str = ""


@dataclass(frozen=True)
class Entity:
    id: str
    mention_ids: tuple[str, ...]
    attrs: tuple[tuple[str, str], ...]  # (key, value) lines in file order, wikidata included


@dataclass(frozen=True)
class Fact:
    id: str
    type: str
    args: tuple[tuple[str, str], ...]  # (role, value) lines in file order, special lines included


@dataclass(frozen=True)
class StdDoc:
    name: str
    text: str
    tokens: tuple[Token, ...]
    spans: tuple[Span, ...]
    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    emptied: bool = False

    @property
    def number(self) -> int:
        return doc_number(self.name)

    @cached_property
    def token_by_id(self) -> dict[str, Token]:
        return {t.id: t for t in self.tokens}

    @cached_property
    def span_by_id(self) -> dict[str, Span]:
        return {s.id: s for s in self.spans}

    @cached_property
    def mention_by_id(self) -> dict[str, Mention]:
        return {m.id: m for m in self.mentions}

    @cached_property
    def entity_by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def span_tokens(self, span: Span) -> list[Token]:
        return [self.token_by_id[i] for i in span.token_ids if i in self.token_by_id]

    def mention_spans(self, mention: Mention) -> list[Span]:
        return [self.span_by_id[i] for i in mention.span_ids if i in self.span_by_id]

    def mention_tokens(self, mention: Mention) -> list[Token]:
        """Tokens of all spans of a mention, deduplicated, in document order."""
        seen: dict[str, Token] = {}
        for span in self.mention_spans(mention):
            for tok in self.span_tokens(span):
                seen[tok.id] = tok
        return sorted(seen.values(), key=lambda t: t.index)


def doc_number(name: str) -> int:
    match = _DOC_NAME.match(name)
    if not match:
        raise ValueError(f"bad factRuEval document name {name!r} (expected book_<int>)")
    return int(match.group(1))


def _read_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip() == "":
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _load_tokens(lines: list[str]) -> tuple[Token, ...]:
    tokens: list[Token] = []
    sentence = 0
    for line in lines:
        if line.strip() == "":
            if tokens and tokens[-1].sentence == sentence:
                sentence += 1
            continue
        tid, start, length, text = line.split(" ", 3)
        tokens.append(Token(tid, int(start), int(length), text, len(tokens), sentence))
    return tuple(tokens)


def _load_spans(lines: list[str]) -> tuple[Span, ...]:
    spans: dict[str, Span] = {}
    for line in lines:
        if line.strip() == "":
            continue
        head, sep, tail = line.partition("  # ")
        fields = head.split()
        sid, stype, start, nchars, first, ntok = fields[:6]
        n = int(ntok)
        rest = tail.split(" ") if sep else []
        ids = tuple(rest[:n]) if sep else ()
        texts = tuple(rest[n:]) if sep else ()
        spans[sid] = Span(sid, stype, int(start), int(nchars), first, n, ids, texts)
    return tuple(spans.values())


def _load_objects(lines: list[str]) -> tuple[Mention, ...]:
    mentions: list[Mention] = []
    for line in lines:
        if line.strip() == "":
            continue
        head, _, comment = line.partition(" # ")
        fields = head.split()
        if head.rstrip().endswith("#"):
            fields = fields[:-1]
        mentions.append(Mention(fields[0], fields[1], tuple(fields[2:]), comment))
    return tuple(mentions)


def _load_coref(lines: list[str]) -> tuple[Entity, ...]:
    entities: list[Entity] = []
    for block in _blocks(lines):
        ids = block[0].split()
        attrs = []
        for line in block[1:]:
            key, _, value = line.partition(" ")
            attrs.append((key, value))
        entities.append(Entity(ids[0], tuple(ids[1:]), tuple(attrs)))
    return tuple(entities)


def _load_facts(lines: list[str]) -> tuple[Fact, ...]:
    facts: list[Fact] = []
    for block in _blocks(lines):
        head = block[0].split()
        fid, ftype = head[0], (head[1] if len(head) > 1 else "")
        args = []
        for line in block[1:]:
            role, _, value = line.partition(" ")
            args.append((role, value))
        facts.append(Fact(fid, ftype, tuple(args)))
    return tuple(facts)


def load_document(directory: str | Path, name: str) -> StdDoc:
    """Load the std document ``name`` (e.g. ``book_100``) from ``directory``."""
    base = Path(directory) / name
    text = (
        Path(f"{base}.txt").read_text(encoding="utf-8-sig") if Path(f"{base}.txt").exists() else ""
    )
    tokens = _load_tokens(_read_lines(Path(f"{base}.tokens")))
    spans = _load_spans(_read_lines(Path(f"{base}.spans")))
    mentions = _load_objects(_read_lines(Path(f"{base}.objects")))
    entities = _load_coref(_read_lines(Path(f"{base}.coref")))
    facts = _load_facts(_read_lines(Path(f"{base}.facts")))
    emptied = any(m.type not in KNOWN_OBJECT_TYPES for m in mentions)
    if emptied:
        mentions, entities, facts = (), (), ()
    return StdDoc(name, text, tokens, spans, mentions, entities, facts, emptied)


def load_devset(directory: str | Path) -> list[StdDoc]:
    """Load every ``book_N`` document of a factRuEval-2016 std directory, sorted by N."""
    directory = Path(directory)
    names = set()
    for path in directory.iterdir():
        stem = path.name.split(".", 1)[0]
        if _DOC_NAME.match(stem) and path.suffix in {".txt", ".tokens", ".objects"}:
            names.add(stem)
    return [load_document(directory, name) for name in sorted(names, key=doc_number)]
