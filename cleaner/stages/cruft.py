"""Stage: remove page furniture (navigation, share bars, ads, captions…) and lift metadata out of the text.

The decisions come from :func:`cleaner.cruft.classify` (rules, and for
plain-text scrapes the line model); this stage applies them.  Every removal
is recorded in ``doc.removed`` as ``{text, reason}`` with reason
``cruft:<class>``.  Lifted metadata (headline, bylines,
dateline) is removed from the text too and fills ``title``, ``authors`` and
``published`` — but only where they are still empty: for HTML, the values
trafilatura read from the page's markup (``<meta>``, JSON-LD) are more
reliable than a line of text, so they win.
"""

from __future__ import annotations

from cleaner.cruft import classify, measure
from cleaner.cruft.classifier import REASONS, LineMemory
from cleaner.cruft.model import LineModel
from cleaner.cruft.model import load as load_model
from cleaner.document import Document
from cleaner.stages.base import Stage

_REASONS = {reason: f"cruft:{reason}" for reason in REASONS if reason}


class RemoveCruft(Stage):
    """Drop blocks that are page furniture rather than article text; lift bylines, datelines, headline.

    ``model`` is the line model that weighs each line of a plain-text scrape in its context
    (True: the packaged one; False: the rules decide alone, faster and less accurate).  The
    packaged model is loaded here, so a model file that does not fit the code fails when the
    pipeline is built, not on every document; so are the word index and literal tables every page reads.
    """

    name = "cruft"

    def __init__(self, model: LineModel | bool = True) -> None:
        super().__init__()
        measure.prepare()
        loaded = load_model() if model is True else model
        self.model: LineModel | bool = loaded if loaded is not None else False
        self.memory = LineMemory()  # lines judged on earlier pages (the same decisions, sooner)

    def process(self, doc: Document) -> None:
        if not doc.lines:
            return
        # A plain-text scrape holds the whole page, so the classifier looks for the body region;
        # blocks from an HTML extractor are already the body and only get the per-line and context rules.
        scrape = doc.format == "text"
        result = classify(
            doc.lines, doc.language, scrape=scrape, known_title=doc.title, model=self.model, memory=self.memory
        )
        for text, reason in result.removed:
            doc.remove(text, _REASONS[reason])
        doc.lines = result.kept
        if doc.title is None and result.title:
            doc.title = result.title
        if not doc.authors and result.authors:
            doc.authors = list(result.authors)
        if doc.published is None and result.published:
            doc.published = result.published
