"""Pure per-line measurements the classifier combines.

Each function looks at one line (or a line and its neighbour) and returns a
number or a flag; none of them decides anything on its own.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# The same words in a line without apostrophes or underscores, found faster (measured 0.79x the time on
# the paragraphs extraction returns): there ``\w`` is ``[^\W_]`` and the apostrophe group never matches.
_PLAIN_WORD = re.compile(r"\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b\S+\.(?:com|org|net|de|fr|co\.uk)/\S*", re.I)
# _URL's two alternatives, each run only where its literals are (of the lower-cased line): the second, which has
# no literal to start from, tries every word of the line.
_URL_SCHEME = re.compile(r"(?:https?://|www\.)\S+", re.I)
_URL_SITE = re.compile(r"\b\S+\.(?:com|org|net|de|fr|co\.uk)/\S*", re.I)
_SITE_LITERALS = (".com/", ".org/", ".net/", ".de/", ".fr/", ".co.uk/")
_HANDLE = re.compile(r"(?<!\w)@\w{2,}")
# Every _URL match holds one of these (of the lower-cased line), every _HANDLE match an "@".
URL_LITERALS = ("://", "www.", ".com/", ".org/", ".net/", ".de/", ".fr/", ".co.uk/", "@")
# Sentence-final punctuation, optionally followed by closing quotes/brackets.
_SENTENCE_ENDERS = frozenset(".!?…。！？")
CLOSERS = "'\"’”»)]"  # closing quotes and brackets that may follow a sentence's last mark
_ALNUM = re.compile(r"[^\W_]+")


def words(line: str) -> list[str]:
    """Lower-case words of a line (apostrophes kept inside words).

    >>> words("Don't STOP, 2 go!")
    ["don't", 'stop', '2', 'go']
    """
    return _WORD.findall(line.lower())


def lower_words(low: str) -> list[str]:
    """:func:`words` of a line already in lower case (saves lower-casing it twice).

    >>> lower_words("don't stop, 2 go!")
    ["don't", 'stop', '2', 'go']
    """
    if "'" in low or "’" in low or "_" in low:
        return _WORD.findall(low)
    return _PLAIN_WORD.findall(low)


def stop_density(tokens: list[str], stops: Collection[str]) -> float:
    """Share of ``tokens`` that are stop words (0 for no tokens).

    >>> stop_density(["the", "cat", "is", "here"], {"the", "is"})
    0.5
    """
    if not tokens:
        return 0.0
    return sum(map(stops.__contains__, tokens)) / len(tokens)  # map runs in C: no per-token Python frame


def ends_sentence(line: str) -> bool:
    """Does the line end like a sentence (., !, ?, … possibly before a closing quote)?

    >>> ends_sentence("He left."), ends_sentence("“Great idea!!”"), ends_sentence("Read more")
    (True, True, False)
    """
    # Strip the closers and look at one character: a regex search would try every position of the line.
    # Like ``$``, a single newline at the very end is ignored.
    if line.endswith("\n"):
        line = line[:-1]
    return line.rstrip(CLOSERS)[-1:] in _SENTENCE_ENDERS


def capitalised_share(line: str) -> float:
    """Share of alphabetic words that start with an upper-case letter.

    >>> capitalised_share("Newsletter Events Podcasts and Videos")
    0.8
    """
    alpha = [w for w in line.split() if w[:1].isalpha()]
    if not alpha:
        return 0.0
    return sum(1 for w in alpha if w[0].isupper()) / len(alpha)


def has_url(line: str) -> bool:
    """Does the line contain a URL or a social handle?

    >>> has_url("see pic.twitter.com/abc"), has_url("— Ann (@ann) May 1"), has_url("no link")
    (True, True, False)
    """
    # A URL needs a slash or "www.", a handle an "@": most lines never reach the regexes.
    if "/" in line or "ww." in line or "WW." in line:
        low = line.lower()
        if ("://" in low or "www." in low) and _URL_SCHEME.search(line):
            return True
        if any(site in low for site in _SITE_LITERALS) and _URL_SITE.search(line):
            return True
    return "@" in line and _HANDLE.search(line) is not None


def fingerprint(line: str) -> str:
    """Lower-case alphanumerics joined by single spaces: quotes and punctuation vanish.

    Two copies of one quote, one inside “…” with an attribution and one bare,
    share this form.

    >>> fingerprint("“We can send them,” he said.")
    'we can send them he said'
    """
    return " ".join(_ALNUM.findall(line.lower()))


def fingerprint_of_words(tokens: list[str]) -> str:
    """:func:`fingerprint` of a line from its :func:`words`, without reading the line again.

    A word is one run of letters and digits, or two joined by an apostrophe, so the runs
    ``fingerprint`` joins are the words with their apostrophes turned into spaces.

    >>> fingerprint_of_words(words("“We can’t send them,” he said.")) == fingerprint("“We can’t send them,” he said.")
    True
    """
    return " ".join(tokens).replace("'", " ").replace("’", " ")


def is_headline_like(line: str, n_words: int, sentence: bool | None = None) -> bool:
    """A line shaped like a headline: 3–20 words, capitalised start, no sentence end, no colon.

    >>> is_headline_like("Marco Rubio confirmed as US secretary of state", 8)
    True
    >>> is_headline_like("Nevertheless, the offer was significant.", 5)
    False
    """
    if not 3 <= n_words <= 20 or not line[:1].isupper():
        return False
    last = line.rstrip()[-1:]
    if sentence is None:  # callers that measured ends_sentence(line) already pass it
        sentence = ends_sentence(line)
    return not (sentence or last in ":;,")
