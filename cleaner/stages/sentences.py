"""Stage 7: split the final text into sentences, in the detected language.

The splitter lives in :mod:`cleaner.segment`; this stage runs last, on the final ``doc.text``,
so every sentence is an exact substring of the emitted text, in order, never crossing a
paragraph.  It also records the paragraphs whose language differs from the document's
(:func:`cleaner.stages.language.paragraph_languages`), since only here are the paragraph
indices final.
"""

from __future__ import annotations

from cleaner.document import Document
from cleaner.segment import sentence_spans, split_sentences
from cleaner.stages.base import Stage
from cleaner.stages.language import paragraph_languages

__all__ = ["SplitSentences", "sentence_spans", "split_sentences"]


class SplitSentences(Stage):
    """Fill ``doc.sentences`` (and ``doc.paragraph_languages``) from the final text."""

    name = "sentences"

    def __init__(self, paragraph_languages: bool = True) -> None:
        super().__init__()
        # per-paragraph detection is the costly part (a few ms per article): allow runs to skip it
        self.paragraph_languages = paragraph_languages

    def process(self, doc: Document) -> None:
        text = doc.text
        doc.sentences = split_sentences(text, doc.language)
        if self.paragraph_languages:
            doc.paragraph_languages = paragraph_languages(text.split("\n\n"), doc.language)
