"""The compiled core of the cruft stage computes exactly what its pure-Python twin defines.

``cleaner/cruft/_core.c`` measures lines, finds the body region's best run and
builds the line model's rows; ``measure.py``, ``classifier.py``,
``features.py`` and ``model.py`` hold the definitions it is held to, and the
package runs them where the core is not built.  Equality here is exact: the
same integers, the same floating-point bits.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner.cruft import classifier, classify, measure
from cleaner.cruft.features import page_table, page_table_python
from cleaner.cruft.model import load
from cleaner.cruft.stoplists import stoplist

core = pytest.mark.skipif(not measure.use_core(), reason="the compiled core is not built (pure-Python install)")

WORDS = ["Home", "News", "the", "storm", "of", "said.", "Share", "Tweet", "›", "|", "/", "©", "(c)", "By", "Ann",
         "Lee’s", "don't", "rock'n'roll", "İstanbul", "STRASSE", "Straße", "ΣΟΦΊΑΣ", "東京", "١٢", "12", "3.", "—",
         "•", "read more", "Advertisement", "Published", "cookies", "www.example.com", "@handle", "x_y", "Ǆemal",
         "ﬁne", "Events", "Events", ",", ":", "!", "?", "…", "”", "\u00a0", "\u2003", "\t",
         "pic.twitter.com/a"]  # fmt: skip
lines_of_words = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


@contextmanager
def pure_python() -> Iterator[None]:
    """Run the package as it runs where the core is not built."""
    measure.PURE_PYTHON = True
    try:
        yield
    finally:
        measure.PURE_PYTHON = False


def test_the_core_is_built_when_required() -> None:
    # `make test` sets CLEANER_REQUIRE_CORE: a build that silently fell back to Python would go unnoticed.
    if os.environ.get("CLEANER_REQUIRE_CORE"):
        assert measure.core is not None, "cleaner.cruft._core was not built (is a C compiler installed?)"
        assert measure.use_core()


@core
def test_latin1_lines_lower_as_str_lower() -> None:
    # The core lowers Latin-1 lines itself: every one of the 256 characters as str.lower does.
    texts = [chr(c) for c in range(1, 256)] + ["".join(chr(c) for c in range(256))]
    with pure_python():
        want = measure.measure(texts, "en")
    assert (measure.measure(texts, "en") == want).all()


@core
@settings(max_examples=300, deadline=None, derandomize=True)
@example(["", "a", " ", "İİ", "Σ", "'x", "x'", "’s", "1'2", "a__b", "x\n", "ÀÖØÞ×ßÿµ STRAẞE"], "de")
@given(st.lists(st.one_of(lines_of_words, any_text), max_size=12), st.sampled_from(["en", "de", "el", "ja", "und"]))
def test_measure_matches_its_definition(texts: list[str], language: str) -> None:
    texts = list(dict.fromkeys(texts))
    got = measure.measure(texts, language)
    want = measure.measure_python(texts, stoplist(language))
    bad = [(measure.COLUMNS[c], texts[r]) for r, c in zip(*np.nonzero(got != want), strict=True)]
    assert not bad


@core
@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.one_of(lines_of_words, any_text, st.sampled_from(["der die und", "the of and", "le la les"])),
                max_size=12))  # fmt: skip
def test_stop_list_sample_counts_match_their_definition(texts: list[str]) -> None:
    for hint in ("en", "de", "und"):
        got = measure.word_groups(texts, hint)
        with pure_python():
            assert got.tobytes() == measure.word_groups(texts, hint).tobytes()


@core
@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.one_of(lines_of_words, any_text, st.sampled_from(WORDS)), max_size=20), st.booleans())
def test_gate_distinct_lines_and_stop_list_match_their_definition(lines: list[str], scrape: bool) -> None:
    got = measure.distinct(lines, 12)
    rows = measure.measure(got[0], "en")
    gated = classifier.gate(rows, scrape)
    chosen = [measure.choose_stoplist(lines, hint) for hint in ("en", "de", "und")]
    with pure_python():
        want = measure.distinct(lines, 12)
        assert (got[0], got[1].tolist(), got[2]) == (want[0], want[1].tolist(), want[2])
        assert gated.tolist() == classifier.gate(rows, scrape).tolist()
        assert chosen == [measure.choose_stoplist(lines, hint) for hint in ("en", "de", "und")]


@core
@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.floats(-10, 10, allow_nan=False), max_size=40), st.data())
def test_best_run_matches_its_definition(values: list[float], data: st.DataObject) -> None:
    weights = np.array(values, dtype=float)
    lo = data.draw(st.integers(0, len(values)))
    hi = data.draw(st.integers(lo, len(values)))
    got = classifier.best_run(weights, lo, hi)
    with pure_python():
        assert got == classifier.best_run(weights, lo, hi)


@core
@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.one_of(lines_of_words, any_text, st.sampled_from(WORDS)), max_size=60), st.booleans())
def test_feature_table_and_trees_match_their_definition(lines: list[str], scrape: bool) -> None:
    rules = classifier.judge(lines, "en", scrape=scrape)
    inputs = classifier.model_inputs(rules)
    table = page_table(inputs)
    want = page_table_python(inputs)
    assert table.tobytes() == want.tobytes()  # to the bit
    model = load()
    assert model is not None
    rows = np.ones(len(lines), dtype=bool)
    rows[::3] = False
    got = model.page_probabilities(inputs, rows)
    assert got[rows].tobytes() == model.probabilities(want)[rows].tobytes()


@core
@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.one_of(lines_of_words, st.sampled_from(WORDS)), min_size=1, max_size=50), st.booleans())
def test_pure_python_install_decides_the_same(lines: list[str], scrape: bool) -> None:
    compiled = classify(lines, "en", scrape=scrape)
    with pure_python():
        python = classify(lines, "en", scrape=scrape)
    assert (compiled.texts, compiled.reasons, compiled.title, compiled.authors, compiled.published) == (
        python.texts, python.reasons, python.title, python.authors, python.published)  # fmt: skip
