"""HTML pages: the article's text and metadata, through trafilatura.

trafilatura only parses the string it is given; nothing here opens a
connection. The page comes back as ``kind="text"``: paragraphs separated by a
blank line, a ``<br>`` inside one kept as a single newline.
"""
from __future__ import annotations

import codecs
import re
from typing import Any, Optional

from letopis.readers.base import LetopisError, RawPage, ReadError
from letopis.readers.binary import binary_reason
from letopis.readers.txt import BOMS, Decoded, NotText, decode

NO_TEXT = "no article text found in HTML"

EXTRACT_OPTIONS = dict(
    with_metadata=True,
    include_comments=False,
    include_tables=False,
    favor_precision=True,
    # the page's own publication date from its metadata, not a date in the text
    date_extraction_params={"extensive_search": False, "original_date": True},
)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_SPACES = re.compile(r"[ \t]+")


def read_html(html: str, source: str, url: Optional[str] = None) -> RawPage | ReadError:
    """The main text of an HTML page, with title, date, site and url in meta."""
    try:
        import trafilatura  # slow to import; only HTML inputs pay for it
    except ImportError as e:  # an install problem, not the page's: stop with one line
        raise LetopisError("reading HTML needs trafilatura, which fails to import: " + " ".join(str(e).split())) from None
    try:
        doc = trafilatura.bare_extraction(html, url=url, **EXTRACT_OPTIONS)
    except Exception as e:  # lxml and trafilatura raise many kinds on broken markup
        return ReadError(source, f"could not parse HTML ({type(e).__name__})")
    text = paragraphs(doc) if doc is not None else ""
    if not text:
        return ReadError(source, NO_TEXT)
    return RawPage(source, text, "text", {**page_meta(doc, url), "format": "html"})


def read_html_bytes(data: bytes, source: str, url: Optional[str] = None) -> RawPage | ReadError:
    """An HTML file's bytes, decoded by its declared charset or by detection."""
    try:
        decoded = decode_html(data)
    except NotText as e:
        return ReadError(source, str(e))
    return read_html(decoded.text, source, url)


def decode_html(data: bytes) -> Decoded:
    """Honour ``<meta charset>`` unless a BOM or valid UTF-8 says otherwise."""
    declared = _declared(data)
    if declared is None or data.startswith(tuple(bom for bom, _ in BOMS)):
        return decode(data)
    reason = binary_reason(data)
    if reason:
        raise NotText(reason)
    try:
        data.decode("utf-8")  # a page that is valid UTF-8 is UTF-8, whatever it declares
        return decode(data)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode(declared)
    except UnicodeDecodeError:
        return decode(data)
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), declared)


def _declared(data: bytes) -> Optional[str]:
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return None if name.startswith(("utf-16", "utf-32")) else name


def paragraphs(doc: Any) -> str:
    """The extracted body: blocks joined by blank lines."""
    body = getattr(doc, "body", None)
    if body is None:
        lines = (doc.text or "").split("\n")
        return "\n\n".join(_line(line) for line in lines if _line(line))
    blocks = []
    for element in body:
        if element.tag == "list":
            block = "\n".join(filter(None, (_flat(item) for item in element)))
        else:
            block = _flat(element)
        if block:
            blocks.append(block)
    return "\n\n".join(blocks)


def _flat(element: Any) -> str:
    for br in element.iter("lb"):
        br.tail = "\n" + (br.tail or "")
    lines = "".join(element.itertext()).split("\n")
    return "\n".join(filter(None, map(_line, lines)))


def _line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def page_meta(doc: Any, url: Optional[str]) -> dict[str, str]:
    """title, published, site and url, for those the page states."""
    meta = {
        "title": doc.title,
        "published": doc.date,
        "site": doc.sitename or doc.hostname,
        "url": doc.url or url,
    }
    return {key: value.strip() for key, value in meta.items() if isinstance(value, str) and value.strip()}
