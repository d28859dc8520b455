"""trafilatura text + metadata, without the metadata the articles never use.

``trafilatura.bare_extraction(with_metadata=True)`` also computes categories,
tags and the licence: about a quarter of its metadata time on the dev pages
(see ``bench/pipeline.py``), for fields the article schema does not have.
:func:`extract_page` parses the page once, runs the same metadata steps in
the same order as ``trafilatura.metadata.extract_metadata`` minus those
three, and then trafilatura's text extraction on that tree, so text, title,
author, date, sitename, description and URL are the ones
``bare_extraction(with_metadata=True)`` gives (tests compare them).  The author
search from the markup is :mod:`cleaner.stages.fastauthor`: the same answer
without trafilatura's copy of the tree and its four XPath walks.
"""

from __future__ import annotations

import contextlib
from typing import Any

import trafilatura
from trafilatura.metadata import (
    META_URL,
    Document,
    examine_meta,
    extract_domain,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
    find_date,
)
from trafilatura.settings import DEFAULT_CONFIG, set_date_params
from trafilatura.utils import load_html

from cleaner.stages.fastauthor import extract_author

MAX_FILE_SIZE = DEFAULT_CONFIG.getint("DEFAULT", "MAX_FILE_SIZE")
DATE_PARAMS = set_date_params(DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH"))
FIELDS = ("title", "author", "date", "sitename", "description", "url")


def page_metadata(tree: Any, default_url: str | None = None) -> Document:
    """``extract_metadata`` of trafilatura 2.3, step for step, without categories, tags and licence."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with contextlib.suppress(Exception):  # trafilatura guards this call the same way (bugs in its JSON-LD code)
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, default_url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    metadata.date = find_date(tree, **{**DATE_PARAMS, "url": metadata.url})
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.filedate = DATE_PARAMS.get("max_date")
    metadata.clean_and_trim()
    return metadata


def extract_page(html: str, url: str | None = None, **options: Any) -> dict[str, Any] | None:
    """Text and metadata of one page, as ``bare_extraction(..., with_metadata=True)`` returns them.

    ``options`` go to :func:`trafilatura.bare_extraction` (comments are off).
    Returns None when nothing was found.

    >>> page = "<html><head><title>Notes</title></head><body><article><p>" + "Some words here. " * 20
    >>> extract_page(page + "</p></article></body></html>")["title"]
    'Notes'
    """
    tree = load_html(html, MAX_FILE_SIZE)
    if tree is None:
        return None
    meta = page_metadata(tree, url)
    settings: dict[str, Any] = {"include_comments": False, **options, "with_metadata": False}
    # trafilatura copies a tree it is given; the text pass sees the URL the metadata pass found, as it would.
    result = trafilatura.bare_extraction(tree, url=url or meta.url, **settings)
    if result is None:
        return None
    found = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    for name in FIELDS:
        found[name] = getattr(meta, name)
    return found
