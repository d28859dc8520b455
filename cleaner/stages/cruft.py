"""Stage: remove leftover boilerplate lines (navigation, share bars, ads…).

Every removal is recorded in ``doc.removed`` as ``{text, reason}`` with
reason ``cruft:<class>``.
"""

from __future__ import annotations

import re

from cleaner.document import Document
from cleaner.stages.base import Stage

_AD_SLOT = re.compile(r"^(advertisement|advertising|anzeige|publicité|publicidad|pubblicità|loader|loading…?|sponsored)$", re.I)


class RemoveCruft(Stage):
    """Drop blocks that are page furniture rather than article text."""

    name = "cruft"

    def process(self, doc: Document) -> None:
        kept: list[str] = []
        for line in doc.lines:
            if _AD_SLOT.match(line.strip()):
                doc.remove(line, "cruft:ad")
            else:
                kept.append(line)
        doc.lines = kept
