"""cleaner: raw scraped pages, plain-text scrapes and feeds → canonical JSON articles.

Public API::

    from cleaner import clean, split_sentences, detect_language
    article = clean(open("page.html", "rb").read(), url="https://…")
    print(article.to_json())

The names load on first use: ``import cleaner`` alone (as the command line's
parent process does) does not import trafilatura, langdetect or the cruft model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cleaner._version import __version__

if TYPE_CHECKING:
    from cleaner.api import clean
    from cleaner.document import Article, Document, Rejected, Removal
    from cleaner.pipeline import Outcome, Pipeline, default_stages
    from cleaner.schema import ARTICLE_SCHEMA, validate_article
    from cleaner.stages.language import detect_language
    from cleaner.stages.sentences import sentence_spans, split_sentences

_HOMES = {
    "clean": "cleaner.api",
    "Article": "cleaner.document",
    "Document": "cleaner.document",
    "Rejected": "cleaner.document",
    "Removal": "cleaner.document",
    "Outcome": "cleaner.pipeline",
    "Pipeline": "cleaner.pipeline",
    "default_stages": "cleaner.pipeline",
    "ARTICLE_SCHEMA": "cleaner.schema",
    "validate_article": "cleaner.schema",
    "detect_language": "cleaner.stages.language",
    "sentence_spans": "cleaner.stages.sentences",
    "split_sentences": "cleaner.stages.sentences",
}

__all__ = [
    "ARTICLE_SCHEMA",
    "Article",
    "Document",
    "Outcome",
    "Pipeline",
    "Rejected",
    "Removal",
    "__version__",
    "clean",
    "default_stages",
    "detect_language",
    "sentence_spans",
    "split_sentences",
    "validate_article",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is asked for (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
