"""Choosing a page's stop list: the hint's shortcut must choose what counting every language chooses."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.cruft import stoplists
from cleaner.cruft.stoplists import ISO_TO_JUSTEXT, best_stoplist, stoplist

# Words from lists that share many entries (Romance, Germanic, Slavic), and words in no list.
_SHARED = {w for code in ("en", "de", "nl", "fr", "es", "pt", "it", "pl", "cs") for w in sorted(stoplist(code))[:40]}
_POOL = [*sorted(_SHARED), "storm", "coast", "menu", "xyzzy", "2025"]
HINTS = [*ISO_TO_JUSTEXT, "und", "en-US", "xx"]


@given(st.lists(st.sampled_from(_POOL), max_size=60), st.sampled_from(HINTS))
@settings(max_examples=400, deadline=None)
def test_shortcut_chooses_what_the_full_count_chooses(words: list[str], hint: str) -> None:
    assert best_stoplist(words, hint) == stoplists._counted(words, hint)


def test_hint_kept_on_its_own_prose_and_beaten_on_another_language() -> None:
    english = str.split("the storm reached the coast and it was the strongest of the decade")
    german = str.split("der sturm hat die küste erreicht und es war der stärkste seit jahren")
    assert best_stoplist(english, hint="en")[0] == "en"
    assert best_stoplist(german, hint="en")[0] == "de"
    assert best_stoplist(english, hint="und")[0] == "en"


def test_shared_list_counted_once() -> None:
    # "nb" and "no" name one list; the word index holds it under "no" only.
    assert "nb" not in stoplists._INDEXED and "no" in stoplists._INDEXED
    assert stoplist("nb") == stoplist("no")
