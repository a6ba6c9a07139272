"""Name normalization shared by resolution and lookup."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from letopis.store.textindex import fold

_QUOTES = "«»\"“”„'`’"
_DASHES = re.compile(r"\s*[‐‑‒–—-]\s*")
_INITIAL = re.compile(r"^[^\W\d_]\.(?:-?[^\W\d_]\.)*$")
_NAME_TOKEN = re.compile(r"[^\W\d_]\.(?:-?[^\W\d_]\.)*|[^\s.,]+")
_PATRONYMIC = re.compile(r"(?:вич|вна|чна|ична|оглы|кызы|улы|ұлы|қызы)$", re.IGNORECASE)

TYPE_GROUPS = {"LOC": "LOC", "LOCORG": "LOC", "GPE": "LOC", "COUNTRY": "LOC", "CITY": "LOC"}

# Aliases that name a post or a kind of thing, not one entity: never used to link
# across articles (an article's "Президент" is its own president, not everyone's).
GENERIC_ALIASES = frozenset({
    "президент", "глава государства", "глава", "премьер", "премьер-министр", "министр", "лидер",
    "председатель", "вице-премьер", "посол", "спикер", "губернатор", "аким", "мэр", "директор",
    "руководитель", "генеральный директор", "ведомство", "министерство", "правительство",
    "компания", "страна", "республика", "государство", "город", "столица", "сторона", "стороны",
    "пресс-служба", "парламент", "администрация",
})


def tgroup(entity_type: str) -> str:
    """Resolution group: a country acting (LOCORG) and a country as a place (LOC) are one entity."""
    return TYPE_GROUPS.get(entity_type.upper(), entity_type.upper())


def norm(name: str) -> str:
    """Lower case, ё -> е, no quotes, one space, tight hyphens: "«КазМунайГаз»" -> "казмунайгаз"."""
    s = fold(name.strip())
    s = s.translate({ord(c): " " for c in _QUOTES})
    s = _DASHES.sub("-", s)
    return " ".join(s.split()).strip(" .,;:")


def usable_alias(alias: str) -> bool:
    n = norm(alias)
    return len(n) >= 2 and any(c.isupper() for c in alias) and n not in GENERIC_ALIASES


def is_initial(token: Optional[str]) -> bool:
    return bool(token) and bool(_INITIAL.match(token.strip()))


def initials(token: str) -> list[str]:
    """["к", "ж"] for "Касым-Жомарт" and for "К.-Ж."."""
    return [p[0] for p in norm(token).replace(".", " ").replace("-", " ").split() if p]


@dataclass(frozen=True)
class PersonName:
    first: Optional[str] = None
    middle: Optional[str] = None
    last: Optional[str] = None

    @property
    def last_norm(self) -> Optional[str]:
        return norm(self.last) if self.last else None


def person_name(name: str, parts: Optional[dict] = None) -> PersonName:
    """Split a person's name: "Касым-Жомарт Токаев", "Иванов Иван Иванович", "К. Токаев"."""
    parts = parts or {}
    if parts.get("last"):
        return PersonName(parts.get("first") or None, parts.get("middle") or None, parts["last"])
    t = _NAME_TOKEN.findall(name)
    if not t:
        return PersonName()
    if len(t) == 1:
        return PersonName(last=None if is_initial(t[0]) else t[0])
    if len(t) == 2:
        if is_initial(t[1]) and not is_initial(t[0]):
            return PersonName(first=t[1], last=t[0])
        return PersonName(first=t[0], last=t[1])
    if len(t) == 3:
        if _PATRONYMIC.search(t[2]) or (is_initial(t[1]) and is_initial(t[2]) and not is_initial(t[0])):
            return PersonName(first=t[1], middle=t[2], last=t[0])
        return PersonName(first=t[0], middle=t[1], last=t[2])
    return PersonName(first=t[0], middle=" ".join(t[1:-1]), last=t[-1])


def given_compatible(a: Optional[str], b: Optional[str]) -> Optional[str]:
    """How two first (or middle) names agree: "same", "initial", "missing"; None when they conflict."""
    if not a or not b:
        return "missing"
    if is_initial(a) or is_initial(b):
        ia, ib = initials(a), initials(b)
        n = min(len(ia), len(ib))
        return "initial" if ia[:n] == ib[:n] else None
    return "same" if norm(a) == norm(b) else None
