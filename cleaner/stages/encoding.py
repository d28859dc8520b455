"""Stage 4: repair text encoding with ftfy, and say what was repaired.

Policy: fix mojibake, HTML entities left in text, control characters,
broken surrogates, Latin ligatures, and apply NFC; keep the author's
typographic quotes and dashes (``uncurl_quotes=False``) and full-width
characters (``fix_character_width=False``), because downstream tools such
as tokenizers and quote extractors treat them as meaningful, and changing
them would make ``text`` disagree with the source page.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
from ftfy.chardata import CONTROL_CHARS, HTML_ENTITY_RE, LIGATURES

from cleaner.document import Document
from cleaner.stages.base import Stage
from cleaner.stages.fastbad import is_bad

# What the ftfy steps other than mojibake repair and NFC act on: the control characters it removes, C1
# controls, ligatures, line breaks, surrogates (terminal escapes start with \x1b, a removed control character),
# and HTML entities as ftfy's own pattern finds them (an "&" alone, as in "Terms & Conditions", is left as it is).
# Text without them that is NFC and not "bad" comes out unchanged.
_TRIGGERS = re.compile(
    "["
    + re.escape("".join(chr(c) for c in sorted({*CONTROL_CHARS, *LIGATURES})) + "\r\u2028\u2029")
    + "\x80-\x9f\ud800-\udfff]|"
    + HTML_ENTITY_RE.pattern
)
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=True,
    uncurl_quotes=False,
    fix_character_width=False,
    normalization="NFC",
    explain=True,
)


def unchanged(text: str) -> bool:
    """Whether ftfy (with :data:`FTFY_CONFIG`) would return ``text`` as it is, found cheaply.

    Its mojibake repair only starts on non-ASCII text its badness heuristic flags; the
    other steps only act on :data:`_TRIGGERS`; NFC on text that is not NFC already.
    (The heuristic is ftfy's, searched faster: :mod:`cleaner.stages.fastbad`.)

    >>> unchanged("Grüße, “quoted” – fine"), unchanged("SchÃ¶ne"), unchanged("a &amp; b"), unchanged("R & D")
    (True, False, False, True)
    """
    if _TRIGGERS.search(text):
        return False
    return text.isascii() or (unicodedata.is_normalized("NFC", text) and not is_bad(text))


def fix_text(text: str) -> tuple[str, list[str]]:
    """Repair one string; return the text and the names of the fixes applied.

    >>> fix_text("SchÃ¶ne GrÃ¼ÃŸe")
    ('Schöne Grüße', ['encode:sloppy-windows-1252', 'decode:utf-8'])
    >>> fix_text("plain")
    ('plain', [])
    """
    if unchanged(text):
        return text, []  # nothing ftfy would change: skip the work
    fixed, explanation = ftfy.fix_and_explain(text, FTFY_CONFIG)
    steps = [f"{step.action}:{step.parameter}" for step in explanation or []]
    return fixed, steps


class FixEncoding(Stage):
    """Run ftfy over the title and each block; record every kind of fix."""

    name = "encoding"

    def process(self, doc: Document) -> None:
        fixed_lines = []
        for line in doc.lines:
            fixed, steps = fix_text(line)
            for step in steps:
                doc.note_change(self.name, step)
            # ftfy can turn an escaped "<br>" or stray CR into a line break: keep blocks aligned.
            fixed_lines.extend(fixed.splitlines() or [""])
        doc.lines = fixed_lines
        for attr in ("title", "sitename", "description"):
            value = getattr(doc, attr)
            if value:
                fixed, steps = fix_text(value)
                if steps:
                    setattr(doc, attr, fixed)
                    doc.note_change(self.name, f"{attr}:" + ",".join(steps))
        doc.authors = [fix_text(a)[0] for a in doc.authors]
