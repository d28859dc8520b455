"""fastauthor.extract_author finds exactly the author trafilatura's extract_author finds."""

from __future__ import annotations

import hashlib

import pytest
from lxml import html
from trafilatura.metadata import extract_author as reference
from trafilatura.utils import load_html
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from cleaner.document import Document
from cleaner.stages.decode import Decode
from cleaner.stages.fastauthor import extract_author
from tests.conftest import shared_path

# sha256 of trafilatura 2.3's author expressions: fastauthor re-states them in Python.
EXPRESSIONS_SHA256 = "bd5f280624916a837f627a558a6f87d6ebde80d97a00908c8a856c7b7b9eae82"

BODY = "<p>" + "Plain article text with enough words to look like a story. " * 3 + "</p>"
# One page per kind of test the expressions make, and the discard cases around them.
PAGES = [
    "<p class='byline'>By Ann Lee</p>",
    "<span class='author-name'>Ann Lee</span><div class='author'>Bo Chen</div>",
    "<a rel='author' href='/ann'>Ann Lee</a>",
    "<div id='author'>Ann Lee</div>",
    "<span itemprop='author name'>Ann Lee</span>",
    "<div itemprop='author'><span itemprop='name'>Ann Lee</span></div>",
    "<div data-testid='AuthorCard'>Ann Lee</div>",
    "<strong class='AuthorName'>Ann Lee</strong>",
    "<h3 class='post-author'>Ann Lee</h3>",
    "<section class='writer'>Ann Lee</section>",
    "<div data-component='Byline'>Ann Lee</div>",
    "<td id='Author'>Ann Lee</td>",
    "<author>Ann Lee</author>",
    "<p class='author'><rel>me</rel>Ann Lee</p>",
    "<p><rel>me</rel>Ann Lee</p>",
    # discarded: inside comments, a sidebar, a figure; the candidate then comes from further down
    "<div class='comments'><span class='author'>Reader One</span></div><p class='byline'>Ann Lee</p>",
    "<div id='comment-list'><p class='byline'>Reader</p></div><span class='writer'>Ann Lee</span>",
    "<aside><div class='sidebar'><span class='byline'>Other</span></div></aside><div class='byline'>Ann Lee</div>",
    "<figure><span class='author'>Photo Person</span></figure><span class='author'>Ann Lee</span>",
    "<span class='author-name print'>Print Person</span><p class='byline'>Ann Lee</p>",
    # a candidate holding discarded parts: its text is read without them (tails kept)
    "<div class='byline'>By Ann Lee <time>12 May</time>, staff <span class='date'>today</span>writer</div>",
    "<p class='byline'><span class='print'>Print</span>Ann Lee<figure>x</figure> and Bo Chen</p>",
    # too short, too long: the next one counts
    "<span class='author'>AL</span><span class='byline'>Ann Lee</span>",
    "<div class='author'>" + "word " * 40 + "</div><p class='byline'>Ann Lee</p>",
    "<div data-component='Figure'><span class='author'>Cap</span></div>",
    "<p>no author at all</p>",
]


def page(fragment: str) -> str:
    return f"<html><head><title>T</title></head><body>{fragment}{BODY}</body></html>"


@pytest.mark.parametrize("fragment", PAGES)
def test_same_as_trafilatura(fragment: str) -> None:
    tree = html.fromstring(page(fragment))
    assert extract_author(tree) == reference(tree)


def test_a_discarding_root_is_kept_as_trafilatura_keeps_it() -> None:
    tree = html.fromstring("<div class='comments'><p>x</p><span class='author'>Ann Lee</span></div>")
    assert extract_author(tree) == reference(tree) == "Ann Lee"


def test_the_crafted_pages_find_authors() -> None:
    found = [extract_author(html.fromstring(page(f))) for f in PAGES]
    assert found[0] == "Ann Lee"
    assert sum(a is not None for a in found) >= len(PAGES) - 3  # the test pages do exercise the search


def test_the_tree_is_left_as_it_was() -> None:
    tree = html.fromstring(page(PAGES[19]))
    before = html.tostring(tree)
    extract_author(tree)
    assert html.tostring(tree) == before


def test_trafilatura_expressions_are_the_ones_restated() -> None:
    paths = "\n".join(x.path for x in (*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS))
    assert hashlib.sha256(paths.encode()).hexdigest() == EXPRESSIONS_SHA256, (
        "trafilatura's author expressions changed: update cleaner/stages/fastauthor.py to match, then this hash"
    )


@pytest.mark.shared
@pytest.mark.slow
def test_same_on_dev_pages() -> None:
    folder = shared_path("data", "extraction-dev", "html")
    different = []
    for path in sorted(folder.iterdir()):
        doc = Document(raw=path.read_bytes(), format="html")
        Decode().process(doc)
        tree = load_html(doc.html)
        if tree is not None and extract_author(tree) != reference(tree):
            different.append(path.name)
    assert different == []
