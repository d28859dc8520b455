"""The library entry points: clean one document from bytes or text."""

from __future__ import annotations

from functools import cache

from cleaner.document import Article, Document
from cleaner.pipeline import Pipeline


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline()


def clean(
    data: bytes | str,
    *,
    url: str | None = None,
    format: str | None = None,
    path: str | None = None,
    pipeline: Pipeline | None = None,
) -> Article:
    """Clean one document and return its :class:`~cleaner.document.Article`.

    ``data`` is raw bytes (any charset) or already-decoded text.  ``format``
    forces ``"html"`` or ``"text"``; by default it is detected.  Raises
    :class:`~cleaner.document.Rejected` with a reason when the input cannot
    become an article.

    >>> article = clean("Rain is expected tomorrow. Bring an umbrella.")
    >>> article.language, article.sentences
    ('en', ['Rain is expected tomorrow.', 'Bring an umbrella.'])
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    doc = Document(raw=raw, url=url, format=format, path=path)
    return (pipeline or _default_pipeline()).process(doc)
