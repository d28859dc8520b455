"""Stage 8: turn the finished document into a canonical :class:`Article`."""

from __future__ import annotations

import hashlib
import re

from cleaner._version import __version__
from cleaner.document import Article, Document, Rejected
from cleaner.stages.base import Stage

_WORD = re.compile(r"\w+")


def article_id(url: str | None, sha256: str) -> str:
    """Deterministic id: the same URL and bytes always give the same id.

    >>> article_id("https://example.org/a", "00" * 32) == article_id("https://example.org/a", "00" * 32)
    True
    """
    key = f"cleaner-article\x00{url or ''}\x00{sha256}".encode()
    return hashlib.sha256(key).hexdigest()[:32]


def count_words(text: str) -> int:
    """Words as runs of letters/digits (CJK text counts each run as one).

    >>> count_words("Hello, wide world!")
    3
    """
    return len(_WORD.findall(text))


class Emit(Stage):
    """Build the article; reject documents left with no text."""

    name = "emit"

    def process(self, doc: Document) -> None:
        text = doc.text
        if not text.strip():
            raise Rejected("no-text", "nothing left after cleaning")
        sha = doc.sha256
        source = {
            "path": doc.path,
            "sha256": sha,
            "format": doc.format or "text",
            "encoding": doc.encoding or "utf-8",
            "encoding_source": doc.encoding_source or "utf-8",
        }
        if doc.canonical_url:
            source["canonical_url"] = doc.canonical_url
        doc.article = Article(
            id=article_id(doc.url, sha),
            url=doc.url,
            source=source,
            title=doc.title,
            authors=list(doc.authors),
            published=doc.published,
            sitename=doc.sitename,
            description=doc.description,
            language=doc.language,
            language_score=doc.language_score,
            text=text,
            sentences=list(doc.sentences),
            paragraph_languages=list(doc.paragraph_languages),
            removed=[r.to_dict() for r in doc.removed],
            changes=[dict(c) for c in doc.changes],
            stats={"chars": len(text), "words": count_words(text), "sentences": len(doc.sentences)},
            pipeline={"version": __version__},
            extra=dict(doc.extra.get("article_extra", {})),
        )
