"""Builds MADE-UP factRuEval-2016 std documents (all six files) for unit tests.

No real corpus text or gold lines are used: every test document is written from scratch in a tmp dir.
"""

from __future__ import annotations

import re
from pathlib import Path

_TOKEN = re.compile(r"\w+(?:-\w+)*|[^\w\s]")


class DocBuilder:
    """Tokenizes a made-up text and collects spans, mentions, coref entities and facts."""

    def __init__(self, text: str, *, token_base: int = 100, span_base: int = 500, mention_base: int = 900):
        if not text.endswith("\n"):
            text += "\n"
        self.text = text
        self.tokens = []  # (id, start, length, text)
        self.sentence_ends = set()
        for i, match in enumerate(_TOKEN.finditer(text)):
            self.tokens.append((str(token_base + i), match.start(), match.end() - match.start(), match.group()))
            if match.group() in ".!?":
                self.sentence_ends.add(i)
        self.spans = []  # (id, type, token indices)
        self.mentions = []  # (id, type, span ids)
        self.entities = []  # (id, mention ids, [(key, value)])
        self.facts = []  # (id, type, [(role, value)])
        self._span_id = span_base
        self._mention_id = mention_base
        self._entity_id = 1

    # ------------------------------------------------------------------ lookup helpers
    def find(self, phrase: str, occurrence: int = 0) -> list[int]:
        """Token indices of the ``occurrence``-th occurrence of ``phrase`` (matched token by token)."""
        words = [m.group() for m in _TOKEN.finditer(phrase)]
        texts = [t[3] for t in self.tokens]
        found = 0
        for i in range(len(texts) - len(words) + 1):
            if texts[i : i + len(words)] == words:
                if found == occurrence:
                    return list(range(i, i + len(words)))
                found += 1
        raise ValueError(f"{phrase!r} not in {self.text!r}")

    def offsets(self, phrase: str, occurrence: int = 0) -> tuple[int, int]:
        """(start, length) of a phrase, first token start to last token end."""
        idx = self.find(phrase, occurrence)
        start = self.tokens[idx[0]][1]
        end = self.tokens[idx[-1]][1] + self.tokens[idx[-1]][2]
        return start, end - start

    # ------------------------------------------------------------------ content
    def span(self, stype: str, phrase: str, occurrence: int = 0, *, span_id: str | None = None) -> str:
        sid = span_id or str(self._span_id)
        self._span_id += 1
        self.spans.append((sid, stype, self.find(phrase, occurrence)))
        return sid

    def mention(self, mtype: str, *span_ids: str, mention_id: str | None = None) -> str:
        mid = mention_id or str(self._mention_id)
        self._mention_id += 1
        self.mentions.append((mid, mtype, list(span_ids)))
        return mid

    def entity(self, mention_ids: list[str], attrs: list[tuple[str, str]], *, entity_id: str | None = None) -> str:
        eid = entity_id or str(self._entity_id)
        self._entity_id += 1
        self.entities.append((eid, list(mention_ids), list(attrs)))
        return eid

    def fact(self, ftype: str, args: list[tuple[str, str]]) -> str:
        fid = f"1-{len(self.facts)}"
        self.facts.append((fid, ftype, list(args)))
        return fid

    # ------------------------------------------------------------------ output
    def write(self, directory: str | Path, name: str = "book_1") -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        base = directory / name
        (directory / f"{name}.txt").write_text(self.text, encoding="utf-8")
        lines = []
        for i, (tid, start, length, text) in enumerate(self.tokens):
            lines.append(f"{tid} {start} {length} {text}")
            if i in self.sentence_ends:
                lines.append("")
        (directory / f"{name}.tokens").write_text("\n".join(lines) + "\n", encoding="utf-8")
        lines = []
        for sid, stype, idx in self.spans:
            toks = [self.tokens[i] for i in idx]
            start = toks[0][1]
            nchars = toks[-1][1] + toks[-1][2] - start
            ids = " ".join(t[0] for t in toks)
            texts = " ".join(t[3] for t in toks)
            lines.append(f"{sid} {stype} {start} {nchars} {toks[0][0]} {len(toks)}  # {ids} {texts}")
        (directory / f"{name}.spans").write_text("".join(l + "\n" for l in lines), encoding="utf-8")
        span_text = {sid: " ".join(self.tokens[i][3] for i in idx) for sid, _, idx in self.spans}
        lines = [
            f"{mid} {mtype} {' '.join(sids)} # {' '.join(span_text.get(s, '') for s in sids)}"
            for mid, mtype, sids in self.mentions
        ]
        (directory / f"{name}.objects").write_text("".join(l + "\n" for l in lines), encoding="utf-8")
        blocks = []
        for eid, mids, attrs in self.entities:
            blocks.append("\n".join([" ".join([eid] + mids)] + [f"{k} {v}" for k, v in attrs]))
        (directory / f"{name}.coref").write_text("".join(b + "\n\n" for b in blocks), encoding="utf-8")
        blocks = []
        for fid, ftype, args in self.facts:
            blocks.append("\n".join([f"{fid} {ftype}"] + [f"{r} {v}" for r, v in args]))
        (directory / f"{name}.facts").write_text("".join(b + "\n\n" for b in blocks), encoding="utf-8")
        return base


def romashka() -> DocBuilder:
    """The made-up sentence of FORMAT.md with an Org, a Person and a Location, entities and one fact."""
    b = DocBuilder("Глава компании «Ромашка» Иван Петров посетил Тверь.")
    descr = b.span("org_descr", "компании")
    name = b.span("org_name", "Ромашка")
    first = b.span("name", "Иван")
    last = b.span("surname", "Петров")
    job = b.span("job", "Глава")
    city = b.span("loc_name", "Тверь")
    org = b.mention("Org", descr, name)
    per = b.mention("Person", first, last)
    loc = b.mention("Location", city)
    b.entity([org], [("descriptor", "компания"), ("name", "Ромашка"), ("wikidata", "")], entity_id="1")
    b.entity([per], [("firstname", "Иван"), ("lastname", "Петров"), ("wikidata", "")], entity_id="2")
    b.entity([loc], [("name", "Тверь")], entity_id="3")
    b.fact("Occupation", [("Who", "obj2 Петров Иван"), ("Position", f"span{job} глава"), ("Where", "obj1 Ромашка")])
    b.job_span = job  # type: ignore[attr-defined]
    return b
