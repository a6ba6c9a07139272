"""A scraped page -> the cleaned article text, what was dropped and why, and the header.

Lines are judged one by one by the rules in ``rules.RULES`` (first that fires
wins); kept lines become paragraphs joined by one blank line. The headline
and the dateline stay in the text, so their mentions get offsets too.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import NamedTuple, Optional

from letopis.clean.base import Cleaned
from letopis.clean.header import Header, Paragraph, place_meta_title, read_header
from letopis.clean.rules import (
    LineContext,
    author_last_line,
    ends_like_sentence,
    first_rule,
    more_block,
    more_block_item,
    opens_more_block,
    split_glued_crumb,
)
from letopis.document import Dropped

PARAGRAPH_BREAK = "\n\n"
HEADER_PARAGRAPHS = 8  # the header reader sees this many leading paragraphs (title, place, lead and spare)
MIN_KEPT_BEFORE_BLOCK = 2  # a "more" list is read as one only below the headline and a paragraph:
# above the article a sidebar's items cannot be told from the headline, so they are kept
MEMO_LEN = 80  # verdicts on lines up to this long are memoized: furniture repeats, prose rarely does
MEMO_SIZE = 100_000  # the memo is emptied when it grows past this many lines
GC_PAUSE_CHARS = 1_000_000  # above this, the cyclic GC is paused: millions of small records made it 5x slower
BORDERLINE_LEN = 80  # kept lines this short could pass for furniture: --explain says why they stayed
_QUOTE_OPENERS = "–—-«\"„"


class Verdict(NamedTuple):
    line: int  # 1-based line number in the raw page
    raw: str  # the line as it came (for a split glued crumb: the crumb)
    text: str  # the line stripped: what goes into the cleaned text
    rule: Optional[str]  # the rule that dropped it; None when kept


def clean_text(raw: str, meta: dict | None = None, explain: bool = False) -> Cleaned:
    """Clean one scraped page.

    ``meta`` may hold ``title`` (wins over the text's headline) and
    ``published`` (ISO, wins over dates read from the page). ``dropped`` lists
    every non-blank line that was removed; with ``explain=True`` it lists the
    blank lines too, so that every raw line is accounted for.
    """
    meta = meta or {}
    with _gc_paused(len(raw) > GC_PAUSE_CHARS):
        verdicts = judge_lines(raw)
        text, _paragraphs, header = _assemble(verdicts, meta)
        dropped = tuple(Dropped(v.line, v.raw, v.rule) for v in verdicts
                        if v.rule is not None and (explain or v.rule != "empty_line"))
    return Cleaned(text=text, dropped=dropped, title=header.title, place=header.place,
                   attribution=header.attribution, published=header.published, header=header.offsets)


def explain_lines(raw: str, meta: dict | None = None) -> list[tuple[int, str, str]]:
    """(line number, rule name or "kept[: reason]", text) for every raw line, for ``--explain``."""
    verdicts = judge_lines(raw)
    _text, paragraphs, header = _assemble(verdicts, meta or {})
    roles = _roles(paragraphs, header)
    return [(v.line, v.rule or keep_reason(v.text, roles.get(v.line)), v.text if v.rule is None else v.raw)
            for v in verdicts]


def keep_reason(text: str, role: Optional[str] = None) -> str:
    """Why a kept line was kept, said only for lines short enough to be borderline."""
    if role:
        return f"kept: {role}"
    if len(text) > BORDERLINE_LEN:
        return "kept"
    if ends_like_sentence(text):
        return "kept: ends like a sentence"
    if text[0] in _QUOTE_OPENERS:
        return "kept: a quote"
    return "kept: no rule matched"


def judge_lines(raw: str) -> list[Verdict]:
    """One verdict per raw line (two for a crumb glued to the headline), in order."""
    ctx = LineContext()
    verdicts: list[Verdict] = []
    memo: dict = {}
    tail = None  # the last line kept (or listed under a "more" heading) and the context it was judged in
    for number, line in enumerate(raw.splitlines(), 1):
        text = line.strip()
        ctx.number = number
        if ctx.top and text:
            crumb, rest = split_glued_crumb(text)
            if crumb and rest:  # "ГлавнаяМирТокаев провел ...": drop the crumb, judge the rest
                verdicts.append(Verdict(number, crumb, crumb, "nav_crumb_glued"))
                text = rest
        rule = _judge(text, ctx, memo)
        if rule is None or rule is more_block_item:
            tail = (len(verdicts), ctx.top, ctx.kept, ctx.in_more_block)
        if rule is None:
            verdicts.append(Verdict(number, line, text, None))
            ctx.kept += 1
            ctx.top = ctx.in_more_block = False
        else:
            verdicts.append(Verdict(number, line if text == line.strip() else text, text, rule.__name__))
            if rule is more_block and ctx.kept >= MIN_KEPT_BEFORE_BLOCK and opens_more_block(text):
                ctx.in_more_block = True
    if tail is not None:  # second pass: the page's last line may be its author
        i, top, kept, in_more_block = tail
        last = LineContext(number=verdicts[i].line, top=top, kept=kept, in_more_block=in_more_block, last=True)
        if first_rule(verdicts[i].text, last) is author_last_line:
            v = verdicts[i]
            verdicts[i] = Verdict(v.line, v.raw, v.text, author_last_line.__name__)
    return verdicts


@contextmanager
def _gc_paused(pause: bool):
    """Pause the cycle collector while building many records (nothing here makes cycles)."""
    was_enabled = gc.isenabled()
    if pause and was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if pause and was_enabled:
            gc.enable()


def _judge(text: str, ctx: LineContext, memo: dict):
    """``first_rule`` with a memo for short lines (in the first pass no rule reads ctx.kept)."""
    if len(text) > MEMO_LEN:
        return first_rule(text, ctx)
    key = (text, ctx.top, ctx.in_more_block)
    rule = memo.get(key, memo)
    if rule is memo:
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        rule = memo[key] = first_rule(text, ctx)
    return rule


def _assemble(verdicts: list[Verdict], meta: dict) -> tuple[str, list[Paragraph], Header]:
    """The cleaned text, its leading paragraphs and what the header reader found in them."""
    kept = [v for v in verdicts if v.rule is None]
    texts = place_meta_title([v.text for v in kept], meta)
    lines = ([0] if len(texts) > len(kept) else []) + [v.line for v in kept]
    text = PARAGRAPH_BREAK.join(texts)
    paragraphs, start = [], 0
    for para, line in zip(texts[:HEADER_PARAGRAPHS], lines):
        paragraphs.append(Paragraph(start, para, line))
        start += len(para) + len(PARAGRAPH_BREAK)
    date_lines = [(v.line, v.text) for v in verdicts if v.rule == "page_date"]
    return text, paragraphs, read_header(paragraphs, date_lines, meta)


def _roles(paragraphs: list[Paragraph], header: Header) -> dict[int, str]:
    """Raw line numbers of the headline and the dateline."""
    roles = {}
    for key, role in (("title", "headline"), ("place", "dateline")):
        if key in header.offsets:
            start, end = header.offsets[key]
            for para in paragraphs:
                if para.start <= start and end <= para.start + len(para.text):
                    roles[para.line] = role
    return roles
