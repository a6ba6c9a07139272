"""What the cleaner returns: the fixed text plus what it learned about the page."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from letopis.document import Dropped


@dataclass(frozen=True)
class Cleaned:
    text: str
    dropped: tuple[Dropped, ...] = ()
    title: str = ""
    place: Optional[str] = None
    attribution: Optional[str] = None
    published: Optional[str] = None  # ISO date
    header: dict[str, Any] = field(default_factory=dict)  # offsets into text: title, place, attribution
