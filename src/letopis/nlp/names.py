"""Person name parts (first / middle / last) from a nominative name."""
from __future__ import annotations

import re
from functools import cache, lru_cache

_INITIAL = re.compile(r"^(?:[А-ЯЁA-Z]\.-?)+$|^[А-ЯЁA-Z]\.-[А-ЯЁA-Z]\.$")


@cache
def _morph():
    from letopis.nlp.morphology import analyzer  # loaded on first use

    return analyzer()


@lru_cache(maxsize=50_000)
def _kinds(word: str) -> frozenset[str]:
    """Name / Surn / Patr grammemes any likely parse of the word carries."""
    kinds = set()
    for p in _morph().parse(word)[:3]:
        kinds |= {g for g in ("Name", "Surn", "Patr") if g in p.tag}
    return frozenset(kinds)


def is_initial(word: str) -> bool:
    return bool(_INITIAL.match(word))


# Particles that belong to the surname after them: «Марин Ле Пен», «Массимо Де Сантис», «Усама бин Ладен».
PARTICLES = {"ле", "де", "ван", "фон", "дер", "ди", "да", "дель", "делла", "ла", "бин", "ибн", "аль", "эль", "ван-дер"}


def name_parts(normal: str) -> dict[str, str]:
    """{'first', 'middle', 'last'} present in a person's name; initials kept as written ("Г.")."""
    words = [w for w in normal.replace(",", " ").split() if w]
    if not words:
        return {}
    for k in range(1, len(words) - 1):
        if words[k].lower() in PARTICLES:  # the particle and what follows is the surname
            first = words[:k]
            return {"first": first[0], **({"middle": " ".join(first[1:])} if len(first) > 1 else {}),
                    "last": " ".join(words[k:])}
    kinds = [_kinds(w) if not is_initial(w) else frozenset({"Init"}) for w in words]
    if len(words) == 1:
        k = kinds[0]
        if "Name" in k and "Surn" not in k:
            return {"first": words[0]}
        if "Patr" in k:
            return {"middle": words[0]}
        return {"last": words[0]}
    if len(words) == 2:
        if "Surn" in kinds[0] and "Name" in kinds[1] and "Name" not in kinds[0]:
            return {"last": words[0], "first": words[1]}
        if "Patr" in kinds[1]:
            return {"first": words[0], "middle": words[1]}
        return {"first": words[0], "last": words[1]}
    if "Patr" in kinds[2] and "Patr" not in kinds[1]:
        return {"last": words[0], "first": words[1], "middle": words[2]}
    if len(words) == 3:
        return {"first": words[0], "middle": words[1], "last": words[2]}
    return {"first": words[0], "middle": " ".join(words[1:-1]), "last": words[-1]}
