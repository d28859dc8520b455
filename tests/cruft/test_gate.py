"""Every line a cruft pattern can match carries the literal family that lets it through the page's gate.

:func:`cleaner.cruft.classifier.gate` runs the per-line rules only on lines
whose literal families (and measurements) leave a pattern something to find.
That is only correct if every match of a pattern holds a literal of its
family.  Here hypothesis writes lines *from the patterns themselves*
(``st.from_regex``), in any script and with any surrounding punctuation, and
each must show its family in the one-pass scan.

Where :func:`~cleaner.cruft.classifier.evidence` (or :mod:`~cleaner.cruft.lift`)
tests a cheaper condition before the pattern, that condition is part of the
rule, and the generated line must meet it too: a credit line needs a credit
word (``patterns.credit_words``), a follow prompt its first word in
``FOLLOW_FIRST``, a glued credit "’s", "'s" or "By ".
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleaner.cruft import lift, measure, patterns, signals
from cleaner.cruft.measure import BIT, COL
from cleaner.cruft.signals import words

# pattern, whether it reads the lower-cased line, the families (or measured columns) one of which it needs
GATED: dict[str, tuple[re.Pattern[str], bool, tuple[str, ...]]] = {
    "ad": (patterns.AD, True, ("ad_first",)),
    "ad_disclosure": (patterns.AD_DISCLOSURE, True, ("ad_first",)),
    "skip": (patterns.SKIP, True, ("skip",)),
    "teaser": (patterns.TEASER, True, ("teaser_first",)),
    "arrow": (patterns.ARROW_LINK, False, ("arrow",)),
    "taxonomy": (patterns.TAXONOMY, True, ("taxonomy_first",)),
    "follow": (patterns.FOLLOW, True, ("follow_first",)),
    "affiliate": (patterns.AFFILIATE, True, ("affiliate",)),
    "video": (patterns.VIDEO, True, ("video",)),
    "credit": (patterns.CREDIT, False, ("copyright_sign", "credit_word")),
    "cookie": (patterns.COOKIE, True, ("cookie",)),
    "support": (patterns.SUPPORT, True, ("support",)),
    "newsletter": (patterns.NEWSLETTER, True, ("newsletter",)),
    "comments": (patterns.COMMENTS, True, ("comments",)),
    "footer": (patterns.FOOTER, True, ("footer",)),
    "breadcrumb": (patterns.BREADCRUMB, False, ("breadcrumb",)),
    "embed_link": (patterns.EMBED_LINK, True, ("embed_link",)),
    "by": (lift.BY, False, ("by_first",)),
    "agency_credit": (lift.AGENCY_CREDIT, False, ("possessive",)),
    "role_credit": (lift.ROLE_CREDIT, False, ("role_first",)),
    "dateline": (lift.DATELINE, True, ("dateline_first",)),
    "date_only": (lift.DATE_ONLY, True, ("date_start", "first_decimal")),
    "date_only_date": (lift.DATE_ONLY, True, ("month", "digit_date")),
    "credit_suffix": (lift.CREDIT_SUFFIX, False, ("possessive", "by_space")),
    "url": (signals._URL, False, ("url",)),
    "handle": (signals._HANDLE, False, ("url",)),
}


# The condition evidence or lift tests before the pattern, where there is one.
PRECHECK = {
    "credit": lambda line: patterns.credit_words(line.lower(), words(line)),
    "follow": lambda line: bool(words(line)) and words(line)[0] in patterns.FOLLOW_FIRST,
    "credit_suffix": lambda line: "’s" in line or "'s" in line or "By " in line,
    "url": lambda line: "/" in line or "ww." in line or "WW." in line,  # signals.has_url's own first test
}


def _families(line: str) -> set[str]:
    """The families and measured flags of a line, as the page's one-pass scan finds them."""
    row = measure.measure([line], "en")[:, 0]
    found = {name for name, bit in BIT.items() if row[COL["literals"]] & bit}
    assert row[COL["literals"]] == measure.literal_bits(line.lower())  # the core and its definition agree
    return found | {name for name in ("credit_word", "first_decimal", "digit_date") if row[COL[name]]}


@pytest.mark.parametrize("name", sorted(GATED))
def test_every_match_carries_its_family(name: str) -> None:
    rx, lower, needed = GATED[name]

    @settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(rx))
    def check(line: str) -> None:
        assume(rx.search(line.lower() if lower else line))  # lower() can undo a match (a case-bound letter)
        assume(PRECHECK.get(name, bool)(line))
        assert _families(line) & set(needed), line

    check()


def test_glued_credit_precheck_keeps_every_credit() -> None:
    # lift.credit_suffix looks at the last word before running the pattern: a credit ends with a name.
    @settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(lift.CREDIT_SUFFIX))
    def check(line: str) -> None:
        assume(PRECHECK["credit_suffix"](line))
        assert lift.credit_suffix(line) is not None, line

    check()


def test_embed_signature_needs_a_dash_and_a_handle() -> None:
    @settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(patterns.EMBED_SIGNATURE))
    def check(line: str) -> None:
        assert {"dash_start", "handle"} <= _families(line), line

    check()


@pytest.mark.parametrize(
    "line, families",
    [("By Ann Lee", {"by_first", "by_space"}), ("Updated: 4 May 2025", {"dateline_first", "month"}),
     ("— Ann (@ann) May 1, 2024", {"dash_start", "handle", "month", "url"}), ("Babylon falls", set()),
     ("May 1, 2024", {"date_start", "month"}), ("12 Kommentare", {"comments", "first_decimal"}),
     ("Photo: AP", {"credit_word", "role_first"})],
)  # fmt: skip
def test_families_of_fixture_lines(line: str, families: set[str]) -> None:
    assert _families(line) == families
