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
# Become one ordinary space: a run of these, or one of them that is not a plain space (a lone plain space is
# already right, and leaving it unmatched spares a substitution per word).
_OTHER_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c\r\x85\u2028\u2029"
_SPACES = re.compile(f"[{_OTHER_SPACES} ]{{2,}}|[{_OTHER_SPACES}]")
# Counted as "non-ASCII spaces" in the change log.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def _clean(text: str) -> tuple[str, int, int]:
    """Invisibles out, runs of spaces made one plain space (ends not trimmed); the counts of both kinds."""
    cleaned, invisible = _INVISIBLE.subn("", text)
    odd_spaces = len(_ODD_SPACES.findall(cleaned)) if not cleaned.isascii() else 0
    return _SPACES.sub(" ", cleaned), invisible, odd_spaces


def normalize_line(line: str) -> tuple[str, int, int]:
    """Normalise one block; return it with counts of invisibles and odd spaces.

    >>> normalize_line("  Soft\u00adware\u00a0costs\u200b  money ")
    ('Software costs money', 2, 1)
    """
    cleaned, invisible, odd_spaces = _clean(line)
    return cleaned.strip(), invisible, odd_spaces


def normalize_lines(lines: list[str]) -> tuple[list[str], int, int]:
    """:func:`normalize_line` on every block, dropping the empty ones; the counts are summed.

    The blocks are joined and cleaned in one pass per pattern (none of them matches a
    newline, so no change crosses a block's end); blocks that hold a newline themselves are
    done one by one.

    >>> normalize_lines(["  a\u00a0 b ", "\u200b", "c"])
    (['a b', 'c'], 1, 1)
    """
    text = "\n".join(lines)
    if text.count("\n") != max(len(lines) - 1, 0):
        done = [normalize_line(line) for line in lines]
        return [c for c, _, _ in done if c], sum(n for _, n, _ in done), sum(n for _, _, n in done)
    cleaned, invisible, odd_spaces = _clean(text)
    return [block for block in (part.strip() for part in cleaned.split("\n")) if block], invisible, odd_spaces


class Normalize(Stage):
    """Normalise every block and the metadata strings; drop empty blocks."""

    name = "normalize"

    def process(self, doc: Document) -> None:
        lines, invisible, odd = normalize_lines(doc.lines)
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
