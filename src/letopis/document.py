"""The records of one article and the Document that holds them.

Every annotation is a small frozen dataclass with ``start``/``end`` offsets
into ``Document.text``; ``text[start:end] == record.text`` always holds.
JSON round trips are exact: ``Document.from_json(doc.to_json()) == doc``.
Money is a ``Decimal``, serialized as a string.
"""
from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, Optional, Union

SCHEMA_VERSION = "1.0"


class Record:
    """JSON conversion shared by all records (driven by the type hints)."""

    def to_json(self) -> dict:
        return {f.name: _encode(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_json(cls, data: dict):
        hints = _hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):
            if f.name in data:
                kwargs[f.name] = _decode(hints[f.name], data[f.name])
        return cls(**kwargs)


@cache
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _encode(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_json()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return _decode(args[0], value)
        for arg in args:  # str | Span style unions: dicts are records, the rest is kept
            if isinstance(arg, type) and issubclass(arg, Record) and isinstance(value, dict):
                return arg.from_json(value)
        return value
    if origin is tuple:
        (item, *_rest) = typing.get_args(hint) or (Any,)
        return tuple(_decode(item, v) for v in value)
    if origin is dict:
        _key, item = typing.get_args(hint) or (Any, Any)
        return {k: _decode(item, v) for k, v in value.items()}
    if hint is Decimal:
        return Decimal(str(value))
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_json(value)
    return value


@dataclass(frozen=True)
class Sentence(Record):
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Token(Record):
    start: int
    end: int
    text: str
    lemma: str = ""
    pos: str = ""
    feats: dict[str, str] = field(default_factory=dict)
    head: int = -1  # index of the head token in the document's token layer; -1 = root
    rel: str = ""
    sentence: int = 0


@dataclass(frozen=True)
class Mention(Record):
    start: int
    end: int
    text: str
    type: str  # coarse: PER, ORG, LOC, LOCORG (fine NEREL type in ``fine``)
    normal: str = ""
    entity: Optional[str] = None
    fine: str = ""
    parts: dict[str, str] = field(default_factory=dict)  # persons: first, last, middle
    source: str = ""  # which component produced it (natasha, post, org-rule ...)


@dataclass(frozen=True)
class Role(Record):
    post: str  # nominative, as the text capitalizes it ("Председатель")
    organization: Optional[str] = None  # entity id
    country: Optional[str] = None  # entity id
    organization_name: str = ""  # readable copies of the linked entities' names
    country_name: str = ""
    qualifiers: tuple[str, ...] = ()
    start: int = 0  # text[start:end] is the post as written («Председателем Халк Маслахаты» -> «Председателем»)
    end: int = 0


@dataclass(frozen=True)
class Entity(Record):
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    wikidata: Optional[str] = None
    parts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Arg(Record):
    """One argument of a fact: an entity id, or a span of text holding a value."""

    role: str
    entity: Optional[str] = None
    value: str = ""
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass(frozen=True)
class Fact(Record):
    type: str  # Occupation, Meeting, Deal, Ownership
    args: tuple[Arg, ...]
    start: int
    end: int
    modality: str = "asserted"  # asserted / planned / negated / hypothetical
    attrs: dict[str, str] = field(default_factory=dict)  # format, kind, phase ...


@dataclass(frozen=True)
class Quote(Record):
    start: int
    end: int
    text: str
    speaker: Optional[str] = None  # entity id
    cue: str = ""  # verb of speech, lemma
    kind: str = "direct"  # direct / indirect
    speaker_start: Optional[int] = None  # the mention the speaker was read from
    speaker_end: Optional[int] = None


@dataclass(frozen=True)
class Amount(Record):
    start: int
    end: int
    text: str
    value: Decimal
    unit: str = ""  # money: currency; percent: "%"; counts: the counted noun
    currency: Optional[str] = None  # ISO 4217
    kind: str = "money"  # money / percent / count
    measure: str = ""  # what it measures, e.g. "товарооборот"
    qualifier: str = ""  # target / actual / approx ...


@dataclass(frozen=True)
class Event(Record):
    start: int
    end: int
    text: str
    cameo: str
    plover: str = ""
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    actor1_code: str = ""
    actor2_code: str = ""
    place: str = ""
    date: str = ""
    quad_class: int = 0
    goldstein: float = 0.0


@dataclass(frozen=True)
class Dropped(Record):
    """A line of the raw page the cleaner removed, and the rule that removed it."""

    line: int
    text: str
    rule: str


LAYERS = ("sentences", "tokens", "mentions", "entities", "facts", "quotes", "amounts", "events")


@dataclass
class Document(Record):
    """One article. ``text`` is fixed once the cleaner has produced it."""

    id: str
    text: str
    title: str = ""
    published: Optional[str] = None  # ISO 8601 date or datetime
    place: Optional[str] = None
    attribution: Optional[str] = None
    url: Optional[str] = None
    site: Optional[str] = None
    source: str = ""  # where it was read from: a path, "path:line", "-"
    lang: str = "ru"
    dropped: tuple[Dropped, ...] = ()
    header: dict[str, Any] = field(default_factory=dict)  # offsets of title/place/attribution, date text
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    amounts: tuple[Amount, ...] = ()
    events: tuple[Event, ...] = ()
    version: str = SCHEMA_VERSION

    def __setattr__(self, name, value):
        if name == "text" and "text" in self.__dict__:
            raise AttributeError("Document.text is fixed after cleaning")
        super().__setattr__(name, value)

    def to_json(self) -> dict:
        data = super().to_json()
        data["header"] = dict(self.header)
        return data

    def check_offsets(self) -> list[str]:
        """Problems with offsets in every layer (empty when all are exact)."""
        problems = []
        for layer in LAYERS:
            for i, rec in enumerate(getattr(self, layer)):
                if not hasattr(rec, "start"):
                    continue
                if not 0 <= rec.start <= rec.end <= len(self.text):
                    problems.append(f"{layer}[{i}] out of range {rec.start}:{rec.end}")
                elif hasattr(rec, "text") and self.text[rec.start:rec.end] != rec.text:
                    problems.append(f"{layer}[{i}] text {rec.text!r} != {self.text[rec.start:rec.end]!r}")
        return problems


def content_id(text: str) -> str:
    """A stable id from the cleaned text (the same story gets the same id)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

