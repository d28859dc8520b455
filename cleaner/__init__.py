"""cleaner: raw scraped pages, plain-text scrapes and feeds → canonical JSON articles.

Public API::

    from cleaner import clean, split_sentences, detect_language
    article = clean(open("page.html", "rb").read(), url="https://…")
    print(article.to_json())
"""

from cleaner._version import __version__
from cleaner.api import clean
from cleaner.document import Article, Document, Rejected, Removal
from cleaner.pipeline import Outcome, Pipeline, default_stages
from cleaner.schema import ARTICLE_SCHEMA, validate_article
from cleaner.stages.language import detect_language
from cleaner.stages.sentences import sentence_spans, split_sentences

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
