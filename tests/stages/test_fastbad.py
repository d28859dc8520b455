"""The anchored badness search answers as ftfy's own ``is_bad`` does."""

from __future__ import annotations

import json
import random
import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest
from ftfy import badness
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.stages import fastbad
from tests.conftest import shared_path

BRANCHES = sre_parse.parse(badness.BADNESS_RE.pattern, badness.BADNESS_RE.flags).data[0][1][1]


_CATEGORY_TESTS = {
    sre.CATEGORY_DIGIT: str.isdecimal,
    sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
}


def in_set(ch: str, members: list[tuple[Any, Any]]) -> bool:
    """Whether ``ch`` is one of the members of a parsed ``[...]`` set (its NEGATE marker aside)."""
    for kind, value in members:
        if kind is sre.LITERAL and ch == chr(value):
            return True
        if kind is sre.RANGE and value[0] <= ord(ch) <= value[1]:
            return True
        if kind is sre.CATEGORY and _CATEGORY_TESTS[value](ch):
            return True
    return False


def one_of(item: tuple[Any, Any], rng: random.Random) -> str:
    """A character the one-character item accepts."""
    op, arg = item
    if op is sre.LITERAL:
        return chr(arg)
    if op is sre.ANY:
        return rng.choice("a Ã€x")
    if arg and arg[0][0] is sre.NEGATE:
        return rng.choice([ch for ch in "a Z7.,Ã€x" if not in_set(ch, arg[1:])])
    choices = []
    for kind, value in arg:
        if kind is sre.LITERAL:
            choices.append(chr(value))
        elif kind is sre.RANGE:
            choices.append(chr(rng.randint(value[0], value[1])))
        elif kind is sre.CATEGORY:
            choices.append({sre.CATEGORY_SPACE: " ", sre.CATEGORY_DIGIT: "7"}.get(value, "w"))
    return rng.choice(choices)


def a_match(branch: Any, rng: random.Random) -> str:
    """A string one branch of BADNESS_RE matches."""
    out = []
    for op, arg in branch.data:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, sub = arg
            out.extend(one_of(sub.data[0], rng) for _ in range(rng.randint(low, high)))
        elif op is not sre.AT:
            out.append(one_of((op, arg), rng))
    return "".join(out)


CONTEXT = "aZ Éé“”«»„’–-.,1\n¤€Ãâ€ÂВЂ"


def test_the_pattern_is_read_not_left_to_ftfy() -> None:
    assert fastbad._search is not badness.is_bad
    # the scan looks for rare characters only: no ASCII
    assert not any(ch.isascii() for ch in fastbad.anchors(badness.BADNESS_RE))


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_same_answer_on_matches_in_context_and_their_mutations(data: st.DataObject) -> None:
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    branch = BRANCHES[data.draw(st.integers(0, len(BRANCHES) - 1))]
    core = a_match(branch, rng)
    # no context where the branch is anchored to the start or the end of the text
    before = "" if branch.data[0][0] is sre.AT else data.draw(st.text(st.sampled_from(CONTEXT), max_size=6))
    after = "" if branch.data[-1][0] is sre.AT else data.draw(st.text(st.sampled_from(CONTEXT), max_size=6))
    text = before + core + after
    assert fastbad.is_bad(text) is True
    assert badness.is_bad(text) is True
    position = data.draw(st.integers(0, len(text) - 1))
    mutated = text[:position] + data.draw(st.sampled_from(CONTEXT)) + text[position + 1 :]
    assert fastbad.is_bad(mutated) == badness.is_bad(mutated)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(CONTEXT + "ÃÂâ€™œž¢£¥°±²³µ·¸¹º»¼½¾¿×÷ØÙ│┌═░▒▓ΒΓΞΟβВГРСвЂў"), max_size=30))
def test_same_answer_on_arbitrary_text(text: str) -> None:
    assert fastbad.is_bad(text) == badness.is_bad(text)


def test_same_answer_on_real_mojibake_and_clean_text() -> None:
    words = ["Schöne Grüße", "naïve café", "“quoted” – dash…", "Москва", "Ελλάδα", "日本語", "€ 5 £ 3 ¥ 2", "1° ½ ×"]
    for word in words:
        for wrong in ("cp1252", "latin-1", "cp1251", "macroman", "cp437"):
            broken = word.encode("utf-8").decode(wrong, errors="replace")
            for text in (word, broken, f"Before {broken} after", f"{word}: {broken}"):
                assert fastbad.is_bad(text) == badness.is_bad(text), (text, wrong)


def test_anchors_refuse_patterns_they_cannot_read() -> None:
    for pattern in ("a+€", "(?=x)€", "(?i)é"):
        with pytest.raises(ValueError):
            fastbad.anchors(re.compile(pattern))


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab ¤€x\n"), max_size=12))
def test_anchored_search_is_search(text: str) -> None:
    pattern = re.compile(r"a ?b¤|^x€|[ab]x?€\b")
    assert fastbad.anchored_search(pattern)(text) == bool(pattern.search(text))


@pytest.mark.shared
def test_same_answer_on_ftfys_cases() -> None:
    folder = shared_path("data", "encoding")
    checked = 0
    for path in sorted(folder.rglob("*.json")):
        cases = json.loads(path.read_text("utf-8"))
        for case in cases if isinstance(cases, list) else []:
            for key in ("original", "fixed"):
                text = case.get(key) if isinstance(case, dict) else None
                if isinstance(text, str):
                    assert fastbad.is_bad(text) == badness.is_bad(text), text
                    checked += 1
    assert checked > 100
