"""Every line of a page measured in one pass: what the rules and the line model read of it.

For each distinct line, :func:`measure` returns one row of integers, named by
:data:`COLUMNS`: its length, words and stop words (:mod:`.signals`), whether it
ends a sentence, whether it is shaped like a menu bar or a share bar
(:func:`.patterns.menu_bar`, :func:`.patterns.share_bar`), which literal
families it contains (:data:`FAMILIES`), character-class counts for the line
model, and the first line of the page with the same fingerprint and with the
same first word.

The families are the cheap gates of the rules: every line a rule of
:func:`.classifier.evidence` can match contains a literal of the rule's family
(a keyword anywhere, or one its first word starts with), so a line with none
of them is judged without running a single regular expression.

The work is done by the compiled core (``_core.c``) when it is built; this
module holds its pure-Python twin, which defines what each column means and
runs where the core is absent (``CLEANER_PURE_PYTHON=1`` forces it).  The
tests hold the two equal.
"""

from __future__ import annotations

import os
import re
from functools import cache, lru_cache

import numpy as np

from cleaner.cruft import lift, patterns, stoplists
from cleaner.cruft.signals import URL_LITERALS, ends_sentence, fingerprint_of_words, lower_words
from cleaner.cruft.stoplists import stoplist

try:  # the compiled core, when it was built with the package (the other modules take it from here)
    from cleaner.cruft import _core as core
except ImportError:  # pragma: no cover - a source tree without the build
    core = None  # type: ignore[assignment]

COLUMNS = (
    "chars", "words", "stops", "sentence", "menu", "share_bar", "credit_word", "literals", "fp_id", "first_id",
    "digits", "punct", "letters", "upper", "resized", "alpha_starts", "capital_starts", "first_lower", "first_digit",
    "first_bullet", "first_upper", "commas", "inner_ends", "ends_colon", "last_clause", "stripped_last_clause",
    "separator", "copyright", "decimal", "first_decimal", "colon", "underscore", "role_separator",
    "trail", "digit_separator", "marks", "first_word", "digit_date",
)  # fmt: skip
# The yes/no facts of a line the gate reads, as the bits of its "marks" column.
MARKS = ("not_sentence", "menu", "share_bar", "credit_word", "decimal", "first_decimal", "underscore",
         "digit_separator", "first_upper", "role_separator", "colon", "trail", "digit_date")  # fmt: skip
MARK = {name: 1 << i for i, name in enumerate(MARKS)}
COL = {name: i for i, name in enumerate(COLUMNS)}

# Where a literal must sit in the lower-cased line: anywhere, at its very start, where its first word starts,
# or where its first word starts and as that whole word (no letter or digit after it).
ANYWHERE, LINE_START, FIRST_WORD, WHOLE_FIRST_WORD = 0, 1, 2, 3
# Bits of a word in the word table.
STOP, SHARE, CREDIT = 1, 2, 4

# name → groups of (where, literals).  A family is found when any of its literals is where its group says; its
# bit is its place in this table.  Every match of the pattern a family stands before holds one of its literals
# (tests/cruft/test_gate.py), so :func:`.classifier.evidence` runs the pattern only on lines with the family.
FAMILIES: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = {
    "skip": ((FIRST_WORD, patterns.SKIP_FIRST), (ANYWHERE, patterns.SKIP_LITERALS)),
    "video": ((ANYWHERE, patterns.VIDEO_LITERALS),),
    "newsletter": ((ANYWHERE, patterns.NEWSLETTER_LITERALS),),
    "comments": ((ANYWHERE, patterns.COMMENTS_LITERALS),),
    "support": ((ANYWHERE, patterns.SUPPORT_LITERALS),),
    "arrow": ((ANYWHERE, patterns.ARROW_CHARS),),
    "breadcrumb": ((ANYWHERE, patterns.BREADCRUMB_CHARS),),
    # first words, signs and keywords of the other rules
    "ad_first": ((FIRST_WORD, patterns.AD_FIRST),),
    "dash_start": ((LINE_START, patterns.DASHES),),
    "handle": ((ANYWHERE, patterns.HANDLE),),
    "by_first": ((WHOLE_FIRST_WORD, tuple(sorted(lift.BY_FIRST))),),
    "possessive": ((ANYWHERE, ("'s", "’s")),),
    "role_first": ((WHOLE_FIRST_WORD, tuple(sorted(lift.ROLE_FIRST))), (FIRST_WORD, lift.ROLE_PREFIXES)),
    "dateline_first": ((FIRST_WORD, lift.DATELINE_FIRST),),
    "date_start": ((FIRST_WORD, lift.DATE_START),),
    "month": ((ANYWHERE, lift.MONTHS),),
    "teaser_first": ((FIRST_WORD, patterns.TEASER_FIRST), (WHOLE_FIRST_WORD, patterns.TEASER_WORDS)),
    "taxonomy_first": ((FIRST_WORD, patterns.TAXONOMY_FIRST),),
    "follow_first": ((WHOLE_FIRST_WORD, tuple(sorted(patterns.FOLLOW_FIRST))),),
    "affiliate": ((ANYWHERE, patterns.AFFILIATE_LITERALS),),
    "copyright_sign": ((ANYWHERE, ("©",)),),
    "cookie": ((ANYWHERE, ("cookie",)),),
    "footer": ((ANYWHERE, patterns.FOOTER_LITERALS),),
    "embed_link": ((ANYWHERE, patterns.EMBED_LITERALS),),
    "by_space": ((ANYWHERE, ("by ",)),),
    "url": ((ANYWHERE, URL_LITERALS),),
}
BIT = {name: 1 << i for i, name in enumerate(FAMILIES)}


