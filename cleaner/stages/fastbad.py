"""ftfy's mojibake test, ``ftfy.badness.is_bad``, without trying its regex at every character.

``is_bad`` searches ``BADNESS_RE``, an alternation of a few dozen short character
sequences.  Python's ``re`` cannot skip ahead for an alternation whose branches begin
with character classes, so it tries every branch at every position: about 2.5 MB/s,
most of the encoding stage's time on the dev pages.

Each branch, though, has a position that only a few rare characters can fill
("¤", "Ã", "€", box-drawing characters…).  :func:`is_bad` finds those characters with
one character-class scan and tries ``BADNESS_RE`` only where a match would have to
start: the same answer (every match contains its branch's rare character at a known
distance from its start), twenty times faster on the dev pages.  If a future ftfy
writes a pattern this reading does not understand, ftfy's own function is used.  The
pattern is read with ``re``'s own parser (the private ``re._parser``, under that name since
Python 3.11, the oldest this project supports).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from ftfy import badness

_ONE = (sre.LITERAL, sre.IN, sre.ANY)  # items that match exactly one character
_COMMON_PUNCTUATION = frozenset("‘’“”„–—«»")


def _characters(item: tuple[Any, Any]) -> frozenset[str] | None:
    """The characters a one-character item accepts, or None if it is not a plain set (``.``, ``\\s``, ``[^…]``).

    >>> sorted(_characters(sre_parse.parse("[a-c]").data[0]))
    ['a', 'b', 'c']
    """
    op, arg = item
    if op is sre.LITERAL:
        return frozenset(chr(arg))
    if op is not sre.IN:
        return None
    chars: set[str] = set()
    for kind, value in arg:
        if kind is sre.LITERAL:
            chars.add(chr(value))
        elif kind is sre.RANGE:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None
    return frozenset(chars)


def _width(item: tuple[Any, Any]) -> tuple[int, int]:
    """How many characters an item matches, at least and at most; ValueError for items of another kind."""
    op, arg = item
    if op in _ONE:
        return 1, 1
    if op is sre.AT:  # ^, $, \b: zero width
        return 0, 0
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, sub = arg
        if len(sub.data) == 1 and sub.data[0][0] in _ONE and high != sre.MAXREPEAT:
            return low, high
    raise ValueError(f"item {op} of unknown width")


def _rarity_cost(chars: frozenset[str]) -> int:
    """How often a set of characters is expected in ordinary text: ASCII and spaces most, then letters and quotes."""
    return sum(
        1000 if ch.isascii() or ch.isspace() else 10 if ch.isalpha() or ch in _COMMON_PUNCTUATION else 1 for ch in chars
    )


def anchors(pattern: re.Pattern[str]) -> dict[str, frozenset[int]]:
    """For each rare character, how far before it a match of ``pattern`` may start.

    Every branch of the top-level alternation contributes its rarest one-character item
    (by :func:`_rarity_cost`) and the distances the items before it allow.  ValueError
    if the pattern is not such an alternation of fixed-width items.

    >>> anchors(re.compile("ab¤|x?€"))
    {'¤': frozenset({2}), '€': frozenset({0, 1})}
    """
    if pattern.flags & re.IGNORECASE:  # the sets below would miss the other cases
        raise ValueError("case-insensitive pattern")
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if len(parsed.data) == 1 and parsed.data[0][0] is sre.BRANCH:
        branches = parsed.data[0][1][1]
    else:
        branches = [parsed]
    offsets: dict[str, set[int]] = {}
    for branch in branches:
        low = high = 0
        best: tuple[int, frozenset[str], int, int] | None = None
        for item in branch.data:
            chars = _characters(item)
            if chars:
                cost = _rarity_cost(chars)
                if best is None or cost < best[0]:
                    best = (cost, chars, low, high)
            width = _width(item)
            low, high = low + width[0], high + width[1]
        if best is None:
            raise ValueError("a branch without a plain character set")
        _, chars, low, high = best
        for ch in chars:
            offsets.setdefault(ch, set()).update(range(low, high + 1))
    return {ch: frozenset(found) for ch, found in sorted(offsets.items())}


def anchored_search(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """``lambda text: bool(pattern.search(text))``, trying ``pattern`` only at the starts :func:`anchors` allows.

    >>> found = anchored_search(re.compile("ab¤|x?€"))
    >>> found("plain text"), found("price: 5 €"), found("ab ¤")
    (False, True, False)
    """
    offsets = anchors(pattern)
    scan = re.compile("[" + "".join(re.escape(ch) for ch in offsets) + "]")
    match = pattern.match

    def search(text: str) -> bool:
        for hit in scan.finditer(text):
            end = hit.start()
            for back in offsets[hit.group()]:
                if back <= end and match(text, end - back):
                    return True
        return False

    return search


def _build() -> Callable[[str], bool]:
    try:
        return anchored_search(badness.BADNESS_RE)
    except Exception:  # a pattern of a shape not handled here: ftfy's own search
        return badness.is_bad


_search = _build()


def is_bad(text: str) -> bool:
    """Whether ftfy's badness heuristic flags ``text``: ``ftfy.badness.is_bad``, found faster.

    >>> is_bad("SchÃ¶ne GrÃ¼ÃŸe"), is_bad("Schöne Grüße, “quoted”")
    (True, False)
    """
    return _search(text)
