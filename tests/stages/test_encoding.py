"""Encoding stage: ftfy repairs with the project's quote/width policy."""

from __future__ import annotations

import json

import pytest
from ftfy.fixes import fix_character_width, uncurl_quotes
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import Document
from cleaner.stages.encoding import FixEncoding, fix_text
from tests.conftest import shared_path

CASE_FILES = ["in-the-wild.json", "synthetic.json", "language-names.json", "negative.json"]


def load_cases() -> list[tuple[str, dict[str, str]]]:
    cases = []
    for name in CASE_FILES:
        path = shared_path("data", "encoding", name)
        cases += [(name, c) for c in json.loads(path.read_text("utf-8")) if c["expect"] == "pass"]
    return cases


def expected_under_policy(ours: str, expected: str) -> bool:
    """Equal, or equal once our deliberate choices (keep curly quotes, keep width) are undone."""
    return ours == expected or fix_character_width(uncurl_quotes(ours)) == expected


@pytest.mark.shared
def test_ftfy_reference_cases() -> None:
    failures = []
    cases = load_cases()
    assert len(cases) >= 150
    for name, case in cases:
        ours, _ = fix_text(case["original"])
        if not expected_under_policy(ours, case["fixed"]):
            failures.append((name, case["label"], ours, case["fixed"]))
    assert not failures, failures[:5]


@pytest.mark.shared
def test_negative_cases_unchanged() -> None:
    path = shared_path("data", "encoding", "negative.json")
    for case in json.loads(path.read_text("utf-8")):
        ours, _ = fix_text(case["original"])
        # The only permitted edit is one the reference expects too (C1 control → the character it encodes).
        assert ours == case["original"] or ours == case["fixed"], case["label"]


def test_policy_keeps_curly_quotes_and_dashes() -> None:
    text = "“Yes,” she said — it’s done."
    assert fix_text(text) == (text, [])


def test_entities_and_mojibake_are_fixed_and_explained() -> None:
    doc = Document(raw=b"", lines=["Tom &amp; Jerry", "SchÃ¶ne GrÃ¼ÃŸe"], title="CafÃ© news")
    FixEncoding().process(doc)
    assert doc.lines == ["Tom & Jerry", "Schöne Grüße"]
    assert doc.title == "Café news"
    changes = {c["change"] for c in doc.changes}
    assert "apply:unescape_html" in changes
    assert any(c.startswith("decode:") for c in changes)


def test_control_characters_removed() -> None:
    fixed, steps = fix_text("bell\x07 and\x1b escape")
    assert "\x07" not in fixed and "\x1b" not in fixed and steps


def test_nfc() -> None:
    fixed, _ = fix_text("Cafe\u0301 &amp;")
    assert fixed == "Café &"


def test_escaped_line_break_keeps_blocks_aligned() -> None:
    doc = Document(raw=b"", lines=["one&#10;two", "three"])
    FixEncoding().process(doc)
    assert doc.lines == ["one", "two", "three"]


def _ftfy(text: str) -> tuple[str, list[str]]:
    import ftfy

    from cleaner.stages.encoding import FTFY_CONFIG

    fixed, explanation = ftfy.fix_and_explain(text, FTFY_CONFIG)
    return fixed, [f"{step.action}:{step.parameter}" for step in explanation or []]


def test_the_shortcut_agrees_with_ftfy_on_every_character() -> None:
    from cleaner.stages.encoding import unchanged

    skipped = 0
    for code in [*range(0x3000), *range(0xD7F0, 0xE010), *range(0xFB00, 0x10000), 0x1F600, 0xE0001]:
        for text in (f"a{chr(code)}b", f"{chr(code)}", f"\u00e9{chr(code)} x"):
            if unchanged(text):
                skipped += 1
                assert _ftfy(text) == (text, []), hex(code)
    assert skipped > 10_000  # the shortcut does apply to most characters


@pytest.mark.shared
def test_the_shortcut_agrees_with_ftfy_on_the_encoding_cases() -> None:
    from cleaner.stages.encoding import unchanged

    for name in [*CASE_FILES, "known-failures.json"]:
        for case in json.loads(shared_path("data", "encoding", name).read_text("utf-8")):
            for text in {case[key] for key in ("original", "fixed") if isinstance(case.get(key), str)}:
                for line in text.splitlines():
                    if unchanged(line):
                        assert _ftfy(line) == (line, []), (name, line)


# Ampersands in every position an entity could take, with and without the semicolon ftfy's pattern needs.
AMPERSAND_PARTS = ["&", "#", ";", "a", "Z", "9", "x", " ", "é", "<", "lt", "amp", "EACUTE", "233"]
AMPERSAND_TEXT = st.lists(st.sampled_from(AMPERSAND_PARTS), max_size=14).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(AMPERSAND_TEXT)
def test_the_shortcut_agrees_with_ftfy_on_ampersands(text: str) -> None:
    from cleaner.stages.encoding import unchanged

    if unchanged(text):
        assert _ftfy(text) == (text, []), text


def test_a_bare_ampersand_skips_ftfy_and_an_entity_does_not() -> None:
    from cleaner.stages.encoding import fix_text, unchanged

    for text in ["Terms & Conditions", "R&D", "AT&T", "a && b", "&", "fish & chips; salt"]:
        assert unchanged(text) and _ftfy(text) == (text, []), text
    for text in ["a &amp; b", "&#233;t&eacute;", "P&EACUTE;REZ"]:
        assert not unchanged(text)
    assert fix_text("caf&eacute; &amp; bar")[0] == "café & bar"