# CLEANER_PURE_PYTHON=1 runs the pure-Python twin even where the core is built (tests set this flag directly).
PURE_PYTHON = bool(os.environ.get("CLEANER_PURE_PYTHON"))


def use_core() -> bool:
    """Whether the compiled core does the work (it is built and not turned off by :data:`PURE_PYTHON`)."""
    return core is not None and not PURE_PYTHON


def measure(texts: list[str], language: str) -> np.ndarray:
    """:data:`COLUMNS` (int64 rows) of each of ``texts`` (columns), with the stop list of ``language``.

    >>> rows = measure(["Share this article", "The storm hit the coast."], "en")
    >>> [dict(zip(["words", "stops", "sentence", "share_bar"], r)) for r in rows[[1, 2, 3, 5]].T.tolist()]
    [{'words': 3, 'stops': 1, 'sentence': 0, 'share_bar': 1}, {'words': 5, 'stops': 2, 'sentence': 1, 'share_bar': 0}]
    """
    if use_core():
        out = np.empty((len(COLUMNS), len(texts)), dtype=np.int64)
        core.measure(texts, _words(language), _literals(), out)
        return out
    return measure_python(texts, stoplist(language))


def word_groups(texts: list[str], hint: str = "und") -> np.ndarray:
    """How many words of ``texts`` fall in each group of languages of the stop-list index (floats).

    What :func:`~cleaner.cruft.stoplists.best_stoplist_of_groups` reads to choose a page's stop list.
    """
    if use_core():
        return _word_counts(texts, hint)[0]
    return stoplists._per_group([word for text in texts for word in lower_words(text.lower())])


def choose_stoplist(texts: list[str], hint: str = "und") -> tuple[str, frozenset[str]]:
    """:func:`~cleaner.cruft.stoplists.best_stoplist` of the words of ``texts``.

    The core looks each word up in the ``hint`` language's small list first (most words of a page's
    prose are there; the index of every list is large), and counts how many it held, which is all the
    hint's shortcut needs.

    >>> choose_stoplist(["Der Sturm hat die Küste erreicht und es war der stärkste seit Jahren."], "en")[0]
    'de'
    """
    if not use_core():
        return stoplists.best_stoplist_of_groups(word_groups(texts, hint), hint)
    per_group, own, held = _word_counts(texts, hint)
    stops = stoplists.hint_list(hint)
    if stops and stoplists.hint_holds(held, own):  # best_stoplist_of_groups' shortcut, from the counts alone
        return hint, stops
    return stoplists.best_stoplist_of_groups(per_group, hint)


def _word_counts(texts: list[str], hint: str) -> tuple[np.ndarray, int, int]:
    """Per group of languages (floats); how many words the hint's list held; how many any list held."""
    n_groups = len(stoplists._language_groups()[1])
    out = np.zeros(n_groups + 3, dtype=np.int64)
    core.word_counts(texts, _hint_groups(hint), _group_words(), out)
    return out[1 : n_groups + 1].astype(float), int(out[-2]), int(out[-1])


def distinct(lines: list[str], k: int) -> tuple[list[str], np.ndarray, list[int]]:
    """The distinct lines in order of first appearance, each line's index among them, and the ``k`` longest
    lines' indices (longest first; on a tie, the earlier line first).

    >>> unique, order, longest = distinct(["a", "bbb", "a", "cc"], 2)
    >>> unique, order.tolist(), longest
    (['a', 'bbb', 'cc'], [0, 1, 0, 2], [1, 3])
    """
    order = np.empty(len(lines), dtype=np.int64)
    if use_core():
        unique, longest = core.distinct(lines, k, order)
        return unique, order, longest
    unique = list(dict.fromkeys(lines))
    position = {text: i for i, text in enumerate(unique)}
    order[:] = list(map(position.__getitem__, lines))
    lengths = list(map(len, lines))
    return unique, order, sorted(range(len(lines)), key=lambda i: (-lengths[i], i))[:k]


