"""The compiled selectors return exactly what libxml2's XPath returns, on every context element."""

from __future__ import annotations

import html
import importlib
import re

import pytest
import trafilatura.settings
import trafilatura.xpaths
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.etree import XPath
from lxml.html import fromstring

from cleaner.stages import fastxpath
from cleaner.stages.fastxpath import Selector, Unsupported, compile_xpath, selectors, trafilatura_selectors

RE = {"re": "http://exslt.org/regular-expressions"}

# the lists trafilatura's text pass evaluates (BODY_XPATH finds the frame, the others prune)
TEXT_PASS_LISTS = [
    "BODY_XPATH", "OVERALL_DISCARD_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH", "RAW_TREE_PRUNE_XPATH",
    "TEASER_DISCARD_XPATH", "DISCARD_IMAGE_ELEMENTS", "PRECISION_DISCARD_XPATH", "REMOVE_COMMENTS_XPATH",
    "COMMENTS_XPATH", "COMMENTS_DISCARD_XPATH",
]  # fmt: skip


def agree(path: str, page: str) -> list[str]:
    """The contexts (element tags) where the selector and the XPath differ; asserts nothing itself."""
    xpath = XPath(path, namespaces=RE)
    selector = compile_xpath(xpath)
    root = fromstring(page)
    return [ctx.tag for ctx in root.iter() if isinstance(ctx.tag, str) and selector(ctx) != xpath(ctx)]


CASES = [
    # @id|@class reads whichever attribute comes first in the source
    (".//*[re:test(@id|@class, 'cookie')]",
     "<div><p class='cookie' id='x'>a</p><p id='x' class='cookie'>b</p></div>"),
    (".//*[starts-with(@id|@class, 'reply-')]",
     "<div><p class='reply-1'>a</p><p id='reply-2' class='z'>b</p></div>"),
    # translate maps character by character (the first mapping of a character wins); missing reads as ""
    (".//*[contains(translate(@role, 'N', 'n'), 'nav')]",
     "<div><p role='Navigation'>a</p><p>b</p><p role=''>c</p></div>"),
    (".//*[contains(translate(@id, 'CMX', 'cm'), 'main-content')]", "<div><p id='Main-ConXtent'>a</p></div>"),
    (".//*[contains(translate(@id, 'AAB', 'abc'), 'ac')]", "<div><p id='AB'>a</p><p id='bc'>b</p></div>"),
    (".//*[re:test(@class, '^$') or contains(@id, ' ')]",
     "<div><p>a</p><p class='x'>b</p><p id='a b'>c</p></div>"),
    # attribute presence, equality and case-insensitive regexes
    (".//*[@data-x or @class='post']", "<div><p data-x=''>a</p><p class='post'>b</p><p class='posts'>c</p></div>"),
    (".//*[re:test(@class, 'fulltext', 'i')]", "<div><p class='FullText'>a</p><p class='full'>b</p></div>"),
    # the first match among each parent's children, and the first overall
    (".//*[self::div or self::p][@class='a'][1]",
     "<div><p class='a'>1</p><p class='a'>2</p><div class='a'><p class='a'>3</p></div></div>"),
    ("(.//*[self::div or self::p][@class='a'])[1]", "<div><span><p class='a'>1</p></span><p class='a'>2</p></div>"),
    # a union comes back in document order, whichever branch found what
    ("(.//*[self::div][starts-with(@class, 'main')])[1]|(.//main)[1]",
     "<div><main>m</main><div class='main'>d</div></div>"),
    ("(.//*[self::div][starts-with(@class, 'main')])[1]|(.//main)[1]",
     "<div><div class='main'>d<main>m</main></div></div>"),
    (".//cite|.//quote", "<div><quote>q</quote><cite>c<quote>in</quote></cite></div>"),
    (".//aside|.//div[contains(@class|@id, 'foot')]|.//*[re:test(@id, 'X', 'i')]",
     "<div><div id='foot' class='x'><aside id='x'>a</aside></div><p id='x'>b</p><div class='foot'/></div>"),
    ("(.//p)[1]|.//span[@id]", "<div><span id='a'>s</span><p>a</p><p>b</p><span>t</span></div>"),
    # nested tests: not(), descendants, tags after attributes
    (".//*[self::div or self::ol][re:test(@id, 'x')][not(self::ol) or not(.//h1)]",
     "<div><ol id='x'><h1>t</h1></ol><ol id='x'/><div id='x'><h1>t</h1></div></div>"),
    # .//* gives elements only: comments and processing instructions are not elements
    (".//*[not(@id)]", "<div><!-- note --><?pi x?><p>a</p></div>"),
    (".//p", "<div><p>a<p>b</p></p><span><p>c</p></span></div>"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "page"), CASES)
