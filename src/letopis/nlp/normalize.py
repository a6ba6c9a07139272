"""Nominative forms where natasha's normalizer leaves a name as it was, and ё kept as written."""
from __future__ import annotations

from letopis.nlp.names import _morph

CASES = {"Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
GENDERS = {"Masc": "masc", "Fem": "femn"}
NAME_TAGS = ("Surn", "Name", "Patr")


def restore_yo(normal: str, surface: str) -> str:
    """natasha folds ё to е («Мирзиёев» -> «Мирзиеев»); put back the ё the text wrote."""
    if "ё" not in surface.lower():
        return normal
    out = []
    for word in normal.split(" "):
        fixed = word
        for src in surface.split():
            n = min(len(word), len(src))
            k = 0
            while k < n and word[k].lower().replace("ё", "е") == src[k].lower().replace("ё", "е"):
                k += 1
            if k >= max(3, n - 3):
                fixed = "".join(s if s.lower() == "ё" and w.lower() == "е" else w for w, s in zip(word[:k], src[:k])) + word[k:]
                break
        out.append(fixed)
    return " ".join(out)


def _same_shape(word: str, surface: str) -> str:
    parts, src = word.split("-"), surface.split("-")
    return "-".join(p.capitalize() if i < len(src) and src[i][:1].isupper() else p for i, p in enumerate(parts))


def person_word(word: str, feats: dict) -> str:
    """One word of a person's name in the nominative, read from its case and gender."""
    case = CASES.get(feats.get("Case", ""))
    if case is None:
        return word
    gender = GENDERS.get(feats.get("Gender", ""))
    parses = _morph().parse(word)
    for strict in (True, False):
        for p in parses:
            if p.tag.case != case or p.tag.number == "plur":
                continue
            if gender and p.tag.gender and p.tag.gender != gender:
                continue
            if strict and not any(t in p.tag for t in NAME_TAGS):
                continue
            inflected = p.inflect({"nomn"} | ({gender} if gender and strict else set()))
            if inflected and (p.is_known or strict):
                return _same_shape(inflected.word, word)
    return guess_masculine_surname(word, feats)


# Case endings of a masculine foreign surname the dictionary does not know
# («Райкконена» -> «Райкконен», «Леманом» -> «Леман»): stripped only when the parser
# says the word is masculine, in that case, and no dictionary word explains it.
MASC_ENDINGS = {"Gen": ("а", "я"), "Acc": ("а", "я"), "Dat": ("у", "ю"), "Ins": ("ом", "ем"), "Loc": ("е",)}


def guess_masculine_surname(word: str, feats: dict) -> str:
    if feats.get("Gender") != "Masc" or any(p.is_known for p in _morph().parse(word)):
        return word
    for ending in MASC_ENDINGS.get(feats.get("Case", ""), ()):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and stem[-1].lower() not in "аеёиоуыэюяьй":
            return stem
    return word


def normalize_person(words: list[tuple[str, dict]]) -> str:
    return " ".join(person_word(w, f) for w, f in words)


PUNCT = ".,:;!?«»„“”\"()-–/"


def tidy_spacing(normal: str, surface: str) -> str:
    """natasha joins tokens with spaces («Лента . ру», «РИА « Новости »»): keep the text's own spacing."""
    for c in set(normal) & set(PUNCT):
        if f" {c}" in normal and f" {c}" not in surface:
            normal = normal.replace(f" {c}", c)
        if f"{c} " in normal and f"{c} " not in surface:
            normal = normal.replace(f"{c} ", c)
    return normal
