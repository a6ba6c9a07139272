"""JSON Lines: one article per line, as a scraper (or letopis itself) wrote it.

A line holds ``text`` (already flattened) or ``html``, and may hold id, url,
title, published and site. Of letopis's own output objects only those keys
are read. A bad line becomes one ReadError naming ``path:LINE``; the lines
after it are still read.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from letopis.readers.base import Item, RawPage, ReadError
from letopis.readers.txt import NotText, decode

META_KEYS = ("id", "url", "title", "published", "site")
NO_TEXT = 'no article: needs a non-empty "text" or "html" string'


def read_jsonl_bytes(data: bytes, source: str) -> Iterator[Item]:
    """Every article of a JSONL file's bytes (UTF-8, or any encoding ``decode`` finds)."""
    try:
        text = decode(data).text
    except NotText as e:
        yield ReadError(source, str(e))
        return
    yield from read_jsonl(text.split("\n"), source)


def read_jsonl(lines: Iterable[str], source: str) -> Iterator[Item]:
    """One item per non-blank line; ``source`` names the file."""
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield read_line(line, f"{source}:{number}")


def read_line(line: str, source: str) -> Item:
    """One JSONL line as a raw page, or why it is not one."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return ReadError(source, f"malformed JSON ({e.msg} at col {e.colno})")
    except RecursionError:
        return ReadError(source, "malformed JSON (nested too deeply)")
    if not isinstance(obj, dict):
        return ReadError(source, f"expected a JSON object, got {type(obj).__name__}")
    meta = _meta(obj)
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        return RawPage(source, text, "text", {**meta, "format": "jsonl"})
    if isinstance(html, str) and html.strip():
        return _from_html(html, source, meta)
    return ReadError(source, NO_TEXT)


def _from_html(html: str, source: str, meta: dict[str, str]) -> Item:
    from letopis.readers.html import read_html

    page = read_html(html, source, meta.get("url"))
    if isinstance(page, ReadError):
        return page
    # what the line states wins over what the page's markup says
    return RawPage(source, page.content, page.kind, {**page.meta, **meta, "format": "jsonl+html"})


def _meta(obj: dict[str, Any]) -> dict[str, str]:
    meta = {}
    for key in META_KEYS:
        value = obj.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    return meta
