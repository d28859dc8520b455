"""Extract stage: trafilatura on HTML, text passes through."""

from __future__ import annotations

import pytest

from cleaner.document import Document, Rejected
from cleaner.stages.decode import Decode
from cleaner.stages.extract import Extract, split_authors

PAGE = """<!DOCTYPE html><html><head><title>Library opens late | Town Paper</title>
<meta name="author" content="Ann Lee">
<meta property="og:site_name" content="Town Paper">
<meta property="article:published_time" content="2025-09-01">
<link rel="canonical" href="https://paper.example/library"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Library opens late</h1>
<p>The new town library will open two weeks later than planned because of a delay with its heating system.</p>
<p>Staff said the building would still host the autumn reading festival, which starts in October this year.</p>
</article>
<div id="comments"><p>Great news, thanks for sharing this story with us all!</p></div>
</body></html>"""


def extract(raw: bytes, url: str | None = None) -> Document:
    doc = Document(raw=raw, url=url)
    Decode().process(doc)
    Extract().process(doc)
    return doc


def test_html_main_text_and_metadata() -> None:
    doc = extract(PAGE.encode())
    assert doc.lines[0] == "Library opens late" or doc.title == "Library opens late"
    assert any(line.startswith("The new town library") for line in doc.lines)
    assert any(line.startswith("Staff said") for line in doc.lines)
    # paragraph boundaries survive as separate blocks
    assert not any("heating system. Staff" in line for line in doc.lines)
    assert doc.title == "Library opens late"
    assert doc.authors == ["Ann Lee"]
    assert doc.published == "2025-09-01"
    assert doc.sitename == "Town Paper"
    assert doc.url == "https://paper.example/library"


def test_comments_are_not_extracted() -> None:
    doc = extract(PAGE.encode())
    assert not any("Great news" in line for line in doc.lines)


def test_given_url_is_kept_and_canonical_recorded() -> None:
    doc = extract(PAGE.encode(), url="https://paper.example/library?utm=x")
    assert doc.url == "https://paper.example/library?utm=x"
    assert doc.canonical_url == "https://paper.example/library"


def test_text_passes_through() -> None:
    doc = Document(raw=b"Line one.\nLine two.")
    Decode().process(doc)
    Extract().process(doc)
    assert doc.lines == ["Line one.", "Line two."]


def test_page_without_text_is_rejected() -> None:
    with pytest.raises(Rejected) as info:
        extract(b"<html><head><title>x</title></head><body><div></div></body></html>")
    assert info.value.reason == "no-text"


def test_split_authors() -> None:
    assert split_authors("A B; C D") == ["A B", "C D"]
    assert split_authors(None) == []
