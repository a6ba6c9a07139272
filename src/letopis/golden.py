"""Human-readable markup of a Document for golden-file tests (one line per annotation)."""
from __future__ import annotations

from letopis.document import Document
from letopis.render import to_text


def markup(doc: Document) -> str:
    lines = [to_text(doc).replace(f"source: {doc.source}", "source: -"), "", "## mentions"]
    for m in doc.mentions:
        lines.append(f"{m.start:>5}-{m.end:<5} {m.type:<10} {m.text!r} -> {m.normal!r} [{m.entity or '-'}]")
    lines.append("## dropped")
    lines += [f"line {d.line:>3} {d.rule:<20} {d.text!r}" for d in doc.dropped]
    return "\n".join(lines) + "\n"
