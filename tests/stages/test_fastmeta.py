"""extract_page gives exactly the fields of trafilatura.bare_extraction(with_metadata=True)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import trafilatura

from cleaner.document import Document
from cleaner.stages.decode import Decode
from cleaner.stages.fastmeta import FIELDS, extract_page
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parent.parent.parent


def reference(html: str, url: str | None, **options: Any) -> dict[str, Any] | None:
    settings = {"include_comments": False, **options}
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, **settings)
    return None if result is None else result.as_dict()


def same(html: str, url: str | None, **options: Any) -> bool:
    want, got = reference(html, url, **options), extract_page(html, url, **options)
    if want is None or got is None:
        return want is got
    return all(want[f] == got[f] for f in (*FIELDS, "text"))


def decoded(data: bytes) -> str:
    doc = Document(raw=data, format="html")
    Decode().process(doc)
    assert doc.html is not None
    return doc.html


PAGES = [
    "<html><head><title>Ferry news | The Coastal Ledger</title><meta name='author' content='Ann Lee'>"
    "<link rel='canonical' href='/news/ferry'><meta property='og:url' content='https://ledger.example/x'></head>"
    "<body><article><h1>Ferry news</h1><p class='byline'>By Ann Lee, 12 March 2025</p>"
    + "<p>The morning ferry leaves earlier from next week, the harbour office said.</p>" * 5
    + "</article><a href='/category/local/'>Local</a><a href='/tag/ferry/'>ferry</a></body></html>",
    '<html><head><script type=\'application/ld+json\'>{"@type": "NewsArticle", "headline": "JSON title",'
    ' "author": {"name": "Bo Chen"}, "datePublished": "2024-01-02"}</script></head><body><div>'
    + "<p>Plain body text that is long enough to be kept by the extractor, with several words.</p>" * 4
    + "</div></body></html>",
    "<html><body><p>short</p></body></html>",
]


@pytest.mark.parametrize("html", PAGES)
@pytest.mark.parametrize("url", [None, "https://example.org/page"])
def test_same_as_trafilatura(html: str, url: str | None) -> None:
    assert same(html, url)


def test_same_on_sample_inputs() -> None:
    for path in sorted((ROOT / "raw").glob("*.htm*")):
        assert same(decoded(path.read_bytes()), None), path.name


@pytest.mark.parametrize(
    "options",
    [{"favor_precision": True}, {"favor_recall": True}, {"include_comments": True}, {"include_tables": False},
     {"include_formatting": True, "include_links": True}, {"fast": True}],
)  # fmt: skip
def test_same_with_options(options: dict[str, Any]) -> None:
    pages = PAGES + [decoded(path.read_bytes()) for path in sorted((ROOT / "raw").glob("*.htm*"))]
    for html in pages:
        assert same(html, "https://example.org/page", **options), (html[:60], options)


@pytest.mark.shared
@pytest.mark.slow
def test_same_on_dev_pages() -> None:
    folder = shared_path("data", "extraction-dev", "html")
    different = [p.name for p in sorted(folder.iterdir()) if not same(decoded(p.read_bytes()), None)]
    assert different == []


TREES = [
    *PAGES,
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>Declared encoding, so lxml wants bytes.</p></body></html>",
    "<!DOCTYPE html>\n<html/>\n<body><p>A self-closed html tag.</p></body>",
    "<html><body><form action='/s'><label for='q'>Search</label><input name='q' value='x'>"
    "<select><option>One</option></select><textarea>Text area</textarea></form><p>After.</p></body></html>",
    "<html><body><!-- a comment --><?pi stuff?><p>Comments and PIs go.</p>\x0b\x00</body></html>",
    "plain words, not a page",
    "<p>one block</p>",
    "",
]


@pytest.mark.parametrize("html", TREES)
def test_parse_html_builds_load_htmls_tree(html: str) -> None:
    from lxml.etree import tostring
    from trafilatura.utils import load_html

    from cleaner.stages.fastmeta import parse_html

    want, got = load_html(html), parse_html(html)
    assert (want is None) == (got is None)
    if want is not None:
        assert tostring(got, encoding=str) == tostring(want, encoding=str)
        assert {type(e).__name__ for e in got.iter() if isinstance(e.tag, str)} == {"HtmlElement"}
