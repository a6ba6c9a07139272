"""What every reader yields: raw pages, or one-line errors naming the input."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass(frozen=True)
class RawPage:
    """One article as it came in, before cleaning.

    ``kind`` is "text" (a scraper already flattened it) or "html".
    ``meta`` may hold id, url, title, published (ISO), site — whatever the
    source states; the cleaner fills what is missing from the text itself.
    """

    source: str  # "path", "path:LINE" for JSONL, "-" for stdin
    content: str
    kind: str = "text"
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read; ``str()`` is the one line a user sees."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class LetopisError(Exception):
    """A user-facing error: printed as one line, never as a traceback."""


Item = RawPage | ReadError
MAX_BYTES: Optional[int] = 64 * 1024 * 1024  # larger inputs are refused (a 50 MB page is still read)
