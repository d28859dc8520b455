"""trafilatura text + metadata, without the metadata the articles never use.

``trafilatura.bare_extraction(with_metadata=True)`` also computes categories,
tags and the licence: about a quarter of its metadata time on the dev pages
(see ``bench/pipeline.py``), for fields the article schema does not have.
:func:`extract_page` parses the page once, runs the same metadata steps in
the same order as ``trafilatura.metadata.extract_metadata`` minus those
three, and then trafilatura's text extraction on that same tree (no copy:
nothing reads the tree after it), so text, title,
author, date, sitename, description and URL are the ones
``bare_extraction(with_metadata=True)`` gives (tests compare them).  The author
search from the markup is :mod:`cleaner.stages.fastauthor`: the same answer
without trafilatura's copy of the tree and its four XPath walks.

The page is parsed by :func:`parse_html`: trafilatura's ``load_html`` steps
with a parser whose element classes are chosen in C.  lxml.html's own parser
asks a Python function for the class of every element it hands out, which is
about a tenth of trafilatura's time on the dev pages; this one gives every
element the plain ``HtmlElement`` class, which is all trafilatura, htmldate and
jusText use (they read no form-field properties), and the extracted text and
metadata stay identical (the tests compare them on every dev page).

The text pass runs with :mod:`cleaner.stages.fastxpath`'s selectors in place of
trafilatura's pruning and frame-finding XPath expressions: the same elements,
found about four times faster.
"""

from __future__ import annotations

import contextlib
from typing import Any

from lxml.etree import ElementDefaultClassLookup, strip_tags
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura.core import trafilatura_sequence
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
from trafilatura.settings import DEFAULT_CONFIG, Extractor, set_date_params
from trafilatura.utils import is_dubious_html, repair_faulty_html
from trafilatura.xml import xmltotxt

from cleaner.stages.fastauthor import extract_author
from cleaner.stages.fastxpath import trafilatura_selectors

DATE_PARAMS = set_date_params(DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH"))
FIELDS = ("title", "author", "date", "sitename", "description", "url")

# trafilatura's parser settings (trafilatura.utils.HTML_PARSER), element classes looked up in C
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
_PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity)
)


def _from_bytes(html: str) -> Any:
    with contextlib.suppress(Exception):  # as trafilatura's fromstring_bytes: a failed parse is no tree
        return fromstring(html.encode("utf8", "surrogatepass"), parser=_PARSER)
    return None


def parse_html(html: str) -> Any:
    """The tree ``trafilatura.utils.load_html`` builds from a string, or None where it gives None.

    Same repairs, same fallbacks, same rejection of text that is not HTML.

    >>> parse_html("<html><body><p>Hello</p></body></html>").findtext(".//p")
    'Hello'
    >>> parse_html("just words") is None
    True
    """
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    tree, fallback = None, False
    try:
        tree = fromstring(html, parser=_PARSER)
    except ValueError:  # a string with an encoding declaration: lxml wants bytes
        tree, fallback = _from_bytes(html), True
    except Exception:  # as load_html: any other parser failure is no tree
        tree = None
    if (tree is None or len(tree) < 1) and not fallback:
        tree = _from_bytes(html)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


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


# bare_extraction's keyword -> Extractor's, for the options extract_page accepts
_OPTION_NAMES = {"favor_precision": "precision", "favor_recall": "recall", "include_comments": "comments",
                 "include_tables": "tables", "include_formatting": "formatting", "include_links": "links",
                 "include_images": "images", "no_fallback": "fast", "fast": "fast"}  # fmt: skip


def extract_text(tree: Any, url: str | None = None, **options: Any) -> str | None:
    """trafilatura's main text of ``tree``, as ``bare_extraction`` gives it, but extracted from ``tree`` itself.

    ``bare_extraction`` copies a tree it is given, because its first steps delete
    elements; here the caller's tree is used, and changed.  The steps are
    ``bare_extraction``'s for Python output without metadata, deduplication or a
    language filter.  Returns None where it returns None.
    """
    settings = {"comments": False} | {_OPTION_NAMES[name]: value for name, value in options.items()}
    settings["fast"] = bool(settings.get("fast"))
    extractor = Extractor(config=DEFAULT_CONFIG, output_format="python", url=url, **settings)
    try:
        with trafilatura_selectors():  # the same selections as trafilatura's XPath, a quarter of the time
            body, text, _, comments = trafilatura_sequence(tree, extractor, url)
        if extractor.max_tree_size and len(body) > extractor.max_tree_size:
            strip_tags(body, "hi")
            if len(body) > extractor.max_tree_size:
                return None
        if len(text) < extractor.min_output_size and len(comments) < extractor.min_output_comm_size:
            return None
    except (TypeError, ValueError):
        return None
    return xmltotxt(body, extractor.formatting)


def extract_page(html: str, url: str | None = None, **options: Any) -> dict[str, Any] | None:
    """Text and metadata of one page: ``text`` and :data:`FIELDS` as ``bare_extraction(..., with_metadata=True)``.

    ``options`` are :func:`trafilatura.bare_extraction` keywords among
    ``extract.FAST_PATH_OPTIONS`` (comments are off unless asked for).
    Returns None when nothing was found.

    >>> page = "<html><head><title>Notes</title></head><body><article><p>" + "Some words here. " * 20
    >>> extract_page(page + "</p></article></body></html>")["title"]
    'Notes'
    """
    tree = parse_html(html)
    if tree is None:
        return None
    meta = page_metadata(tree, url)  # reads the tree before the text extraction changes it
    # the text pass sees the URL the metadata pass found, as in bare_extraction
    text = extract_text(tree, url or meta.url, **options)
    if text is None:
        return None
    return {"text": text} | {name: getattr(meta, name) for name in FIELDS}
