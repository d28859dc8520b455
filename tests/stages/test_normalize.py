"""Normalize stage: spaces, invisible characters, empty blocks."""

from __future__ import annotations

from cleaner.document import Document
from cleaner.stages.normalize import Normalize, normalize_line


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
