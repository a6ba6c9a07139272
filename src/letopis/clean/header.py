"""What the leading lines of a page say about the article.

The headline, the dateline place ("г. Туркестан", "МОСКВА, 5 марта — ..."),
the attribution ("сообщает пресс-служба Акорды", "КАЗИНФОРМ", "/ТАСС/") and
the publish date. Offsets of title, place and attribution point into the
cleaned text, which this module only reads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from letopis.clean.dates import MONTH, day_month, month_number, parse_date
from letopis.clean.rules import MAX_HEADLINE_LEN

TITLE_SEARCH_PARAGRAPHS = 3  # a meta title is looked for among the first paragraphs only
PLACE_SEARCH_PARAGRAPHS = 4  # the dateline sits within the first paragraphs (title, place, lead)
ATTRIBUTION_PARAGRAPHS = 3  # "сообщает ..." is read from the lead and the next two paragraphs
HEAD_SCAN_CHARS = 2000  # no more of one paragraph is searched (keeps huge inputs linear)
MAX_ATTRIBUTION_WORDS = 8  # "пресс-служба Министерства иностранных дел Республики Казахстан" is 7

_CAPS_PLACE = r"[А-ЯЁ]{2,}(?:[- ][А-ЯЁ]{2,}){0,3}"
_TITLE_PLACE = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+){0,2}(?: [А-ЯЁ][а-яё]+)?"
_AGENCY = r"[A-ZА-ЯЁ][\w.]*(?:\s+[A-ZА-ЯЁ][\w.]*){0,2}"
DATELINE = re.compile(
    rf"(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE})\s*[,.]\s*"
    rf"(?P<day>\d{{1,2}})\s+(?P<month>(?i:{MONTH}))\.?"
    r"(?:\s*,?\s*(?P<year>\d{4})(?:\s*(?:г\.|года?))?)?"
    r"(?:\s*[.,]?\s*/(?P<slashed>[^/\n]{1,40})/"  # МОСКВА, 5 марта. /ТАСС/.
    rf"|\s*\.\s*(?P<dotted>{_AGENCY})\s*[—–-]\s"  # Астана. 12 мая. КАЗИНФОРМ - ...
    rf"|\s*\.?\s*[—–-]\s*(?:(?P<dashed>{_AGENCY})\.\s)?"  # МОСКВА, 5 мар — РИА Новости. ...
    r"|\.\s+(?=[А-ЯЁA-Z«\"])"  # Астана, 21 мая. В Астане ...
    r"|\s*$)"
)
CITY_LINE = re.compile(r"(?:г\.|гор\.|город)\s*(?P<place>[А-ЯЁ][А-ЯЁа-яё-]*(?: [А-ЯЁ][А-ЯЁа-яё-]*)?)\.?")

_VERB = (r"(?:сообща(?:ет|ют)|сообщил[аои]?|переда[её]т|передают|пишет|пишут|информиру(?:ет|ют)"
         r"|уточня(?:ет|ют)|поясня(?:ет|ют)|пояснил[аои]?)")
_WORD = r"(?:[^\s,;:!?()«»\"—–.]|\.(?=\S))+"
ATTRIBUTION = re.compile(
    rf"(?:^|(?<=[,(—–])\s*)(?:[Кк]ак\s+)?"
    rf"(?:{_VERB}\s+(?:во?\s+)?|[Пп]о\s+(?:данным|информации|сведениям)\s+|со\s+ссылкой\s+на\s+)"
    rf"(?P<who>{_WORD}(?:\s+{_WORD}){{0,{MAX_ATTRIBUTION_WORDS - 1}}})"
    r"(?=\s*(?:[.,;:!?)]|\s[—–]\s|$))"
)
_NOT_A_SOURCE = frozenset((  # first words after a verb of reporting that name no source
    "о", "об", "что", "том", "своем", "своём", "его", "ее", "её", "их", "это", "также", "ранее",
    "журналистам", "корреспонденту", "корреспондентам", "изданию", "агентству", "нам", "сегодня",
))
_CUT_SOURCE = re.compile(r"\s+(?:со ссылкой на|в (?:своем|своём|официальном|telegram|телеграм)|сегодня|ранее)\b.*")
_SITE_SEPARATORS = ("|", "—", "–", "-", ":", "·", "/")
_LOWER_PARTICLES = frozenset(("на", "де", "да", "ла", "ле", "дель", "над", "под"))


@dataclass(frozen=True)
class Header:
    title: str = ""
    place: Optional[str] = None
    attribution: Optional[str] = None
    published: Optional[str] = None
    offsets: dict[str, Any] = field(default_factory=dict)  # Cleaned.header


@dataclass(frozen=True)
class _Found:
    text: str  # as written in the text
    span: list[int]  # [start, end] in the cleaned text
    value: str  # normalized (a place in title case)

    @classmethod
    def of(cls, para: "Paragraph", m: re.Match, group: str, value: str = "") -> "_Found":
        text = m[group].strip()
        start = para.start + m.start(group) + (len(m[group]) - len(m[group].lstrip()))
        return cls(text, [start, start + len(text)], value or text)


@dataclass(frozen=True)
class Paragraph:
    start: int  # offset in the cleaned text
    text: str
    line: int  # raw line number; 0 for a title taken from meta


def place_meta_title(paragraphs: list[str], meta: dict) -> list[str]:
    """Put the title from meta in front when the text holds no headline of its own."""
    title = _meta_title(meta)
    if not title or _find_title(paragraphs, title) is not None:
        return paragraphs
    first = next((p for p in paragraphs if not _place_only(p)), None)
    if first is not None and looks_like_headline(first):
        return paragraphs
    return [title, *paragraphs]


def read_header(paragraphs: list[Paragraph], date_lines: list[tuple[int, str]], meta: dict) -> Header:
    """Title, place, attribution and publish date from the first paragraphs.

    ``date_lines`` are (raw line number, text) of page date lines the rules
    dropped; a publish date is read from those above the article body.
    """
    offsets: dict[str, Any] = {}
    title_at = _title_index(paragraphs, meta)
    title = _meta_title(meta)
    if title_at is not None:
        para = paragraphs[title_at]
        title = title or para.text
        offsets["title"] = [para.start, para.start + len(para.text)]
    body = [i for i in range(len(paragraphs)) if i != title_at]

    place, attribution, dateline = None, None, None
    for i in body[:PLACE_SEARCH_PARAGRAPHS]:
        found = _city_line(paragraphs[i]) or _dateline(paragraphs[i])
        if found:
            place, agency, dateline = found
            offsets["place"] = place.span
            attribution = agency
            break
    if attribution is None:
        lead = [paragraphs[i] for i in body if not _place_only(paragraphs[i].text)]
        attribution = next(filter(None, map(_attribution, lead[:ATTRIBUTION_PARAGRAPHS])), None)
    if attribution is not None:
        offsets["attribution"] = attribution.span

    published = _meta_published(meta)
    if published is None:
        published = _published(paragraphs, body, date_lines, dateline, offsets)
    return Header(title=title, place=place.value if place else None,
                  attribution=attribution.text if attribution else None, published=published, offsets=offsets)


def looks_like_headline(text: str) -> bool:
    """One line, headline length, at least two words, no sentence full stop."""
    return (len(text) <= MAX_HEADLINE_LEN and len(text.split()) >= 2
            and not (text.endswith(".") and not text.endswith("..")))


def normalize_place(name: str) -> str:
    """"МОСКВА" -> "Москва", "РОСТОВ-НА-ДОНУ" -> "Ростов-на-Дону"; other spellings as written."""
    if not name.isupper():
        return name
    words = []
    for word in name.split():
        parts = [p.lower() if p.lower() in _LOWER_PARTICLES and i else p.capitalize()
                 for i, p in enumerate(word.split("-"))]
        words.append("-".join(parts))
    return " ".join(words)


# ---- pieces ------------------------------------------------------------------


def _meta_title(meta: dict) -> str:
    """The title from meta, less a " | Site" tail when meta names the site."""
    title = " ".join(str(meta.get("title") or "").split())
    site = " ".join(str(meta.get("site") or "").split())
    if site and title.endswith(site):
        head = title[: -len(site)].rstrip()
        if head[-1:] in _SITE_SEPARATORS and head[:-1].strip():
            return head[:-1].rstrip()
    return title


def _meta_published(meta: dict) -> Optional[str]:
    value = meta.get("published")
    return str(value) if value else None


def _find_title(paragraphs: list[str], title: str) -> Optional[int]:
    for i, text in enumerate(paragraphs[:TITLE_SEARCH_PARAGRAPHS]):
        if " ".join(text.split()) == title:
            return i
    return None


def _title_index(paragraphs: list[Paragraph], meta: dict) -> Optional[int]:
    title = _meta_title(meta)
    if title:
        return _find_title([p.text for p in paragraphs], title)
    for i, para in enumerate(paragraphs[:PLACE_SEARCH_PARAGRAPHS]):
        if _place_only(para.text):
            continue
        return i if looks_like_headline(para.text) and not DATELINE.match(para.text) else None
    return None


def _place_only(text: str) -> bool:
    """A dateline alone on its line: "г. Туркестан", "Алматы, 5 марта"."""
    if CITY_LINE.fullmatch(text):
        return True
    m = DATELINE.match(text)
    return m is not None and m.end() == len(text)


def _city_line(para: Paragraph):
    m = CITY_LINE.fullmatch(para.text)
    return m and (_Found.of(para, m, "place", normalize_place(m["place"])), None, None)


def _dateline(para: Paragraph):
    m = DATELINE.match(para.text[:HEAD_SCAN_CHARS])
    if not m:
        return None
    agency = next((_Found.of(para, m, g) for g in ("slashed", "dotted", "dashed") if m[g]), None)
    return _Found.of(para, m, "place", normalize_place(m["place"])), agency, m


def _attribution(para: Paragraph):
    for m in ATTRIBUTION.finditer(para.text[:HEAD_SCAN_CHARS]):
        who = _CUT_SOURCE.sub("", m["who"])
        if who.split()[0].lower() not in _NOT_A_SOURCE:
            start = para.start + m.start("who")
            return _Found(who, [start, start + len(who)], who)
    return None


def _published(paragraphs, body, date_lines, dateline, offsets) -> Optional[str]:
    # the head ends where the second body paragraph starts: page dates above it are the article's
    prose = [paragraphs[i].line for i in body if not _place_only(paragraphs[i].text)]
    head_end = prose[1] if len(prose) > 1 else float("inf")
    for line, text in date_lines:
        if line < head_end and (iso := parse_date(text)):
            offsets["date_text"] = text
            return iso
    if dateline is None:
        return None
    date_text = dateline.string[dateline.start("day"):dateline.end("year" if dateline["year"] else "month")]
    offsets["date_text"] = date_text
    if dateline["year"]:
        return parse_date(date_text)
    if day_month(date_text):
        day, month = int(dateline["day"]), month_number(dateline["month"])
        offsets["date_partial"] = f"--{month:02d}-{day:02d}"
    return None
