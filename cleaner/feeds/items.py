"""From a parsed feed item to an article: keys, file names, metadata, content fallback.

Shared by the scheduled fetcher (:mod:`cleaner.feeds.run`) and the feed-file
reader (:mod:`cleaner.sources.feedfile`), which uses the item content only.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
import time
from dataclasses import dataclass, field
from typing import Any

from cleaner.document import Article, Document, Rejected
from cleaner.feeds.safety import screen_xml
from cleaner.pipeline import Pipeline

_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_BLOCK = re.compile(r"(?i)<\s*(?:/?(?:p|div|li|h[1-6]|blockquote|pre|tr|section|article)\b[^>]*|br\s*/?)>")


class FeedParseError(Exception):
    """A feed that is not XML we can read (ill-formed with no items, refused DOCTYPE…)."""


def parse_feed(data: bytes, content_type: str | None = None, content_location: str | None = None) -> Any:
    """Screen and parse feed bytes with feedparser; raise :class:`FeedParseError` if unusable.

    Bytes are handed over as a stream: feedparser treats a ``bytes`` argument
    that happens to name an existing file as a path to open.

    >>> d = parse_feed(b'<rss version="2.0"><channel><item><guid>a</guid><title>T</title></item></channel></rss>')
    >>> [e.title for e in d.entries]
    ['T']
    """
    import feedparser

    try:
        screen_xml(data)
    except Exception as exc:
        raise FeedParseError(str(exc)) from exc
    headers: dict[str, str] = {}
    if content_type:
        headers["content-type"] = content_type
    if content_location:
        headers["content-location"] = content_location
    if not data.strip():
        raise FeedParseError("empty document")
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers or None)
    if not parsed.entries and not parsed.get("version") and not parsed.feed:
        exc = parsed.get("bozo_exception")
        why = f"{type(exc).__name__}: {exc}" if exc is not None else "no RSS/Atom elements found"
        raise FeedParseError(f"ill-formed feed: {why}"[:300])
    return parsed


def iso_datetime(parsed: time.struct_time | None) -> str | None:
    """A feedparser ``*_parsed`` UTC struct_time as ISO 8601.

    >>> iso_datetime(time.struct_time((2024, 5, 4, 10, 30, 0, 5, 125, 0)))
    '2024-05-04T10:30:00Z'
    """
    if not parsed:
        return None
    try:
        # Round-trip through a timestamp: normalises out-of-range fields feedparser may keep.
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))
    except (OverflowError, ValueError, TypeError):
        return None


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


@dataclass
class ItemInfo:
    """What a feed item says about itself."""

    key: str
    guid: str | None
    link: str | None
    title: str | None
    authors: list[str]
    published: str | None
    content: str | None  # the item's own body (content:encoded, content, summary)
    content_type: str  # "html" | "text"
    content_field: str | None  # which field the body came from
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str | None:
        """The link if it is a web address (Atom ids and odd schemes are not)."""
        if self.link and self.link.lower().startswith(("http://", "https://")):
            return self.link
        return None


def item_info(entry: Any) -> ItemInfo:
    """Normalise one feedparser entry.

    The key identifies the item across runs: its guid/id, else its link, else
    a hash of its title and content (an item with neither has no better name).

    >>> import feedparser
    >>> e = feedparser.parse(b'<rss><channel><item><link>https://x.org/a</link><title>A</title></item></channel></rss>')
    >>> info = item_info(e.entries[0])
    >>> info.key, info.guid, info.title
    ('https://x.org/a', None, 'A')
    """
    guid = _text(entry.get("id"))
    link = _text(entry.get("link"))
    title = _text(entry.get("title"))
    authors: list[str] = []
    for author in entry.get("authors") or []:
        name = _text(author.get("name")) if hasattr(author, "get") else None
        if name and name not in authors:
            authors.append(name)
    if not authors and _text(entry.get("author")):
        authors.append(entry["author"].strip())
    published = iso_datetime(entry.get("published_parsed")) or iso_datetime(entry.get("updated_parsed"))
    content, ctype, where = None, "html", None
    for part in entry.get("content") or []:
        value = _text(part.get("value"))
        if value:
            content, where = value, "content"
            ctype = "text" if part.get("type") == "text/plain" else "html"
            break
    if content is None:
        summary = _text(entry.get("summary"))
        if summary:
            detail = entry.get("summary_detail") or {}
            content, where = summary, "summary"
            ctype = "text" if detail.get("type") == "text/plain" else "html"
    key = guid or link
    if key is None:
        digest = hashlib.sha256(f"{title or ''}\x00{content or ''}".encode("utf-8", "surrogatepass")).hexdigest()
        key = f"sha256:{digest[:32]}"
    return ItemInfo(key, guid, link, title, authors, published, content, ctype, where)


def item_file(feed_name: str, key: str) -> str:
    """The stable output path of an item, relative to the output folder.

    >>> item_file("news", "tag:x,2024:1")
    'news/62db4a0452c6f40e.json'
    """
    return f"{feed_name}/{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}.json"


def html_fragment_text(html: str) -> str:
    """Plain text of an HTML fragment, one block per line (for short item bodies).

    >>> html_fragment_text("<p>One &amp; two.</p><p>Three.</p>")
    'One & two.\\nThree.'
    """
    import html as htmllib

    text = _BLOCK.sub("\n", html)
    text = _TAG.sub("", text)
    text = htmllib.unescape(text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def fill_from_item(article: Article, info: ItemInfo) -> list[str]:
    """Fill title, authors, published and url the page lacked; return the fields filled."""
    filled = []
    if not article.title and info.title:
        article.title, _ = info.title, filled.append("title")
    if not article.authors and info.authors:
        article.authors, _ = list(info.authors), filled.append("authors")
    if not article.published and info.published:
        article.published, _ = info.published, filled.append("published")
    if not article.url and info.url:
        article.url, _ = info.url, filled.append("url")
    return filled


def item_document(info: ItemInfo, path: str | None, article_extra: dict[str, Any]) -> Document:
    """A document from the item's own content, with the item's metadata preset."""
    assert info.content is not None
    doc = Document(
        raw=info.content.encode("utf-8", "surrogatepass"), url=info.url, path=path, format=info.content_type,
        title=info.title, authors=list(info.authors), published=info.published,
    )  # fmt: skip
    doc.extra["content_type"] = "text/html; charset=utf-8"
    doc.extra["article_extra"] = dict(article_extra)
    return doc


def article_from_item(pipeline: Pipeline, info: ItemInfo, path: str | None, article_extra: dict[str, Any]) -> Article:
    """Run the pipeline on the item's own content; raise :class:`Rejected` if it has none.

    Item bodies are often a sentence or two, below what main-text extraction
    keeps from a page; HTML the extractor rejects is retried as plain text.
    """
    if info.content is None:
        raise Rejected("no-content", "the feed item has no content or summary")
    try:
        return pipeline.process(item_document(info, path, article_extra))
    except Rejected:
        # Any failure of the HTML path (too short to extract, an extractor error) leaves the plain text.
        if info.content_type != "html":
            raise
    text = html_fragment_text(info.content)
    if not text:
        raise Rejected("no-text", "the feed item's content has no text")
    plain = ItemInfo(**{**info.__dict__, "content": text, "content_type": "text"})
    return pipeline.process(item_document(plain, path, article_extra))
