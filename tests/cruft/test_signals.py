"""Per-line signals that must agree with each other however the line is written."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.cruft import signals
from cleaner.cruft.signals import _WORD, ends_sentence, fingerprint, fingerprint_of_words, lower_words, words

# Letters, digits, both apostrophes, underscores, punctuation and a few caseless and combining characters.
TRICKY = st.text(alphabet=st.sampled_from(list("aZ9_'’ .,-“”İßΣ한\u0307")), max_size=40)


@given(TRICKY)
@settings(max_examples=400, deadline=None)
def test_fingerprint_from_words_matches_fingerprint(text: str) -> None:
    assert fingerprint_of_words(words(text)) == fingerprint(text)


@given(st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_fingerprint_from_words_on_any_text(text: str) -> None:
    assert fingerprint_of_words(words(text)) == fingerprint(text)


@given(st.one_of(TRICKY, st.text(max_size=60)))
@settings(max_examples=400, deadline=None)
def test_lower_words_fast_path_finds_the_same_words(text: str) -> None:
    low = text.lower()
    assert lower_words(low) == _WORD.findall(low)


def test_fingerprint_from_words_on_apostrophes() -> None:
    for text in ["Don't stop", "rock 'n' roll", "a'b'c", "l’État’s", "'quoted'", "x''y", "_a_b_"]:
        assert fingerprint_of_words(words(text)) == fingerprint(text), text


# The sentence-end test as a regular expression: ``ends_sentence`` must answer the same without the search.
_SENTENCE_END_RX = re.compile(r"[.!?…。！？]['\"’”»)\]]*$")
ENDINGS = st.text(alphabet=st.sampled_from(list("a .!?…。！？'\"’”»)]\n(“")), max_size=12)


@given(ENDINGS)
@settings(max_examples=400, deadline=None)
def test_ends_sentence_matches_its_regular_expression(text: str) -> None:
    assert ends_sentence(text) == (_SENTENCE_END_RX.search(text) is not None)


def test_ends_sentence_on_closers_and_newlines() -> None:
    cases = {"He left.": True, "“Great!”": True, "(Yes?)": True, "Read more": False, "": False, "He left.\n": True,
             "He left.\n\n": False, "”": False, "a.)]’": True, "a.b": False}  # fmt: skip
    for text, expected in cases.items():
        assert ends_sentence(text) is expected, text


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.one_of(st.from_regex(signals._URL), st.from_regex(signals._HANDLE), st.text(max_size=40)))
def test_url_test_agrees_with_the_patterns(line: str) -> None:
    # has_url runs _URL's two alternatives apart, each only where its literals are.
    pre = "/" in line or "ww." in line or "WW." in line
    want = (pre and signals._URL.search(line) is not None) or ("@" in line and signals._HANDLE.search(line) is not None)
    assert signals.has_url(line) == want
