"""Stage 5: whitespace and invisible characters.

Within a block: zero-width spaces, soft hyphens, word joiners, stray BOMs
and bidi-embedding controls go; NBSP and the other Unicode spaces become a
plain space; runs of spaces collapse; ends are trimmed.  Zero-width (non-)
joiners stay: Persian, Indic scripts and emoji sequences need them.  Empty
blocks go, so the emitted text has exactly one blank line between paragraphs.
"""

from __future__ import annotations

import re

from cleaner.document import Document
from cleaner.stages.base import Stage

# Deleted outright: ZWSP, soft hyphen, word joiner, BOM/ZWNBSP, LRM/RLM, bidi embeddings/isolates.
_INVISIBLE = re.compile("[\u200b\u00ad\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\u180e]")
# Become one ordinary space.
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c\r\x85\u2028\u2029 ]+")
# Counted as "non-ASCII spaces" in the change log.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def normalize_line(line: str) -> tuple[str, int, int]:
    """Normalise one block; return it with counts of invisibles and odd spaces.

    >>> normalize_line("  Soft\u00adware\u00a0costs\u200b  money ")
    ('Software costs money', 2, 1)
    """
    cleaned, invisible = _INVISIBLE.subn("", line)
    odd_spaces = len(_ODD_SPACES.findall(cleaned)) if not cleaned.isascii() else 0
    cleaned = _SPACES.sub(" ", cleaned).strip()
    return cleaned, invisible, odd_spaces


class Normalize(Stage):
    """Normalise every block and the metadata strings; drop empty blocks."""

    name = "normalize"

    def process(self, doc: Document) -> None:
        lines: list[str] = []
        invisible = odd = 0
        for line in doc.lines:
            cleaned, n_inv, n_odd = normalize_line(line)
            invisible += n_inv
            odd += n_odd
            if cleaned:
                lines.append(cleaned)
        if invisible:
            doc.note_change(self.name, "removed invisible characters", invisible)
        if odd:
            doc.note_change(self.name, "replaced non-ASCII spaces", odd)
        doc.lines = lines
        for attr in ("title", "sitename", "description"):
            value = getattr(doc, attr)
            if value:
                setattr(doc, attr, normalize_line(value)[0] or None)
        doc.authors = [a for a in (normalize_line(a)[0] for a in doc.authors) if a]