def test_same_as_libxml2(path: str, page: str) -> None:
    assert agree(path, page) == []


@pytest.mark.parametrize(
    "path",
    ["//p", ".//p[2]", ".//p[@a and @b]", ".//p[rel='me']", ".//p[string-length(@id) > 2]", ".//p[1][@id]",
     ".//p[re:test(@id, 'x', 'g')]", ".//p[@id|@class='x']", "./p", ".//p[.//a[@href]]",
     ".//p[contains(@a|@b|@c, 'x')]", ".//svg:path", ".//*[@xml:lang]", ".//*[self::svg:g]"],
)  # fmt: skip
def test_refuses_what_it_does_not_read(path: str) -> None:
    with pytest.raises(Unsupported):
        compile_xpath(XPath(path, namespaces=RE))


@pytest.mark.parametrize("name", TEXT_PASS_LISTS)
def test_the_text_pass_expressions_compile(name: str) -> None:
    """A trafilatura release that rewrites these expressions fails here: they would fall back to libxml2."""
    for xpath in getattr(trafilatura.xpaths, name):
        compile_xpath(xpath)


def test_swapped_in_only_inside_the_block() -> None:
    original = list(trafilatura.xpaths.OVERALL_DISCARD_XPATH)
    baseline = importlib.import_module("trafilatura.baseline")  # the package's `baseline` is a function
    cleaning = baseline.BASIC_CLEAN_XPATH  # a module global, imported by name from settings
    assert isinstance(cleaning, XPath)
    with trafilatura_selectors():
        assert all(isinstance(item, Selector) for item in trafilatura.xpaths.OVERALL_DISCARD_XPATH)
        assert isinstance(baseline.BASIC_CLEAN_XPATH, Selector)
        assert isinstance(trafilatura.settings.BASIC_CLEAN_XPATH, Selector)
    assert original == trafilatura.xpaths.OVERALL_DISCARD_XPATH
    assert baseline.BASIC_CLEAN_XPATH is cleaning
    with pytest.raises(RuntimeError), trafilatura_selectors():
        raise RuntimeError("an extraction fails")
    assert original == trafilatura.xpaths.OVERALL_DISCARD_XPATH
    assert baseline.BASIC_CLEAN_XPATH is cleaning


def test_other_contexts_go_to_libxml2() -> None:
    selector = compile_xpath(".//p")
    tree = fromstring("<div><p>a</p></div>").getroottree()
    assert selector(tree) == selector.xpath(tree)


def test_search_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastxpath, "SEARCH_CACHE_MAX", 3)
    found = fastxpath._SearchCache(re.compile("a"))
    answers = [found[value] for value in ["a", "b", "ca", "d", "a"]]
    assert answers == [True, False, True, False, True]
    assert len(found) <= 3


# Random pages built from the words of trafilatura's own expressions, so that the tests match often.
_PATHS = [xpath.path for xpath in (s.xpath for s in selectors())]
_LITERALS = " ".join(literal for path in _PATHS for literal in re.findall(r"'([^']*)'", path))
_WORDS = sorted(set(re.findall(r"[A-Za-z][\w-]*", _LITERALS)))
_TAGS = ["div", "p", "span", "section", "article", "main", "aside", "list", "item", "ol", "ul", "details", "h1",
         "header", "cite", "quote", "a", "li"]  # fmt: skip
_ATTRS = ["id", "class", "style", "role", "itemprop", "data-component", "data-lp-replacement-content", "aria-hidden"]

_PIECES = [*_WORDS, "true", "display:none", "hidden", "Nav", "N", "-", " ", "_", "x"]
words = st.lists(st.sampled_from(_PIECES), max_size=4)
attributes = st.lists(st.tuples(st.sampled_from(_ATTRS), words.map("".join)), max_size=3, unique_by=lambda kv: kv[0])


@st.composite
def pages(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attrs = "".join(f' {name}="{html.escape(value)}"' for name, value in draw(attributes))
    children = draw(st.lists(pages(depth + 1), max_size=3 if depth < 3 else 0))
    return f"<{tag}{attrs}>t{''.join(children)}</{tag}>"


@settings(max_examples=150, deadline=None)
@given(pages())
def test_trafilatura_expressions_agree_on_random_pages(body: str) -> None:
    root = fromstring(f"<html><body>{body}</body></html>")
    for selector in selectors():
        for ctx in root.iter():
            if isinstance(ctx.tag, str):
                assert selector(ctx) == selector.xpath(ctx), (selector, ctx.tag, body)
