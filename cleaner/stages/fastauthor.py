"""trafilatura's author search from the page markup, in one walk over the tree and without copying it.

``trafilatura.metadata.extract_author`` (2.3) copies the whole tree, deletes the elements in
which a name is no byline (comments, sidebars, dates, figures: ``AUTHOR_DISCARD_XPATHS``),
then evaluates three XPath expressions in turn (``AUTHOR_XPATHS``) and keeps the text of the
first element that is 3 to 119 characters long.  Those four whole-tree XPath evaluations,
with their many predicates, plus the copy, were the largest piece of the metadata cost on the
dev pages (``bench/pipeline.py``).

:func:`extract_author` gives the same answer.  One walk over the elements tests the same
predicates in Python, putting each element in the candidate list of each expression it
matches (document order, as XPath returns them) and in the discard set if it would be
deleted.  A candidate with a discarded ancestor (or itself discarded) would not exist in
trafilatura's pruned copy: it is skipped.  A candidate that contains discarded elements is
read from a pruned copy of itself (deletions elsewhere cannot change its text), so its text
is the one trafilatura reads.  ``tests/stages/test_fastauthor.py`` compares the two on
crafted pages and on every dev page, and fails if trafilatura's expressions change.
"""

from __future__ import annotations

import re
from copy import deepcopy
from functools import lru_cache
from typing import Any

from lxml.etree import Element
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import normalize_authors
from trafilatura.utils import trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS

# The predicates of trafilatura 2.3's AUTHOR_XPATHS (three expressions) and AUTHOR_DISCARD_XPATHS.
_TAGS = (
    frozenset({"a", "address", "div", "link", "p", "span", "strong"}),
    frozenset({"a", "div", "h3", "h4", "p", "span"}),
)
_CLASS_0 = re.compile("author-?name|AuthorName|authorName")
_ID_1 = re.compile("author|zuozhe|bianji|xiaobian")
_CLASS_1 = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_ID_2 = re.compile("[Aa]uthor")
_CLASS_2 = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|"
    "print|category|meta-date|meta-reviewer"
)
_ALWAYS_DISCARDED = frozenset({"time", "figure"})
_ANY_TAG = frozenset({"author", *_ALWAYS_DISCARDED})  # tags that pass a test by themselves
MAX_CHARS = 120  # trafilatura's len_limit for authors
# What a class or id value says, as bits: the tests of expressions 1-3 and of the discard set that read it.
FIRST, SECOND, THIRD, DISCARD = 1, 2, 4, 8


@lru_cache(maxsize=1 << 16)
def _class_bits(cls: str) -> int:
    """The tests ``cls`` passes as a class attribute (cached: pages repeat their classes).

    >>> _class_bits("post-author") == SECOND | THIRD, _class_bits("sidebar") == DISCARD
    (True, True)
    """
    return (
        (FIRST if cls == "author" or _CLASS_0.search(cls) else 0)
        | (SECOND if cls in ("byline", "username", "byl", "BBL") or _CLASS_1.search(cls) else 0)
        | (THIRD if _CLASS_2.search(cls) else 0)
        | (DISCARD if cls in ("comments", "title", "date") or _DISCARD_CLASS.search(cls) else 0)
    )


@lru_cache(maxsize=1 << 16)
def _id_bits(ident: str) -> int:
    """The tests ``ident`` passes as an id attribute."""
    return (
        (FIRST if ident == "author" else 0)
        | (SECOND if _ID_1.search(ident) else 0)
        | (THIRD if _ID_2.search(ident) else 0)
        | (DISCARD if ident == "comments" or _DISCARD_ID.search(ident) else 0)
    )


def _tests(el: Any, tag: str, bits: int, root: Any, me_parents: set[Any]) -> int:
    """The tests ``el`` passes, as bits, given ``bits`` from its class and id: which expressions select it,
    and whether it is discarded."""
    get = el.get
    itemprop = get("itemprop") or ""
    component = get("data-component") or ""
    if "author" in itemprop:
        bits |= SECOND | THIRD
    if "Byline" in component:
        bits |= THIRD
    if "Figure" in component:
        bits |= DISCARD
    if tag not in _TAGS[1]:
        bits &= ~SECOND
    if tag == "author":
        bits |= FIRST
    elif tag not in _TAGS[0]:
        bits &= ~FIRST
    elif not bits & FIRST and (
        get("rel") == "author"
        or itemprop == "author name"
        or get("data-testid") in ("AuthorCard", "AuthorURL")
        or el in me_parents
    ):
        bits |= FIRST
    if tag in _ALWAYS_DISCARDED:
        bits |= DISCARD
    elif tag not in _DISCARD_TAGS or el is root:  # the first discard expression is relative (".//*")
        bits &= ~DISCARD
    return bits


def _me_parents(tree: Any) -> set[Any]:
    """Elements with a ``<rel>`` child whose text is "me" (the ``rel='me'`` test of expression 1)."""
    return {rel.getparent() for rel in tree.iter("rel") if rel.xpath("string()") == "me"}


def candidates(tree: Any) -> tuple[list[list[Any]], set[Any]]:
    """The elements each of the three expressions selects, in document order, and the discard set."""
    lists: list[list[Any]] = [[], [], []]
    discard: set[Any] = set()
    me_parents = _me_parents(tree)
    for el in tree.iter(Element):
        get = el.get
        cls, ident = get("class"), get("id")
        bits = (_class_bits(cls) if cls else 0) | (_id_bits(ident) if ident else 0)
        tag = el.tag
        # most elements pass no test: no telling class or id, none of the other attributes, no special tag
        if (
            not bits
            and tag not in _ANY_TAG
            and not (get("itemprop") or get("data-component"))
            and (tag not in _TAGS[0] or not (get("rel") or get("data-testid") or el in me_parents))
        ):
            continue
        bits = _tests(el, tag, bits, tree, me_parents)
        if bits:
            for i, bit in enumerate((FIRST, SECOND, THIRD)):
                if bits & bit:
                    lists[i].append(el)
            if bits & DISCARD:
                discard.add(el)
    return lists, discard


def _text(el: Any, discard: set[Any]) -> str | None:
    """The element's text as trafilatura reads it in its pruned copy; None if the copy lacks the element."""
    if el in discard or any(a in discard for a in el.iterancestors()):
        return None
    if any(d in discard for d in el.iterdescendants()):
        el = prune_unwanted_nodes(deepcopy(el), AUTHOR_DISCARD_XPATHS)
    return trim(" ".join(el.itertext()))


def extract_author(tree: Any) -> str | None:
    """The author named in the page markup, as ``trafilatura.metadata.extract_author`` finds it.

    >>> from lxml import html
    >>> page = html.fromstring("<html><body><p class='byline'>Ann Lee</p>"
    ...     "<div class='sidebar'><span class='author'>Not Her</span></div></body></html>")
    >>> extract_author(page)
    'Ann Lee'
    """
    lists, discard = candidates(tree)
    for found in lists:
        for el in found:
            content = _text(el, discard)
            if content and 2 < len(content) < MAX_CHARS:
                return normalize_authors(None, content)
    return None