@cache
def _group_words() -> object:
    return core.Words(stoplists.group_index())


@cache
def _hint_groups(language: str) -> object:
    index = stoplists.group_index()
    return core.Words({word: index[word] for word in stoplist(language) if word in index})


def prepare() -> None:
    """Build the tables every page needs (the stop lists' word index, the literal automaton) now, not on a first page.

    The per-language tables are small and built when a language first turns up.
    """
    stoplists.best_stoplist(["the"])
    if use_core():
        _group_words()
        _literals()


@lru_cache(maxsize=4096)
def hits(bits: int, marks: int = 0) -> frozenset[str]:
    """The names of the families among a line's literal bits, and of its marks.

    >>> sorted(hits(BIT["skip"] | BIT["cookie"] | BIT["video"], MARK["menu"]))
    ['cookie', 'menu', 'skip', 'video']
    """
    return frozenset(
        [*(name for name, bit in BIT.items() if bits & bit), *(name for name, bit in MARK.items() if marks & bit)]
    )


def line_hits(text: str, stops: frozenset[str]) -> frozenset[str]:
    """:func:`hits` of one line measured on its own (its marks read the stop list ``stops``).

    >>> sorted(line_hits("Share Tweet Email", frozenset()) & {"share_bar", "menu", "not_sentence"})
    ['not_sentence', 'share_bar']
    """
    row = measure_python([text], stops)[:, 0]
    return hits(int(row[COL["literals"]]), int(row[COL["marks"]]))


@cache
def _words(language: str) -> object:
    """The core's word table for a stop list: each word's STOP, SHARE and CREDIT bits."""
    return core.Words(word_bits(stoplist(language)))


def word_bits(stops: frozenset[str]) -> dict[str, int]:
    """The word table's contents: stop words of the page's list, share-bar words, credit words."""
    table: dict[str, int] = {}
    for words, bit in ((stops, STOP), (patterns.SHARE_WORDS, SHARE), (patterns.CREDIT_WORDS, CREDIT)):
        for word in words:
            table[word] = table.get(word, 0) | bit
    return table


@cache
def _literals() -> object:
    return core.Literals(literal_table())


def literal_table() -> list[tuple[str, int, int]]:
    """``(literal, anchor, bit)`` for every literal of every family (what the core's automaton is built from)."""
    table = []
    for bit, groups in enumerate(FAMILIES.values()):
        for anchor, literals in groups:
            for literal in literals:
                # A literal anchored at the first word must start with that word: with a letter or a digit.
                assert anchor < FIRST_WORD or literal[:1].isalnum(), literal
                table.append((literal, anchor, bit))
    return table


# ----------------------------------------------------------------------------------------------------------------
# The pure-Python twin of the core: the definition of every column.

_FIRST_ALNUM = re.compile(r"[^\W_]")
_DECIMAL = re.compile(r"\d")
_BULLETS = frozenset("•-*·–—►▶>»|▪◦●■□✓✔→")
_FAMILY_ITEMS = tuple((BIT[name], anchor, literals) for name, groups in FAMILIES.items() for anchor, literals in groups)
_DIGIT_SEPARATOR = re.compile(r"\d[./-]\d")
_DIGIT_DATE = re.compile(r"\d[./-]\d+[./-]\d")


def literal_bits(low: str) -> int:
    """The families whose literals the lower-cased line ``low`` contains, as bits of :data:`BIT`.

    >>> literal_bits("skip to content") == BIT["skip"], literal_bits("by ann lee") == BIT["by_first"] | BIT["by_space"]
    (True, True)
    """
    m = _FIRST_ALNUM.search(low)
    first = m.start() if m else -1
    bits = 0
    for bit, anchor, literals in _FAMILY_ITEMS:
        if anchor == ANYWHERE:
            if patterns.contains_any(low, literals):
                bits |= bit
        elif anchor == LINE_START:
            if low.startswith(literals):
                bits |= bit
        elif anchor == FIRST_WORD:
            if first >= 0 and low.startswith(literals, first):
                bits |= bit
        elif first >= 0 and any(
            low.startswith(literal, first) and not low[first + len(literal) : first + len(literal) + 1].isalnum()
            for literal in literals
        ):
            bits |= bit
    return bits


