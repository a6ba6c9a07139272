"""The dispatcher: files, directories and stdin in, raw pages and errors out.

A file's extension picks its reader (.txt .text .md: text; .html .htm: HTML;
.jsonl .ndjson: JSONL); other extensions, and stdin, are sniffed. Directories
are walked recursively in sorted order, skipping hidden entries and files
whose extension says they hold no article (images, archives, databases, web
assets); a file named on its own is always read, so a PNG named by the user
is reported as a binary file. User input problems become ReadErrors, never
exceptions.
"""
from __future__ import annotations

import math
import os
import re
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Iterator, Optional

from letopis.readers import base
from letopis.readers.base import Item, ReadError
from letopis.readers.html import read_html_bytes
from letopis.readers.jsonl import read_jsonl_bytes
from letopis.readers.txt import read_text_bytes

TEXT = {".txt", ".text", ".md"}
HTML = {".html", ".htm", ".xhtml", ".shtml"}
JSONL = {".jsonl", ".ndjson"}
SKIPPED = {  # in directories only
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".tif", ".tiff", ".svg",
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".epub",
    ".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar",
    ".db", ".sqlite", ".sqlite3", ".parquet", ".pkl", ".pickle", ".npy", ".npz",
    ".exe", ".dll", ".so", ".dylib", ".o", ".a", ".pyc", ".class", ".jar", ".bin", ".iso",
    ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".avi", ".mov", ".mkv", ".webm", ".flac",
    ".woff", ".woff2", ".ttf", ".otf", ".eot",
    ".css", ".js", ".map", ".json",
}
NO_FILES = "directory has no readable files (.txt, .html, .htm, .jsonl)"
_HTML_TAG = re.compile(r"<(!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I)
SNIFF_CHARS = 4096


def read_sources(paths: list[str], stdin: Optional[BinaryIO] = None) -> Iterator[Item]:
    """Raw pages and errors from each path in turn; "-" is standard input."""
    for path in map(os.fspath, paths):
        if path == "-":
            yield from read_stdin(stdin)
        else:
            yield from read_path(path)


def read_path(path: str) -> Iterator[Item]:
    """A file, or every readable file under a directory."""
    try:
        info = os.stat(path)
    except OSError as e:
        yield ReadError(path, _os_reason(e))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from read_directory(path)
    else:
        yield from read_file(path)


def read_directory(path: str) -> Iterator[Item]:
    errors: list[ReadError] = []
    files = list(_walk(path, errors))
    yield from errors
    if not files:
        if not errors:
            yield ReadError(path, NO_FILES)
        return
    for file in files:
        yield from read_file(file)


def _walk(root: str, errors: list[ReadError]) -> Iterator[str]:
    found = []
    on_error = lambda e: errors.append(ReadError(e.filename or root, _os_reason(e)))  # noqa: E731
    for folder, dirs, names in os.walk(root, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and Path(name).suffix.lower() not in SKIPPED:
                found.append(os.path.join(folder, name))
    yield from sorted(found, key=lambda p: Path(os.path.relpath(p, root)).parts)


def read_file(path: str) -> Iterator[Item]:
    """One file, read by the reader its extension (or its content) names."""
    if Path(path).suffix.lower() in JSONL:
        yield from stream_jsonl(path)
        return
    try:
        data = _read_bytes(path)
    except OSError as e:
        yield ReadError(path, _os_reason(e))
        return
    except _TooLarge as e:
        yield ReadError(path, str(e))
        return
    suffix = Path(path).suffix.lower()
    kind = "text" if suffix in TEXT else "html" if suffix in HTML else "jsonl" if suffix in JSONL else sniff(data)
    yield from read_bytes(data, path, kind)


def stream_jsonl(path: str) -> Iterator[Item]:
    """A JSONL file line by line: memory stays flat however many articles it holds
    (the size limit applies to each line, i.e. to one article)."""
    from letopis.readers.jsonl import read_line

    from letopis.readers.binary import binary_reason

    limit = base.MAX_BYTES
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
            if not head.strip():
                yield ReadError(path, "empty file")
                return
            reason = binary_reason(head)
            if reason:
                yield ReadError(path, reason)
                return
            f.seek(0)
            for number, raw in enumerate(f, 1):
                source = f"{path}:{number}"
                raw = raw.rstrip(b"\r\n")
                if not raw.strip():
                    continue
                if limit is not None and len(raw) > limit:
                    yield ReadError(source, f"line too large ({_mb(len(raw))} MB > {_mb(limit)} MB)")
                    continue
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as e:
                    yield ReadError(source, f"not valid UTF-8 (byte {e.start})")
                    continue
                yield read_line(line, source)
    except OSError as e:
        yield ReadError(path, _os_reason(e))


def read_stdin(stream: Optional[BinaryIO] = None) -> Iterator[Item]:
    """Standard input (or ``stream``), its format sniffed."""
    stream = stream if stream is not None else sys.stdin
    if stream is None:
        yield ReadError("-", "no standard input")
        return
    stream = getattr(stream, "buffer", stream)
    limit = base.MAX_BYTES
    try:
        data = stream.read() if limit is None else stream.read(limit + 1)
    except (OSError, ValueError) as e:  # ValueError: a closed stream
        yield ReadError("-", f"cannot read standard input ({e})")
        return
    if isinstance(data, str):
        data = data.encode("utf-8")
    if limit is not None and len(data) > limit:
        yield ReadError("-", f"input too large (more than {_mb(limit)} MB)")
        return
    yield from read_bytes(data, "-", sniff(data))


def read_bytes(data: bytes, source: str, kind: str) -> Iterator[Item]:
    if kind == "jsonl":
        yield from read_jsonl_bytes(data, source)
    elif kind == "html":
        yield read_html_bytes(data, source)
    else:
        yield read_text_bytes(data, source)


def sniff(data: bytes) -> str:
    """"html", "jsonl" or "text", from the first bytes.

    NULs are dropped first, so ASCII markup shows through UTF-16 too.
    """
    head = data[:SNIFF_CHARS].replace(b"\x00", b"").decode("utf-8", "ignore")
    start = head.lstrip("\ufeff\ufffe \t\r\n\f\v")
    if start.startswith("<") and _HTML_TAG.search(start):
        return "html"
    if start.startswith("{"):
        return "jsonl"
    return "text"


class _TooLarge(Exception):
    pass


def _read_bytes(path: str) -> bytes:
    limit = base.MAX_BYTES
    with open(path, "rb") as f:
        info = os.fstat(f.fileno())
        if limit is not None and stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise _TooLarge(f"file too large ({_mb(info.st_size)} MB > {_mb(limit)} MB)")
        data = f.read() if limit is None else f.read(limit + 1)
    if limit is not None and len(data) > limit:  # a pipe or device has no size
        raise _TooLarge(f"file too large (more than {_mb(limit)} MB)")
    return data


def _mb(size: int) -> str:
    """Megabytes to one decimal, rounded up: a byte over 64 MB is "64.1"."""
    return f"{math.ceil(size * 10 / 2**20) / 10:.1f}".removesuffix(".0")


def _os_reason(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file or directory"
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, NotADirectoryError):
        return "no such file or directory (a parent is a file)"
    return f"cannot read ({e.strerror or e})"
