"""Stage 7: split each paragraph into sentences (exact substrings, in order)."""

from __future__ import annotations

import re

from cleaner.document import Document
from cleaner.stages.base import Stage

# A sentence ends at . ! ? (or their CJK/Devanagari/Arabic forms), optionally
# followed by closing quotes/brackets, before whitespace and an upper-case or
# non-Latin start.  This is deliberately simple; see split_sentences.
_BOUNDARY = re.compile(r"""(?<=[.!?…。！？।؟])["'”’»)\]]*\s+(?=["'“‘«(\[]?[^\s\da-z])""")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Gov|Sen|Rep|vs|etc|e\.g|i\.e|U\.S|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Inc|Ltd|Co)|\b[A-Z])\.$")


def sentence_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Character offsets ``(start, end)`` of each sentence in ``text``.

    >>> sentence_spans("Hi there. Dr. Who came.")
    [(0, 9), (10, 23)]
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _BOUNDARY.finditer(para.group()):
            cut = para.start() + m.start()
            if _ABBREV.search(text[start:cut].rstrip("\"'”’»)]")):
                continue
            seg_end = cut + len(m.group().rstrip())
            if text[start:seg_end].strip():
                spans.append((start, seg_end))
            start = para.start() + m.end()
        tail = text[start : para.end()].rstrip()
        if tail.strip():
            spans.append((start, start + len(tail)))
    return spans


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split ``text`` into sentences; each is an exact substring, in order.

    >>> split_sentences("It rained. Then it stopped!")
    ['It rained.', 'Then it stopped!']
    """
    return [text[a:b] for a, b in sentence_spans(text, language)]


class SplitSentences(Stage):
    """Fill ``doc.sentences`` from the final text, using the detected language."""

    name = "sentences"

    def process(self, doc: Document) -> None:
        doc.sentences = split_sentences(doc.text, doc.language)
