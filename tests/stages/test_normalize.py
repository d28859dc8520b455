"""Normalize stage: spaces, invisible characters, empty blocks."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import Document
from cleaner.stages.normalize import _INVISIBLE, _ODD_SPACES, Normalize, normalize_line, normalize_lines


def test_invisible_and_spaces() -> None:
    assert normalize_line("a\u200bb\u00adc\u2060d\ufeffe")[0] == "abcde"
    assert normalize_line("a\u00a0b\u2009c\u202fd\u3000e")[0] == "a b c d e"
    assert normalize_line("  many    spaces\tand tabs  ")[0] == "many spaces and tabs"


def test_joiners_are_kept() -> None:
    persian = "می\u200cخواهم"
    family = "👨\u200d👩\u200d👧"
    assert normalize_line(persian)[0] == persian
    assert normalize_line(family)[0] == family


def test_empty_blocks_dropped_and_one_blank_line_between_paragraphs() -> None:
    doc = Document(raw=b"", lines=["First.", "", "   ", "\u200b", "Second."])
    Normalize().process(doc)
    assert doc.lines == ["First.", "Second."]
    assert doc.text == "First.\n\nSecond."
    assert {c["change"] for c in doc.changes} == {"removed invisible characters"}


def test_metadata_normalised() -> None:
    doc = Document(raw=b"", lines=["x"], title="  A\u00a0title ", authors=["  Ann  Lee ", "\u200b"])
    Normalize().process(doc)
    assert doc.title == "A title"
    assert doc.authors == ["Ann Lee"]


def test_idempotent() -> None:
    line = " x\u00a0\u00a0y\u200b z "
    once = normalize_line(line)[0]
    assert normalize_line(once) == (once, 0, 0)


# The first form of the rule, one block at a time: every run of spaces becomes one plain space.
_ALL_SPACES_RX = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c\r\x85\u2028\u2029 ]+")


def _one_by_one(lines: list[str]) -> tuple[list[str], int, int]:
    out, invisible, odd = [], 0, 0
    for line in lines:
        cleaned, n = _INVISIBLE.subn("", line)
        invisible += n
        odd += len(_ODD_SPACES.findall(cleaned))
        cleaned = _ALL_SPACES_RX.sub(" ", cleaned).strip()
        if cleaned:
            out.append(cleaned)
    return out, invisible, odd


# Plain and odd spaces, invisibles, line breaks of every kind, and letters.
SPACE_CHARS = " \t\u00a0\u3000\u2009\u200b\u00ad\r\n\x0b\x0c\x1c\x85\u2028ab"
SPACEY = st.text(alphabet=st.sampled_from(list(SPACE_CHARS)), max_size=16)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(SPACEY, max_size=8))
def test_page_at_once_matches_block_by_block(lines: list[str]) -> None:
    assert normalize_lines(lines) == _one_by_one(lines)