def _shape_counts(texts: list[str], lows: list[str]) -> np.ndarray:
    """Per text: digits, punctuation, letters, upper-case letters, words starting with a letter, and with a capital.

    The line model's character classes: ASCII digits; ASCII punctuation, general punctuation
    and symbols (U+2010–U+2BFF), Latin-1 signs (U+00A1–U+00BF) and ×; a space is a control character,
    a blank, no-break space, U+2000–U+200B or the ideographic space; a letter is anything else.  A
    letter is upper case when ``lower()`` changes it, unless ``lower()`` changes the length of some
    text of the page: then when ``str.isupper`` says so.
    """
    n = len(texts)
    out = np.zeros((n, 6), dtype=np.int64)
    if n == 0:
        return out
    joined = "\n".join(texts)  # the separator is a space: it ends each text's last word
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    resized = any(len(t) != len(low) for t, low in zip(texts, lows, strict=True))
    if resized:
        is_upper = np.fromiter((c.isupper() for c in joined), dtype=bool, count=len(joined))
    else:
        lower = "\n".join(lows)
        is_upper = codes != np.frombuffer(lower.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    digit = (codes >= 48) & (codes <= 57)
    space = (codes <= 32) | (codes == 0xA0) | ((codes >= 0x2000) & (codes <= 0x200B)) | (codes == 0x3000)
    ascii_ = codes < 128
    punct = np.zeros(len(codes), dtype=bool)
    punct[ascii_] = np.isin(codes[ascii_], np.frombuffer(b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", dtype=np.uint8))
    punct |= ((codes >= 0x2010) & (codes <= 0x2BFF)) | ((codes >= 0xA1) & (codes <= 0xBF)) | (codes == 0xD7)
    letter = ~(digit | space | punct)
    word_start = np.concatenate(([True], space[:-1])) & letter
    text_of = np.repeat(np.arange(n), [len(t) + 1 for t in texts])[: len(codes)]
    for j, flags in enumerate((digit, punct, letter, is_upper & letter, word_start, word_start & is_upper)):
        out[:, j] = np.bincount(text_of[flags], minlength=n)
    return out


def measure_python(texts: list[str], stops: frozenset[str]) -> np.ndarray:
    """:func:`measure` in Python: the definition the compiled core is held to."""
    n = len(texts)
    out = np.zeros((len(COLUMNS), n), dtype=np.int64)
    lows = [t.lower() for t in texts]
    shapes = _shape_counts(texts, lows)
    for j, name in enumerate(("digits", "punct", "letters", "upper", "alpha_starts", "capital_starts")):
        out[COL[name]] = shapes[:, j]
    fp_ids: dict[str, int] = {}
    first_ids: dict[str, int] = {}
    for i, (text, low) in enumerate(zip(texts, lows, strict=True)):
        toks = lower_words(low)
        last = text[-1:]
        stripped = text.rstrip()[-1:]
        row = {
            "chars": len(text),
            "words": len(toks),
            "stops": sum(map(stops.__contains__, toks)),
            "sentence": ends_sentence(text),
            "menu": patterns.menu_bar(text, toks, stops),
            "share_bar": patterns.share_bar(toks, stops),
            "credit_word": not patterns.CREDIT_WORDS.isdisjoint(toks),
            "literals": literal_bits(low),
            "fp_id": fp_ids.setdefault(fingerprint_of_words(toks), i),
            "first_id": first_ids.setdefault(text.split(" ", 1)[0], i),
            "resized": len(low) != len(text),
            "first_lower": text[:1].islower(),
            "first_digit": text[:1].isdigit(),
            "first_bullet": text[:1] in _BULLETS and bool(text),
            "first_upper": text[:1].isupper(),
            "commas": text.count(","),
            "inner_ends": text.count(". ") + text.count("! ") + text.count("? "),
            "ends_colon": text.endswith(":"),
            "last_clause": bool(last) and last in ":;,",
            "stripped_last_clause": bool(stripped) and stripped in ":;,",
            "separator": "|" in text or "»" in text or "›" in text,
            "copyright": "©" in text or "(c)" in text or "(C)" in text,
            "decimal": _DECIMAL.search(text) is not None,
            "first_decimal": bool(toks) and toks[0][0].isdecimal(),
            "colon": ":" in text,
            "underscore": "_" in text,
            "role_separator": not lift.ROLE_SEPARATORS.isdisjoint(text),
            "trail": patterns.is_breadcrumb(text),
            "digit_separator": _DIGIT_SEPARATOR.search(text) is not None,
            "first_word": (low.find(toks[0]) << 32 | len(toks[0])) if toks else 0,
            "digit_date": _DIGIT_DATE.search(text) is not None,
        }
        row["marks"] = sum(MARK[name] for name in MARKS[1:] if row[name]) | (not row["sentence"])
        for name, value in row.items():
            out[COL[name], i] = value
    return out


if core is not None and (core.COLUMNS, core.MARKS) != (COLUMNS, MARKS):  # pragma: no cover - a stale build
    raise ImportError("cleaner.cruft._core was built from another version of the source: reinstall the package")
