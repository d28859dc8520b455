"""Page titles without the site name glued on ("Story – Site", "Site | Story").

HTML ``<title>`` elements usually carry the site or section name beside the
headline.  :func:`refine_title` keeps the headline: the part that is also
the page's ``<h1>``, else the title minus parts that name the site.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

# A separator needs spaces around it, so hyphenated words and "10:30" stay whole.
_SEPARATOR = re.compile(r"\s+(?:[|·•›»–—~:/\\]|-{1,2}|::|\|\|)\s+")
# The content may not run past another h1 tag: an unclosed <h1> then costs one scan to the next
# h1 tag instead of one to the end of the page (quadratic on a page of many unclosed headings).
_H1 = re.compile(r"<h1\b[^>]*>((?:(?!</?h1\b).)*)</h1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_NON_WORD = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    """Comparison key: case-folded letters and digits only.

    >>> _key("Helge.at ")
    'helgeat'
    """
    return _NON_WORD.sub("", text.casefold())


def h1_texts(html: str, limit: int = 5) -> list[str]:
    """The text of the first ``<h1>`` elements of a page.

    >>> h1_texts("<body><h1 class='x'>Big <b>news</b></h1></body>")
    ['Big news']
    """
    found = []
    for match in _H1.finditer(html):
        text = " ".join(unescape(_TAG.sub(" ", match.group(1))).split())
        if text:
            found.append(text)
        if len(found) >= limit:
            break
    return found


def _names_site(part: str, sitename: str | None, host: str) -> bool:
    key = _key(part)
    if not key:
        return True
    if sitename and key == _key(sitename):
        return True
    host_key = _key(host)
    bare_host = _key(host.split(".")[-2]) if host.count(".") >= 1 else host_key
    return key in {host_key, bare_host} or (len(key) >= 4 and host_key.endswith(key))


def refine_title(title: str | None, sitename: str | None = None, url: str | None = None,
                 headings: list[str] | None = None) -> str | None:  # fmt: skip
    """Strip the site name from a page title.

    >>> refine_title("Rain returns to the valley | Valley Herald", "Valley Herald")
    'Rain returns to the valley'
    >>> refine_title("helge.at - Warum Wien staut", None, "https://helge.at/2019/x")
    'Warum Wien staut'
    >>> refine_title("Podcast | Episode 4: On bridges", None, None, ["Episode 4: On bridges"])
    'Episode 4: On bridges'
    >>> refine_title("Ten years on: what changed", "Some Site")
    'Ten years on: what changed'
    """
    if not title:
        return title
    parts = [p.strip() for p in _SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    if headings:
        keys = {_key(h) for h in headings}
        for part in parts:
            if _key(part) in keys and len(_key(part)) >= 8:
                return part
        # A headline that itself contains a separator ("A: B | Site") is found whole.
        for heading in headings:
            if len(_key(heading)) >= 8 and _key(heading) in _key(title) and _key(heading) != _key(title):
                return heading
    host = urlsplit(url).hostname or "" if url else ""
    if host.startswith("www."):
        host = host[4:]
    kept = [p for p in parts if not _names_site(p, sitename, host)]
    if kept and len(kept) < len(parts) and (parts[0] in kept or parts[-1] in kept):
        # Rejoin what is left with its original separators: only the site parts at the ends go.
        start = 0
        while start < len(parts) and parts[start] not in kept:
            start += 1
        end = len(parts)
        while end > start and parts[end - 1] not in kept:
            end -= 1
        first, last = parts[start], parts[end - 1]
        i = title.find(first)
        j = title.rfind(last) + len(last)
        return title[i:j].strip() if i >= 0 and j > i else title
    return title
