"""RSS/Atom files as inputs of ``cleaner run``: one document per item, no network.

Each item becomes a document made of its own content (content:encoded,
Atom content, else the summary), in feed order, with the item's title,
authors, published date and link preset, and the item id in the article's
``extra``.  An item with no content, or a file that is not a usable feed,
becomes a :class:`~cleaner.sources.containers.RecordError`.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.document import Document
from cleaner.feeds.items import FeedParseError, html_fragment_text, item_document, item_info, parse_feed
from cleaner.sources.containers import RecordError


def read_feed_file(path: str, rel: str) -> Iterator[Document | RecordError]:
    """Yield one :class:`Document` (or :class:`RecordError`) per item of the feed at ``path``."""
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        parsed = parse_feed(data)
    except FeedParseError as exc:
        yield RecordError("feed", "bad-feed", str(exc)[:300])
        return
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"item {number}"
        info = item_info(entry)
        if info.content is None:
            yield RecordError(where, "no-content", "the feed item has no content or summary")
            continue
        if info.content_type == "html" and len(html_fragment_text(info.content)) < 200:
            # Main-text extraction drops short fragments; a two-line summary is all there is, keep it.
            info.content, info.content_type = html_fragment_text(info.content), "text"
            if not info.content:
                yield RecordError(where, "no-text", "the feed item's content has no text")
                continue
        extra = {"feed": rel, "guid": info.guid, "link": info.link, "content_source": "feed-item",
                 "content_field": info.content_field, "record": where}  # fmt: skip
        doc = item_document(info, f"{rel}#{where}", extra)
        doc.extra["record"] = where
        yield doc
