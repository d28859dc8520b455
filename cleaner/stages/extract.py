"""Stage 2: main text and metadata out of HTML (trafilatura); text passes.

trafilatura returns one block per line (paragraph, heading, list item, table
row).  We keep that: ``doc.lines`` gets one entry per block, so paragraph
boundaries survive to the output.  Comments are left out.  The page title
loses the site name glued to it (see :mod:`cleaner.stages.titles`).
"""

from __future__ import annotations

import re
from typing import Any

import trafilatura

from cleaner.document import Document, Rejected
from cleaner.stages.base import Stage
from cleaner.stages.fastmeta import extract_page
from cleaner.stages.titles import h1_texts, refine_title

_AUTHOR_SPLIT = re.compile(r"\s*;\s*")
# Options that do not touch metadata extraction: with only these, extract_page gives identical results faster.
FAST_PATH_OPTIONS = {"favor_precision", "favor_recall", "include_comments", "include_tables", "include_formatting",
                     "include_links", "include_images", "no_fallback"}  # fmt: skip


def extract_html(html: str, url: str | None = None, **options: Any) -> dict[str, Any] | None:
    """Run trafilatura on one page; return its text and metadata as a dict.

    ``options`` go to :func:`trafilatura.bare_extraction` (e.g.
    ``favor_precision=True``).  Returns None when nothing was found.
    """
    if set(options) <= FAST_PATH_OPTIONS:  # same fields, without categories/tags/licence (see fastmeta)
        return extract_page(html, url, **options)
    settings: dict[str, Any] = {"include_comments": False, "with_metadata": True}
    settings.update(options)
    result = trafilatura.bare_extraction(html, url=url, **settings)
    if result is None:
        return None
    return result.as_dict() if hasattr(result, "as_dict") else dict(result)


def split_authors(value: str | None) -> list[str]:
    """trafilatura joins authors with "; " — split them back.

    >>> split_authors("Ann Lee; Bo Chen")
    ['Ann Lee', 'Bo Chen']
    """
    if not value:
        return []
    return [a for a in _AUTHOR_SPLIT.split(value.strip()) if a]


class Extract(Stage):
    """HTML → text blocks + metadata; plain text passes through untouched."""

    name = "extract"

    def __init__(self, **options: Any) -> None:
        super().__init__()
        self.options = options

    def process(self, doc: Document) -> None:
        if doc.format == "text":
            return
        if doc.format != "html" or doc.html is None:
            raise Rejected("unsupported-format", f"format {doc.format!r} is not a single article")
        try:
            found = extract_html(doc.html, doc.url, **self.options)
        except RecursionError as exc:
            raise Rejected("too-deep", "HTML nesting too deep to extract") from exc
        if not found or not (found.get("text") or "").strip():
            raise Rejected("no-text", "trafilatura found no main text")
        doc.lines = found["text"].splitlines()
        if not doc.title and found.get("title"):
            site_url = found.get("url") or doc.url
            doc.title = refine_title(found["title"], found.get("sitename"), site_url, h1_texts(doc.html))
        doc.html = None  # free memory early; the raw bytes are kept
        doc.authors = doc.authors or split_authors(found.get("author"))
        doc.published = doc.published or found.get("date") or None
        doc.sitename = doc.sitename or found.get("sitename") or None
        doc.description = doc.description or found.get("description") or None
        canonical = found.get("url")
        if canonical and canonical != doc.url:
            doc.canonical_url = canonical
        doc.url = doc.url or canonical or None
